// A Lambda function of ours, from the one container image (the OCR models and native modules ship in it),
// with its own log group and a role that may write only there (not AWSLambdaBasicExecutionRole). Each
// construct that makes one grants it what its use case needs, and nothing else.
import { Duration, RemovalPolicy, aws_ecr_assets as ecrAssets, aws_iam as iam, aws_lambda as lambda, aws_logs as logs } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { DataStores } from './data-stores.ts';

export interface FunctionWithLogGroupProps {
  image: ecrAssets.DockerImageAsset;
  /** The handler in the image: dist/functions/<name>.handler. */
  handler: string;
  data: DataStores;
  memorySize: number;
  timeout: Duration;
  removalPolicy: RemovalPolicy;
  reservedConcurrentExecutions?: number;
}

export class FunctionWithLogGroup extends Construct {
  readonly fn: lambda.DockerImageFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: FunctionWithLogGroupProps) {
    super(scope, id);
    const { data } = props;
    this.logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.ONE_YEAR, encryptionKey: data.key, removalPolicy: props.removalPolicy });
    this.role = new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    this.role.addToPolicy(new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [this.logGroup.logGroupArn, `${this.logGroup.logGroupArn}:log-stream:*`] }));
    this.fn = new lambda.DockerImageFunction(this, 'Function', {
      code: lambda.DockerImageCode.fromEcr(props.image.repository, { tagOrDigest: props.image.imageTag, cmd: [props.handler] }),
      role: this.role,
      architecture: lambda.Architecture.X86_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      ...(props.reservedConcurrentExecutions ? { reservedConcurrentExecutions: props.reservedConcurrentExecutions } : {}),
      // The names lib/wiring/env.ts requires; a missing one stops the function at cold start.
      environment: {
        INTAKE_BUCKET: data.intakeBucket.bucketName,
        RESPONSES_BUCKET: data.responsesBucket.bucketName,
        CASE_TABLE: data.table.tableName,
        INTAKE_ID_MAC_KEY: data.personKey.keyArn,
        INTAKE_DATA_KEY: data.key.keyArn,
        INTAKE_EVENT_BUS: data.caseEvents.eventBusName,
        INTAKE_SIGNING_KEY: data.signingKey.keyArn,
        POWERTOOLS_SERVICE_NAME: 'intake',
        AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
      },
      logGroup: this.logGroup,
      tracing: lambda.Tracing.ACTIVE,
    });
    // Both functions read and write case data, key trainees (a reviewer's correction re-judges the case)
    // and publish decided cases.
    data.key.grantEncryptDecrypt(this.fn);
    data.personKey.grant(this.fn, 'kms:GenerateMac');
    // Both issue notices: they ask the signing key to sign a digest and read its public key, nothing else.
    data.signingKey.grant(this.fn, 'kms:Sign', 'kms:GetPublicKey');
    data.caseEvents.grantPutEventsTo(this.fn);
  }
}
