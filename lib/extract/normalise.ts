// Stage 1: any uploaded file → page images (and, for born-digital PDFs, the text layer).
import { PAGE_PNG } from './page-image.ts';
import sharp from 'sharp';
import { estimateSkew, rasterOf } from './layout/raster.ts';
import { flattenPhoto } from './perspective.ts';
import type { OcrLine } from './ocr/port.ts';

export type FileKind = 'pdf' | 'jpeg' | 'png' | 'tiff';

export interface Page {
  /** 1-based, within the file. */
  number: number;
  width: number;
  height: number;
  /** PNG of the page at the working resolution, deskewed; absent when the text layer was enough. */
  image?: Buffer;
  /** Degrees the scan was turned to straighten it (0 when it was straight). */
  deskewed?: number;
  /** Lines from a born-digital text layer, in the same pixel space as `image` would be. */
  textLines?: OcrLine[];
}

export class UnreadableFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableFileError';
  }
}

/** Render scale for PDF pages: 150 dpi is enough for PP-OCR on form print and keeps pages fast. */
const PDF_DPI = 150;
/** Cap on a page image's longer side (A4 at ~155 dpi): 300 dpi scans and phone photos are downsampled, which PP-OCR reads as well and in a third of the time and memory. */
const MAX_SIDE = 1800;
/** Refuse pixel counts that would exhaust memory (decompression bombs). */
const MAX_PIXELS = 60_000_000;
/**
 * Pages a file may have: 500 on the embedded stack; a deployment whose one function reads a packet within a
 * time limit sets less (INTAKE_MAX_PAGES; the CDK app sets what its timeout allows), so that a file too long
 * is answered as such instead of timing out three times into the dead-letter queue.
 */
const maxPages = () => Number(process.env.INTAKE_MAX_PAGES) || 500;

export function sniff(bytes: Uint8Array): FileKind | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024));
  if (b.includes(Buffer.from('%PDF-'))) return 'pdf';
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  const tiffLE = b[0] === 0x49 && b[1] === 0x49 && b[2] === 0x2a && b[3] === 0x00;
  const tiffBE = b[0] === 0x4d && b[1] === 0x4d && b[2] === 0x00 && b[3] === 0x2a;
  if (tiffLE || tiffBE) return 'tiff';
  return null;
}

/** Class videos (Shaoxing 附件5 item 4) come as files of their own; they are recorded, not read. */
export function isVideo(bytes: Uint8Array): boolean {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 16));
  const ascii = (from: number, to: number) => b.subarray(from, to).toString('latin1');
  return ascii(4, 8) === 'ftyp' || (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'AVI ') || b.subarray(0, 4).equals(Buffer.from([0x1a, 0x45, 0xdf, 0xa3]));
}

export type PageProgress = (page: number, pages: number) => void;

/** Decodes in this thread; the pipeline calls normaliseIsolated (isolate.ts), which runs this in a worker. */
export async function normalise(bytes: Uint8Array, name = 'file', onPage?: PageProgress): Promise<Page[]> {
  if (bytes.byteLength === 0) throw new UnreadableFileError(`${name}: the file is empty`);
  const kind = sniff(bytes);
  if (!kind) throw new UnreadableFileError(`${name}: not a PDF, JPEG, PNG or TIFF file`);
  if (kind === 'pdf') return pdfPages(bytes, name, onPage);
  return imagePages(Buffer.from(bytes), kind, name, onPage);
}

async function imagePages(buf: Buffer, kind: FileKind, name: string, onPage?: PageProgress): Promise<Page[]> {
  let count = 1;
  try {
    const meta = await sharp(buf, { limitInputPixels: MAX_PIXELS }).metadata();
    if (kind === 'tiff') count = meta.pages ?? 1;
  } catch (e) {
    throw new UnreadableFileError(`${name}: the image cannot be decoded (${(e as Error).message})`);
  }
  if (count > maxPages()) throw new UnreadableFileError(`${name}: ${count} pages is more than the ${maxPages()} a file may have; split it into files of at most ${maxPages()} pages`);
  const pages: Page[] = [];
  for (let i = 0; i < count; i++) {
    try {
      const { data, info } = await sharp(buf, { page: i, limitInputPixels: MAX_PIXELS })
        .rotate() // honour EXIF orientation from phones
        .flatten({ background: '#ffffff' })
        .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true })
        .png(PAGE_PNG)
        .toBuffer({ resolveWithObject: true });
      // A phone photo of the sheet is flattened first; a scan comes back as it was.
      const flat = await flattenPhoto(data);
      pages.push({ number: i + 1, ...(await straighten(flat.image, flat.width, flat.height)) });
      onPage?.(i + 1, count);
    } catch (e) {
      throw new UnreadableFileError(`${name}: page ${i + 1} cannot be decoded (${(e as Error).message})`);
    }
  }
  return pages;
}

/** Scans come in turned by a degree or two; ruled tables and OCR lines want them level. */
async function straighten(scan: Buffer, width: number, height: number): Promise<Pick<Page, 'image' | 'width' | 'height' | 'deskewed'>> {
  const png = await withoutSeals(scan);
  const angle = estimateSkew(await rasterOf(png));
  if (Math.abs(angle) < 0.15) return { image: png, width, height, deskewed: 0 };
  const { data, info } = await sharp(png).rotate(-angle, { background: '#ffffff' }).png(PAGE_PNG).toBuffer({ resolveWithObject: true });
  return { image: data, width: info.width, height: info.height, deskewed: -angle };
}

/** Tiles of the page (px square) in which seals are looked for, and the strongly red pixels that make one sealed. */
const SEAL_TILE = 32;
const SEAL_TILE_PIXELS = 24;
/** A red-dominated pixel this light in red is seal ink on paper; darker, it is ink under a seal. */
const SEAL_ON_PAPER = 160;

/**
 * A red seal struck over a handwritten date or a name makes the recogniser read the seal's rim and star as
 * strokes. Where a seal is (tiles with many strongly red pixels, and the tiles around them), a pixel in
 * which red dominates turns grey: seal ink on paper as light as it is in red (pale), writing under the seal
 * dark. The rest of the page, and pages without a seal, are left as they were.
 */
export async function withoutSeals(png: Buffer): Promise<Buffer> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const { width, height } = info;
  const cols = Math.ceil(width / SEAL_TILE);
  const rows = Math.ceil(height / SEAL_TILE);
  const strong = new Uint16Array(cols * rows);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) if (redness(data, (y * width + x) * 3) >= 1) strong[Math.floor(y / SEAL_TILE) * cols + Math.floor(x / SEAL_TILE)]!++;
  const sealed = new Uint8Array(cols * rows);
  let any = false;
  for (let ty = 0; ty < rows; ty++)
    for (let tx = 0; tx < cols; tx++) {
      if (strong[ty * cols + tx]! < SEAL_TILE_PIXELS) continue;
      any = true;
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) if (ty + dy >= 0 && ty + dy < rows && tx + dx >= 0 && tx + dx < cols) sealed[(ty + dy) * cols + tx + dx] = 1;
    }
  if (!any) return png;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      if (!sealed[Math.floor(y / SEAL_TILE) * cols + Math.floor(x / SEAL_TILE)]) continue;
      const i = (y * width + x) * 3;
      const w = redness(data, i);
      if (w === 0) continue;
      // Seal ink on paper is light in red; where red is dark too, ink lies under the seal (laid over black,
      // the seal leaves it dark red, printed over it, near black): it stays as dark as its other channels.
      const grey = data[i]! >= SEAL_ON_PAPER ? data[i]! : Math.max(data[i + 1]!, data[i + 2]!);
      for (let c = 0; c < 3; c++) data[i + c] = Math.round(data[i + c]! + w * (grey - data[i + c]!));
    }
  return sharp(data, { raw: { width, height, channels: 3 } }).png(PAGE_PNG).toBuffer();
}

/** 0 (not red) to 1 (seal red), by how far the red channel stands above green and blue. */
function redness(d: Buffer, i: number): number {
  const lead = d[i]! - Math.max(d[i + 1]!, d[i + 2]!);
  return lead <= 20 ? 0 : Math.min(1, (lead - 20) / 30);
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsPromise: Promise<PdfJs> | undefined;
function loadPdfJs(): Promise<PdfJs> {
  pdfjsPromise ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjsPromise;
}

async function pdfPages(bytes: Uint8Array, name: string, onPage?: PageProgress): Promise<Page[]> {
  const pdfjs = await loadPdfJs();
  let doc;
  try {
    doc = await pdfjs.getDocument({
      data: new Uint8Array(bytes), // pdf.js transfers (detaches) the buffer it is given
      isEvalSupported: false,
      useSystemFonts: false,
      verbosity: 0,
      // Images larger than any real scan are skipped, not decoded (PDF image bombs).
      maxImageSize: MAX_PIXELS,
    }).promise;
  } catch (e) {
    const err = e as Error;
    if (err.name === 'PasswordException') throw new UnreadableFileError(`${name}: the PDF is encrypted with a password`);
    throw new UnreadableFileError(`${name}: the PDF cannot be read (${err.message})`);
  }
  try {
    if (doc.numPages > maxPages()) {
      throw new UnreadableFileError(`${name}: ${doc.numPages} pages is more than the ${maxPages()} a file may have; split it into files of at most ${maxPages()} pages`);
    }
    const pages: Page[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const scale = PDF_DPI / 72;
      const viewport = page.getViewport({ scale });
      const width = Math.round(viewport.width);
      const height = Math.round(viewport.height);
      const textLines = await textLayer(page, viewport);
      if (hasTextLayer(textLines)) {
        pages.push({ number: n, width, height, textLines });
      } else {
        const png = await rasterise(doc, page, viewport, `${name}: page ${n}`);
        pages.push({ number: n, ...(await straighten(png, width, height)) });
      }
      page.cleanup();
      onPage?.(n, doc.numPages);
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

/** A page whose text layer says enough is read from it, without OCR. */
const hasTextLayer = (lines: OcrLine[]) => lines.map((l) => l.text).join('').replace(/\s/g, '').length >= 8;

/** A PDF page drawn at the working resolution, as PNG; pages past the pixel limit are refused, not drawn. */
async function rasterise(
  doc: { canvasFactory: unknown },
  page: { render(p: never): { promise: Promise<unknown> } },
  viewport: { width: number; height: number },
  what: string,
): Promise<Buffer> {
  const width = Math.round(viewport.width);
  const height = Math.round(viewport.height);
  if (width * height > MAX_PIXELS) throw new UnreadableFileError(`${what} is too large to render`);
  const factory = doc.canvasFactory as CanvasFactory;
  const cc = factory.create(width, height);
  await page.render({ canvas: cc.canvas, canvasContext: cc.context, viewport } as never).promise;
  // The pixels as they are, encoded by sharp at a light compression: the page image is read back at once,
  // and the canvas's own PNG encoder took most of a scanned page's decoding time.
  const pixels = (cc.context as { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } }).getImageData(0, 0, width, height).data;
  factory.destroy(cc);
  return sharp(Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength), { raw: { width, height, channels: 4 } }).removeAlpha().png(PAGE_PNG).toBuffer();
}

interface CanvasFactory {
  create(w: number, h: number): { canvas: unknown; context: unknown };
  destroy(c: { canvas: unknown; context: unknown }): void;
}

interface TextItemLike {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

/** Text-layer items grouped into lines, in rendered-pixel coordinates. */
async function textLayer(
  page: { getTextContent(): Promise<{ items: unknown[] }> },
  viewport: { transform: number[]; scale: number },
): Promise<OcrLine[]> {
  const content = await page.getTextContent();
  const items = (content.items as TextItemLike[]).filter((i) => typeof i.str === 'string' && i.str.trim() !== '');
  const boxes = items.map((i) => {
    const [a, b, c, d, e, f] = viewport.transform as [number, number, number, number, number, number];
    const x = i.transform[4]!;
    const y = i.transform[5]!;
    const h = Math.hypot(i.transform[2]!, i.transform[3]!) || i.height;
    // viewport transform maps PDF space (y up) to pixels (y down)
    const px = a * x + c * y + e;
    const py = b * x + d * y + f;
    const s = viewport.scale;
    return { text: i.str, x0: px, y0: py - h * s, x1: px + i.width * s, y1: py };
  });
  boxes.sort((p, q) => p.y0 - q.y0 || p.x0 - q.x0);
  // Join items on the same baseline that touch, as OCR would see one line.
  const lines: OcrLine[] = [];
  for (const bx of boxes) {
    const last = lines[lines.length - 1];
    const h = bx.y1 - bx.y0;
    if (last && Math.abs(last.bbox[3] - bx.y1) < h * 0.4 && bx.x0 - last.bbox[2] < h * 1.5 && bx.x0 >= last.bbox[0]) {
      last.text += (bx.x0 - last.bbox[2] > h * 0.5 ? ' ' : '') + bx.text;
      last.bbox = [last.bbox[0], Math.min(last.bbox[1], bx.y0), Math.max(last.bbox[2], bx.x1), Math.max(last.bbox[3], bx.y1)];
    } else {
      lines.push({ text: bx.text, confidence: 1, bbox: [bx.x0, bx.y0, bx.x1, bx.y1].map(Math.round) as OcrLine['bbox'] });
    }
  }
  return lines;
}

/** How many pages a file has, as normalise would give them (0 when it cannot be read). */
export async function countPages(bytes: Uint8Array): Promise<number> {
  const kind = sniff(bytes);
  if (!kind) return 0;
  try {
    if (kind === 'pdf') {
      const pdfjs = await loadPdfJs();
      const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
      const n = doc.numPages;
      await doc.destroy();
      return n;
    }
    const meta = await sharp(Buffer.from(bytes), { limitInputPixels: MAX_PIXELS }).metadata();
    return kind === 'tiff' ? (meta.pages ?? 1) : 1;
  } catch {
    return 0;
  }
}

/**
 * One page as the pipeline read it, as a PNG in the pixel space of the fields' boxes (the console draws
 * them over it): PDF pages at the working resolution, scans downsampled and straightened the same way.
 */
export async function renderPage(bytes: Uint8Array, name: string, number: number): Promise<{ png: Buffer; width: number; height: number }> {
  const kind = sniff(bytes);
  if (!kind) throw new UnreadableFileError(`${name}: not a PDF, JPEG, PNG or TIFF file`);
  if (kind !== 'pdf') {
    const pages = await imagePages(Buffer.from(bytes), kind, name);
    const p = pages[number - 1];
    if (!p?.image) throw new UnreadableFileError(`${name}: no page ${number}`);
    return { png: p.image, width: p.width, height: p.height };
  }
  const pdfjs = await loadPdfJs();
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false, verbosity: 0, maxImageSize: MAX_PIXELS }).promise;
  try {
    if (number < 1 || number > doc.numPages) throw new UnreadableFileError(`${name}: no page ${number}`);
    const page = await doc.getPage(number);
    const viewport = page.getViewport({ scale: PDF_DPI / 72 });
    const width = Math.round(viewport.width);
    const height = Math.round(viewport.height);
    const png = await rasterise(doc, page, viewport, `${name}: page ${number}`);
    // A born-digital page was read from its text layer, unturned; a scanned one was straightened first.
    if (hasTextLayer(await textLayer(page, viewport))) return { png, width, height };
    const s = await straighten(png, width, height);
    return { png: s.image ?? png, width: s.width, height: s.height };
  } finally {
    await doc.destroy();
  }
}
