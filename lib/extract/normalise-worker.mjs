// The thread that decodes uploaded files (see isolate.ts), one at a time, for as long as it stays
// healthy. Plain .mjs so that it starts the same way under tsx, vitest and the Lambda image: beside the
// compiled modules (dist/, the image) it imports them; beside the sources it registers tsx first.
import { existsSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';

const compiled = existsSync(new URL('./normalise.js', import.meta.url));
if (!compiled) {
  const { register } = await import('tsx/esm/api');
  register();
}
const { normalise, UnreadableFileError } = await import(compiled ? './normalise.js' : './normalise.ts');
const { readFilledForm } = await import(compiled ? './acroform.js' : './acroform.ts');
parentPort.on('message', async ({ id, kind, bytes, name, order }) => {
  try {
    // The received packet's pages under the 收件 stamp (pdf-lib and sharp parse the uploads: here too).
    if (kind === 'stamp') {
      const { stampReceivedPacket } = await import(compiled ? '../render/received.js' : '../render/received.ts');
      const packet = await stampReceivedPacket(order.files, order.stamp);
      parentPort.postMessage({ id, type: 'stamped', packet }, [packet.pdf.buffer]);
      return;
    }
    // One of our forms filled on screen, read by its field names (pdf-lib parses the whole file: here too).
    if (kind === 'form') {
      parentPort.postMessage({ id, type: 'form', document: await readFilledForm(bytes, name) });
      return;
    }
    const pages = await normalise(bytes, name, (page, count) => parentPort.postMessage({ id, type: 'page', page, pages: count }));
    parentPort.postMessage({ id, type: 'done', pages }, pages.flatMap((p) => (p.image ? [p.image.buffer] : [])));
  } catch (e) {
    parentPort.postMessage({ id, type: 'error', unreadable: e instanceof UnreadableFileError, message: e instanceof Error ? e.message : String(e) });
  }
});
parentPort.postMessage({ type: 'ready' });
