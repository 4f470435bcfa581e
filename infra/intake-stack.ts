// The deployable shape of intake, one construct per concern:
//   DataStores     buckets, case table, keys, the case-events bus        (constructs/data-stores.ts)
//   IntakePipeline intake bucket → SQS (+DLQ) → intake function           (constructs/intake-pipeline.ts)
//   ConsoleSite    CloudFront over the page's private bucket              (constructs/console-site.ts)
//   ConsoleApi     Cognito, HTTP API with a JWT authorizer, API function  (constructs/console-api.ts)
//   Alarms         the dead-letter alarm and its topic                    (constructs/alarms.ts)
// Keys, prefixes and filters come from lib/config.ts, the same definitions the embedded stack uses.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CfnOutput, RemovalPolicy, Stack, type StackProps, aws_apigatewayv2 as apigw, aws_cloudfront as cloudfront, aws_ecr_assets as ecrAssets, aws_iam as iam } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Alarms } from './constructs/alarms.ts';
import { ConsoleApi } from './constructs/console-api.ts';
import { ConsoleSite } from './constructs/console-site.ts';
import { DataStores } from './constructs/data-stores.ts';
import { IntakePipeline } from './constructs/intake-pipeline.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface IntakeStackProps extends StackProps {
  /** Keep data on stack deletion (true in production). */
  retainData?: boolean;
  /** The Cognito hosted sign-in's domain prefix (default intake-console-<account>); unique per region. */
  signInDomainPrefix?: string;
  /** Textract AnalyzeDocument for table geometry, check boxes and signatures (the text stays with PaddleOCR). */
  textractLayout?: boolean;
  /** The console's own domain and its ACM certificate in us-east-1 (context intake:domainName, intake:certificateArn). */
  consoleDomain?: { name: string; certificateArn: string };
  /** A CloudFront WAF web ACL for the console (the IntakeEdge stack's output; context intake:webAclArn). */
  webAclArn?: string;
  /** Who the alarms and the budget tell (context intake:alarmEmail). */
  alarmEmail?: string;
  /** The month's cost in USD past which the budget tells them (context intake:monthlyBudgetUsd, default 300). */
  monthlyBudgetUsd?: number;
}

export class IntakeStack extends Stack {
  readonly data: DataStores;
  readonly pipeline: IntakePipeline;
  readonly site: ConsoleSite;
  readonly console: ConsoleApi;
  readonly alarms: Alarms;

  constructor(scope: Construct, id: string, props: IntakeStackProps = {}) {
    super(scope, id, props);
    const removalPolicy = props.retainData === false ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;
    this.data = new DataStores(this, 'Data', { removalPolicy });

    // One image for both functions: the compiled handlers, runtime dependencies only, the OCR models and
    // native modules (onnxruntime, sharp) with them (infra/lambda.Dockerfile).
    const image = new ecrAssets.DockerImageAsset(this, 'FunctionImage', {
      directory: ROOT,
      file: 'infra/lambda.Dockerfile',
      platform: ecrAssets.Platform.LINUX_AMD64,
      exclude: ['node_modules', 'dist', '.local', 'cdk.out', '.git', '.ci', 'test', 'bench', 'docs', 'local', 'web', 'scratch', '*.log'],
    });
    this.pipeline = new IntakePipeline(this, 'Pipeline', { data: this.data, image, removalPolicy, ...(props.textractLayout ? { textractLayout: true } : {}) });
    this.site = new ConsoleSite(this, 'Site', { accessLogs: this.data.accessLogs, removalPolicy, pageDirectory: path.join(ROOT, 'web'), ...(props.consoleDomain ? { domain: props.consoleDomain } : {}), ...(props.webAclArn ? { webAclArn: props.webAclArn } : {}) });
    this.console = new ConsoleApi(this, 'Console', {
      data: this.data, image, removalPolicy, siteUrl: this.site.url, signInDomainPrefix: props.signInDomainPrefix ?? `intake-console-${this.account}`,
    });
    // A notice's QR code opens the console's public verify page (lib/config.ts VERIFY_URL).
    for (const f of [this.pipeline.intake.fn, this.console.handler.fn]) f.addEnvironment('INTAKE_VERIFY_URL', `${this.site.url}verify.html`);
    this.site.publish({
      apiUrl: this.console.api.apiEndpoint,
      auth: { domain: this.console.signIn.baseUrl(), clientId: this.console.siteClient.userPoolClientId, redirectUri: this.site.url },
    });
    // CloudWatch Logs encrypts the functions' and the API's log groups with the data key — for this
    // account's log groups only.
    this.data.key.grantEncryptDecrypt(new iam.PrincipalWithConditions(new iam.ServicePrincipal(`logs.${this.region}.amazonaws.com`), {
      ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${this.partition}:logs:${this.region}:${this.account}:log-group:*` },
    }));
    // The console's browser uploads come from its page's origin: the bureau's domain where it has one.
    this.data.allowUploadsFrom(this.site.url.replace(/\/$/, ''));
    this.alarms = new Alarms(this, 'Alarms', {
      queue: this.pipeline.queue, deadLetterQueue: this.pipeline.deadLetterQueue, intakeFunction: this.pipeline.intake.fn, apiFunction: this.console.handler.fn,
      api: this.console.api, key: this.data.queueKey, monthlyBudgetUsd: props.monthlyBudgetUsd ?? 300, ...(props.alarmEmail ? { email: props.alarmEmail } : {}),
    });
    this.outputs();
  }

  /** What the operator needs after a deploy (docs/DEPLOY.md refers to each by name). */
  private outputs(): void {
    const out = (id: string, value: string, description: string) => new CfnOutput(this, id, { value, description });
    out('ConsoleUrl', this.site.url, 'The console (institutions, reviewers, the bureau); verify.html beside it is public');
    out('ApiUrl', this.console.api.apiEndpoint, 'The console API (Cognito JWT); /api/verify is public');
    out('UserPoolId', this.console.users.userPoolId, 'Console users: intake users add … --user-pool <this> (docs/DEPLOY.md)');
    out('UserPoolClientId', this.console.siteClient.userPoolClientId, 'The console page\'s app client');
    out('SignInUrl', this.console.signIn.baseUrl(), 'Cognito hosted sign-in');
    out('IntakeBucketName', this.data.intakeBucket.bucketName, 'Uploads: incoming/{jurisdiction}/{institution}/{packet}/{file}');
    out('ResponsesBucketName', this.data.responsesBucket.bucketName, 'Issued notices and stamped copies');
    out('CaseTableName', this.data.table.tableName, 'Cases, ledgers, registry (PITR on)');
    out('IntakeQueueUrl', this.pipeline.queue.queueUrl, 'Upload events waiting to be read');
    out('DeadLetterQueueUrl', this.pipeline.deadLetterQueue.queueUrl, 'Uploads that failed three times; redrive after the fix');
    out('AlarmTopicArn', this.alarms.topic.topicArn, 'Alarms go here; subscribe more addresses if need be');
    out('DashboardName', this.alarms.dashboard.dashboardName, 'CloudWatch dashboard of the pipeline and the API');
  }

  /** The routes anyone may call without signing in (notice verification). */
  get publicRoutes(): apigw.HttpRoute[] {
    return [this.console.verifyRoute, this.console.verifyCopyRoute];
  }

  get consoleDistribution(): cloudfront.Distribution {
    return this.site.distribution;
  }
}
