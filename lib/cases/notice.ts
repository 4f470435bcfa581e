// The notice of a case's outcome, rendered and stored: by the pipeline when a packet is decided, and again
// when a reviewer's correction or decision makes a new revision (the earlier notices stay, superseded).
import { createHash } from 'node:crypto';
import { RESPONSES_PREFIX, type StackNames } from '../config.ts';
import { chinaCalendar } from '../calendar/index.ts';
import type { CaseOutcome, ExtractedDocument, Finding, IssuedPdf, Jurisdiction, SubmissionType } from '../domain/schemas.ts';
import { noticeKindFor, noticeTitle, renderNotice, verificationCodeFor, type NoticeKind } from '../render/notice.ts';
import { resolvePack, type ResolvedPack } from '../rules/pack.ts';
import type { PersonKeyer } from '../identity/person-key.ts';
import type { SignerFor } from '../identity/signature.ts';
import type { CaseStore, ObjectStore } from './ports.ts';

const SUBJECT_BY_TYPE: Record<SubmissionType, string> = {
  'institution-filing': '职业技能培训机构申报',
  'class-opening': '开班申请',
  'change-request': '变更申请',
  attendance: '签到考勤',
  'assessment-application': '考核（认定）申请',
  'subsidy-claim': '培训补贴结报申请',
  inspection: '职业培训',
  complaint: '职业培训',
};

export const NOTICE_KINDS: readonly string[] = ['acceptance', 'supplement', 'rejection', 'warning', 'rectification', 'disqualification', 'inspection-result'] satisfies NoticeKind[];

export interface NoticeCase {
  pack: ResolvedPack;
  caseId: string;
  jurisdiction: Jurisdiction;
  submissionType: SubmissionType;
  institution: string;
  institutionName: string | null;
  documents: ExtractedDocument[];
  findings: Finding[];
  outcome: CaseOutcome;
  /** Date of issue (China date). */
  date: string;
  /** The day the bureau received the packet. */
  receivedOn?: string;
  /** The case revision (absent or 1: as the pipeline decided it). */
  revision?: number;
}

/**
 * The day the training was inspected (Shaoxing 附件4: 于…年…月…日，对你单位的…进行职业培训监督考核): the
 * earliest session on the sign-in sheets the packet holds, else the day the bureau received it — never the
 * day the notice is issued, which may be later (a reviewer's revision).
 */
function inspectedOn(c: NoticeCase): string {
  const inspected = c.documents.find((d) => d.type === 'inspection-record')?.fields.date?.value;
  if (typeof inspected === 'string') return inspected;
  const sessions = c.documents
    .filter((d) => d.type === 'sign-in-sheet')
    .map((d) => d.fields.date?.value)
    .filter((v): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v))
    .sort();
  return sessions[0] ?? c.receivedOn ?? c.date;
}

/** The class a notice is about: its application's name, else (an inspection) the class inspected by its code. */
function classNameOf(documents: ExtractedDocument[]): string | undefined {
  const named = documents.find((d) => d.type === 'class-opening-application' || d.type === 'inspection-record')?.fields.className?.value;
  if (typeof named === 'string' && named) return named;
  const code = documents.find((d) => d.type === 'inspection-record')?.fields.classCode?.value;
  return typeof code === 'string' && code ? `班级编号${code}的培训班` : undefined;
}

/** Where issued PDFs go, and who signs them (absent: unsigned, as in tests of the layout alone). */
export interface IssuingDeps {
  objects: ObjectStore;
  names: StackNames;
  signers?: SignerFor;
  /** The stack's keyed hash (the one that keys ID numbers, under its own prefix): keys the notices' verification codes. */
  personKeys?: PersonKeyer;
}

export async function issueNotice(deps: IssuingDeps & { cases: Pick<CaseStore, 'documentNumber'> }, c: NoticeCase): Promise<IssuedPdf> {
  const className = classNameOf(c.documents);
  const kind = noticeKindFor(c.outcome, c.findings, c.submissionType === 'inspection');
  const revised = (c.revision ?? 1) > 1;
  // A re-issued notice gets its own code and key, so that the first one still verifies (as superseded).
  const numbered = revised ? `${c.caseId}/r${c.revision}` : c.caseId;
  const keyed = deps.personKeys ? await deps.personKeys.key(`notice-code|${numbered}|${kind}|${c.date}`) : undefined;
  const verificationCode = verificationCodeFor(numbered, kind, c.date, keyed);
  // The bureau's own sequence per year (启人社培〔2026〕12号), the same number if the notice is rendered again.
  const documentNumber = await deps.cases.documentNumber(`${c.jurisdiction}/${c.date.slice(0, 4)}`, `${c.caseId}/r${c.revision ?? 1}`);
  const bytes = await renderNotice({
    verificationCode,
    documentNumber,
    kind,
    issuer: c.pack.issuer,
    caseNumber: c.caseId,
    institutionName: c.institutionName ?? '',
    subject: `${typeof className === 'string' ? className : ''}${SUBJECT_BY_TYPE[c.submissionType]}`,
    findings: c.findings,
    date: c.date,
    ...(typeof className === 'string' ? { className } : {}),
    ...(kind === 'warning' || kind === 'rectification' || kind === 'disqualification' || kind === 'inspection-result' ? { rectifyBy: chinaCalendar().workingDaysAfter(c.date, 7), inspectedOn: inspectedOn(c) } : {}),
    ...(c.pack.exit ? { exit: c.pack.exit } : {}),
  });
  return storePdf(deps, {
    jurisdiction: c.jurisdiction, caseId: c.caseId, kind, name: `${kind}${revised ? `-r${c.revision}` : ''}`, title: noticeTitle(kind, c.pack.issuer.name, c.pack.exit), bytes, date: c.date,
    extra: { verificationCode, ...(revised ? { revision: c.revision } : {}) },
  });
}

/**
 * A PDF the bureau issues for a case, signed in the issuing bureau's name (dated the day it speaks of, so
 * that the same PDF signs to the same bytes), stored under responses/{jurisdiction}/{case}/{name}.pdf
 * with its hash.
 */
export async function storePdf(
  deps: IssuingDeps,
  p: { jurisdiction: Jurisdiction; caseId: string; kind: string; name?: string; title: string; bytes: Uint8Array; date: string; extra?: Partial<IssuedPdf> },
): Promise<IssuedPdf> {
  const key = `${RESPONSES_PREFIX}${p.jurisdiction}/${p.caseId}/${p.name ?? p.kind}.pdf`;
  const pack = resolvePack(p.jurisdiction);
  const bytes = deps.signers
    ? await (await deps.signers(pack.issuer.name)).sign(p.bytes, { reason: p.title, location: pack.name, at: new Date(`${p.date}T00:00:00+08:00`) })
    : p.bytes;
  await deps.objects.put(deps.names.responsesBucket, key, bytes, 'application/pdf', { 'case-id': p.caseId });
  return {
    kind: p.kind,
    title: p.title,
    bucket: deps.names.responsesBucket,
    key,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes: bytes.byteLength,
    ...p.extra,
  };
}

/**
 * Whether a PDF of a case is its current one: a notice until a later notice (of any kind) replaces it,
 * any other PDF until a later one of its kind does.
 */
export function isCurrentPdf(pdfs: IssuedPdf[], key: string): boolean {
  const i = pdfs.findIndex((p) => p.key === key);
  if (i < 0) return false;
  const isNotice = (k: string) => NOTICE_KINDS.includes(k);
  const kind = pdfs[i]!.kind;
  return !pdfs.slice(i + 1).some((p) => (isNotice(kind) ? isNotice(p.kind) : p.kind === kind));
}
