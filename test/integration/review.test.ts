// A reviewer's correction and decision through the console API, as the console sends them: the rules run
// again over the corrected documents (cross-case ledgers included), the notice is re-issued beside the old
// one (which still verifies, as superseded), and the audit trail says who did what and when.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../lib/cases/access.ts';
import { handleApi, type ApiDeps } from '../../lib/http/api.ts';
import { LOCAL_NAMES } from '../../lib/config.ts';
import type { CaseRecord } from '../../lib/domain/schemas.ts';
import type { OcrEngine } from '../../lib/extract/ocr/port.ts';
import { HmacPersonKeyer } from '../../lib/identity/person-key.ts';
import type { CaseEvent } from '../../lib/cases/events.ts';
import { processUpload, type PipelineDeps } from '../../lib/cases/intake/index.ts';
import { filledForm, rosterCells } from '../corpus/filled-forms.ts';
import { bornDigitalCertificates } from '../corpus/born-digital.ts';
import { MemoryCaseStore, MemoryObjectStore } from '../memory-stores.ts';
import { onRegistry, openedClass } from '../ledgers.ts';

const readsNothing: OcrEngine = { name: 'reads-nothing', recognise: async () => [] };
const tmp = mkdtempSync(path.join(tmpdir(), 'intake-review-'));
const pdftext = (bytes: Uint8Array) => {
  const f = path.join(tmp, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(f, bytes);
  return execFileSync('pdftotext', [f, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
};

const A = '11010519491231002X'; // 张伟, three subsidies this year already
const B = '440524188001010014'; // 李娜, whose number was misread as 张伟's
const C = '110101199003070011';
const reviewer: Principal = { role: 'reviewer', user: 'reviewer-qd', jurisdictions: ['qidong'] };
const otherReviewer: Principal = { role: 'reviewer', user: 'reviewer-sx', jurisdictions: ['shaoxing'] };
const bureau: Principal = { role: 'bureau', user: 'head-qd', jurisdictions: ['qidong'] };
const institution: Principal = { role: 'institution', user: 'clerk', jurisdiction: 'qidong', institution: 'inst-qd' };

const objects = new MemoryObjectStore();
const cases = new MemoryCaseStore();
const events: CaseEvent[] = [];
const keyer = new HmacPersonKeyer(Buffer.alloc(32, 7));
let now = new Date('2026-11-20T02:00:00Z');
const clock = { now: () => now };
const pipeline: PipelineDeps = { objects, cases, ocr: readsNothing, clock, names: LOCAL_NAMES, personKeys: keyer, events: { publish: async (e) => void events.push(e) } };
const api: ApiDeps = {
  cases,
  clock,
  presign: async (_b, key) => `https://s3.example/${key}`,
  objects,
  review: { cases, objects, names: LOCAL_NAMES, clock, personKeys: keyer, events: { publish: async (e) => void events.push(e) } },
};
const call = async (who: Principal, method: string, p: string, body?: unknown) =>
  handleApi({ method, path: p, query: {}, ...(body !== undefined ? { body: new TextEncoder().encode(JSON.stringify(body)) } : {}) }, api, who);

async function claim(i: number, occupation: string, people: [string, string][], certificateDate = '2026年10月8日'): Promise<CaseRecord> {
  const head = { 'f.institutionName': '启东市测试职业培训学校', 'f.classCode': `QD-R-${i}` };
  const meta = { 'submission-type': 'subsidy-claim', 'packet-files': '3' };
  const prefix = `incoming/qidong/inst-qd/claim-${i}/`;
  await objects.put(LOCAL_NAMES.intakeBucket, `${prefix}1-claim.pdf`, await filledForm('qidong', 'subsidy-claim-application', { ...head, 'f.occupation': occupation, 'f.level': '四级', 'f.certificateDate': certificateDate, 'f.traineeCount': String(people.length) }), 'application/pdf', meta);
  await objects.put(LOCAL_NAMES.intakeBucket, `${prefix}2-roster.pdf`, await filledForm('qidong', 'roster', { ...head, ...rosterCells(people) }), 'application/pdf', meta);
  await objects.put(LOCAL_NAMES.intakeBucket, `${prefix}3-certificates.pdf`, await bornDigitalCertificates(people, occupation), 'application/pdf', meta);
  // The institution is on the registry and the class was opened with every trainee these tests name (the class file's rules are tested apart).
  await onRegistry(cases, 'qidong', 'inst-qd');
  const personKeys = Object.fromEntries(await Promise.all([A, B, C].map(async (id) => [id, await keyer.key(id)] as const)));
  await openedClass(cases, { city: 'qidong', institution: 'inst-qd', classCode: `QD-R-${i}`, personKeys, receivedOn: '2026-09-01' });
  const r = await processUpload({ bucket: LOCAL_NAMES.intakeBucket, key: `${prefix}3-certificates.pdf` }, pipeline);
  if (r.status !== 'created') throw new Error(`claim ${i}: ${r.status}`);
  return r.case;
}
const subsidiesOf = async (id: string) => {
  const key = await keyer.key(id);
  return (await cases.loadHistory({ persons: [key], classKey: null, institutionKey: 'qidong/inst-qd' })).history.persons[key]!.filter((p) => p.kind === 'subsidy');
};
const rosterDoc = (c: CaseRecord) => c.documents.findIndex((d) => d.tables?.trainees);

describe('a reviewer corrects and decides', () => {
  let first: CaseRecord[];
  let fourth: CaseRecord;
  beforeAll(async () => {
    first = [await claim(1, '电工', [['张伟', A]]), await claim(2, '焊工', [['张伟', A]]), await claim(3, '育婴员', [['张伟', A]])];
    fourth = await claim(4, '保育师', [['李娜', A]]);
  }, 120_000);

  it('the misread ID number is corrected: the rules run again, the fourth-subsidy finding goes, a new notice is issued and the old one is superseded', async () => {
    expect(fourth.findings.map((f) => f.ruleId)).toContain('QD-CLAIM-FREQUENCY');
    now = new Date('2026-11-21T03:00:00Z');
    const r = await call(reviewer, 'POST', `/api/cases/${fourth.caseId}/corrections`, {
      revision: 1, document: rosterDoc(fourth), table: 'trainees', row: 0, field: 'idNumber', value: B, reason: '花名册身份证号识别错误，按身份证复印件更正',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const c = (r.body as { case: CaseRecord }).case;
    expect(c.revision).toBe(2);
    expect(c.findings.map((f) => f.ruleId)).not.toContain('QD-CLAIM-FREQUENCY');
    expect(c.outcome).toBe('accepted');
    // Shown masked, marked as corrected by whom.
    expect(c.documents[rosterDoc(fourth)]!.tables!.trainees![0]!.idNumber).toMatchObject({ value: '440524********0014', correctedBy: 'reviewer-qd', confidence: 1 });
    // Both notices are kept; the new one is dated the day of the correction and no longer names the refusal.
    const notices = c.pdfs.filter((p) => p.kind === 'acceptance');
    expect(notices).toHaveLength(2);
    expect(notices[1]!.key).not.toBe(notices[0]!.key);
    const newText = pdftext((await objects.get(LOCAL_NAMES.responsesBucket, notices[1]!.key)).bytes);
    expect(newText).toContain('2026年11月21日');
    expect(newText).not.toContain('不予补贴');
    expect(pdftext((await objects.get(LOCAL_NAMES.responsesBucket, notices[0]!.key)).bytes)).toContain('不予补贴');
    const oldCheck = await handleApi({ method: 'GET', path: `/api/verify/${notices[0]!.verificationCode}`, query: {} }, api, null);
    expect(oldCheck.body).toMatchObject({ authentic: true, current: false });
    const newCheck = await handleApi({ method: 'GET', path: `/api/verify/${notices[1]!.verificationCode}`, query: {} }, api, null);
    expect(newCheck.body).toMatchObject({ authentic: true, current: true });
    // The ledgers follow: 李娜 holds this claim; 张伟 still three.
    expect((await subsidiesOf(B)).map((s) => s.caseId)).toEqual([fourth.caseId]);
    expect(await subsidiesOf(A)).toHaveLength(3);
    // Who, when, what — with the ID numbers masked in the trail.
    const opened = await call(reviewer, 'GET', `/api/cases/${fourth.caseId}`);
    const audit = (opened.body as { audit: { actor: string; action: string; at: string; detail: Record<string, unknown> }[] }).audit;
    const corrected = audit.find((a) => a.action === 'field-corrected')!;
    expect(corrected).toMatchObject({ actor: 'reviewer-qd', at: '2026-11-21T03:00:00.000Z', detail: { field: 'idNumber', from: '110105********002X', to: '440524********0014', reason: '花名册身份证号识别错误，按身份证复印件更正' } });
    expect(JSON.stringify(audit)).not.toContain(B);
    expect(audit.filter((a) => a.action === 'notice-issued')).toHaveLength(2);
    // The bureau hears of the new revision as a new event.
    const mine = events.filter((e) => e.case.caseId === fourth.caseId);
    expect(mine.map((e) => e.revision)).toEqual([1, 2]);
    expect(new Set(mine.map((e) => e.id)).size).toBe(2);
    expect(JSON.stringify(mine)).not.toContain(B);
  });

  it('an ID number corrected away takes the case out of that trainee’s ledger', async () => {
    const second = first[1]!;
    const r = await call(reviewer, 'POST', `/api/cases/${second.caseId}/corrections`, { revision: 1, document: rosterDoc(second), table: 'trainees', row: 0, field: 'idNumber', value: C, reason: '复核身份证复印件' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect((await subsidiesOf(A)).map((s) => s.caseId).sort()).toEqual([first[0]!.caseId, first[2]!.caseId].sort());
    expect((await subsidiesOf(C)).map((s) => s.caseId)).toEqual([second.caseId]);
  });

  it('a decision with a reason overrides the rules, re-issues the notice of its kind, and is undone by the next correction', async () => {
    now = new Date('2026-11-23T01:00:00Z');
    const d = await call(reviewer, 'POST', `/api/cases/${fourth.caseId}/decision`, { revision: 2, outcome: 'rejected', reason: '现场核查发现该班未实际开班' });
    expect(d.status, JSON.stringify(d.body)).toBe(200);
    const c = (d.body as { case: CaseRecord }).case;
    expect(c).toMatchObject({ revision: 3, outcome: 'rejected', decision: { by: 'reviewer-qd', outcome: 'rejected', reason: '现场核查发现该班未实际开班' } });
    const rejection = c.pdfs.at(-1)!;
    expect(rejection.kind).toBe('rejection');
    const t = pdftext((await objects.get(LOCAL_NAMES.responsesBucket, rejection.key)).bytes);
    expect(t).toContain('不予受理通知书');
    expect(t).toContain('现场核查发现该班未实际开班');
    expect((await subsidiesOf(B))[0]).toMatchObject({ caseId: fourth.caseId, outcome: 'rejected' });
    // The acceptance of revision 2 is superseded by the rejection.
    const opened = (await call(reviewer, 'GET', `/api/cases/${fourth.caseId}`)).body as { pdfs: { kind: string; current: boolean; revision: number }[] };
    expect(opened.pdfs.filter((p) => p.current && ['acceptance', 'rejection'].includes(p.kind))).toEqual([expect.objectContaining({ kind: 'rejection', revision: 3 })]);
    const again = await call(reviewer, 'POST', `/api/cases/${fourth.caseId}/corrections`, { revision: 3, document: 0, field: 'certificateDate', value: '2026年10月9日', reason: '证书日期更正' });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    const after = (again.body as { case: CaseRecord }).case;
    expect(after.decision).toBeUndefined();
    expect(after.outcome).toBe('accepted');
    expect(after.documents[0]!.fields.certificateDate!.value).toBe('2026-10-09'); // normalised as the contract says
  });

  it('a refusal waits in the review queue with no notice; a reviewer signs it off and only then is it issued (issue 19)', async () => {
    now = new Date('2026-11-24T01:00:00Z');
    // Qidong 第十二条: a claim more than 12 months after the certificates is refused — by a person.
    const held = await claim(5, '电工', [['王芳', C]], '2024年10月8日');
    expect(held).toMatchObject({ outcome: 'rejected', status: 'under-review', review: { since: now.toISOString(), reasons: ['拟不予受理，须经审核人员签发'] } });
    expect(held.pdfs.map((p) => p.kind)).toEqual(['received']);
    const seen = (await call(institution, 'GET', `/api/cases/${held.caseId}`)).body as { case: CaseRecord; pdfs: { kind: string }[] };
    expect(seen.case.status).toBe('under-review');
    expect(seen.pdfs.map((p) => p.kind)).not.toContain('rejection');

    now = new Date('2026-11-24T02:30:00Z');
    const queue = await call(reviewer, 'GET', '/api/review-queue');
    expect(queue.status).toBe(200);
    expect((queue.body as { queue: { caseId: string; waitingMinutes: number; outcome: string }[] }).queue).toEqual([expect.objectContaining({ caseId: held.caseId, outcome: 'rejected', waitingMinutes: 90 })]);
    expect((await call(institution, 'GET', '/api/review-queue')).status).toBe(403);
    expect((await call(otherReviewer, 'GET', '/api/review-queue')).body).toEqual({ queue: [] });
    expect((await call(otherReviewer, 'POST', `/api/cases/${held.caseId}/sign-off`, { revision: 1 })).status).toBe(404);

    const signed = await call(reviewer, 'POST', `/api/cases/${held.caseId}/sign-off`, { revision: 1, note: '已核对证书日期' });
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);
    const c = (signed.body as { case: CaseRecord }).case;
    expect(c).toMatchObject({ status: 'decided', outcome: 'rejected', revision: 2 });
    expect(c.review).toBeUndefined();
    const notice = c.pdfs.at(-1)!;
    expect(notice.kind).toBe('rejection');
    const t = pdftext((await objects.get(LOCAL_NAMES.responsesBucket, notice.key)).bytes);
    expect(t).toContain('不予受理通知书');
    expect(t).toContain('2026年11月24日'); // dated the day it was signed off
    const audit = (await call(reviewer, 'GET', `/api/cases/${held.caseId}`)).body as { audit: { action: string; actor: string; detail?: Record<string, unknown> }[] };
    expect(audit.audit.map((a) => a.action)).toEqual(['received', 'validated', 'held-for-review', 'signed-off', 'notice-issued']);
    expect(audit.audit.find((a) => a.action === 'signed-off')).toMatchObject({ actor: 'reviewer-qd', detail: { note: '已核对证书日期' } });
    expect(((await call(reviewer, 'GET', '/api/review-queue')).body as { queue: unknown[] }).queue).toEqual([]);
    expect((await call(reviewer, 'POST', `/api/cases/${held.caseId}/sign-off`, { revision: 2 })).status).toBe(409);
  });

  it('one search box finds cases by class code or a trainee\'s name, never by an ID number, and the list carries no search text', async () => {
    const search = async (q: string) =>
      ((await handleApi({ method: 'GET', path: '/api/cases', query: { q } }, api, reviewer)).body as { cases: { caseId: string; search?: string }[] }).cases;
    expect((await search('qd-r-4')).map((c) => c.caseId)).toEqual([fourth.caseId]);
    expect((await search('李娜')).map((c) => c.caseId)).toContain(fourth.caseId);
    expect(await search('440524188001010014')).toEqual([]);
    const all = await search('');
    expect(all.length).toBeGreaterThan(1);
    expect(all.every((c) => c.search === undefined)).toBe(true);
  });

  it('refuses what a role may not do, a stale revision, and values that are not what the field holds', async () => {
    const body = { revision: 4, document: 0, field: 'occupation', value: '电工', reason: '更正工种' };
    const path = `/api/cases/${fourth.caseId}/corrections`;
    expect((await call(institution, 'POST', path, body)).status).toBe(403);
    expect((await call(bureau, 'POST', path, body)).status).toBe(403);
    expect((await call(otherReviewer, 'POST', path, body)).status).toBe(404); // not theirs: as if it did not exist
    expect((await call(otherReviewer, 'GET', `/api/cases/${fourth.caseId}`)).status).toBe(404);
    expect((await call(reviewer, 'POST', path, { ...body, revision: 2 })).status).toBe(409);
    const badId = await call(reviewer, 'POST', path, { ...body, document: rosterDoc(fourth), table: 'trainees', row: 0, field: 'idNumber', value: '440524188001010015' });
    expect(badId.status).toBe(400);
    expect(JSON.stringify(badId.body)).toContain('check character');
    expect((await call(reviewer, 'POST', path, { ...body, document: 9 })).status).toBe(400);
    expect((await call(reviewer, 'POST', path, { ...body, reason: '' })).status).toBe(400);
    expect((await call(reviewer, 'POST', `/api/cases/${fourth.caseId}/decision`, { revision: 4, outcome: 'approved', reason: '同意' })).status).toBe(400);
    expect((await call(reviewer, 'POST', '/api/cases/QD-2026-NOSUCHCASE/corrections', body)).status).toBe(404);
    // Nothing of the refused requests was written.
    const c = (await call(reviewer, 'GET', `/api/cases/${fourth.caseId}`)).body as { case: CaseRecord };
    expect(c.case.revision).toBe(4);
    expect(c.case.corrections).toHaveLength(2);
  });
});

describe('the registry and the class file through the console API (issue 18)', () => {
  const raw = (who: Principal, method: string, p: string, query: Record<string, string>, body?: Uint8Array) => handleApi({ method, path: p, query, ...(body ? { body } : {}) }, api, who);
  const csv = new TextEncoder().encode('机构编号,机构名称,状态\ninst-qd,启东市测试职业培训学校,正常\ninst-new,启东市新开职业培训学校,正常\n');

  it('the bureau uploads its registry; a reviewer or an institution may not; a bad file is refused by line', async () => {
    expect((await raw(reviewer, 'POST', '/api/institutions/import', { jurisdiction: 'qidong', file: 'r.csv' }, csv)).status).toBe(403);
    expect((await raw(institution, 'POST', '/api/institutions/import', { jurisdiction: 'qidong', file: 'r.csv' }, csv)).status).toBe(403);
    const ok = await raw(bureau, 'POST', '/api/institutions/import', { jurisdiction: 'qidong', file: 'r.csv' }, csv);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ rows: 2, created: 1, updated: 1 }); // inst-qd was on it (unnamed); inst-new is new
    const bad = await raw(bureau, 'POST', '/api/institutions/import', { jurisdiction: 'qidong', file: 'r.csv' }, new TextEncoder().encode('机构编号,机构名称,状态\nx,,正常\n'));
    expect(bad.status).toBe(400);
    expect((bad.body as { problems: { line: number }[] }).problems[0]!.line).toBe(2);
    const listed = (await raw(reviewer, 'GET', '/api/institutions', { jurisdiction: 'qidong' })).body as { institutions: { institution: string; name: string }[] };
    expect(listed.institutions.find((i) => i.institution === 'inst-new')?.name).toBe('启东市新开职业培训学校');
    expect((await raw(institution, 'GET', '/api/institutions', {})).status).toBe(403);
  });

  it('a class file opens for its institution and the city, not for another institution; the dossier downloads as a zip', async () => {
    const got = await call(institution, 'GET', '/api/classes/qidong/inst-qd/QD-R-1');
    expect(got.status).toBe(200);
    const file = (got.body as { class: { status: string; cases: { submissionType: string }[]; trainees: { idNumber: string | null }[] } }).class;
    expect(file.cases.map((c) => c.submissionType)).toContain('subsidy-claim');
    expect(JSON.stringify(file)).not.toContain(A);
    const other: Principal = { role: 'institution', user: 'x', jurisdiction: 'qidong', institution: 'inst-other' };
    expect((await call(other, 'GET', '/api/classes/qidong/inst-qd/QD-R-1')).status).toBe(404);
    expect((await call(bureau, 'GET', '/api/classes/qidong/inst-qd/NO-SUCH')).status).toBe(404);
    const zip = await call(bureau, 'GET', '/api/classes/qidong/inst-qd/QD-R-1/dossier');
    expect(zip.status).toBe(200);
    expect(zip.headers?.['content-type']).toBe('application/zip');
    const { default: JSZip } = await import('jszip');
    const names = Object.keys((await JSZip.loadAsync(zip.raw!)).files);
    expect(names).toContain('00-档案目录.pdf');
    expect(names.some((n) => n.endsWith('材料/1-claim.pdf'))).toBe(true);
  });
});
