// What somebody must know at once: an upload that failed three times waits in the dead-letter queue.
import { Duration, Stack, aws_cloudwatch as cloudwatch, aws_cloudwatch_actions as cwActions, aws_iam as iam, aws_kms as kms, aws_sns as sns, aws_sqs as sqs } from 'aws-cdk-lib';
import { Construct } from 'constructs';

export interface AlarmsProps {
  deadLetterQueue: sqs.IQueue;
  /** The topic's key (CloudWatch is let in to publish). */
  key: kms.Key;
}

export class Alarms extends Construct {
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', { masterKey: props.key, enforceSSL: true });
    // CloudWatch alarms publish to the encrypted topic.
    props.key.grantEncryptDecrypt(new iam.PrincipalWithConditions(new iam.ServicePrincipal('cloudwatch.amazonaws.com'), { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } }));
    const deadLetters = new cloudwatch.Alarm(this, 'DeadLetters', {
      metric: props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1) }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      alarmDescription: 'An upload failed three times and is in the intake dead-letter queue; run the redrive after fixing the cause.',
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    deadLetters.addAlarmAction(new cwActions.SnsAction(this.topic));
  }
}
