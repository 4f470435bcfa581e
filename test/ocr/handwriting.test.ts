// Forms filled in by hand (handwriting-like faces, each character varied; the seal over the written
// date): what the recogniser cannot be sure of must reach a reviewer, and the check character repairs an
// ID number where the recogniser doubted one character.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Extraction, Field } from '../../lib/domain/schemas.ts';
import { REVIEW_THRESHOLD } from '../../lib/extract/fields.ts';
import { extractPacket } from '../../lib/extract/index.ts';
import { PaddleOcr } from '../../lib/extract/ocr/paddle.ts';
import { classOpeningTruth, handFilledPage, HANDS, rng, scanLook, type Hand } from '../corpus/generate.ts';

const truth = classOpeningTruth(1002, new Date('2027-05-01T00:00:00Z'));
const KEYS = ['institutionName', 'className', 'classCode', 'occupation', 'level', 'trainingType', 'startDate', 'endDate', 'totalHours', 'theoryHours', 'practicalHours', 'onlineHours', 'traineeCount', 'venue', 'headTeacher', 'phone', 'applicationDate'] as const;
const read = new Map<string, Extraction>();

beforeAll(async () => {
  const ocr = new PaddleOcr();
  for (const hand of HANDS) {
    for (const item of ['application', 'roster'] as const) {
      const scan = await scanLook(handFilledPage(truth, item, hand, 302).toBuffer('image/png'), rng(9));
      read.set(`${hand}/${item}`, await extractPacket([{ name: `${item}.jpg`, bytes: scan }], { ocr }));
    }
  }
}, 300_000);

/** Each value written on the page beside what was read of it. */
function fieldsOf(hand: Hand): { what: string; field: Field | undefined; written: unknown }[] {
  const app = read.get(`${hand}/application`)!.documents.find((d) => d.type === 'class-opening-application');
  const rows = read.get(`${hand}/roster`)!.documents.find((d) => d.type === 'roster')?.tables?.trainees ?? [];
  return [
    ...KEYS.map((k) => ({ what: k, field: app?.fields[k], written: truth[k] })),
    ...truth.trainees.flatMap((t, i) => {
      const row = rows.find((r) => r.seq?.value === i + 1);
      return [
        { what: `row ${i + 1} name`, field: row?.name, written: t.name },
        { what: `row ${i + 1} ID`, field: row?.idNumber, written: t.idNumber },
        { what: `row ${i + 1} phone`, field: row?.phone, written: t.phone },
      ];
    }),
  ];
}

const flagged = (f: Field | undefined) => f === undefined || f.value === null || (f.confidence ?? 1) < REVIEW_THRESHOLD || Boolean(f.review);

describe('forms filled in by hand', () => {
  it('the pages are still told apart: a handwritten application and roster', () => {
    for (const hand of HANDS) {
      expect(read.get(`${hand}/application`)!.documents[0]!.type).toBe('class-opening-application');
      expect(read.get(`${hand}/roster`)!.documents[0]!.type).toBe('roster');
    }
  });

  it.each(HANDS)('every value in %s is read exactly or flagged for a reviewer', (hand) => {
    const unflaggedWrong = fieldsOf(hand).filter((x) => x.field?.value !== x.written && !flagged(x.field));
    expect(unflaggedWrong.map((x) => `${x.what}: read ${String(x.field?.value)}, written ${String(x.written)}`)).toEqual([]);
  });

  it('a careful hand reads well: at least 9 values in 10 exact', () => {
    const all = fieldsOf('Hand Kai');
    expect(all.filter((x) => x.field?.value === x.written).length / all.length).toBeGreaterThanOrEqual(0.9);
  });

  it('a handwritten X the recogniser read as 2 (and doubted) is put right by the check character, and flagged', () => {
    const rows = read.get('Hand Kai/roster')!.documents[0]!.tables!.trainees!;
    const id = rows.find((r) => r.idNumber?.value === '33060319940814493X')?.idNumber;
    expect(id).toBeDefined();
    expect(id!.review).toMatch(/^识别为“33060319940814493\d”，按33060319940814493X录入，请核对$/);
  });

  it('the flags point at the doubtful values: most values read right are not flagged', () => {
    // Not every handwritten value is flagged: the flag points at the doubtful ones.
    const all = [...fieldsOf('Hand Kai'), ...fieldsOf('Hand Xing')];
    const right = all.filter((x) => x.field?.value === x.written);
    expect(right.filter((x) => !flagged(x.field)).length).toBeGreaterThan(right.length / 2);
  });
});
