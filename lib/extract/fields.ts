// Stage 3: OCR lines of a document → typed fields and table rows, by label matching.
import type { BBox, Field, TableRow } from '../domain/schemas.ts';
import type { Choices, FieldSpec, TableSpec, ValueKind } from '../domain/forms.ts';
import type { OcrLine } from './ocr/port.ts';
import { checkIdNumber, repairIdNumber } from '../identity/id-number.ts';
import { likeliestSurname, uncommonSurname } from './surnames.ts';
import { DOUBT, doubtOf } from './doubts.ts';
import { cleanText, parseDate, parseIdNumber, parseNumber, parsePhone, parseTime, parseTimeRange, toHalfWidth } from '../domain/values.ts';

export interface PageLine extends OcrLine {
  page: number;
}

/** Below this a field is flagged for a reviewer's look. */
export const REVIEW_THRESHOLD = 0.9;

/** Brackets, spaces and full-width forms made uniform so that 职业 (工种) matches 职业（工种）. */
export function normaliseForMatch(s: string): string {
  return toHalfWidth(s).replace(/\s+/g, ' ').trim();
}

function squash(s: string): string {
  return normaliseForMatch(s).replace(/\s+/g, '');
}

/** Text placed in label slots of forms that is never a value. */
const PLACEHOLDER = /^[(（]?(盖章|签字|签名|签章|公章)[)）]?[:：]?$/;

/** Letters OCR returns for digits in number cells (0 → O, 1 → l/I, 5 → S, 8 → B). */
const DIGIT_LOOKALIKES: Record<string, string> = { O: '0', o: '0', D: '0', Q: '0', l: '1', I: '1', '|': '1', S: '5', B: '8', Z: '2' };

function repairDigits(text: string): string | null {
  if (!/^[0-9OoDQlI|SBZ.,\s]+$/.test(text) || /^[0-9.,\s]*$/.test(text)) return null;
  return text.replace(/[OoDQlI|SBZ]/g, (c) => DIGIT_LOOKALIKES[c]!);
}

/** `charConfidence`, where given, is the recogniser's probability for each code point of `raw`. */
export function convert(raw: string, kind: ValueKind, charConfidence?: readonly number[], charAlternatives?: readonly (readonly [string, number][])[]): { value: Field['value']; ok: boolean; repaired?: boolean } {
  // 培训机构（盖章）：XX学校 — the seal note belongs to the label, not to the value.
  const text = cleanText(cleanText(raw).replace(/^[(（](盖章|签字|签名|签章|公章)[)）]/, ''));
  if (text === '' || PLACEHOLDER.test(text)) return { value: null, ok: false };
  switch (kind) {
    case 'date': {
      const v = parseDate(text);
      return { value: v, ok: v !== null };
    }
    case 'time': {
      const v = parseTime(text);
      return { value: v, ok: v !== null };
    }
    case 'number': {
      const v = parseNumber(text);
      if (v !== null) return { value: v, ok: true };
      const fixed = repairDigits(text);
      const r = fixed === null ? null : parseNumber(fixed);
      return r === null ? { value: null, ok: false } : { value: r, ok: true, repaired: true };
    }
    case 'phone': {
      const v = parsePhone(text);
      return { value: v, ok: v !== null };
    }
    case 'id': {
      // The check character can repair one character OCR confused (O for 0, B for 8 …).
      const compact = text.replace(/\s+/g, '').toUpperCase();
      const v = parseIdNumber(text);
      if (v && checkIdNumber(v).valid) return { value: v, ok: true };
      const fixed = repairIdNumber(v ?? compact, idCharacters(raw, surest(raw, charConfidence, charAlternatives)), idCharacters(raw, charAlternatives));
      if (fixed?.repaired) return { value: fixed.value, ok: true, repaired: true };
      return { value: v ?? compact, ok: false };
    }
    case 'code': {
      // Class codes are letters, digits and dashes; stop at the first character that is none of these.
      const m = /[0-9A-Z][0-9A-Z\-_/]*/i.exec(text.replace(/\s+/g, ''));
      return { value: m ? m[0].toUpperCase() : text, ok: m !== null };
    }
    default:
      // Chinese forms write brackets full-width; OCR returns either, often with a space beside it. A space
      // next to a Chinese character or a full-width bracket is the recogniser's, not the writer's.
      if (!/[\u4e00-\u9fff]/.test(text)) return { value: text, ok: true };
      return { value: text.replace(/\(/g, '（').replace(/\)/g, '）').replace(/\s+(?=[\u4e00-\u9fff（）])|(?<=[\u4e00-\u9fff（）])\s+/g, ''), ok: true };
  }
}

/** The probabilities of an ID number's 18 characters, where `raw` is the number and blanks only. */
/**
 * Each character's probability at its best frame: the recogniser's first frame of a character can be less
 * sure than the next (a 7 at 0.80, then 0.98), and only the character in doubt should be repaired.
 */
function surest(raw: string, probs?: readonly number[], alts?: readonly (readonly [string, number][])[]): number[] | undefined {
  const chars = [...raw];
  if (!probs || !alts || probs.length !== chars.length || alts.length !== chars.length) return probs ? [...probs] : undefined;
  return probs.map((p, i) => Math.max(p, alts[i]!.find(([a]) => a === chars[i])?.[1] ?? 0));
}

function idCharacters<T>(raw: string, perChar?: readonly T[]): T[] | undefined {
  const chars = [...raw];
  if (!perChar || perChar.length !== chars.length) return undefined;
  const kept = chars.flatMap((c, i) => (/\s/.test(c) ? [] : [perChar[i]!]));
  return kept.length === 18 ? kept : undefined;
}

/** Relative widths of characters, to place a substring inside a line's box. */
function charWidth(ch: string): number {
  if (/\s/.test(ch)) return 0.45;
  return ch.charCodeAt(0) < 0x2e80 ? 0.55 : 1;
}

export function subBox(line: OcrLine, start: number, end: number): BBox {
  // Where the engine says where the line's pieces are, a span is placed within its pieces (a line joined
  // over a wide gap, a table row's cells, is not evenly spread over its box).
  const pieces = line.pieces?.filter((p) => p.end > start && p.start < end);
  if (pieces?.length) {
    const first = pieces[0]!;
    const last = pieces[pieces.length - 1]!;
    const piece = (p: (typeof pieces)[number]): OcrLine => ({ ...line, text: [...line.text].slice(p.start, p.end).join(''), bbox: p.bbox, pieces: undefined });
    const a = subBox(piece(first), Math.max(0, start - first.start), first.end - first.start);
    const b = subBox(piece(last), 0, Math.min(end, last.end) - last.start);
    return [a[0], line.bbox[1], b[2], line.bbox[3]];
  }
  const chars = [...line.text];
  const total = chars.reduce((s, c) => s + charWidth(c), 0) || 1;
  const before = chars.slice(0, start).reduce((s, c) => s + charWidth(c), 0);
  const inside = chars.slice(start, end).reduce((s, c) => s + charWidth(c), 0);
  const [x0, y0, x1, y1] = line.bbox;
  const w = x1 - x0;
  return [Math.round(x0 + (w * before) / total), y0, Math.round(x0 + (w * (before + inside)) / total), y1];
}

/**
 * How sure the recogniser was of the characters [start, end) of a line: the least sure character, where
 * the engine gives each one (a value is as doubtful as its worst character, and a printed label on the
 * same line must not vouch for a handwritten value); the line's mean otherwise.
 */
export function spanConfidence(line: OcrLine, start = 0, end = [...line.text].length): number {
  const probs = line.charConfidence;
  if (!probs || probs.length !== [...line.text].length) return line.confidence;
  const chars = [...line.text];
  let least = 1;
  for (let i = start; i < end; i++) if (!/\s/.test(chars[i]!)) least = Math.min(least, probs[i]!);
  return end > start ? least : line.confidence;
}

interface LabelHit {
  line: PageLine;
  lineIndex: number;
  start: number; // char index in line.text
  end: number;
  spec: FieldSpec;
}

/** What follows a label inside running text: its colon, after a 盖章 / 签字 note if there is one. */
const LABEL_COLON = /^\s*([(（]\s*(盖章|签字|签名|签章|公章)\s*[)）])?\s*[:：]/;

function isBoundary(text: string, i: number): boolean {
  if (i === 0) return true;
  return /[\s:：;；,，。|│]/.test(text[i - 1]!);
}

/** Every place a known label starts a segment of a line (longest label wins). */
function findLabels(lines: PageLine[], specs: FieldSpec[]): LabelHit[] {
  const labels = specs
    .flatMap((spec) => spec.labels.map((label) => ({ label: squash(label), spec })))
    .sort((a, b) => b.label.length - a.label.length);
  const hits: LabelHit[] = [];
  lines.forEach((line, lineIndex) => {
    const chars = [...line.text];
    let i = 0;
    while (i < chars.length) {
      let matched = false;
      const boundary = isBoundary(line.text, i);
      {
        for (const { label, spec } of labels) {
          // Compare ignoring spaces and bracket width: walk the line consuming label chars.
          let j = i;
          let k = 0;
          while (j < chars.length && k < label.length) {
            const c = squash(chars[j]!);
            if (c === '') {
              j++;
              continue;
            }
            if (c !== label[k]) break;
            j++;
            k++;
          }
          // Inside running text a label counts only where a colon (after any 盖章 / 签字 suffix) says it is
          // one: two pairs on a line, the first value running into the second label.
          if (k === label.length && (boundary || LABEL_COLON.test(chars.slice(j, j + 8).join('')))) {
            hits.push({ line, lineIndex, start: i, end: j, spec });
            i = j;
            matched = true;
            break;
          }
        }
      }
      if (!matched) i++;
    }
  });
  return hits;
}

/** Whether `text` is the start of one of the field's labels longer than it (or the whole label, if `whole`). */
function continuesLabel(spec: FieldSpec, text: string, whole = false): boolean {
  return spec.labels.some((label) => {
    const l = squash(label);
    return l.startsWith(text) && (whole || l.length > text.length);
  });
}

function overlapY(a: BBox, b: BBox): number {
  const o = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  return o / Math.min(a[3] - a[1], b[3] - b[1]);
}

/**
 * A field's value from the text found for it: converted to its kind, its words and surname weighed, its
 * confidence the recogniser's (`read`) less what conversion and doubt take, with a note saying why.
 */
export function readValue(spec: FieldSpec, raw: string, at: { read: number; probs?: number[]; alts?: [string, number][][]; page: number; bbox: BBox }): Field {
  const worded = spec.phrases ? inWords(raw, at.probs, at.alts, spec.phrases) : null;
  const converted = convert(worded ?? raw, spec.kind, at.probs, at.alts);
  if (worded) converted.repaired = true;
  const named = spec.person ? asName(converted, raw, at.alts) : undefined;
  const { value, repaired } = named ?? converted;
  const ok = (named ?? converted).ok && !(spec.pattern && typeof value === 'string' && !spec.pattern.test(value));
  const confidence = Math.round(at.read * (ok ? (repaired ? 0.85 : 1) : 0.5) * 1000) / 1000;
  const field: Field = { value, confidence, page: at.page, bbox: at.bbox };
  if (repaired) field.review = doubtOf(DOUBT.repaired, { read: cleanText(raw), value: String(value) });
  else if (confidence < REVIEW_THRESHOLD) field.review = ok ? DOUBT.lowConfidence : DOUBT.notRecognised;
  return withDoubt(field, named?.doubt);
}

export function extractFields(lines: PageLine[], specs: FieldSpec[]): Record<string, Field> {
  const hits = findLabels(lines, specs);
  const labelLines = new Set(hits.filter((h) => h.start === 0).map((h) => h.lineIndex));
  const out: Record<string, Field> = {};
  const candidates = new Map<string, { field: Field; rank: number }[]>();

  for (const hit of hits) {
    const chars = [...hit.line.text];
    const next = hits.find((h) => h.lineIndex === hit.lineIndex && h.start >= hit.end);
    const end = next ? next.start : chars.length;
    let raw = chars.slice(hit.end, end).join('');
    let source: PageLine = hit.line;
    let bbox = subBox(hit.line, hit.end, end);
    let read = spanConfidence(hit.line, hit.end, end);
    let rawProbs = hit.line.charConfidence?.slice(hit.end, end);
    let rawAlts = hit.line.charAlternatives?.slice(hit.end, end);
    let labelBox = hit.line.bbox;
    const said = squash(chars.slice(hit.start, hit.end).join(''));
    if (continuesLabel(hit.spec, said + squash(raw))) {
      // A long label wrapped in its cell (Zibo 附件2's 事业单位法人登记证（公办）或民办非企业…): the rest of
      // the line, and the line under it that finishes the label, are label; the value is beside them.
      const h = hit.line.bbox[3] - hit.line.bbox[1];
      const under = lines.findIndex(
        (l, i) => i !== hit.lineIndex && l.page === hit.line.page && l.bbox[1] > hit.line.bbox[1] && l.bbox[1] - hit.line.bbox[3] < h && Math.abs(l.bbox[0] - hit.line.bbox[0]) < h * 2 && continuesLabel(hit.spec, said + squash(raw) + squash(l.text), true),
      );
      if (under >= 0) {
        labelLines.add(under);
        const u = lines[under]!.bbox;
        labelBox = [Math.min(labelBox[0], u[0]), labelBox[1], Math.max(labelBox[2], u[2]), u[3]];
      }
      raw = '';
    }
    if (cleanText(raw) === '' || PLACEHOLDER.test(cleanText(raw))) {
      // Value in the cell to the right, or below the label.
      const right = lines
        .map((l, i) => ({ l, i }))
        .filter(({ l, i }) => i !== hit.lineIndex && l.page === hit.line.page && !labelLines.has(i))
        .filter(({ l }) => l.bbox[0] >= labelBox[2] - 4 && overlapY(l.bbox, labelBox) > 0.5)
        .sort((a, b) => a.l.bbox[0] - b.l.bbox[0])[0];
      const h = hit.line.bbox[3] - hit.line.bbox[1];
      const below = lines
        .map((l, i) => ({ l, i }))
        .filter(({ l, i }) => i !== hit.lineIndex && l.page === hit.line.page && !labelLines.has(i))
        .filter(({ l }) => l.bbox[1] > labelBox[1] && l.bbox[1] - labelBox[3] < h * 2)
        .filter(({ l }) => l.bbox[0] < labelBox[2] && l.bbox[2] > labelBox[0])
        .sort((a, b) => a.l.bbox[1] - b.l.bbox[1])[0];
      const pick = right ?? below;
      if (pick) {
        raw = pick.l.text;
        source = pick.l;
        bbox = pick.l.bbox;
        read = spanConfidence(pick.l);
        rawProbs = pick.l.charConfidence;
        rawAlts = pick.l.charAlternatives;
      }
    }
    const field = readValue(hit.spec, raw, { read, probs: rawProbs, alts: rawAlts, page: source.page, bbox });
    const list = candidates.get(hit.spec.key) ?? [];
    // How specific the label found is: its place in the field's labels, most specific first (培训单位全称
    // before 培训机构, which is also a tick box's option on Qidong 附件1).
    const rank = hit.spec.labels.findIndex((l) => squash(l) === said);
    list.push({ field, rank: rank < 0 ? hit.spec.labels.length : rank });
    candidates.set(hit.spec.key, list);
  }
  for (const [key, list] of candidates) {
    // A label printed twice (header and body), or a short label found elsewhere: the value found, beside the
    // most specific label, best read.
    const best = [...list].sort((a, b) => Number(b.field.value !== null) - Number(a.field.value !== null) || a.rank - b.rank || (b.field.confidence ?? 0) - (a.field.confidence ?? 0))[0]!;
    out[key] = best.field;
  }
  return out;
}

interface Segment {
  text: string;
  x0: number;
  x1: number;
  line: PageLine;
  /** The recogniser's confidence in this segment's characters: the least sure, and each. */
  read: number;
  probs?: number[];
  alts?: [string, number][][];
}

/** Lines grouped into visual rows, each split into whitespace-separated segments placed by x. */
function rows(lines: PageLine[]): Segment[][] {
  const sorted = [...lines].sort((a, b) => a.page - b.page || a.bbox[1] - b.bbox[1]);
  const groups: PageLine[][] = [];
  for (const l of sorted) {
    const g = groups[groups.length - 1];
    if (g && g[0]!.page === l.page && overlapY(g[0]!.bbox, l.bbox) > 0.5) g.push(l);
    else groups.push([l]);
  }
  return groups.map((g) =>
    g
      .sort((a, b) => a.bbox[0] - b.bbox[0])
      .flatMap((line) => {
        const segs: Segment[] = [];
        const chars = [...line.text];
        let i = 0;
        while (i < chars.length) {
          while (i < chars.length && /\s/.test(chars[i]!)) i++;
          const s = i;
          while (i < chars.length && !/\s/.test(chars[i]!)) i++;
          if (i > s) {
            const b = subBox(line, s, i);
            segs.push({
              text: chars.slice(s, i).join(''),
              x0: b[0],
              x1: b[2],
              line,
              read: spanConfidence(line, s, i),
              probs: line.charConfidence?.length === chars.length ? line.charConfidence.slice(s, i) : undefined,
              alts: line.charAlternatives?.length === chars.length ? line.charAlternatives.slice(s, i) : undefined,
            });
          }
        }
        return segs;
      }),
  );
}

const TABLE_END = /^(合计|总计|填表人|填报人|负责人|备注|培训机构[（(]盖章|审核)/;

/**
 * 序号 run 1, 2, 3 … down a table. A number that breaks the run where the rows around it keep it (a
 * handwritten 1 read as 7, giving two rows 7) is taken from its place — the one between its neighbours — and
 * sent for review saying what was read. Tables whose numbers do not run (a list starting at 11 on a second
 * page still runs) are left as read.
 */
export function sequenceInOrder(rows: TableRow[], key = 'seq'): void {
  const no = (i: number) => (typeof rows[i]?.[key]?.value === 'number' ? (rows[i]![key]!.value as number) : undefined);
  rows.forEach((row, i) => {
    const f = row[key];
    if (!f) return;
    const read = no(i);
    // What the neighbours say this row's number is: both sides where there are two, else the two rows after
    // (the first row) or before (the last).
    const [p, n, n2, p2] = [no(i - 1), no(i + 1), no(i + 2), no(i - 2)];
    let placed: number | undefined;
    if (p !== undefined && n !== undefined) placed = n === p + 2 ? p + 1 : undefined;
    else if (p === undefined && n !== undefined && n2 === n + 1) placed = n - 1;
    else if (n === undefined && p !== undefined && p2 === p - 1) placed = p + 1;
    if (placed === undefined || placed < 1 || placed === read) return;
    const note = doubtOf(DOUBT.sequence, { read: f.value === null ? '空' : `“${String(f.value)}”`, value: placed });
    row[key] = { ...f, value: placed, confidence: Math.min(f.confidence ?? 1, Math.round((REVIEW_THRESHOLD - 0.05) * 1000) / 1000), review: f.review ? `${f.review}；${note}` : note };
  });
}

/**
 * A class's hours add up: 总课时 is 理论 + 实操 (线上 counted within them, or beside them). Where the hours
 * read do not add up, one of them is misread (a handwritten 4 read as 9) and no one of them can be trusted
 * over the others: each is sent for review, saying so.
 */
export function hoursAddUp(fields: Record<string, Field>): void {
  const hours = (k: string) => (typeof fields[k]?.value === 'number' ? (fields[k].value as number) : null);
  const [total, theory, practical, online] = [hours('totalHours'), hours('theoryHours'), hours('practicalHours'), hours('onlineHours') ?? 0];
  if (total === null || theory === null || practical === null) return;
  if (theory + practical === total || theory + practical + online === total) return;
  const note = doubtOf(DOUBT.hoursDoNotAddUp, { total, theory, practical, online: online ? `（+ 线上 ${online}）` : '' });
  for (const k of ['totalHours', 'theoryHours', 'practicalHours', 'onlineHours']) {
    const f = fields[k];
    if (f && f.value !== null) fields[k] = { ...f, confidence: Math.min(f.confidence ?? 1, Math.round((REVIEW_THRESHOLD - 0.05) * 1000) / 1000), review: f.review && f.review !== DOUBT.lowConfidence ? `${f.review}；${note}` : note };
  }
}

/** Days from one ISO date to another. */
const daysBetween = (a: string, b: string) => (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;

/**
 * A class's dates hang together: applied for at most half a year before it opens (or shortly after, a late
 * filing the rules judge) and at most four months before the packet is received, opening before it ends,
 * running at most a year. Dates that do not are one
 * misread (a handwritten 12 read as 2): each is sent for review, saying so — the rules still see them.
 */
export function datesInOrder(fields: Record<string, Field>, received?: string): void {
  const date = (k: string) => (typeof fields[k]?.value === 'string' ? (fields[k].value as string) : null);
  const [applied, start, end] = [date('applicationDate'), date('startDate'), date('endDate')];
  const odd: [string[], string][] = [];
  // Signed at most four months before the packet came in, and not after it.
  if (applied && received && (daysBetween(applied, received) > 122 || daysBetween(applied, received) < -1)) odd.push([['applicationDate'], `申请 ${applied}，收件 ${received}`]);
  if (start && end && (daysBetween(start, end) < 0 || daysBetween(start, end) > 366)) odd.push([['startDate', 'endDate'], `开班 ${start}，结业 ${end}`]);
  if (applied && start && (daysBetween(applied, start) > 183 || daysBetween(applied, start) < -60)) odd.push([['applicationDate', 'startDate'], `申请 ${applied}，开班 ${start}`]);
  for (const [keys, what] of odd) {
    const note = doubtOf(DOUBT.datesOutOfOrder, { what });
    for (const k of keys) fields[k] = withDoubt(fields[k]!, note);
  }
}

/** A schedule's 时间 cell (08:30-11:30) gives each session's start and end, where no column gives them. */
export function sessionTimes(rows: TableRow[]): void {
  for (const row of rows) {
    const range = typeof row.time?.value === 'string' ? parseTimeRange(row.time.value) : null;
    if (!range) continue;
    row.startTime ??= { ...row.time!, value: range[0] };
    row.endTime ??= { ...row.time!, value: range[1] };
  }
}

/**
 * Below this a character inside one of a field's words may be the word's: the rest of the word read as
 * written is strong evidence (7明培训班, 明 at 0.88, 期 its second reading).
 */
const WORD_DOUBT = 0.95;
/** …and a reading it gave less than this is not one it saw. */
const WORD_FLOOR = 0.02;

/**
 * The text with each of `words` restored where the recogniser doubted a character of it and saw the word's
 * character among its readings there (技社培训 → 技能培训 where 能 was a reading of the doubtful 社), at
 * least two of the word's characters and more than half of them read as written. Null where nothing changed.
 */
export function inWords(raw: string, probs: readonly number[] | undefined, alts: readonly (readonly [string, number][])[] | undefined, words: readonly string[]): string | null {
  const chars = [...raw];
  if (!probs || !alts || probs.length !== chars.length || alts.length !== chars.length) return null;
  let changed = false;
  for (const word of [...words].sort((a, b) => b.length - a.length)) {
    const w = [...word];
    for (let i = 0; i + w.length <= chars.length; i++) {
      let same = 0;
      const fixes: number[] = [];
      for (let j = 0; j < w.length; j++) {
        if (chars[i + j] === w[j]) same++;
        else if (probs[i + j]! < WORD_DOUBT && alts[i + j]!.some(([a, q]) => a === w[j] && q >= WORD_FLOOR)) fixes.push(j);
        else break;
      }
      if (same + fixes.length !== w.length || fixes.length === 0 || same < 2 || same * 2 <= w.length) continue;
      for (const j of fixes) chars[i + j] = w[j]!;
      changed = true;
    }
  }
  return changed ? chars.join('') : null;
}

/** A person's name read, its surname the likeliest of the recogniser's readings (surnames.ts). */
export function asName(c: ReturnType<typeof convert>, raw: string, alts: [string, number][][] | undefined): ReturnType<typeof convert> & { doubt?: string } {
  // A Chinese name has a surname and a given name: one character alone is a name half read (汤伟 read as 伟).
  if (typeof c.value === 'string' && /^\p{Script=Han}$/u.test(c.value)) return { ...c, doubt: doubtOf(DOUBT.oneCharacterName, { value: c.value }) };
  if (typeof c.value !== 'string' || !alts || alts.length !== [...raw].length) return c;
  const first = [...raw].findIndex((ch) => /[\u4e00-\u9fff]/.test(ch));
  if (first < 0 || [...c.value][0] !== [...raw][first]) return c;
  const value = likeliestSurname(c.value, alts[first]);
  return { ...c, value, ...(uncommonSurname(value, alts[first]) ? { doubt: doubtOf(DOUBT.uncommonSurname, { value: [...value][0]! }) } : {}) };
}

/** A field's confidence and review note, a doubtful reading (an uncommon surname) sent for review. */
export function withDoubt(f: Field, doubt: string | undefined): Field {
  if (!doubt) return f;
  // Already below the threshold: the note says why, after what the recogniser's doubt said.
  if ((f.confidence ?? 1) < REVIEW_THRESHOLD) return f.review?.includes(doubt) ? f : { ...f, review: f.review && f.review !== DOUBT.lowConfidence ? `${f.review}；${doubt}` : doubt };
  return { ...f, confidence: Math.min(f.confidence ?? 1, Math.round((REVIEW_THRESHOLD - 0.05) * 1000) / 1000), review: doubt };
}

/** A closed value from the cell's text; text matching none of the choices is kept and flagged. */
export function choose(c: ReturnType<typeof convert>, choices: Choices): ReturnType<typeof convert> {
  if (typeof c.value !== 'string') return c;
  const hit = choices.find(([, re]) => re.test(c.value as string));
  return hit ? { ...c, value: hit[0] } : { ...c, ok: false };
}

/** A row that is the header's wrapped second line: short words, no digits, each under a word of the header. */
function wrapsHeader(header: Segment[], row: Segment[]): boolean {
  return row.length > 0 && row.length < header.length && row.every((seg) => !/\d/.test(seg.text) && [...squash(seg.text)].length <= 6 && header.some((h) => h.x1 > seg.x0 && h.x0 < seg.x1));
}

/**
 * `stops`: text that, starting a row, ends the table — the labels of the form's fields and the headers of
 * its other tables, where a table is one part of a longer form (Zibo 附件2).
 */
export function extractTable(lines: PageLine[], spec: TableSpec, stops: string[] = []): TableRow[] {
  const stopAt = stops.map(squash).filter((x) => x.length >= 2);
  const allRows = rows(lines);
  const out: TableRow[] = [];
  let columns: { key: string; kind: ValueKind; choices?: Choices; person?: true; x: number }[] | null = null;
  // (columns keyed _n are the header's words of no field)
  let currentGroup: string | undefined;
  const columnOf = (text: string) => spec.columns.find((c) => c.headers.some((h) => squash(h) === squash(text)));
  let headerRow: Segment[] | null = null;
  for (let row of allRows) {
    const matched = row
      .map((seg) => {
        const col = columnOf(seg.text);
        return col ? { key: col.key, kind: col.kind, choices: col.choices, person: col.person, x: (seg.x0 + seg.x1) / 2 } : null;
      })
      .filter((c): c is NonNullable<typeof c> => c !== null);
    // The header's other words are columns too, of no field (文化程度 on a roster): their cells are not
    // given to a neighbouring column.
    const isGroup = (seg: Segment) => spec.groups?.labels.some(([, re]) => re.test(squash(seg.text))) ?? false;
    const unknown = row.filter((seg) => !columnOf(seg.text) && !isGroup(seg)).map((seg, i) => ({ key: `_${i}`, kind: 'text' as ValueKind, x: (seg.x0 + seg.x1) / 2 }));
    // Headers wrapped over two lines (文化 / 程度, 培训职业 / （工种）): the line under the header row whose
    // words all sit under its words finishes them — columns it completes are added, and it is no row.
    if (columns && headerRow && wrapsHeader(headerRow, row)) {
      for (const seg of row) {
        const above = headerRow.find((h) => h.x1 > seg.x0 && h.x0 < seg.x1);
        const col = above && !columnOf(above.text) ? columnOf(above.text + seg.text) : undefined;
        if (!col || columns.some((c) => c.key === col.key)) continue;
        const x = (above!.x0 + above!.x1) / 2;
        columns = columns.filter((c) => !(c.key.startsWith('_') && c.x === x));
        columns.push({ key: col.key, kind: col.kind, choices: col.choices, person: col.person, x });
      }
      columns.sort((a, b) => a.x - b.x);
      headerRow = null;
      continue;
    }
    headerRow = null;
    if (matched.length >= Math.min(3, spec.columns.length)) {
      columns = [...matched, ...unknown].sort((a, b) => a.x - b.x); // a header row (again on a following page)
      headerRow = row;
      // The header row may carry the first group's label (理论讲师 beside 姓名 年龄 …).
      const label = spec.groups && row.find((seg) => spec.groups!.labels.some(([, re]) => re.test(squash(seg.text))));
      if (label) currentGroup = spec.groups!.labels.find(([, re]) => re.test(squash(label.text)))![0];
      continue;
    }
    if (!columns) continue;
    const first = row.length > 0 ? squash(row[0]!.text) : '';
    const anotherHeader = row.filter((seg) => stopAt.includes(squash(seg.text))).length >= 3;
    if (row.length > 0 && (TABLE_END.test(first) || anotherHeader || stopAt.some((x) => first.startsWith(x)))) {
      columns = null;
      continue;
    }
    // A row-group label (理论讲师 over the rows it heads) sets the group; it is not a cell.
    let group: string | undefined;
    if (spec.groups) {
      const at = row.findIndex((seg) => spec.groups!.labels.some(([, re]) => re.test(squash(seg.text))));
      if (at >= 0) {
        currentGroup = spec.groups.labels.find(([, re]) => re.test(squash(row[at]!.text)))![0];
        row = row.filter((_, i) => i !== at);
      }
      group = currentGroup;
    }
    const cells: Record<string, Segment[]> = {};
    if (row.length === columns.length) {
      row.forEach((seg, i) => (cells[columns![i]!.key] = [seg]));
    } else {
      for (const seg of row) {
        const mid = (seg.x0 + seg.x1) / 2;
        const col = columns.reduce((best, c) => (Math.abs(c.x - mid) < Math.abs(best.x - mid) ? c : best));
        (cells[col.key] ??= []).push(seg);
      }
    }
    const tr: TableRow = {};
    for (const col of columns) {
      if (col.key.startsWith('_')) continue;
      const segs = cells[col.key];
      if (!segs) continue;
      const raw = segs.map((s) => s.text).join('');
      const alts = segs.every((x) => x.alts) ? segs.flatMap((x) => x.alts!) : undefined;
      const converted = convert(raw, col.kind, segs.every((x) => x.probs) ? segs.flatMap((x) => x.probs!) : undefined, alts);
      const named = col.person ? asName(converted, raw, alts) : undefined;
      const { value, ok, repaired } = col.choices ? choose(converted, col.choices) : (named ?? converted);
      const src = segs[0]!.line;
      const read = Math.min(...segs.map((x) => x.read));
      const confidence = Math.round(read * (ok ? (repaired ? 0.85 : 1) : 0.5) * 1000) / 1000;
      const f: Field = {
        value,
        confidence,
        page: src.page,
        bbox: [Math.round(segs[0]!.x0), src.bbox[1], Math.round(segs[segs.length - 1]!.x1), src.bbox[3]],
      };
      if (repaired) f.review = doubtOf(DOUBT.repaired, { read: cleanText(raw), value: String(value) });
      else if (confidence < REVIEW_THRESHOLD) f.review = ok ? DOUBT.lowConfidence : DOUBT.notRecognised;
      tr[col.key] = withDoubt(f, named?.doubt);
    }
    // A row must carry at least two cells to count (stray marks and notes under a table do not).
    if (Object.keys(tr).length >= 2) {
      if (group !== undefined && spec.groups && tr[spec.groups.key] === undefined) tr[spec.groups.key] = { value: group, confidence: tr[Object.keys(tr)[0]!]!.confidence, page: tr[Object.keys(tr)[0]!]!.page };
      out.push(tr);
    }
  }
  return out;
}
