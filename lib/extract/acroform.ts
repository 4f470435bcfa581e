// Forms filled on screen: our own blank forms (lib/render/forms.ts) carry their template in the PDF's
// keywords and name every field, so their values are read field by field, exactly, without OCR.
import { DOUBT } from './doubts.ts';
import { PDFCheckBox, PDFDocument, PDFTextField } from 'pdf-lib';
import type { DocumentType, ExtractedDocument, Field, TableRow } from '../domain/schemas.ts';
import { choose, convert, sessionTimes } from './fields.ts';
import { FORM_SPECS, QIDONG_FILING_BOXES, type Choices, type ValueKind } from '../domain/forms.ts';

const TEMPLATE = /intake-form:([a-z]+)\/([a-z-]+)@(\d+)/;

/** The document of a filled intake form, or null when the file is not one (or has no fields). */
export async function readFilledForm(bytes: Uint8Array, file: string): Promise<ExtractedDocument | null> {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 5)).toString('latin1');
  if (head !== '%PDF-') return null;
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false });
  } catch {
    return null; // encrypted or damaged: the normal path reports it
  }
  const m = TEMPLATE.exec(`${doc.getKeywords() ?? ''} ${doc.getSubject() ?? ''}`);
  if (!m) return null;
  const type = m[2] as DocumentType;
  const spec = FORM_SPECS.find((s) => s.type === type);
  if (!spec) return null;
  const kinds = new Map<string, ValueKind>(spec.fields.map((f) => [f.key, f.kind]));
  kinds.set('startTime', 'time');
  kinds.set('endTime', 'time');
  const columnKinds = new Map<string, ValueKind>((spec.tables ?? []).flatMap((t) => t.columns.map((c) => [`${t.key}.${c.key}`, c.kind] as const)));
  const columnChoices = new Map((spec.tables ?? []).flatMap((t) => t.columns.filter((c) => c.choices).map((c) => [`${t.key}.${c.key}`, c.choices!] as const)));

  const fields: Record<string, Field> = {};
  const rows = new Map<string, Map<number, TableRow>>();
  // Where each field sits, in the pixel space of the page as the pipeline renders it (150 dpi, top-left
  // origin), so that the console draws the box on the form as it does on a scan.
  const pages = doc.getPages();
  const place = (f: PDFTextField | PDFCheckBox | unknown): Pick<Field, 'page' | 'bbox'> => {
    const widget = (f as PDFTextField).acroField?.getWidgets?.()[0];
    if (!widget) return {};
    const ref = widget.P();
    const index = Math.max(0, pages.findIndex((p) => p.ref === ref));
    const r = widget.getRectangle();
    const s = 150 / 72;
    const height = pages[index]!.getHeight();
    return { page: index + 1, bbox: [Math.round(r.x * s), Math.round((height - r.y - r.height) * s), Math.round((r.x + r.width) * s), Math.round((height - r.y) * s)] };
  };
  let where: Pick<Field, 'page' | 'bbox'> = {};
  const value = (raw: string, kind: ValueKind, choices?: Choices): Field => {
    const c = choices ? choose(convert(raw, kind), choices) : convert(raw, kind);
    // Typed, so read for certain; a typed value outside the closed set is still for a reviewer to see.
    return { value: c.value, confidence: 1, ...where, ...(choices && !c.ok && c.value !== null ? { review: DOUBT.notRecognised } : {}) };
  };
  for (const f of doc.getForm().getFields()) {
    const name = f.getName();
    where = place(f);
    const raw = f instanceof PDFTextField ? (f.getText() ?? '') : f instanceof PDFCheckBox ? (f.isChecked() ? 'true' : '') : '';
    const [kind, ...rest] = name.split('.');
    if (kind === 'f' && rest.length === 1) {
      fields[rest[0]!] = value(raw, kinds.get(rest[0]!) ?? 'text');
    } else if (kind === 'c' && rest.length === 2 && f instanceof PDFCheckBox) {
      // Qidong 附件1's tick boxes: the kind ticked, and each material with whether it is ticked.
      const [key, option] = rest as [string, string];
      if (key === 'applicantKind' && f.isChecked()) fields.applicantKind = { value: option, confidence: 1, ...where };
      if (key === 'materials') {
        const all = [...QIDONG_FILING_BOXES.materials.institution, ...QIDONG_FILING_BOXES.materials.enterprise];
        const item = all[Number(option) - 1];
        if (item === undefined) continue;
        const byRow = rows.get('materials') ?? new Map<number, TableRow>();
        byRow.set(Number(option), { item: { value: item, confidence: 1, ...where }, checked: { value: f.isChecked(), confidence: 1, ...where } });
        rows.set('materials', byRow);
      }
    } else if (kind === 't' && rest.length === 3) {
      const [table, row, col] = rest as [string, string, string];
      if (raw.trim() === '') continue;
      const byRow = rows.get(table) ?? new Map<number, TableRow>();
      const r = byRow.get(Number(row)) ?? {};
      r[col] = table === 'slots' && col === 'signature' ? { value: true, confidence: 1, ...where } : value(raw, columnKinds.get(`${table}.${col}`) ?? 'text', columnChoices.get(`${table}.${col}`));
      byRow.set(Number(row), r);
      rows.set(table, byRow);
    }
  }
  const tables: Record<string, TableRow[]> = {};
  for (const [table, byRow] of rows) {
    tables[table] = [...byRow.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([n, r]): TableRow => (table === 'slots' ? { no: { value: n, confidence: 1 }, signed: r.signature ?? { value: false, confidence: 1 } } : table === 'materials' ? r : { seq: { value: n, confidence: 1 }, ...r }));
  }
  if (tables.sessions) sessionTimes(tables.sessions);
  const out: ExtractedDocument = { type, pages: doc.getPages().map((_, i) => i + 1), confidence: 1, file, fields };
  if (Object.keys(tables).length) out.tables = tables;
  return out;
}
