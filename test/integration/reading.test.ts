// A packet being read shows in the console's list with its progress before its case exists (issue 19),
// only to those who may see its case, and goes from the list when the case is stored; an entry a stopped
// worker left is not shown for ever.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../lib/cases/access.ts';
import { processUpload, type PipelineDeps } from '../../lib/cases/intake/index.ts';
import type { ReadingEntry } from '../../lib/cases/ports.ts';
import { READING_STALE_MS } from '../../lib/cases/reading.ts';
import { LOCAL_NAMES } from '../../lib/config.ts';
import type { OcrEngine } from '../../lib/extract/ocr/port.ts';
import { handleApi, type ApiDeps } from '../../lib/http/api.ts';
import { MemoryCaseStore, MemoryObjectStore } from '../memory-stores.ts';

const objects = new MemoryObjectStore();
const cases = new MemoryCaseStore();
let now = new Date('2026-12-07T02:00:00Z');
const clock = { now: () => now };
const api: ApiDeps = { cases, clock, presign: async (_b, key) => key };
const list = async (who: Principal) => (await handleApi({ method: 'GET', path: '/api/cases', query: {} }, api, who)).body as { cases: { caseId: string }[]; reading: ReadingEntry[] };

const clerk: Principal = { role: 'institution', user: 'clerk', jurisdiction: 'shaoxing', institution: 'inst-sx' };
const otherClerk: Principal = { role: 'institution', user: 'other', jurisdiction: 'shaoxing', institution: 'inst-other' };
const reviewer: Principal = { role: 'reviewer', user: 'rev', jurisdictions: ['shaoxing'] };
const qidongReviewer: Principal = { role: 'reviewer', user: 'rev-qd', jurisdictions: ['qidong'] };

describe('packets being read', () => {
  it('are listed with the page being read while the OCR runs, to the institution and its city\'s reviewers only, and gone once the case is stored', async () => {
    const page = await sharp({ create: { width: 800, height: 1100, channels: 3, background: '#ffffff' } }).png().toBuffer();
    const meta = { 'submission-type': 'class-opening', 'packet-files': '2' };
    await objects.put(LOCAL_NAMES.intakeBucket, 'incoming/shaoxing/inst-sx/p1/1-申请表.png', page, 'image/png', meta);
    await objects.put(LOCAL_NAMES.intakeBucket, 'incoming/shaoxing/inst-sx/p1/2-花名册.png', page, 'image/png', meta);
    const seen: { clerk: ReadingEntry[]; other: ReadingEntry[]; reviewer: ReadingEntry[]; qidong: ReadingEntry[] }[] = [];
    // The recogniser looks at the console's list each time it is asked to read (progress is written as pages start).
    const watching: OcrEngine = {
      name: 'watching',
      recognise: async () => {
        await new Promise((r) => setTimeout(r, 20));
        seen.push({ clerk: (await list(clerk)).reading, other: (await list(otherClerk)).reading, reviewer: (await list(reviewer)).reading, qidong: (await list(qidongReviewer)).reading });
        return [];
      },
    };
    const deps: PipelineDeps = { objects, cases, ocr: watching, clock, names: LOCAL_NAMES };
    const r = await processUpload({ bucket: LOCAL_NAMES.intakeBucket, key: 'incoming/shaoxing/inst-sx/p1/2-花名册.png' }, deps);
    expect(r.status).toBe('created');
    expect(seen.length).toBeGreaterThan(0);
    const during = seen.at(-1)!;
    expect(during.clerk).toHaveLength(1);
    const entry = during.clerk[0]!;
    expect(entry).toMatchObject({ jurisdiction: 'shaoxing', institution: 'inst-sx', submissionType: 'class-opening', files: ['1-申请表.png', '2-花名册.png'], page: 1, pages: 1 });
    expect(entry.file).toMatch(/花名册|申请表/);
    expect(entry.caseNumber).toBe(r.status === 'created' ? r.case.caseNumber : '');
    expect(during.reviewer.map((e) => e.caseId)).toEqual([entry.caseId]);
    expect(during.other).toEqual([]);
    expect(during.qidong).toEqual([]);
    // Both files' pages were reported as they were read.
    expect(new Set(seen.map((s) => s.clerk[0]?.file))).toEqual(new Set(['1-申请表.png', '2-花名册.png']));
    const after = await list(clerk);
    expect(after.reading).toEqual([]);
    expect(after.cases.map((c) => c.caseId)).toEqual([entry.caseId]);
  });

  it('an entry a stopped worker left is shown while it is fresh and not after', async () => {
    const at = now.toISOString();
    await cases.putReading({ caseId: 'SX-2026-STOPPED000', caseNumber: 'SX-2026-STOPPED000', jurisdiction: 'shaoxing', institution: 'inst-sx', files: ['a.pdf'], file: 'a.pdf', page: 2, pages: 9, startedAt: at, updatedAt: at });
    expect((await list(clerk)).reading.map((e) => e.caseId)).toEqual(['SX-2026-STOPPED000']);
    now = new Date(now.getTime() + READING_STALE_MS + 1000);
    expect((await list(clerk)).reading).toEqual([]);
  });
});
