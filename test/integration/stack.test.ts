// The pipeline on the embedded stack, against the real DynamoDB Local and s3rver (no mocks): uploads
// become cases, a duplicate event makes no second case, multipart uploads arrive as S3 says they do.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CompleteMultipartUploadCommand, CreateMultipartUploadCommand, PutObjectCommand, UploadPartCommand } from '@aws-sdk/client-s3';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { s3Client } from '../../lib/aws/s3.ts';
import { handleSqsEvent } from '../../functions/intake.ts';
import { encodeEventKey } from '../../lib/cases/upload-key.ts';
import { hashPassword, type LocalUser } from '../../lib/cases/access.ts';
import { startStack, type EmbeddedStack } from '../../local/stack.ts';
import type { S3EventRecord } from '../../local/s3-local.ts';
import { classOpeningTruth, scannedPacketPdf } from '../corpus/generate.ts';
import { stablePort, waitFor } from '../helpers.ts';

let dir: string;
let hook: Server;
const received: { id: string; type: string; case: { caseId: string } }[] = [];
let stack: EmbeddedStack;
const events: S3EventRecord[] = [];
const truth = classOpeningTruth(5);
let onePage: Uint8Array;

const PASSWORD = 'correct horse battery staple';
let users: LocalUser[];
const basic = (name: string, password = PASSWORD) => ({ authorization: `Basic ${Buffer.from(`${name}:${password}`).toString('base64')}` });
const api = (p: string, as = 'bureau', password?: string) => fetch(new URL(p, stack.info.consoleUrl), { headers: basic(as, password) });

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'intake-stack-'));
  chmodSync(dir, 0o755); // as a plain mkdir leaves a user's .local: the stack must close it itself
  const hash = await hashPassword(PASSWORD);
  users = [
    { name: 'bureau', password: hash, role: 'bureau', jurisdictions: ['shaoxing', 'zibo'] },
    { name: 'clerk-a', password: hash, role: 'institution', jurisdictions: ['shaoxing'], institution: 'inst-a' },
    { name: 'clerk-b', password: hash, role: 'institution', jurisdictions: ['shaoxing'], institution: 'inst-b' },
    { name: 'reviewer-zibo', password: hash, role: 'reviewer', jurisdictions: ['zibo'] },
  ];
  // The bureau's system, as a webhook: it receives each decided case.
  hook = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      received.push(JSON.parse(body));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
  stack = await startStack({
    dir,
    users,
    webhook: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/intake`,
    ports: { s3: await stablePort(), dynamodb: await stablePort(), console: 0 },
    queue: { backoffMs: 50 },
    onUploadEvent: (r) => events.push(r),
  });
  onePage = (await scannedPacketPdf(truth, ['application'], 5)).pdf;
});

afterAll(async () => {
  hook?.close();
  await stack?.stop();
});

const casesFor = async (key: string) => (await stack.deps.cases.listCases({})).filter((c) => c.uploads.some((u) => u.key === key));

describe('the embedded stack', () => {
  it('an object put straight into the intake bucket under the upload prefix becomes a listed case with a notice', async () => {
    const key = 'incoming/shaoxing/inst-a/packet-1/开班申请 扫描件.pdf';
    await s3Client().send(new PutObjectCommand({ Bucket: stack.info.intakeBucket, Key: key, Body: onePage, ContentType: 'application/pdf' }));
    const [c] = await waitFor('the case', async () => {
      const found = await casesFor(key);
      return found.length ? found : null;
    });
    expect(c!.jurisdiction).toBe('shaoxing');
    expect(c!.submissionType).toBe('class-opening'); // inferred from the documents: no metadata was given
    expect(c!.institutionName).toBe(truth.institutionName);
    expect(c!.outcome).toBe('supplement-required'); // only the application of the eight items
    const record = await stack.deps.cases.getCase(c!.caseId);
    expect(record!.findings.map((f) => f.ruleId)).toContain('SX-OPEN-DOCS-2');
    expect(record!.documents[0]!.fields.classCode?.value).toBe(truth.classCode);
    const audit = await stack.deps.cases.auditTrail(c!.caseId);
    expect(audit.map((a) => a.action)).toEqual(['received', 'validated', 'notice-issued']);

    // The notice is in the responses bucket, names the case and the institution, and its hash is on the case.
    const pdf = c!.pdfs[0]!;
    const obj = await stack.deps.objects.get(pdf.bucket, pdf.key);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'intake-pdf-')), 'notice.pdf');
    writeFileSync(file, obj.bytes);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain(c!.caseNumber);
    expect(text).toContain(truth.institutionName);
    expect(text).toContain('补正材料通知书');
    expect(await stack.deps.cases.findPdfByHash(pdf.sha256)).toEqual({ caseId: c!.caseId, key: pdf.key });

    // The event S3 would send: eventVersion 2.1, URL-encoded key with + for spaces.
    const ev = events.find((e) => e.s3.object.key === encodeEventKey(key));
    expect(ev).toMatchObject({ eventVersion: '2.1', eventSource: 'aws:s3', eventName: 'ObjectCreated:Put' });
    expect(ev!.s3.object.key).toContain('+');
  });

  it('the same upload event delivered twice, even at once, leaves one case', async () => {
    const key = 'incoming/shaoxing/inst-b/packet-2/scan.pdf';
    const put = await s3Client().send(new PutObjectCommand({ Bucket: stack.info.intakeBucket, Key: key, Body: onePage }));
    await waitFor('the first case', async () => ((await casesFor(key)).length ? true : null));
    await stack.queue.idle();
    const body = JSON.stringify({
      Records: [{ eventVersion: '2.1', eventSource: 'aws:s3', eventName: 'ObjectCreated:Put', s3: { bucket: { name: stack.info.intakeBucket }, object: { key: encodeEventKey(key), eTag: put.ETag?.replace(/"/g, '') } } }],
    });
    // Twice more through the queue, and twice concurrently straight into the handler.
    stack.queue.send(body);
    stack.queue.send(body);
    const direct = await Promise.all([
      handleSqsEvent({ Records: [{ messageId: 'dup-1', body }] }, stack.deps),
      handleSqsEvent({ Records: [{ messageId: 'dup-2', body }] }, stack.deps),
    ]);
    await stack.queue.idle();
    expect(direct.flatMap((d) => d.batchItemFailures)).toEqual([]);
    expect(await casesFor(key)).toHaveLength(1);
    expect(stack.queue.deadLetters()).toEqual([]);
  });

  it('a concurrent duplicate that gets past the first look is stopped by the conditional transaction', async () => {
    const key = 'incoming/shaoxing/inst-d/packet-4/scan.pdf';
    // No worker in the way: process the same object twice at the same moment with a fresh case id each start.
    await s3Client().send(new PutObjectCommand({ Bucket: stack.info.intakeBucket, Key: key, Body: onePage }));
    await waitFor('the case', async () => ((await casesFor(key)).length ? true : null));
    const c = (await casesFor(key))[0]!;
    const record = (await stack.deps.cases.getCase(c.caseId))!;
    expect(await stack.deps.cases.createCase(record, [])).toBe('duplicate');
    expect(await casesFor(key)).toHaveLength(1);
  });

  it('a multipart upload arrives as ObjectCreated:CompleteMultipartUpload, and an unreadable file still gets a case asking for a rescan', async () => {
    const s3 = s3Client();
    const Bucket = stack.info.intakeBucket;
    const Key = 'incoming/shaoxing/inst-c/packet-3/big upload.pdf';
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key, ContentType: 'application/pdf' }));
    const part1 = Buffer.alloc(5 * 1024 * 1024, 0x20);
    const part2 = Buffer.from('not really a pdf');
    const e1 = await s3.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: 1, Body: part1 }));
    const e2 = await s3.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: 2, Body: part2 }));
    await s3.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: e1.ETag }, { PartNumber: 2, ETag: e2.ETag }] } }));
    const [c] = await waitFor('the case', async () => {
      const found = await casesFor(Key);
      return found.length ? found : null;
    });
    const ev = events.find((e) => e.s3.object.key === encodeEventKey(Key));
    expect(ev?.eventName).toBe('ObjectCreated:CompleteMultipartUpload');
    expect(c!.outcome).toBe('supplement-required');
    const record = await stack.deps.cases.getCase(c!.caseId);
    const rescan = record!.findings.find((f) => f.ruleId === 'INTAKE-READABLE');
    expect(rescan?.message).toContain('big upload.pdf');
    expect(rescan?.outcome).toBe('RESCAN');
  });

  it('the console serves its page and the API: cases, one case with phones masked, the notice through a presigned link', async () => {
    expect((await fetch(stack.info.consoleUrl)).status).toBe(401);
    const page = await api('/');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('职业技能培训材料受理');
    const { cases } = (await (await api('/api/cases?jurisdiction=shaoxing')).json()) as { cases: { caseId: string }[] };
    expect(cases.length).toBeGreaterThanOrEqual(3);
    const withPhone = (await Promise.all(cases.map(async (c) => (await (await api(`/api/cases/${c.caseId}`)).json()) as { case: { caseId: string; documents: { fields: Record<string, { value: unknown }> }[] }; audit: unknown[] })))
      .find((r) => r.case.documents[0]?.fields.phone);
    expect(withPhone).toBeDefined();
    expect(withPhone!.case.documents[0]!.fields.phone!.value).toBe(`${truth.phone.slice(0, 3)}****${truth.phone.slice(7)}`);
    expect(withPhone!.audit.length).toBe(3);
    const pdf = await api(`/api/cases/${withPhone!.case.caseId}/pdfs/0`);
    expect(pdf.status).toBe(200); // followed the redirect to the presigned S3 URL
    expect(pdf.url).toContain('X-Amz-Signature');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await api('/api/cases/NO-SUCH-CASE')).status).toBe(404);
    expect((await api('/api/cases?jurisdiction=hangzhou')).status).toBe(400);
  });

  it('each role sees only its own: institutions their cases, reviewers their jurisdictions; no password, no data', async () => {
    const all = ((await (await api('/api/cases')).json()) as { cases: { caseId: string; institution: string }[] }).cases;
    const ofA = all.filter((c) => c.institution === 'inst-a');
    const ofB = all.filter((c) => c.institution === 'inst-b');
    expect(ofA.length).toBeGreaterThan(0);
    expect(ofB.length).toBeGreaterThan(0);

    const seenByA = ((await (await api('/api/cases', 'clerk-a')).json()) as { cases: { caseId: string }[] }).cases.map((c) => c.caseId);
    expect(seenByA.sort()).toEqual(ofA.map((c) => c.caseId).sort());
    expect((await api(`/api/cases/${ofA[0]!.caseId}`, 'clerk-a')).status).toBe(200);
    // Another institution's case, its notice, and the listing of another city are refused.
    // Answered as a case that does not exist, so that ids cannot be probed (issue 20, 10).
    const foreign = await api(`/api/cases/${ofB[0]!.caseId}`, 'clerk-a');
    const missing = await api('/api/cases/ZB-2026-0000000000', 'clerk-a');
    expect(foreign.status).toBe(404);
    expect(await foreign.json()).toEqual(await missing.json());
    const notice = await fetch(new URL(`/api/cases/${ofB[0]!.caseId}/pdfs/0`, stack.info.consoleUrl), { headers: basic('clerk-a'), redirect: 'manual' });
    expect(notice.status).toBe(404);
    expect(notice.headers.get('location')).toBeNull();
    expect((await api('/api/cases?jurisdiction=zibo', 'clerk-a')).status).toBe(403);

    expect(((await (await api('/api/cases', 'reviewer-zibo')).json()) as { cases: unknown[] }).cases).toEqual([]);
    expect((await api(`/api/cases/${ofA[0]!.caseId}`, 'reviewer-zibo')).status).toBe(404);
    expect((await api('/api/cases?jurisdiction=shaoxing', 'reviewer-zibo')).status).toBe(403);

    expect((await fetch(new URL('/api/cases', stack.info.consoleUrl))).status).toBe(401);
    expect((await api('/api/cases', 'clerk-a', 'wrong password')).status).toBe(401);
    expect((await api('/api/cases', 'nobody')).status).toBe(401);
  });

  it('anyone can check a notice by the code printed on it, without signing in; an unknown code is not authentic', async () => {
    const [c] = ((await (await api('/api/cases')).json()) as { cases: { caseNumber: string; pdfs: { verificationCode: string; sha256: string }[] }[] }).cases;
    const code = c!.pdfs[0]!.verificationCode;
    const r = await fetch(new URL(`/api/verify/${code}`, stack.info.consoleUrl));
    expect(r.status).toBe(200);
    const body = (await r.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ authentic: true, current: true, caseNumber: c!.caseNumber, sha256: c!.pdfs[0]!.sha256 });
    expect(Object.keys(body)).not.toContain('documents'); // nothing of the case's contents
    expect((await fetch(new URL('/api/verify/0000000000', stack.info.consoleUrl))).status).toBe(404);
  });

  it('anyone can post a copy (the notice or the stamped packet) to check it; one changed byte is not authentic; the page is public', async () => {
    const all = ((await (await api('/api/cases')).json()) as { cases: { caseNumber: string; pdfs: { bucket: string; key: string; kind: string; sha256: string }[] }[] }).cases;
    // A case whose files could be read has its stamped copy beside the notice.
    const c = all.find((x) => x.pdfs.some((p) => p.kind === 'received'));
    for (const pdf of c!.pdfs) {
      const bytes = (await stack.deps.objects.get(pdf.bucket, pdf.key)).bytes;
      const r = await fetch(new URL('/api/verify', stack.info.consoleUrl), { method: 'POST', body: Buffer.from(bytes) });
      expect(r.status, pdf.kind).toBe(200);
      expect(await r.json()).toMatchObject({ authentic: true, current: true, caseNumber: c!.caseNumber, sha256: pdf.sha256 });
      const altered = new Uint8Array(bytes);
      altered[altered.length - 20] = altered[altered.length - 20]! ^ 1;
      const bad = await fetch(new URL('/api/verify', stack.info.consoleUrl), { method: 'POST', body: Buffer.from(altered) });
      expect(bad.status).toBe(404);
      expect(await bad.json()).toMatchObject({ authentic: false });
    }
    const page = await fetch(new URL('/verify', stack.info.consoleUrl));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('文书真伪查验');
    expect((await fetch(new URL('/api/verify', stack.info.consoleUrl), { method: 'POST' })).status).toBe(400);
  });

  it('each decided case is delivered to the bureau: in .local/events.jsonl and to the webhook, no ID number or phone in clear', async () => {
    const all = ((await (await api('/api/cases')).json()) as { cases: { caseId: string }[] }).cases;
    const log = readFileSync(path.join(dir, 'events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; type: string; delivered?: boolean; case: { caseId: string } });
    for (const c of all) {
      expect(log.some((e) => e.case.caseId === c.caseId && e.type === 'case.decided'), c.caseId).toBe(true);
      expect(received.some((e) => e.case.caseId === c.caseId), c.caseId).toBe(true);
    }
    expect(log.every((e) => e.delivered === true)).toBe(true);
    // Redelivered uploads publish again with the same id: one id per case.
    expect(new Set(log.map((e) => e.id)).size).toBe(new Set(log.map((e) => e.case.caseId)).size);
    const text = JSON.stringify(received) + readFileSync(path.join(dir, 'events.jsonl'), 'utf8');
    expect(text).not.toMatch(/(?<!\d)\d{17}[\dX](?!\d)/);
    expect(text).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
  });

  it('the bureau downloads the 台账 as CSV and xlsx; an institution sees only its own classes in it', async () => {
    const csv = await api('/api/ledger?format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM that makes Excel read UTF-8
    const text = bytes.subarray(3).toString('utf8');
    expect(text.startsWith('期间,地区,培训机构')).toBe(true);
    const { rows } = (await (await api('/api/ledger')).json()) as { rows: { institution: string; classCode: string }[] };
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(text).toContain(r.classCode);
    const xlsx = await api('/api/ledger?format=xlsx&jurisdiction=shaoxing');
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
    const mine = (await (await api('/api/ledger', 'clerk-a')).json()) as { rows: { institution: string }[] };
    expect(mine.rows.every((r) => r.institution === 'inst-a')).toBe(true);
    expect((await api('/api/ledger?jurisdiction=qidong', 'clerk-a')).status).toBe(403);
    expect((await api('/api/ledger?format=pdf')).status).toBe(400);
  });

  it('an institution uploads a packet from the console: presigned POSTs straight to S3, and the case appears; bad files are refused up front', async () => {
    const post = (body: unknown, as = 'clerk-a') =>
      fetch(new URL('/api/uploads', stack.info.consoleUrl), { method: 'POST', headers: { ...basic(as), 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const files = [{ name: '开班申请表.pdf', bytes: onePage }];
    const r = await post({ jurisdiction: 'shaoxing', submissionType: 'class-opening', files: files.map((f) => ({ name: f.name, size: f.bytes.byteLength })) });
    expect(r.status).toBe(200);
    const { packet, uploads } = (await r.json()) as { packet: string; uploads: { file: string; key: string; url: string; fields: Record<string, string> }[] };
    expect(uploads[0]!.key).toBe(`incoming/shaoxing/inst-a/${packet}/开班申请表.pdf`);
    expect(uploads[0]!.fields).toMatchObject({ 'x-amz-meta-packet-files': '1', 'x-amz-meta-submission-type': 'class-opening' });
    for (const u of uploads) {
      const form = new FormData();
      for (const [k, v] of Object.entries(u.fields)) form.append(k, v);
      form.append("file", new Blob([new Uint8Array(files.find((f) => f.name === u.file)!.bytes)], { type: "application/pdf" }), u.file);
      const sent = await fetch(u.url, { method: 'POST', body: form });
      expect(sent.status, await sent.text()).toBeLessThan(300);
    }
    const c = await waitFor('the uploaded packet to become a case', async () => {
      const { cases } = (await (await api('/api/cases', 'clerk-a')).json()) as { cases: { caseId: string; submissionType: string; uploads: { key: string }[] }[] };
      return cases.find((x) => x.uploads.some((u) => u.key.includes(packet)));
    });
    expect(c.submissionType).toBe('class-opening');

    const big = await post({ jurisdiction: 'shaoxing', submissionType: 'class-opening', files: [{ name: 'a.pdf', size: 200 * 1048576 }, { name: 'b.exe', size: 10 }] });
    expect(big.status).toBe(400);
    const msg = ((await big.json()) as { error: string }).error;
    expect(msg).toContain('a.pdf: 200 MB，超过 100 MB');
    expect(msg).toContain('b.exe: 不支持的文件类型');
    expect((await post({ jurisdiction: 'qidong', submissionType: 'class-opening', files: [{ name: 'a.pdf', size: 10 }] })).status).toBe(403);
    expect((await post({ jurisdiction: 'shaoxing', submissionType: 'class-opening', files: [{ name: 'a.pdf', size: 10 }] }, 'bureau')).status).toBe(403);
    expect((await post({ jurisdiction: 'shaoxing', submissionType: 'class-opening', files: [{ name: '../x.pdf', size: 10 }] })).status).toBe(400);
  });

  it('download links are short-lived and name one PDF', async () => {
    const [c] = ((await (await api('/api/cases', 'clerk-a')).json()) as { cases: { caseId: string; pdfs: { key: string }[] }[] }).cases;
    const r = await fetch(new URL(`/api/cases/${c!.caseId}/pdfs/0`, stack.info.consoleUrl), { headers: basic('clerk-a'), redirect: 'manual' });
    expect(r.status).toBe(302);
    const link = new URL(r.headers.get('location')!);
    expect(link.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(decodeURIComponent(link.pathname)).toBe(`/${stack.info.responsesBucket}/${c!.pdfs[0]!.key}`);
  });

  it("keeps its data directory to its own user (issue 20, 9): packets, table and keys", async () => {
    const { statSync } = await import('node:fs');
    expect(statSync(dir).mode & 0o077).toBe(0);
    for (const f of ['id-hash.key', 's3-credentials.json']) expect(statSync(path.join(dir, f)).mode & 0o077, f).toBe(0);
  });

  it('keeps DynamoDB Local to this machine (issue 20, 2): 127.0.0.1 only, no browser origin, no telemetry', async () => {
    const port = Number(new URL(stack.info.dynamodbEndpoint).port);
    const { networkInterfaces } = await import('node:os');
    const outward = Object.values(networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
    const answers = async (host: string) =>
      fetch(`http://${host}:${port}/`, { signal: AbortSignal.timeout(3000) }).then(() => true, () => false);
    expect(await answers('127.0.0.1')).toBe(true);
    if (outward) expect(await answers(outward), `DynamoDB Local answered on ${outward}`).toBe(false);
    // A page on another site asking the browser to read the table: the preflight grants it nothing.
    const preflight = await fetch(stack.info.dynamodbEndpoint, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-amz-target,content-type' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const args = readFileSync(`/proc/${stack.info.dynamodbPid}/cmdline`, 'utf8').split('\0');
    expect(args).toContain('-disableTelemetry');
  });

  it('gives every event its own, growing sequencer', () => {
    const seq = events.map((e) => e.s3.object.sequencer);
    expect(new Set(seq).size).toBe(seq.length);
    expect([...seq].sort()).toEqual(seq);
  });
});
