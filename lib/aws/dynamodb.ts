// The case-store port on DynamoDB (locally DynamoDB Local, reached through AWS_ENDPOINT_URL_DYNAMODB).
// One table: a case's items share its partition; uploads and issued PDFs have items of their own so
// that a duplicate event or a copy of a PDF finds its case by key.
import { createHash, randomUUID } from 'node:crypto';
import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, type BatchGetCommandOutput, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { TABLE } from '../config.ts';
import { AuditEvent, Jurisdiction as JurisdictionEnum, type CaseRecord, type Jurisdiction } from '../domain/schemas.ts';
import { emptyHistory, type HistoryKeys, type HistorySnapshot, type InstitutionLedger, type LedgerWrites } from '../rules/history.ts';
import { searchTextOf } from '../cases/records.ts';
import { openPersonalData, sealPersonalData, type FieldSealer } from '../identity/sealed-fields.ts';
import type { CaseIndex, CaseRevision, CaseStore, CaseSummary, PendingPacket, PersonEntry, ReadingEntry } from '../cases/ports.ts';
import { CaseHead, CaseItem, institutionLedgerOf, InstitutionLedgerItem, PdfLookupItem, PersonIndexItem, PendingItem, PersonLedgerItem, ClassLedgerItem, ReadingItem, SummaryItem } from './items.ts';

export function documentClient(): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: true },
  });
}

const casePk = (id: string) => `CASE#${id}`;
/** An upload's item, keyed by a hash of its key: a file named after a trainee puts no ID number in a partition key (issue 20, 9). */
export const uploadPk = (u: { bucket: string; key: string; etag: string; versionId?: string }) =>
  `UPLOAD#${createHash('sha256').update(`${u.bucket}/${u.key}`).digest('hex')}#${u.versionId ?? u.etag}`;
/** As tables written before kept it (read only: their uploads still find their cases). */
const legacyUploadPk = (u: { bucket: string; key: string; etag: string; versionId?: string }) => `UPLOAD#${u.bucket}/${u.key}#${u.versionId ?? u.etag}`;
const pdfPk = (sha: string) => `PDF#${sha}`;
/** Keyed hash of an ID number, never the number (lib/identity/person-key.ts). */
const personPk = (key: string) => `PERSON#${key}`;
const ledgerPk = {
  person: (key: string) => `LEDGER#PERSON#${key}`,
  klass: (key: string) => `LEDGER#CLASS#${key}`,
  institution: (key: string) => `LEDGER#INST#${key}`,
};
const readingPk = (j: Jurisdiction) => `READING#${j}`;
/** A day: long past any packet's reading, short enough that a stopped worker's entry does not linger. */
const READING_TTL_SECONDS = 24 * 3600;
const JURISDICTIONS = JurisdictionEnum.options;
const pad = (n: number) => String(n).padStart(4, '0');

/** DynamoDB allows 100 items a transaction; past this many documents they share one item. */
const MAX_DOC_ITEMS = 60;

export class DynamoCaseStore implements CaseStore {
  constructor(
    private readonly table: string,
    private readonly db: DynamoDBDocumentClient = documentClient(),
    /** Seals trainees' ID numbers and phones in what is written, opens them in what is read (absent: kept as they are). */
    private readonly sealer?: FieldSealer,
  ) {}

  async createCase(given: CaseRecord, audit: AuditEvent[], index: CaseIndex = { persons: [] }): Promise<'created' | 'duplicate'> {
    const record = this.sealer ? await sealPersonalData(this.sealer, given) : given;
    const pk = casePk(record.caseId);
    // The person index first, outside the transaction (a roster can outgrow its 100 items): each put is
    // idempotent, so a retry or a duplicate worker writes the same items, and an entry whose case is
    // not (yet) there is ignored by readers.
    const app = record.documents.find((d) => d.type === 'class-opening-application');
    const entry = {
      caseId: record.caseId,
      jurisdiction: record.jurisdiction,
      institution: record.institution,
      submissionType: record.submissionType,
      startDate: app?.fields.startDate?.value,
      endDate: app?.fields.endDate?.value,
    };
    for (let i = 0; i < index.persons.length; i += 10) {
      await Promise.all(
        index.persons.slice(i, i + 10).map((p) => this.db.send(new PutCommand({ TableName: this.table, Item: { pk: personPk(p), sk: casePk(record.caseId), kind: 'person', ...entry } }))),
      );
    }
    const { documents, findings, ...head } = record;
    const when = `${record.createdAt}#${record.caseId}`;
    const notExists = { ConditionExpression: 'attribute_not_exists(pk)' };
    const items: Record<string, unknown>[] = [];
    const puts: { Put: { TableName: string; Item: Record<string, unknown>; ConditionExpression?: string } }[] = [];
    puts.push({
      Put: {
        TableName: this.table,
        Item: {
          [TABLE.partitionKey]: pk,
          [TABLE.sortKey]: 'CASE',
          kind: 'case',
          ...head,
          documentCount: documents.length,
          findingCount: findings.length,
          search: searchTextOf(record),
          [TABLE.byTime.partitionKey]: 'CASES',
          [TABLE.byTime.sortKey]: when,
          [TABLE.byOwner.partitionKey]: `JUR#${record.jurisdiction}`,
          [TABLE.byOwner.sortKey]: when,
        },
        ...notExists,
      },
    });
    if (documents.length <= MAX_DOC_ITEMS) {
      documents.forEach((d, i) => items.push({ pk, sk: `DOC#${pad(i)}`, kind: 'document', document: d }));
    } else {
      items.push({ pk, sk: 'DOC#ALL', kind: 'documents', documents });
    }
    findings.forEach((f, i) => items.push({ pk, sk: `FINDING#${pad(i)}`, kind: 'finding', finding: f }));
    audit.forEach((a, i) => items.push({ pk, sk: `AUDIT#${a.at}#${pad(i)}`, kind: 'audit', event: a }));
    for (const item of items) puts.push({ Put: { TableName: this.table, Item: item } });
    // The upload's own item: a second event for the same object version finds it and makes no case.
    for (const u of record.uploads) {
      puts.push({ Put: { TableName: this.table, Item: { pk: uploadPk(u), sk: 'UPLOAD', kind: 'upload', caseId: record.caseId }, ...notExists } });
    }
    for (const p of record.pdfs) {
      puts.push({ Put: { TableName: this.table, Item: { pk: pdfPk(p.sha256), sk: 'PDF', kind: 'pdf', caseId: record.caseId, key: p.key, bucket: p.bucket } } });
      if (p.verificationCode) puts.push({ Put: { TableName: this.table, Item: { pk: `VERIFY#${p.verificationCode}`, sk: 'PDF', kind: 'verification', caseId: record.caseId, key: p.key } } });
    }
    if (puts.length > 100) {
      // Findings beyond the transaction's reach are folded into one item rather than lost.
      const keep = puts.filter((p) => (p.Put.Item.kind as string) !== 'finding');
      keep.push({ Put: { TableName: this.table, Item: { pk, sk: 'FINDING#ALL', kind: 'findings', findings } } });
      puts.splice(0, puts.length, ...keep);
    }
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: puts, ClientRequestToken: record.caseId.slice(0, 36) }));
      return 'created';
    } catch (e) {
      if (e instanceof TransactionCanceledException && e.CancellationReasons?.some((r) => r.Code === 'ConditionalCheckFailed')) {
        return 'duplicate';
      }
      if ((e as Error).name === 'IdempotentParameterMismatchException') return 'duplicate';
      throw e;
    }
  }

  async getCase(caseId: string): Promise<CaseRecord | null> {
    const items = (await this.partition(casePk(caseId))).map((i) => CaseItem.parse(i));
    const head = items.find((i) => i.kind === 'case');
    if (!head || head.kind !== 'case') return null;
    const documents = items.flatMap((i) => (i.kind === 'document' ? [i.document] : i.kind === 'documents' ? i.documents : []));
    // Findings of the case's current revision (items of revision 1 carry none); earlier revisions' stay stored.
    const revision = head.revision ?? 1;
    const findings = items
      .filter((i) => (i.kind === 'finding' || i.kind === 'findings') && (i.revision ?? 1) === revision)
      .flatMap((i) => (i.kind === 'finding' ? [i.finding] : i.kind === 'findings' ? i.findings : []));
    const { kind: _k, documentCount: _e, findingCount: _f, ...record } = head;
    return openPersonalData(this.sealer, { ...record, documents, findings });
  }

  async reviseCase(caseId: string, expectedRevision: number, given: CaseRevision, audit: AuditEvent[]): Promise<'revised' | 'conflict'> {
    const next = this.sealer ? { ...given, corrections: (await sealPersonalData(this.sealer, { corrections: given.corrections })).corrections ?? [] } : given;
    const pk = casePk(caseId);
    const rev = `R${pad(next.revision)}`;
    const items: Record<string, unknown>[] = [];
    if (next.findings.length <= 60) next.findings.forEach((f, i) => items.push({ pk, sk: `FINDING#${rev}#${pad(i)}`, kind: 'finding', revision: next.revision, finding: f }));
    else items.push({ pk, sk: `FINDING#${rev}#ALL`, kind: 'findings', revision: next.revision, findings: next.findings });
    audit.forEach((a, i) => items.push({ pk, sk: `AUDIT#${a.at}#${rev}#${pad(i)}`, kind: 'audit', event: a }));
    for (const p of next.newPdfs) {
      items.push({ pk: pdfPk(p.sha256), sk: 'PDF', kind: 'pdf', caseId, key: p.key, bucket: p.bucket });
      if (p.verificationCode) items.push({ pk: `VERIFY#${p.verificationCode}`, sk: 'PDF', kind: 'verification', caseId, key: p.key });
    }
    const transact: TransactWriteCommandInput['TransactItems'] = [
      {
        Update: {
          TableName: this.table,
          Key: { pk, sk: 'CASE' },
          // Cases stored before revisions existed have no revision attribute: they are at revision 1.
          ConditionExpression: expectedRevision === 1 ? 'attribute_exists(pk) AND (attribute_not_exists(#rev) OR #rev = :expected)' : '#rev = :expected',
          UpdateExpression:
            'SET #rev = :rev, outcome = :outcome, #status = :status, pdfs = list_append(pdfs, :pdfs), corrections = :corrections, findingCount = :findingCount, updatedAt = :updatedAt' +
            (next.decision ? ', decision = :decision' : '') +
            (next.review ? ', review = :review' : '') +
            (next.decision && next.review ? '' : ` REMOVE ${[next.decision ? '' : 'decision', next.review ? '' : 'review'].filter(Boolean).join(', ')}`),
          ExpressionAttributeNames: { '#rev': 'revision', '#status': 'status' },
          ExpressionAttributeValues: {
            ':expected': expectedRevision, ':rev': next.revision, ':outcome': next.outcome, ':status': next.status, ':pdfs': next.newPdfs,
            ':corrections': next.corrections, ':findingCount': next.findings.length, ':updatedAt': next.updatedAt,
            ...(next.decision ? { ':decision': next.decision } : {}),
            ...(next.review ? { ':review': next.review } : {}),
          },
        },
      },
      ...items.map((Item) => ({ Put: { TableName: this.table, Item } })),
    ];
    if (transact.length > 100) throw new Error(`a revision of case ${caseId} writes ${transact.length} items, more than one transaction holds`);
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: transact }));
      return 'revised';
    } catch (e) {
      if (e instanceof TransactionCanceledException && e.CancellationReasons?.some((r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'TransactionConflict')) return 'conflict';
      throw e;
    }
  }

  async appendAudit(caseId: string, events: AuditEvent[]): Promise<void> {
    const pk = casePk(caseId);
    // The key carries a random tail: two views of one case in the same millisecond are two entries.
    await Promise.all(events.map((event, i) => this.db.send(new PutCommand({
      TableName: this.table, Item: { pk, sk: `AUDIT#${event.at}#V${pad(i)}${randomUUID().slice(0, 8)}`, kind: 'audit', event },
    }))));
  }

  async auditTrail(caseId: string): Promise<AuditEvent[]> {
    const items = await this.partition(casePk(caseId), 'AUDIT#');
    return items.map((i) => AuditEvent.parse(i.event));
  }

  async listCases(query: { jurisdiction?: Jurisdiction; limit?: number }): Promise<CaseSummary[]> {
    const index = query.jurisdiction ? TABLE.byOwner : TABLE.byTime;
    const key = query.jurisdiction ? `JUR#${query.jurisdiction}` : 'CASES';
    const out: CaseSummary[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const r = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: index.name,
          KeyConditionExpression: '#p = :p',
          ExpressionAttributeNames: { '#p': index.partitionKey },
          ExpressionAttributeValues: { ':p': key },
          ScanIndexForward: false,
          ExclusiveStartKey: start,
          Limit: query.limit,
        }),
      );
      for (const i of r.Items ?? []) out.push(SummaryItem.parse(i));
      start = r.LastEvaluatedKey;
    } while (start && (!query.limit || out.length < query.limit));
    return out;
  }

  async putReading(entry: ReadingEntry): Promise<void> {
    // expiresAt is the table's TTL attribute: an entry a stopped worker left goes away by itself.
    const expiresAt = Math.floor(Date.parse(entry.updatedAt) / 1000) + READING_TTL_SECONDS;
    await this.db.send(new PutCommand({ TableName: this.table, Item: { pk: readingPk(entry.jurisdiction), sk: entry.caseId, kind: 'reading', ...entry, expiresAt } }));
  }

  async endReading(jurisdiction: Jurisdiction, caseId: string): Promise<void> {
    await this.markEnded({ pk: readingPk(jurisdiction), sk: caseId });
  }

  async listReading(jurisdiction: Jurisdiction): Promise<ReadingEntry[]> {
    const items = (await this.partition(readingPk(jurisdiction))).filter((i) => !i.ended);
    return items.map((i) => ReadingItem.parse(i)).sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  }

  /**
   * A progress or waiting item marked done and left to the table's TTL: no role here may delete an item
   * (cases are never deleted, and an IAM grant of DeleteItem would reach them too). Nothing is made for a
   * key that has no item.
   */
  private async markEnded(key: { pk: string; sk: string }): Promise<void> {
    try {
      await this.db.send(new UpdateCommand({
        TableName: this.table, Key: key, ConditionExpression: 'attribute_exists(pk)',
        UpdateExpression: 'SET ended = :t, expiresAt = :e', ExpressionAttributeValues: { ':t': true, ':e': Math.floor(Date.now() / 1000) + 3600 },
      }));
    } catch (e) {
      if ((e as Error).name !== 'ConditionalCheckFailedException') throw e;
    }
  }

  async putPending(p: PendingPacket): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.table, Item: { pk: 'PENDING', sk: `${p.bucket}/${p.packetPrefix}`, kind: 'pending', ...p } }));
  }

  async endPending(bucket: string, packetPrefix: string): Promise<void> {
    await this.markEnded({ pk: 'PENDING', sk: `${bucket}/${packetPrefix}` });
  }

  async listPending(): Promise<PendingPacket[]> {
    return (await this.partition('PENDING')).filter((i) => !i.ended).map((i) => PendingItem.parse(i));
  }

  async casesOfPerson(personKey: string): Promise<PersonEntry[]> {
    const items = await this.partition(personPk(personKey));
    const out: PersonEntry[] = [];
    for (const item of items) {
      const { kind: _k, ...entry } = PersonIndexItem.parse(item);
      // Only entries whose case was written (see createCase).
      const head = await this.db.send(new GetCommand({ TableName: this.table, Key: { pk: casePk(entry.caseId), sk: 'CASE' }, ProjectionExpression: 'pk' }));
      if (head.Item) out.push(entry);
    }
    return out;
  }

  /** Puts the item unless one is there; answers 'kept' or, when another writer was first, 'exists'. */
  private async putIfAbsent(item: Record<string, unknown>): Promise<'kept' | 'exists'> {
    try {
      await this.db.send(new PutCommand({ TableName: this.table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
      return 'kept';
    } catch (e) {
      if ((e as Error).name === 'ConditionalCheckFailedException') return 'exists';
      throw e;
    }
  }

  async signingCertificate(issuer: string): Promise<string | null> {
    const r = await this.db.send(new GetCommand({ TableName: this.table, Key: { pk: `SIGNING#${issuer}`, sk: 'CERT' }, ConsistentRead: true }));
    return (r.Item?.pem as string | undefined) ?? null;
  }

  async keepSigningCertificate(issuer: string, pem: string): Promise<string> {
    // Another function that made one a moment earlier wins: every function signs with the same certificate.
    return (await this.putIfAbsent({ pk: `SIGNING#${issuer}`, sk: 'CERT', kind: 'signing-certificate', pem })) === 'kept' ? pem : (await this.signingCertificate(issuer))!;
  }

  async documentNumber(scope: string, holder: string): Promise<number> {
    const pk = `DOCNO#${scope}`;
    const held = async () => (await this.db.send(new GetCommand({ TableName: this.table, Key: { pk, sk: `HOLDER#${holder}` }, ConsistentRead: true }))).Item?.n as number | undefined;
    const known = await held();
    if (known !== undefined) return known;
    const next = await this.db.send(new UpdateCommand({ TableName: this.table, Key: { pk, sk: 'SEQ' }, UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': 1 }, ReturnValues: 'UPDATED_NEW' }));
    const n = next.Attributes!.n as number;
    // A duplicate worker numbered the same notice a moment earlier: its number stands (this one is left unused).
    return (await this.putIfAbsent({ pk, sk: `HOLDER#${holder}`, kind: 'document-number', n })) === 'kept' ? n : (await held())!;
  }

  async findPdfByCode(code: string): Promise<{ caseId: string; key: string } | null> {
    const r = await this.db.send(new GetCommand({ TableName: this.table, Key: { pk: `VERIFY#${code}`, sk: 'PDF' } }));
    return r.Item ? PdfLookupItem.parse(r.Item) : null;
  }

  async findPdfByHash(sha256: string): Promise<{ caseId: string; key: string } | null> {
    const r = await this.db.send(new GetCommand({ TableName: this.table, Key: { pk: pdfPk(sha256), sk: 'PDF' } }));
    return r.Item ? PdfLookupItem.parse(r.Item) : null;
  }

  async caseForUpload(u: { bucket: string; key: string; etag: string; versionId?: string }): Promise<string | null> {
    for (const pk of [uploadPk(u), legacyUploadPk(u)]) {
      const r = await this.db.send(new GetCommand({ TableName: this.table, Key: { pk, sk: 'UPLOAD' } }));
      if (r.Item) return PdfLookupItem.pick({ caseId: true }).parse(r.Item).caseId;
    }
    return null;
  }

  // ---- Cross-case ledgers (lib/rules/history.ts): one item per trainee, class and institution, each with a
  // version; a case's entries go in only if no ledger it read has moved since (optimistic concurrency).

  async loadHistory(keys: HistoryKeys): Promise<HistorySnapshot> {
    const snap: HistorySnapshot = { history: emptyHistory(), versions: { persons: {}, klass: 0, institution: 0 } };
    const wanted = [
      ...keys.persons.map((k) => ledgerPk.person(k)),
      ...(keys.classKey ? [ledgerPk.klass(keys.classKey)] : []),
      ledgerPk.institution(keys.institutionKey),
    ];
    const found = new Map<string, Record<string, unknown>>();
    for (let i = 0; i < wanted.length; i += 100) {
      let request: Record<string, { Keys: Record<string, unknown>[]; ConsistentRead: boolean }> | undefined = {
        [this.table]: { Keys: wanted.slice(i, i + 100).map((pk) => ({ pk, sk: 'LEDGER' })), ConsistentRead: true },
      };
      while (request && Object.keys(request).length > 0) {
        const r: BatchGetCommandOutput = await this.db.send(new BatchGetCommand({ RequestItems: request }));
        for (const item of r.Responses?.[this.table] ?? []) found.set(item.pk as string, item);
        request = r.UnprocessedKeys as typeof request;
      }
    }
    for (const k of keys.persons) {
      const item = PersonLedgerItem.optional().parse(found.get(ledgerPk.person(k)));
      snap.history.persons[k] = item?.entries ?? [];
      snap.versions.persons[k] = item?.version ?? 0;
    }
    if (keys.classKey) {
      const item = ClassLedgerItem.optional().parse(found.get(ledgerPk.klass(keys.classKey)));
      snap.history.klass = item?.entries ?? [];
      snap.versions.klass = item?.version ?? 0;
    }
    const inst = InstitutionLedgerItem.optional().parse(found.get(ledgerPk.institution(keys.institutionKey)));
    snap.history.institution = institutionLedgerOf(inst);
    snap.versions.institution = inst?.version ?? 0;
    return snap;
  }

  async commitHistory(keys: HistoryKeys, versions: HistorySnapshot['versions'], writes: LedgerWrites): Promise<'committed' | 'conflict'> {
    const puts: { pk: string; version: number; item: Record<string, unknown> }[] = [];
    for (const [k, entries] of Object.entries(writes.persons)) {
      puts.push({ pk: ledgerPk.person(k), version: versions.persons[k] ?? 0, item: { kind: 'person-ledger', entries } });
    }
    if (keys.classKey && writes.klass) puts.push({ pk: ledgerPk.klass(keys.classKey), version: versions.klass, item: { kind: 'class-ledger', entries: writes.klass } });
    if (writes.institution) {
      const [jurisdiction, institution] = keys.institutionKey.split('/') as [string, string];
      puts.push({
        pk: ledgerPk.institution(keys.institutionKey),
        version: versions.institution,
        item: { kind: 'institution-ledger', jurisdiction, institution, ...writes.institution, [TABLE.byOwner.partitionKey]: `INSTITUTIONS#${jurisdiction}`, [TABLE.byOwner.sortKey]: institution },
      });
    }
    // 100 items a transaction: a longer roster goes in several, each atomic; a conflict in a later one
    // leaves this case's entries in the earlier ones, which the next attempt reads past and replaces.
    return this.putVersioned(puts.map((p) => ({ item: { pk: p.pk, sk: 'LEDGER', ...p.item }, version: p.version })));
  }

  /**
   * Whole items, each written only if it is still at the version read (0: absent), 100 a transaction.
   * 'conflict' when one moved: the transactions before it stay written, and the caller reads again.
   */
  private async putVersioned(writes: { item: Record<string, unknown>; version: number }[]): Promise<'committed' | 'conflict'> {
    for (let i = 0; i < writes.length; i += 100) {
      try {
        await this.db.send(
          new TransactWriteCommand({
            TransactItems: writes.slice(i, i + 100).map((w) => ({
              Put: {
                TableName: this.table,
                Item: { ...w.item, version: w.version + 1 },
                ConditionExpression: w.version === 0 ? 'attribute_not_exists(pk)' : '#v = :v',
                ...(w.version === 0 ? {} : { ExpressionAttributeNames: { '#v': 'version' }, ExpressionAttributeValues: { ':v': w.version } }),
              },
            })),
          }),
        );
      } catch (e) {
        if (e instanceof TransactionCanceledException && e.CancellationReasons?.some((r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'TransactionConflict')) return 'conflict';
        throw e;
      }
    }
    return 'committed';
  }

  async loadInstitutionLedgers(institutionKeys: string[]): ReturnType<CaseStore['loadInstitutionLedgers']> {
    const found = new Map<string, Record<string, unknown>>();
    for (let i = 0; i < institutionKeys.length; i += 100) {
      let request: Record<string, { Keys: Record<string, unknown>[]; ConsistentRead: boolean }> | undefined = {
        [this.table]: { Keys: institutionKeys.slice(i, i + 100).map((k) => ({ pk: ledgerPk.institution(k), sk: 'LEDGER' })), ConsistentRead: true },
      };
      while (request && Object.keys(request).length > 0) {
        const r: BatchGetCommandOutput = await this.db.send(new BatchGetCommand({ RequestItems: request }));
        for (const item of r.Responses?.[this.table] ?? []) found.set(item.pk as string, item);
        request = r.UnprocessedKeys as typeof request;
      }
    }
    const out: Awaited<ReturnType<CaseStore['loadInstitutionLedgers']>> = new Map();
    for (const k of institutionKeys) {
      const item = InstitutionLedgerItem.optional().parse(found.get(ledgerPk.institution(k)));
      out.set(k, { ledger: institutionLedgerOf(item), version: item?.version ?? 0 });
    }
    return out;
  }

  async commitInstitutionLedgers(writes: { institutionKey: string; version: number; ledger: InstitutionLedger }[]): Promise<'committed' | 'conflict'> {
    // Each conditional on its version (putVersioned): a conflict leaves the earlier transactions written,
    // which the caller's next read sees (their versions moved) and does not write again.
    return this.putVersioned(
      writes.map((w) => {
        const [jurisdiction, institution] = w.institutionKey.split('/') as [string, string];
        return {
          item: {
            pk: ledgerPk.institution(w.institutionKey), sk: 'LEDGER', kind: 'institution-ledger', jurisdiction, institution, ...w.ledger,
            [TABLE.byOwner.partitionKey]: `INSTITUTIONS#${jurisdiction}`, [TABLE.byOwner.sortKey]: institution,
          },
          version: w.version,
        };
      }),
    );
  }

  async listInstitutions(jurisdiction?: Jurisdiction): ReturnType<CaseStore['listInstitutions']> {
    const out: Awaited<ReturnType<CaseStore['listInstitutions']>> = [];
    for (const j of jurisdiction ? [jurisdiction] : JURISDICTIONS) {
      let start: Record<string, unknown> | undefined;
      do {
        const r = await this.db.send(
          new QueryCommand({
            TableName: this.table,
            IndexName: TABLE.byOwner.name,
            KeyConditionExpression: '#p = :p',
            ExpressionAttributeNames: { '#p': TABLE.byOwner.partitionKey },
            ExpressionAttributeValues: { ':p': `INSTITUTIONS#${j}` },
            ExclusiveStartKey: start,
          }),
        );
        for (const item of r.Items ?? []) {
          const i = InstitutionLedgerItem.parse(item);
          out.push({ institutionKey: `${i.jurisdiction}/${i.institution}`, standing: i.standing ?? null, filings: (i.filings ?? []).length, ledger: institutionLedgerOf(i) });
        }
        start = r.LastEvaluatedKey;
      } while (start);
    }
    return out;
  }

  private async partition(pk: string, prefix?: string): Promise<Record<string, unknown>[]> {
    const out: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const r = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: prefix ? 'pk = :p AND begins_with(sk, :s)' : 'pk = :p',
          ExpressionAttributeValues: prefix ? { ':p': pk, ':s': prefix } : { ':p': pk },
          ExclusiveStartKey: start,
          ConsistentRead: true,
        }),
      );
      out.push(...(r.Items ?? []));
      start = r.LastEvaluatedKey;
    } while (start);
    return out;
  }
}
