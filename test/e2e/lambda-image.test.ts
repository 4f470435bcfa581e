// The Lambda image's code path: the handlers compiled to JavaScript (npm run build:functions, as the
// Dockerfile builds them) run in a plain node process with no TypeScript loader, wired from the
// environment the CDK app sets, against the embedded stack's S3 and DynamoDB. What the image would run is
// what is tested; only the container itself is not (no Docker engine here).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { s3Client } from '../../lib/aws/s3.ts';
import { encodeEventKey } from '../../lib/cases/upload-key.ts';
import { startStack, type EmbeddedStack } from '../../local/stack.ts';
import { classOpeningTruth, scannedPacketPdf } from '../corpus/generate.ts';
import { filledForm, rosterCells } from '../corpus/filled-forms.ts';
import { stablePort } from '../helpers.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
let stack: EmbeddedStack;

/**
 * Runs one compiled handler on one event in a fresh node process (a cold start), as Lambda would. Not
 * spawnSync: the embedded stack's S3 runs in this process and must go on answering the handler.
 */
async function invoke(handler: 'intake' | 'api', event: unknown, env: Record<string, string | undefined>) {
  // Lambda freezes the process once the handler has answered; the decoding thread and the SDK's sockets
  // would keep a plain node process alive.
  const script = `const { handler } = await import(${JSON.stringify(path.join(ROOT, 'dist/functions', `${handler}.js`))});
    const r = await handler(JSON.parse(process.env.EVENT));
    process.stdout.write('RESULT ' + JSON.stringify(r), () => process.exit(0));`;
  // A file, not --eval: a worker thread inherits the process's flags, and --input-type would stop the decoder's.
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'intake-invoke-')), 'invoke.mjs');
  writeFileSync(file, script);
  const child = spawn(process.execPath, [file], { cwd: tmpdir(), env: { PATH: process.env.PATH, HOME: process.env.HOME, EVENT: JSON.stringify(event), ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), 170_000);
  const status = await new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  clearTimeout(timer);
  const line = stdout.split('RESULT ')[1];
  return { status, result: line ? JSON.parse(line) : null, stderr };
}

beforeAll(async () => {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-functions.mjs')], { cwd: ROOT, stdio: 'pipe' });
  stack = await startStack({ dir: mkdtempSync(path.join(tmpdir(), 'intake-image-')), worker: false, users: [], ports: { s3: await stablePort(), dynamodb: await stablePort(), console: 0 } });
});

afterAll(async () => {
  await stack?.stop();
});

describe('the compiled Lambda handlers', () => {
  const awsEnv = () => ({
    INTAKE_BUCKET: stack.info.intakeBucket,
    RESPONSES_BUCKET: stack.info.responsesBucket,
    CASE_TABLE: stack.info.table,
    AWS_ENDPOINT_URL_S3: stack.info.s3Endpoint,
    AWS_ENDPOINT_URL_DYNAMODB: stack.info.dynamodbEndpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
    AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
  });

  it('intake: an S3 event in an SQS message becomes a case, read by OCR and from the form; the API function then shows it to the bureau', async () => {
    // A packet of two files: a scanned page (PaddleOCR on onnxruntime, from the compiled modules) and a
    // roster filled on screen (its fields read by name).
    const truth = classOpeningTruth(61);
    const scanned = (await scannedPacketPdf(truth, ['application'], 61)).pdf;
    const roster = await filledForm('shaoxing', 'roster', { 'f.institutionName': truth.institutionName, 'f.classCode': 'SX-IMG-1', ...rosterCells([['张伟', '11010519491231002X']]) });
    const prefix = 'incoming/shaoxing/inst-img/packet-1/';
    const metadata = { 'submission-type': 'class-opening', 'packet-files': '2' };
    for (const [name, body] of [['1-申请表.pdf', scanned], ['2-花名册.pdf', roster]] as const) {
      await s3Client().send(new PutObjectCommand({ Bucket: stack.info.intakeBucket, Key: prefix + name, Body: body, ContentType: 'application/pdf', Metadata: metadata }));
    }
    const key = `${prefix}2-花名册.pdf`;
    const record = { eventName: 'ObjectCreated:Put', s3: { bucket: { name: stack.info.intakeBucket }, object: { key: encodeEventKey(key) } } };
    const run = await invoke('intake', { Records: [{ messageId: 'm-1', body: JSON.stringify({ Records: [record] }) }] }, awsEnv());
    expect(run.status, run.stderr.slice(-2000)).toBe(0);
    expect(run.result).toEqual({ batchItemFailures: [], errors: [] });
    const [summary] = (await stack.deps.cases.listCases({ jurisdiction: 'shaoxing' })).filter((c) => c.uploads.some((u) => u.key === key));
    expect(summary?.uploads).toHaveLength(2);
    expect(summary?.institutionName).toBe(truth.institutionName); // read off the scanned page
    expect(summary?.pdfs.filter((p) => p.verificationCode)).toHaveLength(1); // its notice

    const claims = { 'custom:role': 'bureau', 'custom:jurisdictions': 'shaoxing', 'cognito:username': 'bureau-sx' };
    const shown = await invoke('api', { rawPath: `/api/cases/${summary!.caseId}`, requestContext: { http: { method: 'GET' }, authorizer: { jwt: { claims } } } }, awsEnv());
    expect(shown.status, shown.stderr.slice(-2000)).toBe(0);
    expect(shown.result.statusCode).toBe(200);
    const body = JSON.parse(shown.result.body);
    expect(body.case.caseNumber).toBe(summary!.caseNumber);
    // The roster's ID numbers leave the API masked.
    expect(shown.result.body).not.toMatch(/\d{17}[\dX]/);
    expect(shown.result.body).toMatch(/\d{6}\*{8}\d{3}[\dX]/);
  });

  it('a function whose environment lacks the names the CDK app sets stops with the missing names, not a fall-back to local buckets', async () => {
    const { INTAKE_BUCKET: _b, ...partial } = awsEnv();
    const run = await invoke('api', { rawPath: '/api/me', requestContext: { http: { method: 'GET' } } }, partial);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/environment is incomplete: INTAKE_BUCKET/);
  });
});
