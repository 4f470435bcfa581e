#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so there is no build step between a clone and `npx intake`.
import { register } from 'tsx/esm/api';

// The AWS SDK warns on every start that Node 20 leaves its support window in 2027; the stack is
// decided on Node 20 (see README), so keep that one warning off the console and pass the rest on.
process.removeAllListeners('warning');
process.on('warning', (w) => {
  if (!/NodeVersionSupportWarning/.test(`${w.name} ${w.message}`)) process.stderr.write(`${w.name}: ${w.message}\n`);
});

register();
await import('./cli.ts');
