// Stage 5: findings → the case's outcome. The gravest finding decides.
import type { CaseOutcome, Finding } from '../domain/schemas.ts';

/** A finding that counts toward the outcome: an error, or a sanction whatever its severity. */
export const decides = (f: Pick<Finding, 'severity' | 'outcome'>): boolean => f.severity === 'error' || ['WARNING', 'HOURS_INVALID', 'EXIT', 'DISQUALIFY'].includes(f.outcome);

export function decide(findings: Finding[]): CaseOutcome {
  const outcomes = new Set(findings.filter(decides).map((f) => f.outcome));
  // An institution disqualified on an inspection is told so in a notice of its own kind (lib/render/notice.ts).
  if (outcomes.has('REJECT') || outcomes.has('RETURN') || outcomes.has('LATE_REJECT') || outcomes.has('DISQUALIFY')) return 'rejected';
  // A rescan and missing documents are both asked for in one supplement notice (Shaoxing: 告知补充材料（一次）).
  if (outcomes.has('SUPPLEMENT_ONCE') || outcomes.has('RESCAN')) return 'supplement-required';
  if (outcomes.has('WARNING') || outcomes.has('HOURS_INVALID') || outcomes.has('EXIT')) return 'warning';
  return 'accepted';
}

export const OUTCOME_LABEL_ZH: Record<CaseOutcome, string> = {
  accepted: '予以受理',
  'supplement-required': '补正材料',
  rejected: '不予受理',
  warning: '书面警告',
};
