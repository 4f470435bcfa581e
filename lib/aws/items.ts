// The items the case table holds, as zod schemas: what DynamoDB hands back is parsed, never cast, so a
// malformed or foreign item fails loudly at the adapter instead of deep in a rule. Keys (pk, sk, the
// indexes' attributes) are stripped by parsing.
import { z } from 'zod';
import { AuditEvent, CaseOutcome, CaseRecord, ExtractedDocument, Finding, Jurisdiction, SubmissionType } from '../domain/schemas.ts';
import type { AttendanceRecord, InspectionEntry, InstitutionLedger, InstitutionStanding, Measure, MeasureClosure, OpeningEntry, PersonCommitment, SubjectCase } from '../rules/history.ts';
import type { PendingPacket, PersonEntry, ReadingEntry } from '../cases/ports.ts';

export const CaseHead = CaseRecord.omit({ documents: true, findings: true }).extend({
  kind: z.literal('case'),
  documentCount: z.number().optional(),
  findingCount: z.number().optional(),
});

const revision = z.number().int().positive().optional();

/** The items of one case's partition. */
export const CaseItem = z.discriminatedUnion('kind', [
  CaseHead,
  z.object({ kind: z.literal('document'), document: ExtractedDocument }),
  z.object({ kind: z.literal('documents'), documents: z.array(ExtractedDocument) }),
  z.object({ kind: z.literal('finding'), revision, finding: Finding }),
  z.object({ kind: z.literal('findings'), revision, findings: z.array(Finding) }),
  z.object({ kind: z.literal('audit'), event: AuditEvent }),
]);

/** A case as the lists show it (the indexes project the head). */
export const SummaryItem = CaseRecord.pick({
  caseId: true, caseNumber: true, jurisdiction: true, submissionType: true, institution: true, outcome: true, status: true, createdAt: true, uploads: true, pdfs: true, review: true,
}).extend({ institutionName: z.string().nullable().optional().transform((v) => v ?? null), search: z.string().optional() });

export const PersonIndexItem = z.object({
  kind: z.literal('person'),
  caseId: z.string(),
  jurisdiction: Jurisdiction,
  institution: z.string(),
  submissionType: z.string(),
  startDate: z.string().optional(),
  endDate: z.string().optional(),
}) satisfies z.ZodType<PersonEntry & { kind: 'person' }>;

/** An upload's, a PDF's or a verification code's item: the case it belongs to. */
export const PdfLookupItem = z.object({ caseId: z.string(), key: z.string() });

const At = { caseId: z.string(), outcome: CaseOutcome, at: z.string() };

const PersonCommitmentSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('enrolment'), ...At, classKey: z.string(), startDate: z.string().optional(), endDate: z.string().optional(), className: z.string().optional() }),
  z.object({
    kind: z.literal('subsidy'), ...At, classKey: z.string(), year: z.number(), date: z.string(),
    occupation: z.string().optional(), level: z.string().optional(), levelRank: z.number().optional(),
  }),
]) satisfies z.ZodType<PersonCommitment>;

const SubjectCaseSchema = z.object({
  ...At, submissionType: SubmissionType, traineeCount: z.number().optional(), units: z.number().optional(), sheets: z.number().optional(), endDate: z.string().optional(), receivedOn: z.string().optional(), failed: z.array(z.string()).optional(),
}) satisfies z.ZodType<SubjectCase>;

const AttendanceSchema = z.object({ caseId: z.string(), date: z.string(), classKey: z.string(), rate: z.number() }) satisfies z.ZodType<AttendanceRecord>;

const StandingSchema = z.object({
  status: z.enum(['active', 'suspended', 'exited']),
  agreementStart: z.string().optional(),
  agreementEnd: z.string().optional(),
  reason: z.string().optional(),
  by: z.string(),
  at: z.string(),
  caseId: z.string().optional(),
  name: z.string().optional(),
  creditCode: z.string().optional(),
  since: z.string().optional(),
  trail: z.array(z.object({ status: z.enum(['active', 'suspended', 'exited']), reason: z.string().optional(), by: z.string(), at: z.string() })).optional(),
  annualQuota: z.number().optional(),
}) satisfies z.ZodType<InstitutionStanding>;

const MeasureSchema = z.object({
  caseId: z.string(), classKey: z.string().nullable(), kind: z.enum(['rectification', 'disqualification']), on: z.string(), at: z.string(),
  dueBy: z.string().optional(), suspends: z.boolean().optional(), rules: z.array(z.string()), reason: z.string(),
}) satisfies z.ZodType<Measure>;

const ClosureSchema = z.object({ caseId: z.string(), on: z.string(), at: z.string(), by: z.string(), note: z.string(), evidence: z.array(z.string()) }) satisfies z.ZodType<MeasureClosure>;

const InspectionSchema = z.object({ caseId: z.string(), date: z.string(), classKey: z.string().nullable(), kinds: z.array(z.string()) }) satisfies z.ZodType<InspectionEntry>;

const OpeningSchema = z.object({ caseId: z.string(), classKey: z.string(), outcome: CaseOutcome, on: z.string(), startDate: z.string().optional(), trainees: z.number() }) satisfies z.ZodType<OpeningEntry>;

const version = z.number().int().nonnegative();

export const PersonLedgerItem = z.object({ entries: z.array(PersonCommitmentSchema), version });
export const ClassLedgerItem = z.object({ entries: z.array(SubjectCaseSchema), version });
export const InstitutionLedgerItem = z.object({
  jurisdiction: z.string(),
  institution: z.string(),
  standing: StandingSchema.nullable().optional(),
  filings: z.array(SubjectCaseSchema).optional(),
  attendance: z.array(AttendanceSchema).optional(),
  measures: z.array(MeasureSchema).optional(),
  closures: z.array(ClosureSchema).optional(),
  inspections: z.array(InspectionSchema).optional(),
  openings: z.array(OpeningSchema).optional(),
  version,
});

/** The ledger an item holds (an institution never written to: the empty one). */
export function institutionLedgerOf(item: z.infer<typeof InstitutionLedgerItem> | undefined): InstitutionLedger {
  return {
    standing: item?.standing ?? null, filings: item?.filings ?? [], attendance: item?.attendance ?? [],
    measures: item?.measures ?? [], closures: item?.closures ?? [], inspections: item?.inspections ?? [], openings: item?.openings ?? [],
  };
}

/** A packet being read (lib/cases/reading.ts). */
export const ReadingItem = z.object({
  caseId: z.string(),
  caseNumber: z.string(),
  jurisdiction: Jurisdiction,
  institution: z.string(),
  submissionType: z.string().optional(),
  files: z.array(z.string()),
  file: z.string().optional(),
  page: z.number().int().nonnegative(),
  pages: z.number().int().nonnegative(),
  startedAt: z.string(),
  updatedAt: z.string(),
}) satisfies z.ZodType<ReadingEntry>;

/** A packet waiting for files (lib/cases/intake/overdue.ts). */
export const PendingItem = z.object({
  bucket: z.string(),
  packetPrefix: z.string(),
  key: z.string(),
  jurisdiction: Jurisdiction,
  want: z.number().int().positive(),
}) satisfies z.ZodType<PendingPacket>;
