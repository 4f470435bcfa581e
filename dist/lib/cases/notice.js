// The notice of a case's outcome, rendered and stored: by the pipeline when a packet is decided, and again
// when a reviewer's correction or decision makes a new revision (the earlier notices stay, superseded).
import { createHash } from 'node:crypto';
import { RESPONSES_PREFIX } from "../config.js";
import { chinaCalendar } from "../calendar/index.js";
import { noticeKindFor, noticeTitle, renderNotice, verificationCodeFor } from "../render/notice.js";
const SUBJECT_BY_TYPE = {
    'institution-filing': '职业技能培训机构申报',
    'class-opening': '开班申请',
    'change-request': '变更申请',
    attendance: '签到考勤',
    'assessment-application': '考核（认定）申请',
    'subsidy-claim': '培训补贴结报申请',
};
export const NOTICE_KINDS = ['acceptance', 'supplement', 'rejection', 'warning', 'rectification'];
export async function issueNotice(deps, c) {
    const className = c.documents.find((d) => d.type === 'class-opening-application')?.fields.className?.value;
    const kind = noticeKindFor(c.outcome, c.findings);
    const revised = (c.revision ?? 1) > 1;
    // A re-issued notice gets its own code and key, so that the first one still verifies (as superseded).
    const verificationCode = verificationCodeFor(revised ? `${c.caseId}/r${c.revision}` : c.caseId, kind, c.date);
    const bytes = await renderNotice({
        verificationCode,
        kind,
        issuer: c.pack.issuer,
        caseNumber: c.caseId,
        institutionName: c.institutionName ?? c.institution,
        subject: `${typeof className === 'string' ? className : ''}${SUBJECT_BY_TYPE[c.submissionType]}`,
        findings: c.findings,
        date: c.date,
        ...(typeof className === 'string' ? { className } : {}),
        ...(kind === 'warning' || kind === 'rectification' ? { rectifyBy: chinaCalendar().workingDaysAfter(c.date, 7) } : {}),
    });
    return storePdf(deps, {
        jurisdiction: c.jurisdiction, caseId: c.caseId, kind, name: `${kind}${revised ? `-r${c.revision}` : ''}`, title: noticeTitle(kind, c.pack.issuer.name), bytes,
        extra: { verificationCode, ...(revised ? { revision: c.revision } : {}) },
    });
}
/** A PDF the bureau issues for a case, stored under responses/{jurisdiction}/{case}/{name}.pdf with its hash. */
export async function storePdf(deps, p) {
    const key = `${RESPONSES_PREFIX}${p.jurisdiction}/${p.caseId}/${p.name ?? p.kind}.pdf`;
    await deps.objects.put(deps.names.responsesBucket, key, p.bytes, 'application/pdf', { 'case-id': p.caseId });
    return {
        kind: p.kind,
        title: p.title,
        bucket: deps.names.responsesBucket,
        key,
        sha256: createHash('sha256').update(p.bytes).digest('hex'),
        bytes: p.bytes.byteLength,
        ...p.extra,
    };
}
/**
 * Whether a PDF of a case is its current one: a notice until a later notice (of any kind) replaces it,
 * any other PDF until a later one of its kind does.
 */
export function isCurrentPdf(pdfs, key) {
    const i = pdfs.findIndex((p) => p.key === key);
    if (i < 0)
        return false;
    const isNotice = (k) => NOTICE_KINDS.includes(k);
    const kind = pdfs[i].kind;
    return !pdfs.slice(i + 1).some((p) => (isNotice(kind) ? isNotice(p.kind) : p.kind === kind));
}
//# sourceMappingURL=notice.js.map