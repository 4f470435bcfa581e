// The seeds' forms in layouts other than the corpus's one drawing (test/corpus/layouts.ts), scanned or
// photographed and read end to end: the structure a person sees is what comes back — each value in its
// column, a group's role on its rows, two pairs on a line both found, a wrapped label's value beside it —
// and a value that is wrong is flagged, never silent.
import { describe, expect, it } from 'vitest';
import type { ExtractedDocument, Field } from '../../lib/domain/schemas.ts';
import { REVIEW_THRESHOLD } from '../../lib/extract/fields.ts';
import { extractPacket } from '../../lib/extract/index.ts';
import { PaddleOcr } from '../../lib/extract/ocr/paddle.ts';
import { classOpeningTruth, phonePhoto, rng, scanLook } from '../corpus/generate.ts';
import { applicationInLayout, institutionInLayout, institutionTruth, rosterInLayout, signInInLayout, teachersInLayout, teachersOf } from '../corpus/layouts.ts';

const ocr = new PaddleOcr();
const truth = classOpeningTruth(1007);

async function readPage(png: Buffer, photo = false): Promise<ExtractedDocument> {
  const image = photo ? await phonePhoto(png, rng(9)) : await scanLook(png, rng(9));
  const { documents } = await extractPacket([{ name: 'page.jpg', bytes: image }], { ocr });
  expect(documents).toHaveLength(1);
  return documents[0]!;
}

/** Right, or flagged for a reviewer: never wrong and silent. */
function rightOrFlagged(f: Field | undefined, want: unknown): boolean {
  if (f === undefined || f.value === null) return true; // missing is seen, not silent
  return String(f.value) === String(want) || (f.confidence ?? 1) < REVIEW_THRESHOLD || f.review !== undefined;
}

describe('forms in other layouts, read by their cells', () => {
  it('a photographed roster with values tight against the rules: every gender and ID number in its own column', async () => {
    const doc = await readPage(rosterInLayout(truth, 'tight-columns', 3).toBuffer('image/png'), true);
    expect(doc.type).toBe('roster');
    expect(doc.fields.classCode?.value).toBe(truth.classCode);
    const rows = doc.tables!.trainees!;
    expect(rows).toHaveLength(truth.trainees.length);
    truth.trainees.forEach((t, i) => {
      expect(rows[i]!.idNumber?.value).toBe(t.idNumber);
      expect(rows[i]!.gender?.value).toBe(t.gender);
      expect(rightOrFlagged(rows[i]!.category, t.category)).toBe(true);
    });
  }, 120_000);

  it('a roster with headers wrapped and the institution and class on one line: columns and both values found', async () => {
    const doc = await readPage(rosterInLayout(truth, 'wrapped-headers', 4).toBuffer('image/png'));
    expect(doc.fields.institutionName?.value).toBe(truth.institutionName);
    expect(doc.fields.classCode?.value).toBe(truth.classCode);
    const rows = doc.tables!.trainees!;
    expect(rows.map((r) => r.idNumber?.value)).toEqual(truth.trainees.map((t) => t.idNumber));
    expect(rows.map((r) => r.category?.value)).toEqual(truth.trainees.map((t) => t.category));
  }, 120_000);

  it('Zibo 表二 staff with the groups written down the side: each person gets the group’s role, no label in a name', async () => {
    const staff = teachersOf(7);
    const doc = await readPage(teachersInLayout(truth.institutionName, staff, 'vertical-groups', 5).toBuffer('image/png'));
    expect(doc.type).toBe('teacher-list');
    const rows = doc.tables!.teachers!;
    expect(rows.map((r) => r.role?.value)).toEqual(staff.map((s) => s.role));
    expect(rows.map((r) => r.name?.value)).toEqual(staff.map((s) => s.name));
    expect(rows.map((r) => r.employment?.value)).toEqual(staff.map((s) => s.employment));
  }, 120_000);

  it('a class-opening application with its labels wrapped in their cells: each value from the cell beside its label', async () => {
    const doc = await readPage(applicationInLayout(truth, 'pairs-in-grid', 6).toBuffer('image/png'));
    expect(doc.type).toBe('class-opening-application');
    for (const key of ['institutionName', 'classCode', 'occupation', 'headTeacher', 'startDate', 'endDate', 'totalHours', 'traineeCount', 'venue', 'applicationDate'] as const)
      expect(doc.fields[key]?.value, key).toBe(truth[key]);
  }, 120_000);

  it('Zibo 附件2 表一 as one grid: the licence number with its words, the four areas, the occupations under a spanning header', async () => {
    const inst = institutionTruth(1007);
    const doc = await readPage(institutionInLayout(inst, 'zibo-grid', 2).toBuffer('image/png'));
    expect(doc.type).toBe('institution-application');
    for (const key of ['institutionName', 'legalRepresentative', 'licenseNumber', 'bankAccount', 'theoryClassroomArea', 'officeArea', 'practiceArea', 'workstations'] as const) expect(doc.fields[key]?.value, key).toBe(inst[key]);
    expect(doc.tables!.occupations!.map((o) => [o.name?.value, o.level?.value, o.scale?.value])).toEqual(inst.occupations.map((o) => [o.name, o.level, o.scale]));
  }, 120_000);

  it('a sign-in sheet of one row a trainee, names printed beside the signatures: each slot as signed', async () => {
    const { canvas, truth: sheet } = signInInLayout(truth, 'named-rows', 8, 'Hand Kai');
    const doc = await readPage(canvas.toBuffer('image/png'));
    expect(doc.type).toBe('sign-in-sheet');
    const slots = doc.tables!.slots!;
    for (const [no, signed] of Object.entries(sheet.signed)) expect(slots.find((s) => s.no?.value === Number(no))?.signed?.value, `slot ${no}`).toBe(signed);
    expect(doc.fields.signedCount?.value).toBe(Object.values(sheet.signed).filter(Boolean).length);
  }, 120_000);
});
