// Adjudication with memory: a packet judged against its rules and against what earlier cases committed.
// The case's own commitments go into the ledgers only if none of them moved since they were read;
// otherwise it is read and judged again, so concurrent packets are judged as if one came after the other.
import type { CaseOutcome, Extraction, Finding, Jurisdiction, SubmissionType } from '../domain/schemas.ts';
import { evaluate, type PacketFacts } from '../rules/evaluate.ts';
import { applyChanges, changesOf, classKeyOf, classOfPacket, classStatus, enrolledIn, institutionKeyOf, ledgerWrites, withoutCase, type ClassStatus, type HistoryKeys } from '../rules/history.ts';
import type { ResolvedPack } from '../rules/pack.ts';
import { measureOf } from '../rules/measures.ts';
import { decide } from './decide.ts';
import type { CaseStore } from './ports.ts';

export interface JudgeInput {
  pack: ResolvedPack;
  caseId: string;
  jurisdiction: Jurisdiction;
  institution: string;
  submissionType: SubmissionType;
  extraction: Extraction;
  facts: PacketFacts;
  receivedOn: string;
  /** The class the uploader named; it wins over the 班级编号 read. */
  classCode?: string;
  /** When the case was decided (ISO). */
  at: string;
  /** Normalised ID number → keyed hash; without it, rules about trainees across cases do not apply. */
  personKeys?: Record<string, string>;
  /** Findings made before the rules (intake problems, unreadable pages). */
  before: Finding[];
  /** Ledgers the case was written to before (a reviewer corrected an ID number): its entries there are taken out. */
  previousPersons?: string[];
  /** A reviewer's decision, standing in for the outcome the findings give. */
  override?: CaseOutcome;
}

export interface Judgement {
  findings: Finding[];
  passed: string[];
  outcome: CaseOutcome;
  /** The ledgers it was written to (the case's person index uses the same keys). */
  keys: HistoryKeys;
  attempts: number;
  klass: { code: string; status: ClassStatus } | null;
  /** The institution's name on the bureau's registry (null: not on it, or without a name). */
  registeredName: string | null;
}

export const MAX_ATTEMPTS = 8;

export async function judge(store: Pick<CaseStore, 'loadHistory' | 'commitHistory'>, input: JudgeInput, onRetry?: (attempt: number) => void): Promise<Judgement> {
  const { pack, caseId, jurisdiction, institution, submissionType, extraction, facts, receivedOn } = input;
  const personKeys = input.personKeys ?? {};
  const classCode = classOfPacket(extraction.documents, input.classCode);
  const keys: HistoryKeys = {
    persons: [...new Set([...Object.values(personKeys), ...(input.previousPersons ?? [])])],
    classKey: classCode ? classKeyOf(jurisdiction, institution, classCode) : null,
    institutionKey: institutionKeyOf(jurisdiction, institution),
  };
  for (let attempt = 1; ; attempt++) {
    const snapshot = await store.loadHistory(keys);
    const history = withoutCase(snapshot.history, caseId);
    const evaluation = evaluate(pack, {
      jurisdiction, submissionType, extraction, facts, receivedOn, institution, history, ...(classCode ? { classCode } : {}), ...(input.personKeys ? { personKeys } : {}),
    });
    const findings = [...input.before, ...evaluation.findings];
    const outcome = input.override ?? decide(findings);
    const refused = new Set(evaluation.refusedPersons);
    const changes = changesOf({
      caseId, jurisdiction, institution, submissionType, outcome, documents: extraction.documents, receivedOn, at: input.at,
      // Trainees a finding refuses (a fourth subsidy, an overlapping class) hold no place in the ledgers.
      personKeys: Object.fromEntries(Object.entries(personKeys).filter(([, k]) => !refused.has(k))),
      ...(pack.agreement ? { agreement: pack.agreement } : {}),
      enrolled: enrolledIn(extraction.documents, history),
      classCode,
      standing: history.institution.standing,
      failed: findings.filter((f) => f.severity !== 'info' && f.outcome !== 'FLAG').map((f) => f.ruleId),
      ...(submissionType === 'inspection' || submissionType === 'complaint' ? { measure: measureOf(pack, extraction.documents, findings, receivedOn, outcome) } : {}),
    });
    // A trainee this case no longer holds a place for (refused, or an ID number corrected away) is taken out.
    for (const k of input.previousPersons ?? []) changes.persons[k] ??= [];
    if ((await store.commitHistory(keys, snapshot.versions, ledgerWrites(snapshot.history, caseId, changes))) === 'committed') {
      const klass = classCode && submissionType !== 'institution-filing' ? { code: classCode, status: classStatus(applyChanges(snapshot.history, caseId, changes).klass) } : null;
      return { findings, passed: evaluation.passed, outcome, keys, attempts: attempt, klass, registeredName: history.institution.standing?.name ?? null };
    }
    if (attempt >= MAX_ATTEMPTS) throw new Error(`the cross-case ledgers of case ${caseId} kept changing; the event will be retried`);
    onRetry?.(attempt);
  }
}
