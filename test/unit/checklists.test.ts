// Every city's checklists for every submission type its seed describes, the province's rules its
// cities inherit (and the ones a city replaces), and a test naming every rule of the catalogue.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DocumentType, ExtractedDocument, Extraction, Jurisdiction, SubmissionType } from '../../lib/domain/schemas.ts';
import { JURISDICTIONS } from '../../lib/domain/schemas.ts';
import { listRules } from '../../lib/rules/catalogue.ts';
import { evaluate } from '../../lib/rules/evaluate.ts';
import { decide } from '../../lib/cases/decide.ts';
import { loadPackFile, resolvePack } from '../../lib/rules/pack.ts';

const seed = (file: string) => readFileSync(new URL(`../../lib/jurisdictions/sources/${file}`, import.meta.url), 'utf8');
const squash = (s: string) => s.replace(/\s+/g, '');
type Value = string | number | boolean | null;
const doc = (type: DocumentType, fields: Record<string, Value> = {}): ExtractedDocument => ({ type, pages: [1], confidence: 0.99, fields: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, { value: v }])) });
const packet = (...documents: ExtractedDocument[]): Extraction => ({ file: 'p.pdf', pageCount: documents.length, documents, problems: [] });
const ids = (city: Jurisdiction, type: SubmissionType, p: Extraction) => evaluate(resolvePack(city), { jurisdiction: city, submissionType: type, extraction: p, facts: {} }).findings.map((f) => f.ruleId);

describe("Shandong's standard in its cities (DB37/T 4498—2022)", () => {
  const app = (headTeacher: string | null) => doc('class-opening-application', { className: '电工1期', startDate: '2026-12-01', traineeCount: 0, trainingType: '岗位技能提升培训', totalHours: 40, practicalHours: 30, headTeacher });

  it('SD-OPEN-PLAN-CONTENT and SD-OPEN-HEAD-TEACHER: a class needs its plan and a full-time head teacher', () => {
    for (const city of ['zibo', 'liaocheng'] as const) {
      expect(ids(city, 'class-opening', packet(app('王芳'), doc('schedule'), doc('roster'), doc('teacher-list')))).toEqual([]);
      expect(ids(city, 'class-opening', packet(app(null), doc('roster'), doc('teacher-list')))).toEqual(['SD-OPEN-PLAN-CONTENT', 'SD-OPEN-HEAD-TEACHER']);
    }
  });

  it('SD-OPEN-APPLICATION, -ROSTER, -TEACHERS: Liaocheng and Zibo, whose seeds list no opening items, are held to the province\'s (DB37/T 4498 6.4.4, 6.2.2, 6.1.1): a 课程表 alone is not an opening', () => {
    for (const city of ['zibo', 'liaocheng'] as const) {
      const found = ids(city, 'class-opening', packet(doc('schedule')));
      expect(found).toEqual(expect.arrayContaining(['SD-OPEN-APPLICATION', 'SD-OPEN-ROSTER', 'SD-OPEN-TEACHERS']));
      const r = evaluate(resolvePack(city), { jurisdiction: city, submissionType: 'class-opening', extraction: packet(doc('schedule')), facts: {} });
      expect(decide(r.findings)).toBe('supplement-required');
    }
    // Heze has its own seven items: the province's are not asked twice.
    expect(resolvePack('heze').rules.some((r) => r.id === 'SD-OPEN-ROSTER')).toBe(false);
  });

  it('QD-CLAIM-DOCS-1/2: a Qidong claim holding only the claim form is asked for its roster and certificates (第十二条, 第十三条)', () => {
    const found = ids('qidong', 'subsidy-claim', packet(doc('subsidy-claim-application', { classCode: 'Q-1' })));
    expect(found).toEqual(expect.arrayContaining(['QD-CLAIM-DOCS-1', 'QD-CLAIM-DOCS-2']));
    expect(ids('qidong', 'subsidy-claim', packet(doc('subsidy-claim-application', { classCode: 'Q-1' }), doc('roster'), doc('certificate-copy')))).not.toContain('QD-CLAIM-DOCS-1');
  });

  it("Heze's own seven-item list replaces the province's plan rule: one finding for one missing plan", () => {
    const found = ids('heze', 'class-opening', packet(app('王芳'), doc('roster'), doc('certificate-copy'), doc('commitment-letter'), doc('safety-commitment-letter')));
    expect(found).toContain('HZ-OPEN-DOCS-3');
    expect(found).not.toContain('SD-OPEN-PLAN-CONTENT');
    expect(resolvePack('zibo').rules.some((r) => r.id === 'SD-OPEN-PLAN-CONTENT')).toBe(true);
  });

  it('SD-ATT-REGISTER: an attendance submission brings its sign-in records', () => {
    expect(ids('liaocheng', 'attendance', packet())).toEqual(['SD-ATT-REGISTER']);
    expect(ids('liaocheng', 'attendance', packet(doc('sign-in-sheet', { date: '2026-12-02' })))).toEqual([]);
  });

  it('SD-ASSESS-APPLICATION: an assessment submission is the 结业考核申请', () => {
    expect(ids('heze', 'assessment-application', packet(doc('other')))).toEqual(['HZ-ASSESS-PLAN', 'SD-ASSESS-APPLICATION']);
    expect(ids('heze', 'assessment-application', packet(doc('assessment-application-form')))).toEqual(['HZ-ASSESS-PLAN']);
    // HZ-ASSESS-PLAN (第十四条): the 结业考核方案 with it, nothing to remark; without, a remark for the reviewer, not a supplement.
    expect(ids('heze', 'assessment-application', packet(doc('assessment-application-form'), doc('assessment-plan')))).toEqual([]);
  });

  it('SD-CLAIM-PROXY-AGREEMENT: a proxy claim (机构代领) brings the 代领补贴协议书; a claim that does not say so is not asked', () => {
    const claim = (claimMode: string | null) => doc('subsidy-claim-application', { classCode: 'ZB-1', claimMode });
    const certificates = doc('certificate-copy');
    expect(ids('zibo', 'subsidy-claim', packet(claim('机构代领'), certificates))).toEqual(['SD-CLAIM-PROXY-AGREEMENT']);
    expect(ids('zibo', 'subsidy-claim', packet(claim('机构代领'), certificates, doc('proxy-agreement')))).toEqual([]);
    expect(ids('zibo', 'subsidy-claim', packet(claim(null), certificates))).toEqual([]);
    expect(ids('zibo', 'subsidy-claim', packet(claim(null)))).toEqual(['SD-CLAIM-CERTIFICATES']);
  });
});

describe('Qidong attendance', () => {
  it('QD-ATT-VIDEO: one video per lesson, handed in after the training', () => {
    expect(ids('qidong', 'attendance', packet(doc('sign-in-sheet')))).toEqual(['QD-ATT-VIDEO']);
    expect(ids('qidong', 'attendance', packet(doc('sign-in-sheet'), doc('video-record')))).toEqual([]);
  });
});

describe('checklists for every submission type the seeds describe', () => {
  // (city, submission type) → what the seed says about it; each needs at least one rule that asks for a document.
  const described: [Jurisdiction, SubmissionType, string][] = [
    ['zibo', 'institution-filing', '000 三、签订职业技能培训协议流程 (申报表)'],
    ['zibo', 'class-opening', 'DB37/T 6.1.1 培训计划'],
    ['zibo', 'attendance', 'DB37/T 6.4.3 考勤'],
    ['zibo', 'assessment-application', 'DB37/T 6.5.2 结业考核申请'],
    ['zibo', 'subsidy-claim', 'DB37/T 6.2.3 代领补贴协议书'],
    ['liaocheng', 'class-opening', '三（二）开班备案 + DB37/T'],
    ['liaocheng', 'change-request', '三（三）书面报备'],
    ['liaocheng', 'attendance', 'DB37/T 6.4.3'],
    ['liaocheng', 'assessment-application', 'DB37/T 6.5.2'],
    ['liaocheng', 'subsidy-claim', 'DB37/T 6.2.3'],
    ['heze', 'class-opening', '第十一条 7 items'],
    ['heze', 'attendance', 'DB37/T 6.4.3'],
    ['heze', 'assessment-application', 'DB37/T 6.5.2'],
    ['heze', 'subsidy-claim', 'DB37/T 6.2.3'],
    ['shaoxing', 'class-opening', '附件1'],
    ['shaoxing', 'change-request', '附件2 工作联系单'],
    ['shaoxing', 'attendance', '附件3 签到表'],
    ['shaoxing', 'assessment-application', '四 考核（认定）申请'],
    ['shaoxing', 'subsidy-claim', '附件5'],
    ['qidong', 'institution-filing', '附件1 (institutions and enterprises)'],
    ['qidong', 'class-opening', '第八条 开班备案表 + 花名册'],
    ['qidong', 'change-request', '附件2 申请报告'],
    ['qidong', 'attendance', '附件2 一课一视频'],
  ];
  for (const [city, type, what] of described) {
    it(`${city} ${type}: ${what}`, () => {
      const rules = resolvePack(city).rules.filter((r) => r.submissionTypes.includes(type) && r.check === 'required-document');
      expect(rules.length).toBeGreaterThan(0);
      // An empty packet is asked for at least one document (conditional items aside).
      expect(evaluate(resolvePack(city), { jurisdiction: city, submissionType: type, extraction: packet(), facts: {} }).findings.length).toBeGreaterThan(0);
    });
  }

  it('agreement terms and publicity clauses quote their seed, and a pack may only replace a rule it inherits', () => {
    for (const j of JURISDICTIONS) {
      const a = loadPackFile(j)?.agreement;
      if (a) expect(squash(seed(a.source.file))).toContain(squash(a.source.quote));
      const pub = loadPackFile(j)?.publicity;
      if (pub) expect(squash(seed(pub.source.file)), `${j} publicity`).toContain(squash(pub.source.quote));
    }
    for (const j of JURISDICTIONS) {
      const pack = loadPackFile(j)!;
      const inherited = pack.inherits ? loadPackFile(pack.inherits)!.rules.map((r) => r.id) : [];
      for (const id of pack.replaces) expect(inherited, `${j} replaces ${id}`).toContain(id);
    }
  });
});

describe('every checklist item, in every city: present passes, absent is asked for', () => {
  for (const city of JURISDICTIONS) {
    for (const rule of resolvePack(city).rules) {
      if (rule.check !== 'required-document') continue;
      const type = rule.submissionTypes[0]!;
      it(`${city} ${rule.id}: ${rule.params.item}`, () => {
        // Make the rule's condition hold: the facts an uploader declares, or the documents that show it.
        const when = rule.params.when;
        const base: ExtractedDocument[] = [];
        if (when === 'entrepreneurship-training') base.push(doc('class-opening-application', { trainingType: '创业培训' }));
        if (when === 'claim-by-institution') base.push(doc('subsidy-claim-application', { claimMode: '机构代领' }));
        if (when === 'applicant-institution' || when === 'applicant-enterprise') base.push(doc('institution-application', { applicantKind: when === 'applicant-institution' ? 'institution' : 'enterprise' }));
        const facts = { offsiteVenue: when === 'offsite-venue', onlineClasses: when === 'online-classes' };
        const run = (docs: ExtractedDocument[]) =>
          evaluate(resolvePack(city), { jurisdiction: city, submissionType: type, extraction: packet(...docs), facts }).findings.filter((f) => f.ruleId === rule.id);
        const present = rule.params.mode === 'any' ? [rule.params.documentTypes[0]!] : rule.params.documentTypes;
        expect(run([...base, ...present.filter((t) => !base.some((d) => d.type === t)).map((t) => doc(t))])).toEqual([]);
        const absent = base.filter((d) => !rule.params.documentTypes.includes(d.type));
        const found = run(absent);
        expect(found).toHaveLength(1);
        expect(found[0]!.message).not.toContain('{');
        expect(squash(seed(found[0]!.source.file))).toContain(squash(found[0]!.source.quote));
      });
    }
  }
});

describe('every rule has a test', () => {
  it('each rule id of the catalogue is named in a test that evaluates it (checklist items: the loop above)', () => {
    const dir = path.resolve(import.meta.dirname, '..');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.test.ts'));
    const text = files.map((f) => readFileSync(path.join(dir, f), 'utf8')).join('\n');
    const untested = listRules().filter((r) => r.check !== 'required-document' && !text.includes(r.id)).map((r) => r.id);
    expect(untested).toEqual([]);
  });
});
