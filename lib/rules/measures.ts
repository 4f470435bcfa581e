// What an inspection case decides against its institution (issue 21, item 4): its failed rules' outcomes
// read as the seeds read them. DISQUALIFY ends the institution's standing (Qidong 第十四条 取消培训补贴享受
// 资格并自动解除技能培训备案协议; Shaoxing 五、其他（二）; Heze 第二十条 移出目录); EXIT, HOURS_INVALID and WARNING
// open a rectification (Qidong 整改通知书; Shaoxing 附件4, with training suspended while it is open).
import { chinaCalendar } from '../calendar/index.ts';
import { INSPECTION_FINDINGS, inspectionOf } from '../domain/inspection.ts';
import type { CaseOutcome, ExtractedDocument, Finding } from '../domain/schemas.ts';
import type { CaseFacts } from './history.ts';
import type { ResolvedPack } from './pack.ts';

const RECTIFY: ReadonlySet<string> = new Set(['EXIT', 'HOURS_INVALID', 'WARNING']);

export function measureOf(pack: ResolvedPack, documents: ExtractedDocument[], findings: Finding[], decidedOn: string, outcome: CaseOutcome): CaseFacts['measure'] {
  // A reviewer who accepts the inspection over the rules' findings decides no measure.
  if (outcome === 'accepted') return null;
  const rules = (ids: string[]) => pack.rules.filter((r) => ids.includes(r.id));
  const found = inspectionOf(documents)?.found ?? [];
  const reason = `监督检查发现${[...new Set(found.map((f) => INSPECTION_FINDINGS[f.kind]))].join('；') || '问题'}`;
  const disqualifying = findings.filter((f) => f.outcome === 'DISQUALIFY').map((f) => f.ruleId);
  if (disqualifying.length > 0) return { kind: 'disqualification', rules: disqualifying, reason };
  const rectifying = findings.filter((f) => RECTIFY.has(f.outcome)).map((f) => f.ruleId);
  if (rectifying.length === 0) return null;
  const params = rules(rectifying).flatMap((r) => (r.check === 'inspection-finding' ? [r.params] : []));
  const days = Math.min(...params.map((p) => p.rectifyWorkingDays ?? Infinity));
  return {
    kind: 'rectification', rules: rectifying, reason,
    ...(Number.isFinite(days) ? { dueBy: chinaCalendar().workingDaysAfter(decidedOn, days) } : {}),
    ...(params.some((p) => p.suspends) ? { suspends: true } : {}),
  };
}
