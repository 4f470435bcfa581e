// Cross-case rules: each judged against what earlier cases committed, built here the way the pipeline
// builds it (changesOf → applyChanges), so the ledger logic is the product's, not the test's.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CaseOutcome, DocumentType, ExtractedDocument, Extraction, Jurisdiction, SubmissionType } from '../../lib/domain/schemas.ts';
import { datesInText } from '../../lib/domain/values.ts';
import { decide } from '../../lib/cases/decide.ts';
import { NOTICE_TITLES, noticeKindFor } from '../../lib/render/notice.ts';
import { judge } from '../../lib/cases/judge.ts';
import { setStanding } from '../../lib/cases/registry.ts';
import { changesOf, classCodeOf, classKeyOf, institutionKeyOf, ledgerWrites, levelRank, rosterIds, type InstitutionStanding } from '../../lib/rules/history.ts';
import { MemoryCaseStore } from '../memory-stores.ts';
import { resolvePack } from '../../lib/rules/pack.ts';
import { decided } from '../../lib/cases/registry.ts';
import type { PacketFacts } from '../../lib/rules/evaluate.ts';

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

/**
 * A bureau's stores in memory: every packet is judged and committed by the pipeline's own judge(). The
 * institution is on the registry unless told otherwise (registered: false), and a later packet of a class
 * finds the class opened with its roster (what an accepted opening commits, by changesOf) unless
 * openClasses is false — each test here is about its own rule, and the class file's rules have theirs.
 */
class Bureau {
  readonly store = new MemoryCaseStore();
  private n = 0;
  private ready: Promise<unknown> | null = null;
  constructor(readonly city: Jurisdiction, readonly institution = 'inst-001', readonly opts: { registered?: boolean; openClasses?: boolean; assessed?: boolean; schedule?: ExtractedDocument; endDate?: string } = {}) {}

  async submit(type: SubmissionType, extraction: Extraction, receivedOn: string, opts: { caseId?: string; institution?: string; classCode?: string; facts?: PacketFacts } = {}) {
    const institution = opts.institution ?? this.institution;
    if (this.opts.registered !== false && institution === this.institution) {
      this.ready ??= setStanding(this.store, institutionKeyOf(this.city, institution), (s) => s ?? { status: 'active', name: '测试职业培训学校', by: 'bureau:import', at: '2026-01-01T00:00:00.000Z' });
      await this.ready;
    }
    const code = opts.classCode ?? classCodeOf(extraction.documents);
    if (this.opts.openClasses !== false && code && !['class-opening', 'institution-filing'].includes(type)) await this.opened(code, rosterIds(extraction.documents), receivedOn, institution);
    const caseId = opts.caseId ?? `${this.city}-${++this.n}`;
    const personKeys = Object.fromEntries(rosterIds(extraction.documents).map((id) => [id, `hmac:${id}`]));
    const j = await judge(this.store, {
      pack: resolvePack(this.city), caseId, jurisdiction: this.city, institution: opts.institution ?? this.institution, submissionType: type, extraction, facts: opts.facts ?? {},
      receivedOn, at: `${receivedOn}T02:00:00.000Z`, personKeys, before: [], ...(opts.classCode ? { classCode: opts.classCode } : {}),
    });
    return { caseId, klass: j.klass, findings: j.findings, outcome: j.outcome, ids: j.findings.map((f) => f.ruleId), find: (id: string) => j.findings.find((f) => f.ruleId === id) };
  }

  /** The class's accepted opening, as the pipeline commits it, unless it has one; trainees not on it are added. */
  async opened(classCode: string, ids: string[], receivedOn: string, institution = this.institution) {
    const classKey = classKeyOf(this.city, institution, classCode);
    const personKeys = Object.fromEntries(ids.map((id) => [id, `hmac:${id}`]));
    const keys = { persons: Object.values(personKeys), classKey, institutionKey: institutionKeyOf(this.city, institution) };
    const snap = await this.store.loadHistory(keys);
    const opening = snap.history.klass.find((c) => c.submissionType === 'class-opening' && c.outcome === 'accepted');
    const missing = ids.filter((id) => !(snap.history.persons[`hmac:${id}`] ?? []).some((e) => e.kind === 'enrolment' && e.classKey === classKey));
    if (opening && missing.length === 0) return;
    const caseId = opening?.caseId ?? `${this.city}-opening-${classCode}`;
    const before = new Date(Date.parse(`${receivedOn}T00:00:00Z`) - 60 * 86_400_000).toISOString();
    const changes = changesOf({
      caseId, jurisdiction: this.city, institution, submissionType: 'class-opening', outcome: 'accepted', receivedOn: before.slice(0, 10), at: before, personKeys,
      documents: [doc('class-opening-application', { classCode, ...(this.opts.endDate ? { endDate: this.opts.endDate } : {}) }), roster(...ids), ...(this.opts.schedule ? [this.opts.schedule] : [])],
    });
    await this.store.commitHistory(keys, snap.versions, ledgerWrites(snap.history, caseId, changes));
    // The class's life as the seeds have it: its assessment applied for before it claims (DB37/T 4498 6.5.2, Shaoxing 四).
    if (!opening && this.opts.assessed !== false) await this.assessed(classCode, institution, receivedOn);
  }

  /** An accepted assessment (考核) application on the class's file. */
  async assessed(classCode: string, institution = this.institution, receivedOn = '2026-01-01', outcome: CaseOutcome = 'accepted') {
    const keys = { persons: [], classKey: classKeyOf(this.city, institution, classCode), institutionKey: institutionKeyOf(this.city, institution) };
    const snap = await this.store.loadHistory(keys);
    const at = new Date(Date.parse(`${receivedOn}T00:00:00Z`) - 10 * 86_400_000).toISOString();
    const caseId = `${this.city}-assessment-${classCode}-${outcome}`;
    const changes = changesOf({
      caseId, jurisdiction: this.city, institution, submissionType: 'assessment-application', outcome, receivedOn: at.slice(0, 10), at, personKeys: {},
      documents: [doc('assessment-application-form', { classCode })],
    });
    await this.store.commitHistory(keys, snap.versions, ledgerWrites(snap.history, caseId, changes));
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
    // Another institution's class, overlapping for Bob only (that institution is on the registry too).
    await b.standing({ status: 'active', by: 'bureau:import', at: '2026-01-01T00:00:00Z' }, 'inst-002');
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
    // It cites what it checks — one 开班备案 per class (第八条) — not 第七条 (other departments' funding), which no packet shows.
    const src = again.find('QD-OPEN-CLASS-ONCE')!.source;
    expect(src.section).toBe('第八条 开班申请');
    expect(squash(seed(src.file))).toContain(squash(src.quote));
    // Another institution's class with the same code is its own class.
    await b.standing({ status: 'active', by: 'bureau:import', at: '2026-01-01T00:00:00Z' }, 'inst-009');
    expect((await b.submit('class-opening', ok(), '2026-03-05', { institution: 'inst-009' })).find('QD-OPEN-CLASS-ONCE')).toBeUndefined();
  });
});

describe('a class opened twice, in every other city (issue 19: the same opening was accepted twice without a word)', () => {
  for (const [city, ruleId] of [['shaoxing', 'SX-OPEN-CLASS-ONCE'], ['liaocheng', 'LC-OPEN-CLASS-ONCE'], ['heze', 'HZ-OPEN-CLASS-ONCE'], ['zibo', 'ZB-OPEN-CLASS-ONCE']] as const) {
    it(`${city} (${ruleId}): a second opening of an opened class is refused as a duplicate, naming the first`, async () => {
      const b = new Bureau(city);
      await b.opened('DUP-1', [ALICE], '2026-03-01');
      const again = await b.submit('class-opening', opening('DUP-1', '2026-04-01', '2026-04-20', ALICE), '2026-03-05');
      expect(again.find(ruleId)?.message).toMatch(/培训班级编号DUP-1已于\d{4}-\d{2}-\d{2}开班（案件.+），属重复开班申请/);
      expect(again.outcome).toBe('rejected');
      expect(squash(seed(again.find(ruleId)!.source.file))).toContain(squash(again.find(ruleId)!.source.quote));
      // A different class of the same institution is not a duplicate.
      expect((await b.submit('class-opening', opening('DUP-2', '2026-04-01', '2026-04-20', ALICE), '2026-03-05')).find(ruleId)).toBeUndefined();
    });
  }
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
    expect((await b.submit('subsidy-claim', lcClaim('机构代领'), '2026-03-16')).ids).toContain('LC-CLAIM-INSTITUTION-2M');
    const individual = await b.submit('subsidy-claim', lcClaim('直补个人'), '2026-07-15');
    expect(individual.ids).not.toContain('LC-CLAIM-INSTITUTION-2M');
    expect(individual.ids).not.toContain('LC-CLAIM-INDIVIDUAL-6M');
    expect((await b.submit('subsidy-claim', lcClaim('直补个人'), '2026-07-16')).ids).toContain('LC-CLAIM-INDIVIDUAL-6M');
  });

  it('LC-CLAIM-MODE-BLANK-2M / -6M: a blank mode is not taken for a proxy claim — past two months it is flagged saying which deadline was read; past six it is late either way', async () => {
    const b = new Bureau('liaocheng');
    const flagged = await b.submit('subsidy-claim', lcClaim(null), '2026-03-16');
    expect(flagged.ids).not.toContain('LC-CLAIM-INSTITUTION-2M');
    const f = flagged.find('LC-CLAIM-MODE-BLANK-2M')!;
    expect([f.outcome, f.severity]).toEqual(['FLAG', 'warning']);
    expect(f.message).toContain('按直补个人（6个月）受理；若为机构代领，已超过2个月的申报期限');
    expect(flagged.outcome).not.toBe('rejected');
    expect((await b.submit('subsidy-claim', lcClaim(null), '2026-03-15')).ids).not.toContain('LC-CLAIM-MODE-BLANK-2M');
    const late = await b.submit('subsidy-claim', lcClaim(null), '2026-07-16');
    expect(late.ids).toContain('LC-CLAIM-MODE-BLANK-6M');
    expect(late.outcome).toBe('rejected');
  });
});

describe('Liaocheng: the individual route pays for three kinds of certificate, not a 培训合格证书 (LC-CLAIM-INDIVIDUAL-CERTIFICATES)', async () => {
  const cert = (title: string | undefined) => ({ ...doc('certificate-copy'), pages: [3], ...(title ? { title } : {}) });
  const lcClaim = (claimMode: string, ...certs: ExtractedDocument[]) =>
    packet(doc('subsidy-claim-application', { classCode: 'LC-2', occupation: '电工', level: '四级', certificateDate: '2026-01-15', claimMode }), roster(ALICE), ...certs, doc('proxy-agreement'));
  it('a trainee claiming directly with a 培训合格证书 is named and not subsidised; a 职业技能等级证书 passes; an institution claiming on behalf is not held to it', async () => {
    const b = new Bureau('liaocheng');
    const f = (await b.submit('subsidy-claim', lcClaim('直补个人', cert('培训合格证书')), '2026-03-01')).find('LC-CLAIM-INDIVIDUAL-CERTIFICATES');
    expect(f).toMatchObject({ outcome: 'NO_SUBSIDY', message: '直补个人的补贴以取得职业资格证书、专项职业能力证书或职业技能等级证书为限：第3页为培训合格证书，不属于职业资格证书、专项职业能力证书、职业技能等级证书。' });
    for (const ok of ['职业技能等级证书', '专项职业能力证书', '中华人民共和国职业资格证书']) {
      expect((await b.submit('subsidy-claim', lcClaim('直补个人', cert(ok)), '2026-03-01')).find('LC-CLAIM-INDIVIDUAL-CERTIFICATES'), ok).toBeUndefined();
    }
    expect((await b.submit('subsidy-claim', lcClaim('机构代领', cert('培训合格证书')), '2026-03-01')).find('LC-CLAIM-INDIVIDUAL-CERTIFICATES')).toBeUndefined();
    // A certificate whose title could not be read is left to the reviewer, not refused.
    expect((await b.submit('subsidy-claim', lcClaim('直补个人', cert(undefined)), '2026-03-01')).find('LC-CLAIM-INDIVIDUAL-CERTIFICATES')).toBeUndefined();
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

describe('the class file: every packet judged against its institution and its class (issue 18)', async () => {
  const REFUSED = [['qidong', 'QD-QUAL-FILED', '第三条'], ['liaocheng', 'LC-QUAL-IN-DIRECTORY', '二（一）'], ['heze', 'HZ-QUAL-FILED', '第八条'], ['zibo', 'ZB-QUAL-AGREEMENT-SIGNED', '三、']] as const;
  for (const [city, ruleId, clause] of REFUSED) {
    it(`${ruleId}: ${city} refuses a class from an institution its registry does not know (${clause})`, async () => {
      const b = new Bureau(city, 'unknown-school', { registered: false });
      const r = await b.submit('class-opening', opening('U-1', '2026-05-11', '2026-05-29', ALICE), '2026-04-01');
      const f = r.find(ruleId)!;
      expect(f.outcome).toBe('REJECT');
      expect(f.message).toContain('机构编号unknown-school');
      expect(f.source.section).toContain(clause);
      expect(squash(seed(f.source.file))).toContain(squash(f.source.quote));
      expect(r.outcome).toBe('rejected');
      // Once the registry knows it, the same packet passes this rule.
      await b.standing({ status: 'active', by: 'bureau:import', at: '2026-04-02T00:00:00Z' }, 'unknown-school');
      expect((await b.submit('class-opening', opening('U-1', '2026-05-11', '2026-05-29', ALICE), '2026-04-03')).find(ruleId)).toBeUndefined();
    });
  }

  it('ZB-QUAL-AGREEMENT-SIGNED: an enterprise training its own staff needs no agreement (Zibo 一)', async () => {
    const b = new Bureau('zibo', 'factory-9', { registered: false });
    expect((await b.submit('class-opening', opening('E-1', '2026-05-11', '2026-05-29', ALICE), '2026-04-01', { facts: { applicantKind: 'enterprise' } })).find('ZB-QUAL-AGREEMENT-SIGNED')).toBeUndefined();
  });

  it('SX-QUAL-REGISTRY: Shaoxing, whose seed sets no filing, accepts it and flags it for the bureau', async () => {
    const b = new Bureau('shaoxing', 'new-school', { registered: false });
    const r = await b.submit('change-request', packet(doc('change-request', { institutionName: '新学校', changeContent: '调课' })), '2026-04-01', { classCode: 'SX-1' });
    const f = r.find('SX-QUAL-REGISTRY')!;
    expect([f.outcome, f.severity]).toEqual(['FLAG', 'warning']);
    expect(decide([f])).toBe('accepted');
  });

  it('exit is sticky: a filing by an exited institution is refused, and stays exited; the bureau reinstates with a reason (Qidong 第十四条)', async () => {
    const b = new Bureau('qidong');
    await setStanding(b.store, institutionKeyOf('qidong', 'inst-001'), (s) => decided(s, 'exited', '骗取培训补贴', 'bureau:王科长', new Date('2026-03-01T02:00:00Z')));
    const again = await b.submit('institution-filing', packet(), '2026-06-01');
    expect(again.find('QD-QUAL-EXIT-BAR')?.message).toContain('已于2026-03-01退出');
    expect(again.outcome).toBe('rejected');
    expect((await b.ledger()).standing?.status).toBe('exited');
    const back = await setStanding(b.store, institutionKeyOf('qidong', 'inst-001'), (s) => decided(s, 'active', '复核后恢复', 'bureau:李处长', new Date('2026-07-01T02:00:00Z')));
    expect(back).toMatchObject({ status: 'active', reason: '复核后恢复', trail: [{ status: 'exited', reason: '骗取培训补贴', by: 'bureau:王科长' }] });
    expect((await b.submit('institution-filing', packet(), '2026-07-02')).find('QD-QUAL-EXIT-BAR')).toBeUndefined();
  });

  it('SX-QUAL-EXIT-BAR: Shaoxing bars the next year (五、其他（二）); after it, an accepted filing brings the institution back', async () => {
    const b = new Bureau('shaoxing');
    await setStanding(b.store, institutionKeyOf('shaoxing', 'inst-001'), (s) => decided(s, 'exited', '将培训项目转包', 'bureau:王科长', new Date('2026-03-01T02:00:00Z')));
    expect((await b.submit('institution-filing', packet(), '2027-12-30')).find('SX-QUAL-EXIT-BAR')?.message).toContain('2027-12-31前不予接受申报');
    const after = await b.submit('institution-filing', packet(), '2028-01-05');
    expect(after.find('SX-QUAL-EXIT-BAR')).toBeUndefined();
    expect(after.outcome).toBe('accepted');
    expect((await b.ledger()).standing).toMatchObject({ status: 'active', caseId: after.caseId });
  });

  for (const [city, ruleId] of [['zibo', 'ZB-QUAL-BLACKLIST'], ['liaocheng', 'LC-QUAL-EXIT-BAR'], ['heze', 'HZ-QUAL-EXIT-BAR'], ['qidong', 'QD-QUAL-EXIT-BAR'], ['shaoxing', 'SX-QUAL-EXIT-BAR']] as const) {
    it(`${ruleId}: a suspended ${city} institution filing again is refused and stays suspended (only the bureau lifts it)`, async () => {
      const b = new Bureau(city);
      await setStanding(b.store, institutionKeyOf(city, 'inst-001'), (s) => decided(s, 'suspended', '限期整改', 'bureau:王科长', new Date('2026-03-01T02:00:00Z')));
      const f = (await b.submit('institution-filing', packet(), '2029-04-01')).find(ruleId)!;
      expect(f.outcome).toBe('REJECT');
      expect(f.message).toContain('已于2026-03-01被暂停培训资格（限期整改）');
      expect(squash(seed(f.source.file))).toContain(squash(f.source.quote));
      expect((await b.ledger()).standing?.status).toBe('suspended');
    });
  }

  for (const [city, ruleId] of [['qidong', 'QD-CLASS-FILED'], ['liaocheng', 'LC-CLASS-FILED'], ['shaoxing', 'SX-CLASS-FILED'], ['heze', 'HZ-CLASS-FILED'], ['zibo', 'ZB-CLASS-FILED']] as const) {
    it(`${ruleId}: ${city} answers a claim for a class never opened, naming the class`, async () => {
      const b = new Bureau(city, 'inst-001', { openClasses: false });
      const r = await b.submit('subsidy-claim', claim('NEVER-1', '电工', '四级', '2026-03-01', ALICE), '2026-03-10');
      expect(r.find(ruleId)?.message).toContain('培训班级NEVER-1未开班备案');
      expect(r.outcome).toBe('rejected');
      expect(r.klass).toEqual({ code: 'NEVER-1', status: 'not-opened' });
    });
  }

  it('a roster filed as sign-in sheets, naming a class never opened, is asked for the sign-in sheets — not refused, not warned (issue 19)', async () => {
    const b = new Bureau('shaoxing', 'inst-001', { openClasses: false });
    const misfiled = packet(doc('roster', { classCode: 'SX-NEVER-1' }, { trainees: [{ seq: { value: 1 }, name: { value: '张伟' }, idNumber: { value: ALICE } }] }));
    const r = await b.submit('attendance', misfiled, '2026-03-10');
    expect(r.outcome).toBe('supplement-required');
    expect(r.findings.filter((f) => f.outcome !== 'FLAG').map((f) => [f.ruleId, f.outcome])).toEqual([['SX-ATT-SIGNIN-PRESENT', 'SUPPLEMENT_ONCE']]);
    // The same with the sign-in sheet there: the class's history applies again.
    const sheet = doc('sign-in-sheet', { classCode: 'SX-NEVER-1', date: '2026-03-09', startTime: '08:30', endTime: '11:30', teacherSigned: true, signedCount: 1 });
    expect((await b.submit('attendance', packet(sheet), '2026-03-10')).find('SX-CLASS-FILED')).toBeDefined();
  });

  for (const [city, ruleId] of [['qidong', 'QD-CLAIM-ROSTER'], ['liaocheng', 'LC-CLAIM-ROSTER'], ['heze', 'HZ-CLAIM-ROSTER'], ['zibo', 'ZB-CLAIM-ROSTER'], ['shaoxing', 'SX-CLAIM-ROSTER']] as const) {
    it(`${ruleId}: ${city} names a trainee not on the approved roster and does not subsidise them; the others are`, async () => {
      const b = new Bureau(city, 'inst-001', { openClasses: false });
      const opened = await b.submit('class-opening', opening('Q-7', '2026-03-20', '2026-04-10', ALICE, BOB), '2026-03-02');
      if (opened.outcome !== 'accepted') await b.opened('Q-7', [ALICE, BOB], '2026-03-02'); // the city's checklist asks more than this packet holds
      else expect(opened.klass).toEqual({ code: 'Q-7', status: 'opened' });
      const r = await b.submit('subsidy-claim', claim('Q-7', '电工', '四级', '2026-04-20', ALICE, CAROL), '2026-04-25');
      const f = r.find(ruleId)!;
      expect(f.outcome).toBe('NO_SUBSIDY');
      expect(f.rows).toEqual([2]);
      expect(f.message).toContain('第2行 李娜');
      expect(f.message).not.toContain('张伟');
      expect(squash(seed(f.source.file))).toContain(squash(f.source.quote));
      expect(r.outcome).not.toBe('rejected');
      expect(r.klass?.code).toBe('Q-7');
      // A line whose ID cannot be read as valid is named too: it cannot be matched to the approved roster.
      const unread = await b.submit('subsidy-claim', claim('Q-7', '电工', '四级', '2026-04-20', ALICE, '33068120010903'), '2026-04-26');
      expect(unread.find(ruleId)?.message).toContain('第2行 李娜（身份证号码未能核对）');
      expect(unread.find(ruleId)?.rows).toEqual([2]);
    });
  }

  it('QD-CLAIM-LATE-OPENING: an opening filed less than a week ahead is carried to the claim (第八条: 不得享受培训补贴)', async () => {
    const b = new Bureau('qidong', 'inst-001', { openClasses: false });
    const late = await b.submit('class-opening', opening('Q-8', '2026-03-05', '2026-03-25', ALICE), '2026-03-02');
    expect(late.ids).toContain('QD-OPEN-LEADTIME');
    const r = await b.submit('subsidy-claim', claim('Q-8', '电工', '四级', '2026-04-01', ALICE), '2026-04-05');
    expect(r.find('QD-CLAIM-LATE-OPENING')?.message).toContain('2026-03-02开班申请未在开班一周前备案');
    expect(r.outcome).toBe('rejected');
  });

  it('SX-CLAIM-VOIDED-HOURS: hours voided on a sign-in sheet reach the claim as a remark, and --class names the class of a sheet without a code', async () => {
    const b = new Bureau('shaoxing', 'inst-001', { openClasses: false });
    await b.opened('SX-9', [ALICE], '2026-03-01');
    const sheet = doc('sign-in-sheet', { institutionName: '测试职业培训学校', date: '2026-03-03', startTime: '08:30', teacherSigned: true, signedCount: 0 });
    const att = await b.submit('attendance', packet(sheet), '2026-03-03', { classCode: 'SX-9' });
    expect(att.ids).toContain('SX-ATT-UNIT-SIGNIN');
    expect(att.klass?.code).toBe('SX-9');
    const r = await b.submit('subsidy-claim', claim('SX-9', '电工', '四级', '2026-04-01', ALICE), '2026-04-05');
    const f = r.find('SX-CLAIM-VOIDED-HOURS')!;
    expect([f.outcome, f.severity]).toEqual(['FLAG', 'warning']);
    expect(f.message).toContain('2026-03-03签到表所列授课单元培训课时视为无效');
  });
});

describe('a claim is judged against its class file: assessment applied for, a sign-in sheet for every teaching unit', async () => {
  const sxClaim = (classCode: string, sheets: number) =>
    packet(
      doc('subsidy-claim-application', { institutionName: '绍兴市测试职业培训学校', classCode, certificateDate: '2026-03-31', occupation: '电工', level: '四级' }),
      doc('schedule'), doc('teacher-list'), doc('textbook-list'), doc('video-record'), doc('practical-record'),
      ...Array.from({ length: sheets }, (_, i) => doc('sign-in-sheet', { classCode, date: `2026-03-0${i + 2}`, startTime: '08:30', teacherSigned: true, signedCount: 1 })),
      doc('feedback-form'), roster(ALICE),
    );
  const session = (date: string, startTime: string, teacher: string) => ({ date: { value: date }, startTime: { value: startTime }, endTime: { value: '11:30' }, teacher: { value: teacher }, content: { value: '电工基础' } });
  // Three teaching units (三（一）: half a day with one teacher): two sessions of one morning and teacher are one unit.
  const schedule = doc('schedule', {}, { sessions: [session('2026-03-02', '08:30', '王老师'), session('2026-03-02', '10:00', '王老师'), session('2026-03-02', '14:00', '王老师'), session('2026-03-03', '08:30', '李老师')] });

  for (const [city, ruleId, label] of [['zibo', 'SD-CLAIM-ASSESSED', '结业考核申请'], ['heze', 'SD-CLAIM-ASSESSED', '结业考核申请'], ['shaoxing', 'SX-CLAIM-ASSESSED', '考核（认定）申请']] as const) {
    it(`${city} (${ruleId}): a claim for a class with no assessment application on file is asked for it; one still waiting is named; an accepted one passes`, async () => {
      const b = new Bureau(city, 'inst-001', { assessed: false });
      const submitClaim = () => b.submit('subsidy-claim', city === 'shaoxing' ? sxClaim('AS-1', 3) : claim('AS-1', '电工', '四级', '2026-03-31', ALICE), '2026-04-10');
      const none = await submitClaim();
      expect(none.find(ruleId)).toMatchObject({ outcome: 'SUPPLEMENT_ONCE', message: expect.stringContaining(`该班级未见${label}`) });
      expect(none.outcome).toBe('supplement-required');
      await b.assessed('AS-1', 'inst-001', '2026-03-20', 'supplement-required');
      expect((await submitClaim()).find(ruleId)?.message).toContain(`${label}尚未受理（案件${city}-assessment-AS-1-supplement-required）`);
      await b.assessed('AS-1', 'inst-001', '2026-03-25', 'accepted');
      expect((await submitClaim()).find(ruleId)).toBeUndefined();
    });
  }

  it('qidong asks no assessment application of a claim (第十一条: 培训结束后组织考核): the rule is not in its pack', async () => {
    const b = new Bureau('qidong', 'inst-001', { assessed: false });
    expect((await b.submit('subsidy-claim', claim('QA-1', '电工', '四级', '2026-03-31', ALICE), '2026-04-10')).ids.filter((id) => /ASSESSED/.test(id))).toEqual([]);
  });

  it('shaoxing (SX-CLAIM-SIGNIN-UNITS, 三（一）): three teaching units approved, two sheets on file → the third asked for; the attendance packets count with the claim', async () => {
    const b = new Bureau('shaoxing', 'inst-001', { schedule });
    const short = await b.submit('subsidy-claim', sxClaim('SU-1', 2), '2026-04-10');
    expect(short.find('SX-CLAIM-SIGNIN-UNITS')?.message).toBe('签到表与开班核准的课程表不符：开班核准的课程表共3个授课单元，已收到签到表2份，缺1份，请补充提交各授课单元的《绍兴市职业培训班学员签到表》。');
    expect(short.outcome).toBe('supplement-required');
    // One sheet came earlier with an attendance packet: with the claim's two, every unit has its sheet.
    await b.submit('attendance', packet(doc('sign-in-sheet', { classCode: 'SU-1', date: '2026-03-03', startTime: '08:30', teacherSigned: true, signedCount: 1 }), doc('video-record')), '2026-03-03');
    expect((await b.submit('subsidy-claim', sxClaim('SU-1', 2), '2026-04-12')).find('SX-CLAIM-SIGNIN-UNITS')).toBeUndefined();
  });

  it('a schedule whose units cannot all be read (a session without its date) asks nothing on their count', async () => {
    const unreadable = doc('schedule', {}, { sessions: [session('2026-03-02', '08:30', '王老师'), { startTime: { value: '14:00' }, teacher: { value: '王老师' } }] });
    const b = new Bureau('shaoxing', 'inst-001', { schedule: unreadable });
    expect((await b.submit('subsidy-claim', sxClaim('SU-2', 1), '2026-04-10')).find('SX-CLAIM-SIGNIN-UNITS')).toBeUndefined();
  });
});

describe('an assessment application against its class\'s end (SD-ASSESS-BEFORE-END, QD-ASSESS-AFTER-TRAINING)', async () => {
  const application = (classCode: string, assessmentDate: string) => packet(doc('assessment-application-form', { classCode, assessmentDate, institutionName: '测试职业培训学校' }));
  it('zibo (DB37/T 4498 6.5.2): applied for on the class\'s last day passes; the day after, it is refused naming both days', async () => {
    const b = new Bureau('zibo', 'inst-001', { endDate: '2026-05-20', assessed: false });
    expect((await b.submit('assessment-application', application('ZA-1', '2026-05-25'), '2026-05-20')).find('SD-ASSESS-BEFORE-END')).toBeUndefined();
    const late = await b.submit('assessment-application', application('ZA-1', '2026-05-25'), '2026-05-21');
    expect(late.find('SD-ASSESS-BEFORE-END')).toMatchObject({ outcome: 'REJECT', message: '结业考核申请未在培训班结束前提交：培训班于2026-05-20结束，结业考核申请于2026-05-21收到。' });
    expect(late.outcome).toBe('rejected');
  });

  it('qidong (第十一条): an assessment set before the training ends is refused; on or after its end it passes', async () => {
    const b = new Bureau('qidong', 'inst-001', { endDate: '2026-05-20', assessed: false });
    expect((await b.submit('assessment-application', application('QA-2', '2026-05-19'), '2026-05-10')).find('QD-ASSESS-AFTER-TRAINING')?.message).toBe('考核日期2026-05-19早于培训结束日期2026-05-20，请于培训结束后安排考核或认定。');
    expect((await b.submit('assessment-application', application('QA-2', '2026-05-20'), '2026-05-10')).find('QD-ASSESS-AFTER-TRAINING')).toBeUndefined();
  });

  it('a class whose opening gave no end date asks nothing of the timing', async () => {
    const b = new Bureau('zibo', 'inst-001', { assessed: false });
    expect((await b.submit('assessment-application', application('ZA-3', '2026-05-25'), '2026-09-01')).find('SD-ASSESS-BEFORE-END')).toBeUndefined();
  });
});
