// The bureau's inspections as cases (issue 21): a reviewer or bureau user records what inspectors found at
// a class (the console, `intake inspections add`). The record is judged like a packet — the city's rules
// for what was found, the class's and institution's history — by the same adjudication, and answered by the
// notice the seed prescribes (Qidong 整改通知书, Shaoxing 附件4 书面警告, a disqualification), held for a
// reviewer's sign-off like every adverse notice. What it decides against the institution (a rectification,
// training suspended while it is open, an exit) is kept in the institution's ledger; the bureau closes a
// rectification with its evidence (closeRectification).
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { RESPONSES_PREFIX } from '../config.ts';
import { chinaDate } from '../calendar/index.ts';
import { InspectionFindingKind } from '../domain/inspection.ts';
import { Jurisdiction, type AuditEvent, type CaseRecord, type ExtractedDocument, type Upload } from '../domain/schemas.ts';
import { institutionKeyOf, ledgerWrites, type MeasureClosure } from '../rules/history.ts';
import type { Principal } from './access.ts';
import { mayOpen } from './access.ts';
import { adjudicate, adjudicationAudit } from './adjudicate.ts';
import { caseIdFor } from './case-number.ts';
import { NO_SUCH_CASE, Refusal, requestOf } from './errors.ts';
import { publishCase } from './events.ts';
import { issueNotice } from './notice.ts';
import { readCase } from './records.ts';
import type { ReviewDeps } from './review.ts';

/** What one request may carry as evidence, in all (base64 in JSON: an API Gateway payload is at most 10 MB). */
export const EVIDENCE_MAX_BYTES = 6 * 1024 * 1024;

const EVIDENCE_TYPES: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', pdf: 'application/pdf', mp4: 'video/mp4', heic: 'image/heic' };

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date, YYYY-MM-DD').refine((d) => new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d, 'not a real date');
const Evidence = z.object({
  name: z.string().trim().min(1).max(120).refine((n) => !/[\/\\\u0000-\u001f]/.test(n), 'a file name without / or \\').refine((n) => EVIDENCE_TYPES[n.split('.').pop()!.toLowerCase()] !== undefined, 'a photo or file: .jpg, .png, .heic, .pdf or .mp4'),
  /** The file's bytes, base64. */
  data: z.string().min(1).regex(/^[A-Za-z0-9+/=\s]+$/, 'base64'),
});

export const InspectionRequest = z.object({
  jurisdiction: Jurisdiction,
  institution: z.string().trim().regex(/^(?!\.{1,2}$)[^/\\\s\u0000-\u001f]{1,128}$/, 'the institution as the registry numbers it'),
  classCode: z.string().trim().min(1).max(64).refine((c) => !/[\u0000-\u001f/\\]/.test(c), 'a class code without / or \\'),
  /** The class's name as the notice names it (保育师（四级）2期); absent: by its code. */
  className: z.string().trim().max(100).optional(),
  date: IsoDate,
  inspectors: z.array(z.string().trim().min(1).max(40)).min(1, 'name the inspectors').max(10),
  /** Trainees found in class, of those enrolled (Qidong: 到课率少于70%). */
  presentCount: z.number().int().nonnegative().optional(),
  enrolledCount: z.number().int().positive().optional(),
  findings: z.array(z.object({ kind: InspectionFindingKind, note: z.string().trim().max(500).default(''), evidence: z.array(Evidence).max(10).default([]) })).max(30).default([]),
  /** Anything else the inspectors wrote. */
  remarks: z.string().trim().max(2000).optional(),
}).refine((r) => r.presentCount === undefined || r.enrolledCount === undefined || r.presentCount <= r.enrolledCount, { message: 'more trainees present than enrolled', path: ['presentCount'] });
export type InspectionRequest = z.infer<typeof InspectionRequest>;

/** Reviewers and the bureau of the city record inspections; an institution never does. */
export function mayInspect(who: Principal, jurisdiction: Jurisdiction): boolean {
  return who.role !== 'institution' && who.jurisdictions.includes(jurisdiction);
}

/** The record as the rules read it: the bureau's own words, certain (confidence 1), nothing to OCR. */
export function inspectionDocument(r: Omit<InspectionRequest, 'findings'> & { findings: { kind: string; note: string; evidence: string[] }[] }): ExtractedDocument {
  const v = (value: string | number | null) => ({ value, confidence: 1 });
  return {
    type: 'inspection-record', pages: [1], confidence: 1, title: '监督检查记录',
    fields: {
      classCode: v(r.classCode), date: v(r.date), inspectors: v(r.inspectors.join('、')),
      ...(r.className ? { className: v(r.className) } : {}),
      ...(r.presentCount !== undefined ? { presentCount: v(r.presentCount) } : {}),
      ...(r.enrolledCount !== undefined ? { enrolledCount: v(r.enrolledCount) } : {}),
      ...(r.remarks ? { remarks: v(r.remarks) } : {}),
    },
    tables: { findings: r.findings.map((f, i) => ({ seq: v(i + 1), kind: v(f.kind), note: v(f.note), evidence: v(f.evidence.join('\n')) })) },
  };
}

/** The same record sent twice is the same case: its number is derived from what it says. */
function inspectionCaseId(r: InspectionRequest): string {
  const digest = createHash('sha256').update(JSON.stringify([r.jurisdiction, r.institution, r.classCode, r.className ?? '', r.date, r.inspectors, r.presentCount, r.enrolledCount, r.findings, r.remarks ?? ''])).digest('hex');
  return caseIdFor(r.jurisdiction, r.date.slice(0, 4), [{ bucket: 'inspection', key: `${r.institution}/${r.classCode}`, etag: digest }]);
}

const safeName = (s: string) => s.replace(/[^\w.\-\u4e00-\u9fff]/g, '_');

/**
 * Records an inspection: its evidence stored beside the case's notices, the record judged, the notice
 * issued (or held for a reviewer), the case and what it decides written — or, sent again, the case it made.
 */
export async function recordInspection(deps: ReviewDeps, who: Principal, input: unknown): Promise<{ case: CaseRecord; created: boolean }> {
  const req = requestOf(InspectionRequest, input);
  if (!mayInspect(who, req.jurisdiction)) throw new Refusal('forbidden', `only a reviewer or the bureau of ${req.jurisdiction} records its inspections`);
  const now = deps.clock.now();
  if (req.date > chinaDate(now)) throw new Refusal('invalid', `the inspection date ${req.date} is after today`);
  const evidenceBytes = req.findings.flatMap((f) => f.evidence).reduce((n, e) => n + Math.floor((e.data.replace(/\s/g, '').length * 3) / 4), 0);
  if (evidenceBytes > EVIDENCE_MAX_BYTES) throw new Refusal('invalid', `the evidence is ${(evidenceBytes / 1048576).toFixed(1)} MB; at most ${EVIDENCE_MAX_BYTES / 1048576} MB a record`);
  const caseId = inspectionCaseId(req);
  const existing = await readCase(deps.cases, caseId);
  if (existing) return { case: existing, created: false };

  // Evidence first: a case never names a file that is not there.
  const uploads: Upload[] = [];
  const findings = await Promise.all(req.findings.map(async (f, i) => ({
    kind: f.kind, note: f.note,
    evidence: await Promise.all(f.evidence.map(async (e, j) => {
      const key = `${RESPONSES_PREFIX}${req.jurisdiction}/${caseId}/evidence/${i + 1}-${j + 1}-${safeName(e.name)}`;
      const bytes = Buffer.from(e.data, 'base64');
      await deps.objects.put(deps.names.responsesBucket, key, bytes, EVIDENCE_TYPES[e.name.split('.').pop()!.toLowerCase()]!, { 'case-id': caseId });
      const head = await deps.objects.head(deps.names.responsesBucket, key);
      uploads.push({ bucket: deps.names.responsesBucket, key, etag: head.etag, ...(head.versionId ? { versionId: head.versionId } : {}), size: bytes.byteLength });
      return key;
    })),
  })));
  return recordBureauCase(deps, who, {
    caseId, jurisdiction: req.jurisdiction, institution: req.institution, classCode: req.classCode, submissionType: 'inspection', packet: `inspection-${req.date}`,
    documents: [inspectionDocument({ ...req, findings })], uploads, notifyWhenClear: true,
    recorded: { action: 'inspection-recorded', detail: { date: req.date, inspectors: req.inspectors, found: req.findings.map((f) => f.kind), evidence: uploads.map((u) => u.key), class: req.classCode } },
  });
}

/**
 * A record the bureau makes itself (an inspection, a complaint), judged by the one adjudication and stored as
 * a case: its notice issued, or held for a reviewer like every adverse one. notifyWhenClear: false — a record
 * that decides nothing against the institution sends it nothing (a complaint not borne out).
 */
export async function recordBureauCase(
  deps: ReviewDeps,
  who: Principal,
  r: {
    caseId: string; jurisdiction: Jurisdiction; institution: string; classCode: string | null; submissionType: 'inspection' | 'complaint'; packet: string;
    documents: ExtractedDocument[]; uploads: Upload[]; notifyWhenClear: boolean; recorded: { action: string; detail: Record<string, unknown> };
  },
): Promise<{ case: CaseRecord; created: boolean }> {
  const now = deps.clock.now();
  const facts = r.classCode ? { classCode: r.classCode } : {};
  const adjudication = await adjudicate(deps, {
    subject: { caseId: r.caseId, jurisdiction: r.jurisdiction, institution: r.institution, submissionType: r.submissionType, receivedOn: chinaDate(now), facts },
    extraction: { file: r.packet, pageCount: 0, documents: r.documents, problems: [] },
    before: [],
    at: now,
  });
  const held = adjudication.held.length > 0;
  const quiet = adjudication.outcome === 'accepted' && !r.notifyWhenClear;
  const notice = held || quiet ? null : await issueNotice(deps, {
    pack: adjudication.pack, caseId: r.caseId, jurisdiction: r.jurisdiction, submissionType: r.submissionType, institution: r.institution, institutionName: adjudication.institutionName,
    documents: r.documents, findings: adjudication.findings, outcome: adjudication.outcome, date: chinaDate(now), receivedOn: chinaDate(now),
  });
  const at = now.toISOString();
  const record: CaseRecord = {
    caseId: r.caseId, caseNumber: r.caseId, jurisdiction: r.jurisdiction, submissionType: r.submissionType, institution: r.institution, institutionName: adjudication.institutionName,
    packet: r.packet, outcome: adjudication.outcome, status: held ? 'under-review' : 'decided',
    ...(held ? { review: { since: at, reasons: adjudication.held } } : {}),
    uploads: r.uploads, documents: r.documents, findings: adjudication.findings, pdfs: notice ? [notice] : [], pageCount: 0, createdAt: at, revision: 1, receivedOn: chinaDate(now),
    class: adjudication.klass, facts,
  };
  const audit: AuditEvent[] = [{ at, actor: who.user, action: r.recorded.action, detail: r.recorded.detail }, ...adjudicationAudit(who.user, now, adjudication, notice)];
  if ((await deps.cases.createCase(record, audit, { persons: adjudication.persons })) === 'duplicate') return { case: (await readCase(deps.cases, r.caseId))!, created: false };
  await publishCase(deps.events, record);
  return { case: record, created: true };
}

export const ClosureRequest = z.object({
  /** What the institution did, as the bureau checked it. */
  note: z.string().trim().min(2, 'say what was rectified (at least 2 characters)').max(2000),
  evidence: z.array(Evidence).max(10).default([]),
});

/**
 * The bureau closes a rectification (Shaoxing: training may resume): its note and evidence kept in the
 * institution's ledger and in the inspection case's audit trail. Closing one already closed is refused.
 */
export async function closeRectification(deps: ReviewDeps, who: Principal, caseId: string, input: unknown): Promise<MeasureClosure> {
  const req = requestOf(ClosureRequest, input);
  const c = await readCase(deps.cases, caseId);
  if (!c || !mayOpen(who, c) || (c.submissionType !== 'inspection' && c.submissionType !== 'complaint')) throw new Refusal('not-found', NO_SUCH_CASE);
  if (!mayInspect(who, c.jurisdiction)) throw new Refusal('forbidden', 'only a reviewer or the bureau closes a rectification');
  const now = deps.clock.now();
  const evidence = await Promise.all(req.evidence.map(async (e, i) => {
    const key = `${RESPONSES_PREFIX}${c.jurisdiction}/${caseId}/rectified/${i + 1}-${safeName(e.name)}`;
    await deps.objects.put(deps.names.responsesBucket, key, Buffer.from(e.data, 'base64'), EVIDENCE_TYPES[e.name.split('.').pop()!.toLowerCase()]!, { 'case-id': caseId });
    return key;
  }));
  const closure: MeasureClosure = { caseId, on: chinaDate(now), at: now.toISOString(), by: who.user, note: req.note, evidence };
  const keys = { persons: [], classKey: null, institutionKey: institutionKeyOf(c.jurisdiction, c.institution) };
  for (let attempt = 0; attempt < 10; attempt++) {
    const snap = await deps.cases.loadHistory(keys);
    const measure = snap.history.institution.measures.find((m) => m.caseId === caseId && m.kind === 'rectification');
    if (!measure) throw new Refusal('conflict', `case ${caseId} opened no rectification`);
    if (snap.history.institution.closures.some((x) => x.caseId === caseId)) throw new Refusal('conflict', `the rectification of case ${caseId} is closed already`);
    const writes = ledgerWrites(snap.history, `closure:${caseId}`, { persons: {}, klass: null, filing: null, attendance: [], standing: null, closure });
    if ((await deps.cases.commitHistory(keys, snap.versions, writes)) === 'committed') {
      await deps.cases.appendAudit(caseId, [{ at: closure.at, actor: who.user, action: 'rectification-closed', detail: { note: req.note, evidence, class: c.class?.code ?? null } }]);
      return closure;
    }
  }
  throw new Error(`the ledger of ${c.institution} kept changing; try again`);
}
