// Every uploaded file is decoded in a worker thread with a heap cap and a watchdog: a hostile PDF (a
// content stream that inflates to gigabytes, an operator list that never ends) then costs that thread,
// not the process that holds the rest of the queue. The file gets a clear "cannot be read" and its case
// asks for a rescan; the thread is replaced. Pixel bombs are refused earlier, by the caps in normalise.ts.
// One long-lived thread serves the files in turn, so pdf.js and sharp load once, not per file.
import { Worker } from 'node:worker_threads';
import { UnreadableFileError } from "./normalise.js";
export function defaultLimits() {
    return {
        heapMb: Number(process.env.INTAKE_DECODE_HEAP_MB) || 512,
        pageTimeoutMs: Number(process.env.INTAKE_DECODE_PAGE_TIMEOUT_MS) || 60_000,
    };
}
const WORKER = new URL('./normalise-worker.mjs', import.meta.url);
class DecodingThread {
    worker;
    heapMb = 0;
    queue = [];
    busy = false;
    nextId = 1;
    run(job) {
        this.queue.push(job);
        void this.pump();
    }
    async pump() {
        if (this.busy)
            return;
        const job = this.queue.shift();
        if (!job)
            return;
        this.busy = true;
        try {
            job.resolve(await this.decode(job));
        }
        catch (e) {
            job.reject(e);
        }
        finally {
            this.busy = false;
            void this.pump();
        }
    }
    start(heapMb) {
        return new Promise((resolve, reject) => {
            const w = new Worker(WORKER, {
                resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 64 },
                stdout: false,
                stderr: false,
            });
            w.unref(); // an idle decoder must not keep a CLI process alive
            const onError = (e) => reject(e);
            w.once('error', onError);
            w.once('message', (m) => {
                w.off('error', onError);
                if (m.type === 'ready')
                    resolve(w);
                else
                    reject(new Error('decoding thread did not start'));
            });
        });
    }
    discard() {
        const w = this.worker;
        this.worker = undefined;
        if (w)
            void w.terminate();
    }
    async decode(job) {
        if (!this.worker || this.heapMb !== job.limits.heapMb) {
            this.discard();
            this.worker = await this.start(job.limits.heapMb);
            this.heapMb = job.limits.heapMb;
        }
        const worker = this.worker;
        const id = this.nextId++;
        const { name, limits } = job;
        return new Promise((resolve, reject) => {
            let timer;
            const cleanup = () => {
                clearTimeout(timer);
                worker.off('message', onMessage);
                worker.off('error', onError);
                worker.off('exit', onExit);
            };
            const fail = (e, replace) => {
                cleanup();
                if (replace)
                    this.discard();
                reject(e);
            };
            const arm = () => {
                clearTimeout(timer);
                timer = setTimeout(() => fail(new UnreadableFileError(`${name}: reading one page took longer than ${Math.round(limits.pageTimeoutMs / 1000)} s; the file is too complex or damaged`), true), limits.pageTimeoutMs);
            };
            const onMessage = (m) => {
                if (m.type === 'ready' || m.id !== id)
                    return;
                if (m.type === 'page') {
                    arm();
                    job.onPage?.(m.page, m.pages);
                }
                else if (m.type === 'done') {
                    cleanup();
                    // Structured clone turns Buffers into Uint8Arrays.
                    resolve(m.pages.map((p) => (p.image ? { ...p, image: Buffer.from(p.image.buffer, p.image.byteOffset, p.image.byteLength) } : p)));
                }
                else {
                    // Whatever the decoders threw on this file is about the file: say so, never retry it forever.
                    fail(new UnreadableFileError(m.unreadable ? m.message : `${name}: the file cannot be read (${m.message})`), false);
                }
            };
            const onError = (e) => {
                if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') {
                    fail(new UnreadableFileError(`${name}: reading the file needs more than ${limits.heapMb} MB; it is too complex or damaged`), true);
                }
                else {
                    // The thread itself failed, not because of the file's content: retried like any infrastructure error.
                    fail(e, true);
                }
            };
            const onExit = (code) => fail(new Error(`the decoding thread stopped (exit ${code}) while reading ${name}`), true);
            worker.on('message', onMessage);
            worker.on('error', onError);
            worker.on('exit', onExit);
            arm();
            // A copy: the caller keeps its bytes (the pipeline hashes and stores them).
            worker.postMessage({ id, bytes: new Uint8Array(job.bytes), name });
        });
    }
}
let thread;
export function normaliseIsolated(bytes, name, limits = defaultLimits(), onPage) {
    thread ??= new DecodingThread();
    return new Promise((resolve, reject) => thread.run({ bytes, name, limits, onPage, resolve, reject }));
}
//# sourceMappingURL=isolate.js.map