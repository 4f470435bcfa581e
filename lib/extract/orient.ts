// Pages scanned upside down or sideways: PaddleOCR reads them badly (or, sideways, as columns of
// single characters), so the page is read again turned, and the reading that names a known form
// with the surest text wins. Only pages that look wrong are turned: upright pages cost nothing more.
import { PAGE_PNG } from './page-image.ts';
import sharp from 'sharp';
import { classifyPage } from './classify.ts';
import type { OcrEngine, OcrLine } from './ocr/port.ts';

export interface OrientedPage {
  lines: OcrLine[];
  image: Buffer;
  width: number;
  height: number;
  /** Degrees clockwise the page was turned to read it (0 when it was upright). */
  rotated: 0 | 90 | 180 | 270;
}

function score(lines: OcrLine[], height: number) {
  const chars = lines.reduce((s, l) => s + [...l.text.replace(/\s/g, '')].length, 0);
  const sure = lines.reduce((s, l) => s + l.confidence * [...l.text.replace(/\s/g, '')].length, 0);
  const mean = chars > 0 ? sure / chars : 0;
  const titled = classifyPage(1, lines.map((l) => ({ ...l, page: 1 })), height).type !== null;
  // Sideways text comes back as long runs with few, tall boxes; upright forms as many wide lines.
  const wide = lines.filter((l) => l.bbox[2] - l.bbox[0] >= l.bbox[3] - l.bbox[1]).length;
  return { titled, mean, sure, wide, lines: lines.length };
}

export async function readOriented(ocr: OcrEngine, image: Buffer, width: number, height: number): Promise<OrientedPage> {
  const upright = await ocr.recognise(image);
  const s0 = score(upright, height);
  const looksRight = s0.titled && s0.mean >= 0.9;
  if (looksRight) return { lines: upright, image, width, height, rotated: 0 };
  const tries: (90 | 180 | 270)[] = [];
  if (s0.mean < 0.9 || s0.lines < 4) tries.push(180);
  if (width > height * 1.15) tries.push(90, 270); // a portrait form scanned landscape
  if (tries.length === 0) return { lines: upright, image, width, height, rotated: 0 };
  let best: OrientedPage & { s: ReturnType<typeof score> } = { lines: upright, image, width, height, rotated: 0, s: s0 };
  for (const angle of tries) {
    const { data, info } = await sharp(image).rotate(angle).png(PAGE_PNG).toBuffer({ resolveWithObject: true });
    const lines = await ocr.recognise(data);
    const s = score(lines, info.height);
    const better =
      Number(s.titled) - Number(best.s.titled) || (s.mean > best.s.mean + 0.05 ? 1 : s.mean < best.s.mean - 0.05 ? -1 : 0) || s.sure - best.s.sure;
    if (better > 0) best = { lines, image: data, width: info.width, height: info.height, rotated: angle, s };
  }
  const { s: _s, ...page } = best;
  return page;
}
