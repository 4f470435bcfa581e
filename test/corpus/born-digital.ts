// Born-digital packets (text layer, no OCR needed): fast to make and to read, for tests that need many.
import { PDFDocument } from 'pdf-lib';
import { embedChineseFont } from '../../lib/render/font.ts';

export interface DigitalApplication {
  institutionName: string;
  className: string;
  classCode: string;
  startDate: string; // YYYY-MM-DD
  traineeCount: number;
}

export async function bornDigitalApplication(a: DigitalApplication): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await embedChineseFont(doc);
  const page = doc.addPage([595.28, 841.89]);
  const [y, m, d] = a.startDate.split('-').map(Number);
  const rows: [string, string][] = [
    ['培训机构名称', a.institutionName],
    ['培训班名称', a.className],
    ['培训班级编号', a.classCode],
    ['开班日期', `${y}年${m}月${d}日`],
    ['培训人数', String(a.traineeCount)],
  ];
  page.drawText('绍兴市职业培训办班申请表', { x: 180, y: 780, size: 20, font });
  rows.forEach(([label, value], i) => {
    page.drawText(label, { x: 60, y: 720 - i * 36, size: 12, font });
    page.drawText(value, { x: 200, y: 720 - i * 36, size: 12, font });
  });
  doc.setCreationDate(new Date('2026-01-01T00:00:00Z'));
  doc.setModificationDate(new Date('2026-01-01T00:00:00Z'));
  return doc.save();
}

/** A copy of trainees' certificates with a text layer (职业技能等级证书): a Qidong claim's evidence, read without OCR. */
export async function bornDigitalCertificates(people: [name: string, id: string][], occupation = '电工', level = '四级'): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await embedChineseFont(doc);
  for (const [name] of people) {
    const page = doc.addPage([595.28, 841.89]);
    page.drawText('职业技能等级证书（复印件）', { x: 150, y: 760, size: 20, font });
    const rows: [string, string][] = [['姓名', name], ['职业（工种）', occupation], ['技能等级', level], ['证书编号', 'S000032060000' + String(name.length).padStart(6, '0')]];
    rows.forEach(([label, value], i) => {
      page.drawText(label, { x: 80, y: 680 - i * 36, size: 13, font });
      page.drawText(value, { x: 220, y: 680 - i * 36, size: 13, font });
    });
  }
  doc.setCreationDate(new Date('2026-01-01T00:00:00Z'));
  doc.setModificationDate(new Date('2026-01-01T00:00:00Z'));
  return doc.save();
}

/** Pages with a title and label–value rows and a text layer: the smaller items of a packet (教材清单, 实操情况记录单, 情况反馈表 …). */
export async function bornDigitalPages(pages: { title: string; rows?: [string, string][] }[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await embedChineseFont(doc);
  for (const p of pages) {
    const page = doc.addPage([595.28, 841.89]);
    page.drawText(p.title, { x: 150, y: 770, size: 20, font });
    (p.rows ?? []).forEach(([label, value], i) => {
      page.drawText(label, { x: 70, y: 700 - i * 32, size: 12, font });
      page.drawText(value, { x: 230, y: 700 - i * 32, size: 12, font });
    });
  }
  doc.setCreationDate(new Date('2026-01-01T00:00:00Z'));
  doc.setModificationDate(new Date('2026-01-01T00:00:00Z'));
  return doc.save();
}
