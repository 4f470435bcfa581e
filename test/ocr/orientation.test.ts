// Pages fed upside down, or a portrait form scanned sideways, are turned and read.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { extractPacket } from '../../lib/extract/index.ts';
import { PaddleOcr } from '../../lib/extract/ocr/paddle.ts';
import { classOpeningTruth, packetPages, rng, scanLook } from '../corpus/generate.ts';

describe('page orientation', async () => {
  const t = classOpeningTruth(21);
  const [app, roster] = packetPages(t, ['application', 'roster'], 21);
  const appScan = await scanLook(app!.canvas.toBuffer('image/png'), rng(1));
  const rosterScan = await scanLook(roster!.canvas.toBuffer('image/png'), rng(2));
  const ocr = new PaddleOcr();

  it('an upside-down application is read the right way up', async () => {
    const x = await extractPacket([{ name: 'upside-down.jpg', bytes: await sharp(appScan).rotate(180).jpeg().toBuffer() }], { ocr });
    expect(x.documents[0]!.type).toBe('class-opening-application');
    expect(x.documents[0]!.fields.classCode?.value).toBe(t.classCode);
    expect(x.documents[0]!.fields.institutionName?.value).toBe(t.institutionName);
  });

  it('a roster scanned sideways (either way) is turned and its ID numbers read', async () => {
    for (const angle of [90, 270]) {
      const x = await extractPacket([{ name: `sideways-${angle}.jpg`, bytes: await sharp(rosterScan).rotate(angle).jpeg().toBuffer() }], { ocr });
      expect(x.documents[0]!.type, `rotated ${angle}`).toBe('roster');
      expect(x.documents[0]!.tables!.trainees!.map((r) => r.idNumber?.value)).toEqual(t.trainees.map((p) => p.idNumber));
    }
  });
});
