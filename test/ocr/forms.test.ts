// Blank forms as a person uses them: printed (text and fonts checked with pdftotext/pdffonts), filled on
// screen and submitted (read field by field, exactly), or filled, printed and scanned (read by OCR).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { fill } from '../corpus/filled-forms.ts';
import { rng, scanLook } from '../corpus/generate.ts';
import { describe, expect, it } from 'vitest';
import { extractPacket } from '../../lib/extract/index.ts';
import { FORM_SPECS } from '../../lib/domain/forms.ts';
import type { OcrEngine } from '../../lib/extract/ocr/port.ts';
import { PaddleOcr } from '../../lib/extract/ocr/paddle.ts';
import { evaluate } from '../../lib/rules/evaluate.ts';
import { resolvePack } from '../../lib/rules/pack.ts';
import { FORM_TEMPLATES, READ_ONLY_FIELDS, renderBlankForm, templateFor, templateId } from '../../lib/render/forms.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'intake-forms-'));
const squash = (s: string) => s.replace(/\s+/g, '');
const readsNothing: OcrEngine = { name: 'reads-nothing', recognise: async () => [] };


const application = {
  'f.institutionName': '绍兴市越城区鼎诚职业技能培训学校',
  'f.className': '中式烹调师（四级）3期培训班',
  'f.classCode': 'SX2027-118',
  'f.occupation': '中式烹调师',
  'f.level': '四级',
  'f.trainingType': '就业技能培训',
  'f.startDate': '2027年6月23日',
  'f.endDate': '2027.7.16',
  'f.totalHours': '56',
  'f.traineeCount': '32',
  'f.venue': '绍兴市越城区解放北路188号三楼',
  'f.phone': '0575-88123456',
};

describe('blank forms', () => {
  it(`all ${FORM_TEMPLATES.length} templates print with their title, every label, an embedded subset font and a field per blank`, async () => {
    expect(new Set(FORM_TEMPLATES.map((t) => t.jurisdiction))).toEqual(new Set(['zibo', 'liaocheng', 'heze', 'shaoxing', 'qidong']));
    for (const t of FORM_TEMPLATES) {
      const bytes = await renderBlankForm(t);
      const file = path.join(dir, `${t.jurisdiction}-${t.form}.pdf`);
      writeFileSync(file, bytes);
      const text = squash(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }));
      expect(text, t.title).toContain(t.title);
      const spec = FORM_SPECS.find((s) => s.type === t.form)!;
      for (const f of spec.fields.filter((x) => !READ_ONLY_FIELDS.has(x.key))) expect(text, `${t.title}: ${f.key}`).toContain(squash(f.labels[0]!).slice(0, 12));
      expect(execFileSync('pdffonts', [file], { encoding: 'utf8' })).toMatch(/[A-Z]{6}\+NotoSansSC\S*\s+CID TrueType\s+Identity-H\s+yes\s+yes/);
      const doc = await PDFDocument.load(bytes);
      expect(doc.getKeywords()).toBe(templateId(t));
      const names = doc.getForm().getFields().map((f) => f.getName());
      for (const f of spec.fields.filter((x) => !READ_ONLY_FIELDS.has(x.key))) expect(names).toContain(`f.${f.key}`);
      expect(bytes.byteLength).toBeLessThan(150_000);
    }
  }, 60_000);

  it('a form filled on screen is read exactly, field by field, with values normalised', async () => {
    const blank = await renderBlankForm(templateFor('shaoxing', 'class-opening-application'));
    const filled = await fill(blank, application);
    const x = await extractPacket([{ name: '办班申请表.pdf', bytes: filled }], { ocr: readsNothing });
    const d = x.documents.find((doc) => doc.type === 'class-opening-application')!;
    expect(d.confidence).toBe(1);
    expect(d.fields.institutionName?.value).toBe(application['f.institutionName']);
    expect(d.fields.className?.value).toBe(application['f.className']);
    expect(d.fields.classCode?.value).toBe('SX2027-118');
    expect(d.fields.startDate?.value).toBe('2027-06-23');
    expect(d.fields.endDate?.value).toBe('2027-07-16');
    expect(d.fields.totalHours?.value).toBe(56);
    expect(d.fields.traineeCount?.value).toBe(32);
    expect(d.fields.theoryHours?.value).toBeNull(); // left blank

    const roster = await fill(await renderBlankForm(templateFor('qidong', 'roster')), {
      'f.institutionName': '启东市测试培训学校',
      't.trainees.1.name': '张三',
      't.trainees.1.idNumber': '11010519491231002x',
      't.trainees.1.phone': '138 0013 8000',
      't.trainees.2.name': '李四',
    });
    const r = (await extractPacket([{ name: 'roster.pdf', bytes: roster }], { ocr: readsNothing })).documents[0]!;
    expect(r.type).toBe('roster');
    expect(r.tables?.trainees?.map((row) => [row.seq?.value, row.name?.value, row.idNumber?.value ?? null, row.phone?.value ?? null])).toEqual([
      [1, '张三', '11010519491231002X', '13800138000'],
      [2, '李四', null, null],
    ]);
  });

  it('the 代领补贴协议书 filled on screen is read with its signed trainees, and a proxy claim missing one is asked for it (SD-CLAIM-PROXY-SIGNED)', async () => {
    const agreement = await fill(await renderBlankForm(templateFor('liaocheng', 'proxy-agreement')), {
      'f.institutionName': '聊城市技工职业培训学校', 'f.classCode': 'LC2026-07', 'f.occupation': '电工', 'f.amountPerTrainee': '1200', 'f.agreementDate': '2026年6月1日',
      't.trainees.1.name': '张伟', 't.trainees.1.idNumber': '11010519491231002X', 't.trainees.1.signature': '张伟',
    });
    const read = (await extractPacket([{ name: '代领补贴协议书.pdf', bytes: agreement }], { ocr: readsNothing })).documents[0]!;
    expect(read.type).toBe('proxy-agreement');
    expect(read.fields.amountPerTrainee?.value).toBe(1200);
    expect(read.tables?.trainees?.map((r) => [r.name?.value, r.idNumber?.value])).toEqual([['张伟', '11010519491231002X']]);
    const claim = { type: 'subsidy-claim-application' as const, pages: [1], confidence: 1, fields: { classCode: { value: 'LC2026-07' }, claimMode: { value: '机构代领' } } };
    const roster = { type: 'roster' as const, pages: [2], confidence: 1, fields: {}, tables: { trainees: [{ seq: { value: 1 }, name: { value: '张伟' }, idNumber: { value: '11010519491231002X' } }, { seq: { value: 2 }, name: { value: '李娜' }, idNumber: { value: '440524188001010014' } }] } };
    const findings = evaluate(resolvePack('liaocheng'), { jurisdiction: 'liaocheng', submissionType: 'subsidy-claim', extraction: { file: 'p', pageCount: 3, documents: [claim, roster, read], problems: [] }, facts: {} }).findings;
    expect(findings.find((f) => f.ruleId === 'SD-CLAIM-PROXY-SIGNED')?.rows).toEqual([2]);
  });

  it('Heze\'s 培训承诺书 filled on screen is read with its signer and date (HZ-OPEN-COMMITMENT-SIGNED has nothing to remark)', async () => {
    const letter = await fill(await renderBlankForm(templateFor('heze', 'commitment-letter')), { 'f.institutionName': '菏泽市牡丹职业培训学校', 'f.classCode': 'HZ2026-11', 'f.signer': '刘强', 'f.commitmentDate': '2026年8月20日' });
    const read = (await extractPacket([{ name: '培训承诺书.pdf', bytes: letter }], { ocr: readsNothing })).documents[0]!;
    expect(read.type).toBe('commitment-letter');
    expect([read.fields.signer?.value, read.fields.commitmentDate?.value]).toEqual(['刘强', '2026-08-20']);
    const app = { type: 'class-opening-application' as const, pages: [1], confidence: 1, fields: { classCode: { value: 'HZ2026-11' } } };
    const findings = evaluate(resolvePack('heze'), { jurisdiction: 'heze', submissionType: 'class-opening', extraction: { file: 'p', pageCount: 2, documents: [app, read], problems: [] }, facts: {} }).findings;
    expect(findings.map((f) => f.ruleId)).not.toContain('HZ-OPEN-COMMITMENT-SIGNED');
    expect(findings.map((f) => f.ruleId)).not.toContain('HZ-OPEN-DOCS-5');
  });

  it('a form filled, printed and scanned is read by OCR from its labels', async () => {
    const filled = await fill(await renderBlankForm(templateFor('shaoxing', 'class-opening-application')), application, true);
    const pdf = path.join(dir, 'flat.pdf');
    writeFileSync(pdf, filled);
    // pdf-lib's flatten leaves stale xref entries that poppler reports (harmlessly) on stderr.
    execFileSync('pdftoppm', ['-r', '150', '-png', '-singlefile', pdf, path.join(dir, 'scan')], { stdio: ['ignore', 'ignore', 'ignore'] });
    const x = await extractPacket([{ name: 'scan.png', bytes: readFileSync(path.join(dir, 'scan.png')) }], { ocr: new PaddleOcr() });
    const d = x.documents.find((doc) => doc.type === 'class-opening-application')!;
    expect(d, JSON.stringify(x.documents.map((doc) => doc.type))).toBeDefined();
    expect(d.fields.institutionName?.value).toBe(application['f.institutionName']);
    expect(d.fields.classCode?.value).toBe('SX2027-118');
    expect(d.fields.startDate?.value).toBe('2027-06-23');
    expect(d.fields.traineeCount?.value).toBe(32);
  }, 120_000);

  it('Qidong 附件1\'s tick boxes: ticked on screen they are read exactly; printed, ticked by pen and scanned, from the page', async () => {
    const blank = await renderBlankForm(templateFor('qidong', 'institution-application'));
    const doc = await PDFDocument.load(blank);
    const boxes = doc.getForm();
    boxes.getCheckBox('c.applicantKind.enterprise').check();
    for (const n of [7, 9, 10]) boxes.getCheckBox(`c.materials.${n}`).check();
    const onScreen = (await extractPacket([{ name: '附件1.pdf', bytes: await doc.save() }], { ocr: readsNothing })).documents[0]!;
    expect(onScreen.fields.applicantKind?.value).toBe('enterprise');
    const typed = onScreen.tables!.materials!;
    expect(typed).toHaveLength(12);
    expect(typed.filter((r) => r.checked?.value === true).map((r) => r.item?.value)).toEqual(['营业执照', '实操教学场所', '培训设施设备']);

    // The blank printed, the boxes ticked by pen where the form prints them, scanned.
    const pdf = path.join(dir, 'qidong-blank.pdf');
    writeFileSync(pdf, blank);
    execFileSync('pdftoppm', ['-r', '150', '-png', '-singlefile', '-f', '1', '-l', '1', pdf, path.join(dir, 'qidong')]);
    const sheet = await loadImage(readFileSync(path.join(dir, 'qidong.png')));
    const canvas = createCanvas(sheet.width, sheet.height);
    const g = canvas.getContext('2d');
    g.drawImage(sheet, 0, 0);
    const page1 = doc.getPages()[0]!;
    const tickAt = (name: string) => {
      const r = boxes.getCheckBox(name).acroField.getWidgets()[0]!.getRectangle();
      const s = 150 / 72;
      const cx = (r.x + r.width / 2) * s;
      const cy = (page1.getHeight() - r.y - r.height / 2) * s;
      g.strokeStyle = '#1b2a78';
      g.lineWidth = 3.5;
      g.beginPath();
      g.moveTo(cx - 9, cy);
      g.lineTo(cx - 2, cy + 8);
      g.lineTo(cx + 13, cy - 13);
      g.stroke();
    };
    for (const name of ['c.applicantKind.institution', 'c.materials.1', 'c.materials.2', 'c.materials.4']) tickAt(name); // all on page 1
    const scan = await scanLook(canvas.toBuffer('image/png'), rng(11));
    const x = await extractPacket([{ name: 'qidong.jpg', bytes: scan }], { ocr: new PaddleOcr() });
    const d = x.documents.find((doc) => doc.type === 'institution-application')!;
    expect(d.fields.applicantKind?.value).toBe('institution');
    const ticked = (d.tables?.materials ?? []).filter((r) => r.checked?.value === true).map((r) => r.item?.value);
    expect(ticked).toEqual(['办学许可证、营业执照', '房屋产权证明或租赁合同', '专职教师不少于3人,不少于教师总数1/4']);
  }, 120_000);
});
