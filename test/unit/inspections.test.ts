// Inspections as the bureau's input (issue 21): what inspectors found, judged by each city's clause for it,
// and what follows in the institution's ledger — a rectification (with training suspended in Shaoxing), an
// exit when it is not met — read back by the rules that refuse a suspended or exited institution's packets.
// Everything goes through the pipeline's own judge() and ledgers; the record is built by the product's
// inspectionDocument(), as the console and `intake inspections add` build it.
import { describe, expect, it } from 'vitest';
import type { ExtractedDocument, Extraction, Jurisdiction, SubmissionType } from '../../lib/domain/schemas.ts';
import { inspectionDocument } from '../../lib/cases/inspection.ts';
import { complaintDocument } from '../../lib/cases/complaint.ts';
import { disclosedCase } from '../../lib/identity/disclosure.ts';
import { FieldSealer, sealPersonalData } from '../../lib/identity/sealed-fields.ts';
import { judge } from '../../lib/cases/judge.ts';
import { decided, registryEntry, setStanding } from '../../lib/cases/registry.ts';
import { NOTICE_TITLES, noticeKindFor, noticeTitle } from '../../lib/render/notice.ts';
import { institutionKeyOf, ledgerWrites, openRectifications, standingOf } from '../../lib/rules/history.ts';
import { resolvePack } from '../../lib/rules/pack.ts';
import type { InspectionFindingKind } from '../../lib/domain/inspection.ts';
import { MemoryCaseStore } from '../memory-stores.ts';

const doc = (type: ExtractedDocument['type'], fields: Record<string, string | number> = {}): ExtractedDocument => ({
  type, pages: [1], confidence: 0.99, fields: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, { value: v }])),
});
const packet = (...documents: ExtractedDocument[]): Extraction => ({ file: 'p', pageCount: documents.length, documents, problems: [] });

class Bureau {
  readonly store = new MemoryCaseStore();
  private n = 0;
  constructor(readonly city: Jurisdiction, readonly institution = 'inst-001') {}

  async registered() {
    await setStanding(this.store, institutionKeyOf(this.city, this.institution), (s) => s ?? { status: 'active', name: '测试职业培训学校', by: 'bureau:import', at: '2026-01-01T00:00:00.000Z' });
  }

  async judge(type: SubmissionType, extraction: Extraction, on: string, classCode = 'C-1') {
    await this.registered();
    const caseId = `${this.city}-${++this.n}`;
    const j = await judge(this.store, {
      pack: resolvePack(this.city), caseId, jurisdiction: this.city, institution: this.institution, submissionType: type, extraction, facts: { classCode },
      receivedOn: on, at: `${on}T0${this.n % 10}:00:00.000Z`, personKeys: {}, before: [], classCode,
    });
    return { caseId, ...j, find: (id: string) => j.findings.find((f) => f.ruleId === id), notice: noticeKindFor(j.outcome, j.findings, type === 'inspection') };
  }

  inspect(on: string, found: (InspectionFindingKind | [InspectionFindingKind, string])[], counts: { present?: number; enrolled?: number } = {}) {
    const record = inspectionDocument({
      jurisdiction: this.city, institution: this.institution, classCode: 'C-1', date: on, inspectors: ['张检查', '李检查'], ...(counts.present !== undefined ? { presentCount: counts.present, enrolledCount: counts.enrolled } : {}),
      findings: found.map((f) => (Array.isArray(f) ? { kind: f[0], note: f[1], evidence: [] } : { kind: f, note: '', evidence: [] })),
    });
    return this.judge('inspection', packet(record), on);
  }

  async ledger() {
    return (await this.store.loadHistory({ persons: [], classKey: null, institutionKey: institutionKeyOf(this.city, this.institution) })).history.institution;
  }

  /** An opening of another class, judged against the institution's standing as the ledger has it. */
  opening(on: string) {
    return this.judge('class-opening', packet(doc('class-opening-application', { classCode: 'C-2', startDate: '2026-09-01' })), on, 'C-2');
  }

  async close(caseId: string, on: string) {
    const keys = { persons: [], classKey: null, institutionKey: institutionKeyOf(this.city, this.institution) };
    const snap = await this.store.loadHistory(keys);
    const closure = { caseId, on, at: `${on}T09:00:00.000Z`, by: 'bureau:王', note: '已补课并提交整改报告', evidence: [] };
    await this.store.commitHistory(keys, snap.versions, ledgerWrites(snap.history, `closure:${caseId}`, { persons: {}, klass: null, filing: null, attendance: [], standing: null, closure }));
  }
}

describe('an inspection that finds nothing', () => {
  it('is accepted, answered by a 监督检查结果告知书, and opens nothing', async () => {
    const b = new Bureau('qidong');
    const r = await b.inspect('2026-06-01', []);
    expect(r.outcome).toBe('accepted');
    expect(r.notice).toBe('inspection-result');
    expect(NOTICE_TITLES[r.notice]).toBe('职业培训监督检查结果告知书');
    expect((await b.ledger()).measures).toEqual([]);
    expect(r.passed).toContain('QD-EXIT-INSPECTION-REFUSED');
  });
});

describe('Qidong 第十四条: an exit trigger brings the 整改通知书, a second one during the rectification the exit', () => {
  const triggers: [string, InspectionFindingKind][] = [
    ['QD-EXIT-INSPECTION-FAKE-TRAINING', 'trainees-unreachable'],
    ['QD-EXIT-INSPECTION-FAKE-TRAINING', 'not-per-plan'],
    ['QD-EXIT-INSPECTION-FRAUD-FEES', 'fees-charged'],
    ['QD-EXIT-INSPECTION-FRAUD-FEES', 'subsidy-fraud'],
    ['QD-EXIT-INSPECTION-SUBCONTRACT', 'subcontracted'],
    ['QD-EXIT-INSPECTION-REFUSED', 'refused-inspection'],
    ['QD-EXIT-INSPECTION-INCIDENT', 'major-incident'],
  ];
  for (const [ruleId, kind] of triggers) {
    it(`${ruleId}: ${kind} → EXIT, 整改通知书, a rectification opened; a finding of another clause does not fire it`, async () => {
      const b = new Bureau('qidong');
      const r = await b.inspect('2026-06-01', [[kind, '抽查学员电话']]);
      expect(r.find(ruleId)?.outcome).toBe('EXIT');
      expect(r.find(ruleId)?.message).toContain('抽查学员电话');
      expect(r.outcome).toBe('warning');
      expect(NOTICE_TITLES[r.notice]).toBe('整改通知书');
      expect(openRectifications(await b.ledger()).map((m) => m.caseId)).toEqual([r.caseId]);
      // The institution is not suspended by a Qidong rectification: its openings go on.
      expect((await b.opening('2026-06-02')).find('QD-QUAL-AGREEMENT-STANDING')).toBeUndefined();
      const other = await new Bureau('qidong').inspect('2026-06-01', [kind === 'false-advertising' ? 'records-not-kept' : 'false-advertising']);
      expect(other.find(ruleId)).toBeUndefined();
    });
  }

  it('QD-EXIT-INSPECTION-COMPLAINTS: one verified complaint is recorded; the second brings the 整改通知书', async () => {
    const b = new Bureau('qidong');
    const first = await b.inspect('2026-06-01', [['verified-complaint', '学员投诉收费']]);
    expect(first.find('QD-EXIT-INSPECTION-COMPLAINTS')).toBeUndefined();
    expect(first.outcome).toBe('accepted');
    const second = await b.inspect('2026-07-01', [['verified-complaint', '再次投诉']]);
    expect(second.find('QD-EXIT-INSPECTION-COMPLAINTS')?.message).toContain('已达2次（2026-06-01、2026-07-01）');
    expect(NOTICE_TITLES[second.notice]).toBe('整改通知书');
  });

  it('QD-EXIT-ATTENDANCE-70 counts what inspections find: the third time under 70 % brings the 整改通知书', async () => {
    const b = new Bureau('qidong');
    expect((await b.inspect('2026-06-01', [], { present: 13, enrolled: 20 })).find('QD-EXIT-ATTENDANCE-70')).toBeUndefined();
    expect((await b.inspect('2026-06-08', [], { present: 14, enrolled: 20 })).find('QD-EXIT-ATTENDANCE-70')).toBeUndefined(); // 70 % is not under 70 %
    expect((await b.inspect('2026-06-15', [], { present: 12, enrolled: 20 })).find('QD-EXIT-ATTENDANCE-70')).toBeUndefined();
    const third = await b.inspect('2026-06-22', [], { present: 10, enrolled: 20 });
    expect(third.find('QD-EXIT-ATTENDANCE-70')?.message).toContain('到课率低于70%的情况已达3次（2026-06-01 65%、2026-06-15 60%、2026-06-22 50%）');
    expect(openRectifications(await b.ledger())).toHaveLength(1);
  });

  it('QD-EXIT-NOT-RECTIFIED: a trigger found again while rectifying exits the institution; its openings and filings are refused', async () => {
    const b = new Bureau('qidong');
    const first = await b.inspect('2026-06-01', ['trainees-unreachable']);
    expect(first.find('QD-EXIT-NOT-RECTIFIED')).toBeUndefined(); // nothing to rectify yet
    const second = await b.inspect('2026-06-20', [['not-per-plan', '未按课程表上课']]);
    const f = second.find('QD-EXIT-NOT-RECTIFIED')!;
    expect(f.outcome).toBe('DISQUALIFY');
    expect(f.message).toContain(`2026-06-20`.slice(0, 0) + '下达整改通知后');
    expect(f.source.quote).toBe('凡在规定期限内达不到整改要求的，取消培训补贴享受资格并自动解除技能培训备案协议');
    expect(second.outcome).toBe('rejected');
    expect(second.notice).toBe('disqualification');
    expect(noticeTitle(second.notice, resolvePack('qidong').issuer.name, resolvePack('qidong').exit)).toBe('解除技能培训备案协议通知书');
    const ledger = await b.ledger();
    expect(standingOf(ledger)?.status).toBe('exited');
    expect(registryEntry(institutionKeyOf('qidong', 'inst-001'), ledger.standing, ledger).status).toBe('exited');
    const opening = await b.opening('2026-06-21');
    expect(opening.find('QD-QUAL-AGREEMENT-STANDING')?.message).toContain('已退出');
    const filing = await b.judge('institution-filing', packet(doc('institution-application', { institutionName: '测试职业培训学校' })), '2026-07-01');
    expect(filing.find('QD-QUAL-EXIT-BAR')).toBeDefined();
  });

  it('after the bureau closes the rectification, a new finding opens a new one rather than an exit', async () => {
    const b = new Bureau('qidong');
    const first = await b.inspect('2026-06-01', ['trainees-unreachable']);
    await b.close(first.caseId, '2026-06-10');
    const again = await b.inspect('2026-07-01', ['not-per-plan']);
    expect(again.find('QD-EXIT-NOT-RECTIFIED')).toBeUndefined();
    expect(again.notice).toBe('rectification');
  });

  it('the bureau reinstating an exited institution stands over the inspection that exited it', async () => {
    const b = new Bureau('qidong');
    await b.inspect('2026-06-01', ['subcontracted']);
    await b.inspect('2026-06-20', ['subcontracted']);
    expect(standingOf(await b.ledger())?.status).toBe('exited');
    await setStanding(b.store, institutionKeyOf('qidong', 'inst-001'), (s) => decided(s, 'active', '复核后恢复', 'bureau:王', new Date('2026-08-01T00:00:00Z')));
    expect(standingOf(await b.ledger())?.status).toBe('active');
  });
});

describe('Shaoxing 五、其他: hours voided, a 附件4 warning, training suspended until the bureau closes the rectification', () => {
  const warning: InspectionFindingKind[] = ['not-per-plan', 'no-attendance-record', 'proxy-signature', 'identity-mismatch', 'records-not-kept', 'no-video', 'no-practical-record'];
  for (const kind of warning) {
    it(`SX-EXIT-INSPECTION-WARNING: ${kind}`, async () => {
      const b = new Bureau('shaoxing');
      const r = await b.inspect('2026-06-01', [kind]);
      const f = r.find('SX-EXIT-INSPECTION-WARNING')!;
      expect(f.outcome).toBe('HOURS_INVALID');
      expect(f.message).toContain('该培训课时视为无效');
      expect(r.notice).toBe('warning');
      expect(noticeTitle(r.notice, resolvePack('shaoxing').issuer.name)).toBe('绍兴市职业培训不规范行为书面警告通知书');
      const [m] = openRectifications(await b.ledger());
      expect(m).toMatchObject({ suspends: true, dueBy: '2026-06-10' }); // 7 working days after 2026-06-01 (端午 on 06-19 not in reach)
    });
  }

  it('while suspended, an opening is refused; closed, it is accepted; the class\'s claim carries the voided hours', async () => {
    const b = new Bureau('shaoxing');
    const r = await b.inspect('2026-06-01', [['proxy-signature', '第3行代签']]);
    expect(standingOf(await b.ledger())).toMatchObject({ status: 'suspended', since: '2026-06-01' });
    expect(registryEntry(institutionKeyOf('shaoxing', 'inst-001'), null, await b.ledger()).rectifications?.[0]).toMatchObject({ caseId: r.caseId, suspends: true });
    expect((await b.opening('2026-06-03')).find('SX-QUAL-STANDING')?.message).toContain('整改期内暂停培训');
    await b.close(r.caseId, '2026-06-08');
    expect(standingOf(await b.ledger())?.status).toBe('active');
    expect((await b.opening('2026-06-09')).find('SX-QUAL-STANDING')).toBeUndefined();
    const claim = await b.judge('subsidy-claim', packet(doc('subsidy-claim-application', { classCode: 'C-1' })), '2026-07-01');
    expect(claim.find('SX-CLAIM-VOIDED-HOURS')?.message).toContain(r.caseId);
  });

  it('SX-EXIT-INSPECTION-UNCOOPERATIVE: a class attendant who does not cooperate brings the 附件4 warning without suspension', async () => {
    const b = new Bureau('shaoxing');
    const r = await b.inspect('2026-06-01', ['refused-inspection']);
    expect(r.find('SX-EXIT-INSPECTION-UNCOOPERATIVE')?.outcome).toBe('WARNING');
    // 无故不接受监督检查 is also a grave violation (五（二）4): the disqualification decides.
    expect(r.find('SX-EXIT-INSPECTION-DISQUALIFY')).toBeDefined();
    const mild = await new Bureau('shaoxing').inspect('2026-06-01', ['records-not-kept']);
    expect(mild.find('SX-EXIT-INSPECTION-UNCOOPERATIVE')).toBeUndefined();
  });

  it('SX-EXIT-INSPECTION-DISQUALIFY: subcontracting ends the standing and bars filing until the next year is out', async () => {
    const b = new Bureau('shaoxing');
    const r = await b.inspect('2026-06-01', ['subcontracted']);
    expect(r.find('SX-EXIT-INSPECTION-DISQUALIFY')?.outcome).toBe('DISQUALIFY');
    expect(noticeTitle(r.notice, resolvePack('shaoxing').issuer.name, resolvePack('shaoxing').exit)).toBe('取消政府补贴培训资格通知书');
    const filing = await b.judge('institution-filing', packet(doc('institution-application')), '2027-03-01');
    expect(filing.find('SX-QUAL-EXIT-BAR')?.message).toContain('2027-12-31前不予接受申报');
    expect((await new Bureau('shaoxing').inspect('2026-06-01', ['no-video'])).find('SX-EXIT-INSPECTION-DISQUALIFY')).toBeUndefined();
  });

  it('SX-EXIT-NOT-RECTIFIED: a refusal to rectify, recorded while the rectification is open, disqualifies', async () => {
    const b = new Bureau('shaoxing');
    expect((await b.inspect('2026-06-01', ['not-rectified'])).find('SX-EXIT-NOT-RECTIFIED')).toBeUndefined(); // nothing open
    const c = new Bureau('shaoxing');
    await c.inspect('2026-06-01', ['no-video']);
    const r = await c.inspect('2026-06-15', [['not-rectified', '逾期未补课']]);
    expect(r.find('SX-EXIT-NOT-RECTIFIED')?.outcome).toBe('DISQUALIFY');
    expect(standingOf(await c.ledger())?.status).toBe('exited');
  });
});

describe('Liaocheng 附件3 负面问题清单: the class voided, the bureau chooses what follows', () => {
  const list: [string, InspectionFindingKind][] = [
    ['LC-EXIT-INSPECTION-QUALIFICATION', 'qualification-misuse'],
    ['LC-EXIT-INSPECTION-CONDITIONS', 'conditions-below-standard'],
    ['LC-EXIT-INSPECTION-ADVERTISING', 'false-advertising'],
    ['LC-EXIT-INSPECTION-CHAOTIC', 'unauthorised-change'],
    ['LC-EXIT-INSPECTION-CHAOTIC', 'identity-mismatch'],
    ['LC-EXIT-INSPECTION-RESULTS', 'verified-complaint'],
    ['LC-EXIT-INSPECTION-DISCLOSURE', 'info-not-disclosed'],
  ];
  for (const [ruleId, kind] of list) {
    it(`${ruleId}: ${kind} → 培训班期无效 with a written warning; another item does not fire it`, async () => {
      const r = await new Bureau('liaocheng').inspect('2026-06-01', [kind]);
      expect(r.find(ruleId)?.outcome).toBe('HOURS_INVALID');
      expect(r.find(ruleId)?.message).toContain('培训班期无效');
      expect(r.notice).toBe('warning');
      const other = await new Bureau('liaocheng').inspect('2026-06-01', [kind === 'no-video' ? 'records-not-kept' : 'no-video']);
      expect(other.find(ruleId)).toBeUndefined();
    });
  }
  it('LC-EXIT-INSPECTION-FRAUD: subsidy fraud suspends and removes the institution from the catalogue', async () => {
    const b = new Bureau('liaocheng');
    const r = await b.inspect('2026-06-01', ['subsidy-fraud']);
    expect(r.find('LC-EXIT-INSPECTION-FRAUD')?.outcome).toBe('DISQUALIFY');
    expect(standingOf(await b.ledger())?.status).toBe('exited');
    expect((await new Bureau('liaocheng').inspect('2026-06-01', ['no-video'])).find('LC-EXIT-INSPECTION-FRAUD')).toBeUndefined();
  });
});

describe('Heze 第十七条 and 第二十条', () => {
  it('HZ-EXIT-INSPECTION-RECTIFY: a problem found is recorded and rectified within a time limit', async () => {
    const b = new Bureau('heze');
    const r = await b.inspect('2026-06-01', ['no-video']);
    expect(r.find('HZ-EXIT-INSPECTION-RECTIFY')?.outcome).toBe('EXIT');
    expect(openRectifications(await b.ledger())).toHaveLength(1);
    expect((await new Bureau('heze').inspect('2026-06-01', [])).find('HZ-EXIT-INSPECTION-RECTIFY')).toBeUndefined();
  });
  it('HZ-EXIT-INSPECTION-PADDING, then HZ-EXIT-NOT-RECTIFIED: padding is rectified in time or the institution leaves the catalogue', async () => {
    const b = new Bureau('heze');
    const r = await b.inspect('2026-06-01', ['headcount-padding']);
    expect(r.find('HZ-EXIT-INSPECTION-PADDING')?.message).toContain('未按期整改的，移出目录');
    const late = await b.inspect('2026-07-01', ['not-rectified']);
    expect(late.find('HZ-EXIT-NOT-RECTIFIED')?.outcome).toBe('DISQUALIFY');
    expect(noticeTitle(late.notice, resolvePack('heze').issuer.name, resolvePack('heze').exit)).toBe('移出职业技能培训机构目录通知书');
    expect(standingOf(await b.ledger())?.status).toBe('exited');
  });
  it('HZ-EXIT-INSPECTION-FRAUD: 违规转包获利 removes the institution from the catalogue at once', async () => {
    const b = new Bureau('heze');
    expect((await b.inspect('2026-06-01', ['subcontracted'])).find('HZ-EXIT-INSPECTION-FRAUD')?.outcome).toBe('DISQUALIFY');
    expect((await new Bureau('heze').inspect('2026-06-01', ['no-video'])).find('HZ-EXIT-INSPECTION-FRAUD')).toBeUndefined();
  });
});

describe('Zibo 二 and 附件2 表二', () => {
  it('ZB-EXIT-INSPECTION-BLACKLIST: fake training to take the funds → the blacklist (培训禁入)', async () => {
    const b = new Bureau('zibo');
    const r = await b.inspect('2026-06-01', ['subsidy-fraud']);
    expect(r.find('ZB-EXIT-INSPECTION-BLACKLIST')?.outcome).toBe('DISQUALIFY');
    expect(noticeTitle(r.notice, resolvePack('zibo').issuer.name, resolvePack('zibo').exit)).toBe('培训禁入通知书');
    expect((await b.judge('institution-filing', packet(doc('institution-application')), '2026-07-01')).find('ZB-QUAL-BLACKLIST')).toBeDefined();
  });
  it('ZB-EXIT-INSPECTION-FALSE-COMMITMENT: conditions below what the 申报表 promised → rectification', async () => {
    const r = await new Bureau('zibo').inspect('2026-06-01', ['conditions-below-standard']);
    expect(r.find('ZB-EXIT-INSPECTION-FALSE-COMMITMENT')?.outcome).toBe('EXIT');
    expect((await new Bureau('zibo').inspect('2026-06-01', ['no-video'])).find('ZB-EXIT-INSPECTION-FALSE-COMMITMENT')).toBeUndefined();
  });
});

describe('class-level findings: Qidong 第十条, Liaocheng 三（三）, Zibo 附件3 二2', () => {
  it('QD-ATT-INSPECTION-CLASS: a class taught off its hours or to the wrong trainees is stopped to rectify; a refusal to cooperate is not this clause', async () => {
    const r = await new Bureau('qidong').inspect('2026-06-01', [['identity-mismatch', '3名学员非花名册人员']]);
    expect(r.find('QD-ATT-INSPECTION-CLASS')?.message).toContain('责令该班次停课限期整改');
    expect(r.notice).toBe('rectification');
    expect((await new Bureau('qidong').inspect('2026-06-01', ['refused-inspection'])).find('QD-ATT-INSPECTION-CLASS')).toBeUndefined();
  });
  it('LC-ATT-INSPECTION-VIDEO: attendance the recordings cannot bear out voids the class', async () => {
    const r = await new Bureau('liaocheng').inspect('2026-06-01', ['no-video']);
    expect(r.find('LC-ATT-INSPECTION-VIDEO')?.outcome).toBe('HOURS_INVALID');
    expect((await new Bureau('liaocheng').inspect('2026-06-01', ['false-advertising'])).find('LC-ATT-INSPECTION-VIDEO')).toBeUndefined();
  });
  it('ZB-ATT-INSPECTION-CCTV: a classroom without its monitoring running is a breach of the agreement: a written warning', async () => {
    const b = new Bureau('zibo');
    const r = await b.inspect('2026-06-01', [['no-video', '302教室监控未开启']]);
    expect(r.find('ZB-ATT-INSPECTION-CCTV')?.outcome).toBe('WARNING');
    expect(r.notice).toBe('warning');
    expect(openRectifications(await b.ledger())).toHaveLength(1);
    expect((await new Bureau('zibo').inspect('2026-06-01', ['false-advertising'])).find('ZB-ATT-INSPECTION-CCTV')).toBeUndefined();
  });
});

describe('complaints (Qidong 第十四条 8, Liaocheng 七（二）, Heze 第二十三条)', () => {
  const complaint = (b: Bureau, on: string, o: { verified?: boolean; severe?: boolean } = {}) =>
    b.judge('complaint', packet(complaintDocument({ jurisdiction: b.city, institution: 'inst-001', classCode: 'C-1', receivedDate: on, channel: '市民热线', summary: '培训机构收费后拒不退费', reporterName: '王大明', reporterContact: '13912345678', verified: o.verified ?? false, severeImpact: o.severe ?? false })), on);

  it('QD-EXIT-INSPECTION-COMPLAINTS: complaints not borne out count for nothing; the second verified complaint of grave impact brings the 整改通知书', async () => {
    const b = new Bureau('qidong');
    expect((await complaint(b, '2026-05-01')).outcome).toBe('accepted');
    expect((await complaint(b, '2026-05-02', { verified: true })).outcome).toBe('accepted'); // verified, no grave impact
    expect((await complaint(b, '2026-05-03', { verified: true, severe: true })).find('QD-EXIT-INSPECTION-COMPLAINTS')).toBeUndefined();
    // An inspection's own finding of one counts with the register's.
    const second = await b.inspect('2026-06-01', [['verified-complaint', '媒体报道乱收费属实']]);
    expect(second.find('QD-EXIT-INSPECTION-COMPLAINTS')?.message).toContain('已达2次（2026-05-03、2026-06-01）');
    expect(second.notice).toBe('rectification');
  });

  it('LC-EXIT-INSPECTION-RESULTS and HZ-EXIT-INSPECTION-RECTIFY: a verified complaint of grave impact is a negative-list finding (Liaocheng) and a problem to rectify (Heze)', async () => {
    expect((await complaint(new Bureau('liaocheng'), '2026-05-01', { verified: true, severe: true })).find('LC-EXIT-INSPECTION-RESULTS')?.outcome).toBe('HOURS_INVALID');
    expect((await complaint(new Bureau('heze'), '2026-05-01', { verified: true, severe: true })).find('HZ-EXIT-INSPECTION-RECTIFY')?.outcome).toBe('EXIT');
    expect((await complaint(new Bureau('heze'), '2026-05-01')).find('HZ-EXIT-INSPECTION-RECTIFY')).toBeUndefined();
  });

  it('LC-PUB-SOCIAL-SUPERVISION and HZ-PUB-COMPLAINT-CONFIDENTIALITY: who complained is sealed at rest and masked wherever the case is shown', async () => {
    const doc = complaintDocument({ jurisdiction: 'heze', institution: 'inst-001', receivedDate: '2026-05-01', channel: '实名举报', summary: '代签到', reporterName: '王大明', reporterContact: '13912345678', verified: false, severeImpact: false });
    const sealed = await sealPersonalData(new FieldSealer(async () => Buffer.alloc(32, 7)), { documents: [doc] });
    expect(JSON.stringify(sealed)).not.toContain('王大明');
    expect(JSON.stringify(sealed)).not.toContain('13912345678');
    const shown = disclosedCase({ documents: [doc] } as never) as unknown as { documents: ExtractedDocument[] };
    expect(shown.documents[0]!.fields.reporterName!.value).toBe('（举报人信息保密）');
    expect(shown.documents[0]!.fields.channel!.value).toBe('实名举报'); // the register keeps its source
    expect(JSON.stringify(shown)).not.toContain('1391234');
  });
});

describe('a reviewer who accepts the inspection over its findings takes its measure back', () => {
  it('the rectification is gone and the Shaoxing institution trains again', async () => {
    const b = new Bureau('shaoxing');
    const r = await b.inspect('2026-06-01', ['no-video']);
    expect(standingOf(await b.ledger())?.status).toBe('suspended');
    const record = inspectionDocument({ jurisdiction: 'shaoxing', institution: 'inst-001', classCode: 'C-1', date: '2026-06-01', inspectors: ['张检查'], findings: [{ kind: 'no-video', note: '', evidence: [] }] });
    await judge(b.store, {
      pack: resolvePack('shaoxing'), caseId: r.caseId, jurisdiction: 'shaoxing', institution: 'inst-001', submissionType: 'inspection', extraction: packet(record), facts: { classCode: 'C-1' },
      receivedOn: '2026-06-02', at: '2026-06-02T08:00:00.000Z', personKeys: {}, before: [], classCode: 'C-1', override: 'accepted',
    });
    expect(openRectifications(await b.ledger())).toEqual([]);
    expect(standingOf(await b.ledger())?.status).toBe('active');
  });
});
