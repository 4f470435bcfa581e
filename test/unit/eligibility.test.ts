// Eligibility and staffing as far as the documents show it (issue 21, item 2): trainees' households from
// their ID numbers (Shaoxing 五（一）), the lecturers an entrepreneurship-training institution needs (Zibo 附件1
// 三（一）2), teaching-management staff (DB37/T 4498 5.4.2), and Qidong's learning report for online lessons.
import { describe, expect, it } from 'vitest';
import type { ExtractedDocument, Extraction, Jurisdiction, SubmissionType } from '../../lib/domain/schemas.ts';
import { decide } from '../../lib/cases/decide.ts';
import { evaluate, type PacketFacts } from '../../lib/rules/evaluate.ts';
import { resolvePack } from '../../lib/rules/pack.ts';

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
    expect(only(run('zibo', 'institution-filing', app('创业培训', [['甲', '理论讲师', '专职'], ['乙', '理论讲师', '专职'], ['丙', '实训讲师', '兼职']])), 'ZB-QUAL-STARTUP-LECTURERS')).toEqual([]);
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
