// Case revisions on the real DynamoDB Local: reviewers racing to correct the same case — one revision is
// written, the others are told to reload; the first revision's findings stay stored under theirs.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../lib/cases/access.ts';
import { DynamoCaseStore } from '../../lib/aws/dynamodb.ts';
import { LOCAL_NAMES } from '../../lib/config.ts';
import { HmacPersonKeyer } from '../../lib/identity/person-key.ts';
import { bornDigitalCertificates } from '../corpus/born-digital.ts';
import { onRegistry, openedClass } from '../ledgers.ts';
import { processUpload } from '../../lib/cases/intake/index.ts';
import { correctField, decideCase, type ReviewDeps } from '../../lib/cases/review.ts';
import type { Refusal } from '../../lib/cases/errors.ts';
import { readCase } from '../../lib/cases/records.ts';
import { ensureTable, startDynamoDbLocal, type LocalDynamo } from '../../local/dynamodb-local.ts';
import { filledForm, rosterCells } from '../corpus/filled-forms.ts';
import { freePort } from '../helpers.ts';
import { MemoryObjectStore } from '../memory-stores.ts';

let dynamo: LocalDynamo;
let store: DynamoCaseStore;
let db: DynamoDBDocumentClient;
const objects = new MemoryObjectStore();
const keyer = new HmacPersonKeyer(Buffer.from('test-secret-of-this-run-only-000'));
const clock = { now: () => new Date('2026-11-22T02:00:00Z') };
const reviewers: Principal[] = ['ann', 'bo', 'cy'].map((user) => ({ role: 'reviewer', user, jurisdictions: ['qidong'] }));

beforeAll(async () => {
  dynamo = await startDynamoDbLocal({ port: await freePort(), directory: mkdtempSync(path.join(tmpdir(), 'intake-review-ddb-')) });
  const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await ensureTable(client, 'cases');
  db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  store = new DynamoCaseStore('cases', db);
}, 120_000);

afterAll(async () => {
  await dynamo?.stop();
});

describe('case revisions (DynamoDB Local)', () => {
  it('three reviewers correct the same field at once: one revision is written, two are refused with 409; nothing is lost', async () => {
    const head = { 'f.institutionName': '启东市测试职业培训学校', 'f.classCode': 'QD-D-1' };
    const meta = { 'submission-type': 'subsidy-claim', 'packet-files': '3' };
    await objects.put(LOCAL_NAMES.intakeBucket, 'incoming/qidong/inst-qd/p1/1.pdf', await filledForm('qidong', 'subsidy-claim-application', { ...head, 'f.occupation': '电工', 'f.level': '四级', 'f.certificateDate': '2024年10月8日', 'f.traineeCount': '1' }), 'application/pdf', meta);
    await objects.put(LOCAL_NAMES.intakeBucket, 'incoming/qidong/inst-qd/p1/2.pdf', await filledForm('qidong', 'roster', { ...head, ...rosterCells([['张伟', '11010519491231002X']]) }), 'application/pdf', meta);
    await objects.put(LOCAL_NAMES.intakeBucket, 'incoming/qidong/inst-qd/p1/3.pdf', await bornDigitalCertificates([['张伟', '11010519491231002X']]), 'application/pdf', meta);
    await onRegistry(store, 'qidong', 'inst-qd');
    await openedClass(store, { city: 'qidong', institution: 'inst-qd', classCode: 'QD-D-1', personKeys: { '11010519491231002X': await keyer.key('11010519491231002X') }, receivedOn: '2024-08-01' });
    const r = await processUpload({ bucket: LOCAL_NAMES.intakeBucket, key: 'incoming/qidong/inst-qd/p1/3.pdf' }, { objects, cases: store, ocr: { name: 'none', recognise: async () => [] }, clock, names: LOCAL_NAMES, personKeys: keyer });
    if (r.status !== 'created') throw new Error(r.status);
    expect(r.case.outcome).toBe('rejected');
    // A refusal waits for a reviewer: no notice yet, the case in the queue with why (issue 19).
    expect(r.case).toMatchObject({ status: 'under-review', review: { reasons: ['拟不予受理，须经审核人员签发'] } });
    expect(r.case.pdfs.map((p) => p.kind)).toEqual(['received']);
    const claimDoc = r.case.documents.findIndex((d) => d.type === 'subsidy-claim-application');

    const deps: ReviewDeps = { cases: store, objects, names: LOCAL_NAMES, clock, personKeys: keyer };
    const results = await Promise.allSettled(
      reviewers.map((who, i) => correctField(deps, who, r.case.caseId, { revision: 1, document: claimDoc, field: 'certificateDate', value: `2026-10-0${i + 7}`, reason: `更正 ${who.user}` })),
    );
    const won = results.filter((x) => x.status === 'fulfilled');
    const lost = results.filter((x): x is PromiseRejectedResult => x.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost.map((x) => (x.reason as Refusal).kind)).toEqual(['conflict', 'conflict']);

    const c = (await readCase(store, r.case.caseId))!;
    expect(c.revision).toBe(2);
    expect(c.outcome).toBe('accepted');
    expect(c.findings).toEqual([]);
    expect(c.corrections).toHaveLength(1);
    const winner = c.corrections![0]!.by;
    expect(c.documents[claimDoc]!.fields.certificateDate).toMatchObject({ correctedBy: winner, confidence: 1 });
    // The table keeps the value as it was read; the correction stands beside it.
    expect((await store.getCase(r.case.caseId))!.documents[claimDoc]!.fields.certificateDate).toMatchObject({ value: '2024-10-08' });
    const audit = await store.auditTrail(c.caseId);
    expect(audit.filter((a) => a.action === 'field-corrected').map((a) => a.actor)).toEqual([winner]);
    // The first revision's finding is still in the table, under revision 1.
    const items = (await db.send(new QueryCommand({ TableName: 'cases', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': `CASE#${c.caseId}` } }))).Items ?? [];
    expect(items.filter((i) => i.kind === 'finding').map((i) => [i.revision ?? 1, (i.finding as { ruleId: string }).ruleId])).toEqual([[1, 'QD-CLAIM-12M']]);
    // The refusal was never issued; the acceptance of revision 2 is, and the case leaves the queue.
    expect(c.pdfs.map((p) => [p.kind, p.revision ?? 1])).toEqual([['received', 1], ['acceptance', 2]]);
    expect(c.status).toBe('decided');
    expect(c.review).toBeUndefined();
    for (const p of c.pdfs) expect(await store.findPdfByHash(p.sha256)).toEqual({ caseId: c.caseId, key: p.key });

    // A decision, then a correction that lifts it again.
    const decided = await decideCase(deps, reviewers[0]!, c.caseId, { revision: 2, outcome: 'supplement-required', reason: '请补充证书复印件' });
    expect(decided).toMatchObject({ revision: 3, outcome: 'supplement-required', decision: { by: 'ann' } });
    expect(decided.findings.at(-1)).toMatchObject({ ruleId: 'REVIEWER-DECISION', outcome: 'SUPPLEMENT_ONCE' });
    const corrected = await correctField(deps, reviewers[1]!, c.caseId, { revision: 3, document: claimDoc, field: 'level', value: '三级', reason: '等级更正' });
    expect(corrected.revision).toBe(4);
    expect(corrected.decision).toBeUndefined();
    expect(corrected.corrections!.map((x) => x.field)).toEqual(['certificateDate', 'level']);
    expect(corrected.documents[claimDoc]!.fields.certificateDate!.value).toBe(c.documents[claimDoc]!.fields.certificateDate!.value);
  });
});

describe('progress and waiting packets on DynamoDB Local', () => {
  it('a reading entry and a waiting packet are listed until ended, and ending one that was never there makes nothing', async () => {
    const at = new Date().toISOString();
    await store.putReading({ caseId: 'SX-2026-READING001', caseNumber: 'SX-2026-READING001', jurisdiction: 'shaoxing', institution: 'i', files: ['a.pdf'], page: 1, pages: 3, startedAt: at, updatedAt: at });
    expect((await store.listReading('shaoxing')).map((r) => r.caseId)).toContain('SX-2026-READING001');
    await store.endReading('shaoxing', 'SX-2026-READING001');
    expect((await store.listReading('shaoxing')).map((r) => r.caseId)).not.toContain('SX-2026-READING001');
    await store.putPending({ bucket: 'b', packetPrefix: 'incoming/qidong/i/p/', key: 'incoming/qidong/i/p/a.pdf', jurisdiction: 'qidong', want: 3 });
    expect(await store.listPending()).toEqual([{ bucket: 'b', packetPrefix: 'incoming/qidong/i/p/', key: 'incoming/qidong/i/p/a.pdf', jurisdiction: 'qidong', want: 3 }]);
    await store.endPending('b', 'incoming/qidong/i/p/');
    await store.endPending('b', 'incoming/qidong/i/never/');
    expect(await store.listPending()).toEqual([]);
  });
});
