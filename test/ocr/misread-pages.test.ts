// Pages the recogniser once misread (test/fixtures/scans/README.md): a character lost at the edge of its
// box, a seal's star read as a digit, a doubted digit dropped as noise, a 序号 misread. Each is now read
// right, or sent for review.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Extraction } from '../../lib/domain/schemas.ts';
import { REVIEW_THRESHOLD } from '../../lib/extract/fields.ts';
import { extractPacket } from '../../lib/extract/index.ts';
import { PaddleOcr } from '../../lib/extract/ocr/paddle.ts';

const PAGES = ['roster-songti', 'roster-running-hand', 'application-hand-seal', 'application-hand-date'] as const;
const read = new Map<string, Extraction>();

beforeAll(async () => {
  const ocr = new PaddleOcr();
  for (const p of PAGES) read.set(p, await extractPacket([{ name: `${p}.jpg`, bytes: readFileSync(new URL(`../fixtures/scans/${p}.jpg`, import.meta.url)) }], { ocr }));
}, 300_000);

const doc = (p: (typeof PAGES)[number]) => read.get(p)!.documents[0]!;

describe('pages once misread', () => {
  it('a name whose last character sits at the edge of its box is read whole (顾秀霞, not 顾秀)', () => {
    const rows = doc('roster-songti').tables!.trainees!;
    const row = rows.find((r) => r.seq?.value === 2)!;
    expect(row.name!.value).toBe('顾秀霞');
  });

  it('a date whose last digit is a thin stroke at the edge of its box is read whole (2027.7.1)', () => {
    expect(doc('application-hand-date').fields.endDate?.value).toBe('2027-07-01');
  });

  it('a handwritten 0 the recogniser doubts is kept, for review, not dropped as noise', () => {
    const online = doc('application-hand-date').fields.onlineHours;
    expect(online?.value).toBe(0);
    expect(online?.confidence).toBeLessThan(REVIEW_THRESHOLD);
  });

  it('a date under the seal is read, the seal\'s star not taken for a digit', () => {
    const date = doc('application-hand-seal').fields.applicationDate;
    expect(date?.value).toBe('2027-04-29');
  });

  it('a handwritten 序号 1 read as 7 is taken as 1 from its place, for review; the real row 7 keeps its own', () => {
    const rows = doc('roster-running-hand').tables!.trainees!;
    expect(rows[0]!.seq!.value).toBe(1);
    expect(rows[0]!.seq!.confidence).toBeLessThan(REVIEW_THRESHOLD);
    expect(rows[0]!.seq!.review).toMatch(/序号识别为“7”，按前后行定为1/);
    expect(rows[0]!.phone!.value).toBe('13994113000');
    const seventh = rows.filter((r) => r.seq?.value === 7);
    expect(seventh).toHaveLength(1);
    expect(seventh[0]!.phone!.value).toBe('13593377384');
  });
});
