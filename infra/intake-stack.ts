// The deployable shape of intake: intake bucket → (ObjectCreated on incoming/) → SQS (+DLQ) → intake
// Lambda (container image with the OCR models) → DynamoDB; notices into the responses bucket; the
// console API behind Cognito; an alarm on the DLQ. Keys, prefixes and filters come from lib/config.ts,
// the same definitions the embedded stack uses.
import * as events from 'aws-cdk-lib/aws-events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  Duration,
  RemovalPolicy,
  Stack,
  type StackProps,
  aws_apigatewayv2 as apigw,
  aws_apigatewayv2_authorizers as authorizers,
  aws_apigatewayv2_integrations as integrations,
  aws_cloudfront as cloudfront,
  aws_cloudfront_origins as origins,
  aws_cloudwatch as cloudwatch,
  aws_cloudwatch_actions as cwActions,
  aws_cognito as cognito,
  aws_dynamodb as dynamodb,
  aws_ecr_assets as ecrAssets,
  aws_iam as iam,
  aws_kms as kms,
  aws_lambda as lambda,
  aws_lambda_event_sources as sources,
  aws_logs as logs,
  aws_s3 as s3,
  aws_s3_deployment as s3deploy,
  aws_s3_notifications as s3n,
  aws_sns as sns,
  aws_sqs as sqs,
} from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { INCOMING_PREFIX, RECORD_TAG, RESPONSES_PREFIX, TABLE } from '../lib/config.ts';
import { retentionDays, retentionTable } from '../lib/rules/retention.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface IntakeStackProps extends StackProps {
  /** Keep data on stack deletion (true in production). */
  retainData?: boolean;
  /** The Cognito hosted sign-in's domain prefix (default intake-console-<account>); unique per region. */
  signInDomainPrefix?: string;
  /** Textract AnalyzeDocument for table geometry, check boxes and signatures (the text stays with PaddleOCR). */
  textractLayout?: boolean;
}

export class IntakeStack extends Stack {
  readonly intakeBucket: s3.Bucket;
  readonly responsesBucket: s3.Bucket;
  readonly table: dynamodb.Table;
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly intakeFunction: lambda.DockerImageFunction;
  /** The one route without sign-in. */
  readonly verifyRoute: apigw.HttpRoute;
  readonly caseEvents: events.EventBus;
  readonly verifyCopyRoute: apigw.HttpRoute;
  readonly consoleDistribution: cloudfront.Distribution;
  readonly consolePage: s3deploy.BucketDeployment;

  constructor(scope: Construct, id: string, props: IntakeStackProps = {}) {
    super(scope, id, props);
    const removalPolicy = props.retainData === false ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;

    // Case data is personal data: one customer-managed key for buckets, queues, table and topic.
    const key = new kms.Key(this, 'DataKey', { enableKeyRotation: true, description: 'intake case data', removalPolicy });
    // A key of its own for the queues: S3 must be let into the queue key's policy by bucket ARN, and the
    // buckets already reference the data key, so one key for both would be a circular dependency.
    const queueKey = new kms.Key(this, 'QueueKey', { enableKeyRotation: true, description: 'intake upload events', removalPolicy });

    const accessLogs = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED, // S3 server access logging cannot write to SSE-KMS buckets
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      removalPolicy,
      lifecycleRules: [{ expiration: Duration.days(400) }],
    });

    // Each city's archive period (from its rule pack) on its own prefix; noncurrent versions (overwritten
    // uploads) are kept as long. Qidong's class videos have their own, shorter period (tag record=video).
    const retentionRules = (prefix: string): s3.LifecycleRule[] =>
      retentionTable().flatMap(({ jurisdiction, retention }) => [
        {
          id: `retain-${prefix.replace(/\/$/, '')}-${jurisdiction}-${retention.years}y`,
          prefix: `${prefix}${jurisdiction}/`,
          expiration: Duration.days(retentionDays(retention.years)),
          noncurrentVersionExpiration: Duration.days(retentionDays(retention.years)),
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
        ...(retention.videoYears
          ? [
              {
                id: `retain-${prefix.replace(/\/$/, '')}-${jurisdiction}-video-${retention.videoYears}y`,
                prefix: `${prefix}${jurisdiction}/`,
                tagFilters: { [RECORD_TAG]: 'video' },
                expiration: Duration.days(retentionDays(retention.videoYears)),
                noncurrentVersionExpiration: Duration.days(retentionDays(retention.videoYears)),
              },
            ]
          : []),
      ]);

    const dataBucket = (name: string, cors: boolean, prefix: string) =>
      new s3.Bucket(this, name, {
        lifecycleRules: retentionRules(prefix),
        encryption: s3.BucketEncryption.KMS,
        encryptionKey: key,
        bucketKeyEnabled: true,
        blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
        enforceSSL: true,
        versioned: true,
        serverAccessLogsBucket: accessLogs,
        serverAccessLogsPrefix: `${name}/`,
        removalPolicy,
        cors: cors
          ? [{ allowedMethods: [s3.HttpMethods.POST, s3.HttpMethods.PUT], allowedOrigins: ['*'], allowedHeaders: ['*'], exposedHeaders: ['ETag'] }]
          : undefined,
      });
    this.intakeBucket = dataBucket('IntakeBucket', true, INCOMING_PREFIX);
    this.responsesBucket = dataBucket('ResponsesBucket', false, RESPONSES_PREFIX);
    // Records are removed by their lifecycle rule when the city's period ends, by nobody before: no
    // person or role may delete an object or a version (lifecycle expiry is not subject to this policy).
    for (const bucket of [this.intakeBucket, this.responsesBucket]) {
      bucket.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: 'NoDeletesBeforeRetentionEnds',
          effect: iam.Effect.DENY,
          principals: [new iam.AnyPrincipal()],
          actions: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
          resources: [bucket.arnForObjects('*')],
        }),
      );
    }

    // The same keys and indexes as lib/config.ts tableDefinition(), which the embedded stack creates.
    this.table = new dynamodb.Table(this, 'CaseTable', {
      partitionKey: { name: TABLE.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE.sortKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: key,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: props.retainData !== false,
      removalPolicy,
    });
    for (const g of [TABLE.byTime, TABLE.byOwner]) {
      this.table.addGlobalSecondaryIndex({
        indexName: g.name,
        partitionKey: { name: g.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: g.sortKey, type: dynamodb.AttributeType.STRING },
      });
    }

    this.deadLetterQueue = new sqs.Queue(this, 'IntakeDeadLetters', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: queueKey,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    const processTimeout = Duration.minutes(15);
    this.queue = new sqs.Queue(this, 'IntakeQueue', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: queueKey,
      enforceSSL: true,
      // AWS guidance: visibility ≥ 6 × the function timeout when Lambda polls the queue.
      visibilityTimeout: Duration.minutes(90),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: 3 },
    });
    this.intakeBucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.SqsDestination(this.queue), { prefix: INCOMING_PREFIX });

    // One image for both functions: the OCR models and native modules (onnxruntime, sharp) ship in it.
    const imageAsset = new ecrAssets.DockerImageAsset(this, 'FunctionImage', {
      directory: ROOT,
      file: 'infra/lambda.Dockerfile',
      platform: ecrAssets.Platform.LINUX_AMD64,
      exclude: ['node_modules', '.local', 'cdk.out', '.git', '.ci', 'test', 'bench', 'docs', 'local', 'web', 'scratch', '*.log'],
    });
    const image = (cmd: string) => lambda.DockerImageCode.fromEcr(imageAsset.repository, { tagOrDigest: imageAsset.imageTag, cmd: [cmd] });
    const env = {
      INTAKE_BUCKET: this.intakeBucket.bucketName,
      RESPONSES_BUCKET: this.responsesBucket.bucketName,
      CASE_TABLE: this.table.tableName,
      POWERTOOLS_SERVICE_NAME: 'intake',
      AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
    };
    // Roles of our own (not AWSLambdaBasicExecutionRole): logs only to the function's own log group.
    const functionRole = (name: string, logGroup: logs.LogGroup) => {
      const role = new iam.Role(this, `${name}Role`, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      role.addToPolicy(new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn, `${logGroup.logGroupArn}:log-stream:*`] }));
      return role;
    };
    const intakeLogs = new logs.LogGroup(this, 'IntakeLogs', { retention: logs.RetentionDays.ONE_YEAR, encryptionKey: key, removalPolicy });
    this.intakeFunction = new lambda.DockerImageFunction(this, 'IntakeFunction', {
      code: image('functions/entry/intake.handler'),
      role: functionRole('IntakeFunction', intakeLogs),
      architecture: lambda.Architecture.X86_64,
      memorySize: 3008,
      timeout: processTimeout,
      // Caps concurrent OCR (and Textract calls, where used) so a burst cannot exhaust quotas.
      reservedConcurrentExecutions: 20,
      environment: env,
      logGroup: intakeLogs,
      tracing: lambda.Tracing.ACTIVE,
    });
    this.intakeFunction.addEventSource(new sources.SqsEventSource(this.queue, { batchSize: 1, reportBatchItemFailures: true }));
    this.intakeBucket.grantRead(this.intakeFunction, `${INCOMING_PREFIX}*`);
    this.intakeFunction.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObjectTagging'], resources: [this.intakeBucket.arnForObjects(`${INCOMING_PREFIX}*`)] }));
    this.responsesBucket.grantPut(this.intakeFunction, 'responses/*');
    // Cases are written once in a conditional transaction and never deleted: no DeleteItem, no Scan.
    // Keyed hashes of ID numbers (person index): an HMAC key that never leaves KMS.
    const personKey = new kms.Key(this, 'PersonKey', {
      keySpec: kms.KeySpec.HMAC_256,
      keyUsage: kms.KeyUsage.GENERATE_VERIFY_MAC,
      description: 'intake: keyed hash of ID numbers used as index keys',
      removalPolicy,
    });
    personKey.grant(this.intakeFunction, 'kms:GenerateMac');
    this.intakeFunction.addEnvironment('INTAKE_ID_MAC_KEY', personKey.keyArn);
    // BatchGetItem: the cross-case ledgers of a roster are read in one go (lib/aws/dynamodb.ts loadHistory).
    this.table.grant(this.intakeFunction, 'dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem');
    // Decided cases go to the bureau's systems as events (ID numbers masked in them).
    this.caseEvents = new events.EventBus(this, 'CaseEvents', { description: 'intake: each decided case (case.decided), ID numbers and phones masked' });
    this.caseEvents.grantPutEventsTo(this.intakeFunction);
    this.intakeFunction.addEnvironment('INTAKE_EVENT_BUS', this.caseEvents.eventBusName);
    key.grantEncryptDecrypt(this.intakeFunction);
    if (props.textractLayout) {
      this.intakeFunction.addEnvironment('INTAKE_LAYOUT', 'textract');
      this.intakeFunction.addToRolePolicy(new iam.PolicyStatement({ actions: ['textract:AnalyzeDocument'], resources: ['*'] }));
    }

    // The console API: reviewers and institutions sign in with Cognito.
    const users = new cognito.UserPool(this, 'ConsoleUsers', {
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      passwordPolicy: { minLength: 12, requireDigits: true, requireLowercase: true, requireUppercase: true, requireSymbols: true },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      // Who may see what (lib/access.ts principalFromClaims); set by the bureau's administrators only.
      customAttributes: {
        role: new cognito.StringAttribute({ minLen: 1, maxLen: 16, mutable: true }),
        jurisdictions: new cognito.StringAttribute({ minLen: 1, maxLen: 128, mutable: true }),
        institution: new cognito.StringAttribute({ minLen: 0, maxLen: 128, mutable: true }),
      },
      removalPolicy,
    });
    const client = users.addClient('ConsoleClient', {
      authFlows: { userSrp: true },
      generateSecret: false,
      // Users may read their access attributes but never write them (no self-promotion to reviewer).
      readAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true }).withCustomAttributes('role', 'jurisdictions', 'institution'),
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true }),
    });
    const apiLogs = new logs.LogGroup(this, 'ApiLogs', { retention: logs.RetentionDays.ONE_YEAR, encryptionKey: key, removalPolicy });
    const apiFunction = new lambda.DockerImageFunction(this, 'ApiFunction', {
      code: image('functions/entry/api.handler'),
      role: functionRole('ApiFunction', apiLogs),
      // Page images of a scanned packet are rendered here (pdf.js, sharp) for the reviewer's case view.
      memorySize: 1536,
      timeout: Duration.seconds(29),
      environment: env,
      logGroup: apiLogs,
      tracing: lambda.Tracing.ACTIVE,
    });
    this.table.grantReadData(apiFunction);
    // A reviewer's correction or decision re-judges the case: the ledgers and the case's next revision are
    // written under conditions (lib/review.ts), the new notice put beside the old, the packet's pages read
    // (the case view draws the fields on them), and the new revision published to the bureau.
    this.table.grant(apiFunction, 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem');
    this.responsesBucket.grantRead(apiFunction, 'responses/*');
    this.responsesBucket.grantPut(apiFunction, 'responses/*');
    this.intakeBucket.grantRead(apiFunction, `${INCOMING_PREFIX}*`);
    personKey.grant(apiFunction, 'kms:GenerateMac');
    apiFunction.addEnvironment('INTAKE_ID_MAC_KEY', personKey.keyArn);
    this.caseEvents.grantPutEventsTo(apiFunction);
    apiFunction.addEnvironment('INTAKE_EVENT_BUS', this.caseEvents.eventBusName);
    // The console's uploads are presigned by this function and go straight to S3 under incoming/.
    this.intakeBucket.grantPut(apiFunction, `${INCOMING_PREFIX}*`);
    key.grantEncrypt(apiFunction);
    key.grantDecrypt(apiFunction);
    // The console's page on AWS: CloudFront in front of a private bucket (origin access control). It signs
    // in with Cognito's hosted UI (authorization code with PKCE; MFA as the pool requires) and calls the API
    // above with the ID token; config.json tells the page where both are.
    const consoleLogs = new s3.Bucket(this, 'ConsoleLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      // CloudFront standard logs are delivered with an ACL.
      objectOwnership: s3.ObjectOwnership.OBJECT_WRITER,
      enforceSSL: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'ConsoleLogs/',
      lifecycleRules: [{ expiration: Duration.days(400) }],
      removalPolicy,
    });
    const siteBucket = new s3.Bucket(this, 'ConsoleSite', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'ConsoleSite/',
      removalPolicy,
    });
    this.consoleDistribution = new cloudfront.Distribution(this, 'ConsoleDistribution', {
      comment: 'intake console',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(siteBucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: cloudfront.ResponseHeadersPolicy.SECURITY_HEADERS,
      },
      enableLogging: true,
      logBucket: consoleLogs,
      logFilePrefix: 'cloudfront/',
    });
    const siteUrl = `https://${this.consoleDistribution.distributionDomainName}/`;
    const signIn = users.addDomain('ConsoleSignIn', { cognitoDomain: { domainPrefix: props.signInDomainPrefix ?? `intake-console-${this.account}` } });
    const siteClient = users.addClient('ConsoleSiteClient', {
      generateSecret: false,
      oAuth: { flows: { authorizationCodeGrant: true }, scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE], callbackUrls: [siteUrl], logoutUrls: [siteUrl] },
      readAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true }).withCustomAttributes('role', 'jurisdictions', 'institution'),
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true }),
    });

    const accessLog = new logs.LogGroup(this, 'ApiAccessLogs', { retention: logs.RetentionDays.ONE_YEAR, encryptionKey: key, removalPolicy });
    const api = new apigw.HttpApi(this, 'ConsoleApi', {
      defaultAuthorizer: new authorizers.HttpUserPoolAuthorizer('ConsoleAuthorizer', users, { userPoolClients: [client, siteClient] }),
      // The console's page calls from its CloudFront origin with the ID token.
      corsPreflight: {
        allowOrigins: [`https://${this.consoleDistribution.distributionDomainName}`],
        allowHeaders: ['authorization', 'content-type'],
        allowMethods: [apigw.CorsHttpMethod.GET, apigw.CorsHttpMethod.POST, apigw.CorsHttpMethod.OPTIONS],
        maxAge: Duration.hours(1),
      },
    });
    const apiIntegration = new integrations.HttpLambdaIntegration('ApiIntegration', apiFunction);
    // POST: uploads (presigned), reviewers' corrections and decisions.
    api.addRoutes({ path: '/api/{proxy+}', methods: [apigw.HttpMethod.GET, apigw.HttpMethod.POST], integration: apiIntegration });
    // Anyone holding a notice checks it by the code printed on it: no sign-in (lib/api.ts answers only
    // whether it is authentic and current, never the case's contents).
    this.verifyRoute = api.addRoutes({ path: '/api/verify/{code}', methods: [apigw.HttpMethod.GET], integration: apiIntegration, authorizer: new apigw.HttpNoneAuthorizer() })[0]!;
    // The copy itself, posted: its hash is looked up (notices, stamped packets, agreements, tables).
    this.verifyCopyRoute = api.addRoutes({ path: '/api/verify', methods: [apigw.HttpMethod.POST], integration: apiIntegration, authorizer: new apigw.HttpNoneAuthorizer() })[0]!;
    this.consolePage = new s3deploy.BucketDeployment(this, 'ConsolePage', {
      sources: [
        s3deploy.Source.asset(path.join(ROOT, 'web')),
        s3deploy.Source.jsonData('config.json', { apiUrl: api.apiEndpoint, auth: { domain: signIn.baseUrl(), clientId: siteClient.userPoolClientId, redirectUri: siteUrl } }),
      ],
      destinationBucket: siteBucket,
      distribution: this.consoleDistribution,
      distributionPaths: ['/*'],
    });
    const stage = api.defaultStage!.node.defaultChild as apigw.CfnStage;
    stage.accessLogSettings = {
      destinationArn: accessLog.logGroupArn,
      format: JSON.stringify({ requestId: '$context.requestId', ip: '$context.identity.sourceIp', routeKey: '$context.routeKey', status: '$context.status', user: '$context.authorizer.claims.sub' }),
    };
    // CloudWatch Logs encrypts the log groups with the same key.
    key.grantEncryptDecrypt(new iam.ServicePrincipal(`logs.${this.region}.amazonaws.com`));

    // What failed three times waits in the DLQ; somebody must know at once.
    const alarmTopic = new sns.Topic(this, 'AlarmTopic', { masterKey: queueKey, enforceSSL: true });
    // CloudWatch alarms publish to the encrypted topic.
    queueKey.grantEncryptDecrypt(new iam.ServicePrincipal('cloudwatch.amazonaws.com'));
    const dlqAlarm = new cloudwatch.Alarm(this, 'DeadLettersAlarm', {
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1) }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      alarmDescription: 'An upload failed three times and is in the intake dead-letter queue; run the redrive after fixing the cause.',
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    dlqAlarm.addAlarmAction(new cwActions.SnsAction(alarmTopic));
  }
}
