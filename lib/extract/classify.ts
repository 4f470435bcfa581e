// Stage 2: pages → documents. A page whose title names a form starts a document; a page without a
// title continues the one before it (second page of a roster, back of an ID card).
import type { DocumentType } from '../domain/schemas.ts';
import { FORM_SPECS } from '../domain/forms.ts';
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

/**
 * The form whose title pattern matches the most of `text`: 教师花名册 is a teacher list though 花名册
 * alone is a roster.
 */
function mostSpecific(text: string, patterns: (s: (typeof FORM_SPECS)[number]) => RegExp[] | undefined) {
  let best: (typeof FORM_SPECS)[number] | undefined;
  let length = 0;
  for (const spec of FORM_SPECS) {
    for (const re of patterns(spec) ?? []) {
      const m = re.exec(text);
      if (m && m[0].length > length) {
        best = spec;
        length = m[0].length;
      }
    }
  }
  return best;
}

export function classifyPage(page: number, lines: PageLine[], pageHeight: number): PageClass {
  const squash = (l: PageLine) => normaliseForMatch(l.text).replace(/\s+/g, '');
  for (const line of titleLines(lines, pageHeight)) {
    // A title is a short line that does not start with a number (table rows of a continued page do).
    if (/^\d/.test(squash(line)) || squash(line).length > 32) continue;
    const spec = mostSpecific(squash(line), (s) => s.titles);
    if (spec) return { page, type: spec.type, confidence: Math.round(line.confidence * 1000) / 1000, title: line.text };
  }
  // No title: only forms that show themselves in the body (an ID card's 公民身份号码) are recognised there;
  // anything else continues the document before it.
  for (const line of lines) {
    const spec = FORM_SPECS.find((s) => s.inBody?.some((re) => re.test(squash(line))));
    if (spec) return { page, type: spec.type, confidence: Math.round(Math.min(0.7, line.confidence) * 1000) / 1000, title: line.text };
  }
  return { page, type: null, confidence: 0 };
}

/**
 * A page no title names, judged by what it holds: the form whose labels and column headers stand on it,
 * most of them and clearly more than any other's (开班日期, 结业日期, 总课时 … make a class-opening
 * application whatever its heading says). Its confidence stays under the review threshold.
 */
export function classifyByContent(page: number, lines: PageLine[]): PageClass | null {
  const words = new Set<string>();
  for (const l of lines) for (const w of normaliseForMatch(l.text).split(/[\s:：]+/)) if (w) words.add(w.replace(/[(（](盖章|签字|签名)[)）]$/, ''));
  const text = [...words].join('|');
  const has = (label: string) => {
    const l = normaliseForMatch(label).replace(/\s+/g, '');
    return l.length >= 2 && (words.has(l) || (l.length >= 4 && text.includes(l)));
  };
  const scored = FORM_SPECS.map((spec) => {
    const parts = [...spec.fields.map((f) => f.labels), ...(spec.tables ?? []).flatMap((t) => t.columns.map((c) => c.headers))];
    const found = parts.filter((labels) => labels.some(has)).length;
    return { spec, found, share: parts.length ? found / parts.length : 0 };
  }).sort((a, b) => b.found - a.found || b.share - a.share);
  const [best, next] = scored;
  if (!best || best.found < 4 || best.share < 0.4 || (next && next.found >= best.found - 1 && next.share >= best.share)) return null;
  return { page, type: best.spec.type, confidence: Math.round(Math.min(0.85, 0.5 + best.share / 2) * 1000) / 1000 };
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
