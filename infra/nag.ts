// Acknowledged cdk-nag (AwsSolutions) findings, each with its reason. Everything else must pass:
// cdk.json turns any remaining finding into a synth error.
import { Stack, Token, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { IntakeStack } from './intake-stack.ts';

const ack = (scope: IConstruct, id: string, reason: string) => Validations.of(scope).acknowledge({ id: `AwsSolutions::AwsSolutions-${id}`, reason });

/** How cdk-nag names a resource's ARN in a finding: <LogicalId.Arn>. */
function arnOf(resource: IConstruct): string {
  const cfn = (resource.node.defaultChild ?? resource) as unknown as { logicalId: string };
  return `<${Stack.of(resource).resolve(cfn.logicalId) as string}.Arn>`;
}

export function acknowledgeWithReasons(stack: IntakeStack): void {
  const { data, pipeline, console: consoleApi, site } = stack;
  ack(consoleApi.verifyRoute, 'APIG4', 'Notice verification is public by design (anyone holding a copy checks it by the code printed on it); the handler answers only authentic/current, the case number and the notice title, never case contents.');
  ack(consoleApi.verifyCopyRoute, 'APIG4', 'Notice verification is public by design (anyone holding a copy posts it and its SHA-256 is looked up); the handler answers only authentic/current, the case number and the notice title, never case contents.');
  // CDK's own custom resource that writes the bucket's notification configuration.
  const notifications = stack.node.tryFindChild('BucketNotificationsHandler050a0587b7544547bf325f094a3db834');
  if (notifications) {
    ack(notifications, 'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', 'CDK-provided singleton that only calls s3:PutBucketNotification at deploy time; its role is not ours to shape.');
    ack(notifications, 'IAM5[Resource::*]', 'CDK-provided singleton: PutBucketNotification is granted on * by aws-cdk-lib; it runs only at deploy time.');
  }
  // The console's page: CloudFront with the default *.cloudfront.net certificate until the operator adds
  // the bureau's domain and certificate, with which TLSv1.2_2021 is set.
  if (!site.node.tryFindChild('Certificate')) ack(site.distribution, 'CFR4', 'The default CloudFront certificate cannot carry a minimum protocol version; the bureau\'s domain and its ACM certificate (with TLSv1.2_2021) are the operator\'s to attach.');
  ack(site.distribution, 'CFR1', 'Institutions and bureau staff sign in from wherever they work; access is controlled by Cognito (MFA required) and the API authorizer, not by country.');
  if (!site.webAclArn) ack(site.distribution, 'CFR2', 'No web ACL given (-c intake:webAclArn, made by the IntakeEdge stack with -c intake:waf=true): the distribution serves only the static page and every API call is authorised by the Cognito JWT authorizer and throttled.');
  // CDK's own custom resource that copies web/ into the page bucket at deploy time.
  const deployer = stack.node.tryFindChild('Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C');
  if (deployer) {
    ack(deployer, 'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', 'CDK-provided BucketDeployment handler; runs only at deploy time.');
    ack(deployer, 'L1', 'CDK-provided BucketDeployment handler; its runtime is chosen by aws-cdk-lib.');
    for (const w of ['Resource::*', 'Action::s3:GetObject*', 'Action::s3:GetBucket*', 'Action::s3:List*', 'Action::s3:Abort*', 'Action::s3:DeleteObject*', `Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-${Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region}/*`, `Resource::${arnOf(site.bucket)}/*`]) {
      ack(deployer, `IAM5[${w}]`, 'CDK-provided BucketDeployment handler: reads the CDK asset and replaces the page bucket\'s contents at deploy time (and invalidates CloudFront); grants made by aws-cdk-lib.');
    }
  }
  for (const f of [pipeline.intake, consoleApi.handler]) {
    ack(f.role, 'IAM5[Resource::*]', 'X-Ray PutTraceSegments/PutTelemetryRecords, and Textract AnalyzeDocument where turned on, accept no resource other than *.');
    ack(f.role, 'IAM5[Action::s3:GetObject*]', 'aws-cdk-lib grantRead; scoped to one key prefix of one bucket.');
    ack(f.role, 'IAM5[Action::s3:GetBucket*]', 'aws-cdk-lib grantRead; read-only bucket attributes of one bucket.');
    ack(f.role, 'IAM5[Action::s3:List*]', 'aws-cdk-lib grantRead; listing one bucket (the pipeline lists a packet prefix).');
    ack(f.role, 'IAM5[Action::kms:GenerateDataKey*]', 'aws-cdk-lib key grant on the stack\'s own data key only.');
    ack(f.role, 'IAM5[Action::kms:ReEncrypt*]', 'aws-cdk-lib key grant on the stack\'s own data key only.');
    ack(f.role, `IAM5[Resource::${arnOf(data.table)}/index/*]`, 'Queries by the case table\'s own GSIs (byTime, byOwner).');
    ack(f.role, `IAM5[Resource::${arnOf(data.intakeBucket)}/incoming/*]`, 'Uploads are read only under incoming/.');
    ack(f.role, `IAM5[Resource::${arnOf(data.responsesBucket)}/responses/*]`, 'Notices are written and read only under responses/.');
    ack(f.role, 'IAM5[Action::s3:Abort*]', 'aws-cdk-lib grantPut includes aborting its own multipart uploads.');
    ack(f.role, `IAM5[Resource::${arnOf(f.logGroup)}:log-stream:*]`, 'Log streams are created per Lambda instance with unknown names, inside the function\'s own log group.');
  }
}
