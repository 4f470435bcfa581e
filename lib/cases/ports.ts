// The ports the use cases need; lib/aws implements them on S3 and DynamoDB (locally: s3rver, DynamoDB Local).
// Adapters only persist and parse what they read: every decision (ledger contents, corrections applied,
// standing changed) is made in lib/cases and handed to them whole.
import type { AuditEvent, CaseOutcome, CaseRecord, Correction, Finding, IssuedPdf, Jurisdiction, ReviewerDecision, ReviewHold } from '../domain/schemas.ts';
import type { HistoryKeys, HistorySnapshot, InstitutionLedger, InstitutionStanding, LedgerWrites } from '../rules/history.ts';

export interface StoredObject {
  bytes: Uint8Array;
  etag: string;
  versionId?: string;
  lastModified: Date;
  contentType?: string;
  metadata: Record<string, string>;
}

export interface ObjectSummary {
  key: string;
  etag: string;
  size: number;
}

export type ObjectHead = Omit<StoredObject, 'bytes'> & { size: number };

export interface ObjectStore {
  /**
   * The object; with firstBytes, only that many bytes from its start (a ranged GET). With `version` (the
   * version id and ETag a case recorded), that version only: a key overwritten since throws
   * ObjectChangedError rather than hand back another file under the case's name.
   */
  get(bucket: string, key: string, opts?: { firstBytes?: number; version?: { versionId?: string; etag: string } }): Promise<StoredObject>;
  head(bucket: string, key: string): Promise<ObjectHead>;
  put(bucket: string, key: string, bytes: Uint8Array, contentType: string, metadata?: Record<string, string>): Promise<void>;
  list(bucket: string, prefix: string): Promise<ObjectSummary[]>;
  /** Sets the object's tags (lifecycle rules select class videos by the tag record=video). */
  tag(bucket: string, key: string, tags: Record<string, string>): Promise<void>;
}

export interface CaseSummary {
  caseId: string;
  caseNumber: string;
  jurisdiction: Jurisdiction;
  submissionType: string;
  institution: string;
  institutionName: string | null;
  outcome: string;
  status: string;
  createdAt: string;
  /** While the case waits for a reviewer. */
  review?: ReviewHold;
  /** What it is found by (lib/cases/records.ts searchTextOf); not sent to the console. */
  search?: string;
  uploads: CaseRecord['uploads'];
  pdfs: CaseRecord['pdfs'];
}

/** A packet being read: its case exists only once reading and judging are done, and until then this shows its progress. */
export interface ReadingEntry {
  caseId: string;
  caseNumber: string;
  jurisdiction: Jurisdiction;
  institution: string;
  /** As declared on upload, when it was. */
  submissionType?: string;
  files: string[];
  /** The file being read (its name), and the page of it. */
  file?: string;
  page: number;
  pages: number;
  startedAt: string;
  updatedAt: string;
}

/** A packet some of whose declared files have not come (answered when they do, or when its wait is over). */
export interface PendingPacket {
  bucket: string;
  /** incoming/{jurisdiction}/{institution}/{packet}/ */
  packetPrefix: string;
  /** One of its files: an event for it assembles the packet. */
  key: string;
  jurisdiction: Jurisdiction;
  want: number;
}

/** Keys under which a case is also found (cross-case checks). */
export interface CaseIndex {
  /** Keyed hashes of the trainees' ID numbers (lib/identity/person-key.ts). */
  persons: string[];
}

export interface PersonEntry {
  caseId: string;
  jurisdiction: Jurisdiction;
  institution: string;
  submissionType: string;
  startDate?: string;
  endDate?: string;
}

/** What a reviewer's correction or decision changes on a case (lib/cases/review.ts). */
export interface CaseRevision {
  revision: number;
  outcome: CaseOutcome;
  status: CaseRecord['status'];
  /** The findings of this revision (the earlier revisions' stay stored under theirs). */
  findings: Finding[];
  /** PDFs issued in this revision, added after the earlier ones. */
  newPdfs: IssuedPdf[];
  /** Every correction so far, this revision's last. */
  corrections: Correction[];
  decision: ReviewerDecision | null;
  /** Why the revision waits for a reviewer; null: it does not (its notice is among newPdfs). */
  review: ReviewHold | null;
  updatedAt: string;
}

export interface CaseStore {
  /**
   * Writes the case, its documents, findings and audit events in one transaction that fails when the
   * case exists already; 'duplicate' then, and nothing is written.
   */
  createCase(record: CaseRecord, audit: AuditEvent[], index?: CaseIndex): Promise<'created' | 'duplicate'>;
  /** The cases that list a person, by the person's keyed hash (never the ID number). */
  casesOfPerson(personKey: string): Promise<PersonEntry[]>;
  /** The case as stored: its documents as they were read, its corrections beside them (lib/cases/records.ts applies them). */
  getCase(caseId: string): Promise<CaseRecord | null>;
  /**
   * Writes the next revision of a case with its audit events, provided the case is still at
   * expectedRevision; 'conflict' when another reviewer got there first (nothing written).
   */
  reviseCase(caseId: string, expectedRevision: number, next: CaseRevision, audit: AuditEvent[]): Promise<'revised' | 'conflict'>;
  listCases(query: { jurisdiction?: Jurisdiction; limit?: number }): Promise<CaseSummary[]>;
  /** A packet's reading progress, kept while it is read (written page by page, dropped when its case is stored). */
  putReading(entry: ReadingEntry): Promise<void>;
  endReading(jurisdiction: Jurisdiction, caseId: string): Promise<void>;
  /** The packets of a city being read now, oldest first; an entry left by a worker that stopped expires on its own. */
  listReading(jurisdiction: Jurisdiction): Promise<ReadingEntry[]>;
  /** Packets waiting for files (lib/cases/intake/overdue.ts answers those that waited too long). */
  putPending(p: PendingPacket): Promise<void>;
  endPending(bucket: string, packetPrefix: string): Promise<void>;
  listPending(): Promise<PendingPacket[]>;
  /** Entries of the audit trail that change nothing in the case (a person's unmasked view of it). */
  appendAudit(caseId: string, events: AuditEvent[]): Promise<void>;
  auditTrail(caseId: string): Promise<AuditEvent[]>;
  /**
   * The bureau's document number (文号) for a notice: the next of its sequence in scope (jurisdiction/year)
   * the first time a holder (case/revision) asks, the same number every time after.
   */
  documentNumber(scope: string, holder: string): Promise<number>;
  findPdfByHash(sha256: string): Promise<{ caseId: string; key: string } | null>;
  /** The notice a verification code (printed and in its QR code) belongs to. */
  findPdfByCode(code: string): Promise<{ caseId: string; key: string } | null>;
  /** The ledgers cross-case rules read (a consistent read), each with the version it was read at. */
  loadHistory(keys: HistoryKeys): Promise<HistorySnapshot>;
  /**
   * Writes the ledgers given, each whole, provided none moved since it was read at the version given;
   * 'conflict' when one did — read again and judge again (lib/cases/judge.ts).
   */
  commitHistory(keys: HistoryKeys, versions: HistorySnapshot['versions'], writes: LedgerWrites): Promise<'committed' | 'conflict'>;
  /** The registry: each institution's ledger (its standing as the bureau decided it, and what inspections decided since). */
  listInstitutions(jurisdiction?: Jurisdiction): Promise<{ institutionKey: string; standing: InstitutionStanding | null; filings: number; ledger: InstitutionLedger }[]>;
  /** Many institutions' ledgers in one read (a registry import), each with its version (0: none yet). */
  loadInstitutionLedgers(institutionKeys: string[]): Promise<Map<string, { ledger: InstitutionLedger; version: number }>>;
  /**
   * Many institutions' ledgers written whole, each provided it is still at its version; 'conflict' when one
   * moved (a filing landed meanwhile) — read again and write again.
   */
  commitInstitutionLedgers(writes: { institutionKey: string; version: number; ledger: InstitutionLedger }[]): Promise<'committed' | 'conflict'>;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** The object under a key is not the version a case recorded (overwritten since). */
export class ObjectChangedError extends Error {
  constructor(bucket: string, key: string) {
    super(`${bucket}/${key} is no longer the version the case read`);
    this.name = 'ObjectChangedError';
  }
}
