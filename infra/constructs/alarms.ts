// What somebody must know at once, and where to look: alarms on what goes wrong (an upload in the
// dead-letter queue, a function failing or throttled, packets waiting too long, the API failing or slow,
// the month's cost past its budget), sent to one topic with the operator's e-mail subscribed; and one
// dashboard of the same.
import { Duration, Stack, aws_apigatewayv2 as apigw, aws_budgets as budgets, aws_cloudwatch as cloudwatch, aws_cloudwatch_actions as cwActions, aws_iam as iam, aws_kms as kms, aws_lambda as lambda, aws_sns as sns, aws_sns_subscriptions as subs, aws_sqs as sqs } from 'aws-cdk-lib';
import { Construct } from 'constructs';

export interface AlarmsProps {
  queue: sqs.IQueue;
  deadLetterQueue: sqs.IQueue;
  intakeFunction: lambda.IFunction;
  apiFunction: lambda.IFunction;
  api: apigw.HttpApi;
  /** The topic's key (CloudWatch is let in to publish). */
  key: kms.Key;
  /** Who is told (context intake:alarmEmail); absent, the topic has no subscriber until one is added. */
  email?: string;
  /** The month's cost in USD past which the budget alarm tells the same address (context intake:monthlyBudgetUsd). */
  monthlyBudgetUsd: number;
}

export class Alarms extends Construct {
  readonly topic: sns.Topic;
  readonly dashboard: cloudwatch.Dashboard;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', { masterKey: props.key, enforceSSL: true });
    if (props.email) this.topic.addSubscription(new subs.EmailSubscription(props.email));
    // CloudWatch alarms publish to the encrypted topic.
    props.key.grantEncryptDecrypt(new iam.PrincipalWithConditions(new iam.ServicePrincipal('cloudwatch.amazonaws.com'), { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } }));

    const five = Duration.minutes(5);
    const alarm = (name: string, metric: cloudwatch.IMetric, threshold: number, description: string, periods = 1) => {
      const a = new cloudwatch.Alarm(this, name, {
        metric, threshold, evaluationPeriods: periods, alarmDescription: description,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      a.addAlarmAction(new cwActions.SnsAction(this.topic));
      this.alarms.push(a);
      return a;
    };
    alarm('DeadLetters', props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1) }), 0,
      'An upload failed three times and is in the intake dead-letter queue; fix the cause, then redrive (docs/DEPLOY.md).');
    alarm('OldestPacket', props.queue.metricApproximateAgeOfOldestMessage({ period: five, statistic: 'Maximum' }), 30 * 60,
      'A packet has waited more than 30 minutes to be read: the intake function is failing, throttled or too slow for the load.');
    for (const [name, fn, what] of [['Intake', props.intakeFunction, 'the intake function (reading and judging packets)'], ['Api', props.apiFunction, 'the console API']] as const) {
      alarm(`${name}Errors`, fn.metricErrors({ period: five, statistic: 'Sum' }), 0, `${what} failed in the last 5 minutes; its log group says why.`);
      alarm(`${name}Throttles`, fn.metricThrottles({ period: five, statistic: 'Sum' }), 0, `${what} was throttled: its reserved concurrency is spent.`);
    }
    alarm('Api5xx', props.api.metricServerError({ period: five, statistic: 'Sum' }), 5, 'The console API answered more than five 5xx in 5 minutes.');
    alarm('ApiLatency', props.api.metricLatency({ period: five, statistic: 'p95' }), 10_000, 'The console API\'s p95 latency is over 10 s for 15 minutes.', 3);

    if (props.email) {
      new budgets.CfnBudget(this, 'MonthlyBudget', {
        budget: { budgetType: 'COST', timeUnit: 'MONTHLY', budgetLimit: { amount: props.monthlyBudgetUsd, unit: 'USD' } },
        notificationsWithSubscribers: [80, 100].map((threshold) => ({
          notification: { notificationType: threshold === 100 ? 'FORECASTED' : 'ACTUAL', comparisonOperator: 'GREATER_THAN', threshold, thresholdType: 'PERCENTAGE' },
          subscribers: [{ subscriptionType: 'EMAIL', address: props.email! }],
        })),
      });
    }

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', { dashboardName: `${Stack.of(this).stackName}-operations`, defaultInterval: Duration.hours(24) });
    const graph = (title: string, metrics: cloudwatch.IMetric[]) => new cloudwatch.GraphWidget({ title, left: metrics, width: 12 });
    // The handler's own counts (functions/intake.ts, Powertools embedded metrics, namespace Intake).
    const own = (metricName: string, statistic = 'Sum', dimensionsMap: Record<string, string> = {}) =>
      new cloudwatch.Metric({ namespace: 'Intake', metricName, statistic, dimensionsMap: { service: 'intake', ...dimensionsMap }, period: Duration.hours(1) });
    const outcomes = ['accepted', 'supplement-required', 'rejected', 'warning'].map((outcome) => own('CasesDecided', 'Sum', { outcome }).with({ label: outcome }));
    this.dashboard.addWidgets(
      graph('Cases by outcome (per hour)', outcomes),
      graph('Pages read / cases held for a reviewer (per hour)', [own('PagesRead'), own('CasesHeldForReview')]),
      graph('Seconds a packet took: p50 / p95', [own('PacketSeconds', 'p50'), own('PacketSeconds', 'p95')]),
    );
    this.dashboard.addWidgets(
      graph('Packets waiting / dead letters', [props.queue.metricApproximateNumberOfMessagesVisible(), props.deadLetterQueue.metricApproximateNumberOfMessagesVisible()]),
      graph('Oldest packet waiting (s)', [props.queue.metricApproximateAgeOfOldestMessage({ statistic: 'Maximum' })]),
      graph('Intake function: invocations, errors, throttles', [props.intakeFunction.metricInvocations(), props.intakeFunction.metricErrors(), props.intakeFunction.metricThrottles()]),
      graph('Intake function: duration p50 / p95 (ms)', [props.intakeFunction.metricDuration({ statistic: 'p50' }), props.intakeFunction.metricDuration({ statistic: 'p95' })]),
      graph('Console API: requests, 4xx, 5xx', [props.api.metricCount(), props.api.metricClientError(), props.api.metricServerError()]),
      graph('Console API: latency p95 (ms)', [props.api.metricLatency({ statistic: 'p95' })]),
      new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24 }),
    );
  }
}
