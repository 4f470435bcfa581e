// What a bureau's inspectors can find at a class (issue 21): the vocabulary the console, `intake
// inspections add` and the packs' rules share. Each kind is worded as the seeds word the situations
// that their sanctions name (Qidong 第十四条, Shaoxing 三（二） and 五、其他, Liaocheng 附件3, Heze 第二十条), so
// that a rule can list the kinds its clause covers and a notice can say what was found in the bureau's words.
import { z } from 'zod';
import type { ExtractedDocument } from './schemas.ts';

export const INSPECTION_FINDINGS = {
  'trainees-absent': '检查时参训学员缺课，到课率低下',
  'proxy-signature': '考勤表代签或签名造假',
  'no-attendance-record': '未组织考勤',
  'not-per-plan': '未按培训计划组织培训，或培训内容与培训计划严重不符',
  'identity-mismatch': '学员无法提供有效身份证明或与上报学员花名册不符（冒名顶替）',
  'records-not-kept': '未按规定做好资料上报和存档工作',
  'no-video': '无法提供理论课程视频资料或视频资料造假',
  'no-practical-record': '无法提供实操课程培训情况记录单或记录单造假',
  'trainees-unreachable': '培训学员无法联系或反映存在虚假培训',
  'refused-inspection': '拒绝或不配合监督检查',
  'fees-charged': '违规收费',
  'false-advertising': '招生宣传不规范（以不实表述诱导报名、发布虚假广告）',
  'subcontracted': '将培训项目委托、转包给其他单位和个人',
  'subsidy-fraud': '弄虚作假，骗取、冒领培训补贴资金',
  'unauthorised-change': '擅自调整课时、地点、师资等授课计划',
  'headcount-padding': '不以就业创业为目的，为拼凑人数领取补贴组织开展培训',
  'conditions-below-standard': '培训场所、设备、师资或管理人员等培训条件不达标',
  'qualification-misuse': '转让、出借、冒用培训资质，超出办学许可范围开展培训，或重要信息变更后未报审批、未更新',
  'info-not-disclosed': '未告知补贴政策，未公开收费标准或投诉举报渠道',
  'verified-complaint': '经查属实且造成恶劣社会影响的投诉',
  'major-incident': '发生重大舆情、安全责任事故、教育事故或其他重大事件',
  'not-rectified': '拒不整改或在规定期限内达不到整改要求',
} as const;

export type InspectionFindingKind = keyof typeof INSPECTION_FINDINGS;
export const InspectionFindingKind = z.enum(Object.keys(INSPECTION_FINDINGS) as [InspectionFindingKind, ...InspectionFindingKind[]]);

/** One thing the inspectors found, as the inspection record (an ExtractedDocument of the bureau's) holds it. */
export interface FoundProblem {
  kind: InspectionFindingKind;
  note: string;
  /** Keys of the photos or files kept with it. */
  evidence: string[];
}

/**
 * The record's date, and its findings in order. A complaint the bureau verified (经查属实) and found to have a
 * grave social impact is a finding of its own kind, counted with the inspections' (Qidong 第十四条 8).
 */
export function inspectionOf(documents: ExtractedDocument[]): { date: string | null; present: number | null; enrolled: number | null; found: FoundProblem[] } | null {
  const complaint = documents.find((x) => x.type === 'complaint-record');
  if (complaint) {
    const f = complaint.fields;
    const date = f.receivedDate?.value;
    const grave = f.verified?.value === true && f.severeImpact?.value === true;
    return { date: typeof date === 'string' ? date : null, present: null, enrolled: null, found: grave ? [{ kind: 'verified-complaint', note: String(f.summary?.value ?? ''), evidence: [] }] : [] };
  }
  const d = documents.find((x) => x.type === 'inspection-record');
  if (!d) return null;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const found = (d.tables?.findings ?? []).flatMap((row) => {
    const kind = InspectionFindingKind.safeParse(row.kind?.value);
    if (!kind.success) return [];
    const evidence = typeof row.evidence?.value === 'string' && row.evidence.value ? row.evidence.value.split('\n') : [];
    return [{ kind: kind.data, note: typeof row.note?.value === 'string' ? row.note.value : '', evidence }];
  });
  const date = d.fields.date?.value;
  return { date: typeof date === 'string' ? date : null, present: num(d.fields.presentCount?.value), enrolled: num(d.fields.enrolledCount?.value), found };
}

/** How a finding reads in a notice: the bureau's words for the kind, then what the inspectors wrote. */
export function describeFound(f: Pick<FoundProblem, 'kind' | 'note'>): string {
  return `${INSPECTION_FINDINGS[f.kind]}${f.note ? `（${f.note}）` : ''}`;
}
