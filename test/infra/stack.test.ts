// The CDK app's wiring, read from the synthesized template, and cdk-nag's AwsSolutions verdict.
import { App, aws_s3 as s3 } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp, cdkContext } from '../../infra/app.ts';
import { INCOMING_PREFIX, TABLE, tableDefinition } from '../../lib/config.ts';

let template: Template;
let app: App;

beforeAll(() => {
  const built = buildApp(new App({ context: cdkContext() }));
  app = built.app;
  // Synthesis runs the validation plugins (cdk-nag); with cdk.json's context any finding throws here.
  app.synth();
  template = Template.fromStack(built.stack);
});

describe('the CDK app', () => {
  it('synthesizes with cdk-nag AwsSolutions, and a finding nobody acknowledged fails the synth', () => {
    expect(template.toJSON().Resources).toBeDefined(); // beforeAll's synth passed the checks
    const bad = buildApp(new App({ context: cdkContext() }));
    new s3.Bucket(bad.stack, 'CarelessBucket'); // no access logs, no TLS-only policy: AwsSolutions-S1, S10
    expect(() => bad.app.synth()).toThrow(/AwsSolutions-S1|AwsSolutions-S10|validation/i);
  });

  it('intake and responses buckets: versioned, KMS-encrypted, public access blocked, TLS only', () => {
    const buckets = Object.values(template.findResources('AWS::S3::Bucket')).filter(
      (b) => b.Properties.BucketEncryption?.ServerSideEncryptionConfiguration?.[0]?.ServerSideEncryptionByDefault?.SSEAlgorithm === 'aws:kms',
    );
    expect(buckets).toHaveLength(2);
    for (const b of buckets) {
      expect(b.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
      expect(b.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
      expect(b.Properties.LoggingConfiguration).toBeDefined();
    }
    const tlsOnly = template.findResources('AWS::S3::BucketPolicy', {
      Properties: { PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) } },
    });
    expect(Object.keys(tlsOnly).length).toBeGreaterThanOrEqual(3);
  });

  it('object-created events under incoming/ go to the queue, which has a DLQ after 3 receives', () => {
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      NotificationConfiguration: {
        QueueConfigurations: [
          Match.objectLike({ Events: ['s3:ObjectCreated:*'], Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: INCOMING_PREFIX }] } } }),
        ],
      },
    });
    template.hasResourceProperties('AWS::SQS::Queue', { RedrivePolicy: { maxReceiveCount: 3, deadLetterTargetArn: Match.anyValue() }, VisibilityTimeout: 5400 });
  });

  it('hardened as issue 20 asks (11): API throttled, verify most of all; uploads from the console only; CSP and no framing; events on the data key; logs may use the key for this account only', () => {
    const stage = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'))[0]!.Properties;
    expect(stage.DefaultRouteSettings).toMatchObject({ ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 });
    expect(stage.RouteSettings['GET /api/verify/{code}'].ThrottlingRateLimit).toBeLessThanOrEqual(5);
    expect(stage.RouteSettings['POST /api/verify'].ThrottlingRateLimit).toBeLessThanOrEqual(5);
    const buckets = Object.values(template.findResources('AWS::S3::Bucket')).filter((b) => b.Properties.CorsConfiguration);
    expect(buckets).toHaveLength(1);
    const origins = buckets[0]!.Properties.CorsConfiguration.CorsRules.flatMap((r: { AllowedOrigins: unknown[] }) => r.AllowedOrigins);
    expect(origins).not.toContain('*');
    expect(JSON.stringify(origins)).toContain('DomainName');
    const headers = Object.values(template.findResources('AWS::CloudFront::ResponseHeadersPolicy'))[0]!.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    const csp = String(headers.ContentSecurityPolicy.ContentSecurityPolicy);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp.split('; ').find((d) => d.startsWith('script-src'))).toMatch(/^script-src 'self' 'sha256-[A-Za-z0-9+/=]+'$/);
    expect(headers.FrameOptions.FrameOption).toBe('DENY');
    expect(headers.StrictTransportSecurity.AccessControlMaxAgeSec).toBeGreaterThanOrEqual(31536000);
    expect(Object.values(template.findResources('AWS::Events::EventBus'))[0]!.Properties.KmsKeyIdentifier).toBeDefined();
    const keyPolicies = JSON.stringify(Object.values(template.findResources('AWS::KMS::Key')).map((k) => k.Properties.KeyPolicy));
    expect(keyPolicies).toContain('kms:EncryptionContext:aws:logs:arn');
  });

  it('a schedule every 15 minutes asks the intake function to answer packets whose last files never came', () => {
    const rules = Object.values(template.findResources('AWS::Events::Rule', { Properties: { ScheduleExpression: 'rate(15 minutes)' } }));
    expect(rules).toHaveLength(1);
    const target = JSON.stringify(rules[0]!.Properties.Targets);
    const intake = Object.entries(template.findResources('AWS::Lambda::Function', { Properties: { PackageType: 'Image' } })).find(([, f]) => JSON.stringify(f.Properties.ImageConfig).includes('intake.handler'))!;
    expect(target).toContain(intake[0]);
  });

  it('the queue feeds the intake Lambda (container image) with partial batch failures', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', { BatchSize: 1, FunctionResponseTypes: ['ReportBatchItemFailures'] });
    template.hasResourceProperties('AWS::Lambda::Function', {
      PackageType: 'Image',
      MemorySize: 3008,
      Timeout: 900,
      ImageConfig: { Command: ['dist/functions/intake.handler'] },
      // The page limit its 900 s allow (a longer file is answered asking for it split, not timed out into the DLQ).
      Environment: { Variables: Match.objectLike({ INTAKE_BUCKET: Match.anyValue(), RESPONSES_BUCKET: Match.anyValue(), CASE_TABLE: Match.anyValue(), INTAKE_MAX_PAGES: '120' }) },
    });
  });

  it('both functions seal ID numbers and phones with a data key of the stack\'s KMS key, and each has its own concurrency (issue 20, 9 and 11)', () => {
    const fns = Object.values(template.findResources('AWS::Lambda::Function', { Properties: { PackageType: 'Image' } }));
    expect(fns).toHaveLength(2);
    for (const f of fns) {
      expect(f.Properties.Environment.Variables.INTAKE_DATA_KEY).toBeDefined();
      expect(f.Properties.ReservedConcurrentExecutions).toBeGreaterThan(0);
    }
    expect(JSON.stringify(template.findResources('AWS::IAM::Policy'))).toContain('"kms:GenerateDataKey*"');
  });

  it('PDFs are signed with an RSA key that never leaves KMS: both functions may only sign with it and read its public key', () => {
    template.hasResourceProperties('AWS::KMS::Key', { KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' });
    const fns = Object.values(template.findResources('AWS::Lambda::Function', { Properties: { PackageType: 'Image' } }));
    for (const f of fns) expect(f.Properties.Environment.Variables.INTAKE_SIGNING_KEY).toBeDefined();
    const policies = JSON.stringify(template.findResources('AWS::IAM::Policy'));
    expect(policies).toContain('"kms:Sign"');
    expect(policies).toContain('"kms:GetPublicKey"');
    expect(policies).not.toContain('"kms:*"');
  });

  it("both functions that issue notices put the console's public verify page in their QR codes", () => {
    const fns = Object.values(template.findResources('AWS::Lambda::Function', { Properties: { PackageType: 'Image' } }));
    expect(fns).toHaveLength(2);
    for (const f of fns) expect(JSON.stringify(f.Properties.Environment.Variables.INTAKE_VERIFY_URL)).toMatch(/DomainName.*verify\.html/);
  });

  it('the table has the keys and indexes the embedded stack creates (one definition in lib/config.ts)', () => {
    const local = tableDefinition('t');
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: local.KeySchema,
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: Match.objectLike({ SSEEnabled: true, SSEType: 'KMS' }),
      GlobalSecondaryIndexes: local.GlobalSecondaryIndexes.map((g) => Match.objectLike({ IndexName: g.IndexName, KeySchema: g.KeySchema })),
    });
    expect(local.GlobalSecondaryIndexes.map((g) => g.IndexName)).toEqual([TABLE.byTime.name, TABLE.byOwner.name]);
  });

  it('the console API needs a Cognito sign-in, and the DLQ has an alarm', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', { AuthorizerType: 'JWT' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'GET /api/{proxy+}', AuthorizationType: 'JWT' });
    // Uploads, corrections and decisions are POSTs, behind the same sign-in.
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'POST /api/{proxy+}', AuthorizationType: 'JWT' });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { Threshold: 0, ComparisonOperator: 'GreaterThanThreshold', MetricName: 'ApproximateNumberOfMessagesVisible' });
  });

  it('the console page: CloudFront over a private bucket (OAC), deployed from web/ with a config.json naming the API and the Cognito sign-in (code flow back to the distribution)', () => {
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ DefaultRootObject: 'index.html', DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }), Logging: Match.anyValue() }),
    });
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    template.resourceCountIs('Custom::CDKBucketDeployment', 1);
    // config.json is filled at deploy time with the API's endpoint, the sign-in domain and the site client.
    const markers = JSON.stringify(Object.values(template.findResources('Custom::CDKBucketDeployment'))[0]!.Properties.SourceMarkers);
    for (const ref of ['ConsoleApi', 'ConsoleUsersSignIn', 'ConsoleUsersSiteClient', 'SiteDistribution']) expect(markers).toContain(ref);
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: Match.anyValue() });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AllowedOAuthFlows: ['code'],
      CallbackURLs: [Match.objectLike({ 'Fn::Join': Match.arrayWith([Match.arrayWith([Match.objectLike({ 'Fn::GetAtt': Match.arrayWith([Match.stringLikeRegexp('SiteDistribution')]) })])]) })],
    });
    // The page calls the API from the distribution's origin, with the ID token of either client.
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { CorsConfiguration: Match.objectLike({ AllowHeaders: ['authorization', 'content-type'] }) });
    const authorizer = Object.values(template.findResources('AWS::ApiGatewayV2::Authorizer'))[0]!;
    expect(authorizer.Properties.JwtConfiguration.Audience).toHaveLength(2);
  });

  it('decided cases go to an EventBridge bus the intake function may put to; it may read the ledgers in batches', () => {
    template.resourceCountIs('AWS::Events::EventBus', 1);
    const policies = JSON.stringify(template.findResources('AWS::IAM::Policy'));
    expect(policies).toContain('events:PutEvents');
    expect(policies).toContain('dynamodb:BatchGetItem');
    template.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ INTAKE_EVENT_BUS: Match.anyValue() }) } });
  });

  it('no error annotations are left on the stack', () => {
    const stack = app.node.findChild('Intake') as import('aws-cdk-lib').Stack;
    expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
  });

  it("applies each city's archive period from its rule pack to its prefixes, videos in Qidong for 2 years", () => {
    const buckets = Object.values(template.findResources('AWS::S3::Bucket')).filter((b) => b.Properties.BucketEncryption?.ServerSideEncryptionConfiguration?.[0]?.ServerSideEncryptionByDefault?.SSEAlgorithm === 'aws:kms');
    const expected: Record<string, number> = { liaocheng: 10, heze: 5, shaoxing: 3, qidong: 3, zibo: 10 };
    for (const b of buckets) {
      const rules = b.Properties.LifecycleConfiguration.Rules as { Prefix?: string; ExpirationInDays: number; NoncurrentVersionExpiration?: { NoncurrentDays: number }; TagFilters?: { Key: string; Value: string }[] }[];
      const prefix = rules[0]!.Prefix!.split('/')[0]!;
      for (const [city, years] of Object.entries(expected)) {
        const rule = rules.find((r) => r.Prefix === `${prefix}/${city}/` && !r.TagFilters)!;
        expect(rule.ExpirationInDays, `${prefix} ${city}`).toBe(years * 366);
        expect(rule.NoncurrentVersionExpiration?.NoncurrentDays).toBe(years * 366);
      }
      const video = rules.filter((r) => r.TagFilters);
      expect(video.map((r) => [r.Prefix, r.ExpirationInDays, r.TagFilters])).toEqual([[`${prefix}/qidong/`, 2 * 366, [{ Key: 'record', Value: 'video' }]]]);
    }
  });

  it('nobody may delete a record: the buckets deny deletes to everyone, and no role may delete a case', () => {
    const policies = Object.values(template.findResources('AWS::S3::BucketPolicy')).filter((p) =>
      p.Properties.PolicyDocument.Statement.some((s: { Sid?: string; Effect: string; Action: string[] }) => s.Sid === 'NoDeletesBeforeRetentionEnds' && s.Effect === 'Deny' && s.Action.includes('s3:DeleteObjectVersion')),
    );
    expect(policies).toHaveLength(2);
    const allowed = Object.values(template.findResources('AWS::IAM::Policy')).flatMap((p) =>
      (p.Properties.PolicyDocument.Statement as { Effect: string; Action: string | string[] }[]).filter((s) => s.Effect === 'Allow').flatMap((s) => [s.Action].flat()),
    );
    expect(allowed.filter((a) => /^dynamodb:(DeleteItem|BatchWriteItem|\*)$|^s3:(DeleteObject|DeleteObjectVersion|\*|Delete\*)$/.test(a))).toEqual([]);
  });

  it('console users carry role, jurisdictions and institution that they can read but not write', () => {
    const pool = Object.values(template.findResources('AWS::Cognito::UserPool'))[0]!;
    const names = (pool.Properties.Schema as { Name: string }[]).map((a) => a.Name).sort();
    expect(names).toEqual(['institution', 'jurisdictions', 'role']);
    const client = Object.values(template.findResources('AWS::Cognito::UserPoolClient'))[0]!;
    expect(client.Properties.ReadAttributes).toEqual(expect.arrayContaining(['custom:role', 'custom:jurisdictions', 'custom:institution']));
    expect((client.Properties.WriteAttributes as string[]).filter((a) => a.startsWith('custom:'))).toEqual([]);
  });

  it('the console API (and only it) may list, disable, enable and reset the pool\'s users, no more', () => {
    const fns = Object.entries(template.findResources('AWS::Lambda::Function', { Properties: { PackageType: 'Image' } }));
    const withPool = fns.filter(([, f]) => f.Properties.Environment.Variables.INTAKE_USER_POOL);
    expect(withPool).toHaveLength(1);
    expect(JSON.stringify(withPool[0]![1].Properties.Environment.Variables.INTAKE_USER_POOL)).toContain('Users');
    const actions = Object.values(template.findResources('AWS::IAM::Policy'))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as { Action: string | string[] }[])
      .flatMap((st) => [st.Action].flat())
      .filter((a) => a.startsWith('cognito-idp:'));
    expect(actions.sort()).toEqual(['cognito-idp:AdminDisableUser', 'cognito-idp:AdminEnableUser', 'cognito-idp:AdminSetUserPassword', 'cognito-idp:ListUsers']);
  });
});

describe('Textract as the layout engine', () => {
  it('is off by default; with intake:textractLayout the intake function gets INTAKE_LAYOUT and AnalyzeDocument, and cdk-nag still passes', () => {
    const hasTextract = (t: Template) => JSON.stringify(t.findResources('AWS::IAM::Policy')).includes('textract:AnalyzeDocument');
    expect(hasTextract(template)).toBe(false);
    const on = buildApp(new App({ context: { ...cdkContext(), 'intake:textractLayout': 'true' } }));
    on.app.synth();
    const t = Template.fromStack(on.stack);
    expect(hasTextract(t)).toBe(true);
    expect(JSON.stringify(t.findResources('AWS::Lambda::Function'))).toContain('"INTAKE_LAYOUT":"textract"');
  });
});

describe("the bureau's own domain for the console", () => {
  it('with intake:domainName and intake:certificateArn, CloudFront serves it with that certificate and TLS 1.2 at least, and cdk-nag passes without the TLS exception', () => {
    const arn = 'arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000';
    const on = buildApp(new App({ context: { ...cdkContext(), 'intake:domainName': 'peixun.example.gov.cn', 'intake:certificateArn': arn } }));
    on.app.synth();
    expect(Annotations.fromStack(on.stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual([]);
    Template.fromStack(on.stack).hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['peixun.example.gov.cn'],
        ViewerCertificate: { AcmCertificateArn: arn, MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' },
      }),
    });
    // The console's uploads come from its own name now: the intake bucket lets that origin POST.
    const cors = Object.values(Template.fromStack(on.stack).findResources('AWS::S3::Bucket')).flatMap((b) => b.Properties.CorsConfiguration?.CorsRules ?? []);
    expect(cors.flatMap((r: { AllowedOrigins: unknown[] }) => r.AllowedOrigins)).toEqual(['https://peixun.example.gov.cn']);
    expect(() => buildApp(new App({ context: { ...cdkContext(), 'intake:domainName': 'peixun.example.gov.cn' } }))).toThrow(/both/);
  });
});

describe('operations (issue 22)', () => {
  it('outputs what the operator needs: console, API, user pool, buckets, table, queues, alarm topic, dashboard', () => {
    const outputs = Object.keys(template.toJSON().Outputs ?? {});
    for (const o of ['ConsoleUrl', 'ApiUrl', 'UserPoolId', 'UserPoolClientId', 'SignInUrl', 'IntakeBucketName', 'ResponsesBucketName', 'CaseTableName', 'IntakeQueueUrl', 'DeadLetterQueueUrl', 'AlarmTopicArn', 'DashboardName']) {
      expect(outputs, o).toContain(o);
    }
  });

  it('alarms on dead letters, the oldest packet, both functions\' errors and throttles, API 5xx and latency — all to the topic; a dashboard of the same', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    const metrics = alarms.map((a) => a.Properties.MetricName as string).sort();
    expect(metrics).toEqual(['5xx', 'ApproximateAgeOfOldestMessage', 'ApproximateNumberOfMessagesVisible', 'Errors', 'Errors', 'Latency', 'Throttles', 'Throttles']);
    for (const a of alarms) expect(JSON.stringify(a.Properties.AlarmActions)).toContain('AlarmsTopic');
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    // Without an address nobody is subscribed and no budget is made (it needs somebody to tell).
    template.resourceCountIs('AWS::SNS::Subscription', 0);
    template.resourceCountIs('AWS::Budgets::Budget', 0);
  });

  it('with intake:alarmEmail the address is subscribed and a monthly cost budget tells it at 80 % spent and 100 % forecast; a bad address stops the synth', () => {
    const on = buildApp(new App({ context: { ...cdkContext(), 'intake:alarmEmail': 'ops@example.gov.cn', 'intake:monthlyBudgetUsd': '500' } }));
    on.app.synth();
    const t = Template.fromStack(on.stack);
    t.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.gov.cn' });
    t.hasResourceProperties('AWS::Budgets::Budget', {
      Budget: Match.objectLike({ BudgetLimit: { Amount: 500, Unit: 'USD' }, TimeUnit: 'MONTHLY' }),
      NotificationsWithSubscribers: Match.arrayWith([Match.objectLike({ Notification: Match.objectLike({ Threshold: 80, NotificationType: 'ACTUAL' }) })]),
    });
    expect(() => buildApp(new App({ context: { ...cdkContext(), 'intake:alarmEmail': 'not an address' } }))).toThrow(/e-mail/);
  });
});

describe('the optional web application firewall (issue 22)', () => {
  it('intake:waf=true adds the us-east-1 stack of a CloudFront web ACL with AWS managed rules and a rate limit; its ARN given back, the distribution sits behind it and cdk-nag passes without the WAF exception', () => {
    const withEdge = buildApp(new App({ context: { ...cdkContext(), 'intake:waf': 'true' } }));
    withEdge.app.synth();
    expect(withEdge.edge!.region).toBe('us-east-1');
    const acl = Template.fromStack(withEdge.edge!);
    acl.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'CLOUDFRONT',
      Rules: Match.arrayWith([
        Match.objectLike({ Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesCommonRuleSet' } } }),
        Match.objectLike({ Name: 'RatePerAddress', Action: { Block: {} } }),
      ]),
    });
    expect(Object.keys(acl.toJSON().Outputs)).toContain('WebAclArn');
    const arn = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/intake/0000';
    const behind = buildApp(new App({ context: { ...cdkContext(), 'intake:webAclArn': arn } }));
    behind.app.synth();
    expect(Annotations.fromStack(behind.stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual([]);
    Template.fromStack(behind.stack).hasResourceProperties('AWS::CloudFront::Distribution', { DistributionConfig: Match.objectLike({ WebACLId: arn }) });
    expect(() => buildApp(new App({ context: { ...cdkContext(), 'intake:webAclArn': 'arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/x/1' } }))).toThrow(/us-east-1/);
  });
});
