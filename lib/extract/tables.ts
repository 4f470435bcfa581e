// Stage 3, tables: a ruled table read as a person reads it — each recognised character placed in the cell
// it sits in (a line that runs over a column's rule is split at the rule), a cell's lines joined (a header
// wrapped over two lines, a group label written down the side), headers read over one to three rows (a
// header over two levels names its columns by both), and a merged cell down the side giving its rows an
// attribute (理论讲师 over the teachers it spans). Tables without ruling are read from the text rows
// (fields.ts extractTable).
import type { BBox, Field, TableRow } from '../domain/schemas.ts';
import type { ColumnSpec, FieldSpec, TableSpec } from '../domain/forms.ts';
import type { Cell, RuledTable } from './layout/cells.ts';
import { normaliseForMatch, readValue, REVIEW_THRESHOLD, subBox, withDoubt, type PageLine } from './fields.ts';
import { DOUBT } from './doubts.ts';
import type { CellReader } from './reread.ts';

/** Characters of one recognised line that fall in one cell. */
export interface Fragment {
  line: PageLine;
  start: number;
  end: number;
  text: string;
  /** The line ran on over a rule: the same text box held characters of this cell and of the next. */
  crossed: boolean;
}

const squash = (s: string) => normaliseForMatch(s).replace(/\s+/g, '');

/** Where each character of a line is across the page: the recogniser's frames, or its share of the line's pieces. */
function charCentres(line: PageLine): number[] {
  const n = [...line.text].length;
  if (line.charX?.length === n) return line.charX.map(([a, b]) => (a + b) / 2);
  return Array.from({ length: n }, (_, i) => {
    const b = subBox(line, i, i + 1);
    return (b[0] + b[2]) / 2;
  });
}

/**
 * Whether character `i` of a line stands against a cell's edge at `edge` (its `side`): closer than a third
 * of its own width. Without the recogniser's positions every cut is in doubt.
 */
function againstRule(line: PageLine, i: number, edge: number, side: 'left' | 'right'): boolean {
  const x = line.charX?.length === [...line.text].length ? line.charX[i] : undefined;
  if (!x) return true;
  const piece = line.pieces?.[pieceOf(line, i)]?.bbox ?? line.bbox;
  const width = (piece[3] - piece[1]) * ([...line.text][i]!.charCodeAt(0) < 0x2e80 ? 0.55 : 1);
  const gap = side === 'left' ? x[0] - edge : edge - x[1];
  return gap < width / 3;
}

/** The cell a point is in; a point on a rule (between two cells) goes to the nearer, within a rule's width. */
function cellAt(table: RuledTable, x: number, y: number): Cell | undefined {
  const inside = table.cells.find((c) => x >= c.bbox[0] && x <= c.bbox[2] && y >= c.bbox[1] && y <= c.bbox[3]);
  if (inside) return inside;
  const off = (c: Cell) => Math.max(c.bbox[0] - x, 0, x - c.bbox[2]) + Math.max(c.bbox[1] - y, 0, y - c.bbox[3]);
  const near = table.cells.reduce<Cell | undefined>((best, c) => (best === undefined || off(c) < off(best) ? c : best), undefined);
  return near && off(near) <= 6 ? near : undefined;
}

/** The text box (piece) of `line` that character `i` belongs to, as an index; 0 where the line has none. */
function pieceOf(line: PageLine, i: number): number {
  const k = line.pieces?.findIndex((p) => i >= p.start && i < p.end) ?? -1;
  return Math.max(0, k);
}

/** Each cell's fragments of text: every character of the page's lines placed in the cell its centre is in. */
export function textInCells(table: RuledTable, lines: PageLine[]): Map<Cell, Fragment[]> {
  const out = new Map<Cell, Fragment[]>();
  for (const line of lines) {
    const chars = [...line.text];
    const y = (line.bbox[1] + line.bbox[3]) / 2;
    if (line.bbox[3] < table.bbox[1] || line.bbox[1] > table.bbox[3] || line.bbox[2] < table.bbox[0] || line.bbox[0] > table.bbox[2]) continue;
    const xs = charCentres(line);
    // Each character at its own text box's height: a line joins boxes of neighbouring rows that lean together.
    const yOf = (i: number) => {
      const b = line.pieces?.[pieceOf(line, i)]?.bbox;
      return b ? (b[1] + b[3]) / 2 : y;
    };
    const cells = xs.map((x, i) => (/\s/.test(chars[i]!) ? null : (cellAt(table, x, yOf(i)) ?? null)));
    // Runs of characters in one cell (spaces belong to the run around them).
    const runs: { cell: Cell; start: number; end: number }[] = [];
    cells.forEach((cell, i) => {
      if (!cell) return;
      const last = runs[runs.length - 1];
      if (last && last.cell === cell) last.end = i + 1;
      else runs.push({ cell, start: i, end: i + 1 });
    });
    for (const [k, run] of runs.entries()) {
      const text = chars.slice(run.start, run.end).join('').trim();
      if (!text) continue;
      // Cut where one text box ran over a rule: in doubt on the side whose character next to the rule sits
      // against it (it may belong across, or be the rule itself); sure where the character stands clear.
      const before = runs[k - 1];
      const after = runs[k + 1];
      const crossed =
        (before !== undefined && pieceOf(line, before.end - 1) === pieceOf(line, run.start) && againstRule(line, run.start, run.cell.bbox[0], 'left')) ||
        (after !== undefined && pieceOf(line, run.end - 1) === pieceOf(line, after.start) && againstRule(line, run.end - 1, run.cell.bbox[2], 'right'));
      const list = out.get(run.cell) ?? [];
      list.push({ line, start: run.start, end: run.end, text, crossed });
      out.set(run.cell, list);
    }
  }
  // Reading order in a cell by each fragment's own text box: a group label written down the side is read
  // as boxes of its own, beside (not after) the line its rows' text makes.
  const top = (f: Fragment) => f.line.pieces?.[pieceOf(f.line, f.start)]?.bbox[1] ?? f.line.bbox[1];
  const left = (f: Fragment) => subBox(f.line, f.start, f.end)[0];
  for (const list of out.values()) list.sort((a, b) => (Math.abs(top(a) - top(b)) > 8 ? top(a) - top(b) : 0) || left(a) - left(b));
  return out;
}

/** A cell's text: its fragments top to bottom, those on one line joined by a space, lines run together. */
export function cellText(fragments: Fragment[] | undefined): string {
  if (!fragments?.length) return '';
  let s = '';
  fragments.forEach((f, i) => {
    const prev = fragments[i - 1];
    s += prev ? (prev.line === f.line ? ' ' : '') : '';
    s += f.text;
  });
  return s;
}

/** A table's columns as its header names them: each spec column's grid columns. */
export interface ColumnMap {
  columns: { spec: ColumnSpec; from: number; to: number }[];
  /** The first body row. */
  body: number;
  /** The grid's column edges, to carry the map to the table's continuation on the next page. */
  edges: number[];
}

/** How well a header's text names a spec column: whole (best), at its end (under a group header), inside. */
function headerScore(text: string, spec: ColumnSpec): number {
  let best = 0;
  for (const h of spec.headers.map(squash)) {
    if (text === h) best = Math.max(best, 1000 + h.length);
    else if (text.endsWith(h) && text.length <= h.length + 8) best = Math.max(best, 500 + h.length);
    else if (text.includes(h) && text.length <= h.length + 6) best = Math.max(best, h.length);
  }
  return best;
}

/** The grid's column edges from its one-column cells. */
function columnEdges(table: RuledTable): number[] {
  const edges: number[] = [];
  for (let k = 0; k <= table.cols; k++) {
    const left = table.cells.find((c) => c.col === k);
    const right = table.cells.find((c) => c.col + c.colSpan === k);
    edges.push(left ? left.bbox[0] : right ? right.bbox[2] : NaN);
  }
  return edges;
}

/** The header band that names the most of the spec's columns: rows [s, s + d), the first such where several do. */
function findHeader(table: RuledTable, texts: Map<Cell, string>, spec: TableSpec): ColumnMap | null {
  let best: { map: ColumnMap; score: number } | null = null;
  for (let s = 0; s < table.rows - 1; s++) {
    for (let d = 1; d <= 3 && s + d < table.rows; d++) {
      const band = table.cells.filter((c) => c.row >= s && c.row + c.rowSpan <= s + d);
      // Each grid column's header: the band's cells over it, top to bottom; columns under the same cells are one.
      const logical: { from: number; to: number; text: string; key: string }[] = [];
      for (let k = 0; k < table.cols; k++) {
        const over = band.filter((c) => c.col <= k && c.col + c.colSpan > k).sort((a, b) => a.row - b.row);
        const key = over.map((c) => `${c.row},${c.col}`).join('|');
        const last = logical[logical.length - 1];
        if (last && last.key === key && key !== '') last.to = k;
        else logical.push({ from: k, to: k, text: squash(over.map((c) => texts.get(c) ?? '').join('')), key });
      }
      const taken = new Map<string, { col: (typeof logical)[number]; score: number }>();
      for (const col of logical) {
        if (!col.text) continue;
        let pick: { spec: ColumnSpec; score: number } | null = null;
        for (const c of spec.columns) {
          const score = headerScore(col.text, c);
          if (score > (pick?.score ?? 0)) pick = { spec: c, score };
        }
        if (pick && pick.score > (taken.get(pick.spec.key)?.score ?? 0)) taken.set(pick.spec.key, { col, score: pick.score });
      }
      const need = Math.min(3, spec.columns.length);
      if (taken.size < need) continue;
      const score = taken.size * 10 - d;
      if (!best || score > best.score) {
        const columns = [...taken.entries()].map(([key, { col }]) => ({ spec: spec.columns.find((c) => c.key === key)!, from: col.from, to: col.to })).sort((a, b) => a.from - b.from);
        best = { map: { columns, body: s + d, edges: columnEdges(table) }, score };
      }
    }
  }
  return best?.map ?? null;
}

/** A table on the next page with the same columns (edges within a rule's width of each other) continues it. */
function continues(table: RuledTable, map: ColumnMap): ColumnMap | null {
  const edges = columnEdges(table);
  if (edges.length !== map.edges.length || edges.some((e, i) => !(Math.abs(e - map.edges[i]!) < 12))) return null;
  return { ...map, body: 0 };
}

const ADD_ROWS = /可增加行|以下空白|此处空白|^[.…。·]+$/;
const TABLE_END = /^(合计|总计|填表人|填报人|负责人|备注|培训机构[（(]盖章|审核)/;

/** The value of a cell read as its column's kind, its confidence the recogniser's and the layout's. */
function valueOf(fragments: Fragment[], spec: ColumnSpec, page: number): Field {
  const raw = cellText(fragments);
  // Per-character readings only where the cell's text is exactly its fragments' characters (one fragment).
  const one = fragments.length === 1 && [...fragments[0]!.text].length === fragments[0]!.end - fragments[0]!.start;
  const line = fragments[0]!.line;
  const n = [...line.text].length;
  const boxes = fragments.map((f) => subBox(f.line, f.start, f.end));
  let f = readValue({ key: spec.key, labels: spec.headers, kind: spec.kind, ...(spec.person ? { person: true as const } : {}), ...(spec.phrases ? { phrases: spec.phrases } : {}) }, raw, {
    read: Math.min(...fragments.map((x) => spanOf(x))),
    probs: one && line.charConfidence?.length === n ? line.charConfidence.slice(fragments[0]!.start, fragments[0]!.end) : undefined,
    alts: one && line.charAlternatives?.length === n ? line.charAlternatives.slice(fragments[0]!.start, fragments[0]!.end) : undefined,
    page,
    bbox: [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])), Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))],
  });
  if (spec.choices && typeof f.value === 'string') {
    // A closed value: the choice the text names, or the text kept and flagged.
    const hit = spec.choices.find(([, re]) => re.test(f.value as string));
    if (hit) f = { ...f, value: hit[0] };
    else if ((f.confidence ?? 1) >= REVIEW_THRESHOLD || !f.review) f = { ...f, confidence: Math.round((f.confidence ?? 1) * 500) / 1000, review: DOUBT.notRecognised };
  }
  // A value cut from a line that ran over a rule is only as sure as the cut: kept where its kind vouches
  // for it (an ID number whose check character holds, a gender that is 男 or 女), sent for review otherwise.
  if (fragments.some((x) => x.crossed) && !vouched(spec, f.value, (f.confidence ?? 1) >= REVIEW_THRESHOLD || !f.review)) f = withDoubt(f, DOUBT.crossedRule);
  return f;
}

function spanOf(f: Fragment): number {
  const probs = f.line.charConfidence;
  if (!probs || probs.length !== [...f.line.text].length) return f.line.confidence;
  const chars = [...f.line.text];
  let least = 1;
  for (let i = f.start; i < f.end; i++) if (!/\s/.test(chars[i]!)) least = Math.min(least, probs[i]!);
  return least;
}

/** Whether a value's own form shows it was cut whole out of a longer line. */
function vouched(spec: ColumnSpec, value: Field['value'], ok: boolean): boolean {
  if (!ok || value === null) return false;
  if (spec.kind === 'id' || spec.kind === 'phone' || spec.kind === 'date' || spec.kind === 'time') return true;
  if (spec.choices) return true;
  if (spec.key === 'gender') return value === '男' || value === '女';
  return false;
}

export interface RuledTableRead {
  rows: TableRow[];
  map: ColumnMap;
}

/**
 * The rows of a ruled table, its columns named by its header (or by `carried`, the map of the same table
 * on the page before, where this page's part has no header). Null where the table is not this spec's.
 */
export async function readRuledTable(table: RuledTable, page: number, lines: PageLine[], spec: TableSpec, carried?: ColumnMap, stops: string[] = [], reread?: CellReader): Promise<RuledTableRead | null> {
  const stopAt = stops.map(squash).filter((x) => x.length >= 2);
  const fragments = textInCells(table, lines.filter((l) => l.page === page));
  const texts = new Map<Cell, string>([...fragments].map(([c, f]) => [c, cellText(f)]));
  const map = findHeader(table, texts, spec) ?? (carried ? continues(table, carried) : null);
  if (!map) return null;
  const assigned = new Set(map.columns.flatMap((c) => Array.from({ length: c.to - c.from + 1 }, (_, i) => c.from + i)));
  const groupOf = (text: string) => spec.groups?.labels.find(([, re]) => re.test(squash(text)))?.[0];
  const rows: TableRow[] = [];
  // A group named in a full-width row holds until the next; one in a merged cell at the side, for its rows.
  let current: string | undefined;
  for (let r = map.body; r < table.rows; r++) {
    const rowCells = table.cells.filter((c) => c.row <= r && c.row + c.rowSpan > r);
    const first = rowCells.filter((c) => texts.get(c)).sort((a, b) => a.col - b.col)[0];
    if (first && TABLE_END.test(squash(texts.get(first)!))) break;
    // Another part of the form (a field's label, another table's header) ends this table.
    if (first && r > map.body && stopAt.some((x) => squash(texts.get(first)!).startsWith(x))) break;
    // Rows a form prints for more entries (……（可增加行）, 以下空白) are no entry.
    if (first && ADD_ROWS.test(squash(texts.get(first)!))) continue;
    let side: string | undefined;
    let groupRow = false;
    if (spec.groups) {
      for (const c of rowCells) {
        const g = groupOf(texts.get(c) ?? '');
        if (!g) continue;
        const wide = map.columns.every((m) => c.col <= m.from && c.col + c.colSpan > m.to);
        if (wide) {
          current = g;
          groupRow = true;
        } else if (c.rowSpan > 1 || ![...assigned].some((k) => c.col <= k && c.col + c.colSpan > k)) side = g;
      }
    }
    if (groupRow) continue;
    // A cell of text across two or more columns is another part of the form (基本情况's free text below
    // Zibo 表一's occupations): the table has ended.
    const across = rowCells.find((c) => texts.get(c) && map.columns.filter((m) => c.col <= m.from && c.col + c.colSpan > m.to).length >= 2);
    if (across) break;
    const row: TableRow = {};
    let headerAgain = 0;
    const cellsOf = (col: ColumnMap['columns'][number]) => rowCells.filter((c) => c.col <= col.to && c.col + c.colSpan > col.from).sort((a, b) => a.col - b.col);
    const found = new Map(map.columns.map((col) => [col, cellsOf(col).flatMap((c) => fragments.get(c) ?? [])]));
    // In a row that holds values, a cell of its own that holds ink but no text is read again on its own.
    if (reread && [...found.values()].some((f) => f.length > 0)) {
      for (const [col, frags] of found) {
        const cells = cellsOf(col);
        if (frags.length > 0 || cells.length !== 1 || cells[0]!.rowSpan !== 1) continue;
        const line = await reread(page, cells[0]!.bbox);
        if (line) found.set(col, [{ line, start: 0, end: [...line.text].length, text: line.text.trim(), crossed: false }]);
      }
    }
    for (const col of map.columns) {
      const frags = found.get(col)!;
      if (frags.length === 0) continue;
      const text = squash(cellText(frags));
      if (col.spec.headers.some((h) => squash(h) === text)) headerAgain++;
      // A group label standing in a column's cell (the side cell the grid puts in the first column) is not a value.
      if (spec.groups && groupOf(text) && !col.spec.choices) {
        side ??= groupOf(text);
        continue;
      }
      row[col.spec.key] = valueOf(frags, col.spec, page);
    }
    if (headerAgain >= Math.min(3, map.columns.length)) continue; // the header repeated
    if (Object.keys(row).length < 2) continue; // an empty row, or a stray mark
    const group = side ?? current;
    if (group !== undefined && spec.groups && row[spec.groups.key] === undefined) {
      const any = Object.values(row)[0]!;
      row[spec.groups.key] = { value: group, confidence: any.confidence, page };
    }
    rows.push(row);
  }
  return { rows, map };
}

/** The rows of a spec's table across a document's pages, from their ruled tables; null where none is the spec's. */
export async function readRuledTables(pages: { page: number; tables: RuledTable[] }[], lines: PageLine[], spec: TableSpec, stops: string[] = [], reread?: CellReader): Promise<TableRow[] | null> {
  const rows: TableRow[] = [];
  let found = false;
  let carried: ColumnMap | undefined;
  for (const { page, tables } of [...pages].sort((a, b) => a.page - b.page)) {
    for (const table of tables) {
      if (table.cols < 2) continue;
      const read = await readRuledTable(table, page, lines, spec, carried, stops, reread);
      if (!read) continue;
      found = true;
      carried = read.map;
      rows.push(...read.rows);
    }
  }
  return found ? rows : null;
}

/** A label cell's text as a label: its colon and any 盖章 / 签字 note left off. */
function asLabel(text: string): string {
  return squash(text)
    .replace(/[:：]$/, '')
    .replace(/[(（](盖章|签字|签名|签章|公章)[)）]$/, '')
    .replace(/[:：]$/, '');
}

/**
 * Fields of a form drawn as a ruled grid: a cell holding only a label (wrapped over lines or not) has its
 * value in the cell to its right — all of that cell, however many lines it runs to — or, where that cell is
 * another label, in the cell below. A label whose value cell is empty gives `null`: nothing was written
 * (not the text of some other cell nearby). Fields whose labels stand in no cell of their own are left to
 * the text (extractFields).
 */
export async function readCellFields(pages: { page: number; tables: RuledTable[] }[], lines: PageLine[], specs: FieldSpec[], reread?: CellReader): Promise<Record<string, Field | null>> {
  const byLabel = new Map<string, FieldSpec>();
  for (const spec of specs) for (const l of spec.labels) if (!byLabel.has(squash(l))) byLabel.set(squash(l), spec);
  const out: Record<string, Field | null> = {};
  for (const { page, tables } of pages) {
    for (const table of tables) {
      const fragments = textInCells(table, lines.filter((l) => l.page === page));
      const texts = new Map<Cell, string>([...fragments].map(([c, f]) => [c, cellText(f)]));
      const isLabel = (c: Cell | undefined) => c !== undefined && byLabel.has(asLabel(texts.get(c) ?? ''));
      for (const cell of table.cells) {
        const spec = byLabel.get(asLabel(texts.get(cell) ?? ''));
        if (!spec || out[spec.key]) continue;
        const right = table.cells.find((c) => c.col === cell.col + cell.colSpan && c.row <= cell.row && c.row + c.rowSpan > cell.row);
        const below = table.cells.find((c) => c.row === cell.row + cell.rowSpan && c.col <= cell.col && c.col + c.colSpan > cell.col);
        const valueCell = right && !isLabel(right) ? right : below && !isLabel(below) && !right ? below : undefined;
        if (!valueCell) continue;
        let frags = fragments.get(valueCell);
        if (!frags?.length && reread) {
          const line = await reread(page, valueCell.bbox);
          if (line) frags = [{ line, start: 0, end: [...line.text].length, text: line.text.trim(), crossed: false }];
        }
        if (!frags?.length) {
          out[spec.key] ??= null;
          continue;
        }
        const one = frags.length === 1 && [...frags[0]!.text].length === frags[0]!.end - frags[0]!.start;
        const line = frags[0]!.line;
        const full = line.charConfidence?.length === [...line.text].length;
        const boxes = frags.map((f) => subBox(f.line, f.start, f.end));
        let field = readValue(spec, cellText(frags), {
          read: Math.min(...frags.map(spanOf)),
          probs: one && full ? line.charConfidence!.slice(frags[0]!.start, frags[0]!.end) : undefined,
          alts: one && line.charAlternatives?.length === [...line.text].length ? line.charAlternatives.slice(frags[0]!.start, frags[0]!.end) : undefined,
          page,
          bbox: [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])), Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))],
        });
        if (frags.some((f) => f.crossed) && !(field.value !== null && ['id', 'phone', 'date', 'time', 'number'].includes(spec.kind))) field = withDoubt(field, DOUBT.crossedRule);
        out[spec.key] = field;
      }
    }
  }
  return out;
}
