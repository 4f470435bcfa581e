// The console API: reviewers, bureau staff and institutions sign in with Cognito (MFA required); an HTTP
// API with a JWT authorizer in front of the API function (lib/http/api.ts). Verification of a notice is
// the one route without sign-in.
import { Duration, RemovalPolicy, aws_apigatewayv2 as apigw, aws_apigatewayv2_authorizers as authorizers, aws_apigatewayv2_integrations as integrations, aws_cognito as cognito, aws_ecr_assets as ecrAssets, aws_logs as logs } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { INCOMING_PREFIX, RESPONSES_PREFIX } from '../../lib/config.ts';
import type { DataStores } from './data-stores.ts';
import { FunctionWithLogGroup } from './function.ts';

export interface ConsoleApiProps {
  data: DataStores;
  image: ecrAssets.DockerImageAsset;
  removalPolicy: RemovalPolicy;
  /** Where the console's page is: the sign-in returns there and the API lets it call. */
  siteUrl: string;
  /** The Cognito hosted sign-in's domain prefix; unique per region. */
  signInDomainPrefix: string;
}

export class ConsoleApi extends Construct {
  readonly users: cognito.UserPool;
  readonly api: apigw.HttpApi;
  readonly handler: FunctionWithLogGroup;
  readonly signIn: cognito.UserPoolDomain;
  readonly siteClient: cognito.UserPoolClient;
  /** The routes without sign-in: by the code printed on a notice, and by the copy itself. */
  readonly verifyRoute: apigw.HttpRoute;
  readonly verifyCopyRoute: apigw.HttpRoute;

  constructor(scope: Construct, id: string, props: ConsoleApiProps) {
    super(scope, id);
    const { data } = props;
    this.users = new cognito.UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      passwordPolicy: { minLength: 12, requireDigits: true, requireLowercase: true, requireUppercase: true, requireSymbols: true },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      // Who may see what (lib/cases/access.ts principalFromClaims); set by the bureau's administrators only.
      customAttributes: {
        role: new cognito.StringAttribute({ minLen: 1, maxLen: 16, mutable: true }),
        jurisdictions: new cognito.StringAttribute({ minLen: 1, maxLen: 128, mutable: true }),
        institution: new cognito.StringAttribute({ minLen: 0, maxLen: 128, mutable: true }),
      },
      removalPolicy: props.removalPolicy,
    });
    // Users may read their access attributes but never write them (no self-promotion to reviewer).
    const readAttributes = new cognito.ClientAttributes().withStandardAttributes({ email: true }).withCustomAttributes('role', 'jurisdictions', 'institution');
    const writeAttributes = new cognito.ClientAttributes().withStandardAttributes({ email: true });
    const client = this.users.addClient('Client', { authFlows: { userSrp: true }, generateSecret: false, readAttributes, writeAttributes });
    this.signIn = this.users.addDomain('SignIn', { cognitoDomain: { domainPrefix: props.signInDomainPrefix } });
    this.siteClient = this.users.addClient('SiteClient', {
      generateSecret: false,
      oAuth: { flows: { authorizationCodeGrant: true }, scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE], callbackUrls: [props.siteUrl], logoutUrls: [props.siteUrl] },
      readAttributes,
      writeAttributes,
    });

    this.handler = new FunctionWithLogGroup(this, 'Handler', {
      image: props.image,
      handler: 'dist/functions/api.handler',
      data,
      // Page images of a scanned packet are rendered here (pdf.js, sharp) for the reviewer's case view.
      memorySize: 1536,
      timeout: Duration.seconds(29),
      // Its own share of the account's concurrency, so that a flood on the public verify route cannot take
      // the intake function's (or the account's) — issue 20, 11. The stage's throttling limits it first.
      reservedConcurrentExecutions: 10,
      removalPolicy: props.removalPolicy,
    });
    const fn = this.handler.fn;
    data.table.grantReadData(fn);
    // A reviewer's correction or decision re-judges the case: the ledgers and the case's next revision are
    // written under conditions (lib/cases/review.ts), the new notice put beside the old, the packet's pages
    // read (the case view draws the fields on them).
    data.table.grant(fn, 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem');
    data.responsesBucket.grantRead(fn, `${RESPONSES_PREFIX}*`);
    data.responsesBucket.grantPut(fn, `${RESPONSES_PREFIX}*`);
    data.intakeBucket.grantRead(fn, `${INCOMING_PREFIX}*`);
    // The console's uploads are presigned by this function and go straight to S3 under incoming/.
    data.intakeBucket.grantPut(fn, `${INCOMING_PREFIX}*`);
    // A bureau user disables, enables and resets its cities' users from the console (lib/aws/cognito-users.ts).
    fn.addEnvironment('INTAKE_USER_POOL', this.users.userPoolId);
    this.users.grant(fn, 'cognito-idp:ListUsers', 'cognito-idp:AdminDisableUser', 'cognito-idp:AdminEnableUser', 'cognito-idp:AdminSetUserPassword');

    this.api = new apigw.HttpApi(this, 'Api', {
      defaultAuthorizer: new authorizers.HttpUserPoolAuthorizer('Authorizer', this.users, { userPoolClients: [client, this.siteClient] }),
      // The console's page calls from its CloudFront origin with the ID token.
      corsPreflight: {
        allowOrigins: [props.siteUrl.replace(/\/$/, '')],
        allowHeaders: ['authorization', 'content-type'],
        allowMethods: [apigw.CorsHttpMethod.GET, apigw.CorsHttpMethod.POST, apigw.CorsHttpMethod.OPTIONS],
        maxAge: Duration.hours(1),
      },
    });
    const integration = new integrations.HttpLambdaIntegration('Integration', fn);
    // POST: uploads (presigned), reviewers' corrections and decisions.
    this.api.addRoutes({ path: '/api/{proxy+}', methods: [apigw.HttpMethod.GET, apigw.HttpMethod.POST], integration });
    // Anyone holding a notice checks it by the code printed on it: no sign-in (the handler answers only
    // whether it is authentic and current, never the case's contents).
    this.verifyRoute = this.api.addRoutes({ path: '/api/verify/{code}', methods: [apigw.HttpMethod.GET], integration, authorizer: new apigw.HttpNoneAuthorizer() })[0]!;
    // The copy itself, posted: its hash is looked up (notices, stamped packets, agreements, tables).
    this.verifyCopyRoute = this.api.addRoutes({ path: '/api/verify', methods: [apigw.HttpMethod.POST], integration, authorizer: new apigw.HttpNoneAuthorizer() })[0]!;

    const accessLog = new logs.LogGroup(this, 'AccessLogs', { retention: logs.RetentionDays.ONE_YEAR, encryptionKey: data.key, removalPolicy: props.removalPolicy });
    const stage = this.api.defaultStage!.node.defaultChild as apigw.CfnStage;
    // Throttled, so that nobody spends the account's Lambda concurrency through the API; the public verify
    // routes, open to anyone, far more tightly.
    stage.defaultRouteSettings = { throttlingRateLimit: 50, throttlingBurstLimit: 100 };
    // (A JSON map in CloudFormation: its keys as CloudFormation spells them.)
    stage.routeSettings = {
      'GET /api/verify/{code}': { ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 },
      'POST /api/verify': { ThrottlingRateLimit: 2, ThrottlingBurstLimit: 5 },
    };
    stage.accessLogSettings = {
      destinationArn: accessLog.logGroupArn,
      format: JSON.stringify({ requestId: '$context.requestId', ip: '$context.identity.sourceIp', routeKey: '$context.routeKey', status: '$context.status', user: '$context.authorizer.claims.sub' }),
    };
  }
}
