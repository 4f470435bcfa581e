// The embedded S3 as an attacker on the same machine, or a web page the clerk has open, meets it (issue 20,
// 1): nothing anonymous is answered (a response PDF had been replaced with `curl -X PUT`), every Signature
// V4 is checked against its key, a form upload only with a policy signed by the stack's own key and within
// it, and no web page but the console's may call it from a browser.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stackS3Credentials } from '../../local/s3-auth.ts';
import { startLocalS3, type LocalS3 } from '../../local/s3-local.ts';
import { stablePort } from '../helpers.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'intake-s3-auth-'));
const creds = stackS3Credentials(dir);
let s3: LocalS3;
let client: S3Client;
const created: string[] = [];
const clientWith = (credentials: { accessKeyId: string; secretAccessKey: string }) =>
  new S3Client({ region: 'us-east-1', endpoint: s3.endpoint, forcePathStyle: true, credentials, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' });
const form = (fields: Record<string, string>, body = '%PDF-1.4 a packet') => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  f.append('file', new Blob([body]), 'a.pdf');
  return f;
};

beforeAll(async () => {
  s3 = await startLocalS3({ port: await stablePort(), directory: path.join(dir, 's3'), buckets: ['intake-uploads', 'intake-responses'], credentials: creds, onObjectCreated: (r) => void created.push(r.s3.object.key) });
  client = clientWith(creds);
  await client.send(new PutObjectCommand({ Bucket: 'intake-responses', Key: 'responses/qidong/QD-2026-X/notice.pdf', Body: '%PDF-1.7 the notice' }));
});
afterAll(async () => s3?.stop());

describe('the embedded S3', () => {
  it('keeps its key pair beside its data, readable by its owner only', async () => {
    const { statSync } = await import('node:fs');
    expect(statSync(path.join(dir, 's3-credentials.json')).mode & 0o077).toBe(0);
    expect(stackS3Credentials(dir)).toMatchObject({ accessKeyId: creds.accessKeyId, secretAccessKey: creds.secretAccessKey }); // the same key on every start
  });

  it('answers nothing anonymous: no list, no read, no replacing a notice', async () => {
    const notice = `${s3.endpoint}/intake-responses/responses/qidong/QD-2026-X/notice.pdf`;
    expect((await fetch(`${s3.endpoint}/intake-responses`)).status).toBe(403);
    expect((await fetch(notice)).status).toBe(403);
    expect((await fetch(notice, { method: 'PUT', body: '%PDF-1.7 forged' })).status).toBe(403);
    expect((await fetch(`${s3.endpoint}/intake-responses/responses/qidong/QD-2026-X/notice.pdf`, { method: 'DELETE' })).status).toBe(403);
    const kept = await client.send(new GetObjectCommand({ Bucket: 'intake-responses', Key: 'responses/qidong/QD-2026-X/notice.pdf' }));
    expect(await kept.Body!.transformToString()).toBe('%PDF-1.7 the notice');
  });

  it('checks every signature: a wrong secret, another key, a changed or expired link are refused', async () => {
    await expect(clientWith({ accessKeyId: creds.accessKeyId, secretAccessKey: 'guessed' }).send(new GetObjectCommand({ Bucket: 'intake-responses', Key: 'responses/qidong/QD-2026-X/notice.pdf' }))).rejects.toThrow(/signature does not match|AccessDenied/i);
    await expect(clientWith({ accessKeyId: 'S3RVER', secretAccessKey: 'not-S3RVER' }).send(new PutObjectCommand({ Bucket: 'intake-responses', Key: 'responses/x.pdf', Body: 'x' }))).rejects.toThrow();
    // s3rver's documented default pair (which outside tools sign with) still works, checked in full.
    await clientWith({ accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }).send(new PutObjectCommand({ Bucket: 'intake-uploads', Key: 'incoming/qidong/inst/p1/a.pdf', Body: '%PDF-1.4 a' }));
    const link = await getSignedUrl(client, new GetObjectCommand({ Bucket: 'intake-responses', Key: 'responses/qidong/QD-2026-X/notice.pdf' }), { expiresIn: 60 });
    expect((await fetch(link)).status).toBe(200);
    expect((await fetch(link.replace('notice.pdf', 'other.pdf'))).status).toBe(403);
    // Signature V2, as older clients sign: checked by s3rver itself, a wrong secret refused.
    const { createHmac } = await import('node:crypto');
    const v2 = (secret: string) => {
      const date = new Date().toUTCString();
      const sig = createHmac('sha1', secret).update(`GET\n\n\n\nx-amz-date:${date}\n/intake-responses/responses/qidong/QD-2026-X/notice.pdf`).digest('base64');
      return fetch(`${s3.endpoint}/intake-responses/responses/qidong/QD-2026-X/notice.pdf`, { headers: { 'x-amz-date': date, authorization: `AWS S3RVER:${sig}` } });
    };
    const ok = await v2('S3RVER');
    expect(ok.status, await ok.clone().text()).toBe(200);
    expect((await v2('guessed')).status).toBe(403);
    const stale = await getSignedUrl(client, new GetObjectCommand({ Bucket: 'intake-responses', Key: 'responses/qidong/QD-2026-X/notice.pdf' }), { expiresIn: 1, signingDate: new Date(Date.now() - 60_000) });
    expect((await fetch(stale)).status).toBe(403);
  });

  it("takes a browser's form upload only as its policy, signed with the stack's key, allows", async () => {
    const key = 'incoming/qidong/inst-qd/web-1/申请表.pdf';
    const post = await createPresignedPost(client, { Bucket: 'intake-uploads', Key: key, Fields: { 'x-amz-meta-packet-files': '1' }, Conditions: [['content-length-range', 1, 1000], { 'x-amz-meta-packet-files': '1' }], Expires: 60 });
    expect((await fetch(post.url, { method: 'POST', body: form({ ...post.fields, key: 'incoming/qidong/inst-qd/web-1/other.pdf' }) })).status).toBe(403);
    expect((await fetch(post.url, { method: 'POST', body: form({ ...post.fields, 'x-amz-meta-packet-files': '9' }) })).status).toBe(403);
    expect((await fetch(post.url, { method: 'POST', body: form({ ...post.fields, 'x-amz-meta-submission-type': 'attendance' }) })).status).toBe(403);
    expect((await fetch(post.url, { method: 'POST', body: form({ key }) })).status).toBe(403);
    // The same policy signed with S3RVER's public secret: a form any web page could post.
    const forged = await createPresignedPost(clientWith({ accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }), { Bucket: 'intake-uploads', Key: key, Expires: 60 });
    expect((await fetch(forged.url, { method: 'POST', body: form(forged.fields) })).status).toBe(403);
    expect(created).not.toContain(encodeURIComponent(key).replace(/%2F/g, '/'));
    const r = await fetch(post.url, { method: 'POST', body: form(post.fields) });
    expect(r.status).toBe(204);
    const got = await client.send(new GetObjectCommand({ Bucket: 'intake-uploads', Key: key }));
    expect(await got.Body!.transformToString()).toBe('%PDF-1.4 a packet');
    expect(got.Metadata).toMatchObject({ 'packet-files': '1' });
  });

  it('hands back the version a case read, never a file put under its key since (issue 20, 6)', async () => {
    const { S3ObjectStore } = await import('../../lib/aws/s3.ts');
    const { ObjectChangedError } = await import('../../lib/cases/ports.ts');
    const { casePageImage } = await import('../../lib/cases/pages.ts');
    const store = new S3ObjectStore(client);
    const key = 'incoming/qidong/inst-qd/p9/scan.png';
    const sharp = (await import('sharp')).default;
    const page = (colour: string) => sharp({ create: { width: 60, height: 80, channels: 3, background: colour } }).png().toBuffer();
    await store.put('intake-uploads', key, await page('#ffffff'), 'image/png');
    const read = await store.head('intake-uploads', key);
    const upload = { bucket: 'intake-uploads', key, etag: read.etag, size: read.size };
    expect(await casePageImage(store, { uploads: [upload] }, 1)).not.toBeNull();
    await store.put('intake-uploads', key, await page('#000000'), 'image/png'); // overwritten after the case was read
    await expect(store.get('intake-uploads', key, { version: { etag: read.etag } })).rejects.toBeInstanceOf(ObjectChangedError);
    expect(await casePageImage(store, { uploads: [upload] }, 1)).toBeNull();
  });

  it("lets the console's pages, and no other site's, call it from a browser", async () => {
    const preflight = (origin: string) => fetch(`${s3.endpoint}/intake-uploads`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
    const refused = async (origin: string) => {
      const r = await preflight(origin);
      return r.status === 403 && r.headers.get('access-control-allow-origin') === null;
    };
    // Before the console is up no page may; then the console's only.
    expect(await refused('http://127.0.0.1:4400')).toBe(true);
    expect(await refused('https://evil.example')).toBe(true);
    await s3.allowOrigins(['http://127.0.0.1:4400']);
    expect(await refused('http://127.0.0.1:4400')).toBe(false);
    expect(await refused('https://evil.example')).toBe(true);
  });
});
