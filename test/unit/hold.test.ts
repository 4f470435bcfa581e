// Issue 19: nothing adverse goes out without a person, and no outcome rests unseen on a value read in doubt.
import { describe, expect, it } from 'vitest';
import { holdReasons } from '../../lib/cases/hold.ts';
import { JURISDICTIONS, type ExtractedDocument, type Finding } from '../../lib/domain/schemas.ts';
import { resolvePack, DEFAULT_REVIEW } from '../../lib/rules/pack.ts';

const opening = (classCode: { value: string; confidence?: number; review?: string; correctedBy?: string }): ExtractedDocument => ({
  type: 'class-opening-application', pages: [1], confidence: 0.95,
  fields: { classCode, startDate: { value: '2026-12-20', confidence: 0.99 } },
});

const finding = (over: Partial<Finding>): Finding => ({
  ruleId: 'SX-CLASS-FILED', severity: 'error', outcome: 'SUPPLEMENT_ONCE', message: '培训班级SX2026-0O1未开班备案', source: { file: 'f', section: 's', quote: 'q' }, ...over,
});

describe('holdReasons', () => {
  it('lets an acceptance with nothing in doubt go out', () => {
    expect(holdReasons({ review: DEFAULT_REVIEW, outcome: 'accepted', findings: [], documents: [opening({ value: 'SX2026-001', confidence: 0.99 })] })).toEqual([]);
  });

  it('holds every refusal and warning for a reviewer, saying what is proposed', () => {
    expect(holdReasons({ review: DEFAULT_REVIEW, outcome: 'rejected', findings: [], documents: [] })).toEqual(['拟不予受理，须经审核人员签发']);
    expect(holdReasons({ review: DEFAULT_REVIEW, outcome: 'warning', findings: [], documents: [] })[0]).toContain('书面警告');
  });

  it('holds a supplement request that rests on a value read in doubt, naming the document, page and field', () => {
    const reasons = holdReasons({
      review: DEFAULT_REVIEW, outcome: 'supplement-required',
      findings: [finding({ subject: 'class-opening-application' })],
      documents: [opening({ value: 'SX2026-0O1', confidence: 0.62 })],
    });
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatch(/开班（办班）申请表（第1页）的班级编号识别存疑/);
  });

  it('does not hold on a doubt the reviewer already settled, or on a value a finding does not rest on', () => {
    const settled = holdReasons({ review: DEFAULT_REVIEW, outcome: 'supplement-required', findings: [finding({ subject: 'class-opening-application' })], documents: [opening({ value: 'SX2026-001', confidence: 0.62, correctedBy: 'r1' })] });
    expect(settled).toEqual([]);
    const elsewhere = holdReasons({ review: DEFAULT_REVIEW, outcome: 'supplement-required', findings: [finding({ subject: 'roster' })], documents: [opening({ value: 'SX2026-0O1', confidence: 0.62 })] });
    expect(elsewhere).toEqual([]);
    const flagOnly = holdReasons({ review: DEFAULT_REVIEW, outcome: 'accepted', findings: [finding({ severity: 'warning', outcome: 'FLAG', subject: 'class-opening-application' })], documents: [opening({ value: 'SX2026-0O1', confidence: 0.62 })] });
    expect(flagOnly).toEqual([]);
  });

  it('a finding about some roster rows rests on those rows: a doubt in another row does not hold it', () => {
    const roster: ExtractedDocument = {
      type: 'roster', pages: [2], confidence: 0.9, fields: {},
      tables: { trainees: [
        { seq: { value: 1 }, idNumber: { value: '11010519491231002X', confidence: 0.5 } },
        { seq: { value: 2 }, idNumber: { value: '440524188001010014', confidence: 0.99 } },
      ] },
    };
    const about = (rows: number[]) => holdReasons({ review: DEFAULT_REVIEW, outcome: 'accepted', findings: [finding({ ruleId: 'QD-CLAIM-ROSTER', outcome: 'NO_SUBSIDY', subject: 'roster', rows })], documents: [roster] });
    expect(about([2])).toEqual([]);
    expect(about([1])[0]).toContain('身份证号码识别存疑');
  });

  it('a class refused as never opened is held when its 班级编号 was read in doubt, not when the uploader named it', () => {
    const input = { review: DEFAULT_REVIEW, outcome: 'supplement-required' as const, findings: [finding({ subject: 'class' })], documents: [opening({ value: 'SX2026-0O1', review: '识别把握不足，请核对原件' })] };
    expect(holdReasons(input)).toHaveLength(1);
    expect(holdReasons({ ...input, classDeclared: true })).toEqual([]);
  });

  it('every city lets 受理 and 补正 go out unattended and holds the rest', () => {
    for (const j of JURISDICTIONS) {
      const { review } = resolvePack(j);
      expect(review.unattended.sort(), j).toEqual(['accepted', 'supplement-required']);
    }
  });
});
