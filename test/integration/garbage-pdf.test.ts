// One garbage "PDF" must not freeze the process that serves everything else (issue 20, 4): pdf-lib took
// minutes on a large %PDF- file of random bytes, in the main thread, before any watchdog. Reading our
// filled forms now happens in the decoding thread under its time limit; the main thread keeps answering.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { extractPacket } from '../../lib/extract/index.ts';
import { readFilledFormIsolated, stampIsolated } from '../../lib/extract/isolate.ts';
import type { OcrEngine } from '../../lib/extract/ocr/port.ts';
import { filledForm, rosterCells } from '../corpus/filled-forms.ts';

const garbage = (mb: number) => new Uint8Array(Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(mb * 1048576)]));

/** The longest the main thread went without running a timer while `work` ran. */
async function longestStall(work: () => Promise<unknown>): Promise<number> {
  let last = Date.now();
  let longest = 0;
  const tick = setInterval(() => {
    longest = Math.max(longest, Date.now() - last);
    last = Date.now();
  }, 50);
  try {
    await work();
  } finally {
    clearInterval(tick);
  }
  return Math.max(longest, Date.now() - last);
}

describe('a garbage PDF', () => {
  it('is given up on in its thread within the limit while the main thread keeps running; a real filled form is still read', async () => {
    let read: unknown = 'not yet';
    const started = Date.now();
    // 6 MB of noise behind %PDF-: pdf-lib alone spends well over the 2 s allowed here on it.
    const stall = await longestStall(async () => (read = await readFilledFormIsolated(garbage(6), 'noise.pdf', { heapMb: 512, pageTimeoutMs: 2000 })));
    expect(read).toBeNull();
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(stall).toBeLessThan(1000);
    const roster = await readFilledFormIsolated(await filledForm('qidong', 'roster', { 'f.institutionName': '启东市测试职业培训学校', ...rosterCells([['张伟', '11010519491231002X']]) }), 'roster.pdf');
    expect(roster?.type).toBe('roster');
  });

  it('in a packet, is answered as unreadable beside a good file, without stalling the process', async () => {
    const readsNothing: OcrEngine = { name: 'reads-nothing', recognise: async () => [] };
    const good = await filledForm('qidong', 'roster', { 'f.institutionName': '启东市测试职业培训学校', ...rosterCells([['张伟', '11010519491231002X']]) });
    let extraction: Awaited<ReturnType<typeof extractPacket>> | undefined;
    const stall = await longestStall(async () => {
      extraction = await extractPacket([{ name: 'noise.pdf', bytes: garbage(3) }, { name: 'roster.pdf', bytes: good }], { ocr: readsNothing, tolerant: true });
    });
    expect(stall).toBeLessThan(2000);
    expect(extraction!.documents.map((d) => d.type)).toContain('roster');
    expect(extraction!.problems.some((p) => p.file === 'noise.pdf')).toBe(true);
  });

  it('is copied under the 收件 stamp in the thread too: a good file gets its stamped pages, a garbage one costs the thread, not the process', async () => {
    const good = await filledForm('qidong', 'roster', { 'f.institutionName': '启东市测试职业培训学校', ...rosterCells([['张伟', '11010519491231002X']]) });
    const stamp = { issuer: '启东市人力资源和社会保障局', caseNumber: 'QD-2026-STAMP00001', date: '2026-12-07' };
    const copy = await stampIsolated({ files: [{ name: 'roster.pdf', bytes: good }], stamp });
    expect(copy?.pages).toBe(1);
    expect(Buffer.from(copy!.pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    // 6 MB of noise: pdf-lib in the thread runs past its 2 s; the main thread keeps its timers, the caller gets null.
    let late: unknown = 'not yet';
    const stall = await longestStall(async () => (late = await stampIsolated({ files: [{ name: 'noise.pdf', bytes: garbage(6) }], stamp }, { heapMb: 512, pageTimeoutMs: 2000 })));
    expect(late).toBeNull();
    expect(stall).toBeLessThan(1000);
  });

  it('a file longer than the deployment allows (INTAKE_MAX_PAGES, 120 on AWS) is answered asking for it split, not read until the function times out', async () => {
    const { PDFDocument } = await import('pdf-lib');
    const { normalise } = await import('../../lib/extract/normalise.ts');
    const doc = await PDFDocument.create();
    for (let i = 0; i < 3; i++) doc.addPage([200, 200]);
    const three = await doc.save();
    const before = process.env.INTAKE_MAX_PAGES;
    process.env.INTAKE_MAX_PAGES = '2';
    try {
      await expect(normalise(three, 'long.pdf')).rejects.toThrow('long.pdf: 3 pages is more than the 2 a file may have; split it into files of at most 2 pages');
    } finally {
      if (before === undefined) delete process.env.INTAKE_MAX_PAGES;
      else process.env.INTAKE_MAX_PAGES = before;
    }
    expect(await normalise(three, 'long.pdf')).toHaveLength(3);
  });
});
