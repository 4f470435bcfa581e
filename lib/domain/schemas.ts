import { z } from 'zod';

export const JURISDICTIONS = ['zibo', 'liaocheng', 'heze', 'shaoxing', 'qidong'] as const;
export const Jurisdiction = z.enum(JURISDICTIONS);
export type Jurisdiction = z.infer<typeof Jurisdiction>;

export const SUBMISSION_TYPES = [
  'institution-filing',
  'class-opening',
  'change-request',
  'attendance',
  'assessment-application',
  'subsidy-claim',
  // The bureau's own record of an inspection of a class (issue 21): made in the console or by `intake
  // inspections add`, never uploaded by an institution.
  'inspection',
  // A complaint or report the bureau received about an institution (issue 21): recorded, handled, counted.
  'complaint',
] as const;
export const SubmissionType = z.enum(SUBMISSION_TYPES);
export type SubmissionType = z.infer<typeof SubmissionType>;

/** What an institution may submit (an upload, `intake submit`): every type but the bureau's inspection. */
type BureauRecord = 'inspection' | 'complaint';
export const UPLOADABLE_TYPES = SUBMISSION_TYPES.filter((t) => t !== 'inspection' && t !== 'complaint') as Exclude<SubmissionType, BureauRecord>[];
export const UploadableType = z.enum(UPLOADABLE_TYPES as [Exclude<SubmissionType, BureauRecord>, ...Exclude<SubmissionType, BureauRecord>[]]);

export const DOCUMENT_TYPES = [
  'institution-application',
  'class-opening-application',
  'roster',
  'schedule',
  'teacher-list',
  'sign-in-sheet',
  'change-request',
  'subsidy-claim-application',
  'assessment-application-form',
  'training-contract',
  'proxy-agreement',
  'commitment-letter',
  'safety-commitment-letter',
  'enrolment-form',
  'id-card-copy',
  'eligibility-proof',
  'certificate-copy',
  'lease-agreement',
  'venue-photo',
  'textbook-list',
  'practical-record',
  'feedback-form',
  'online-learning-report',
  'video-record',
  'business-licence',
  'premises-proof',
  'capital-equipment-proof',
  'assessment-report',
  /** 结业考核方案: how the institution assesses a class at its end (Heze 第十四条). */
  'assessment-plan',
  /** The bureau's inspection record (检查记录): its date, inspectors and what they found. */
  'inspection-record',
  /** A complaint or report as the bureau registered it (投诉举报登记): channel, what it says, how it was handled. */
  'complaint-record',
  'other',
] as const;
export const DocumentType = z.enum(DOCUMENT_TYPES);
export type DocumentType = z.infer<typeof DocumentType>;

export const BBox = z.tuple([z.number(), z.number(), z.number(), z.number()]);
export type BBox = z.infer<typeof BBox>;

export const Field = z.object({
  value: z.union([z.string(), z.number(), z.boolean(), z.null()]),
  confidence: z.number().min(0).max(1).optional(),
  page: z.number().int().positive().optional(),
  bbox: BBox.optional(),
  /** Why a field wants a person's look (low confidence, repaired check digit …). */
  review: z.string().optional(),
  /** The reviewer who corrected the value (the value read is kept in the case's corrections). */
  correctedBy: z.string().optional(),
});
export type Field = z.infer<typeof Field>;

export const TableRow = z.record(z.string(), Field);
export type TableRow = z.infer<typeof TableRow>;

export const ExtractedDocument = z.object({
  type: DocumentType,
  /** 1-based page numbers within the packet. */
  pages: z.array(z.number().int().positive()),
  confidence: z.number().min(0).max(1),
  title: z.string().optional(),
  /** The uploaded file the pages came from. */
  file: z.string().optional(),
  fields: z.record(z.string(), Field),
  tables: z.record(z.string(), z.array(TableRow)).optional(),
});
export type ExtractedDocument = z.infer<typeof ExtractedDocument>;

export const Extraction = z.object({
  file: z.string(),
  pageCount: z.number().int().nonnegative(),
  documents: z.array(ExtractedDocument),
  /** The institution's name as the packet's text names it, when no labelled field gave it. */
  institutionGuess: Field.optional(),
  /** Pages that could not be read at all, with why. */
  problems: z.array(z.object({ file: z.string(), page: z.number().optional(), message: z.string() })).default([]),
  /** Ruled tables found on scanned pages, as cells with their grid position and spans (merged cells once). */
  layout: z
    .array(
      z.object({
        page: z.number().int().positive(),
        tables: z.array(z.object({ bbox: BBox, rows: z.number(), cols: z.number(), cells: z.array(z.object({ bbox: BBox, row: z.number(), col: z.number(), rowSpan: z.number(), colSpan: z.number() })) })),
        /** Check boxes and signatures, where the layout engine reports them (Textract does). */
        checkboxes: z.array(z.object({ bbox: BBox, checked: z.boolean(), confidence: z.number() })).optional(),
        signatures: z.array(z.object({ bbox: BBox, confidence: z.number() })).optional(),
      }),
    )
    .optional(),
});
export type Extraction = z.infer<typeof Extraction>;

export const Severity = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof Severity>;

/**
 * What a failed rule asks of the case (RULES.md §1.3); lib/cases/decide.ts turns the gravest into the
 * case's outcome. RETURN 予以退回 and LATE_REJECT 逾期不再受理 refuse the packet like REJECT; HOURS_INVALID
 * 课时视为无效 and EXIT (the first step of an exit: 约谈 + 整改通知书) come with a written warning;
 * NO_SUBSIDY names lines or classes that are not subsidised while the rest goes on; FLAG is a remark for
 * the institution and the reviewer that changes no outcome. DISQUALIFY (取消培训资格 / 解除备案协议 / 移出目录)
 * is the last step of an exit, decided on an inspection: the institution leaves the registry.
 */
export const RuleOutcome = z.enum(['SUPPLEMENT_ONCE', 'REJECT', 'RETURN', 'LATE_REJECT', 'WARNING', 'HOURS_INVALID', 'EXIT', 'DISQUALIFY', 'RESCAN', 'NO_SUBSIDY', 'FLAG']);
export type RuleOutcome = z.infer<typeof RuleOutcome>;

export const Source = z.object({
  file: z.string(),
  section: z.string(),
  quote: z.string(),
});
export type Source = z.infer<typeof Source>;

export const Finding = z.object({
  ruleId: z.string(),
  severity: Severity,
  outcome: RuleOutcome,
  /** What to fix, in Chinese, for the institution. */
  message: z.string(),
  source: Source,
  /** Which checklist item or field it concerns. */
  subject: z.string().optional(),
  /** Roster rows (序号) it is about, e.g. the trainees not subsidised (the 公示 list leaves them out). */
  rows: z.array(z.number()).optional(),
  /** A technical diagnostic for the bureau's staff (the reader's own words); never printed on a notice. */
  detail: z.string().optional(),
});
export type Finding = z.infer<typeof Finding>;

export const CaseOutcome = z.enum(['accepted', 'supplement-required', 'rejected', 'warning']);
export type CaseOutcome = z.infer<typeof CaseOutcome>;

export const Upload = z.object({
  bucket: z.string(),
  key: z.string(),
  etag: z.string(),
  versionId: z.string().optional(),
  size: z.number().optional(),
});
export type Upload = z.infer<typeof Upload>;

export const IssuedPdf = z.object({
  kind: z.string(),
  title: z.string(),
  bucket: z.string(),
  key: z.string(),
  sha256: z.string(),
  bytes: z.number(),
  /** Printed on the notice and in its QR code; looked up by /api/verify/<code>. */
  verificationCode: z.string().optional(),
  /** The case revision it was issued in (absent: the first). */
  revision: z.number().int().positive().optional(),
  /** When it was issued (ISO), when not the case's creation (a reviewer's revision or sign-off). */
  issuedAt: z.string().optional(),
});
export type IssuedPdf = z.infer<typeof IssuedPdf>;

const FieldValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** One field corrected by a reviewer: which document (index in the case), which field or table cell. */
export const Correction = z.object({
  at: z.string(),
  by: z.string(),
  revision: z.number().int().positive(),
  document: z.number().int().nonnegative(),
  field: z.string().min(1),
  table: z.string().optional(),
  row: z.number().int().nonnegative().optional(),
  from: FieldValue,
  to: FieldValue,
  reason: z.string(),
});
export type Correction = z.infer<typeof Correction>;

export const ReviewerDecision = z.object({
  at: z.string(),
  by: z.string(),
  revision: z.number().int().positive(),
  outcome: CaseOutcome,
  reason: z.string(),
});
export type ReviewerDecision = z.infer<typeof ReviewerDecision>;

/** Why a case waits for a reviewer before its notice goes out (issue 19): its outcome is adverse, or a value in doubt decides it. */
export const ReviewHold = z.object({
  /** When it began to wait (ISO). */
  since: z.string(),
  /** In Chinese, for the review queue: 拟不予受理，须经人工审核 …; 开班申请表的班级编号识别存疑 … */
  reasons: z.array(z.string()).min(1),
});
export type ReviewHold = z.infer<typeof ReviewHold>;

export const CaseRecord = z.object({
  caseId: z.string(),
  caseNumber: z.string(),
  jurisdiction: Jurisdiction,
  submissionType: SubmissionType,
  institution: z.string(),
  institutionName: z.string().nullable(),
  packet: z.string(),
  outcome: CaseOutcome,
  status: z.enum(['decided', 'under-review']),
  uploads: z.array(Upload),
  documents: z.array(ExtractedDocument),
  findings: z.array(Finding),
  pdfs: z.array(IssuedPdf),
  pageCount: z.number(),
  createdAt: z.string(),
  /** 1 as the pipeline decided it; each reviewer's correction or decision makes the next (absent: 1). */
  revision: z.number().int().positive().optional(),
  /** The China date the packet was received (deadlines count from it). */
  receivedOn: z.string().optional(),
  /** A paper packet filed later with the day it was received (--received): the day it reached the bucket. */
  backFiled: z.object({ arrivedOn: z.string() }).optional(),
  /** The class the packet was filed under (一班一档) and where the class stood after it; null: none named. */
  class: z.object({ code: z.string(), status: z.string() }).nullable().optional(),
  /** What the upload declared beside its files (off-site venue, online classes). */
  facts: z.object({ offsiteVenue: z.boolean().optional(), onlineClasses: z.boolean().optional(), classCode: z.string().optional() }).optional(),
  /** Reviewers' corrections, oldest first; the documents are shown with them applied, the values read stay here. */
  corrections: z.array(Correction).optional(),
  /** A reviewer's decision that stands in for the rules' outcome until the next correction. */
  decision: ReviewerDecision.optional(),
  /** Set while the case waits for a reviewer (status 'under-review'): its notice is not issued until signed off. */
  review: ReviewHold.optional(),
  updatedAt: z.string().optional(),
});
export type CaseRecord = z.infer<typeof CaseRecord>;



export const AuditEvent = z.object({
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  detail: z.record(z.string(), z.unknown()).optional(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

/** How notices name each document type to an institution. */
export const DOCUMENT_LABEL_ZH: Record<DocumentType, string> = {
  'institution-application': '培训机构申报表',
  'class-opening-application': '开班（办班）申请表',
  roster: '学员花名册（学员信息表）',
  schedule: '课程表',
  'teacher-list': '师资表',
  'sign-in-sheet': '学员签到表',
  'change-request': '工作联系单',
  'subsidy-claim-application': '补贴结报申请表',
  'assessment-application-form': '考核（认定）申请表',
  'training-contract': '办班合同',
  'proxy-agreement': '代领补贴协议书',
  'commitment-letter': '承诺书',
  'safety-commitment-letter': '安全生产承诺书',
  'enrolment-form': '创业培训学员入学登记表',
  'id-card-copy': '身份证复印件',
  'eligibility-proof': '享受补贴对应的证明材料',
  'certificate-copy': '资格证书复印件',
  'lease-agreement': '场地租赁协议',
  'venue-photo': '上课场地照片',
  'textbook-list': '教材清单',
  'practical-record': '实操课程情况记录单和上课照片',
  'feedback-form': '培训企业（机构）或培训学员情况反馈表',
  'online-learning-report': '线上培训平台班级学习报告、学员培训档案及人脸识别资料',
  'video-record': '上课视频资料',
  'business-licence': '办学许可证、营业执照（登记证书）',
  'premises-proof': '房屋产权证明',
  'capital-equipment-proof': '验资报告、教学设施设备证明材料',
  'assessment-report': '近2年办学能力评估报告',
  'assessment-plan': '结业考核方案',
  'inspection-record': '监督检查记录',
  'complaint-record': '投诉举报登记',
  other: '其他材料',
};
