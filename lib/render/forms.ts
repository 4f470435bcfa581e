// Blank forms (`intake forms <jurisdiction> <form>`): printable and fillable on screen (AcroForm). The
// labels and table headers are those the extractor reads (lib/domain/forms.ts), so a form printed,
// filled by hand and scanned is read like any other, and one filled on screen is read field by field,
// exactly (lib/extract/acroform.ts). Each carries a QR code naming its template and version, and corner
// marks for locating the page in a scan.
import { PDFDocument, PDFName, PDFBool, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { drawQr } from './qr.ts';
import type { DocumentType, Jurisdiction } from '../domain/schemas.ts';
import { FORM_SPECS, QIDONG_FILING_BOXES, type FormSpec } from '../domain/forms.ts';
import { embedChineseFont } from './font.ts';

export const FORM_VERSION = 1;
/** Keyword that marks our own forms; the reader trusts field names only under it. */
export const FORM_KEYWORD = 'intake-form';

export interface FormTemplate {
  jurisdiction: Jurisdiction;
  form: DocumentType;
  title: string;
  /** Where the seed prescribes this form. */
  source?: string;
  /** Blank table rows on the form. */
  rows?: number;
}

const CITY: Record<Jurisdiction, string> = { zibo: '淄博市', liaocheng: '聊城市', heze: '菏泽市', shaoxing: '绍兴市', qidong: '启东市' };

const common = (j: Jurisdiction): FormTemplate[] => [
  { jurisdiction: j, form: 'class-opening-application', title: `${CITY[j]}职业技能培训开班申请表` },
  { jurisdiction: j, form: 'roster', title: `${CITY[j]}职业技能培训学员花名册`, rows: 20 },
  { jurisdiction: j, form: 'schedule', title: `${CITY[j]}职业技能培训课程表`, rows: 20 },
  { jurisdiction: j, form: 'teacher-list', title: `${CITY[j]}职业技能培训教师花名册`, rows: 12 },
  { jurisdiction: j, form: 'subsidy-claim-application', title: `${CITY[j]}职业培训补贴申领申请表` },
];

/** Shandong's cities: the 结业考核申请 each class files before it ends (DB37/T 4498—2022 6.5.2), which its claim needs. */
const shandong = (j: Jurisdiction): FormTemplate[] => [
  ...common(j),
  { jurisdiction: j, form: 'assessment-application-form', title: `${CITY[j]}职业技能培训结业考核申请表`, source: '001 DB37/T 4498 6.5.2' },
  // A proxy claim (机构代领) comes with it, signed by the trainees it claims for (DB37/T 4498 6.2.3).
  { jurisdiction: j, form: 'proxy-agreement', title: `${CITY[j]}职业培训补贴代领协议书`, source: '001 DB37/T 4498 6.2.3', rows: 20 },
];

export const FORM_TEMPLATES: FormTemplate[] = [
  { jurisdiction: 'zibo', form: 'institution-application', title: '淄博市职业技能培训机构申报表', source: '000 附件2 表一、表二', rows: 6 },
  ...shandong('zibo'),
  ...shandong('liaocheng'),
  ...shandong('heze'),
  { jurisdiction: 'heze', form: 'commitment-letter', title: '菏泽市职业技能培训承诺书', source: '003 第十一条（五）' },
  { jurisdiction: 'shaoxing', form: 'change-request', title: '绍兴市职业培训工作联系单', source: '002 附件2' },
  { jurisdiction: 'shaoxing', form: 'sign-in-sheet', title: '绍兴市职业培训学员签到表', source: '002 附件3', rows: 30 },
  { jurisdiction: 'shaoxing', form: 'assessment-application-form', title: '绍兴市职业技能考核认定申请表' },
  ...common('shaoxing').map((t) => (t.form === 'class-opening-application' ? { ...t, title: '绍兴市职业培训办班申请表' } : t)),
  { jurisdiction: 'qidong', form: 'institution-application', title: '启东市职业技能培训签协备案申请表', source: '004 附件1', rows: 6 },
  ...common('qidong').map((t) => (t.form === 'class-opening-application' ? { ...t, title: '启东市职业技能培训开班备案表', source: '004 第八条' } : t)),
];

export class UnknownFormError extends Error {
  constructor(jurisdiction: string, form: string) {
    const forms = FORM_TEMPLATES.filter((t) => t.jurisdiction === jurisdiction).map((t) => t.form);
    super(forms.length ? `no form "${form}" for ${jurisdiction}; one of ${forms.join(', ')}` : `unknown jurisdiction "${jurisdiction}"`);
    this.name = 'UnknownFormError';
  }
}

export function templateFor(jurisdiction: string, form: string): FormTemplate {
  const t = FORM_TEMPLATES.find((x) => x.jurisdiction === jurisdiction && x.form === form);
  if (!t) throw new UnknownFormError(jurisdiction, form);
  return t;
}

export const templateId = (t: FormTemplate) => `${FORM_KEYWORD}:${t.jurisdiction}/${t.form}@${FORM_VERSION}`;
/** AcroForm names: f.<field>, t.<table>.<row>.<column>; the reader maps them back. */
export const fieldName = (key: string) => `f.${key}`;
/** Columns other layouts have that ours writes another way (our schedule has one 时间 column, 08:30-11:30). */
const ALTERNATIVE_COLUMNS = new Set(['sessions.startTime', 'sessions.endTime']);
/** Fields read where a form has them but that no seed's form asks for: not printed on our blanks. */
export const READ_ONLY_FIELDS: ReadonlySet<string> = new Set(['totalBuildingArea']);

/** Tick boxes: c.<key>.<option> (c.applicantKind.institution, c.materials.3). */
export const boxName = (key: string, option: string) => `c.${key}.${option}`;

export const cellName = (table: string, row: number, col: string) => `t.${table}.${row}.${col}`;

const A4: [number, number] = [595.28, 841.89];
const M = 42;
const LINE = rgb(0, 0, 0);

function specOf(form: DocumentType): FormSpec {
  const s = FORM_SPECS.find((x) => x.type === form);
  if (!s) throw new Error(`no extraction spec for ${form}`);
  return s;
}

/** Sign-in sheets: the slots to sign, as the Shaoxing 附件3 has them. */
/** Table columns wider than the rest (weight 1): what a clerk types into them is long. */
const COLUMN_WEIGHT: Record<string, number> = { idNumber: 2.3, phone: 1.5, seq: 0.6, gender: 0.7 };

const SIGN_IN_COLUMNS = [
  { key: 'no', header: '序号' },
  { key: 'name', header: '学员姓名' },
  { key: 'signature', header: '学员签名' },
];

export async function renderBlankForm(t: FormTemplate): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(t.title);
  doc.setSubject(`${t.title}（空白表，${templateId(t)}）`);
  doc.setKeywords([templateId(t)]);
  doc.setCreator('intake');
  const font = await embedChineseFont(doc);
  const bold = await embedChineseFont(doc, 'bold');
  const form = doc.getForm();
  const spec = specOf(t.form);

  let page!: PDFPage;
  let y = 0;
  const newPage = () => {
    page = doc.addPage(A4);
    drawFrame(page, font, t);
    y = A4[1] - M - 78;
  };
  newPage();
  const { width: W } = page.getSize();
  const innerW = W - 2 * M;

  // Header fields: label cell and value cell, one per row (labels are long; values are handwritten).
  const fields = t.form === 'sign-in-sheet' ? [...spec.fields, { key: 'startTime', labels: ['开始时间'], kind: 'time' as const }, { key: 'endTime', labels: ['结束时间'], kind: 'time' as const }] : spec.fields.filter((f) => !READ_ONLY_FIELDS.has(f.key));
  const rowH = 24;
  const labelW = 150;
  for (const f of fields) {
    if (y - rowH < M + 20) newPage();
    page.drawRectangle({ x: M, y: y - rowH, width: labelW, height: rowH, borderColor: LINE, borderWidth: 0.8 });
    page.drawRectangle({ x: M + labelW, y: y - rowH, width: innerW - labelW, height: rowH, borderColor: LINE, borderWidth: 0.8 });
    const label = f.labels[0]!;
    page.drawText(fit(label, font, 10.5, labelW - 8), { x: M + 4, y: y - rowH + 8, size: 10.5, font });
    const tf = form.createTextField(fieldName(f.key));
    tf.addToPage(page, { x: M + labelW + 2, y: y - rowH + 2, width: innerW - labelW - 4, height: rowH - 4, borderWidth: 0, font });
    y -= rowH;
  }

  if (t.jurisdiction === 'qidong' && t.form === 'institution-application') {
    // 附件1's tick boxes: printed squares (for a pen) with check boxes on them (for a screen).
    const tick = (name: string, x: number, words: string) => {
      page.drawRectangle({ x, y: y - rowH + 6, width: 11, height: 11, borderColor: LINE, borderWidth: 0.8 });
      const cb = form.createCheckBox(name);
      cb.addToPage(page, { x: x + 0.5, y: y - rowH + 6.5, width: 10, height: 10, borderWidth: 0 });
      page.drawText(words, { x: x + 16, y: y - rowH + 8, size: 10.5, font });
      return x + 16 + font.widthOfTextAtSize(words, 10.5) + 24;
    };
    const labelRow = (label: string) => {
      if (y - rowH < M + 20) newPage();
      page.drawRectangle({ x: M, y: y - rowH, width: labelW, height: rowH, borderColor: LINE, borderWidth: 0.8 });
      page.drawRectangle({ x: M + labelW, y: y - rowH, width: innerW - labelW, height: rowH, borderColor: LINE, borderWidth: 0.8 });
      page.drawText(label, { x: M + 4, y: y - rowH + 8, size: 10.5, font });
    };
    labelRow('单位类型');
    let x = M + labelW + 8;
    for (const [kind, words] of QIDONG_FILING_BOXES.applicantKind) x = tick(boxName('applicantKind', kind), x, words);
    y -= rowH;
    let n = 0;
    for (const [who, items] of [['（培训机构）提交材料', QIDONG_FILING_BOXES.materials.institution], ['（企业）提交材料', QIDONG_FILING_BOXES.materials.enterprise]] as const) {
      items.forEach((item, i) => {
        labelRow(i === 0 ? who : '');
        n += 1;
        tick(boxName('materials', String(n)), M + labelW + 8, `${i + 1}${item}`);
        y -= rowH;
      });
    }
  }

  const tables = t.form === 'sign-in-sheet' ? [{ key: 'slots', columns: SIGN_IN_COLUMNS }] : (spec.tables ?? []).map((tb) => ({ key: tb.key, columns: tb.columns.filter((c) => !ALTERNATIVE_COLUMNS.has(`${tb.key}.${c.key}`)).map((c) => ({ key: c.key, header: c.headers[0]! })) }));
  for (const tb of tables) {
    y -= 14;
    const rows = t.rows ?? 10;
    // An 18-character ID number and an 11-digit phone need room a name does not: columns share the width by weight.
    const weights = tb.columns.map((c) => COLUMN_WEIGHT[c.key] ?? 1);
    const unit = innerW / weights.reduce((a, b) => a + b, 0);
    const left = weights.map((_, i) => weights.slice(0, i).reduce((a, b) => a + b, 0) * unit);
    const header = () => {
      tb.columns.forEach((c, i) => {
        const colW = weights[i]! * unit;
        page.drawRectangle({ x: M + left[i]!, y: y - rowH, width: colW, height: rowH, borderColor: LINE, borderWidth: 0.8, color: rgb(0.94, 0.94, 0.94) });
        page.drawText(fit(c.header, bold, 10, colW - 6), { x: M + left[i]! + 3, y: y - rowH + 8, size: 10, font: bold });
      });
      y -= rowH;
    };
    header();
    for (let r = 1; r <= rows; r++) {
      if (y - rowH < M + 20) {
        newPage();
        header();
      }
      tb.columns.forEach((c, i) => {
        const colW = weights[i]! * unit;
        page.drawRectangle({ x: M + left[i]!, y: y - rowH, width: colW, height: rowH, borderColor: LINE, borderWidth: 0.6 });
        if (c.key === 'seq' || c.key === 'no') {
          page.drawText(String(r), { x: M + left[i]! + 4, y: y - rowH + 8, size: 10, font });
          return;
        }
        const tf = form.createTextField(cellName(tb.key, r, c.key));
        tf.addToPage(page, { x: M + left[i]! + 1.5, y: y - rowH + 1.5, width: colW - 3, height: rowH - 3, borderWidth: 0, font });
      });
      y -= rowH;
    }
  }
  if (t.form === 'sign-in-sheet') {
    y -= 30;
    if (y < M + 40) newPage();
    page.drawText('授课教师签名：', { x: M, y, size: 11, font });
    page.drawLine({ start: { x: M + 80, y: y - 2 }, end: { x: M + 260, y: y - 2 }, thickness: 0.6 });
  }
  // Viewers draw the typed values in a font they have (Chinese included) rather than our subset's appearance.
  form.acroForm.dict.set(PDFName.of('NeedAppearances'), PDFBool.True);
  form.updateFieldAppearances(font);
  return doc.save();
}

function fit(text: string, font: PDFFont, size: number, width: number): string {
  let s = text;
  while (s.length > 1 && font.widthOfTextAtSize(s, size) > width) s = s.slice(0, -1);
  return s;
}

/** Title, template line, QR code (top right) and corner marks on every page. */
function drawFrame(page: PDFPage, font: PDFFont, t: FormTemplate) {
  const { width: W, height: H } = page.getSize();
  const titleSize = 17;
  const titleW = font.widthOfTextAtSize(t.title, titleSize);
  page.drawText(t.title, { x: (W - titleW) / 2, y: H - M - 30, size: titleSize, font });
  page.drawText(`模板 ${t.jurisdiction}/${t.form} 第${FORM_VERSION}版${t.source ? `（${t.source}）` : ''}`, { x: M, y: H - M - 58, size: 8, font, color: rgb(0.35, 0.35, 0.35) });
  const size = 54;
  drawQr(page, templateId(t), W - M - size, H - M - size + 8, size);
  // Corner marks: L shapes 10 mm from the edges, for finding and straightening the page in a photo.
  const d = 22;
  const len = 16;
  for (const [cx, cy, sx, sy] of [
    [d, d, 1, 1],
    [W - d, d, -1, 1],
    [d, H - d, 1, -1],
    [W - d, H - d, -1, -1],
  ] as const) {
    page.drawLine({ start: { x: cx, y: cy }, end: { x: cx + sx * len, y: cy }, thickness: 2 });
    page.drawLine({ start: { x: cx, y: cy }, end: { x: cx, y: cy + sy * len }, thickness: 2 });
  }
}
