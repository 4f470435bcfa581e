import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalQueue } from '../../local/queue.ts';

const dir = () => mkdtempSync(path.join(tmpdir(), 'intake-queue-'));

describe('the local at-least-once queue', () => {
  it('retries a failing message and then delivers it', async () => {
    const q = new LocalQueue({ dir: dir(), backoffMs: 5 });
    let calls = 0;
    q.start(async (ms) => (++calls < 3 ? ms.map((m) => m.messageId) : []));
    q.send('hello');
    await q.idle();
    expect(calls).toBe(3);
    expect(q.deadLetters()).toEqual([]);
    q.stop();
  });

  it('moves a message that keeps failing to the dead-letter store, and redrive replays it', async () => {
    const d = dir();
    const q = new LocalQueue({ dir: d, backoffMs: 5, maxReceiveCount: 2 });
    let healthy = false;
    const delivered: string[] = [];
    q.start(async (ms) => {
      if (!healthy) throw new Error('bucket unreachable');
      delivered.push(...ms.map((m) => m.body));
      return [];
    });
    q.send('packet-1');
    await q.idle();
    const dead = q.deadLetters();
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ body: 'packet-1', attempts: 2, lastError: 'bucket unreachable' });
    healthy = true;
    expect(q.redrive().map((m) => m.body)).toEqual(['packet-1']);
    await q.idle();
    expect(delivered).toEqual(['packet-1']);
    expect(q.deadLetters()).toEqual([]);
    expect(readdirSync(path.join(d, 'pending'))).toEqual([]);
    q.stop();
  });

  it('keeps what was not delivered across a stop, and the next start delivers it', async () => {
    const d = dir();
    const first = new LocalQueue({ dir: d });
    first.send('survives'); // never started: as if the process died before delivering
    first.stop();
    const second = new LocalQueue({ dir: d });
    const got: string[] = [];
    second.start(async (ms) => {
      got.push(...ms.map((m) => m.body));
      return [];
    });
    await new Promise((r) => setTimeout(r, 50));
    await second.idle();
    expect(got).toEqual(['survives']);
    second.stop();
  });

  it('picks up messages another process put in pending/ (intake redrive from the CLI)', async () => {
    const d = dir();
    const worker = new LocalQueue({ dir: d });
    const got: string[] = [];
    worker.start(async (ms) => {
      got.push(...ms.map((m) => m.body));
      return [];
    });
    const cli = new LocalQueue({ dir: d, maxReceiveCount: 1 });
    cli.send('from-elsewhere'); // not started: only writes the file
    await new Promise((r) => setTimeout(r, 1500));
    await worker.idle();
    expect(got).toEqual(['from-elsewhere']);
    worker.stop();
  });
});
