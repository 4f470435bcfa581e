// Adjudication, the one judgement intake and review share: a packet's documents judged against its city's
// rules and what earlier cases committed (lib/cases/judge.ts), the trainees keyed for the cross-case
// ledgers, the institution named as its documents name it. Intake calls it once per packet; review again
// for each correction or decision, so a case is always judged the same way whoever asks.
import type { AuditEvent, CaseOutcome, ExtractedDocument, Extraction, Finding, IssuedPdf, Jurisdiction, SubmissionType } from '../domain/schemas.ts';
import { rosterIdNumbers, type PersonKeyer } from '../identity/person-key.ts';
import type { PacketFacts } from '../rules/evaluate.ts';
import type { ClassStatus } from '../rules/history.ts';
import { resolvePack, type ResolvedPack } from '../rules/pack.ts';
import { decide } from './decide.ts';
import { holdReasons } from './hold.ts';
import { judge, type Judgement } from './judge.ts';
import type { CaseStore } from './ports.ts';

export interface AdjudicationDeps {
  cases: Pick<CaseStore, 'loadHistory' | 'commitHistory'>;
  /** Keys trainees by a keyed hash of their ID number; without it, rules about trainees across cases do not apply. */
  personKeys?: PersonKeyer;
  log?: (msg: string, data?: Record<string, unknown>) => void;
}

/** What a case is about: fixed when the packet arrives, the same in every revision. */
export interface CaseSubject {
  caseId: string;
  jurisdiction: Jurisdiction;
  institution: string;
  submissionType: SubmissionType;
  receivedOn: string;
  /** What the upload declared: off-site venue, online classes, the class it names (which wins over the 班级编号 read). */
  facts: PacketFacts;
}

export interface AdjudicationInput {
  subject: CaseSubject;
  extraction: Extraction;
  /** Findings made before the rules (the upload's own problems); they stand in every revision. */
  before: Finding[];
  at: Date;
  /** false: a packet whose path names no institution or packet is answered without its rules, and commits nothing. */
  rulesApply?: boolean;
  /** The documents the case was judged on before (review): trainees no longer on them leave the ledgers. */
  previousDocuments?: ExtractedDocument[];
  /** A reviewer's decision, standing in for the outcome the findings give. */
  override?: CaseOutcome;
  /** The institution's name when the documents give none (the earlier revision's, or null). */
  institutionName?: string | null;
}

export interface Adjudication {
  pack: ResolvedPack;
  findings: Finding[];
  /** Rules that ran and passed. */
  passed: string[];
  outcome: CaseOutcome;
  /** The keyed hashes the case is indexed and written to the ledgers under. */
  persons: string[];
  institutionName: string | null;
  /** The class the case was filed under and where it stands after it (null: no class named). */
  klass: { code: string; status: ClassStatus } | null;
  /** Why its notice waits for a reviewer's sign-off ([]: it goes out now); a reviewer's own decision is never held. */
  held: string[];
}

async function keysOf(personKeys: PersonKeyer | undefined, documents: ExtractedDocument[]): Promise<Record<string, string>> {
  const keys: Record<string, string> = {};
  if (personKeys) for (const id of rosterIdNumbers(documents)) keys[id] = await personKeys.key(id);
  return keys;
}

/** The institution as its documents name it (an application's 机构名称), else the reading of the packet's text. */
export function institutionNameOf(extraction: Pick<Extraction, 'documents' | 'institutionGuess'>, fallback: string | null = null): string | null {
  const named = extraction.documents.find((d) => typeof d.fields.institutionName?.value === 'string' && d.fields.institutionName.value);
  const guess = extraction.institutionGuess?.value;
  return (named?.fields.institutionName?.value as string | undefined) ?? (typeof guess === 'string' && guess ? guess : fallback);
}

export async function adjudicate(deps: AdjudicationDeps, input: AdjudicationInput): Promise<Adjudication> {
  const { subject, extraction } = input;
  const pack = resolvePack(subject.jurisdiction);
  const institutionName = institutionNameOf(extraction, input.institutionName ?? null);
  const personKeys = await keysOf(deps.personKeys, extraction.documents);
  if (input.rulesApply === false) {
    const outcome = input.override ?? decide(input.before);
    const held = input.override ? [] : holdReasons({ review: pack.review, outcome, findings: input.before, documents: extraction.documents });
    return { pack, findings: input.before, passed: [], outcome, persons: Object.values(personKeys), institutionName, klass: null, held };
  }
  const previousPersons = input.previousDocuments ? Object.values(await keysOf(deps.personKeys, input.previousDocuments)) : undefined;
  const judgement: Judgement = await judge(
    deps.cases,
    {
      pack, ...subject, ...(subject.facts.classCode ? { classCode: subject.facts.classCode } : {}), extraction, at: input.at.toISOString(), before: input.before,
      ...(deps.personKeys ? { personKeys } : {}),
      ...(previousPersons ? { previousPersons } : {}),
      ...(input.override ? { override: input.override } : {}),
    },
    (attempt) => deps.log?.('cross-case ledgers moved, judging again', { caseId: subject.caseId, attempt }),
  );
  const held = input.override
    ? []
    : holdReasons({ review: pack.review, outcome: judgement.outcome, findings: judgement.findings, documents: extraction.documents, classDeclared: !!subject.facts.classCode });
  // Notices are addressed as the registry names the institution; its documents' spelling only when it has none.
  return { pack, findings: judgement.findings, passed: judgement.passed, outcome: judgement.outcome, persons: judgement.keys.persons, institutionName: judgement.registeredName ?? institutionName, klass: judgement.klass, held };
}

/** The audit trail's record of a judgement and the notice that told it, by whoever asked for it. */
export function adjudicationAudit(
  actor: string,
  at: Date,
  adjudication: Pick<Adjudication, 'passed' | 'findings' | 'outcome'> & { held?: string[] },
  notice: IssuedPdf | null,
  extra: { revision?: number; alsoIssued?: string[]; supersedes?: string } = {},
): AuditEvent[] {
  const when = at.toISOString();
  const revision = extra.revision !== undefined ? { revision: extra.revision } : {};
  return [
    { at: when, actor, action: 'validated', detail: { ...revision, rulesPassed: adjudication.passed, findings: adjudication.findings.map((f) => f.ruleId), outcome: adjudication.outcome } },
    // Held: no notice yet; the reviewer's sign-off issues it.
    ...(!notice ? [{ at: when, actor, action: 'held-for-review', detail: { ...revision, outcome: adjudication.outcome, reasons: adjudication.held ?? [], ...(extra.alsoIssued?.length ? { alsoIssued: extra.alsoIssued } : {}) } }] : []),
    ...(notice ? [{
      at: when, actor, action: 'notice-issued',
      detail: { ...revision, key: notice.key, sha256: notice.sha256, ...(extra.alsoIssued ? { alsoIssued: extra.alsoIssued } : {}), ...('supersedes' in extra ? { supersedes: extra.supersedes } : {}) },
    }] : []),
  ];
}
