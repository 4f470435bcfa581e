// Our blank forms filled on screen, as an institution's clerk would (AcroForm fields set, appearances
// drawn in the embedded font); flatten = printed from the screen, fields gone.
import { PDFDocument } from 'pdf-lib';
import { embedChineseFont } from '../../lib/render/font.ts';
import { renderBlankForm, templateFor } from '../../lib/render/forms.ts';

export async function fill(blank: Uint8Array, values: Record<string, string>, flatten = false): Promise<Uint8Array> {
  const doc = await PDFDocument.load(blank);
  const font = await embedChineseFont(doc);
  const form = doc.getForm();
  for (const [name, v] of Object.entries(values)) form.getTextField(name).setText(v);
  form.updateFieldAppearances(font);
  if (flatten) form.flatten();
  return doc.save();
}

/** A city's form, filled: fields as f.<key>, table cells as t.<table>.<row>.<column>. */
export async function filledForm(jurisdiction: string, form: string, values: Record<string, string>): Promise<Uint8Array> {
  return fill(await renderBlankForm(templateFor(jurisdiction, form)), values);
}

/** Roster cells for trainees [name, ID number]. */
export function rosterCells(trainees: [string, string][]): Record<string, string> {
  return Object.fromEntries(trainees.flatMap(([name, id], i) => [[`t.trainees.${i + 1}.name`, name], [`t.trainees.${i + 1}.idNumber`, id]]));
}

/**
 * A value for each field key of the forms, as a clerk types it, and what extraction should return for it
 * (dates normalised, numbers as numbers). For filling every city's blank form in the benchmark.
 */
export const SAMPLE_VALUES: Record<string, [typed: string, read: string | number]> = {
  institutionName: ['淄博市张店区华信职业培训学校', '淄博市张店区华信职业培训学校'],
  classCode: ['ZB2027-0315', 'ZB2027-0315'],
  date: ['2027年3月5日', '2027-03-05'],
  contactPerson: ['王晓明', '王晓明'],
  phone: ['13905331234', '13905331234'],
  className: ['电工（四级）2期培训班', '电工（四级）2期培训班'],
  followContact: ['刘芳', '刘芳'],
  occupation: ['电工', '电工'],
  level: ['四级', '四级'],
  changeContent: ['第3次课调整至2027年3月12日', '第3次课调整至2027年3月12日'],
  claimMode: ['机构代领', '机构代领'],
  traineeCount: ['28', 28],
  amount: ['33600', 33600],
  certificateDate: ['2027.4.20', '2027-04-20'],
  applicationDate: ['2027-05-06', '2027-05-06'],
  assessmentDate: ['2027年4月18日', '2027-04-18'],
  candidateCount: ['30', 30],
  trainingType: ['岗位技能提升培训', '岗位技能提升培训'],
  startDate: ['2027年6月5日', '2027-06-05'],
  endDate: ['二〇二七年六月十七日', '2027-06-17'],
  totalHours: ['80', 80],
  theoryHours: ['30', 30],
  practicalHours: ['50', 50],
  onlineHours: ['0', 0],
  venue: ['淄博市张店区人民西路88号', '淄博市张店区人民西路88号'],
  headTeacher: ['李娜', '李娜'],
  creditCode: ['91370303MA3C4K5P2X', '91370303MA3C4K5P2X'],
  legalRepresentative: ['赵建国', '赵建国'],
  address: ['淄博市张店区共青团西路66号', '淄博市张店区共青团西路66号'],
  email: ['hxpx@163.com', 'hxpx@163.com'],
  postcode: ['255000', '255000'],
  licenseNumber: ['52370303MJD123456X', '52370303MJD123456X'],
  issuingAuthority: ['淄博市民政局', '淄博市民政局'],
  bankName: ['中国工商银行淄博分行', '中国工商银行淄博分行'],
  bankAccount: ['1603001209200123456', '1603001209200123456'],
  theoryClassroomArea: ['120', 120],
  officeArea: ['60', 60],
  practiceArea: ['300', 300],
  workstations: ['40', 40],
  trainingCategory: ['就业技能培训', '就业技能培训'],
  startupClassrooms: ['2', 2],
  startupClassroomArea: ['90', 90],
  simulationPlaces: ['20', 20],
  classroomSeats: ['50', 50],
};

/**
 * A filled form printed and scanned: each page drawn at 150 dpi by poppler's pdftoppm, given a scanner's
 * look (tilt, blur, noise, JPEG), and bound again as an image-only PDF — nothing of the form's text is left.
 */
export async function printedAndScanned(pdfs: Uint8Array[], seed: number): Promise<Uint8Array> {
  const { execFileSync } = await import('node:child_process');
  const { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const path = await import('node:path');
  const { rng, scanLook } = await import('./generate.ts');
  const r = rng(seed);
  const out = await PDFDocument.create();
  const dir = mkdtempSync(path.join(tmpdir(), 'scan-'));
  try {
    for (const [i, pdf] of pdfs.entries()) {
      writeFileSync(path.join(dir, `${i}.pdf`), pdf);
      execFileSync('pdftoppm', ['-q', '-r', '150', '-png', path.join(dir, `${i}.pdf`), path.join(dir, `p${i}`)]);
      for (const png of readdirSync(dir).filter((f) => f.startsWith(`p${i}`) && f.endsWith('.png')).sort()) {
        const img = await out.embedJpg(await scanLook(readFileSync(path.join(dir, png)), r));
        out.addPage([595.28, 841.89]).drawImage(img, { x: 0, y: 0, width: 595.28, height: 841.89 });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out.save();
}
