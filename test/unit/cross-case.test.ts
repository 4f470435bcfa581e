// Cross-case rules: each judged against what earlier cases committed, built here the way the pipeline
// builds it (changesOf → applyChanges), so the ledger logic is the product's, not the test's.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DocumentType, ExtractedDocument, Extraction, Jurisdiction, SubmissionType } from '../../lib/domain/schemas.ts';
import { datesInText } from '../../lib/domain/values.ts';
import { decide } from '../../lib/cases/decide.ts';
import { NOTICE_TITLES, noticeKindFor } from '../../lib/render/notice.ts';
import { judge } from '../../lib/cases/judge.ts';
import { setStanding } from '../../lib/cases/registry.ts';
import { institutionKeyOf, levelRank, rosterIds, type InstitutionStanding } from '../../lib/rules/history.ts';
import { MemoryCaseStore } from '../memory-stores.ts';
import { resolvePack } from '../../lib/rules/pack.ts';

const seed = (file: string) => readFileSync(new URL(`../../lib/jurisdictions/sources/${file}`, import.meta.url), 'utf8');
const squash = (s: string) => s.replace(/\s+/g, '');

type Value = string | number | boolean | null;
function doc(type: DocumentType, fields: Record<string, Value> = {}, tables?: ExtractedDocument['tables']): ExtractedDocument {
  return { type, pages: [1], confidence: 0.99, fields: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, { value: v }])), ...(tables ? { tables } : {}) };
}
const packet = (...documents: ExtractedDocument[]): Extraction => ({ file: 'p.pdf', pageCount: documents.length, documents, problems: [] });

// Real check digits (GB 11643): the test vectors of lib/identity.
const ALICE = '11010519491231002X';
const BOB = '440524188001010014';
const CAROL = '110101199003074477';
const roster = (...ids: string[]) =>
  doc('roster', {}, { trainees: ids.map((id, i) => ({ seq: { value: i + 1 }, name: { value: ['张伟', '李娜', '王芳', '赵磊'][i] ?? `学员${i + 1}` }, idNumber: { value: id } })) });

/** A bureau's stores in memory: every packet is judged and committed by the pipeline's own judge(). */
class Bureau {
  readonly store = new MemoryCaseStore();
  private n = 0;
  constructor(readonly city: Jurisdiction, readonly institution = 'inst-001') {}

  async submit(type: SubmissionType, extraction: Extraction, receivedOn: string, opts: { caseId?: string; institution?: string } = {}) {
    const caseId = opts.caseId ?? `${this.city}-${++this.n}`;
    const personKeys = Object.fromEntries(rosterIds(extraction.documents).map((id) => [id, `hmac:${id}`]));
    const j = await judge(this.store, {
      pack: resolvePack(this.city), caseId, jurisdiction: this.city, institution: opts.institution ?? this.institution, submissionType: type, extraction, facts: {},
      receivedOn, at: `${receivedOn}T02:00:00.000Z`, personKeys, before: [],
    });
    return { caseId, findings: j.findings, outcome: j.outcome, ids: j.findings.map((f) => f.ruleId), find: (id: string) => j.findings.find((f) => f.ruleId === id) };
  }

  /** What the bureau's registry says of the institution (as `npx intake institutions` sets it). */
  async standing(s: InstitutionStanding | null, institution = this.institution) {
    const keys = { persons: [], classKey: null, institutionKey: institutionKeyOf(this.city, institution) };
    const snap = await this.store.loadHistory(keys);
    snap.history.institution.standing = null;
    if (s) await setStanding(this.store, keys.institutionKey, () => s);
  }

  async ledger(institution = this.institution) {
    return (await this.store.loadHistory({ persons: [], classKey: null, institutionKey: institutionKeyOf(this.city, institution) })).history.institution;
  }
}

const claim = (classCode: string, occupation: string, level: string, certificateDate: string, ...ids: string[]) =>
  packet(doc('subsidy-claim-application', { institutionName: '测试职业培训学校', classCode, occupation, level, certificateDate, traineeCount: ids.length }), roster(...ids), doc('certificate-copy'));

const CAP_RULES = [
  ['zibo', 'SD-CLAIM-ANNUAL-CAP'],
  ['liaocheng', 'SD-CLAIM-ANNUAL-CAP'],
  ['heze', 'SD-CLAIM-ANNUAL-CAP'],
  ['shaoxing', 'SX-CLAIM-ANNUAL-CAP'],
  ['qidong', 'QD-CLAIM-FREQUENCY'],
] as const;

describe('subsidies per person per year (SD-CLAIM-ANNUAL-CAP, SX-CLAIM-ANNUAL-CAP, QD-CLAIM-FREQUENCY)', async () => {
  for (const [city, ruleId] of CAP_RULES) {
    it(`${city}: three subsidies a year pass; the fourth is not subsidised, naming only the trainee who had three`, async () => {
      const b = new Bureau(city);
      // Certificate dates close to the claims so that no deadline rule speaks.
      expect((await b.submit('subsidy-claim', claim('C-1', '电工', '四级', '2026-03-01', ALICE, BOB), '2026-03-10')).find(ruleId)).toBeUndefined();
      expect((await b.submit('subsidy-claim', claim('C-2', '焊工', '四级', '2026-04-01', ALICE), '2026-04-10')).find(ruleId)).toBeUndefined();
      expect((await b.submit('subsidy-claim', claim('C-3', '育婴员', '四级', '2026-05-01', ALICE), '2026-05-10')).find(ruleId)).toBeUndefined();
      const fourth = await b.submit('subsidy-claim', claim('C-4', '保育师', '四级', '2026-06-01', ALICE, BOB), '2026-06-10');
      const f = fourth.find(ruleId)!;
      expect(f.outcome).toBe('NO_SUBSIDY');
      expect(f.message).toContain('第1行 张伟2026年已申领职业培训补贴3次');
      expect(f.message).not.toContain('李娜'); // Bob has two: he is subsidised
      // The claim goes on for the others (Shaoxing also asks for its 附件5 documents, which these packets lack).
      expect(fourth.outcome).toBe(city === 'shaoxing' ? 'supplement-required' : 'accepted');
      expect(squash(seed(f.source.file))).toContain(squash(f.source.quote));
      // A new year starts a new count.
      expect((await b.submit('subsidy-claim', claim('C-5', '茶艺师', '四级', '2027-01-05', ALICE), '2027-01-10')).find(ruleId)).toBeUndefined();
    });
  }

  it('a claim resubmitted for the same class replaces its earlier entry; a rejected claim does not count', async () => {
    const b = new Bureau('qidong');
    await b.submit('subsidy-claim', claim('C-1', '电工', '四级', '2026-03-01', ALICE), '2026-03-10');
    await b.submit('subsidy-claim', claim('C-1', '电工', '四级', '2026-03-01', ALICE), '2026-03-20'); // same class again
    await b.submit('subsidy-claim', claim('C-2', '焊工', '四级', '2026-04-01', ALICE), '2026-04-10');
    // Certificate 13 months before the claim: refused (QD-CLAIM-12M), so it holds no place.
    const late = await b.submit('subsidy-claim', claim('C-9', '保育师', '四级', '2025-03-01', ALICE), '2026-04-15');
    expect(late.ids).toContain('QD-CLAIM-12M');
    expect(late.outcome).toBe('rejected');
    expect((await b.submit('subsidy-claim', claim('C-3', '育婴员', '四级', '2026-05-01', ALICE), '2026-05-10')).find('QD-CLAIM-FREQUENCY')).toBeUndefined();
  });
});

describe('the same occupation and level, and a lower level after a higher one', async () => {
  it('SD-CLAIM-NO-DUPLICATE-LEVEL: Shandong refuses it within one year and allows it after', async () => {
    const b = new Bureau('liaocheng');
    await b.submit('subsidy-claim', claim('C-1', '电工', '四级/中级工', '2026-01-10', ALICE), '2026-01-20');
    const again = await b.submit('subsidy-claim', claim('C-2', '电工（四级）', '中级', '2026-09-01', ALICE), '2026-09-10');
    expect(again.find('SD-CLAIM-NO-DUPLICATE-LEVEL')?.message).toContain('第1行 张伟已于2026年申领电工（四级）中级培训补贴');
    expect((await b.submit('subsidy-claim', claim('C-3', '电工', '三级', '2026-09-01', ALICE), '2026-09-10')).find('SD-CLAIM-NO-DUPLICATE-LEVEL')).toBeUndefined(); // another level
    expect((await b.submit('subsidy-claim', claim('C-4', '电工', '四级', '2027-01-11', ALICE), '2027-01-20')).find('SD-CLAIM-NO-DUPLICATE-LEVEL')).toBeUndefined(); // a year and a day later
  });

  for (const [city, ruleId] of [['heze', 'HZ-CLAIM-NO-DUPLICATE'], ['shaoxing', 'SX-CLAIM-NO-REPEAT-LEVEL'], ['qidong', 'QD-CLAIM-NO-REPEAT-LEVEL']] as const) {
    it(`${ruleId}: ${city} never allows it, however long after`, async () => {
      const b = new Bureau(city);
      await b.submit('subsidy-claim', claim('C-1', '中式烹调师', '四级', '2026-01-10', ALICE), '2026-01-20');
      expect((await b.submit('subsidy-claim', claim('C-2', '中式面点师', '四级', '2026-06-01', ALICE), '2026-06-05')).find(ruleId)).toBeUndefined();
      const later = await b.submit('subsidy-claim', claim('C-3', '中式烹调师', '四级', '2028-06-01', ALICE, BOB), '2028-06-05');
      expect(later.find(ruleId)?.message).toContain('张伟');
      expect(later.find(ruleId)?.message).not.toContain('李娜');
    });
  }

  for (const [city, ruleId] of [['heze', 'HZ-CLAIM-LOWER-AFTER-HIGHER'], ['qidong', 'QD-CLAIM-LOWER-AFTER-HIGHER']] as const) {
    it(`${ruleId}: after 三级 no 四级 of the same occupation; after 四级, 三级 is fine`, async () => {
      const b = new Bureau(city);
      await b.submit('subsidy-claim', claim('C-1', '电工', '三级/高级工', '2026-01-10', ALICE), '2026-01-20');
      await b.submit('subsidy-claim', claim('C-2', '焊工', '四级', '2026-01-10', BOB), '2026-01-20');
      const lower = await b.submit('subsidy-claim', claim('C-3', '电工', '四级', '2026-06-01', ALICE), '2026-06-05');
      expect(lower.find(ruleId)?.message).toContain('第1行 张伟已申领电工三级/高级工（更高等级）补贴');
      expect((await b.submit('subsidy-claim', claim('C-4', '焊工', '三级', '2026-06-01', BOB), '2026-06-05')).find(ruleId)).toBeUndefined();
    });
  }

  it('Liaocheng and Shaoxing have no higher-then-lower rule', async () => {
    for (const city of ['liaocheng', 'shaoxing'] as const) expect(resolvePack(city).rules.some((r) => r.check === 'subsidy-lower-after-higher')).toBe(false);
  });

  it('levels are ranked from the ways forms write them', async () => {
    expect([levelRank('五级/初级工'), levelRank('中级'), levelRank('三级'), levelRank('技师'), levelRank('高级技师'), levelRank('专项职业能力')]).toEqual([5, 4, 3, 2, 1, null]);
  });
});

const opening = (classCode: string, startDate: string, endDate: string, ...ids: string[]) =>
  packet(
    doc('class-opening-application', { institutionName: '测试职业培训学校', className: `${classCode}期`, classCode, startDate, endDate, traineeCount: ids.length, trainingType: '岗位技能提升培训', totalHours: 40, practicalHours: 30 }),
    roster(...ids),
  );

describe('a trainee in two classes at once (SD-OPEN-TRAINEE-OVERLAP)', async () => {
  it('Shandong cities send the roster back naming the trainee; dates that do not overlap pass', async () => {
    const b = new Bureau('heze');
    expect((await b.submit('class-opening', opening('HZ-1', '2026-03-02', '2026-03-20', ALICE, BOB), '2026-02-20')).find('SD-OPEN-TRAINEE-OVERLAP')).toBeUndefined();
    // Another institution's class, overlapping for Bob only.
    const r = await b.submit('class-opening', opening('HZ-7', '2026-03-16', '2026-04-03', BOB, CAROL), '2026-03-05', { institution: 'inst-002' });
    const f = r.find('SD-OPEN-TRAINEE-OVERLAP')!;
    expect(f.message).toContain('第1行 张伟已在另一培训班（2026-03-02至2026-03-20）参训');
    expect(f.message).not.toContain('李娜');
    expect(r.outcome).toBe('supplement-required');
    // After the first class ends: fine. The same class filed again is no overlap with itself.
    expect((await b.submit('class-opening', opening('HZ-8', '2026-03-21', '2026-04-10', ALICE), '2026-03-10')).find('SD-OPEN-TRAINEE-OVERLAP')).toBeUndefined();
    expect((await b.submit('class-opening', opening('HZ-1', '2026-03-02', '2026-03-20', ALICE, BOB), '2026-02-21')).find('SD-OPEN-TRAINEE-OVERLAP')).toBeUndefined();
  });
});

describe('a class opened twice (QD-OPEN-CLASS-ONCE)', async () => {
  it('Qidong refuses a second opening of an opened class; a class refused before may be filed again', async () => {
    const b = new Bureau('qidong');
    const ok = () => packet(...opening('QD-2026-01', '2026-04-01', '2026-04-20', ALICE).documents, doc('other'));
    const first = await b.submit('class-opening', ok(), '2026-03-01');
    expect(first.find('QD-OPEN-CLASS-ONCE')).toBeUndefined();
    const again = await b.submit('class-opening', ok(), '2026-03-05');
    expect(again.find('QD-OPEN-CLASS-ONCE')?.message).toContain('培训班级编号QD-2026-01已于2026-03-01开班');
    expect(again.outcome).toBe('rejected');
    // Another institution's class with the same code is its own class.
    expect((await b.submit('class-opening', ok(), '2026-03-05', { institution: 'inst-009' })).find('QD-OPEN-CLASS-ONCE')).toBeUndefined();
  });
});

describe('institution standing: agreements and suspensions', async () => {
  // Complete filings, accepted by the packs' own checklists (as in rules.test.ts).
  const qidongFiling = () =>
    packet(doc('institution-application', { institutionName: '启东市华东职业培训学校', creditCode: '91350100M000100Y43', applicantKind: 'institution' }), doc('business-licence'), doc('lease-agreement'), doc('capital-equipment-proof'), doc('teacher-list'), doc('certificate-copy'), doc('assessment-report'));
  const ziboFiling = () =>
    packet(doc('institution-application', { institutionName: '淄博市张店区鲁中职业培训学校', legalRepresentative: '刘强', address: '淄博市张店区华光路1号', phone: '05332123456', licenseNumber: '137030370000123', issuingAuthority: '张店区人力资源和社会保障局', bankName: '中国银行淄博分行', bankAccount: '216512345678', theoryClassroomArea: 320 }));

  it('QD-QUAL-AGREEMENT-STANDING: a two-year agreement from filing; a class after its end is refused', async () => {
    const b = new Bureau('qidong');
    expect((await b.submit('class-opening', opening('Q-1', '2026-04-01', '2026-04-20', ALICE), '2026-03-01')).find('QD-QUAL-AGREEMENT-STANDING')).toBeUndefined(); // unknown to the registry
    expect((await b.submit('institution-filing', qidongFiling(), '2026-01-10')).outcome).toBe('accepted');
    expect((await b.ledger()).standing).toMatchObject({ status: 'active', agreementStart: '2026-01-10', agreementEnd: '2028-01-09' });
    expect((await b.submit('class-opening', opening('Q-2', '2028-01-09', '2028-01-20', ALICE), '2027-12-20')).find('QD-QUAL-AGREEMENT-STANDING')).toBeUndefined();
    const late = await b.submit('class-opening', opening('Q-3', '2028-01-10', '2028-01-20', BOB), '2027-12-20');
    expect(late.find('QD-QUAL-AGREEMENT-STANDING')?.message).toContain('备案协议有效期至2028-01-09');
    expect(late.outcome).toBe('rejected');
  });

  it('ZB-QUAL-AGREEMENT-VALIDITY: a Zibo agreement runs to 31 December of its year', async () => {
    const b = new Bureau('zibo');
    expect((await b.submit('institution-filing', ziboFiling(), '2026-02-20')).outcome).toBe('accepted');
    expect((await b.ledger()).standing?.agreementEnd).toBe('2026-12-31');
    expect((await b.submit('class-opening', opening('Z-1', '2026-12-01', '2026-12-20', ALICE), '2026-11-10')).find('ZB-QUAL-AGREEMENT-VALIDITY')).toBeUndefined();
    expect((await b.submit('class-opening', opening('Z-2', '2027-01-04', '2027-01-20', BOB), '2026-12-10')).find('ZB-QUAL-AGREEMENT-VALIDITY')?.outcome).toBe('REJECT');
  });

  for (const [city, ruleId] of [['liaocheng', 'LC-QUAL-STANDING'], ['heze', 'HZ-QUAL-STANDING'], ['shaoxing', 'SX-QUAL-STANDING'], ['qidong', 'QD-QUAL-AGREEMENT-STANDING']] as const) {
    it(`${ruleId}: a suspended institution can neither open a class nor claim; reinstated, it can`, async () => {
      const b = new Bureau(city);
      await b.standing({ status: 'suspended', reason: '整改期内暂停培训', by: 'bureau:王科长', at: '2026-03-01T00:00:00Z' });
      const refused = await b.submit('class-opening', opening('S-1', '2026-05-01', '2026-05-20', ALICE), '2026-04-01');
      expect(refused.find(ruleId)?.message).toContain('培训资格已暂停（整改期内暂停培训）');
      expect(refused.outcome).toBe('rejected');
      expect((await b.submit('subsidy-claim', claim('S-0', '电工', '四级', '2026-03-20', BOB), '2026-04-01')).find(ruleId)).toBeDefined();
      await b.standing({ status: 'active', by: 'bureau:王科长', at: '2026-04-02T00:00:00Z' });
      expect((await b.submit('class-opening', opening('S-2', '2026-05-01', '2026-05-20', ALICE), '2026-04-03')).find(ruleId)).toBeUndefined();
    });
  }
});

describe('one supplement request, then the packet is returned (SX-CLAIM-SUPPLEMENT-ONCE, Shaoxing 五（二）)', async () => {
  const complete = (classCode: string) =>
    packet(
      doc('subsidy-claim-application', { institutionName: '绍兴市测试职业培训学校', classCode, certificateDate: '2026-03-31', occupation: '电工', level: '四级' }),
      doc('schedule'), doc('teacher-list'), doc('textbook-list'), doc('video-record'), doc('practical-record'),
      doc('sign-in-sheet', { classCode, date: '2026-03-02', startTime: '08:30', teacherSigned: true, signedCount: 1 }), doc('feedback-form'), roster(ALICE),
    );
  const withoutVideo = (classCode: string) => {
    const p = complete(classCode);
    p.documents = p.documents.filter((d) => d.type !== 'video-record');
    return p;
  };

  it('the first incomplete claim is asked to supplement once; the same class incomplete again is returned; a complete one is accepted', async () => {
    const b = new Bureau('shaoxing');
    const first = await b.submit('subsidy-claim', withoutVideo('SX-9'), '2026-04-10');
    expect(first.outcome).toBe('supplement-required');
    expect(first.find('SX-CLAIM-SUPPLEMENT-ONCE')).toBeUndefined();
    const second = await b.submit('subsidy-claim', withoutVideo('SX-9'), '2026-04-20');
    expect(second.find('SX-CLAIM-SUPPLEMENT-ONCE')?.message).toBe('已于2026-04-10告知补充材料1次，材料仍不齐全，予以退回。');
    expect(second.outcome).toBe('rejected');
    expect((await b.submit('subsidy-claim', withoutVideo('SX-10'), '2026-04-20')).outcome).toBe('supplement-required'); // another class: its own first time
    expect((await b.submit('subsidy-claim', complete('SX-9'), '2026-04-25')).outcome).toBe('accepted');
  });
});

describe('Qidong exit trigger: attendance under 70 % more than twice (QD-EXIT-ATTENDANCE-70)', async () => {
  const sheet = (date: string, signedCount: number) => doc('sign-in-sheet', { classCode: 'QD-5', date, startTime: '08:30', teacherSigned: true, signedCount });
  const video = doc('video-record');
  it('the third low sheet brings the 整改通知书 (a warning); 70 % exactly is not low', async () => {
    const b = new Bureau('qidong');
    const ids = Array.from({ length: 20 }, (_, i) => i);
    void ids;
    await b.submit('class-opening', packet(doc('class-opening-application', { classCode: 'QD-5', startDate: '2026-05-01', endDate: '2026-05-30', traineeCount: 20 }), doc('roster'), doc('other')), '2026-04-01');
    expect((await b.submit('attendance', packet(sheet('2026-05-06', 13), video), '2026-05-06')).find('QD-EXIT-ATTENDANCE-70')).toBeUndefined(); // 65 %, first
    expect((await b.submit('attendance', packet(sheet('2026-05-07', 14), sheet('2026-05-08', 12), video), '2026-05-08')).find('QD-EXIT-ATTENDANCE-70')).toBeUndefined(); // 70 % and 60 %: second
    const third = await b.submit('attendance', packet(sheet('2026-05-12', 10), video), '2026-05-12');
    const f = third.find('QD-EXIT-ATTENDANCE-70')!;
    expect(f.outcome).toBe('EXIT');
    expect(f.message).toContain('到课率低于70%的情况已达3次（2026-05-06 65%、2026-05-08 60%、2026-05-12 50%）');
    expect(third.outcome).toBe('warning');
    expect((await b.submit('attendance', packet(sheet('2026-05-13', 19), video), '2026-05-13')).find('QD-EXIT-ATTENDANCE-70')).toBeUndefined(); // a good day adds nothing
  });
});

describe('Qidong exit trigger: satisfaction under 80 % (QD-EXIT-SATISFACTION-80)', () => {
  it('a survey at 79 % brings the 整改通知书; 80 % is not under 80 %', async () => {
    const b = new Bureau('qidong');
    const survey = (rate: number) => packet(doc('sign-in-sheet', { date: '2026-05-06', signedCount: 20 }), doc('video-record'), doc('feedback-form', { satisfactionRate: rate }));
    expect((await b.submit('attendance', survey(80), '2026-05-06')).find('QD-EXIT-SATISFACTION-80')).toBeUndefined();
    const low = await b.submit('attendance', survey(79), '2026-05-07');
    expect(low.find('QD-EXIT-SATISFACTION-80')?.message).toContain('满意度调查结果79%，低于80%');
    expect(NOTICE_TITLES[noticeKindFor(low.outcome, low.findings)]).toBe('整改通知书');
  });
});

describe('schedule changes: how long before the change the bureau must have it', async () => {
  const change = (changeContent: string, date = '2026-03-10') =>
    packet(doc('change-request', { institutionName: '测试职业培训学校', contactPerson: '王芳', phone: '13800000000', className: '电工1期', followContact: '李强', occupation: '电工', level: '四级', changeContent, date }));

  it('LC-CHG-LEADTIME: one working day before the earliest session the change moves (a Monday session: by Friday)', async () => {
    const b = new Bureau('liaocheng');
    const text = '原定3月16日（星期一）的实操课调整至3月18日，授课地点不变';
    expect((await b.submit('change-request', change(text), '2026-03-13')).find('LC-CHG-LEADTIME')).toBeUndefined();
    const late = await b.submit('change-request', change(text), '2026-03-14');
    expect(late.find('LC-CHG-LEADTIME')?.message).toContain('课程调整日期为2026-03-16，应于课程调整前1个工作日（2026-03-13前）报送，本次于2026-03-14收到');
    expect(late.outcome).toBe('rejected');
    expect((await b.submit('change-request', packet(), '2026-03-01')).ids).toContain('LC-CHG-WRITTEN-FILING');
  });

  it('QD-CHG-LEADTIME and SX-CHG-LEADTIME: one day ahead in calendar days', async () => {
    for (const [city, ruleId] of [['qidong', 'QD-CHG-LEADTIME'], ['shaoxing', 'SX-CHG-LEADTIME']] as const) {
      const b = new Bureau(city);
      const text = '2026年3月15日上午的理论课改为3月17日下午，授课老师不变';
      expect((await b.submit('change-request', change(text), '2026-03-14')).find(ruleId)).toBeUndefined();
      expect((await b.submit('change-request', change(text), '2026-03-15')).find(ruleId)).toBeDefined();
    }
    expect((await new Bureau('qidong').submit('change-request', packet(), '2026-03-01')).ids).toContain('QD-CHG-REPORT');
  });

  it('SD-CHG-AS-FILED-NOTICE: in Shandong a change less than 2 days ahead is flagged (trainees must be told 2 days before), without changing the outcome', async () => {
    const b = new Bureau('heze');
    const text = '原定2026年3月16日的实操课调整至3月18日';
    expect((await b.submit('change-request', change(text), '2026-03-14')).find('SD-CHG-AS-FILED-NOTICE')).toBeUndefined();
    const r = await b.submit('change-request', change(text), '2026-03-15');
    expect(r.find('SD-CHG-AS-FILED-NOTICE')).toMatchObject({ outcome: 'FLAG', severity: 'warning' });
    expect(r.outcome).toBe('accepted');
  });

  it('dates in a change text: full dates, and month-day dates in the year of receipt', async () => {
    expect(datesInText('原定３月１６日的课程调整至2026年3月18日，另4.5课时不变', 2026)).toEqual(['2026-03-16', '2026-03-18']);
    expect(datesInText('无日期', 2026)).toEqual([]);
  });
});

describe('Liaocheng claim deadlines by claim mode (LC-CLAIM-INSTITUTION-2M, LC-CLAIM-INDIVIDUAL-6M)', async () => {
  const lcClaim = (claimMode: string | null) =>
    packet(doc('subsidy-claim-application', { classCode: 'LC-1', occupation: '电工', level: '四级', certificateDate: '2026-01-15', ...(claimMode ? { claimMode } : {}) }), roster(ALICE), doc('certificate-copy'), doc('proxy-agreement'));
  it('an institution claiming on behalf has two months; a trainee claiming directly has six', async () => {
    const b = new Bureau('liaocheng');
    expect((await b.submit('subsidy-claim', lcClaim('机构代领'), '2026-03-15')).ids).not.toContain('LC-CLAIM-INSTITUTION-2M');
    expect((await b.submit('subsidy-claim', lcClaim(null), '2026-03-16')).ids).toContain('LC-CLAIM-INSTITUTION-2M'); // no mode: the institution uploads
    const individual = await b.submit('subsidy-claim', lcClaim('直补个人'), '2026-07-15');
    expect(individual.ids).not.toContain('LC-CLAIM-INSTITUTION-2M');
    expect(individual.ids).not.toContain('LC-CLAIM-INDIVIDUAL-6M');
    expect((await b.submit('subsidy-claim', lcClaim('直补个人'), '2026-07-16')).ids).toContain('LC-CLAIM-INDIVIDUAL-6M');
  });
});

describe('outcomes', async () => {
  const f = (outcome: 'RETURN' | 'LATE_REJECT' | 'HOURS_INVALID' | 'EXIT' | 'NO_SUBSIDY') => ({ ruleId: 'X-Y', severity: 'error' as const, outcome, message: 'm', source: { file: 'f', section: 's', quote: 'q' } });
  it('returned and late packets are refused; invalid hours and exit triggers come with a warning; unsubsidised lines do not stop a claim', async () => {
    expect(decide([f('RETURN')])).toBe('rejected');
    expect(decide([f('LATE_REJECT')])).toBe('rejected');
    expect(decide([f('HOURS_INVALID')])).toBe('warning');
    expect(decide([f('EXIT')])).toBe('warning');
    expect(decide([f('NO_SUBSIDY')])).toBe('accepted');
  });

  it("Qidong's exit trigger is answered with a 整改通知书; Shaoxing's invalid hours with the written warning", () => {
    expect(NOTICE_TITLES[noticeKindFor('warning', [f('EXIT')])]).toBe('整改通知书');
    expect(NOTICE_TITLES[noticeKindFor('warning', [f('HOURS_INVALID')])]).toBe('书面警告通知书');
    expect(NOTICE_TITLES[noticeKindFor('rejected', [f('RETURN')])]).toBe('不予受理通知书');
  });
});
