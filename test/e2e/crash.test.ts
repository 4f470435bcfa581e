// Crash safety: the stack is killed outright (SIGKILL) at every stage of a packet's processing, and once
// in the middle of OCR; started again each time, it delivers what it had not finished. In the end every
// upload has exactly one case and one notice, and nothing is pending or dead.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { DynamoCaseStore } from '../../lib/aws/dynamodb.ts';
import { S3ObjectStore } from '../../lib/aws/s3.ts';
import { PIPELINE_STAGES, type PipelineStage } from '../../lib/cases/intake/index.ts';
import { bornDigitalApplication } from '../corpus/born-digital.ts';
import { classOpeningTruth, rng, scannedPacketPdf } from '../corpus/generate.ts';
import { stablePort, waitFor } from '../helpers.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const children: ChildProcess[] = [];
afterAll(async () => {
  // A clean stop, so that DynamoDB Local goes with it.
  await Promise.all(
    children.filter((c) => c.exitCode === null && c.signalCode === null).map((c) => new Promise((r) => (c.once('exit', r), c.kill('SIGINT')))),
  );
});

/** Starts the stack; resolves when it is up, or when a crash drill killed it first (signalCode set). */
function start(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(ROOT, 'local/bin.js'), 'start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return waitFor(
    'the stack',
    async () => (out.includes('Ctrl-C stops') || child.signalCode === 'SIGKILL' ? child : child.exitCode !== null ? Promise.reject(new Error(out)) : null),
    120_000,
  );
}

const exited = (c: ChildProcess) => new Promise<NodeJS.Signals | null>((r) => (c.signalCode !== null || c.exitCode !== null ? r(c.signalCode) : c.once('exit', (_code, sig) => r(sig))));

describe('crash safety', () => {
  it('killed at every stage of a packet (and mid-OCR), the stack comes back each time: one case and one notice per upload', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'intake-crash-'));
    // The stack is started eight times on the same ports: ports no outgoing connection can take meanwhile.
    const s3Port = await stablePort();
    const ddbPort = await stablePort();
    const env = { ...process.env, INTAKE_LOCAL_DIR: dir, INTAKE_S3_PORT: String(s3Port), INTAKE_DYNAMODB_PORT: String(ddbPort), INTAKE_CONSOLE_PORT: String(await stablePort()) };
    const creds = { region: 'us-east-1', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } };
    const s3 = new S3Client({ ...creds, endpoint: `http://127.0.0.1:${s3Port}`, forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED' });
    const keys: string[] = [];
    const kills: string[] = [];

    // Every stage boundary, in a seeded random order; the stack kills itself (SIGKILL) when the first
    // packet reaches it (INTAKE_FAULT_KILL_AT), so the kill lands exactly there. A packet left pending
    // by the last kill is taken up first on restart and may be the one killed again, at the next stage;
    // a new packet is uploaded whenever the stack comes up alive.
    const stages: PipelineStage[] = [...PIPELINE_STAGES];
    const r = rng(7);
    for (let i = stages.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [stages[i], stages[j]] = [stages[j]!, stages[i]!];
    }
    for (const [i, stage] of stages.entries()) {
      const stack = await start({ ...env, INTAKE_FAULT_KILL_AT: stage });
      if (stack.signalCode === 'SIGKILL') {
        kills.push(stage);
        continue;
      }
      const key = `incoming/shaoxing/inst-crash/p${i}/申请表.pdf`;
      const pdf = await bornDigitalApplication({ institutionName: `绍兴市崩溃${i}号职业培训学校`, className: `电工（四级）${i}期`, classCode: `SX2026-7${i}`, startDate: '2027-06-01', traineeCount: 20 });
      try {
        await s3.send(new PutObjectCommand({ Bucket: 'intake-uploads', Key: key, Body: pdf }));
        keys.push(key);
      } catch {
        // The packet left pending by the last kill reached the stage first and took the stack down.
      }
      expect(await exited(stack)).toBe('SIGKILL');
      kills.push(stage);
    }

    // And once by the test, in the middle of reading a scanned packet.
    const stack = await start(env);
    const t = classOpeningTruth(44);
    const { pdf } = await scannedPacketPdf(t, ['application', 'roster', 'schedule'], 44);
    const key = 'incoming/shaoxing/inst-crash/scanned/packet.pdf';
    const store = new DynamoCaseStore('intake-cases', DynamoDBDocumentClient.from(new DynamoDBClient({ ...creds, endpoint: `http://127.0.0.1:${ddbPort}` })));
    await s3.send(new PutObjectCommand({ Bucket: 'intake-uploads', Key: key, Body: pdf }));
    keys.push(key);
    // The progress the console shows: the packet's first page being read.
    await waitFor('OCR of the scanned packet to begin', async () => ((await store.listReading('shaoxing')).some((r) => r.file === 'packet.pdf' && r.pages > 0) ? true : null), 120_000);
    stack.kill('SIGKILL');
    await exited(stack);
    kills.push('mid-OCR');
    expect(readdirSync(path.join(dir, 'queue', 'pending')).length).toBeGreaterThan(0); // the events were not lost

    const last = await start(env); // must clear the DynamoDB Local the killed stack left running
    const cases = store;
    await waitFor('a case for every upload', async () => ((await cases.listCases({})).length >= keys.length ? true : null), 300_000);
    await waitFor('the queue to drain', async () => (readdirSync(path.join(dir, 'queue', 'pending')).length === 0 ? true : null), 120_000);

    const all = await cases.listCases({});
    expect(kills).toHaveLength(7);
    expect(keys.length).toBeGreaterThanOrEqual(3);
    process.env.AWS_ENDPOINT_URL_S3 = `http://127.0.0.1:${s3Port}`;
    // Every object in the intake bucket (each confirmed upload, and any stored as the stack died) has one case.
    const stored = (await new S3ObjectStore(s3).list('intake-uploads', 'incoming/')).map((o) => o.key).sort();
    expect(stored).toEqual(expect.arrayContaining(keys));
    expect(all.map((c) => c.uploads[0]!.key).sort()).toEqual(stored);
    expect(readdirSync(path.join(dir, 'queue', 'dead'))).toEqual([]);
    expect(await cases.listReading('shaoxing')).toEqual([]); // the killed reading's entry went with its retry
    const notices = await new S3ObjectStore(s3).list('intake-responses', 'responses/');
    // Each case's notice and stamped packet, and nothing that no case names (a PDF written just before a kill is
    // written again with the same bytes by the retry).
    expect([...new Set(notices.map((n) => n.key.split('/')[2]))].sort()).toEqual(all.map((c) => c.caseId).sort());
    expect(notices.map((n) => n.key).sort()).toEqual(all.flatMap((c) => c.pdfs.map((p) => p.key)).sort());
    for (const c of all) expect((await cases.auditTrail(c.caseId)).map((a) => a.action)).toEqual(['received', 'validated', 'notice-issued']);
    expect(all.find((c) => c.uploads[0]!.key === key)!.institutionName).toBe(t.institutionName);
    expect(JSON.parse(readFileSync(path.join(dir, 'stack.json'), 'utf8')).pid).toBe(last.pid);
    console.log(`crash drill: ${kills.length} kills (${kills.join(', ')}), ${stored.length} uploads, ${all.length} cases, ${notices.length} notices`);
  }, 600_000); // eight starts of the stack and a scanned packet read: minutes on two cores
});
