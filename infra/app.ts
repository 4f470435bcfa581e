// CDK app: `npm run synth` (offline). cdk-nag's AwsSolutions pack validates every synth; each
// acknowledged finding in nag.ts says why.
import { App, Validations } from 'aws-cdk-lib';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { IntakeEdgeStack } from './edge-stack.ts';
import { IntakeStack } from './intake-stack.ts';
import { acknowledgeWithReasons } from './nag.ts';

// cdk-nag is CommonJS; load it through require so that its exports are all there under ESM.
const { AwsSolutionsChecks } = createRequire(import.meta.url)('cdk-nag') as typeof import('cdk-nag');

/** The context cdk.json gives the CLI, so that tests and `npm run synth` judge the same app. */
export function cdkContext(): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL('../cdk.json', import.meta.url), 'utf8')).context as Record<string, unknown>;
}

/** -c intake:domainName=… -c intake:certificateArn=…: both or neither. */
function consoleDomain(app: App): { consoleDomain?: { name: string; certificateArn: string } } {
  const name = app.node.tryGetContext('intake:domainName') as string | undefined;
  const certificateArn = app.node.tryGetContext('intake:certificateArn') as string | undefined;
  if (!name && !certificateArn) return {};
  if (!name || !certificateArn) throw new Error('the console\'s domain needs both -c intake:domainName and -c intake:certificateArn (an ACM certificate in us-east-1)');
  return { consoleDomain: { name, certificateArn } };
}

/** -c intake:alarmEmail=ops@… -c intake:monthlyBudgetUsd=300 */
function operations(app: App): { alarmEmail?: string; monthlyBudgetUsd?: number } {
  const email = app.node.tryGetContext('intake:alarmEmail') as string | undefined;
  const budget = app.node.tryGetContext('intake:monthlyBudgetUsd') as string | number | undefined;
  if (email !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw new Error(`intake:alarmEmail is not an e-mail address: "${email}"`);
  if (budget !== undefined && !(Number(budget) > 0)) throw new Error(`intake:monthlyBudgetUsd must be a positive number of USD (got "${budget}")`);
  return { ...(email ? { alarmEmail: email } : {}), ...(budget !== undefined ? { monthlyBudgetUsd: Number(budget) } : {}) };
}

const flag = (app: App, name: string) => app.node.tryGetContext(name) === true || app.node.tryGetContext(name) === 'true';

/** -c intake:webAclArn=arn:aws:wafv2:us-east-1:…:global/webacl/… (the IntakeEdge stack's output). */
function firewall(app: App): { webAclArn?: string } {
  const arn = app.node.tryGetContext('intake:webAclArn') as string | undefined;
  if (arn === undefined) return {};
  if (!/^arn:aws[\w-]*:wafv2:us-east-1:\d{12}:global\/webacl\//.test(arn)) throw new Error(`intake:webAclArn must be a CloudFront (global, us-east-1) WAF web ACL ARN (got "${arn}")`);
  return { webAclArn: arn };
}

export function buildApp(app = new App({ context: cdkContext() })) {
  const stack = new IntakeStack(app, 'Intake', {
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
    retainData: true,
    textractLayout: flag(app, 'intake:textractLayout'),
    ...consoleDomain(app),
    ...operations(app),
    ...firewall(app),
  });
  acknowledgeWithReasons(stack);
  // -c intake:waf=true adds the us-east-1 stack of the console's web ACL (deployed first: cdk deploy IntakeEdge).
  const edge = flag(app, 'intake:waf') ? new IntakeEdgeStack(app, 'IntakeEdge', { env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: 'us-east-1' } }) : undefined;
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { app, stack, edge };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildApp().app.synth();
}
