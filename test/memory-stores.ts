// In-memory implementations of the pipeline's storage ports, for tests that drive hundreds of files
// through processUpload without a DynamoDB Local and s3rver round trip each. Same contracts as
// lib/aws: conditional case creation, versioned ledgers, ETag = MD5 of the bytes, ranged reads; like them,
// they only persist.
import { searchTextOf } from '../lib/cases/records.ts';
import { createHash } from 'node:crypto';
import type { AuditEvent, CaseRecord, Jurisdiction } from '../lib/domain/schemas.ts';
import { emptyHistory, emptyLedger, type HistoryKeys, type HistorySnapshot, type InstitutionLedger, type LedgerWrites } from '../lib/rules/history.ts';
import { ObjectChangedError } from '../lib/cases/ports.ts';
import type { CaseIndex, CaseRevision, CaseStore, CaseSummary, ObjectHead, ObjectStore, ObjectSummary, PendingPacket, PersonEntry, ReadingEntry, StoredObject } from '../lib/cases/ports.ts';

export class MemoryObjectStore implements ObjectStore {
  readonly objects = new Map<string, StoredObject>();

  async put(bucket: string, key: string, bytes: Uint8Array, contentType: string, metadata: Record<string, string> = {}): Promise<void> {
    const etag = createHash('md5').update(bytes).digest('hex');
    this.objects.set(`${bucket}/${key}`, { bytes: new Uint8Array(bytes), etag, lastModified: new Date(), contentType, metadata });
  }

  private find(bucket: string, key: string): StoredObject {
    const o = this.objects.get(`${bucket}/${key}`);
    if (!o) throw Object.assign(new Error(`NoSuchKey: ${key}`), { name: 'NoSuchKey' });
    return o;
  }

  async head(bucket: string, key: string): Promise<ObjectHead> {
    const { bytes, ...rest } = this.find(bucket, key);
    return { ...rest, size: bytes.byteLength };
  }

  async get(bucket: string, key: string, opts: { firstBytes?: number; version?: { versionId?: string; etag: string } } = {}): Promise<StoredObject> {
    const o = this.find(bucket, key);
    if (opts.version && o.etag !== opts.version.etag) throw new ObjectChangedError(bucket, key);
    return opts.firstBytes ? { ...o, bytes: o.bytes.subarray(0, opts.firstBytes) } : o;
  }

  readonly tags = new Map<string, Record<string, string>>();

  async tag(bucket: string, key: string, tags: Record<string, string>): Promise<void> {
    this.find(bucket, key);
    this.tags.set(`${bucket}/${key}`, tags);
  }

  async list(bucket: string, prefix: string): Promise<ObjectSummary[]> {
    return [...this.objects.entries()]
      .filter(([k]) => k.startsWith(`${bucket}/${prefix}`))
      .map(([k, o]) => ({ key: k.slice(bucket.length + 1), etag: o.etag, size: o.bytes.byteLength }));
  }
}

export class MemoryCaseStore implements CaseStore {
  readonly cases = new Map<string, CaseRecord>();
  readonly audit = new Map<string, AuditEvent[]>();

  readonly persons = new Map<string, PersonEntry[]>();
  readonly reading = new Map<string, ReadingEntry>();
  readonly pending = new Map<string, PendingPacket>();

  async putPending(p: PendingPacket): Promise<void> {
    this.pending.set(`${p.bucket}/${p.packetPrefix}`, structuredClone(p));
  }

  async endPending(bucket: string, packetPrefix: string): Promise<void> {
    this.pending.delete(`${bucket}/${packetPrefix}`);
  }

  async listPending(): Promise<PendingPacket[]> {
    return [...this.pending.values()].map((p) => structuredClone(p));
  }

  async putReading(entry: ReadingEntry): Promise<void> {
    this.reading.set(`${entry.jurisdiction}/${entry.caseId}`, structuredClone(entry));
  }

  async endReading(jurisdiction: Jurisdiction, caseId: string): Promise<void> {
    this.reading.delete(`${jurisdiction}/${caseId}`);
  }

  async listReading(jurisdiction: Jurisdiction): Promise<ReadingEntry[]> {
    return [...this.reading.values()].filter((r) => r.jurisdiction === jurisdiction).map((r) => structuredClone(r));
  }

  async createCase(record: CaseRecord, audit: AuditEvent[], index: CaseIndex = { persons: [] }): Promise<'created' | 'duplicate'> {
    if (this.cases.has(record.caseId)) return 'duplicate';
    for (const p of index.persons) {
      const list = this.persons.get(p) ?? [];
      if (!list.some((e) => e.caseId === record.caseId)) list.push({ caseId: record.caseId, jurisdiction: record.jurisdiction, institution: record.institution, submissionType: record.submissionType });
      this.persons.set(p, list);
    }
    this.cases.set(record.caseId, structuredClone(record));
    this.audit.set(record.caseId, structuredClone(audit));
    return 'created';
  }

  async getCase(caseId: string): Promise<CaseRecord | null> {
    const c = this.cases.get(caseId);
    return c ? structuredClone(c) : null;
  }

  /** Findings of earlier revisions, as DynamoDB keeps them. */
  readonly earlierFindings = new Map<string, CaseRecord['findings'][]>();

  async reviseCase(caseId: string, expectedRevision: number, next: CaseRevision, audit: AuditEvent[]): Promise<'revised' | 'conflict'> {
    const c = this.cases.get(caseId);
    if (!c || (c.revision ?? 1) !== expectedRevision) return 'conflict';
    this.earlierFindings.set(caseId, [...(this.earlierFindings.get(caseId) ?? []), c.findings]);
    const { decision: _d, review: _r, ...rest } = c;
    this.cases.set(caseId, structuredClone({
      ...rest, revision: next.revision, outcome: next.outcome, status: next.status, findings: next.findings, pdfs: [...c.pdfs, ...next.newPdfs],
      corrections: next.corrections, updatedAt: next.updatedAt, ...(next.decision ? { decision: next.decision } : {}), ...(next.review ? { review: next.review } : {}),
    }));
    this.audit.set(caseId, [...(this.audit.get(caseId) ?? []), ...structuredClone(audit)]);
    return 'revised';
  }

  async listCases(query: { jurisdiction?: Jurisdiction; limit?: number }): Promise<CaseSummary[]> {
    return [...this.cases.values()]
      .filter((c) => !query.jurisdiction || c.jurisdiction === query.jurisdiction)
      .slice(0, query.limit ?? Infinity)
      .map((c) => {
        const { caseId, caseNumber, jurisdiction, submissionType, institution, institutionName, outcome, status, createdAt, uploads, pdfs, review } = c;
        return { caseId, caseNumber, jurisdiction, submissionType, institution, institutionName, outcome, status, createdAt, uploads, pdfs, ...(review ? { review } : {}), search: searchTextOf(c) };
      });
  }

  async casesOfPerson(personKey: string): Promise<PersonEntry[]> {
    return this.persons.get(personKey) ?? [];
  }

  async appendAudit(caseId: string, events: AuditEvent[]): Promise<void> {
    this.audit.set(caseId, [...(this.audit.get(caseId) ?? []), ...events]);
  }

  async auditTrail(caseId: string): Promise<AuditEvent[]> {
    return this.audit.get(caseId) ?? [];
  }

  readonly documentNumbers = new Map<string, number>();
  async documentNumber(scope: string, holder: string): Promise<number> {
    const key = `${scope}|${holder}`;
    if (!this.documentNumbers.has(key)) this.documentNumbers.set(key, [...this.documentNumbers.keys()].filter((k) => k.startsWith(`${scope}|`)).length + 1);
    return this.documentNumbers.get(key)!;
  }

  async findPdfByCode(code: string): Promise<{ caseId: string; key: string } | null> {
    for (const c of this.cases.values()) for (const p of c.pdfs) if (p.verificationCode === code) return { caseId: c.caseId, key: p.key };
    return null;
  }

  async findPdfByHash(sha256: string): Promise<{ caseId: string; key: string } | null> {
    for (const c of this.cases.values()) for (const p of c.pdfs) if (p.sha256 === sha256) return { caseId: c.caseId, key: p.key };
    return null;
  }

  /** Ledger items by key, each with its version, as DynamoDB keeps them. */
  readonly ledgers = new Map<string, { version: number; value: unknown }>();

  async loadHistory(keys: HistoryKeys): Promise<HistorySnapshot> {
    const snap: HistorySnapshot = { history: emptyHistory(), versions: { persons: {}, klass: 0, institution: 0 } };
    for (const k of keys.persons) {
      const l = this.ledgers.get(`P#${k}`);
      snap.history.persons[k] = structuredClone((l?.value as never[]) ?? []);
      snap.versions.persons[k] = l?.version ?? 0;
    }
    if (keys.classKey) {
      const l = this.ledgers.get(`C#${keys.classKey}`);
      snap.history.klass = structuredClone((l?.value as never[]) ?? []);
      snap.versions.klass = l?.version ?? 0;
    }
    const l = this.ledgers.get(`I#${keys.institutionKey}`);
    if (l) snap.history.institution = { ...emptyLedger(), ...structuredClone(l.value as HistorySnapshot['history']['institution']) };
    snap.versions.institution = l?.version ?? 0;
    return snap;
  }

  async commitHistory(keys: HistoryKeys, versions: HistorySnapshot['versions'], writes: LedgerWrites): Promise<'committed' | 'conflict'> {
    const puts: [string, number, unknown][] = Object.entries(writes.persons).map(([k, entries]) => [`P#${k}`, versions.persons[k] ?? 0, entries]);
    if (keys.classKey && writes.klass) puts.push([`C#${keys.classKey}`, versions.klass, writes.klass]);
    if (writes.institution) puts.push([`I#${keys.institutionKey}`, versions.institution, writes.institution]);
    if (puts.some(([k, v]) => (this.ledgers.get(k)?.version ?? 0) !== v)) return 'conflict';
    for (const [k, v, value] of puts) this.ledgers.set(k, { version: v + 1, value: structuredClone(value) });
    return 'committed';
  }

  async loadInstitutionLedgers(institutionKeys: string[]) {
    const out = new Map<string, { ledger: InstitutionLedger; version: number }>();
    for (const k of institutionKeys) {
      const l = this.ledgers.get(`I#${k}`);
      out.set(k, { ledger: l ? structuredClone(l.value as InstitutionLedger) : emptyLedger(), version: l?.version ?? 0 });
    }
    return out;
  }

  async commitInstitutionLedgers(writes: { institutionKey: string; version: number; ledger: InstitutionLedger }[]): Promise<'committed' | 'conflict'> {
    if (writes.some((w) => (this.ledgers.get(`I#${w.institutionKey}`)?.version ?? 0) !== w.version)) return 'conflict';
    for (const w of writes) this.ledgers.set(`I#${w.institutionKey}`, { version: w.version + 1, value: structuredClone(w.ledger) });
    return 'committed';
  }

  async listInstitutions(jurisdiction?: Jurisdiction) {
    return [...this.ledgers.entries()]
      .filter(([k]) => k.startsWith(`I#${jurisdiction ?? ''}`))
      .map(([k, l]) => {
        const v = l.value as HistorySnapshot['history']['institution'];
        return { institutionKey: k.slice(2), standing: v.standing, filings: v.filings.length, ledger: structuredClone(v) };
      });
  }
}
