// The received packet, stamped: every page of what the institution uploaded, in order, with a red 收件
// stamp (issuing bureau, case number, date) in its top-right corner. Each page's content is kept as it
// draws (embedded whole, not redrawn) and the stamp drawn on top; nothing else of the upload comes along.
import { newDocument } from './document.ts';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import sharp from 'sharp';
import { embedChineseFont } from './font.ts';
import { SEAL_RED } from './seal.ts';

export interface ReceivedFile {
  name: string;
  bytes: Uint8Array;
}

export interface ReceivedStamp {
  issuer: string;
  caseNumber: string;
  /** YYYY-MM-DD, the day the packet was received. */
  date: string;
}

/** Past these the stamped copy is not made (the notice says so); the originals stay in the intake bucket. */
export const STAMP_LIMITS = { bytes: 40 * 1024 * 1024, pages: 300 };

export interface StampedPacket {
  pdf: Uint8Array;
  pages: number;
  /** Files that could not be copied (encrypted, broken, not a page), each with the reason. */
  skipped: { file: string; reason: string }[];
}

function dateZh(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

function drawStamp(page: PDFPage, font: PDFFont, s: ReceivedStamp): void {
  const { width, height } = page.getSize();
  // 50 × 18 mm on A4, scaled with the page so a phone photo of any size gets a readable stamp.
  const scale = Math.max(0.5, Math.min(2.5, Math.min(width, height) / 595));
  const w = 150 * scale;
  const h = 52 * scale;
  const x = width - w - 14 * scale;
  const y = height - h - 14 * scale;
  page.drawRectangle({ x, y, width: w, height: h, color: rgb(1, 1, 1), opacity: 0.75, borderColor: SEAL_RED, borderWidth: 1.4 * scale, borderOpacity: 0.9 });
  const lines: [string, number][] = [
    [`${s.issuer} 收件`, 8.5 * scale],
    [s.caseNumber, 8 * scale],
    [dateZh(s.date), 8 * scale],
  ];
  let ty = y + h - 6 * scale;
  for (const [text, size] of lines) {
    const fit = Math.min(size, (w - 10 * scale) / Math.max(1, font.widthOfTextAtSize(text, 1)));
    ty -= fit * 1.35;
    const tw = font.widthOfTextAtSize(text, fit);
    page.drawText(text, { x: x + (w - tw) / 2, y: ty, size: fit, font, color: SEAL_RED });
  }
}

async function imagePage(out: PDFDocument, bytes: Uint8Array): Promise<PDFPage[]> {
  // JPEG goes in as it is; PNG, TIFF (every page) and the rest through sharp to PNG.
  const meta = await sharp(bytes, { pages: -1 }).metadata();
  const pages: PDFPage[] = [];
  const count = meta.pages ?? 1;
  for (let i = 0; i < count; i++) {
    const isJpeg = meta.format === 'jpeg';
    const img = isJpeg ? await out.embedJpg(bytes) : await out.embedPng(await sharp(bytes, { page: i }).rotate().png().toBuffer());
    // 150 dpi scans become A4-ish pages: 72 pt per inch.
    const density = meta.density && meta.density > 30 ? meta.density : 150;
    const page = out.addPage([(img.width * 72) / density, (img.height * 72) / density]);
    page.drawImage(img, { x: 0, y: 0, width: page.getWidth(), height: page.getHeight() });
    pages.push(page);
  }
  return pages;
}

/**
 * The uploader's pages as what they draw, nothing more: each page's content embedded as a form XObject on
 * a new page of its size and turn. Its annotations (links, widgets, JavaScript and /Launch actions), its
 * page actions (/AA) and the document's open action, scripts and attachments are not carried over — the
 * copy a bureau hands back runs nothing (issue 20, 3).
 */
async function contentOnly(out: PDFDocument, src: PDFDocument): Promise<PDFPage[]> {
  // A form filled on screen: its values are drawn into the pages first (their appearances), so the copy
  // shows what was filled in without carrying the form itself.
  try {
    src.getForm().flatten({ updateFieldAppearances: false });
  } catch {
    /* a broken form: the pages as they draw without it */
  }
  const copied: PDFPage[] = [];
  for (const p of src.getPages()) {
    // A page that draws nothing (no content stream) is copied as a blank page of its size.
    if (!p.node.Contents()) {
      const { width, height } = p.getSize();
      copied.push(out.addPage([width, height]));
      continue;
    }
    const [e] = await out.embedPages([p]);
    const page = out.addPage([e!.width, e!.height]);
    page.drawPage(e!, { x: 0, y: 0 });
    page.setRotation(p.getRotation());
    copied.push(page);
  }
  return copied;
}

export async function stampReceivedPacket(files: ReceivedFile[], stamp: ReceivedStamp): Promise<StampedPacket> {
  const out = await newDocument({ title: `收件 ${stamp.caseNumber}`, author: stamp.issuer, subject: stamp.caseNumber, date: stamp.date });
  const font = await embedChineseFont(out, 'regular');
  const skipped: StampedPacket['skipped'] = [];
  let total = 0;
  for (const f of files) {
    total += f.bytes.byteLength;
    if (total > STAMP_LIMITS.bytes) {
      skipped.push({ file: f.name, reason: '文件过大，未加盖收件章' });
      continue;
    }
    try {
      let added: PDFPage[];
      if (f.bytes[0] === 0x25 && f.bytes[1] === 0x50) {
        const src = await PDFDocument.load(f.bytes, { updateMetadata: false });
        if (out.getPageCount() + src.getPageCount() > STAMP_LIMITS.pages) throw new Error('页数过多，未加盖收件章');
        added = await contentOnly(out, src);
      } else {
        added = await imagePage(out, f.bytes);
      }
      for (const p of added) drawStamp(p, font, stamp);
    } catch (e) {
      const msg = (e as Error).message;
      skipped.push({ file: f.name, reason: /[\u4e00-\u9fff]/.test(msg) ? msg : /encrypt/i.test(msg) ? '文件已加密，未能复制' : '文件无法读取，未能复制' });
    }
  }
  if (out.getPageCount() === 0) {
    const page = out.addPage([595.28, 841.89]);
    page.drawText('来件无可加盖收件章的页面', { x: 72, y: 760, size: 14, font });
    drawStamp(page, font, stamp);
  }
  return { pdf: await out.save(), pages: out.getPageCount(), skipped };
}
