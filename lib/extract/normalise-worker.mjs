// The thread that decodes uploaded files (see isolate.ts), one at a time, for as long as it stays
// healthy. Plain .mjs so that it starts the same way under tsx, vitest and the Lambda image: beside the
// compiled modules (dist/, the image) it imports them; beside the sources it registers tsx first.
import { existsSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';

const compiled = new URL('./normalise.js', import.meta.url);
const { normalise, UnreadableFileError } = existsSync(compiled)
  ? await import(compiled.href)
  : await (async () => {
      const { register } = await import('tsx/esm/api');
      register();
      return import('./normalise.ts');
    })();
parentPort.on('message', async ({ id, bytes, name }) => {
  try {
    const pages = await normalise(bytes, name, (page, count) => parentPort.postMessage({ id, type: 'page', page, pages: count }));
    parentPort.postMessage({ id, type: 'done', pages }, pages.flatMap((p) => (p.image ? [p.image.buffer] : [])));
  } catch (e) {
    parentPort.postMessage({ id, type: 'error', unreadable: e instanceof UnreadableFileError, message: e instanceof Error ? e.message : String(e) });
  }
});
parentPort.postMessage({ type: 'ready' });
