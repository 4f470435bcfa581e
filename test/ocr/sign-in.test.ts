// Shaoxing 附件3 sign-in sheets, scanned, with handwriting-like names in some slots.
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { extractPacket } from '../../lib/extract/index.ts';
import { PaddleOcr } from '../../lib/extract/ocr/paddle.ts';
import { classOpeningTruth, rng, scanLook, signInSheet } from '../corpus/generate.ts';

describe('sign-in sheets (Shaoxing 附件3)', async () => {
  const sheets = [11, 12].map((seed) => signInSheet(classOpeningTruth(seed), seed));
  const doc = await PDFDocument.create();
  for (const [i, s] of sheets.entries()) {
    const img = await doc.embedJpg(await scanLook(s.canvas.toBuffer('image/png'), rng(100 + i)));
    doc.addPage([595.28, 841.89]).drawImage(img, { x: 0, y: 0, width: 595.28, height: 841.89 });
  }
  const x = await extractPacket([{ name: 'sign-in.pdf', bytes: await doc.save() }], { ocr: new PaddleOcr() });

  it('each sheet is its own document (one teaching unit each)', () => {
    expect(x.documents.map((d) => [d.type, d.pages])).toEqual([
      ['sign-in-sheet', [1]],
      ['sign-in-sheet', [2]],
    ]);
  });

  it('reads class code, date, start and end time, and whether the teacher signed', () => {
    sheets.forEach(({ truth }, i) => {
      const f = x.documents[i]!.fields;
      expect({ classCode: f.classCode?.value, date: f.date?.value, startTime: f.startTime?.value, endTime: f.endTime?.value, teacherSigned: f.teacherSigned?.value }).toEqual({
        classCode: truth.classCode,
        date: truth.date,
        startTime: truth.startTime,
        endTime: truth.endTime,
        teacherSigned: truth.teacherSigned,
      });
    });
  });

  it('tells signed slots from empty ones, all 60 of them', () => {
    sheets.forEach(({ truth }, i) => {
      const slots = x.documents[i]!.tables!.slots!;
      expect(slots.map((s) => s.no!.value)).toEqual(Array.from({ length: 60 }, (_, k) => k + 1));
      const got = Object.fromEntries(slots.map((s) => [s.no!.value, s.signed!.value]));
      expect(got).toEqual(truth.signed);
      expect(x.documents[i]!.fields.signedCount?.value).toBe(Object.values(truth.signed).filter(Boolean).length);
    });
  });
});
