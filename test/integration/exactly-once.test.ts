// Exactly-once effects over at-least-once delivery: 120 uploads (EXACTLY_ONCE_UPLOADS), every event delivered one to three
// times in random order, through the queue and straight into the handler at once. Born-digital packets
// (text layer) keep it fast; the path through storage, rules, notice and transaction is the real one.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleSqsEvent } from '../../functions/intake.ts';
import { s3Client } from '../../lib/aws/s3.ts';
import { decodeEventKey } from '../../lib/cases/upload-key.ts';
import type { S3EventRecord } from '../../local/s3-local.ts';
import { startStack, type EmbeddedStack } from '../../local/stack.ts';
import { bornDigitalApplication } from '../corpus/born-digital.ts';
import { rng } from '../corpus/generate.ts';
import { stablePort, waitFor } from '../helpers.ts';

const UPLOADS = Number(process.env.EXACTLY_ONCE_UPLOADS) || 120;
let stack: EmbeddedStack;
const events: S3EventRecord[] = [];

beforeAll(async () => {
  stack = await startStack({
    dir: mkdtempSync(path.join(tmpdir(), 'intake-once-')),
    ports: { s3: await stablePort(), dynamodb: await stablePort(), console: 0 },
    queue: { concurrency: 4, backoffMs: 20 },
    // Only uploads: the notices written to the responses bucket raise events too.
    onUploadEvent: (r) => {
      if (r.s3.object.key.startsWith('incoming/')) events.push(r);
    },
  });
});

afterAll(async () => {
  await stack?.stop();
});

async function pool<T>(items: T[], width: number, fn: (t: T) => Promise<unknown>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

describe('exactly-once over at-least-once delivery', () => {
  it(`${UPLOADS} uploads, each event delivered 1–3 times in random order and concurrently, make ${UPLOADS} cases and ${UPLOADS} notices`, async () => {
    const r = rng(20261122);
    const start = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
    const keys: string[] = [];
    await pool(
      Array.from({ length: UPLOADS }, (_, i) => i),
      16,
      async (i) => {
        const key = `incoming/shaoxing/inst-${String(i % 17).padStart(2, '0')}/load-${i}/申请表 ${i}.pdf`;
        const pdf = await bornDigitalApplication({ institutionName: `绍兴市测试${i}号职业培训学校`, className: `电工（四级）${i}期培训班`, classCode: `SX2026-${String(i).padStart(3, '0')}`, startDate: start, traineeCount: 10 + (i % 30) });
        await s3Client().send(new PutObjectCommand({ Bucket: stack.info.intakeBucket, Key: key, Body: pdf }));
        keys.push(key);
      },
    );
    await waitFor('every upload event', async () => (events.length >= UPLOADS ? true : null));

    // Each event again 0–2 more times (so 1–3 in all), shuffled, half through the queue, half at once into the handler.
    const extra: string[] = [];
    for (const e of events) for (let k = Math.floor(r() * 3); k > 0; k--) extra.push(JSON.stringify({ Records: [e] }));
    for (let i = extra.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [extra[i], extra[j]] = [extra[j]!, extra[i]!];
    }
    const viaQueue = extra.filter((_, i) => i % 2 === 0);
    const direct = extra.filter((_, i) => i % 2 === 1);
    for (const body of viaQueue) stack.queue.send(body);
    const failures: string[] = [];
    await pool(direct, 6, async (body) => {
      const res = await handleSqsEvent({ Records: [{ messageId: `direct-${Math.floor(r() * 1e9)}`, body }] }, stack.deps);
      failures.push(...res.batchItemFailures.map((f) => f.itemIdentifier));
    });
    await stack.queue.idle();
    await waitFor('all cases', async () => ((await stack.deps.cases.listCases({})).length >= UPLOADS ? true : null), 300_000);
    await stack.queue.idle();

    expect(extra.length).toBeGreaterThan(UPLOADS / 2); // the duplicates really were sent
    expect(failures).toEqual([]);
    expect(stack.queue.deadLetters()).toEqual([]);

    const cases = await stack.deps.cases.listCases({});
    expect(cases).toHaveLength(UPLOADS);
    expect(new Set(cases.map((c) => c.caseId)).size).toBe(UPLOADS);
    const uploaded = new Set(cases.flatMap((c) => c.uploads.map((u) => u.key)));
    expect([...uploaded].sort()).toEqual([...keys].sort());
    expect(new Set(events.map((e) => decodeEventKey(e.s3.object.key))).size).toBe(UPLOADS);

    const responses = await stack.deps.objects.list(stack.info.responsesBucket, 'responses/');
    // One notice and one stamped copy of the packet per case, and nothing in the bucket that no case names.
    expect(responses.filter((o) => o.key.endsWith('/received.pdf'))).toHaveLength(UPLOADS);
    expect(responses.filter((o) => !o.key.endsWith('/received.pdf'))).toHaveLength(UPLOADS);
    const named = await Promise.all(cases.map(async (c) => (await stack.deps.cases.getCase(c.caseId))!.pdfs.map((p) => p.key)));
    expect(responses.map((o) => o.key).sort()).toEqual(named.flat().sort());
    // Every notice's hash is the one on its case: no duplicate worker overwrote it with other bytes.
    for (const c of cases.slice(0, 20)) {
      const pdf = c.pdfs[0]!;
      const obj = await stack.deps.objects.get(pdf.bucket, pdf.key);
      const { createHash } = await import('node:crypto');
      expect(createHash('sha256').update(obj.bytes).digest('hex')).toBe(pdf.sha256);
    }
    // A duplicate that got past the idempotency would leave its own audit events (and findings) behind.
    for (const c of cases) {
      const rec = (await stack.deps.cases.getCase(c.caseId))!;
      expect(new Set(rec.findings.map((f) => f.ruleId)).size).toBe(rec.findings.length);
      expect((await stack.deps.cases.auditTrail(c.caseId)).map((a) => a.action)).toEqual(['received', 'validated', 'notice-issued']);
    }
  });
});
