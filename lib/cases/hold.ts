// Whether a judgement may go out as it stands, or waits for a reviewer first (issue 19: nothing adverse
// leaves in the bureau's name without a person's sign-off). Two reasons hold a case: an outcome the
// city's pack does not let go out unattended (不予受理, 书面警告, 课时无效, 清退), and a value read in
// doubt that a deciding finding rests on — a misread 班级编号 must not refuse a class that was opened.
import { DOCUMENT_LABEL_ZH, type CaseOutcome, type DocumentType, type ExtractedDocument, type Field, type Finding } from '../domain/schemas.ts';
// Below this a value read is not trusted to decide an outcome alone (the console marks the same fields).
import { REVIEW_THRESHOLD } from '../extract/fields.ts';
import type { ReviewPolicy } from '../rules/pack.ts';
import { decides, OUTCOME_LABEL_ZH } from './decide.ts';

const LABEL: Record<string, string> = {
  classCode: '班级编号', startDate: '开班日期', endDate: '结业日期', applicationDate: '申请日期', date: '日期', startTime: '开始时间', endTime: '结束时间',
  totalHours: '总课时', theoryHours: '理论课时', practicalHours: '实操课时', traineeCount: '学员人数', idNumber: '身份证号码', name: '姓名',
  signed: '签名', signedCount: '签到人数', teacherSigned: '教师签名', amount: '申请金额', certificateDate: '发证日期', occupation: '培训职业',
};

const doubtful = (f: Field | undefined): boolean =>
  !!f && f.value !== null && f.value !== '' && !f.correctedBy && (!!f.review || (f.confidence !== undefined && f.confidence < REVIEW_THRESHOLD));

/**
 * The keys of a document's values in doubt, fields first, then table columns (deduplicated). A finding about
 * some rows (序号) rests on those rows only: a doubt elsewhere in the table does not hold it.
 */
function doubtsOf(d: ExtractedDocument, only?: string, rows?: number[]): string[] {
  const keys = new Set<string>();
  for (const [k, f] of Object.entries(d.fields)) if ((!only || k === only) && doubtful(f)) keys.add(k);
  if (!only) {
    for (const table of Object.values(d.tables ?? {})) {
      table.forEach((row, i) => {
        const seq = typeof row.seq?.value === 'number' ? row.seq.value : i + 1;
        if (rows?.length && !rows.includes(seq)) return;
        for (const [k, f] of Object.entries(row)) if (doubtful(f)) keys.add(k);
      });
    }
  }
  return [...keys];
}


export interface HoldInput {
  review: ReviewPolicy;
  outcome: CaseOutcome;
  findings: Finding[];
  documents: ExtractedDocument[];
  /** The uploader named the class (--class): its code is not a reading in doubt. */
  classDeclared?: boolean;
}

/** Why the case waits for a reviewer (in Chinese, for the queue); [] when its notice may go out. */
export function holdReasons(input: HoldInput): string[] {
  const reasons: string[] = [];
  if (!input.review.unattended.includes(input.outcome)) reasons.push(`拟${OUTCOME_LABEL_ZH[input.outcome]}，须经审核人员签发`);
  const seen = new Set<string>();
  for (const f of input.findings.filter(decides)) {
    const docs =
      f.subject === 'class'
        ? input.classDeclared ? [] : input.documents.map((d) => ({ d, keys: doubtsOf(d, 'classCode') }))
        : input.documents.filter((d) => d.type === f.subject).map((d) => ({ d, keys: doubtsOf(d, undefined, f.rows) }));
    for (const { d, keys } of docs) {
      if (keys.length === 0) continue;
      const line = `${DOCUMENT_LABEL_ZH[d.type as DocumentType] ?? d.type}（第${d.pages.join('、')}页）的${keys.map((k) => LABEL[k] ?? k).join('、')}识别存疑，据以作出“${f.message.slice(0, 40)}${f.message.length > 40 ? '…' : ''}”`;
      if (!seen.has(line)) reasons.push(line);
      seen.add(line);
    }
  }
  return reasons;
}
