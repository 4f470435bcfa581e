// The 公示 of subsidies about to be paid: unit, trainee, ID number with digits hidden (Heze 第二十七条), the
// training occupation and the amount, for the period the city prescribes (Liaocheng: 5 working days).
import { newDocument } from './document.ts';
import { rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { chineseOutlines, embedChineseFont } from './font.ts';
import { drawSeal } from './seal.ts';
import { wrap } from './notice.ts';
import { A4_LANDSCAPE as A4L, drawTable, TABLE_MARGIN as MARGIN, type Column } from './table.ts';

export interface PublicityRow {
  unit: string;
  name: string;
  /** Already masked (lib/identity/disclosure.ts): the renderer refuses an 18-character number in clear. */
  idMasked: string;
  occupation: string;
  amount: number | null;
  caseNumber: string;
}

export interface PublicityInput {
  issuer: { name: string; docPrefix: string };
  /** 聊城市 … : the city's name for the title. */
  cityName: string;
  date: string;
  /** to and workingDays null: the city sets no period, and the notice leaves its end for the bureau to write. */
  period: { from: string; to: string | null; workingDays: number | null };
  rows: PublicityRow[];
  /** The clause that prescribes the publicity, quoted under the table. */
  basis: string;
}

export class UnmaskedIdError extends Error {}

const BLACK = rgb(0, 0, 0);
const dateZh = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

const COLUMNS: Column<PublicityRow>[] = [
  { header: '序号', width: 40, cell: (_r, i) => String(i + 1) },
  { header: '单位名称', width: 170, cell: (r) => r.unit },
  { header: '姓名', width: 70, cell: (r) => r.name },
  { header: '身份证号码（隐藏部分位数）', width: 170, cell: (r) => r.idMasked },
  { header: '培训专业（职业/工种）', width: 115, cell: (r) => r.occupation },
  { header: '补贴金额（元）', width: 80, cell: (r) => (r.amount === null ? '—' : r.amount.toFixed(2)) },
  { header: '案件编号', width: 0, cell: (r) => r.caseNumber }, // the rest of the line
];

export async function renderPublicity(input: PublicityInput): Promise<Uint8Array> {
  for (const r of input.rows) {
    // A public list never carries an ID number in clear (Heze 第二十七条; our own rule for every city).
    if (/\d{17}[\dXx]|\d{15}/.test(r.idMasked)) throw new UnmaskedIdError('a publicity row carries an ID number in clear');
  }
  const title = `${input.cityName}职业培训补贴拟发放名单公示`;
  const doc = await newDocument({ title, author: input.issuer.name, date: input.date });
  const font = await embedChineseFont(doc, 'regular');
  const bold = await embedChineseFont(doc, 'bold');

  const total = A4L[0] - MARGIN * 2;
  let page: PDFPage = doc.addPage(A4L);
  let y = A4L[1] - MARGIN;
  const text = (p: PDFPage, s: string, x: number, yy: number, size: number, f: PDFFont = font, color = BLACK) => p.drawText(s, { x, y: yy, size, font: f, color });

  const t = 20;
  text(page, title, (A4L[0] - bold.widthOfTextAtSize(title, t)) / 2, y - t, t, bold);
  y -= t * 2;
  const intro = `根据规定，现将拟发放职业培训补贴的人员名单予以公示，公示期为${dateZh(input.period.from)}至${input.period.to ? `${dateZh(input.period.to)}（${input.period.workingDays}个工作日）` : '\u3000\u3000年\u3000\u3000月\u3000\u3000日'}。公示期间如有异议，请以书面形式向${input.issuer.name}反映。共${input.rows.length}人，补贴金额合计${input.rows.reduce((s, r) => s + (r.amount ?? 0), 0).toFixed(2)}元。`;
  wrap(intro, font, 11, total, 22).forEach((line, i) => {
    text(page, line, MARGIN + (i === 0 ? 22 : 0), y - 11, 11);
    y -= 18;
  });
  y -= 6;

  ({ page, y } = drawTable(doc, { page, y }, COLUMNS, input.rows, { regular: font, bold }));
  y -= 14;
  for (const line of input.basis ? wrap(`依据：${input.basis}`, font, 9, total) : []) {
    if (y < MARGIN + 110) {
      page = doc.addPage(A4L);
      y = A4L[1] - MARGIN;
    }
    text(page, line, MARGIN, y - 9, 9, font, rgb(0.3, 0.3, 0.3));
    y -= 14;
  }
  if (y < MARGIN + 110) {
    page = doc.addPage(A4L);
    y = A4L[1] - MARGIN;
  }
  const right = A4L[0] - MARGIN - 30;
  const nameW = font.widthOfTextAtSize(input.issuer.name, 13);
  text(page, input.issuer.name, right - nameW, y - 40, 13);
  const d = dateZh(input.date);
  text(page, d, right - nameW / 2 - font.widthOfTextAtSize(d, 13) / 2, y - 62, 13);
  drawSeal(page, { cx: right - nameW / 2, cy: y - 48, radius: 50, name: input.issuer.name, purpose: '业务专用章', glyphs: await chineseOutlines('bold') });

  const pages = doc.getPages();
  pages.forEach((p, i) => {
    const f = `${title} · 第${i + 1}页 共${pages.length}页`;
    p.drawText(f, { x: (A4L[0] - font.widthOfTextAtSize(f, 8)) / 2, y: 24, size: 8, font, color: rgb(0.35, 0.35, 0.35) });
  });
  return doc.save({ useObjectStreams: true });
}
