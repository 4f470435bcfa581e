// Every uploaded file is decoded in a worker thread with a heap cap and a watchdog: a hostile PDF (a
// content stream that inflates to gigabytes, an operator list that never ends) then costs that thread,
// not the process that holds the rest of the queue. The file gets a clear "cannot be read" and its case
// asks for a rescan; the thread is replaced. Pixel bombs are refused earlier, by the caps in normalise.ts.
// One long-lived thread serves the files in turn, so pdf.js and sharp load once, not per file.
import { Worker } from 'node:worker_threads';
import type { ExtractedDocument } from '../domain/schemas.ts';
import { UnreadableFileError, type Page } from './normalise.ts';

export interface IsolationLimits {
  /** V8 old-space cap for the decoding thread. */
  heapMb: number;
  /** Time allowed before the first page, and between one page and the next. */
  pageTimeoutMs: number;
}

export function defaultLimits(): IsolationLimits {
  return {
    heapMb: Number(process.env.INTAKE_DECODE_HEAP_MB) || 512,
    pageTimeoutMs: Number(process.env.INTAKE_DECODE_PAGE_TIMEOUT_MS) || 60_000,
  };
}

const WORKER = new URL('./normalise-worker.mjs', import.meta.url);

type FromWorker =
  | { type: 'ready' }
  | { id: number; type: 'page'; page: number; pages: number }
  | { id: number; type: 'done'; pages: Page[] }
  | { id: number; type: 'form'; document: ExtractedDocument | null }
  | { id: number; type: 'stamped'; packet: StampedCopy }
  | { id: number; type: 'error'; unreadable: boolean; message: string };

/** The received packet stamped 收件 (lib/render/received.ts), as the thread hands it back. */
export interface StampedCopy {
  pdf: Uint8Array;
  pages: number;
  skipped: { file: string; reason: string }[];
}
export interface StampOrder {
  files: { name: string; bytes: Uint8Array }[];
  stamp: { issuer: string; caseNumber: string; date: string };
}

/** What the thread is asked: a file's pages decoded, one of our filled forms read by its fields, or the packet's pages copied under the 收件 stamp. */
type Job =
  | { kind: 'pages'; bytes: Uint8Array; name: string; limits: IsolationLimits; onPage?: (page: number, pages: number) => void; resolve: (p: Page[]) => void; reject: (e: Error) => void }
  | { kind: 'form'; bytes: Uint8Array; name: string; limits: IsolationLimits; onPage?: undefined; resolve: (d: ExtractedDocument | null) => void; reject: (e: Error) => void }
  | { kind: 'stamp'; order: StampOrder; name: string; limits: IsolationLimits; onPage?: undefined; resolve: (p: StampedCopy) => void; reject: (e: Error) => void };

class DecodingThread {
  private worker: Worker | undefined;
  private heapMb = 0;
  private readonly queue: Job[] = [];
  private busy = false;
  private nextId = 1;

  run(job: Job) {
    this.queue.push(job);
    void this.pump();
  }

  private async pump() {
    if (this.busy) return;
    const job = this.queue.shift();
    if (!job) return;
    this.busy = true;
    try {
      const result = await this.decode(job);
      (job.resolve as (r: unknown) => void)(result);
    } catch (e) {
      job.reject(e as Error);
    } finally {
      this.busy = false;
      void this.pump();
    }
  }

  private start(heapMb: number): Promise<Worker> {
    return new Promise((resolve, reject) => {
      const w = new Worker(WORKER, {
        resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 64 },
        stdout: false,
        stderr: false,
      });
      w.unref(); // an idle decoder must not keep a CLI process alive
      const onError = (e: Error) => reject(e);
      w.once('error', onError);
      w.once('message', (m: FromWorker) => {
        w.off('error', onError);
        if (m.type === 'ready') resolve(w);
        else reject(new Error('decoding thread did not start'));
      });
    });
  }

  private discard() {
    const w = this.worker;
    this.worker = undefined;
    if (w) void w.terminate();
  }

  private async decode(job: Job): Promise<Page[] | ExtractedDocument | StampedCopy | null> {
    if (!this.worker || this.heapMb !== job.limits.heapMb) {
      this.discard();
      this.worker = await this.start(job.limits.heapMb);
      this.heapMb = job.limits.heapMb;
    }
    const worker = this.worker;
    const id = this.nextId++;
    const { name, limits } = job;
    return new Promise<Page[] | ExtractedDocument | StampedCopy | null>((resolve, reject) => {
      let timer: NodeJS.Timeout;
      const cleanup = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      const fail = (e: Error, replace: boolean) => {
        cleanup();
        if (replace) this.discard();
        reject(e);
      };
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(
          () => fail(new UnreadableFileError(`${name}: reading one page took longer than ${Math.round(limits.pageTimeoutMs / 1000)} s; the file is too complex or damaged`), true),
          limits.pageTimeoutMs,
        );
      };
      const onMessage = (m: FromWorker) => {
        if (m.type === 'ready' || m.id !== id) return;
        if (m.type === 'page') {
          arm();
          job.onPage?.(m.page, m.pages);
        } else if (m.type === 'form') {
          cleanup();
          resolve(m.document);
        } else if (m.type === 'stamped') {
          cleanup();
          resolve(m.packet);
        } else if (m.type === 'done') {
          cleanup();
          // Structured clone turns Buffers into Uint8Arrays.
          resolve(m.pages.map((p) => (p.image ? { ...p, image: Buffer.from(p.image.buffer, p.image.byteOffset, p.image.byteLength) } : p)));
        } else {
          // Whatever the decoders threw on this file is about the file: say so, never retry it forever.
          fail(new UnreadableFileError(m.unreadable ? m.message : `${name}: the file cannot be read (${m.message})`), false);
        }
      };
      const onError = (e: Error & { code?: string }) => {
        if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') {
          fail(new UnreadableFileError(`${name}: reading the file needs more than ${limits.heapMb} MB; it is too complex or damaged`), true);
        } else {
          // The thread itself failed, not because of the file's content: retried like any infrastructure error.
          fail(e, true);
        }
      };
      const onExit = (code: number) => fail(new Error(`the decoding thread stopped (exit ${code}) while reading ${name}`), true);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      arm();
      // A copy: the caller keeps its bytes (the pipeline hashes and stores them).
      if (job.kind === 'stamp') worker.postMessage({ id, kind: job.kind, name, order: { ...job.order, files: job.order.files.map((f) => ({ name: f.name, bytes: new Uint8Array(f.bytes) })) } });
      else worker.postMessage({ id, kind: job.kind, bytes: new Uint8Array(job.bytes), name });
    });
  }
}

let thread: DecodingThread | undefined;

export function normaliseIsolated(
  bytes: Uint8Array,
  name: string,
  limits: IsolationLimits = defaultLimits(),
  onPage?: (page: number, pages: number) => void,
): Promise<Page[]> {
  thread ??= new DecodingThread();
  return new Promise((resolve, reject) => thread!.run({ kind: 'pages', bytes, name, limits, onPage, resolve, reject }));
}

/**
 * One of our forms filled on screen, read by its fields in the same thread and under the same watchdog:
 * pdf-lib parses the whole file, and a large damaged one took minutes on the main thread (issue 20, 4).
 * A file it cannot read in time is read as a scan instead, where the pages' own limits answer it.
 */
export async function readFilledFormIsolated(bytes: Uint8Array, name: string, limits: IsolationLimits = defaultLimits()): Promise<ExtractedDocument | null> {
  if (Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(5, bytes.byteLength)).toString('latin1') !== '%PDF-') return null;
  thread ??= new DecodingThread();
  try {
    return await new Promise<ExtractedDocument | null>((resolve, reject) => thread!.run({ kind: 'form', bytes, name, limits, resolve, reject }));
  } catch (e) {
    if (e instanceof UnreadableFileError) return null;
    throw e;
  }
}

/**
 * The received packet's pages copied under the 收件 stamp in the same thread and under the same watchdog
 * (issue 20: every parser of uploaded bytes in isolation): pdf-lib parses each uploaded PDF whole, and
 * sharp decodes each image. The watchdog allows pageTimeoutMs per file. Null when the thread could not
 * finish: the caller issues the copy without those pages.
 */
export async function stampIsolated(order: StampOrder, limits: IsolationLimits = defaultLimits()): Promise<StampedCopy | null> {
  thread ??= new DecodingThread();
  const scaled = { ...limits, pageTimeoutMs: limits.pageTimeoutMs * Math.max(1, order.files.length) };
  try {
    return await new Promise<StampedCopy>((resolve, reject) => thread!.run({ kind: 'stamp', order, name: order.stamp.caseNumber, limits: scaled, resolve, reject }));
  } catch (e) {
    if (e instanceof UnreadableFileError) return null;
    throw e;
  }
}
