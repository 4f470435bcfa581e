// The local stand-in for SQS + DLQ: at-least-once delivery with retries and a dead-letter store,
// persisted under .local/queue so that nothing is lost when the stack stops or crashes mid-message.
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface QueueMessage {
  messageId: string;
  body: string;
  attempts: number;
  enqueuedAt: string;
  lastError?: string;
}

/** Handles one batch; returns the messages that failed (as Lambda's batchItemFailures), with why when known. */
export type BatchHandler = (messages: QueueMessage[]) => Promise<(string | { id: string; error: string })[]>;

export interface QueueOptions {
  dir: string;
  maxReceiveCount?: number;
  /** Base of the exponential back-off between retries, in ms. */
  backoffMs?: number;
  concurrency?: number;
  onDeadLetter?: (m: QueueMessage) => void;
}

export class LocalQueue {
  private readonly pendingDir: string;
  private readonly deadDir: string;
  private readonly ready: QueueMessage[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private running = 0;
  private handler?: BatchHandler;
  private idleWaiters: (() => void)[] = [];
  private stopped = false;
  /** Ids this process is delivering or will retry; files in pending/ not among them came from elsewhere. */
  private readonly known = new Set<string>();
  private scanner?: NodeJS.Timeout;

  constructor(private readonly opts: QueueOptions) {
    this.pendingDir = path.join(opts.dir, 'pending');
    this.deadDir = path.join(opts.dir, 'dead');
    mkdirSync(this.pendingDir, { recursive: true });
    mkdirSync(this.deadDir, { recursive: true });
  }

  /** Start delivering, beginning with what a previous run left pending. */
  start(handler: BatchHandler): void {
    this.handler = handler;
    this.scan();
    // Another process (intake redrive) may put messages in pending/; pick them up.
    this.scanner = setInterval(() => this.scan(), 1000);
    this.scanner.unref();
  }

  private scan(): void {
    let added = false;
    for (const f of readdirSync(this.pendingDir).sort()) {
      if (!f.endsWith('.json') || this.known.has(f.slice(0, -5))) continue;
      try {
        const m = JSON.parse(readFileSync(path.join(this.pendingDir, f), 'utf8')) as QueueMessage;
        this.known.add(m.messageId);
        this.ready.push(m);
        added = true;
      } catch {
        renameSync(path.join(this.pendingDir, f), path.join(this.deadDir, f)); // unreadable: keep it for a person
      }
    }
    if (added) this.pump();
  }

  send(body: string): string {
    const m: QueueMessage = { messageId: `${Date.now().toString(36)}-${randomUUID()}`, body, attempts: 0, enqueuedAt: new Date().toISOString() };
    this.known.add(m.messageId);
    this.persist(m);
    this.ready.push(m);
    this.pump();
    return m.messageId;
  }

  /** What waits for delivery (written by this process or another). */
  pending(): QueueMessage[] {
    return readdirSync(this.pendingDir)
      .filter((f) => f.endsWith('.json'))
      .flatMap((f) => {
        try {
          return [JSON.parse(readFileSync(path.join(this.pendingDir, f), 'utf8')) as QueueMessage];
        } catch {
          return []; // being rewritten this instant
        }
      });
  }

  deadLetters(): QueueMessage[] {
    return readdirSync(this.deadDir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => JSON.parse(readFileSync(path.join(this.deadDir, f), 'utf8')) as QueueMessage);
  }

  /**
   * Move every dead letter back to pending/ with a fresh count; returns what was replayed. Works from any
   * process: the one delivering picks the files up.
   */
  redrive(): QueueMessage[] {
    const replayed: QueueMessage[] = [];
    for (const m of this.deadLetters()) {
      const fresh: QueueMessage = { ...m, attempts: 0 };
      delete fresh.lastError;
      this.persist(fresh);
      rmSync(path.join(this.deadDir, `${m.messageId}.json`), { force: true });
      replayed.push(m);
    }
    if (this.handler) this.scan();
    return replayed;
  }

  /** Resolves when nothing is ready, in flight or waiting for a retry. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  stop(): void {
    this.stopped = true;
    if (this.scanner) clearInterval(this.scanner);
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private isIdle() {
    return this.ready.length === 0 && this.running === 0 && this.timers.size === 0;
  }

  private persist(m: QueueMessage) {
    const file = path.join(this.pendingDir, `${m.messageId}.json`);
    writeFileSync(`${file}.tmp`, JSON.stringify(m));
    renameSync(`${file}.tmp`, file); // atomic: a crash leaves the old or the new, never half
  }

  private pump() {
    if (!this.handler || this.stopped) return;
    const limit = this.opts.concurrency ?? 1;
    while (this.running < limit && this.ready.length > 0) {
      const m = this.ready.shift()!;
      this.running++;
      void this.deliver(m).finally(() => {
        this.running--;
        this.pump();
        if (this.isIdle()) for (const w of this.idleWaiters.splice(0)) w();
      });
    }
  }

  private async deliver(m: QueueMessage) {
    m.attempts++;
    this.persist(m);
    let failed: boolean;
    let error: string | undefined;
    try {
      const failures = await this.handler!([m]);
      const mine = failures.find((f) => (typeof f === 'string' ? f : f.id) === m.messageId);
      failed = mine !== undefined;
      if (mine && typeof mine !== 'string') error = mine.error;
    } catch (e) {
      failed = true;
      error = (e as Error).message;
    }
    if (this.stopped) return; // left pending on disk; the next start delivers it again
    if (!failed) {
      rmSync(path.join(this.pendingDir, `${m.messageId}.json`), { force: true });
      this.known.delete(m.messageId);
      return;
    }
    m.lastError = error ?? 'handler reported failure';
    if (m.attempts >= (this.opts.maxReceiveCount ?? 3)) {
      writeFileSync(path.join(this.deadDir, `${m.messageId}.json`), JSON.stringify(m));
      rmSync(path.join(this.pendingDir, `${m.messageId}.json`), { force: true });
      this.known.delete(m.messageId);
      this.opts.onDeadLetter?.(m);
      return;
    }
    this.persist(m);
    const delay = (this.opts.backoffMs ?? 500) * 2 ** (m.attempts - 1);
    const t = setTimeout(() => {
      this.timers.delete(t);
      this.ready.push(m);
      this.pump();
    }, delay);
    this.timers.add(t);
  }
}
