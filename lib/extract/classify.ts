// Stage 2: pages → documents. A page whose title names a form starts a document; a page without a
// title continues the one before it (second page of a roster, back of an ID card).
import type { DocumentType } from '../domain/schemas.ts';
import { FORM_SPECS } from './forms.ts';
import type { PageLine } from './fields.ts';
import { normaliseForMatch } from './fields.ts';

export interface PageClass {
  page: number;
  /** The uploaded file the page is in: a document never runs on from one file into the next. */
  file?: string;
  type: DocumentType | null; // null: no title found, continues the previous document
  confidence: number;
  title?: string;
}

/** The title region: lines in the top fifth of the page, or the first three lines. */
function titleLines(lines: PageLine[], pageHeight: number): PageLine[] {
  const sorted = [...lines].sort((a, b) => a.bbox[1] - b.bbox[1]);
  const top = sorted.filter((l) => l.bbox[1] < pageHeight * 0.2);
  return top.length > 0 ? top.slice(0, 4) : sorted.slice(0, 3);
}

export function classifyPage(page: number, lines: PageLine[], pageHeight: number): PageClass {
  for (const region of [titleLines(lines, pageHeight), lines]) {
    for (const line of region) {
      const text = normaliseForMatch(line.text).replace(/\s+/g, '');
      for (const spec of FORM_SPECS) {
        if (spec.titles.some((re) => re.test(text))) {
          // Found in the title region: as sure as the OCR; found only in the body: less so.
          const confidence = region === lines ? Math.min(0.7, line.confidence) : line.confidence;
          return { page, type: spec.type, confidence: Math.round(confidence * 1000) / 1000, title: line.text };
        }
      }
    }
  }
  return { page, type: null, confidence: 0 };
}

export interface DocumentPages {
  type: DocumentType;
  pages: number[];
  confidence: number;
  title?: string;
}

export function groupPages(classes: PageClass[]): DocumentPages[] {
  const docs: DocumentPages[] = [];
  let lastFile: string | undefined;
  for (const c of classes) {
    const sameFile = docs.length > 0 && c.file === lastFile;
    lastFile = c.file;
    const last = sameFile ? docs[docs.length - 1] : undefined;
    if (c.type === null) {
      if (last) last.pages.push(c.page);
      else docs.push({ type: 'other', pages: [c.page], confidence: 0.3 });
    } else if (last && last.type === c.type && last.type !== 'sign-in-sheet') {
      // Each sign-in sheet is one teaching unit; other forms run on over pages.
      last.pages.push(c.page);
    } else {
      docs.push({ type: c.type, pages: [c.page], confidence: c.confidence, title: c.title });
    }
  }
  return docs;
}
