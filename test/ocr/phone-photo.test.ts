// Phone photos: the sheet on a desk, at an angle, in uneven light. The page is found and flattened before
// layout and OCR, so the roster's ruled table and its ID numbers read as from a scan; scans are left alone.
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Extraction } from '../../lib/domain/schemas.ts';
import { extractPacket } from '../../lib/extract/index.ts';
import { PaddleOcr } from '../../lib/extract/ocr/paddle.ts';
import { flattenPhoto } from '../../lib/extract/perspective.ts';
import { classOpeningTruth, packetPages, phonePhoto, rng, scanLook } from '../corpus/generate.ts';

const truth = classOpeningTruth(11);
const pages = packetPages(truth, ['application', 'roster'], 11);
const photos: Buffer[] = [];
const read: Extraction[] = [];

beforeAll(async () => {
  const r = rng(5);
  const ocr = new PaddleOcr();
  for (const p of pages) {
    const photo = await phonePhoto(p.canvas.toBuffer('image/png'), r);
    photos.push(photo);
    read.push(await extractPacket([{ name: `${p.item}.jpg`, bytes: photo }], { ocr }));
  }
}, 300_000);

describe('phone photos of forms', () => {
  it('the sheet is found by its four corners and warped flat to the page proportions', async () => {
    const png = await sharp(photos[1]!).resize({ width: 1800, height: 1800, fit: 'inside' }).png().toBuffer();
    const flat = await flattenPhoto(png);
    expect(flat.corners).toHaveLength(4);
    // The roster page is A4 portrait: the flattened sheet stays portrait (the sides' lengths in the photo,
    // foreshortened, give its size).
    expect(flat.height / flat.width).toBeGreaterThan(1.1);
    expect(flat.height / flat.width).toBeLessThan(1.6);
  });

  it('the roster read from the photo: every ID number exact, the ruled table found square (15 rows × 6 columns)', () => {
    const roster = read[1]!.documents.find((d) => d.type === 'roster')!;
    expect(roster.tables!.trainees!.map((row) => row.idNumber?.value)).toEqual(truth.trainees.map((t) => t.idNumber));
    const table = read[1]!.layout![0]!.tables[0]!;
    expect([table.rows, table.cols]).toEqual([truth.trainees.length + 1, 6]);
  });

  it('the application read from the photo: class name and code as written', () => {
    const app = read[0]!.documents.find((d) => d.type === 'class-opening-application')!;
    expect(app.fields.className?.value).toBe(truth.className);
    expect(app.fields.classCode?.value).toBe(truth.classCode);
  });

  it('a scan (the sheet fills the image) is left as it is', async () => {
    const scan = await sharp(await scanLook(pages[1]!.canvas.toBuffer('image/png'), rng(9))).png().toBuffer();
    const flat = await flattenPhoto(scan);
    expect(flat.corners).toBeUndefined();
    expect(flat.image).toBe(scan);
  });
});
