// Lambda entry (the runtime loads .mjs): the TypeScript handler through tsx, as the CLI runs it.
import { register } from 'tsx/esm/api';

register();
const mod = await import('../api.ts');
export const handler = mod.handler;
