// Stages 1–3 together: files of a packet → documents with typed fields.
import type { ExtractedDocument, Extraction, Field, TableRow } from '../domain/schemas.ts';
import { classifyPage, groupPages, type PageClass } from './classify.ts';
import { extractFields, extractTable, REVIEW_THRESHOLD, type PageLine } from './fields.ts';
import { specFor } from './forms.ts';
import { normalise, UnreadableFileError } from './normalise.ts';
import type { OcrEngine } from './ocr/port.ts';
import { parseDate, toHalfWidth } from './values.ts';

export { UnreadableFileError } from './normalise.ts';

export interface PacketFile {
  name: string;
  bytes: Uint8Array;
}

export interface ExtractProgress {
  file: string;
  page: number;
  pages: number;
}

export interface ExtractOptions {
  ocr: OcrEngine;
  onPage?: (p: ExtractProgress) => void;
  /** Keep going past an unreadable file (the pipeline records it) instead of throwing (the CLI reports it). */
  tolerant?: boolean;
}

export async function extractPacket(files: PacketFile[], opts: ExtractOptions): Promise<Extraction> {
  const lines: PageLine[] = [];
  const classes: PageClass[] = [];
  const pageFile = new Map<number, string>();
  const problems: Extraction['problems'] = [];
  let offset = 0;
  for (const file of files) {
    let pages;
    try {
      pages = await normalise(file.bytes, file.name);
    } catch (e) {
      if (!opts.tolerant || !(e instanceof UnreadableFileError)) throw e;
      problems.push({ file: file.name, message: e.message });
      continue;
    }
    for (const p of pages) {
      const n = offset + p.number;
      const pageLines = (p.textLines ?? (p.image ? await opts.ocr.recognise(p.image) : [])).map((l) => ({ ...l, page: n }));
      if (pageLines.length === 0) problems.push({ file: file.name, page: p.number, message: 'no text found on the page' });
      lines.push(...pageLines);
      classes.push({ ...classifyPage(n, pageLines, p.height), file: file.name });
      pageFile.set(n, file.name);
      opts.onPage?.({ file: file.name, page: p.number, pages: pages.length });
    }
    offset += pages.length;
  }

  const documents: ExtractedDocument[] = groupPages(classes).map((d) => {
    const docLines = lines.filter((l) => d.pages.includes(l.page));
    const spec = specFor(d.type);
    const fields = spec ? extractFields(docLines, spec.fields) : {};
    const tables: Record<string, TableRow[]> = {};
    for (const t of spec?.tables ?? []) tables[t.key] = extractTable(docLines, t);
    if (d.type === 'sign-in-sheet') Object.assign(fields, signInFields(docLines));
    const doc: ExtractedDocument = {
      type: d.type,
      pages: d.pages,
      confidence: d.confidence,
      file: pageFile.get(d.pages[0]!),
      fields,
    };
    if (d.title) doc.title = d.title;
    if (d.type === 'sign-in-sheet') {
      tables.slots = signInSlots(docLines);
      fields.signedCount = { value: tables.slots.filter((s) => s.signed?.value === true).length };
    }
    if (Object.keys(tables).length > 0) doc.tables = tables;
    return doc;
  });

  return {
    file: files.map((f) => f.name).join(', '),
    pageCount: offset,
    documents,
    problems,
  };
}

/** 授课时间：2024年3月12日 8时30分 -- 11时30分 (Shaoxing 附件3) and the teacher's signature line. */
function signInFields(lines: PageLine[]): Record<string, Field> {
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
    const rest = teacher.text.replace(/.*签名[:：]?/, '').replace(/年|月|日|\s/g, '');
    const others = lines.filter((l) => l !== teacher && Math.abs(l.bbox[1] - teacher.bbox[1]) < 20 && l.bbox[0] > teacher.bbox[2]);
    const signed = rest.length > 0 || others.some((o) => !/^[年月日\s\d]*$/.test(o.text));
    out.teacherSigned = { value: signed, confidence: teacher.confidence, page: teacher.page, bbox: teacher.bbox };
  }
  return out;
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

/** Fields a reviewer should look at (low confidence or unparsed). */
export function fieldsForReview(doc: ExtractedDocument): string[] {
  return Object.entries(doc.fields)
    .filter(([, f]) => (f.confidence ?? 1) < REVIEW_THRESHOLD || f.review)
    .map(([k]) => k);
}
