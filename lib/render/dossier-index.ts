// The index page of a class's dossier (一班一档): what the city's archive list asks for and whether the
// class's cases hold it, the cases in order, and the files the archive carries — the page a bureau prints
// on top of the class's folder.
import { rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { newDocument } from './document.ts';
import { embedChineseFont } from './font.ts';
import { A4_LANDSCAPE as A4L, drawTable, TABLE_MARGIN as MARGIN } from './table.ts';

export interface DossierIndexInput {
  title: string;
  /** Lines under the title: class, institution, status. */
  about: string[];
  /** The archive list and where it is written; present null: a person checks it. */
  archive: { basis: string | null; items: { label: string; present: boolean | null; optional: boolean }[] };
  cases: { date: string; caseId: string; type: string; outcome: string; files: number }[];
  files: string[];
  date: string;
}

export async function renderDossierIndex(input: DossierIndexInput): Promise<Uint8Array> {
  const doc = await newDocument({ title: input.title, date: input.date });
  const font = await embedChineseFont(doc, 'regular');
  const bold = await embedChineseFont(doc, 'bold');
  let page: PDFPage = doc.addPage(A4L);
  let y = A4L[1] - MARGIN;
  const text = (s: string, size: number, f: PDFFont = font, x = MARGIN) => {
    if (y - size < MARGIN) {
      page = doc.addPage(A4L);
      y = A4L[1] - MARGIN;
    }
    page.drawText(s, { x, y: y - size, size, font: f, color: rgb(0, 0, 0) });
    y -= size + 8;
  };
  text(input.title, 18, bold, (A4L[0] - bold.widthOfTextAtSize(input.title, 18)) / 2);
  y -= 6;
  for (const line of input.about) text(line, 11);
  y -= 6;
  text(`一、档案材料${input.archive.basis ? `（依据：${input.archive.basis}）` : '（所在地文件未列明档案清单）'}`, 12, bold);
  const status = (i: { present: boolean | null; optional: boolean }) => (i.present === null ? '需人工核对' : i.present ? '已归档' : i.optional ? '无（若有）' : '缺');
  ({ page, y } = drawTable(doc, { page, y }, [
    { header: '序号', width: 40, cell: (_r, n) => String(n + 1) },
    { header: '档案材料', width: 0, cell: (r) => r.label },
    { header: '状态', width: 120, cell: (r) => status(r) },
  ], input.archive.items, { regular: font, bold }));
  y -= 14;
  text('二、案件', 12, bold);
  ({ page, y } = drawTable(doc, { page, y }, [
    { header: '收件日期', width: 90, cell: (r) => r.date },
    { header: '案件编号', width: 0, cell: (r) => r.caseId },
    { header: '事项', width: 150, cell: (r) => r.type },
    { header: '结果', width: 110, cell: (r) => r.outcome },
    { header: '文件数', width: 60, cell: (r) => String(r.files) },
  ], input.cases, { regular: font, bold }));
  y -= 14;
  text('三、文件清单', 12, bold);
  for (const f of input.files) text(f, 9);
  return doc.save();
}
