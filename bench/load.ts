// npm run load — N packets uploaded at once to the embedded stack (real DynamoDB Local, s3rver, the
// on-disk queue, the intake handler), then: throughput, p50/p95 latency per stage, memory, and the
// count that matters — every packet one case and one notice, nothing in the dead-letter store.
// Usage: npm run load -- [--packets 200] [--scanned-every 20] [--concurrency 2]
// Most packets are born-digital applications (text layer: the path through storage, rules, notice and
// transaction at full rate); every k-th is a scanned page that goes through OCR.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { s3Client } from '../lib/aws/s3.ts';
import type { PipelineStage } from '../lib/cases/intake/index.ts';
import { startStack } from '../local/stack.ts';
import { bornDigitalApplication } from '../test/corpus/born-digital.ts';
import { classOpeningTruth, scannedPacketPdf } from '../test/corpus/generate.ts';
import { freePort, waitFor } from '../test/helpers.ts';

const { values } = parseArgs({
  options: {
    packets: { type: 'string', default: '200' },
    'scanned-every': { type: 'string', default: '20' },
    concurrency: { type: 'string', default: String(Math.max(1, availableParallelism())) },
    out: { type: 'string', default: 'bench/LOAD.md' },
  },
});
const N = Number(values.packets);
const scannedEvery = Number(values['scanned-every']);
const concurrency = Number(values.concurrency);

const marks = new Map<string, Partial<Record<PipelineStage | 'putStart' | 'putDone', number>>>();
const mark = (key: string, stage: PipelineStage | 'putStart' | 'putDone') => {
  const m = marks.get(key) ?? {};
  m[stage] ??= performance.now(); // the first time: a duplicate delivery does not move it
  marks.set(key, m);
};

let peakRss = 0;
const rssSamples: number[] = [];
const sampler = setInterval(() => {
  const rss = process.memoryUsage().rss;
  peakRss = Math.max(peakRss, rss);
  rssSamples.push(rss);
}, 250);

const stack = await startStack({
  dir: mkdtempSync(path.join(tmpdir(), 'intake-load-')),
  ports: { s3: await freePort(), dynamodb: await freePort(), console: 0 },
  queue: { concurrency, backoffMs: 200 },
  users: [],
  trace: (stage, key) => mark(key, stage),
});

// Inputs are made before the clock starts.
const start = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
const scanned = (await scannedPacketPdf(classOpeningTruth(7, new Date(Date.now() + 40 * 86_400_000)), ['application'], 7)).pdf;
const packets: { key: string; body: Uint8Array; scanned: boolean }[] = [];
for (let i = 0; i < N; i++) {
  const isScanned = scannedEvery > 0 && i % scannedEvery === scannedEvery - 1;
  const body = isScanned
    ? scanned
    : await bornDigitalApplication({ institutionName: `绍兴市负载${i}号职业培训学校`, className: `电工（四级）${i}期培训班`, classCode: `SX2026-${String(i).padStart(3, '0')}`, startDate: start, traineeCount: 10 + (i % 30) });
  packets.push({ key: `incoming/shaoxing/load-${String(i % 23).padStart(2, '0')}/p-${i}/${isScanned ? '扫描件' : '申请表'}.pdf`, body, scanned: isScanned });
}

const t0 = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: 16 }, async () => {
    while (next < packets.length) {
      const p = packets[next++]!;
      mark(p.key, 'putStart');
      await s3Client().send(new PutObjectCommand({ Bucket: stack.info.intakeBucket, Key: p.key, Body: p.body, Metadata: { 'submission-type': 'class-opening' } }));
      mark(p.key, 'putDone');
    }
  }),
);
await waitFor('every packet to have a case', async () => ((await stack.deps.cases.listCases({})).length >= N ? true : null), 60 * 60_000);
await stack.queue.idle();
const wallS = (performance.now() - t0) / 1000;
clearInterval(sampler);

// Nothing lost, nothing doubled.
const cases = await stack.deps.cases.listCases({});
const byKey = new Map<string, number>();
for (const c of cases) for (const u of c.uploads) byKey.set(u.key, (byKey.get(u.key) ?? 0) + 1);
const missing = packets.filter((p) => !byKey.has(p.key)).length;
const doubled = [...byKey.values()].filter((n) => n > 1).length;
const notices = (await stack.deps.objects.list(stack.info.responsesBucket, 'responses/')).filter((o) => !o.key.endsWith('/received.pdf')).length;
const dead = stack.queue.deadLetters().length;
await stack.stop();

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN;
};
type Span = [string, (m: Partial<Record<string, number>>) => number | undefined];
const spans: Span[] = [
  ['upload (PUT to s3rver)', (m) => m.putDone! - m.putStart!],
  ['queue wait (stored → worker starts)', (m) => m.started! - m.putDone!],
  ['assemble (read the packet\'s objects)', (m) => m.assembled! - m.started!],
  ['extract (decode + OCR/text layer)', (m) => m.extracted! - m.assembled!],
  ['adjudicate (rules + cross-case ledgers)', (m) => m.adjudicated! - m.extracted!],
  ['respond (notice, stamped packet)', (m) => m.responded! - m.adjudicated!],
  ['record (DynamoDB transaction)', (m) => m.stored! - m.responded!],
  ['end to end (PUT → case written)', (m) => m.stored! - m.putStart!],
];
const rows = (filter: (scanned: boolean) => boolean) =>
  spans.map(([name, f]) => {
    const xs = packets.filter((p) => filter(p.scanned)).map((p) => f(marks.get(p.key) ?? {})).filter((x): x is number => Number.isFinite(x));
    return `| ${name} | ${xs.length} | ${pct(xs, 50).toFixed(0)} | ${pct(xs, 95).toFixed(0)} | ${Math.max(...xs).toFixed(0)} |`;
  });
const nScanned = packets.filter((p) => p.scanned).length;
const report = [
  '# Load test (`npm run load`)',
  '',
  `Machine: ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}. Embedded stack: DynamoDB Local, s3rver, the on-disk queue with ${concurrency} workers, one process.`,
  `Run: ${N} packets uploaded at once (16 parallel PUTs): ${N - nScanned} born-digital applications (text layer) and ${nScanned} scanned pages (OCR). ${new Date().toISOString().slice(0, 16)}Z.`,
  '',
  `- **nothing lost: ${cases.length} cases for ${N} packets, ${missing} packets without a case, ${doubled} with two, ${notices} notices, ${dead} dead letters**`,
  `- throughput: ${(N / wallS).toFixed(2)} packets/s (${wallS.toFixed(1)} s wall for all ${N})`,
  `- memory (RSS of the whole stack process): peak ${Math.round(peakRss / 1048576)} MB, median ${Math.round(pct(rssSamples, 50) / 1048576)} MB`,
  '',
  '## Latency per stage, born-digital packets (ms)',
  '',
  '| stage | n | p50 | p95 | max |',
  '|---|---:|---:|---:|---:|',
  ...rows((s) => !s),
  '',
  '## Latency per stage, scanned packets (ms)',
  '',
  '| stage | n | p50 | p95 | max |',
  '|---|---:|---:|---:|---:|',
  ...rows((s) => s),
  '',
  'Queue wait grows with the backlog: all packets arrive within seconds and the workers take them in turn.',
  '',
];
writeFileSync(values.out!, report.join('\n'));
process.stdout.write(report.join('\n'));
if (missing || doubled || dead || notices !== N || cases.length !== N) {
  process.stderr.write('LOAD TEST FAILED: something was lost or doubled\n');
  process.exit(1);
}
process.exit(0);
