// The house's layers, checked on every CI run (npm run lint:deps): no import circle, and no import that
// runs back up. From the bottom: config and domain; calendar, identity; rules, extract, render; cases (the
// use cases and their ports); http (the console API); aws (adapters) and wiring (the one place parts are
// put together); then the Lambda handlers, the embedded stack and the CDK app outside lib/.
const layer = (name, may) => ({
  name: `layer-${name}`,
  comment: `lib/${name} may import only ${may.join(', ')}`,
  severity: 'error',
  from: { path: `^lib/${name}/` },
  to: { path: '^lib/', pathNot: [`^lib/${name}/`, '^lib/config\\.ts$', '^lib/types/', ...may.map((m) => `^lib/${m}/`)] },
});

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'an import circle hides which module is the foundation', from: {}, to: { circular: true } },
    { name: 'lib-stands-alone', severity: 'error', comment: 'lib/ is the product: it imports nothing of the handlers, the embedded stack, the CDK app or the tests', from: { path: '^lib/' }, to: { path: '^(functions|local|infra|test|bench)/' } },
    { name: 'aws-sdk-only-in-adapters', severity: 'error', comment: 'no AWS SDK import in lib/ outside lib/aws', from: { path: '^lib/', pathNot: '^lib/aws/' }, to: { path: '@aws-sdk/' } },
    { name: 'config-is-a-leaf', severity: 'error', from: { path: '^lib/config\\.ts$' }, to: { path: '^lib/' } },
    layer('domain', []),
    layer('calendar', ['domain']),
    layer('identity', ['domain']),
    layer('rules', ['domain', 'calendar', 'identity', 'jurisdictions']),
    layer('extract', ['domain', 'calendar', 'identity']),
    layer('render', ['domain', 'calendar', 'identity', 'rules']),
    layer('cases', ['domain', 'calendar', 'identity', 'rules', 'extract', 'render']),
    layer('http', ['domain', 'calendar', 'identity', 'rules', 'extract', 'render', 'cases']),
    layer('aws', ['domain', 'calendar', 'identity', 'rules', 'extract', 'cases']),
    layer('wiring', ['domain', 'calendar', 'identity', 'rules', 'extract', 'render', 'cases', 'http', 'aws']),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(node_modules|dist|cdk\\.out)/' },
  },
};
