// Stage 3, sign-in sheets (Shaoxing 附件3 and the seeds' other 签到表): the class's date and times, and each
// slot signed or not. Slots are read from the sheet's ruled cells — each number cell paired with the
// signature cell its header names, whatever the grid's shape — and a signature is ink in its cell (a hand
// OCR cannot read is still ink). Without cells, the grid's rules alone; without those, the text.
import type { Field, TableRow } from '../domain/schemas.ts';
import { parseDate, toHalfWidth } from '../domain/values.ts';
import { REVIEW_THRESHOLD, normaliseForMatch, type PageLine } from './fields.ts';
import type { RuledTable } from './layout/cells.ts';
import { detectGrid, inkIn, rasterOf, type Raster } from './layout/raster.ts';
import { cellText, textInCells } from './tables.ts';
import { DOUBT, doubtOf } from './doubts.ts';

/** 授课时间：2024年3月12日 8时30分 -- 11时30分 (Shaoxing 附件3) and the teacher's signature line. */
export function signInFields(lines: PageLine[]): Record<string, Field> {
  const out: Record<string, Field> = {};
  const timeLine = lines.find((l) => /授课时间/.test(l.text));
  if (timeLine) {
    const text = toHalfWidth(timeLine.text).replace(/\s+/g, '');
    const date = parseDate(text);
    if (date) out.date = { value: date, confidence: timeLine.confidence, page: timeLine.page, bbox: timeLine.bbox };
    const times = [...text.matchAll(/(\d{1,2})[时:](\d{1,2})分?/g)].map((m) => `${m[1]!.padStart(2, '0')}:${m[2]!.padStart(2, '0')}`);
    if (times[0]) out.startTime = { value: times[0], confidence: timeLine.confidence, page: timeLine.page };
    if (times[1]) out.endTime = { value: times[1], confidence: timeLine.confidence, page: timeLine.page };
  }
  const teacher = lines.find((l) => /授课老师签名|授课教师签名/.test(l.text));
  if (teacher) {
    // Whatever is written after the label, less the printed date line (年 月 日, perhaps filled in), is the signature.
    const writing = (t: string) => t.replace(/\d{2,4}\s*年\s*\d{0,2}\s*月\s*\d{0,2}\s*日|[年月日]|[\d\s:：,，.。]/g, '');
    const rest = writing(teacher.text.replace(/.*签名[:：]?/, ''));
    const beside = lines.filter((l) => l !== teacher && l.page === teacher.page && Math.abs(l.bbox[1] - teacher.bbox[1]) < 20 && l.bbox[0] > teacher.bbox[2]);
    const signed = rest.length > 0 || beside.some((o) => writing(o.text).length > 0);
    out.teacherSigned = { value: signed, confidence: teacher.confidence, page: teacher.page, bbox: teacher.bbox };
  }
  return out;
}


/** Ink pixels (at ~150 dpi) above which a signature cell is signed: a name has hundreds, a stray dot a few. */
const SIGNATURE_INK = 60;

/**
 * Slots of 附件3 from the page itself: the ruled grid gives each 学号 cell and the 学员签名 cell beside it;
 * a slot is signed when its signature cell holds ink (handwriting OCR may not read is still ink).
 * Null when the page has no such grid (then the OCR text decides).
 */
async function signInSlotsByInk(lines: PageLine[], image: Buffer, page: number): Promise<TableRow[] | null> {
  const raster = await rasterOf(image);
  const grid = detectGrid(raster);
  const numberCols = Math.floor((grid.cols.length - 1) / 2);
  if (grid.rows.length < 3 || numberCols < 1 || (grid.cols.length - 1) % 2 !== 0) return null;
  const pageLines = lines.filter((l) => l.page === page);
  const bands = grid.rows.slice(1, -1).map((top, i) => [top, grid.rows[i + 2]!] as const); // body rows, header skipped
  const numbersIn = (y0: number, y1: number) => {
    const line = pageLines.find((l) => (l.bbox[1] + l.bbox[3]) / 2 > y0 && (l.bbox[1] + l.bbox[3]) / 2 < y1);
    return line ? toHalfWidth(line.text).split(/\s+/).filter((t) => /^\d{1,3}$/.test(t)).map(Number) : [];
  };
  // The slot numbers of the first row, from the first row whose numbers are all read (a signature beside
  // a number can hide it from OCR): numbers run down each column one a row.
  const complete = bands.findIndex((b) => numbersIn(...b).length === numberCols);
  if (complete < 0) return null; // not a numbered sign-in grid
  const first = numbersIn(...bands[complete]!).map((n) => n - complete);
  const rows: TableRow[] = [];
  bands.forEach(([y0, y1], r) => {
    const read = numbersIn(y0, y1);
    for (let c = 0; c < numberCols; c++) {
      const no = read.length === numberCols ? read[c]! : first[c]! + r;
      const x0 = grid.cols[2 * c + 1]!;
      const x1 = grid.cols[2 * c + 2]!;
      const ink = inkIn(raster, x0, y0, x1, y1);
      const confidence = Math.round(Math.min(0.99, 0.5 + Math.abs(ink - SIGNATURE_INK) / (2 * SIGNATURE_INK)) * 1000) / 1000;
      rows.push({
        no: { value: no, confidence: read.length === numberCols ? 0.99 : 0.9, page },
        signed: { value: ink > SIGNATURE_INK, confidence, page, bbox: [x0, y0, x1, y1] },
      });
    }
  });
  return rows.sort((a, b) => (a.no!.value as number) - (b.no!.value as number));
}

/** Slots of 附件3: a number cell followed by its signature cell; any writing after the number is a signature. */
function signInSlots(lines: PageLine[]): TableRow[] {
  const slots = new Map<number, Field>();
  const body = [...lines].sort((a, b) => a.page - b.page || a.bbox[1] - b.bbox[1] || a.bbox[0] - b.bbox[0]);
  for (const line of body) {
    const tokens = toHalfWidth(line.text).split(/\s+/).filter(Boolean);
    if (!tokens.some((t) => /^\d{1,3}$/.test(t))) continue;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (!/^\d{1,3}$/.test(t)) continue;
      const no = Number(t);
      if (no < 1 || no > 200) continue;
      const next = tokens[i + 1];
      const signed = next !== undefined && !/^\d{1,3}$/.test(next);
      if (!slots.has(no) || signed) slots.set(no, { value: signed, confidence: line.confidence, page: line.page });
    }
  }
  return [...slots.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([no, signed]) => ({ no: { value: no, confidence: signed.confidence, page: signed.page }, signed }));
}


const NUMBER_HEADER = /^(学号|序号|编号|号码?)$/;
const SIGNATURE_HEADER = /签名|签到|签字/;

/** The ink above which a cell is signed, for a page `width` pixels wide (SIGNATURE_INK is at ~150 dpi, 1240 px). */
function inkThreshold(width: number): number {
  return SIGNATURE_INK * Math.max(0.25, (width / 1240) ** 2);
}

/** A slot's signed field from the ink in its cell: surer the further the ink is from the threshold. */
function signedByInk(raster: Raster, bbox: [number, number, number, number], page: number): Field {
  const threshold = inkThreshold(raster.width);
  const ink = inkIn(raster, ...bbox);
  const confidence = Math.round(Math.min(0.99, 0.5 + Math.abs(ink - threshold) / (2 * threshold)) * 1000) / 1000;
  const f: Field = { value: ink > threshold, confidence, page, bbox };
  if (confidence < REVIEW_THRESHOLD) f.review = DOUBT.lowConfidence;
  return f;
}

/**
 * Slots from a ruled sign-in table: its header row names number columns (学号, 序号) and signature columns
 * (学员签名, 签到); each number column goes with the first signature column right of it. A body row's
 * number is the one written in its cell, or the one its place in the column gives (the number above + 1)
 * where a signature over it hid it from OCR. Null where no table has such a header.
 */
function slotsFromCells(tables: RuledTable[], lines: PageLine[], raster: Raster, page: number): TableRow[] | null {
  for (const table of tables) {
    const fragments = textInCells(table, lines);
    const text = (c: RuledTable['cells'][number]) => normaliseForMatch(cellText(fragments.get(c))).replace(/\s+/g, '');
    for (let h = 0; h < Math.min(3, table.rows - 1); h++) {
      const header = table.cells.filter((c) => c.row === h).sort((a, b) => a.col - b.col);
      const numbers = header.filter((c) => NUMBER_HEADER.test(text(c)));
      const signatures = header.filter((c) => SIGNATURE_HEADER.test(text(c)));
      const pairs = numbers.flatMap((n, i) => {
        const next = numbers[i + 1]?.col ?? Infinity;
        const s = signatures.find((x) => x.col > n.col && x.col < next);
        return s ? [{ number: n, signature: s }] : [];
      });
      if (pairs.length === 0) continue;
      const rows: TableRow[] = [];
      for (const { number, signature } of pairs) {
        const column: { nCell: RuledTable['cells'][number]; sCell: RuledTable['cells'][number]; read?: number }[] = [];
        for (let r = h + number.rowSpan; r < table.rows; r++) {
          const at = (col: number) => table.cells.find((c) => c.row <= r && c.row + c.rowSpan > r && c.col <= col && c.col + c.colSpan > col);
          const [nCell, sCell] = [at(number.col), at(signature.col)];
          if (!nCell || !sCell) continue;
          const digits = toHalfWidth(text(nCell)).match(/^\d{1,3}$/)?.[0];
          column.push({ nCell, sCell, ...(digits !== undefined ? { read: Number(digits) } : {}) });
        }
        // Numbers run down the column one a row: one hidden by a signature is the one above + 1 (the first
        // rows', before any is read, count back from the first that is), and one misread between two that
        // agree (6, "8", 8) is the one between them. A real gap (3, 5, 6) is kept as written.
        const firstRead = column.findIndex((x) => x.read !== undefined);
        if (firstRead < 0) continue;
        let last = column[firstRead]!.read! - firstRead - 1;
        column.forEach((x, i) => {
          const next = column[i + 1]?.read;
          const misread = x.read !== undefined && x.read !== last + 1 && next === last + 2;
          const no = x.read !== undefined && !misread ? x.read : last + 1;
          last = no;
          if (no < 1) return;
          rows.push({ no: { value: no, confidence: x.read === no ? 0.99 : 0.9, page, bbox: x.nCell.bbox }, signed: signedByInk(raster, x.sCell.bbox, page) });
        });
      }
      return rows.sort((a, b) => (a.no!.value as number) - (b.no!.value as number));
    }
  }
  return null;
}

/** A sheet's slots: from its ruled cells, else from its grid's rules, else from its text. */
export async function signInSlotsOf(lines: PageLine[], image: Buffer | undefined, tables: RuledTable[], page: number): Promise<TableRow[]> {
  if (!image) return signInSlots(lines);
  const raster = await rasterOf(image);
  return slotsFromCells(tables, lines.filter((l) => l.page === page), raster, page) ?? (await signInSlotsByInk(lines, image, page)) ?? signInSlots(lines);
}

/** How many slots are signed; as sure as the least sure slot, and sent for review with it. */
export function signedCount(slots: TableRow[]): Field {
  const value = slots.filter((s) => s.signed?.value === true).length;
  const doubtful = slots.filter((s) => (s.signed?.confidence ?? 1) < REVIEW_THRESHOLD);
  if (doubtful.length === 0) return { value };
  const confidence = Math.min(...doubtful.map((s) => s.signed!.confidence ?? 1));
  return { value, confidence, review: doubtOf(DOUBT.signedCountUnsure, { n: doubtful.length, slots: doubtful.map((s) => s.no?.value).join('、') }) };
}
