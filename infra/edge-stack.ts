// The web application firewall in front of the console's CloudFront distribution (context intake:waf).
// A CloudFront web ACL must live in us-east-1 whatever the main stack's region, so it is a stack of its
// own: deploy it first, then give its WebAclArn output to the main stack (-c intake:webAclArn=…).
// AWS managed rules (common exploits, known bad inputs, IP reputation) and a rate limit per address.
import { CfnOutput, Stack, type StackProps, aws_wafv2 as wafv2 } from 'aws-cdk-lib';
import type { Construct } from 'constructs';

const managed = (name: string, priority: number): wafv2.CfnWebACL.RuleProperty => ({
  name,
  priority,
  statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
  overrideAction: { none: {} },
  visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: name, sampledRequestsEnabled: true },
});

export class IntakeEdgeStack extends Stack {
  readonly webAcl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: StackProps & { requestsPerFiveMinutes?: number } = {}) {
    super(scope, id, props);
    this.webAcl = new wafv2.CfnWebACL(this, 'ConsoleWebAcl', {
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      description: 'intake console: AWS managed rules and a per-address rate limit',
      visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'intake-console', sampledRequestsEnabled: true },
      rules: [
        managed('AWSManagedRulesAmazonIpReputationList', 0),
        managed('AWSManagedRulesCommonRuleSet', 1),
        managed('AWSManagedRulesKnownBadInputsRuleSet', 2),
        {
          // The console's page and the verify page are small; thousands of requests from one address in five minutes are not a person.
          name: 'RatePerAddress',
          priority: 3,
          statement: { rateBasedStatement: { limit: props.requestsPerFiveMinutes ?? 2000, aggregateKeyType: 'IP' } },
          action: { block: {} },
          visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'RatePerAddress', sampledRequestsEnabled: true },
        },
      ],
    });
    new CfnOutput(this, 'WebAclArn', { value: this.webAcl.attrArn, description: 'Give to the main stack: -c intake:webAclArn=<this>' });
  }
}
