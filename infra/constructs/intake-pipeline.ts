// The intake pipeline: the intake bucket's ObjectCreated events on incoming/ → SQS (with a dead-letter
// queue after three failures) → the intake function (lib/cases/intake), one message at a time, partial
// batch failures reported so that only the failed message is retried.
import { Duration, RemovalPolicy, aws_ecr_assets as ecrAssets, aws_events as events, aws_events_targets as targets, aws_iam as iam, aws_lambda_event_sources as sources, aws_s3 as s3, aws_s3_notifications as s3n, aws_sqs as sqs } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { INCOMING_PREFIX, RESPONSES_PREFIX, INTAKE_FUNCTION_MEMORY_MB } from '../../lib/config.ts';
import type { DataStores } from './data-stores.ts';
import { FunctionWithLogGroup } from './function.ts';

export interface IntakePipelineProps {
  data: DataStores;
  image: ecrAssets.DockerImageAsset;
  removalPolicy: RemovalPolicy;
  /** Textract AnalyzeDocument for table geometry, check boxes and signatures (the text stays with PaddleOCR). */
  textractLayout?: boolean;
}

/** A packet is read inside one invocation. */
const PROCESS_TIMEOUT = Duration.minutes(15);

/** Pages a file may have on AWS, until pages are read in parallel (issue 23). */
export const LAMBDA_MAX_PAGES = 120;

export class IntakePipeline extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly intake: FunctionWithLogGroup;

  constructor(scope: Construct, id: string, props: IntakePipelineProps) {
    super(scope, id);
    const { data } = props;
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: data.queueKey,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new sqs.Queue(this, 'Queue', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: data.queueKey,
      enforceSSL: true,
      // AWS guidance: visibility ≥ 6 × the function timeout when Lambda polls the queue.
      visibilityTimeout: Duration.minutes(90),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: 3 },
    });
    data.intakeBucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.SqsDestination(this.queue), { prefix: INCOMING_PREFIX });

    this.intake = new FunctionWithLogGroup(this, 'Intake', {
      image: props.image,
      handler: 'dist/functions/intake.handler',
      data,
      memorySize: INTAKE_FUNCTION_MEMORY_MB,
      timeout: PROCESS_TIMEOUT,
      // Caps concurrent OCR (and Textract calls, where used) so a burst cannot exhaust quotas.
      reservedConcurrentExecutions: 20,
      removalPolicy: props.removalPolicy,
    });
    const fn = this.intake.fn;
    // One invocation reads a whole packet page after page: at about 5.5 s a scanned page (bench/RESULTS.md)
    // 120 pages a file leave room in the 900 s for the rest; a longer file is answered asking for it split.
    fn.addEnvironment('INTAKE_MAX_PAGES', String(LAMBDA_MAX_PAGES));
    fn.addEventSource(new sources.SqsEventSource(this.queue, { batchSize: 1, reportBatchItemFailures: true }));
    data.intakeBucket.grantRead(fn, `${INCOMING_PREFIX}*`);
    // Class videos are tagged for their own archive period.
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObjectTagging'], resources: [data.intakeBucket.arnForObjects(`${INCOMING_PREFIX}*`)] }));
    data.responsesBucket.grantPut(fn, `${RESPONSES_PREFIX}*`);
    // Cases are written once in a conditional transaction and never deleted: no DeleteItem, no Scan.
    // BatchGetItem: the cross-case ledgers of a roster are read in one go (lib/aws/dynamodb.ts loadHistory).
    data.table.grant(fn, 'dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem');
    // Every 15 minutes, the packets whose last files never came are answered with what did (lib/cases/intake/overdue.ts).
    new events.Rule(this, 'OverduePackets', {
      description: 'intake: answer packets that waited too long for their last files',
      schedule: events.Schedule.rate(Duration.minutes(15)),
      targets: [new targets.LambdaFunction(fn, { retryAttempts: 2 })],
    });
    if (props.textractLayout) {
      fn.addEnvironment('INTAKE_LAYOUT', 'textract');
      fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['textract:AnalyzeDocument'], resources: ['*'] }));
    }
  }
}
