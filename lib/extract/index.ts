// Stages 1–3 together: files of a packet → documents with typed fields.
import type { ExtractedDocument, Extraction, Field, TableRow } from '../domain/schemas.ts';
import { classifyByContent, classifyPage, groupPages, type PageClass } from './classify.ts';
import { convert, datesInOrder, extractFields, extractTable, hoursAddUp, REVIEW_THRESHOLD, sequenceInOrder, sessionTimes, subBox, type PageLine } from './fields.ts';
import { specFor } from '../domain/forms.ts';
import { rasterOf, type Raster } from './layout/raster.ts';
import { findTickBoxes } from './layout/tick-box.ts';
import { detectTables } from './layout/cells.ts';
import { readCellFields, readRuledTables } from './tables.ts';
import { signedCount, signInFields, signInSlotsOf } from './sign-in.ts';
import { cellReader, type CellReader } from './reread.ts';
import type { CheckBox, LayoutEngine, PageLayout } from './layout/port.ts';
import { normaliseIsolated, readFilledFormIsolated } from './isolate.ts';
import { isVideo, UnreadableFileError } from './normalise.ts';
import type { OcrEngine, OcrLine } from './ocr/port.ts';
import { readOriented } from './orient.ts';
import { toHalfWidth } from '../domain/values.ts';
import { DOUBT } from './doubts.ts';

export { UnreadableFileError } from './normalise.ts';

export interface PacketFile {
  name: string;
  /** The file, or only its first bytes when it is larger than the pipeline reads (see `size`). */
  bytes: Uint8Array;
  /** The whole file's size when `bytes` holds only its start. */
  size?: number;
}

/** Files above this are not read: only class videos (recorded, not read) may be larger. */
export { MAX_FILE_BYTES } from '../config.ts';
import { MAX_FILE_BYTES, PAGE_SECONDS } from '../config.ts';

export interface ExtractProgress {
  file: string;
  page: number;
  pages: number;
}

export interface ExtractOptions {
  ocr: OcrEngine;
  /** Where tables, check boxes and signatures are: intake's own analysis of the raster unless given (Textract on AWS). */
  layout?: LayoutEngine;
  onPage?: (p: ExtractProgress) => void;
  /** Keep going past an unreadable file (the pipeline records it) instead of throwing (the CLI reports it). */
  tolerant?: boolean;
  /** The day the packet came in (YYYY-MM-DD, China time): dates written long before or after it are doubted. */
  received?: string;
}

/** What reading the packet's files page by page gives, before the pages are grouped into documents. */
interface ReadPages {
  lines: PageLine[];
  classes: PageClass[];
  /** The file each packet page came from. */
  pageFile: Map<number, string>;
  /** Scanned pages' images (upright), for what is looked at rather than read: tick boxes, signatures. */
  pageImages: Map<number, Buffer>;
  layout: NonNullable<Extraction['layout']>;
  problems: Extraction['problems'];
  /** Pages in the packet (files numbered on from each other). */
  pageCount: number;
  videos: ExtractedDocument[];
  /** Our own forms filled on screen: read by field name, no OCR. */
  filledForms: ExtractedDocument[];
  /** Reads a cell of a scanned page again on its own (where the engine can). */
  reread?: CellReader;
  received?: string;
}

/** One of our forms filled on screen, its pages and its fields' pages numbered within the packet. */
async function filledFormOf(file: PacketFile, offset: number): Promise<ExtractedDocument | null> {
  const filled = await readFilledFormIsolated(file.bytes, file.name);
  if (!filled) return null;
  filled.pages = filled.pages.map((p) => p + offset);
  for (const f of [...Object.values(filled.fields), ...Object.values(filled.tables ?? {}).flat().flatMap((r) => Object.values(r))]) if (f.page) f.page += offset;
  return filled;
}

/** A scanned page turned upright and read, with its ruled tables as cells (merged cells as one) in the same pixel space. */
async function scannedPage(image: Buffer, width: number, height: number, opts: ExtractOptions) {
  const o = await readOriented(opts.ocr, image, width, height);
  const layout: PageLayout = opts.layout ? await opts.layout.analyse(o.image, o.width, o.height) : { tables: detectTables(await rasterOf(o.image)) };
  return { lines: o.lines, height: o.height, image: o.image, layout };
}

/** The work's result, or 'late' once `ms` have passed (the work is left to finish unheeded). */
async function withinDeadline<T>(work: Promise<T>, ms: number): Promise<T | 'late'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), ms)));
  work.catch(() => undefined);
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Every file's pages: decoded in their own thread, turned upright, read, their ruled tables found, classified. */
async function readPages(files: PacketFile[], opts: ExtractOptions): Promise<ReadPages> {
  const pageImages = new Map<number, Buffer>();
  const read: ReadPages = { lines: [], classes: [], pageFile: new Map(), pageImages, layout: [], problems: [], pageCount: 0, videos: [], filledForms: [], reread: cellReader(opts.ocr, pageImages), ...(opts.received ? { received: opts.received } : {}) };
  for (const file of files) {
    if (isVideo(file.bytes)) {
      read.videos.push({ type: 'video-record', pages: [], confidence: 1, file: file.name, fields: { bytes: { value: file.size ?? file.bytes.byteLength } } });
      continue;
    }
    const filled = file.size === undefined ? await filledFormOf(file, read.pageCount) : null;
    if (filled) {
      read.filledForms.push(filled);
      read.pageCount += filled.pages.length;
      continue;
    }
    const size = file.size ?? file.bytes.byteLength;
    if (size > MAX_FILE_BYTES || file.size !== undefined) {
      const e = new UnreadableFileError(`${file.name}: ${(size / 1048576).toFixed(0)} MB is more than the ${MAX_FILE_BYTES / 1048576} MB a document file may have`);
      if (!opts.tolerant) throw e;
      read.problems.push({ file: file.name, message: e.message });
      continue;
    }
    let pages;
    try {
      pages = await normaliseIsolated(file.bytes, file.name);
    } catch (e) {
      if (!opts.tolerant || !(e instanceof UnreadableFileError)) throw e;
      read.problems.push({ file: file.name, message: e.message });
      continue;
    }
    const blank: number[] = [];
    for (const p of pages) {
      const n = read.pageCount + p.number;
      // Reported as the page starts: the console and the CLI show the page being read.
      opts.onPage?.({ file: file.name, page: p.number, pages: pages.length });
      let lines: OcrLine[] = p.textLines ?? [];
      let height = p.height;
      if (!p.textLines && p.image) {
        const scanned = await withinDeadline(scannedPage(p.image, p.width, p.height, opts), PAGE_SECONDS * 1000);
        if (scanned === 'late') {
          // Answered as unreadable, not waited on: the file's other pages and the packet go on.
          read.problems.push({ file: file.name, page: p.number, message: `reading the page took more than ${PAGE_SECONDS} s; it is left unread` });
        } else {
          lines = scanned.lines;
          height = scanned.height;
          read.pageImages.set(n, scanned.image);
          if (scanned.layout.tables.length > 0 || scanned.layout.checkboxes?.length || scanned.layout.signatures?.length) read.layout.push({ page: n, ...scanned.layout });
        }
      }
      const pageLines = lines.map((l) => ({ ...l, page: n }));
      if (pageLines.length === 0) blank.push(p.number);
      read.lines.push(...pageLines);
      // A file's first page that no title names is judged by the labels and headers it holds.
      const titled = classifyPage(n, pageLines, height);
      const byContent = titled.type === null && p.number === 1 ? classifyByContent(n, pageLines) : null;
      read.classes.push({ ...(byContent ?? titled), file: file.name });
      read.pageFile.set(n, file.name);
    }
    // A file with no text on any page is a failed scan (or something that is not a document): ask again.
    // A blank page among written ones is usually a separator, and only noted.
    if (blank.length === pages.length) read.problems.push({ file: file.name, message: `no text found on any of its ${pages.length} page(s)` });
    else for (const b of blank) read.problems.push({ file: file.name, page: b, message: 'no text found on the page' });
    read.pageCount += pages.length;
  }
  return read;
}

/** One document of grouped pages: its fields and tables as its form's spec names them, and what its type adds. */
async function documentOf(d: ReturnType<typeof groupPages>[number], read: ReadPages): Promise<ExtractedDocument> {
  const docLines = read.lines.filter((l) => d.pages.includes(l.page));
  const spec = specFor(d.type);
  const fields = spec ? extractFields(docLines, spec.fields) : {};
  // The document's ruled grids: a label in a cell of its own has its value in the cell beside it.
  const ruled = read.layout.filter((l) => d.pages.includes(l.page) && l.tables.length > 0);
  if (spec) {
    for (const [key, field] of Object.entries(await readCellFields(ruled, docLines, spec.fields, read.reread))) {
      if (field) fields[key] = field;
      else delete fields[key];
    }
  }
  const tables: Record<string, TableRow[]> = {};
  // Tables: read by their cells where the spec's header is found in a ruled grid, else from the text rows.
  for (const t of spec?.tables ?? []) {
    // Where a form holds several tables, each ends where a field label or another table's header starts.
    const others = (spec?.tables ?? []).filter((o) => o !== t).flatMap((o) => o.columns.flatMap((c) => c.headers));
    const stops = (spec?.tables?.length ?? 0) > 1 ? [...spec!.fields.flatMap((f) => f.labels), ...others] : [];
    tables[t.key] = (await readRuledTables(ruled, docLines, t, stops, read.reread)) ?? extractTable(docLines, t, stops);
    if (t.columns.some((c) => c.key === 'seq')) sequenceInOrder(tables[t.key]!);
  }
  if (d.type === 'sign-in-sheet') Object.assign(fields, signInFields(docLines));
  if (tables.sessions) sessionTimes(tables.sessions);
  if (d.type === 'class-opening-application') {
    hoursAddUp(fields);
    datesInOrder(fields, read.received);
  }
  if (d.type === 'institution-application') {
    // Boxes ticked by hand are not text: where OCR reads no tick, the page image is looked at beside each option.
    const boxes = new TickBoxes(read.pageImages, read.layout);
    const kind = await applicantKind(docLines, boxes);
    if (kind) fields.applicantKind = kind;
    // Qidong 附件1 lists the occupations in one cell (电工（四级）、焊工): the occupations table.
    const declared = fields.declaredOccupations;
    delete fields.declaredOccupations;
    if (!tables.occupations?.length && typeof declared?.value === 'string') tables.occupations = occupationList(declared);
    const materials = await materialList(docLines, boxes);
    if (materials.length > 0) tables.materials = materials;
  }
  const doc: ExtractedDocument = { type: d.type, pages: d.pages, confidence: d.confidence, file: read.pageFile.get(d.pages[0]!), fields };
  if (d.title) doc.title = d.title;
  if (d.type === 'sign-in-sheet') {
    const page = d.pages[0]!;
    tables.slots = await signInSlotsOf(docLines, read.pageImages.get(page), read.layout.find((l) => l.page === page)?.tables ?? [], page);
    fields.signedCount = signedCount(tables.slots);
  }
  if (Object.keys(tables).length > 0) doc.tables = tables;
  return doc;
}

export async function extractPacket(files: PacketFile[], opts: ExtractOptions): Promise<Extraction> {
  const read = await readPages(files, opts);
  const documents: ExtractedDocument[] = [];
  for (const d of groupPages(read.classes)) documents.push(await documentOf(d, read));
  const result: Extraction = {
    file: files.map((f) => f.name).join(', '),
    pageCount: read.pageCount,
    documents: [...read.filledForms, ...documents, ...read.videos],
    problems: read.problems,
    ...(read.layout.length > 0 ? { layout: read.layout } : {}),
  };
  if (!documents.some((d) => d.fields.institutionName?.value)) {
    const guess = institutionFromText(read.lines);
    if (guess) result.institutionGuess = guess;
  }
  return result;
}

/** Names of training providers end like this (学校, 培训中心, 有限公司 …). */
const INSTITUTION = /[\u4e00-\u9fff（）()]{4,30}?(职业技能培训学校|职业培训学校|培训学校|技工学校|职业学校|职业技术学院|学院|培训中心|有限责任公司|有限公司|股份有限公司|研究院|协会)/g;
/** …and these are bureaus, not providers. */
const NOT_A_PROVIDER = /人力资源|社会保障|社会保险|公安|财政|人民政府|劳动就业管理处|就业和人才服务中心/;

/** The institution most often named in the packet's text, for packets whose forms label it in no way we know. */
function institutionFromText(lines: PageLine[]): Field | null {
  const counts = new Map<string, { n: number; line: PageLine }>();
  for (const l of lines) {
    const text = normaliseName(l.text);
    for (const m of text.matchAll(INSTITUTION)) {
      // Drop what a label or a party prefix put in front (乙方：, 承诺单位：, 培训机构：).
      const name = m[0].replace(/^.*[:：]/, '').replace(/^(乙方|甲方|本机构|本单位|兹有|承诺单位|培训机构|申报单位|单位名称)/, '');
      if (name.length < 6 || NOT_A_PROVIDER.test(name)) continue;
      const c = counts.get(name) ?? { n: 0, line: l };
      c.n++;
      counts.set(name, c);
    }
  }
  const best = [...counts.entries()].sort((a, b) => b[1].n - a[1].n)[0];
  if (!best) return null;
  const [name, { line }] = best;
  return { value: name, confidence: Math.min(0.8, line.confidence), page: line.page, bbox: line.bbox, review: DOUBT.namedInText };
}

function normaliseName(s: string): string {
  return s.replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）');
}

/** 电工（四级）、焊工 五级，美发师 → one row per occupation, its level where written beside it. */
function occupationList(cell: Field): TableRow[] {
  const LEVEL = /[（(]?\s*(一级|二级|三级|四级|五级|初级工?|中级工?|高级工?|技师|高级技师|专项职业能力)\s*[)）]?$/;
  return String(cell.value)
    .split(/[、,，;；/\s]+/)
    .map((part) => part.trim())
    .filter((part) => /[\u4e00-\u9fff]{2}/.test(part) && !/^(职业|工种|职业（工种）)$/.test(part))
    .map((part) => {
      const level = LEVEL.exec(part);
      const name = level ? part.slice(0, level.index).trim() : part;
      const row: TableRow = { name: { ...cell, value: name } };
      if (level) row.level = { ...cell, value: level[1]! };
      return row;
    })
    .filter((row) => String(row.name!.value) !== '');
}

const TICK_CHAR = /[☑✓√✔■▣☒×xX✗]/;
const BOX_CHAR = /[□☐口]/;

/** The tick boxes of a document's pages, looked for on the page image beside an option's words. */
class TickBoxes {
  private rasters = new Map<number, Promise<Raster>>();
  constructor(
    private images: Map<number, Buffer>,
    private layout: NonNullable<Extraction['layout']>,
  ) {}

  /**
   * The box before character `start` of `line`: of the line's boxes, the one nearest where that character
   * is reckoned to be (a line OCR joined over a wide gap places its characters only roughly), or null.
   */
  async before(line: PageLine, start: number): Promise<CheckBox | null> {
    const at = subBox(line, start, start + 1)[0];
    const all = await this.along(line);
    return all.sort((a, b) => Math.abs(a.bbox[2] - at) - Math.abs(b.bbox[2] - at))[0] ?? null;
  }

  /** Every box along `line` (and a little left of it, where OCR left the box out), left to right. */
  async along(line: PageLine): Promise<CheckBox[]> {
    const h = line.bbox[3] - line.bbox[1];
    return this.within(line, [line.bbox[0] - 2.2 * h, line.bbox[2]]);
  }

  private async within(line: PageLine, [x0, x1]: [number, number]): Promise<CheckBox[]> {
    const image = this.images.get(line.page);
    if (!image) return [];
    let raster = this.rasters.get(line.page);
    if (!raster) this.rasters.set(line.page, (raster = rasterOf(image)));
    const h = line.bbox[3] - line.bbox[1];
    return findTickBoxes(await raster, [x0, line.bbox[1] - 0.35 * h, x1, line.bbox[3] + 0.35 * h], h);
  }

  /** A box that decided a value, kept with its page's layout as Textract's SELECTION_ELEMENTs are. */
  keep(page: number, box: CheckBox): void {
    let entry = this.layout.find((l) => l.page === page);
    if (!entry) this.layout.push((entry = { page, tables: [] }));
    if (!entry.checkboxes?.some((c) => c.bbox.join() === box.bbox.join())) (entry.checkboxes ??= []).push(box);
  }
}

/**
 * Qidong 附件1's tick boxes □培训机构 □企业: the ticked one names the applicant. A tick OCR reads (☑ ✓ √ ■ ×)
 * decides; otherwise the boxes on the page image, when exactly one of them holds a mark.
 */
async function applicantKind(lines: PageLine[], boxes: TickBoxes): Promise<Field | null> {
  const TICK = '[☑✓√✔■▣☒×xX✗]';
  for (const l of lines) {
    const t = l.text.replace(/\s+/g, '');
    const inst = new RegExp(`${TICK}培训机构`).test(t);
    const ent = new RegExp(`${TICK}企业`).test(t);
    if (inst !== ent) return { value: inst ? 'institution' : 'enterprise', confidence: Math.min(0.9, l.confidence), page: l.page, bbox: l.bbox };
  }
  for (const l of lines) {
    const i = l.text.lastIndexOf('培训机构');
    const e = l.text.lastIndexOf('企业');
    // Both options on one line, 培训机构 before 企业 (not the 培训机构（企业） of the form's title).
    if (i < 0 || e < 0 || e < i + 4 || /签协|备案|申请表/.test(l.text)) continue;
    // The line's boxes in reading order are the options' (where each word sits in a line joined over a
    // wide gap is not known well enough to measure from).
    // The options end the line: its last two boxes (a label's character may pass for a box further left).
    const found = await boxes.along(l);
    if (found.length < 2) continue;
    const [bi, be] = found.slice(-2) as [CheckBox, CheckBox];
    if (bi.checked === be.checked) continue;
    boxes.keep(l.page, bi);
    boxes.keep(l.page, be);
    const box = bi.checked ? bi : be;
    return { value: bi.checked ? 'institution' : 'enterprise', confidence: Math.min(0.9, bi.confidence, be.confidence), page: l.page, bbox: box.bbox };
  }
  return null;
}

/**
 * Qidong 附件1's 提交材料: numbered items, each behind a box (□1办学许可证、营业执照 … ☑2房屋产权证明或
 * 租赁合同). A tick OCR reads, or a mark in the box on the page image, is checked; an empty box is not. An
 * item whose box is neither read nor found is flagged.
 */
async function materialList(lines: PageLine[], boxes: TickBoxes): Promise<TableRow[]> {
  const rows: TableRow[] = [];
  // Only under the 提交材料 label: numbered lines elsewhere on the form are not the list.
  const heading = lines.find((l) => /提交材料/.test(l.text.replace(/\s+/g, '')));
  if (!heading) return rows;
  const below = lines.filter((x) => x.page > heading.page || (x.page === heading.page && x.bbox[3] > heading.bbox[1]));
  let next = 1;
  for (const l of below) {
    // Where items start: a number (the next in the list, or 1 for the next list) at the line's start, after a
    // space or after a box, with at most one character before it — the box as OCR read it (□, 口; a
    // ticked one as ☑, ×, or as M, 风, 区 …). Other numbers in an item's text (不少于 3人) are not starts.
    const starts: { at: number; box?: string; digit: number; text: number }[] = [];
    for (const m of l.text.matchAll(/(?<=^|\s|[□☐口☑✓√✔■▣☒✗])([^\s\d１-９]?)\s*([1-9１-９])\s*[、.．]?\s*(?=[\u4e00-\u9fff])/g)) {
      const digit = Number(toHalfWidth(m[2]!));
      if (digit !== next && digit !== 1) continue;
      next = digit + 1;
      starts.push({ at: m.index!, box: m[1] || undefined, digit, text: m.index! + m[0].length });
    }
    for (const [k, st] of starts.entries()) {
      const end = starts[k + 1]?.at ?? l.text.length;
      const text = String(convert(l.text.slice(st.text, end).replace(/[□☐口☑✓√✔■▣☒✗]\s*$/, ''), 'text').value ?? '');
      if (!/(许可证|营业执照|产权|租赁|验资|设施|设备|教师|师资|评估|场所|培训人员)/.test(text)) continue;
      const field = (value: string | boolean, confidence: number, bbox = l.bbox): Field => ({ value, confidence, page: l.page, bbox });
      let checked: Field;
      if (st.box !== undefined && TICK_CHAR.test(st.box)) checked = field(true, Math.min(0.95, l.confidence));
      else {
        // The box, read or not, is just left of the number.
        const digitAt = [...l.text.slice(0, st.at + (st.box?.length ?? 0))].length;
        const found = await boxes.before(l, digitAt);
        if (found) {
          boxes.keep(l.page, found);
          checked = field(found.checked, found.confidence, found.bbox);
        } else {
          checked = field(false, st.box !== undefined && BOX_CHAR.test(st.box) ? Math.min(0.9, l.confidence) : 0.6);
          if (st.box === undefined || !BOX_CHAR.test(st.box)) checked.review = DOUBT.tickNotRead;
        }
      }
      rows.push({ item: field(text, Math.min(0.95, l.confidence)), checked });
    }
  }
  return rows;
}

/** Fields a reviewer should look at (low confidence or unparsed). */
export function fieldsForReview(doc: ExtractedDocument): string[] {
  return Object.entries(doc.fields)
    .filter(([, f]) => (f.confidence ?? 1) < REVIEW_THRESHOLD || f.review)
    .map(([k]) => k);
}
