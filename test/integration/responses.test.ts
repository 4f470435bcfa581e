// The responses besides the notice, as a person reads them: the received packet stamped 收件 on every page
// (pdftotext, page count and sizes), and the agreement an accepted filing leads to (Zibo 附件3, Qidong 附件2)
// with the seed's own text and the blanks filled.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { LOCAL_NAMES } from '../../lib/config.ts';
import type { OcrEngine } from '../../lib/extract/ocr/port.ts';
import { processUpload, type PipelineDeps } from '../../lib/cases/intake/index.ts';
import { AGREEMENT_JURISDICTIONS, agreementText, filledParagraphs, renderAgreement } from '../../lib/render/agreement.ts';
import { stampReceivedPacket } from '../../lib/render/received.ts';
import { bornDigitalApplication } from '../corpus/born-digital.ts';
import { filledForm } from '../corpus/filled-forms.ts';
import { MemoryCaseStore, MemoryObjectStore } from '../memory-stores.ts';

const tmp = mkdtempSync(path.join(tmpdir(), 'intake-responses-'));
const squash = (s: string) => s.replace(/\s+/g, '');
const seed = (file: string) => readFileSync(new URL(`../../lib/jurisdictions/sources/${file}`, import.meta.url), 'utf8');
function text(bytes: Uint8Array, name: string, page?: number): string {
  const file = path.join(tmp, name);
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', [...(page ? ['-f', String(page), '-l', String(page)] : []), file, '-'], { encoding: 'utf8' });
}
const readsNothing: OcrEngine = { name: 'reads-nothing', recognise: async () => [] };

describe('the received packet, stamped', () => {
  it('every page of every file gets the 收件 stamp with case number and date; the pages are otherwise the originals', async () => {
    const application = await bornDigitalApplication({ institutionName: '绍兴市测试职业培训学校', className: '电工（四级）第1期', classCode: 'SX2026-001', startDate: '2027-06-01', traineeCount: 20 });
    const photo = await sharp({ create: { width: 1240, height: 1754, channels: 3, background: '#f4f1ea' } }).jpeg().toBuffer();
    const tiff = await sharp({ create: { width: 1240, height: 1754, channels: 3, background: '#ffffff' } }).greyscale().tiff().toBuffer();
    const r = await stampReceivedPacket(
      [
        { name: '申请表.pdf', bytes: application },
        { name: '照片.jpg', bytes: photo },
        { name: '扫描.tif', bytes: tiff },
        { name: '坏文件.pdf', bytes: new TextEncoder().encode('%PDF-1.7 this is not a PDF') },
      ],
      { issuer: '绍兴市人力资源和社会保障局', caseNumber: 'SX-2026-7F3K9QAB9C', date: '2026-11-22' },
    );
    const original = await PDFDocument.load(application);
    expect(r.pages).toBe(original.getPageCount() + 2);
    expect(r.skipped).toEqual([{ file: '坏文件.pdf', reason: '文件无法读取，未能复制' }]);
    const stamped = await PDFDocument.load(r.pdf);
    expect(stamped.getPage(0).getSize()).toEqual(original.getPage(0).getSize());
    for (let p = 1; p <= r.pages; p++) {
      const t = squash(text(r.pdf, 'stamped.pdf', p));
      expect(t).toContain('绍兴市人力资源和社会保障局收件');
      expect(t).toContain('SX-2026-7F3K9QAB9C');
      expect(t).toContain('2026年11月22日');
    }
    expect(squash(text(r.pdf, 'stamped.pdf', 1))).toContain('绍兴市测试职业培训学校'); // the original text is still there
  });
});

describe('agreements', () => {
  for (const j of AGREEMENT_JURISDICTIONS) {
    it(`${j}: the text is the seed's, paragraph by paragraph`, () => {
      const t = agreementText(j);
      expect(t.paragraphs.length).toBeGreaterThan(10);
      for (const p of t.paragraphs) expect(squash(seed(t.source.file))).toContain(squash(p));
    });
  }

  it('Qidong: the parties, the projects and the two-year term are filled in; 甲方 is the body the text names', async () => {
    const input = { jurisdiction: 'qidong' as const, partyA: '启东市人力资源和社会保障局', partyB: '启东市华东职业培训学校', projects: ['电工（四级）', '育婴员（五级）'], start: '2026-11-22', end: '2028-11-21', caseNumber: 'QD-2026-ABCDEFGHJK' };
    expect(filledParagraphs(input)).toContain('电工（四级）、育婴员（五级），期限为两年（自2026年11月22日至2028年11月21日止）。');
    const t = squash(text(await renderAgreement(input), 'qd-agreement.pdf'));
    expect(t).toContain('补贴性职业技能培训备案协议');
    expect(t).toContain('乙方：启东市华东职业培训学校');
    expect(t).toContain('甲方（盖章）：');
    expect(t).not.toContain('启东市人力资源和社会保障局'); // the text's own 甲方 signs, not the one given
    expect(t).toContain('检查中发现到课率少于70%的情况超过2次');
  });
});

describe('an accepted filing through the pipeline', () => {
  it('a Zibo 申报表 filled on screen is accepted; the case carries the notice, the stamped packet, the 附件3 agreement to 31 December and the 附件4 registration row (ZB-QUAL-CITY-FILING-FORM, ZB-PUB-SIGNING-PUBLICITY)', async () => {
    const form = await filledForm('zibo', 'institution-application', {
      'f.institutionName': '淄博市张店区鲁中职业培训学校', 'f.legalRepresentative': '刘强', 'f.address': '淄博市张店区华光路1号', 'f.phone': '0533-2123456',
      'f.licenseNumber': '137030370000123', 'f.issuingAuthority': '张店区人力资源和社会保障局', 'f.bankName': '中国银行淄博分行', 'f.bankAccount': '216512345678', 'f.theoryClassroomArea': '320', 'f.officeArea': '40', 'f.practiceArea': '200',
    });
    const objects = new MemoryObjectStore();
    const cases = new MemoryCaseStore();
    const deps: PipelineDeps = { objects, cases, ocr: readsNothing, clock: { now: () => new Date('2026-11-22T02:00:00Z') }, names: LOCAL_NAMES };
    const key = 'incoming/zibo/inst-zb-01/filing-1/申报表.pdf';
    await objects.put(LOCAL_NAMES.intakeBucket, key, form, 'application/pdf', { 'submission-type': 'institution-filing' });
    const r = await processUpload({ bucket: LOCAL_NAMES.intakeBucket, key }, deps);
    expect(r.status).toBe('created');
    if (r.status !== 'created') return;
    expect(r.case.findings).toEqual([]);
    expect(r.case.pdfs.map((p) => p.kind)).toEqual(['acceptance', 'received', 'agreement', 'registration']);
    const get = async (kind: string) => (await objects.get(LOCAL_NAMES.responsesBucket, r.case.pdfs.find((p) => p.kind === kind)!.key)).bytes;
    // The day of receipt is when the file reached the bucket (its store's timestamp), in China time.
    const receivedOn = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format((await objects.get(LOCAL_NAMES.intakeBucket, key)).lastModified);
    const [y, m, d] = receivedOn.split('-').map(Number);
    const agreement = squash(text(await get('agreement'), 'zb-agreement.pdf'));
    expect(agreement).toContain('职业技能培训协议书');
    expect(agreement).toContain('乙方（职业技能培训机构）：淄博市张店区鲁中职业培训学校');
    expect(agreement).toContain(`协议有效期：${y}年${m}月${d}日至${y}年12月31日`); // from the day of receipt (China time) to 31 December
    expect(agreement).toContain('乙方不应随意变动授课地点和授课时间，如因实际情况确需变更的，应至少提前2天告知学员');
    const registration = squash(text(await get('registration'), 'zb-registration.pdf'));
    expect(registration).toContain(`淄博市${y}年度职业技能培训机构名单备案表`);
    expect(registration).toContain('淄博市张店区鲁中职业培训学校');
    expect(registration).toContain('淄博市张店区华光路1号');
    const received = squash(text(await get('received'), 'zb-received.pdf'));
    expect(received).toContain('淄博市张店区鲁中职业培训学校');
    expect(received).toContain('淄博市公共就业和人才服务中心收件');
    expect(received).toContain(r.case.caseNumber);
    const ledger = await cases.loadHistory({ persons: [], classKey: null, institutionKey: 'zibo/inst-zb-01' });
    expect(ledger.history.institution.standing).toMatchObject({ status: 'active', agreementEnd: `${y}-12-31` });
  });
});

describe('Shaoxing 附件4 warning from a sign-in sheet', () => {
  it('names the day of the session inspected and the class, not the day the notice is issued', async () => {
    const { issueNotice } = await import('../../lib/cases/notice.ts');
    const { resolvePack } = await import('../../lib/rules/pack.ts');
    const objects = new MemoryObjectStore();
    const sheet = { type: 'sign-in-sheet' as const, pages: [1], confidence: 0.99, fields: { date: { value: '2026-11-16' }, signedCount: { value: 0 } } };
    const cases = new MemoryCaseStore();
    const issued = await issueNotice({ objects, names: LOCAL_NAMES, cases }, {
      pack: resolvePack('shaoxing'), caseId: 'SX-2026-TEST', jurisdiction: 'shaoxing', submissionType: 'attendance', institution: 'sx-1', institutionName: '绍兴市测试职业培训学校',
      documents: [sheet], outcome: 'warning', date: '2026-11-20', receivedOn: '2026-11-18',
      findings: [{ ruleId: 'SX-ATT-UNIT-SIGNIN', severity: 'error', outcome: 'HOURS_INVALID', message: '签到表显示没有组织考勤', source: { file: '002_eaa3f98e07178ada.txt', section: '五、其他（一）', quote: 'q' } }],
    });
    const t = squash(text((await objects.get(issued.bucket, issued.key)).bytes, 'warning-from-sheet.pdf'));
    expect(t).toContain('于2026年11月16日，对你单位的');
    expect(t).not.toContain('于2026年11月20日');
  });
});

describe('notices numbered in the bureau\'s own sequence (issue 19)', () => {
  it('each notice of a city and year takes the next 文号; rendering the same notice again keeps its number; no internal id or rule id on the page', async () => {
    const { issueNotice } = await import('../../lib/cases/notice.ts');
    const { resolvePack } = await import('../../lib/rules/pack.ts');
    const objects = new MemoryObjectStore();
    const cases = new MemoryCaseStore();
    const notice = (caseId: string, revision?: number) => issueNotice({ objects, names: LOCAL_NAMES, cases }, {
      pack: resolvePack('qidong'), caseId, jurisdiction: 'qidong', submissionType: 'class-opening', institution: 'qd-1', institutionName: '启东市测试职业培训学校',
      documents: [], outcome: 'rejected', date: '2026-11-20', ...(revision ? { revision } : {}),
      findings: [{ ruleId: 'QD-QUAL-FILED', severity: 'error', outcome: 'REJECT', message: '未签协备案', source: { file: '004_c90804dcf1fa8775.txt', section: '第三条', quote: '签协备案' } }],
    });
    const pageText = async (key: string) => squash(text((await objects.get(LOCAL_NAMES.responsesBucket, key)).bytes, `${key.replace(/\W/g, '_')}.pdf`));
    const first = await notice('QD-2026-AAAAAAAAAA');
    const second = await notice('QD-2026-BBBBBBBBBB');
    const again = await notice('QD-2026-AAAAAAAAAA');
    const revised = await notice('QD-2026-AAAAAAAAAA', 2);
    expect(await pageText(first.key)).toContain('启东市人力资源和社会保障局〔2026〕1号'.replace('启东市人力资源和社会保障局', resolvePack('qidong').issuer.docPrefix));
    expect(await pageText(second.key)).toContain(`${resolvePack('qidong').issuer.docPrefix}〔2026〕2号`);
    expect(again.sha256).toBe(first.sha256); // a duplicate worker renders the same bytes
    expect(await pageText(revised.key)).toContain(`${resolvePack('qidong').issuer.docPrefix}〔2026〕3号`);
    const page = await pageText(first.key);
    expect(page).not.toContain('QD-QUAL-FILED');
    expect(page).not.toContain('AAAAAAAAAA〕');
    // Latin letters only in the case number, the verification code and cited standards' codes.
    const latin = page.replace(/QD-2026-AAAAAAAAAA/g, '').replace(new RegExp(first.verificationCode!, 'g'), '').replace(/DB37\/T\d+/g, '');
    expect(latin).not.toMatch(/[A-Za-z]/);
  });
});

describe('the stamped copy runs nothing (issue 20, 3)', () => {
  it("keeps what the uploader's page draws and none of its scripts, actions, links or attachments", async () => {
    const { pdfWithActiveContent } = await import('../corpus/hostile.ts');
    const hostile = await pdfWithActiveContent('RECEIVED PAGE');
    const raw = (b: Uint8Array) => Buffer.from(b).toString('latin1');
    // The input has them all (the check below would see them if they were copied).
    for (const k of ['/JavaScript', '/Launch', '/EmbeddedFile', '/OpenAction', '/AA', '/Annots']) expect(raw(hostile)).toContain(k);
    const r = await stampReceivedPacket([{ name: 'active.pdf', bytes: hostile }], { issuer: '绍兴市人力资源和社会保障局', caseNumber: 'SX-2026-7F3K9QAB9C', date: '2026-12-07' });
    expect(r.skipped).toEqual([]);
    const copy = raw(r.pdf);
    for (const k of ['/JavaScript', '/JS', '/Launch', '/EmbeddedFile', '/OpenAction', '/AA', '/Annots', '/URI', 'update.exe', 'app.alert']) expect(copy, k).not.toContain(k);
    const t = squash(text(r.pdf, 'active-stamped.pdf'));
    expect(t).toContain('RECEIVEDPAGE');
    expect(t).toContain('绍兴市人力资源和社会保障局收件');
  });
});

describe('verification codes (issue 20, 10)', () => {
  it("are keyed: the same notice gets the same code again, but the case number alone does not give it", async () => {
    const { issueNotice } = await import('../../lib/cases/notice.ts');
    const { resolvePack } = await import('../../lib/rules/pack.ts');
    const { verificationCodeFor } = await import('../../lib/render/notice.ts');
    const { HmacPersonKeyer } = await import('../../lib/identity/person-key.ts');
    const objects = new MemoryObjectStore();
    const cases = new MemoryCaseStore();
    const issue = (key: number) => issueNotice({ objects, names: LOCAL_NAMES, cases, personKeys: new HmacPersonKeyer(Buffer.alloc(32, key)) }, {
      pack: resolvePack('qidong'), caseId: 'QD-2026-KEYEDCODE1', jurisdiction: 'qidong', submissionType: 'class-opening', institution: 'qd-1', institutionName: '启东市测试职业培训学校',
      documents: [], outcome: 'accepted', date: '2026-12-07', findings: [],
    });
    const first = await issue(7);
    expect((await issue(7)).verificationCode).toBe(first.verificationCode);
    expect(first.verificationCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    expect(first.verificationCode).not.toBe(verificationCodeFor('QD-2026-KEYEDCODE1', 'acceptance', '2026-12-07'));
    expect((await issue(8)).verificationCode).not.toBe(first.verificationCode); // another bureau key, another code
  });
});
