// Re-reads where a doubt asks for one: a table cell or a value cell that holds ink but no text the page's
// reading found (the detector passes over a lone handwritten 0, 兼 or 专, or a short name written small).
// The writing's own box is cut out of the page and given to the recogniser alone.
import sharp from 'sharp';
import type { BBox } from '../domain/schemas.ts';
import type { PageLine } from './fields.ts';
import { INK, rasterOf, type Raster } from './layout/raster.ts';
import type { OcrEngine } from './ocr/port.ts';

/** Reads what is written in a cell of a page, or null where nothing is. */
export type CellReader = (page: number, cell: BBox) => Promise<PageLine | null>;

/** Ink pixels (at ~150 dpi, 1240 px wide) from which a cell counts as written in: a stroke or two, not a speck. */
const WRITTEN_INK = 40;
/** Pixels left off each side of a cell: its rules. */
const RULE_MARGIN = 5;

/** The box of the ink inside `cell` (its rules left off), and how much ink there is. */
function inkBox(r: Raster, cell: BBox): { box: BBox; ink: number } | null {
  let [x0, y0, x1, y1, ink] = [Infinity, Infinity, -1, -1, 0];
  for (let y = Math.max(0, cell[1] + RULE_MARGIN); y < Math.min(r.height, cell[3] - RULE_MARGIN); y++)
    for (let x = Math.max(0, cell[0] + RULE_MARGIN); x < Math.min(r.width, cell[2] - RULE_MARGIN); x++)
      if (r.ink[y * r.width + x]! > INK) {
        ink++;
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
  return ink === 0 ? null : { box: [x0, y0, x1, y1], ink };
}

export function cellReader(ocr: OcrEngine, images: Map<number, Buffer>): CellReader | undefined {
  const readLine = ocr.readLine?.bind(ocr);
  if (!readLine) return undefined;
  const rasters = new Map<number, Promise<Raster>>();
  return async (page, cell) => {
    const image = images.get(page);
    if (!image) return null;
    let pending = rasters.get(page);
    if (!pending) rasters.set(page, (pending = rasterOf(image)));
    const raster = await pending;
    const found = inkBox(raster, cell);
    if (!found || found.ink < WRITTEN_INK * (raster.width / 1240) ** 2) return null;
    // The writing with room around it (half its height), inside the page.
    const [x0, y0, x1, y1] = found.box;
    const pad = Math.max(4, Math.round((y1 - y0) / 2));
    const left = Math.max(0, x0 - pad);
    const top = Math.max(0, y0 - pad);
    const width = Math.min(raster.width, x1 + pad + 1) - left;
    const height = Math.min(raster.height, y1 + pad + 1) - top;
    if (width < 4 || height < 4) return null;
    const crop = await sharp(image).extract({ left, top, width, height }).png().toBuffer();
    const line = await readLine(crop);
    if (!line) return null;
    const bbox: BBox = [left, top, left + width, top + height];
    const n = [...line.text].length;
    return { ...line, page, bbox, charX: line.charX?.map(([a, b]) => [a + left, b + left]), pieces: [{ start: 0, end: n, bbox }] };
  };
}
