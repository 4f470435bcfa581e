// Crash safety: the stack is killed outright (SIGKILL) while it reads a packet; started again, it
// delivers the upload event it had not finished and makes exactly one case.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { DynamoCaseStore } from '../../lib/aws/dynamodb.ts';
import { classOpeningTruth, scannedPacketPdf } from '../corpus/generate.ts';
import { freePort, waitFor } from '../helpers.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const children: ChildProcess[] = [];
afterAll(async () => {
  // A clean stop, so that DynamoDB Local goes with it.
  await Promise.all(
    children.filter((c) => c.exitCode === null && c.signalCode === null).map((c) => new Promise((r) => (c.once('exit', r), c.kill('SIGINT')))),
  );
});

function start(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(ROOT, 'local/bin.js'), 'start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return waitFor('the stack', async () => (out.includes('Ctrl-C stops') ? child : child.exitCode !== null ? Promise.reject(new Error(out)) : null), 120_000);
}

describe('crash safety', () => {
  it('a stack killed with SIGKILL mid-packet comes back and finishes it: one case, nothing pending', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'intake-crash-'));
    const s3Port = await freePort();
    const ddbPort = await freePort();
    const env = { ...process.env, INTAKE_LOCAL_DIR: dir, INTAKE_S3_PORT: String(s3Port), INTAKE_DYNAMODB_PORT: String(ddbPort), INTAKE_CONSOLE_PORT: String(await freePort()) };
    const creds = { region: 'us-east-1', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } };

    const first = await start(env);
    const t = classOpeningTruth(44);
    const { pdf } = await scannedPacketPdf(t, ['application', 'roster', 'schedule'], 44);
    const key = 'incoming/shaoxing/inst-crash/p1/packet.pdf';
    const s3 = new S3Client({ ...creds, endpoint: `http://127.0.0.1:${s3Port}`, forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED' });
    await s3.send(new PutObjectCommand({ Bucket: 'intake-uploads', Key: key, Body: pdf }));
    // Wait until it is reading the packet, then pull the plug.
    await waitFor('OCR to begin', async () => (existsSync(path.join(dir, 'progress', 'current.json')) ? true : null), 60_000);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    expect(readdirSync(path.join(dir, 'queue', 'pending')).length).toBe(1); // the event was not lost

    await start(env); // must clear the DynamoDB Local the killed stack left running
    const cases = new DynamoCaseStore('intake-cases', DynamoDBDocumentClient.from(new DynamoDBClient({ ...creds, endpoint: `http://127.0.0.1:${ddbPort}` })));
    const found = await waitFor('the case', async () => {
      const all = await cases.listCases({});
      return all.length > 0 ? all : null;
    }, 180_000);
    await waitFor('the queue to drain', async () => (readdirSync(path.join(dir, 'queue', 'pending')).length === 0 ? true : null), 60_000);
    expect(found).toHaveLength(1);
    expect(found[0]!.uploads[0]!.key).toBe(key);
    expect(found[0]!.institutionName).toBe(t.institutionName);
    expect(readdirSync(path.join(dir, 'queue', 'dead'))).toEqual([]);
    expect(JSON.parse(readFileSync(path.join(dir, 'stack.json'), 'utf8')).pid).not.toBe(first.pid);
  });
});
