// Real OCR (PaddleOCR PP-OCRv4 on onnxruntime) on scanned pages of the development corpus, against
// the ground truth the generator wrote them from.
import { describe, expect, it } from 'vitest';
import { extractPacket } from '../../lib/extract/index.ts';
import { PaddleOcr } from '../../lib/extract/ocr/paddle.ts';
import { classOpeningTruth, scannedPacketPdf } from '../corpus/generate.ts';

describe('reading a scanned Shaoxing class-opening packet', async () => {
  const truth = classOpeningTruth(31);
  const { pdf } = await scannedPacketPdf(truth, ['application', 'roster', 'commitment'], 31);
  const result = await extractPacket([{ name: 'scan.pdf', bytes: pdf }], { ocr: new PaddleOcr() });

  it('splits the pages into the documents they are', () => {
    expect(result.pageCount).toBe(3);
    expect(result.documents.map((d) => [d.type, d.pages])).toEqual([
      ['class-opening-application', [1]],
      ['roster', [2]],
      ['commitment-letter', [3]],
    ]);
  });

  it('reads every field of the application exactly, with page and box', () => {
    const app = result.documents[0]!;
    const expected: Record<string, string | number> = {
      institutionName: truth.institutionName,
      className: truth.className,
      classCode: truth.classCode,
      occupation: truth.occupation,
      level: truth.level,
      trainingType: truth.trainingType,
      startDate: truth.startDate,
      endDate: truth.endDate,
      totalHours: truth.totalHours,
      theoryHours: truth.theoryHours,
      practicalHours: truth.practicalHours,
      onlineHours: truth.onlineHours,
      traineeCount: truth.traineeCount,
      venue: truth.venue,
      headTeacher: truth.headTeacher,
      phone: truth.phone,
      applicationDate: truth.applicationDate,
    };
    const got = Object.fromEntries(Object.keys(expected).map((k) => [k, app.fields[k]?.value]));
    expect(got).toEqual(expected);
    expect(app.fields.institutionName!.page).toBe(1);
    expect(app.fields.institutionName!.bbox).toHaveLength(4);
    expect(app.fields.institutionName!.confidence).toBeGreaterThan(0.9);
  });

  it('reads every trainee of the roster: names and ID numbers exactly', () => {
    const rows = result.documents[1]!.tables!.trainees!;
    expect(rows.map((r) => r.name?.value)).toEqual(truth.trainees.map((t) => t.name));
    expect(rows.map((r) => r.idNumber?.value)).toEqual(truth.trainees.map((t) => t.idNumber));
    expect(rows.map((r) => r.phone?.value)).toEqual(truth.trainees.map((t) => t.phone));
    expect(result.documents[1]!.fields.classCode?.value).toBe(truth.classCode);
  });
});
