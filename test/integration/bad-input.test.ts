// Bad input gets a clear answer, never silence: every hostile file below, uploaded to the embedded
// stack, ends in one case whose finding says what is wrong and a notice asking to resubmit, within a
// fixed time per file, while the process stays under a fixed memory ceiling.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetObjectTaggingCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { s3Client } from '../../lib/aws/s3.ts';
import type { CaseRecord } from '../../lib/domain/schemas.ts';
import { startStack, type EmbeddedStack } from '../../local/stack.ts';
import { bornDigitalApplication } from '../corpus/born-digital.ts';
import { hostileFiles, type HostileFile } from '../corpus/hostile.ts';
import { stablePort, waitFor } from '../helpers.ts';

const SAMPLE = readFileSync(new URL('../../local/samples/shaoxing-class-opening-complete.pdf', import.meta.url));
/** Per file, upload to case; the decoding watchdog is set to 20 s a page for this run. */
const PER_FILE_MS = 60_000;
/** The whole process (test, stack, decoder thread, OCR) must stay below this while it reads them. */
const RSS_CEILING_MB = 3072;

let stack: EmbeddedStack;
let files: HostileFile[];
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);

beforeAll(async () => {
  process.env.INTAKE_DECODE_PAGE_TIMEOUT_MS = '20000';
  files = await hostileFiles(SAMPLE);
  stack = await startStack({
    dir: mkdtempSync(path.join(tmpdir(), 'intake-bad-')),
    ports: { s3: await stablePort(), dynamodb: await stablePort(), console: 0 },
    queue: { concurrency: 1, backoffMs: 50 },
  });
}, 180_000);

afterAll(async () => {
  clearInterval(sampler);
  delete process.env.INTAKE_DECODE_PAGE_TIMEOUT_MS;
  await stack?.stop();
});

async function put(key: string, body: Uint8Array, metadata: Record<string, string> = {}) {
  await s3Client().send(new PutObjectCommand({ Bucket: stack.info.intakeBucket, Key: key, Body: body, Metadata: { 'submission-type': 'class-opening', ...metadata } }));
}

async function caseFor(key: string, timeoutMs = PER_FILE_MS): Promise<CaseRecord> {
  const summary = await waitFor(`the case for ${key}`, async () => (await stack.deps.cases.listCases({})).find((c) => c.uploads.some((u) => u.key === key)), timeoutMs);
  return (await stack.deps.cases.getCase(summary.caseId))!;
}

async function noticeText(c: CaseRecord): Promise<string> {
  const pdf = await stack.deps.objects.get(c.pdfs[0]!.bucket, c.pdfs[0]!.key);
  const { execFileSync } = await import('node:child_process');
  return execFileSync('pdftotext', ['-layout', '-', '-'], { input: Buffer.from(pdf.bytes) }).toString('utf8').replace(/\s+/g, '');
}

/** What the finding must say about each file, in the decoder's words. */
const REASON: Record<string, RegExp> = {
  'empty.pdf': /empty/,
  'really-a-zip.pdf': /not a PDF, JPEG, PNG or TIFF/,
  'really-html.pdf': /not a PDF, JPEG, PNG or TIFF/,
  'encrypted.pdf': /encrypted with a password/,
  'truncated.pdf': /cannot be read/,
  'header-only.pdf': /cannot be read/,
  'truncated.jpg': /cannot be decoded/,
  'corrupt.png': /cannot be decoded/,
  'ten-thousand-pages.pdf': /10000 pages is more than the 500/,
  'bomb-30000px.png': /pixel limit/,
  'huge-30000px.jpg': /pixel limit/,
  'content-bomb.pdf': /took longer than 20 s|needs more than \d+ MB/,
  // The image is skipped (not decoded), so the page is blank: nothing to read.
  'image-bomb.pdf': /no text found/,
};

describe('bad input on the embedded stack', () => {
  it('every hostile file ends in a case that says what is wrong, and a notice asking to resubmit', async () => {
    const seen: { name: string; ms: number }[] = [];
    for (const f of files) {
      const key = `incoming/shaoxing/bad-input/${f.name.replace(/\W/g, '-')}/${f.name}`;
      const t0 = Date.now();
      await put(key, f.bytes);
      const c = await caseFor(key);
      seen.push({ name: f.name, ms: Date.now() - t0 });
      const why = c.findings.find((x) => x.ruleId === 'INTAKE-READABLE');
      if (f.name === 'huge-metadata.pdf') {
        // Megabytes of metadata are not a reason to refuse a readable page: it is read like any other.
        expect(c.pageCount, f.what).toBe(1);
        expect(c.documents.length, f.what).toBeGreaterThan(0);
        continue;
      }
      expect(why, `${f.what}: ${JSON.stringify(c.findings.map((x) => x.ruleId))}`).toBeDefined();
      // The reader's own words stay on the case for the bureau's staff; the institution is told in Chinese.
      expect(why!.detail, f.what).toMatch(REASON[f.name]!);
      expect(why!.message).toContain(f.name);
      expect(why!.message.replace(f.name, '').replace(/PDF、JPG、PNG、TIFF/, ''), f.what).not.toMatch(/[A-Za-z]/);
      expect(c.outcome, f.what).toBe('supplement-required');
      const text = await noticeText(c);
      expect(text).toContain('补正材料通知书');
      expect(text).toContain('请重新扫描或拍摄');
    }
    expect(stack.queue.deadLetters()).toEqual([]);
    expect(Math.max(...seen.map((s) => s.ms))).toBeLessThan(PER_FILE_MS);
    expect(peakRss / 1048576).toBeLessThan(RSS_CEILING_MB);
    console.log(`bad input: ${seen.map((s) => `${s.name} ${(s.ms / 1000).toFixed(1)} s`).join(', ')}; peak RSS ${Math.round(peakRss / 1048576)} MB`);
  }, 20 * 60_000);

  it('a file over 100 MB is refused unread, a class video of that size is recorded', async () => {
    const big = Buffer.alloc(101 * 1024 * 1024, 0x20);
    big.write('%PDF-1.7\n', 0, 'latin1');
    await put('incoming/shaoxing/bad-input/big/扫描件.pdf', big);
    const c = await caseFor('incoming/shaoxing/bad-input/big/扫描件.pdf');
    expect(c.findings.find((x) => x.ruleId === 'INTAKE-READABLE')?.detail).toMatch(/101 MB is more than the 100 MB/);
    expect(c.findings.find((x) => x.ruleId === 'INTAKE-READABLE')?.message).toContain('超过单个文件100兆字节的上限');
    expect(c.uploads[0]!.size).toBe(big.length);

    const video = Buffer.alloc(101 * 1024 * 1024);
    video.write('\x00\x00\x00\x18ftypmp42', 0, 'latin1');
    const pdf = await bornDigitalApplication({ institutionName: '绍兴市测试职业培训学校', className: '电工（四级）视频期', classCode: 'SX2026-900', startDate: '2027-06-01', traineeCount: 20 });
    await put('incoming/shaoxing/bad-input/video/申请表.pdf', pdf, { 'packet-files': '2' });
    await put('incoming/shaoxing/bad-input/video/课堂录像.mp4', video, { 'packet-files': '2' });
    const v = await caseFor('incoming/shaoxing/bad-input/video/课堂录像.mp4');
    expect(v.documents.find((d) => d.type === 'video-record')?.fields.bytes?.value).toBe(video.length);
    expect(v.findings.find((x) => x.ruleId === 'INTAKE-READABLE')).toBeUndefined();
    // Tagged so that the lifecycle rules keep it for the video period (Qidong: 2 years).
    const tags = await s3Client().send(new GetObjectTaggingCommand({ Bucket: stack.info.intakeBucket, Key: 'incoming/shaoxing/bad-input/video/课堂录像.mp4' }));
    expect(tags.TagSet).toEqual([{ Key: 'record', Value: 'video' }]);
  }, 180_000);

  it('odd but valid keys (spaces, +, %, unicode) are kept exactly; keys with ".." are refused by the embedded S3', async () => {
    const pdf = await bornDigitalApplication({ institutionName: '绍兴市测试职业培训学校', className: '电工（四级）第2期', classCode: 'SX2026-901', startDate: '2027-06-01', traineeCount: 20 });
    const odd = 'incoming/shaoxing/机构 A+B/包 1 (第2批) 100%/申请 表+附件 #1.pdf';
    await put(odd, pdf);
    const c = await caseFor(odd);
    expect(c.uploads.map((u) => u.key)).toEqual([odd]);
    expect(c.institution).toBe('机构 A+B');
    expect(c.packet).toBe('包 1 (第2批) 100%');

    await expect(put('incoming/shaoxing/x/../../../../etc/passwd.pdf', pdf)).rejects.toThrow(/path segments|InvalidArgument/);
  }, 120_000);

  it('a nonsense packet-files count is answered, not waited on forever', async () => {
    const pdf = await bornDigitalApplication({ institutionName: '绍兴市测试职业培训学校', className: '电工（四级）第3期', classCode: 'SX2026-902', startDate: '2027-06-01', traineeCount: 20 });
    for (const [i, n] of ['99999999', 'abc', '-1', '1.5'].entries()) {
      const key = `incoming/shaoxing/bad-input/count-${i}/申请表.pdf`;
      await put(key, pdf, { 'packet-files': n });
      const c = await caseFor(key);
      expect(c.findings.find((x) => x.ruleId === 'INTAKE-PACKET-FILES')?.message).toContain('作为单独一批材料受理');
    }
  }, 120_000);
});
