// Cross-case rules under concurrent submissions, on the real DynamoDB Local: packets racing for the same
// trainee's last yearly subsidy, or for the same class code, are judged as if one came after the other.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoCaseStore } from '../../lib/aws/dynamodb.ts';
import type { DocumentType, ExtractedDocument, Extraction, Jurisdiction, SubmissionType } from '../../lib/domain/schemas.ts';
import { HmacPersonKeyer } from '../../lib/identity/person-key.ts';
import { judge } from '../../lib/cases/judge.ts';
import { onRegistry, openedClass } from '../ledgers.ts';
import { setStanding } from '../../lib/cases/registry.ts';
import { classCodeOf, rosterIds } from '../../lib/rules/history.ts';
import { resolvePack } from '../../lib/rules/pack.ts';
import { ensureTable, startDynamoDbLocal, type LocalDynamo } from '../../local/dynamodb-local.ts';
import { freePort } from '../helpers.ts';

let dynamo: LocalDynamo;
let store: DynamoCaseStore;
const keyer = new HmacPersonKeyer(Buffer.from('test-secret-of-this-run-only-000'));

beforeAll(async () => {
  dynamo = await startDynamoDbLocal({ port: await freePort(), directory: mkdtempSync(path.join(tmpdir(), 'intake-xcase-')) });
  const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await ensureTable(client, 'cases');
  store = new DynamoCaseStore('cases', DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }));
}, 120_000);

afterAll(async () => {
  await dynamo?.stop();
});

type Value = string | number | boolean | null;
const doc = (type: DocumentType, fields: Record<string, Value> = {}, tables?: ExtractedDocument['tables']): ExtractedDocument => ({
  type, pages: [1], confidence: 0.99, fields: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, { value: v }])), ...(tables ? { tables } : {}),
});
const packet = (...documents: ExtractedDocument[]): Extraction => ({ file: 'p.pdf', pageCount: 1, documents, problems: [] });
const roster = (ids: string[]) => doc('roster', {}, { trainees: ids.map((id, i) => ({ seq: { value: i + 1 }, name: { value: `学员${i + 1}` }, idNumber: { value: id } })) });

/** A valid GB 11643 number for a birth date and sequence (check digit computed). */
function idNumber(birth: string, seq: number): string {
  const body = `110105${birth}${String(seq).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, c, i) => s + Number(c) * w[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}
const ALICE = idNumber('19900307', 447);

/**
 * The store, but the first `n` history reads wait for one another before any returns: every racer judges
 * the same snapshot, so the race happens however slowly the machine schedules them.
 */
function lockstep(n: number): Pick<DynamoCaseStore, 'loadHistory' | 'commitHistory'> {
  let waiting = 0;
  let release!: () => void;
  const allRead = new Promise<void>((resolve) => (release = resolve));
  return {
    loadHistory: async (keys) => {
      const snapshot = await store.loadHistory(keys);
      if (waiting < n) {
        waiting += 1;
        if (waiting === n) release();
        await allRead;
      }
      return snapshot;
    },
    commitHistory: (...args) => store.commitHistory(...args),
  };
}

async function submit(city: Jurisdiction, type: SubmissionType, caseId: string, extraction: Extraction, receivedOn: string, institution = 'inst-001', on: Pick<DynamoCaseStore, 'loadHistory' | 'commitHistory'> = store) {
  const personKeys: Record<string, string> = {};
  for (const id of rosterIds(extraction.documents)) personKeys[id] = await keyer.key(id);
  // The institution is on the registry and a claim's class was opened with its trainees (the class file's own rules are tested apart).
  if (on === store) {
    await onRegistry(store, city, institution);
    const code = classCodeOf(extraction.documents);
    if (type === 'subsidy-claim' && code) await openedClass(store, { city, institution, classCode: code, personKeys, receivedOn: '2026-01-10' });
  }
  return judge(on, { pack: resolvePack(city), caseId, jurisdiction: city, institution, submissionType: type, extraction, facts: {}, receivedOn, at: new Date().toISOString(), personKeys, before: [] });
}

const claim = (classCode: string, occupation: string, ids: string[]) =>
  packet(doc('subsidy-claim-application', { classCode, occupation, level: '四级', certificateDate: '2026-05-01' }), roster(ids));

describe('cross-case rules under concurrent submissions (DynamoDB Local)', () => {
  it('six claims racing for a trainee\'s third subsidy of the year: exactly one gets it', async () => {
    await submit('qidong', 'subsidy-claim', 'QD-A-1', claim('A-1', '电工', [ALICE]), '2026-05-10');
    await submit('qidong', 'subsidy-claim', 'QD-A-2', claim('A-2', '焊工', [ALICE]), '2026-05-10');
    // Registered and opened before the race: the racers contend only for the trainee's subsidies.
    for (const i of [0, 1, 2, 3, 4, 5]) {
      const ids = [ALICE, idNumber('19850101', 100 + i)];
      await openedClass(store, { city: 'qidong', institution: 'inst-001', classCode: `A-R${i}`, personKeys: Object.fromEntries(await Promise.all(ids.map(async (id) => [id, await keyer.key(id)] as const))), receivedOn: '2026-01-10' });
    }
    const race = lockstep(6);
    const racers = await Promise.all(
      ['保育师', '育婴员', '茶艺师', '中式烹调师', '美容师', '插花员'].map((occ, i) =>
        submit('qidong', 'subsidy-claim', `QD-A-R${i}`, claim(`A-R${i}`, occ, [ALICE, idNumber('19850101', 100 + i)]), '2026-05-11', 'inst-001', race),
      ),
    );
    const got = racers.filter((r) => !r.findings.some((f) => f.ruleId === 'QD-CLAIM-FREQUENCY'));
    expect(got).toHaveLength(1);
    for (const r of racers.filter((x) => x !== got[0])) expect(r.findings.find((f) => f.ruleId === 'QD-CLAIM-FREQUENCY')?.message).toContain('第1行 学员1');
    // All six judged the same snapshot, so the five that lost found the ledger moved and were judged again.
    expect(racers.filter((r) => r.attempts > 1)).toHaveLength(5);
    const ledger = await store.loadHistory({ persons: [await keyer.key(ALICE)], classKey: null, institutionKey: 'qidong/inst-001' });
    expect(ledger.history.persons[await keyer.key(ALICE)]!.filter((e) => e.kind === 'subsidy')).toHaveLength(3);
  }, 60_000);

  it('eight openings of the same class code at once: one opens, seven are refused', async () => {
    const opening = () =>
      packet(doc('class-opening-application', { classCode: 'QD-2026-77', startDate: '2026-07-01', endDate: '2026-07-20', traineeCount: 1, trainingType: '岗位技能提升培训' }), roster([idNumber('19950505', 1)]), doc('other'));
    await onRegistry(store, 'qidong', 'inst-001');
    const race = lockstep(8);
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => submit('qidong', 'class-opening', `QD-OPEN-${i}`, opening(), '2026-06-01', 'inst-001', race)));
    const refused = results.filter((r) => r.findings.some((f) => f.ruleId === 'QD-OPEN-CLASS-ONCE'));
    expect(refused).toHaveLength(7);
    expect(refused.every((r) => r.outcome === 'rejected')).toBe(true);
  }, 60_000);

  it('a roster of 150 trainees (more than one transaction holds) is committed whole, and a redelivery changes nothing', async () => {
    const ids = Array.from({ length: 150 }, (_, i) => idNumber('20000101', i + 1));
    const open = packet(doc('class-opening-application', { classCode: 'HZ-BIG', startDate: '2026-09-01', endDate: '2026-09-30', traineeCount: 150, trainingType: '岗位技能提升培训', totalHours: 40, practicalHours: 30 }), roster(ids));
    const first = await submit('heze', 'class-opening', 'HZ-BIG-1', open, '2026-08-01');
    expect(first.findings.find((f) => f.ruleId === 'SD-OPEN-TRAINEE-OVERLAP')).toBeUndefined();
    const again = await submit('heze', 'class-opening', 'HZ-BIG-1', open, '2026-08-01'); // the same upload, redelivered
    expect(again.findings.find((f) => f.ruleId === 'SD-OPEN-TRAINEE-OVERLAP')).toBeUndefined();
    const keys = await Promise.all(ids.map((id) => keyer.key(id)));
    const ledger = await store.loadHistory({ persons: keys, classKey: null, institutionKey: 'heze/inst-001' });
    expect(keys.every((k) => ledger.history.persons[k]!.length === 1)).toBe(true);
    // Another class in the same weeks with two of them: both named.
    const clash = await submit('heze', 'class-opening', 'HZ-OTHER', packet(doc('class-opening-application', { classCode: 'HZ-X', startDate: '2026-09-15', endDate: '2026-10-15' }), roster([ids[0]!, ids[149]!])), '2026-08-02', 'inst-777');
    expect(clash.findings.find((f) => f.ruleId === 'SD-OPEN-TRAINEE-OVERLAP')?.message).toMatch(/第1行 学员1.*第2行 学员2/);
  }, 60_000);

  it('a bureau suspends an institution; its next class is refused, and no ID number is in any ledger key', async () => {
    await setStanding(store, 'liaocheng/inst-050', () => ({ status: 'suspended', reason: '负面清单四：擅自调整授课计划', by: 'bureau:test', at: new Date().toISOString() }));
    const r = await submit('liaocheng', 'class-opening', 'LC-S-1', packet(doc('class-opening-application', { classCode: 'LC-9', startDate: '2026-12-01', endDate: '2026-12-20' }), roster([ALICE])), '2026-11-01', 'inst-050');
    expect(r.findings.find((f) => f.ruleId === 'LC-QUAL-STANDING')?.message).toContain('培训资格已暂停（负面清单四：擅自调整授课计划）');
    expect(r.outcome).toBe('rejected');
    const listed = await store.listInstitutions('liaocheng');
    expect(listed.find((i) => i.institutionKey === 'liaocheng/inst-050')?.standing?.status).toBe('suspended');
    const ledger = await store.loadHistory({ persons: [await keyer.key(ALICE)], classKey: null, institutionKey: 'x/y' });
    expect(JSON.stringify(ledger)).not.toContain(ALICE);
  }, 60_000);
});
