// Eligibility and staffing as far as the documents show it (issue 21, item 2): trainees' households from
// their ID numbers (Shaoxing 五（一）), the lecturers an entrepreneurship-training institution needs (Zibo 附件1
// 三（一）2), teaching-management staff (DB37/T 4498 5.4.2), and Qidong's learning report for online lessons.
import { describe, expect, it } from 'vitest';
import type { ExtractedDocument, Extraction, Jurisdiction, SubmissionType } from '../../lib/domain/schemas.ts';
import { decide } from '../../lib/cases/decide.ts';
import { evaluate, type PacketFacts } from '../../lib/rules/evaluate.ts';
import { resolvePack } from '../../lib/rules/pack.ts';
import { judge } from '../../lib/cases/judge.ts';
import { importRegistry, parseRegistry } from '../../lib/cases/registry.ts';
import { MemoryCaseStore } from '../memory-stores.ts';
import { assessedClass, onRegistry, openedClass } from '../ledgers.ts';

const v = (value: string | number) => ({ value });
const doc = (type: ExtractedDocument['type'], fields: Record<string, string | number> = {}, tables?: ExtractedDocument['tables']): ExtractedDocument => ({
  type, pages: [1], confidence: 1, fields: Object.fromEntries(Object.entries(fields).map(([k, x]) => [k, v(x)])), ...(tables ? { tables } : {}),
});
const packet = (...documents: ExtractedDocument[]): Extraction => ({ file: 'p', pageCount: documents.length, documents, problems: [] });
const run = (city: Jurisdiction, type: SubmissionType, p: Extraction, facts: PacketFacts = {}) =>
  evaluate(resolvePack(city), { jurisdiction: city, submissionType: type, extraction: p, facts, receivedOn: '2026-06-01' }).findings;
const only = <F extends { ruleId: string }>(findings: F[], id: string) => findings.filter((f) => f.ruleId === id);

describe('SX-CLAIM-RESIDENCE: Shaoxing 五（一） conditions as the documents show them', () => {
  // 330602… is a Shaoxing (越城区) household; 110105… a Beijing one. Both with real check digits.
  const roster = doc('roster', {}, { trainees: [
    { seq: v(1), name: v('张伟'), idNumber: v('330602199001011230') },
    { seq: v(2), name: v('李娜'), idNumber: v('11010519491231002X') },
  ] });
  const claim = doc('subsidy-claim-application', { classCode: 'SX-1', certificateDate: '2026-05-20' });
  it('a trainee whose ID number is not a Shaoxing household, with no proof of another condition, is named for the reviewer', () => {
    const f = only(run('shaoxing', 'subsidy-claim', packet(claim, roster)), 'SX-CLAIM-RESIDENCE');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toContain('第2行 李娜');
    expect(f[0]!.message).not.toContain('张伟');
    expect(decide(f as never)).toBe('accepted'); // a remark, not a refusal: the documents cannot say which condition holds
  });
  it('with the 享受补贴对应的证明材料 in the packet, or every trainee a Shaoxing household, nothing is said', () => {
    expect(only(run('shaoxing', 'subsidy-claim', packet(claim, roster, doc('eligibility-proof'))), 'SX-CLAIM-RESIDENCE')).toEqual([]);
    const local = doc('roster', {}, { trainees: [{ seq: v(1), name: v('张伟'), idNumber: v('330602199001011230') }] });
    expect(only(run('shaoxing', 'subsidy-claim', packet(claim, local)), 'SX-CLAIM-RESIDENCE')).toEqual([]);
  });
});

describe('staffing of an institution filing', () => {
  const staff = (rows: [string, string, string][]) => ({ teachers: rows.map(([name, role, employment]) => ({ name: v(name), role: v(role), employment: v(employment) })) });
  it('ZB-QUAL-STARTUP-LECTURERS: 创业培训 needs 3 lecturers, 2 of them its own full-time; 就业技能培训 is not held to it', () => {
    const app = (category: string, rows: [string, string, string][]) => packet(doc('institution-application', { trainingCategory: category, theoryClassroomArea: 320, officeArea: 40, practiceArea: 200, startupClassrooms: 2, startupClassroomArea: 60, simulationPlaces: 30 }, staff(rows)));
    const two = only(run('zibo', 'institution-filing', app('创业培训', [['甲', '理论讲师', '专职'], ['乙', '理论讲师', '兼职'], ['丙', '管理人员', '专职']])), 'ZB-QUAL-STARTUP-LECTURERS');
    expect(two[0]?.message).toContain('讲师2人，少于3人');
    expect(two[0]?.message).toContain('专职教师');
    const team: [string, string, string][] = [['甲', '理论讲师', '专职'], ['乙', '理论讲师', '专职'], ['丙', '实训讲师', '兼职'], ['丁', '创业咨询师', '兼职'], ['戊', '创业咨询师', '兼职'], ['己', '创业导师', '兼职'], ['庚', '创业导师', '兼职'], ['辛', '创业导师', '兼职']];
    expect(only(run('zibo', 'institution-filing', app('创业培训', team)), 'ZB-QUAL-STARTUP-LECTURERS')).toEqual([]);
    // Consultants and mentors are not lecturers, and too few of them is said as such.
    const short = only(run('zibo', 'institution-filing', app('创业培训', team.slice(0, 4))), 'ZB-QUAL-STARTUP-LECTURERS')[0]!.message;
    expect(short).toContain('创业咨询师1人，少于2人');
    expect(short).toContain('创业导师0人，少于3人');
    expect(short).not.toContain('讲师3人');
    expect(only(run('zibo', 'institution-filing', app('就业技能培训', [['甲', '理论讲师', '兼职']])), 'ZB-QUAL-STARTUP-LECTURERS')).toEqual([]);
  });
  it('SD-QUAL-MGMT: a staff table that names roles but no 管理人员 is flagged; one with a manager, or without roles, is not', () => {
    const app = (rows: [string, string, string][]) => packet(doc('institution-application', { theoryClassroomArea: 320, officeArea: 40, practiceArea: 200 }, staff(rows)));
    const f = only(run('heze', 'institution-filing', app([['甲', '理论讲师', '专职'], ['乙', '实训讲师', '专职']])), 'SD-QUAL-MGMT');
    expect(f.map((x) => x.outcome)).toEqual(['FLAG']);
    expect(f[0]!.message).toContain('教学管理人员0人');
    expect(only(run('heze', 'institution-filing', app([['甲', '理论讲师', '专职'], ['乙', '实训讲师', '专职'], ['丙', '管理人员', '专职']])), 'SD-QUAL-MGMT')).toEqual([]);
  });
});

describe('QD-ATT-ONLINE-REPORT: 线上课程结束需有学员学习报告', () => {
  const claim = doc('subsidy-claim-application', { classCode: 'QD-1' });
  it('a claim for a class taught partly online brings its learning report; a class taught in the room is not asked', () => {
    expect(only(run('qidong', 'subsidy-claim', packet(claim, doc('roster'), doc('certificate-copy')), { onlineClasses: true }), 'QD-ATT-ONLINE-REPORT').map((f) => f.outcome)).toEqual(['SUPPLEMENT_ONCE']);
    expect(only(run('qidong', 'subsidy-claim', packet(claim, doc('roster'), doc('certificate-copy'), doc('online-learning-report')), { onlineClasses: true }), 'QD-ATT-ONLINE-REPORT')).toEqual([]);
    expect(only(run('qidong', 'subsidy-claim', packet(claim, doc('roster'), doc('certificate-copy'))), 'QD-ATT-ONLINE-REPORT')).toEqual([]);
  });
});

describe('Qidong: the year\'s trainees and two idle years, from the institution\'s own openings', () => {
  const store = () => new MemoryCaseStore();
  const ids = ['11010519491231002X', '440524188001010014', '110101199003074477'];
  const roster = (n: number) => doc('roster', {}, { trainees: ids.slice(0, n).map((id, i) => ({ seq: v(i + 1), name: v(`学员${i + 1}`), idNumber: v(id) })) });
  async function open(s: MemoryCaseStore, caseId: string, code: string, start: string, n: number, on: string) {
    const extraction = packet(doc('class-opening-application', { classCode: code, startDate: start, traineeCount: n }), roster(n));
    return judge(s, { pack: resolvePack('qidong'), caseId, jurisdiction: 'qidong', institution: 'qd-1', submissionType: 'class-opening', extraction, facts: {}, receivedOn: on, at: `${on}T02:00:00.000Z`, personKeys: {}, before: [] });
  }
  it('QD-OPEN-ANNUAL-QUOTA: an opening that takes the year past the number the registry sets is refused; the next year starts afresh; no number, no limit', async () => {
    const s = store();
    const rows = parseRegistry([['机构编号', '机构名称', '状态', '年度培训人数'], ['qd-1', '启东市甲职业培训学校', '正常', '4']]);
    expect(rows[0]!.annualQuota).toBe(4);
    await importRegistry(s, 'qidong', rows, 'bureau:王', new Date('2026-01-02T00:00:00Z'));
    expect((await open(s, 'QD-A', 'C-1', '2026-03-01', 3, '2026-02-01')).findings.map((f) => f.ruleId)).not.toContain('QD-OPEN-ANNUAL-QUOTA');
    const over = await open(s, 'QD-B', 'C-2', '2026-05-01', 2, '2026-04-01');
    expect(over.findings.find((f) => f.ruleId === 'QD-OPEN-ANNUAL-QUOTA')?.message).toContain('2026年度核定培训人数4人，已开班3人，本班2人，合计5人');
    expect((await open(s, 'QD-C', 'C-3', '2027-03-01', 2, '2026-12-01')).findings.map((f) => f.ruleId)).not.toContain('QD-OPEN-ANNUAL-QUOTA');
    expect(() => parseRegistry([['机构编号', '机构名称', '状态', '年度培训人数'], ['qd-2', '乙', '正常', '很多']])).toThrow(/年度培训人数/);
    const free = store();
    await importRegistry(free, 'qidong', parseRegistry([['机构编号', '机构名称', '状态'], ['qd-1', '启东市甲职业培训学校', '正常']]), 'bureau:王', new Date('2026-01-02T00:00:00Z'));
    expect((await open(free, 'QD-D', 'C-1', '2026-03-01', 3, '2026-02-01')).findings.map((f) => f.ruleId)).not.toContain('QD-OPEN-ANNUAL-QUOTA');
  });
  it('QD-EXIT-IDLE-2Y: a renewal filing after two years without a class opened is flagged for the interview and 整改通知书; one class in the two years is enough', async () => {
    const filing = (s: MemoryCaseStore, caseId: string, on: string) =>
      judge(s, { pack: resolvePack('qidong'), caseId, jurisdiction: 'qidong', institution: 'qd-1', submissionType: 'institution-filing', extraction: packet(doc('institution-application', { institutionName: '启东市甲职业培训学校' })), facts: {}, receivedOn: on, at: `${on}T02:00:00.000Z`, personKeys: {}, before: [] });
    const idle = store();
    await importRegistry(idle, 'qidong', parseRegistry([['机构编号', '机构名称', '协议起始日期', '协议终止日期', '状态'], ['qd-1', '启东市甲职业培训学校', '2024-01-05', '2026-01-04', '正常']]), 'bureau:王', new Date('2024-01-05T00:00:00Z'));
    const f = (await filing(idle, 'QD-F1', '2026-02-01')).findings.find((x) => x.ruleId === 'QD-EXIT-IDLE-2Y');
    expect(f?.outcome).toBe('FLAG');
    expect(f?.message).toContain('2024-02-01至2026-02-01未开班');
    const busy = store();
    await importRegistry(busy, 'qidong', parseRegistry([['机构编号', '机构名称', '协议起始日期', '协议终止日期', '状态'], ['qd-1', '启东市甲职业培训学校', '2024-01-05', '2026-01-04', '正常']]), 'bureau:王', new Date('2024-01-05T00:00:00Z'));
    await open(busy, 'QD-O', 'C-1', '2025-03-01', 2, '2025-02-01');
    expect((await filing(busy, 'QD-F2', '2026-02-01')).findings.map((x) => x.ruleId)).not.toContain('QD-EXIT-IDLE-2Y');
  });
});

describe('the online platform a class with online lessons names (SX-OPEN-ONLINE-PLATFORM, LC-OPEN-ONLINE-PLATFORM)', () => {
  for (const [city, ruleId] of [['shaoxing', 'SX-OPEN-ONLINE-PLATFORM'], ['liaocheng', 'LC-OPEN-ONLINE-PLATFORM']] as const) {
    it(`${ruleId}: an opening with online hours and no platform named is flagged for the reviewer; named, or taught in the room, it is not`, () => {
      const app = (fields: Record<string, string | number>) => packet(doc('class-opening-application', { classCode: 'C-1', startDate: '2026-09-01', ...fields }));
      const f = only(run(city, 'class-opening', app({ onlineHours: 16 })), ruleId);
      expect(f.map((x) => x.outcome)).toEqual(['FLAG']);
      expect(f[0]!.message).toContain('线上培训平台');
      expect(only(run(city, 'class-opening', app({ onlineHours: 16, onlinePlatform: '浙江省职业技能培训在线平台' })), ruleId)).toEqual([]);
      expect(only(run(city, 'class-opening', app({})), ruleId)).toEqual([]);
    });
  }
});

describe('checklist items that no other test names', () => {
  it('QD-QUAL-ENT-23 and QD-QUAL-ENT-4: an enterprise filing brings its premises and its equipment proof (Qidong 第五条 2、3)', () => {
    const filing = (...extra: ExtractedDocument[]) => run('qidong', 'institution-filing', packet(doc('institution-application', { applicantKind: 'enterprise' }), ...extra), { applicantKind: 'enterprise' });
    const missing = filing().map((f) => f.ruleId);
    expect(missing).toEqual(expect.arrayContaining(['QD-QUAL-ENT-23', 'QD-QUAL-ENT-4']));
    const complete = filing(doc('premises-proof'), doc('capital-equipment-proof')).map((f) => f.ruleId);
    expect(complete).not.toContain('QD-QUAL-ENT-23');
    expect(complete).not.toContain('QD-QUAL-ENT-4');
  });
  it('HZ-CLAIM-KEY-ELEMENTS: a Heze claim brings the claim form and the roster the review checks against', () => {
    expect(only(run('heze', 'subsidy-claim', packet(doc('subsidy-claim-application', { classCode: 'HZ-1' }))), 'HZ-CLAIM-KEY-ELEMENTS').map((f) => f.outcome)).toEqual(['SUPPLEMENT_ONCE']);
    expect(only(run('heze', 'subsidy-claim', packet(doc('subsidy-claim-application', { classCode: 'HZ-1' }), doc('roster'))), 'HZ-CLAIM-KEY-ELEMENTS')).toEqual([]);
  });
});

describe('SD-CLAIM-PROXY-SIGNED: the 代领补贴协议书 names every trainee a proxy claim claims for (DB37/T 4498 6.2.3)', () => {
  const trainee = (seq: number, name: string, id: string) => ({ seq: v(seq), name: v(name), idNumber: v(id) });
  const claim = doc('subsidy-claim-application', { classCode: 'LC-1', claimMode: '机构代领' });
  const roster = doc('roster', {}, { trainees: [trainee(1, '张伟', '11010519491231002X'), trainee(2, '李娜', '440524188001010014')] });
  const agreement = (...rows: ReturnType<typeof trainee>[]) => doc('proxy-agreement', { classCode: 'LC-1' }, { trainees: rows });
  it('a trainee claimed for without having signed is asked for, by line; all signed, nothing is said', () => {
    const f = only(run('liaocheng', 'subsidy-claim', packet(claim, roster, agreement(trainee(1, '张伟', '11010519491231002x')))), 'SD-CLAIM-PROXY-SIGNED');
    expect(f.map((x) => [x.outcome, x.rows])).toEqual([['SUPPLEMENT_ONCE', [2]]]);
    expect(f[0]!.message).toContain('第2行 李娜');
    expect(only(run('liaocheng', 'subsidy-claim', packet(claim, roster, agreement(trainee(1, '张伟', '11010519491231002X'), trainee(2, '李娜', '440524188001010014')))), 'SD-CLAIM-PROXY-SIGNED')).toEqual([]);
  });
  it('an agreement read without its list, or a claim the trainees make themselves, is not held to it', () => {
    expect(only(run('liaocheng', 'subsidy-claim', packet(claim, roster, doc('proxy-agreement'))), 'SD-CLAIM-PROXY-SIGNED')).toEqual([]);
    expect(only(run('liaocheng', 'subsidy-claim', packet(doc('subsidy-claim-application', { classCode: 'LC-1', claimMode: '个人申领' }), roster, agreement())), 'SD-CLAIM-PROXY-SIGNED')).toEqual([]);
  });
});

describe('Qidong 第十三条: the same project claimed once, and the subsidised catalogue', () => {
  const ids = ['11010519491231002X', '440524188001010014'];
  const claimPacket = (occupation = '电工') => packet(doc('subsidy-claim-application', { classCode: 'QD-P1', occupation, level: '四级', certificateDate: '2026-05-20' }), doc('roster', {}, { trainees: ids.map((id, i) => ({ seq: v(i + 1), name: v(['张伟', '李娜'][i]!), idNumber: v(id) })) }), doc('certificate-copy'));
  async function claim(s: MemoryCaseStore, caseId: string, on: string) {
    const personKeys = Object.fromEntries(ids.map((id) => [id, `hmac:${id}`]));
    return judge(s, { pack: resolvePack('qidong'), caseId, jurisdiction: 'qidong', institution: 'qd-1', submissionType: 'subsidy-claim', extraction: claimPacket(), facts: { classCode: 'QD-P1' }, receivedOn: on, at: `${on}T02:00:00.000Z`, personKeys, before: [], classCode: 'QD-P1' });
  }
  it('QD-CLAIM-SAME-PROJECT: a second claim for the same class finds its trainees subsidised already; the claim itself again (a redelivery) does not', async () => {
    const s = new MemoryCaseStore();
    await onRegistry(s, 'qidong', 'qd-1');
    await openedClass(s, { city: 'qidong', institution: 'qd-1', classCode: 'QD-P1', personKeys: Object.fromEntries(ids.map((id) => [id, `hmac:${id}`])), receivedOn: '2026-03-01' });
    const first = await claim(s, 'QD-CL-1', '2026-06-01');
    expect(first.findings.map((f) => f.ruleId)).not.toContain('QD-CLAIM-SAME-PROJECT');
    expect((await claim(s, 'QD-CL-1', '2026-06-01')).findings.map((f) => f.ruleId)).not.toContain('QD-CLAIM-SAME-PROJECT');
    if (first.outcome !== 'accepted' && first.outcome !== 'warning') return expect.unreachable(`the first claim went ${first.outcome}: ${first.findings.map((f) => f.ruleId).join(', ')}`);
    const again = await claim(s, 'QD-CL-2', '2026-06-10');
    const f = again.findings.find((x) => x.ruleId === 'QD-CLAIM-SAME-PROJECT');
    expect(f?.outcome).toBe('NO_SUBSIDY');
    expect(f?.rows).toEqual([1, 2]);
    expect(f?.message).toContain('案件QD-CL-1');
  });
  it('QD-CLAIM-CATALOG: with the bureau\'s catalogue in the pack, an occupation off it is refused; the shipped pack lists none and checks nothing', () => {
    const pack = resolvePack('qidong');
    const listed = { ...pack, rules: pack.rules.map((r) => (r.id === 'QD-CLAIM-CATALOG' && r.check === 'occupation-catalogue' ? { ...r, params: { occupations: ['电工', '保育师（四级）'] } } : r)) };
    const ruleIds = (p: typeof pack, occupation: string) => evaluate(p, { jurisdiction: 'qidong', submissionType: 'subsidy-claim', extraction: claimPacket(occupation), facts: {}, receivedOn: '2026-06-01' }).findings.filter((f) => f.ruleId === 'QD-CLAIM-CATALOG');
    expect(ruleIds(listed, '茶艺师').map((f) => [f.outcome, f.message])).toEqual([['REJECT', '申领补贴的职业（工种）茶艺师不在政府补贴性职业技能培训职业（工种）目录内，不予补贴。']]);
    expect(ruleIds(listed, '保育师')).toEqual([]);
    expect(ruleIds(pack, '茶艺师')).toEqual([]);
  });
});

describe('SD-CLAIM-STUDENT-CAP: students at most three subsidies while enrolled (鲁人社字〔2022〕72号 一（三）)', () => {
  const id = '11010519491231002X';
  const key = `hmac:${id}`;
  const claimIn = (code: string, occupation: string, date: string, category: string) =>
    packet(doc('subsidy-claim-application', { classCode: code, occupation, level: '五级', certificateDate: date }), doc('roster', {}, { trainees: [{ seq: v(1), name: v('张伟'), idNumber: v(id), category: v(category) }] }), doc('certificate-copy'));
  async function claim(s: MemoryCaseStore, caseId: string, code: string, occupation: string, date: string, category = '在校学生') {
    await openedClass(s, { city: 'liaocheng', institution: 'lc-1', classCode: code, personKeys: { [id]: key }, receivedOn: '2024-01-02' });
    return judge(s, { pack: resolvePack('liaocheng'), caseId, jurisdiction: 'liaocheng', institution: 'lc-1', submissionType: 'subsidy-claim', extraction: claimIn(code, occupation, date, category), facts: { classCode: code }, receivedOn: date, at: `${date}T02:00:00.000Z`, personKeys: { [id]: key }, before: [], classCode: code });
  }
  it('a student\'s fourth subsidy in four years is not paid (over two years, under the yearly cap); a trainee not marked a student is not held to it', async () => {
    const s = new MemoryCaseStore();
    await onRegistry(s, 'liaocheng', 'lc-1');
    await claim(s, 'LC-S1', 'LC-S1', '电工', '2024-05-01');
    await claim(s, 'LC-S2', 'LC-S2', '焊工', '2024-09-01');
    await claim(s, 'LC-S3', 'LC-S3', '茶艺师', '2025-03-01');
    const fourth = await claim(s, 'LC-S4', 'LC-S4', '保育师', '2025-06-01');
    const f = fourth.findings.find((x) => x.ruleId === 'SD-CLAIM-STUDENT-CAP');
    expect(f?.outcome).toBe('NO_SUBSIDY');
    expect(f?.message).toContain('在校期间已享受培训补贴3次');
    expect(fourth.findings.map((x) => x.ruleId)).not.toContain('SD-CLAIM-ANNUAL-CAP'); // two in 2025: the yearly cap is not reached
    const worker = new MemoryCaseStore();
    await onRegistry(worker, 'liaocheng', 'lc-1');
    for (const [n, occupation, date] of [[1, '电工', '2024-05-01'], [2, '焊工', '2024-09-01'], [3, '茶艺师', '2025-03-01']] as const) await claim(worker, `LC-W${n}`, `LC-W${n}`, occupation, date, '城乡劳动者');
    expect((await claim(worker, 'LC-W4', 'LC-W4', '保育师', '2025-06-01', '城乡劳动者')).findings.map((x) => x.ruleId)).not.toContain('SD-CLAIM-STUDENT-CAP');
  });
});

describe('licences valid where the copy shows their term (ZB-QUAL-LICENCE-VALID, QD-QUAL-LICENCE-VALID)', () => {
  for (const [city, ruleId, facts] of [['zibo', 'ZB-QUAL-LICENCE-VALID', {}], ['qidong', 'QD-QUAL-LICENCE-VALID', { applicantKind: 'institution' as const }]] as const) {
    it(`${ruleId}: a licence that ran out before the filing came is refused; one still valid, or one that shows no term, is not`, () => {
      const filing = (licence: ExtractedDocument) => only(run(city, 'institution-filing', packet(doc('institution-application', { institutionName: '测试职业培训学校', applicantKind: 'institution' }), licence), facts), ruleId);
      const f = filing(doc('business-licence', { validUntil: '2026-05-31' }));
      expect(f.map((x) => x.outcome)).toEqual(['REJECT']);
      expect(f[0]!.message).toContain('有效期至2026-05-31，2026-06-01收到申报时已过期');
      expect(filing(doc('business-licence', { validUntil: '2026-06-01' }))).toEqual([]);
      expect(filing(doc('business-licence'))).toEqual([]);
    });
  }
});

describe('SD-CLAIM-ENTERPRISE-ONCE: 同一家企业内同一名职工享受1次补贴 (鲁人社字〔2022〕72号 一（二）)', () => {
  const id = '11010519491231002X';
  const key = `hmac:${id}`;
  async function claim(s: MemoryCaseStore, institution: string, code: string, occupation: string, date: string, claimMode = '直补企业') {
    await openedClass(s, { city: 'zibo', institution, classCode: code, personKeys: { [id]: key }, receivedOn: '2024-01-02' });
    await assessedClass(s, { city: 'zibo', institution, classCode: code, receivedOn: '2024-01-10' });
    const extraction = packet(doc('subsidy-claim-application', { classCode: code, occupation, level: '五级', certificateDate: date, claimMode }), doc('roster', {}, { trainees: [{ seq: v(1), name: v('张伟'), idNumber: v(id) }] }), doc('certificate-copy'));
    return judge(s, { pack: resolvePack('zibo'), caseId: `${institution}-${code}`, jurisdiction: 'zibo', institution, submissionType: 'subsidy-claim', extraction, facts: { classCode: code }, receivedOn: date, at: `${date}T02:00:00.000Z`, personKeys: { [id]: key }, before: [], classCode: code });
  }
  it('an enterprise paid once for an employee is not paid again for them; another enterprise, or a claim the trainee makes, is not held to it', async () => {
    const s = new MemoryCaseStore();
    for (const e of ['ent-a', 'ent-b']) await onRegistry(s, 'zibo', e);
    expect((await claim(s, 'ent-a', 'E-1', '电工', '2025-03-01')).findings.map((f) => f.ruleId)).not.toContain('SD-CLAIM-ENTERPRISE-ONCE');
    const again = (await claim(s, 'ent-a', 'E-2', '焊工', '2026-03-01')).findings.find((f) => f.ruleId === 'SD-CLAIM-ENTERPRISE-ONCE');
    expect(again?.outcome).toBe('NO_SUBSIDY');
    expect(again?.message).toContain('已于2025年由本企业申领职业培训补贴');
    expect((await claim(s, 'ent-b', 'E-3', '茶艺师', '2026-04-01')).findings.map((f) => f.ruleId)).not.toContain('SD-CLAIM-ENTERPRISE-ONCE');
    expect((await claim(s, 'ent-a', 'E-4', '保育师', '2026-05-01', '直补个人')).findings.map((f) => f.ruleId)).not.toContain('SD-CLAIM-ENTERPRISE-ONCE');
  });
});

describe('HZ-OPEN-COMMITMENT-SIGNED: the 培训承诺书 signed and dated (Heze 第十一条（五）)', () => {
  it('a commitment read with its class but no signature or date is remarked; signed and dated, or not read at all, it is not', () => {
    const opening = (letter: ExtractedDocument) => only(run('heze', 'class-opening', packet(doc('class-opening-application', { classCode: 'HZ-1', startDate: '2026-09-01' }), letter)), 'HZ-OPEN-COMMITMENT-SIGNED');
    expect(opening(doc('commitment-letter', { classCode: 'HZ-1', signer: '刘强' })).map((f) => [f.outcome, f.message])).toEqual([['FLAG', '培训承诺书未见承诺日期，请核实承诺书是否已签署。']]);
    expect(opening(doc('commitment-letter', { classCode: 'HZ-1', signer: '刘强', commitmentDate: '2026-08-20' }))).toEqual([]);
    expect(opening(doc('commitment-letter'))).toEqual([]);
  });
});

describe('LC-OPEN-ONLINE-THEORY-ONLY: online lessons for theory only (Liaocheng 四（三）)', () => {
  const schedule = (...sessions: [string, string, string][]) => doc('schedule', {}, { sessions: sessions.map(([date, content, mode]) => ({ date: v(date), content: v(content), mode: v(mode) })) });
  const app = doc('class-opening-application', { classCode: 'LC-9', startDate: '2026-09-01' });
  it('a practical lesson scheduled online is sent back to be rescheduled; theory online and practice in the room are not', () => {
    const f = only(run('liaocheng', 'class-opening', packet(app, schedule(['2026-09-01', '安全用电理论', 'online'], ['2026-09-02', '配电柜接线实操', 'online']))), 'LC-OPEN-ONLINE-THEORY-ONLY');
    expect(f.map((x) => x.outcome)).toEqual(['SUPPLEMENT_ONCE']);
    expect(f[0]!.message).toContain('2026-09-02 配电柜接线实操');
    expect(only(run('liaocheng', 'class-opening', packet(app, schedule(['2026-09-01', '安全用电理论', 'online'], ['2026-09-02', '配电柜接线实操', 'practice']))), 'LC-OPEN-ONLINE-THEORY-ONLY')).toEqual([]);
  });
});
