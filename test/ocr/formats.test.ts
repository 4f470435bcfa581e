// Every input kind the pipeline accepts: a born-digital PDF is read from its text layer (no OCR at all),
// JPEG, PNG and multi-page TIFF scans through OCR; what is not one of these is refused with a reason.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { extractPacket, UnreadableFileError } from '../../lib/extract/index.ts';
import { normalise } from '../../lib/extract/normalise.ts';
import type { OcrEngine } from '../../lib/extract/ocr/port.ts';
import { PaddleOcr } from '../../lib/extract/ocr/paddle.ts';
import { bornDigitalApplication } from '../corpus/born-digital.ts';
import { classOpeningTruth, packetPages } from '../corpus/generate.ts';

const noOcr: OcrEngine = {
  name: 'must-not-be-called',
  recognise: () => Promise.reject(new Error('OCR was called on a born-digital page')),
};

const bornDigital = () =>
  bornDigitalApplication({ institutionName: '绍兴市越城区鼎诚职业技能培训学校', className: '茶艺师（四级）3期培训班', classCode: 'SX2026-077', startDate: '2026-05-11', traineeCount: 24 });

describe('input formats', () => {
  it('a born-digital PDF is read from its text layer without OCR', async () => {
    const x = await extractPacket([{ name: 'digital.pdf', bytes: await bornDigital() }], { ocr: noOcr });
    expect(x.documents[0]!.type).toBe('class-opening-application');
    const f = x.documents[0]!.fields;
    expect(f.institutionName?.value).toBe('绍兴市越城区鼎诚职业技能培训学校');
    expect(f.classCode?.value).toBe('SX2026-077');
    expect(f.startDate?.value).toBe('2026-05-11');
    expect(f.traineeCount?.value).toBe(24);
    expect(f.institutionName?.confidence).toBe(1);
  });

  it('JPEG, PNG and a two-page TIFF become pages and are read', async () => {
    const t = classOpeningTruth(12);
    const [app, roster] = packetPages(t, ['application', 'roster'], 12);
    const png = app!.canvas.toBuffer('image/png');
    const jpg = await sharp(png).jpeg({ quality: 80 }).toBuffer();
    const pngPages = await normalise(png, 'a.png');
    expect(pngPages).toHaveLength(1);
    expect(pngPages[0]!.width).toBe(1240);
    const tiff = await sharp([png, roster!.canvas.toBuffer('image/png')], { join: { animated: true } }).tiff().toBuffer();
    expect(await normalise(tiff, 'b.tif')).toHaveLength(2);

    const x = await extractPacket([{ name: 'a.jpg', bytes: jpg }, { name: 'b.tif', bytes: tiff }], { ocr: new PaddleOcr() });
    expect(x.pageCount).toBe(3);
    expect(x.documents.map((d) => [d.type, d.pages, d.file])).toEqual([
      ['class-opening-application', [1], 'a.jpg'],
      ['class-opening-application', [2], 'b.tif'],
      ['roster', [3], 'b.tif'],
    ]);
    expect(x.documents[0]!.fields.classCode?.value).toBe(t.classCode);
  });

  it.each([
    ['empty.pdf', new Uint8Array(), /empty/],
    ['notes.pdf', new TextEncoder().encode('plain text'), /not a PDF, JPEG, PNG or TIFF/],
    ['broken.pdf', new TextEncoder().encode('%PDF-1.7\n1 0 obj <<>> garbage'), /cannot be read/],
    ['broken.jpg', Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0, 1, 2, 3]), /cannot be decoded/],
  ])('%s is refused with a reason', async (name, bytes, why) => {
    await expect(normalise(bytes, name)).rejects.toThrow(UnreadableFileError);
    await expect(normalise(bytes, name)).rejects.toThrow(why);
  });

  it('in the pipeline an unreadable file is reported, not thrown, so the case can ask for a rescan', async () => {
    const x = await extractPacket([{ name: 'notes.pdf', bytes: new TextEncoder().encode('plain text') }], { ocr: noOcr, tolerant: true });
    expect(x.documents).toEqual([]);
    expect(x.problems[0]).toMatchObject({ file: 'notes.pdf', message: expect.stringContaining('not a PDF') });
  });
});
