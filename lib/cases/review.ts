// A reviewer's work on a case: correct a field the pipeline read (the rules run again and the notice is
// re-issued) or decide the case with a reason. Each makes the case's next revision; the earlier notices,
// findings and the values read stay stored, and every step goes into the audit trail with who and when.
import { z } from 'zod';
import type { Principal } from './access.ts';
import { mayOpen } from './access.ts';
import type { StackNames } from '../config.ts';
import { chinaDate } from '../calendar/index.ts';
import { applyCorrections, fieldAt } from '../domain/corrections.ts';
import {
  CaseOutcome,
  type AuditEvent,
  type CaseRecord,
  type Correction,
  type ExtractedDocument,
  type Finding,
  type ReviewerDecision,
} from '../domain/schemas.ts';
import { parseDate, parseNumber, parsePhone, toHalfWidth } from '../domain/values.ts';
import { checkIdNumber } from '../identity/id-number.ts';
import { disclosedValue, maskIdNumber } from '../identity/disclosure.ts';
import type { PersonKeyer } from '../identity/person-key.ts';
import { adjudicate, adjudicationAudit } from './adjudicate.ts';
import { OUTCOME_LABEL_ZH } from './decide.ts';
import { NO_SUCH_CASE, Refusal, requestOf } from './errors.ts';
import { publishCase, type CaseEventPublisher } from './events.ts';
import { issueNotice } from './notice.ts';
import type { SignerFor } from '../identity/signature.ts';
import type { CaseStore, Clock, ObjectStore } from './ports.ts';
import { readCase } from './records.ts';
import { resolvePack } from '../rules/pack.ts';

export interface ReviewDeps {
  cases: CaseStore;
  objects: ObjectStore;
  names: StackNames;
  clock: Clock;
  personKeys?: PersonKeyer;
  events?: CaseEventPublisher;
  signers?: SignerFor;
}

const FieldValue = z.union([z.string().max(500), z.number(), z.boolean(), z.null()]);
const Reason = z.string().trim().min(2, 'give a reason (at least 2 characters)').max(1000);

export const FieldCorrectionRequest = z.object({
  /** The revision the reviewer was looking at: a correction to a case that changed since is refused. */
  revision: z.number().int().positive(),
  document: z.number().int().nonnegative(),
  field: z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,40}$/, 'a field key as the contract names it'),
  table: z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,40}$/).optional(),
  row: z.number().int().nonnegative().optional(),
  value: FieldValue,
  reason: Reason,
});
export type FieldCorrectionRequest = z.infer<typeof FieldCorrectionRequest>;

export const DecisionRequest = z.object({
  revision: z.number().int().positive(),
  outcome: CaseOutcome,
  reason: Reason,
});
export type DecisionRequest = z.infer<typeof DecisionRequest>;

/** Reviewers decide the cases of their jurisdictions; institutions and the bureau's ledger users do not. */
export function mayReview(who: Principal, c: Pick<CaseRecord, 'jurisdiction' | 'institution'>): boolean {
  return who.role === 'reviewer' && mayOpen(who, c);
}

/**
 * A reviewer's value in the form the rules read (the contract's normalisation): ID numbers checked against
 * their check digit, dates as YYYY-MM-DD, phones as digits, counts and amounts as numbers.
 */
export function normaliseCorrection(field: string, value: string | number | boolean | null): string | number | boolean | null {
  if (typeof value !== 'string') return value;
  const v = toHalfWidth(value).trim();
  if (v === '') return null;
  if (/idNumber$/i.test(field)) {
    const check = checkIdNumber(v.toUpperCase());
    if (!check.valid || !check.normalised) throw new Refusal('invalid', `${maskIdNumber(v)} is not a valid ID number: ${check.problems.map((p) => p.message).join('; ')}`);
    return check.normalised;
  }
  if (/(Date|^date)$/.test(field)) {
    const d = parseDate(v);
    if (!d) throw new Refusal('invalid', `“${v}” is not a date (2024-03-05, 2024年3月5日, 2024.3.5)`);
    return d;
  }
  if (/phone$/i.test(field)) {
    const p = parsePhone(v);
    if (!p) throw new Refusal('invalid', 'not a mobile or landline number');
    return p;
  }
  if (/(Count|Hours|Amount|Area|Rate|Places|Seats|Classrooms)$/.test(field)) {
    const n = parseNumber(v);
    if (n === null) throw new Refusal('invalid', `“${v}” is not a number`);
    return n;
  }
  return v;
}

async function openForReview(deps: ReviewDeps, who: Principal, caseId: string, revision: number): Promise<CaseRecord> {
  const c = await readCase(deps.cases, caseId);
  // A case one may not open is answered as one that does not exist, so that case ids cannot be probed.
  if (!c || !mayOpen(who, c)) throw new Refusal('not-found', NO_SUCH_CASE);
  if (!mayReview(who, c)) throw new Refusal('forbidden', 'only a reviewer corrects or decides a case');
  if ((c.revision ?? 1) !== revision) throw new Refusal('conflict', `the case is at revision ${c.revision ?? 1} now (you saw ${revision}); reload it`);
  return c;
}

/** The rules again over the documents as they stand, the notice re-issued, the next revision stored. */
async function revise(
  deps: ReviewDeps,
  who: Principal,
  c: CaseRecord,
  change: { documents: ExtractedDocument[]; corrections: Correction[]; decision: ReviewerDecision | null; audit: AuditEvent[] },
): Promise<CaseRecord> {
  const now = deps.clock.now();
  const revision = (c.revision ?? 1) + 1;
  const adjudication = await adjudicate(deps, {
    subject: { caseId: c.caseId, jurisdiction: c.jurisdiction, institution: c.institution, submissionType: c.submissionType, receivedOn: c.receivedOn ?? chinaDate(c.createdAt), facts: c.facts ?? {} },
    extraction: { file: c.packet, pageCount: c.pageCount, documents: change.documents, problems: [] },
    // Findings made before the rules (the upload's own problems) stand; the reviewer's earlier decision does not.
    before: c.findings.filter((f) => f.ruleId.startsWith('INTAKE-')),
    at: now,
    previousDocuments: c.documents,
    institutionName: c.institutionName,
    ...(change.decision ? { override: change.decision.outcome } : {}),
  });
  let findings = adjudication.findings;
  let noticeFindings = findings;
  if (change.decision) {
    const d = change.decision;
    const reviewer: Finding = {
      ruleId: 'REVIEWER-DECISION',
      severity: d.outcome === 'accepted' ? 'info' : d.outcome === 'warning' ? 'warning' : 'error',
      outcome: ({ accepted: 'FLAG', 'supplement-required': 'SUPPLEMENT_ONCE', rejected: 'REJECT', warning: 'WARNING' } as const)[d.outcome],
      message: `经人工审核：${d.reason}`,
      source: { file: 'reviewer', section: '人工审核意见', quote: OUTCOME_LABEL_ZH[d.outcome] },
    };
    findings = [...findings, reviewer];
    // A case the reviewer accepts over the rules' objections is not told of them as if they stood.
    noticeFindings = d.outcome === 'accepted' ? findings.filter((f) => f.severity !== 'error') : findings;
  }
  // A correction that leaves the case adverse (or still resting on a value in doubt) keeps it waiting: the
  // reviewer signs it off when satisfied. A reviewer's own decision goes out at once.
  const held = adjudication.held;
  const notice = held.length > 0 ? null : await issueNotice(deps, {
    pack: adjudication.pack, caseId: c.caseId, jurisdiction: c.jurisdiction, submissionType: c.submissionType, institution: c.institution,
    institutionName: adjudication.institutionName, documents: change.documents, findings: noticeFindings, outcome: adjudication.outcome, date: chinaDate(now), revision,
    receivedOn: c.receivedOn ?? chinaDate(c.createdAt),
  });
  const at = now.toISOString();
  const audit: AuditEvent[] = [
    ...change.audit,
    ...adjudicationAudit(who.user, now, { ...adjudication, findings }, notice, { revision, supersedes: c.pdfs.filter((p) => p.verificationCode).at(-1)?.key }),
  ];
  const written = await deps.cases.reviseCase(c.caseId, c.revision ?? 1, {
    revision, outcome: adjudication.outcome, status: notice ? 'decided' : 'under-review', findings, newPdfs: notice ? [notice] : [], corrections: change.corrections, decision: change.decision,
    review: notice ? null : { since: c.review?.since ?? at, reasons: held }, updatedAt: at,
  }, audit);
  // The ledgers already hold this revision's entries; the winner's revision writes its own over them.
  if (written === 'conflict') throw new Refusal('conflict', 'another reviewer changed the case at the same moment; reload it');
  const updated = (await readCase(deps.cases, c.caseId))!;
  await publishCase(deps.events, updated);
  return updated;
}

export async function correctField(deps: ReviewDeps, who: Principal, caseId: string, input: unknown): Promise<CaseRecord> {
  const req = requestOf(FieldCorrectionRequest, input);
  const c = await openForReview(deps, who, caseId, req.revision);
  if (req.table !== undefined && req.row === undefined) throw new Refusal('invalid', 'a table cell needs its row');
  const at = fieldAt(c.documents, req);
  if (!at) throw new Refusal('invalid', `the case has no document ${req.document}${req.table ? `, table ${req.table} row ${req.row}` : ''}`);
  const value = normaliseCorrection(req.field, req.value);
  const from = at.field?.value ?? null;
  if (from === value) throw new Refusal('invalid', 'the field has this value already');
  const now = deps.clock.now().toISOString();
  const revision = (c.revision ?? 1) + 1;
  const correction: Correction = {
    at: now, by: who.user, revision, document: req.document, field: req.field,
    ...(req.table !== undefined ? { table: req.table, row: req.row } : {}), from, to: value, reason: req.reason,
  };
  const corrections = [...(c.corrections ?? []), correction];
  return revise(deps, who, c, {
    documents: applyCorrections(c.documents, [correction]),
    corrections,
    // A correction puts the case back in the rules' hands; a reviewer decides again if need be.
    decision: null,
    audit: [{
      at: now, actor: who.user, action: 'field-corrected',
      detail: { revision, document: req.document, documentType: c.documents[req.document]?.type, field: req.field, ...(req.table !== undefined ? { table: req.table, row: req.row } : {}), from: disclosedValue(req.field, from), to: disclosedValue(req.field, value), reason: req.reason },
    }],
  });
}

export async function decideCase(deps: ReviewDeps, who: Principal, caseId: string, input: unknown): Promise<CaseRecord> {
  const req = requestOf(DecisionRequest, input);
  const c = await openForReview(deps, who, caseId, req.revision);
  const now = deps.clock.now().toISOString();
  const revision = (c.revision ?? 1) + 1;
  const decision: ReviewerDecision = { at: now, by: who.user, revision, outcome: req.outcome, reason: req.reason };
  return revise(deps, who, c, {
    documents: c.documents,
    corrections: c.corrections ?? [],
    decision,
    audit: [{ at: now, actor: who.user, action: 'decided', detail: { revision, outcome: req.outcome, was: c.outcome, reason: req.reason } }],
  });
}

export const SignOffRequest = z.object({
  revision: z.number().int().positive(),
  /** What the reviewer checked; optional, the sign-off itself is the record. */
  note: z.string().trim().max(1000).optional(),
});
export type SignOffRequest = z.infer<typeof SignOffRequest>;

/**
 * A reviewer signs off what the rules decided for a held case: its notice is issued as it stands, dated
 * today, and the case is decided. To change what it says, correct a field or decide the case instead.
 */
export async function signOff(deps: ReviewDeps, who: Principal, caseId: string, input: unknown): Promise<CaseRecord> {
  const req = requestOf(SignOffRequest, input);
  const c = await openForReview(deps, who, caseId, req.revision);
  if (c.status !== 'under-review') throw new Refusal('conflict', 'the case is not waiting for review; its notice is out');
  const now = deps.clock.now();
  const revision = (c.revision ?? 1) + 1;
  const notice = { ...(await issueNotice(deps, {
    pack: resolvePack(c.jurisdiction), caseId: c.caseId, jurisdiction: c.jurisdiction, submissionType: c.submissionType, institution: c.institution,
    institutionName: c.institutionName, documents: c.documents, findings: c.findings, outcome: c.outcome, date: chinaDate(now), revision,
    receivedOn: c.receivedOn ?? chinaDate(c.createdAt),
  })), issuedAt: now.toISOString() };
  const at = now.toISOString();
  const audit: AuditEvent[] = [
    { at, actor: who.user, action: 'signed-off', detail: { revision, outcome: c.outcome, waitedSince: c.review?.since ?? c.createdAt, ...(req.note ? { note: req.note } : {}) } },
    { at, actor: who.user, action: 'notice-issued', detail: { revision, key: notice.key, sha256: notice.sha256 } },
  ];
  const written = await deps.cases.reviseCase(c.caseId, c.revision ?? 1, {
    revision, outcome: c.outcome, status: 'decided', findings: c.findings, newPdfs: [notice], corrections: c.corrections ?? [], decision: c.decision ?? null, review: null, updatedAt: at,
  }, audit);
  if (written === 'conflict') throw new Refusal('conflict', 'another reviewer changed the case at the same moment; reload it');
  const updated = (await readCase(deps.cases, c.caseId))!;
  await publishCase(deps.events, updated);
  return updated;
}

export interface QueueEntry {
  caseId: string;
  caseNumber: string;
  jurisdiction: CaseRecord['jurisdiction'];
  submissionType: string;
  institution: string;
  institutionName: string | null;
  /** What the rules would issue. */
  outcome: string;
  since: string;
  /** Whole minutes waited so far. */
  waitingMinutes: number;
  reasons: string[];
}

/** The cases waiting for a reviewer of these jurisdictions, the longest-waiting first. */
export async function reviewQueue(deps: Pick<ReviewDeps, 'cases' | 'clock'>, who: Principal, jurisdiction?: CaseRecord['jurisdiction']): Promise<QueueEntry[]> {
  if (who.role !== 'reviewer') throw new Refusal('forbidden', 'only a reviewer has a review queue');
  const now = deps.clock.now().getTime();
  const cases = await deps.cases.listCases(jurisdiction ? { jurisdiction } : {});
  return cases
    .filter((c) => c.status === 'under-review' && mayReview(who, c))
    .map((c) => {
      const since = c.review?.since ?? c.createdAt;
      return {
        caseId: c.caseId, caseNumber: c.caseNumber, jurisdiction: c.jurisdiction, submissionType: c.submissionType, institution: c.institution, institutionName: c.institutionName,
        outcome: c.outcome, since, waitingMinutes: Math.max(0, Math.floor((now - Date.parse(since)) / 60_000)), reasons: c.review?.reasons ?? [],
      };
    })
    .sort((a, b) => a.since.localeCompare(b.since));
}
