// Inspections as the bureau's input (issue 21, "Done when"), on the embedded stack as a bureau runs it: a
// reviewer records an inspection through the console's API or `intake inspections add`; the city's rules
// decide; the notice waits for a sign-off; what it decided shows on the registry and decides the
// institution's next packets. Qidong: the 整改通知书, and a second finding during the rectification the
// exit (第十四条). Shaoxing: the 附件4 warning with the hours voided and training suspended until the bureau
// closes the rectification (五、其他（一）).
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { get, request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fill } from '../corpus/filled-forms.ts';
import { renderBlankForm, templateFor } from '../../lib/render/forms.ts';
import { stablePort, waitFor } from '../helpers.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'local/bin.js');
let env: NodeJS.ProcessEnv;
let server: ChildProcess;
let dir: string;
let consoleUrl: string;
const REVIEWER = { name: 'inspector-rev', password: 'correct-horse-9' };

function intake(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 300_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
function json(args: string[]) {
  const r = intake([...args, '--json']);
  if (r.code !== 0 && !(args[0] === 'submit' && r.code! >= 3 && r.code! <= 6)) throw new Error(`intake ${args.join(' ')} → ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}
const file = (name: string, bytes: Uint8Array | string) => {
  const f = path.join(dir, name);
  writeFileSync(f, bytes);
  return f;
};
/** The console's API as a plain client calls it: a connection of its own each time (no pooled socket to go stale between slow steps). */
function api(method: 'GET' | 'POST', p: string, body?: unknown): Promise<{ status: number; body: Record<string, any> }> {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = request(`${consoleUrl}${p}`, {
      method, agent: false,
      headers: { authorization: `Basic ${Buffer.from(`${REVIEWER.name}:${REVIEWER.password}`).toString('base64')}`, ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.byteLength) } : {}) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}
/** A presigned link fetched as a plain HTTP client does (no browser fetch headers). */
const download = (url: string) => new Promise<Uint8Array>((resolve, reject) => {
  get(url, { agent: false }, (res) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c)).on('end', () => (res.statusCode === 200 ? resolve(Buffer.concat(chunks)) : reject(new Error(`${url} → ${res.statusCode}`))));
  }).on('error', reject);
});
const pdfText = (p: string) => execFileSync('pdftotext', [p, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
const ids = (c: { findings: { ruleId: string }[] }) => c.findings.map((f) => f.ruleId);

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'intake-inspections-'));
  const consolePort = await stablePort();
  env = { ...process.env, INTAKE_LOCAL_DIR: dir, INTAKE_S3_PORT: String(await stablePort()), INTAKE_DYNAMODB_PORT: String(await stablePort()), INTAKE_CONSOLE_PORT: String(consolePort) };
  consoleUrl = `http://127.0.0.1:${consolePort}`;
  server = spawn(process.execPath, [BIN, 'start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  server.stdout!.on('data', (d) => (out += d));
  server.stderr!.on('data', (d) => (out += d));
  await waitFor('the stack to start', async () => (out.includes('Ctrl-C stops') ? true : server.exitCode !== null ? Promise.reject(new Error(out)) : null), 120_000);
  expect(intake(['users', 'add', REVIEWER.name, '--role', 'reviewer', '--jurisdiction', 'qidong,shaoxing', '--password', REVIEWER.password]).code).toBe(0);
  const registry = (rows: string) => file(`r-${rows.length}.csv`, `机构编号,机构名称,协议起始日期,协议终止日期,状态\n${rows}\n`);
  expect(json(['institutions', 'import', registry('qd-east,启东市东方职业培训学校,2026-01-05,2028-01-04,正常\nqd-west,启东市西城职业培训学校,2026-01-05,2028-01-04,正常'), '--jurisdiction', 'qidong'])).toMatchObject({ created: 2 });
  expect(json(['institutions', 'import', registry('sx-west,绍兴市西城职业技能培训学校,2026-01-05,2027-12-31,正常'), '--jurisdiction', 'shaoxing'])).toMatchObject({ created: 1 });
}, 180_000);

afterAll(() => {
  if (server && server.exitCode === null) server.kill('SIGINT');
});

describe('Qidong 第十四条 through the console API and the command line', () => {
  it('an inspection finding trainees unreachable brings the 整改通知书 once signed off; a second finding during the rectification, the exit', async () => {
    const today = new Date().toISOString().slice(0, 10);
    // A reviewer records it in the console (its form posts this).
    const bad = await api('POST', '/api/inspections', { jurisdiction: 'qidong', institution: 'qd-east', classCode: 'QD-INS-1', date: today, inspectors: ['张明'], findings: [{ kind: 'nope' }] });
    expect(bad.status).toBe(400);
    const rec = await api('POST', '/api/inspections', {
      jurisdiction: 'qidong', institution: 'qd-east', classCode: 'QD-INS-1', className: '电工（四级）1期', date: today, inspectors: ['张明', '李华'],
      findings: [{ kind: 'trainees-unreachable', note: '电话回访5名学员均无法联系', evidence: [{ name: '回访记录.jpg', data: Buffer.from('jpeg bytes').toString('base64') }] }],
    });
    expect(rec.status).toBe(201);
    const held = rec.body.case;
    expect(held).toMatchObject({ submissionType: 'inspection', outcome: 'warning', status: 'under-review' });
    expect(ids(held)).toContain('QD-EXIT-INSPECTION-FAKE-TRAINING');
    expect(held.uploads[0].key).toContain('/evidence/');
    // The same record posted again is the same case.
    expect((await api('POST', '/api/inspections', { jurisdiction: 'qidong', institution: 'qd-east', classCode: 'QD-INS-1', className: '电工（四级）1期', date: today, inspectors: ['张明', '李华'], findings: [{ kind: 'trainees-unreachable', note: '电话回访5名学员均无法联系', evidence: [{ name: '回访记录.jpg', data: Buffer.from('jpeg bytes').toString('base64') }] }] })).status).toBe(200);
    const signed = await api('POST', `/api/cases/${held.caseId}/sign-off`, { revision: 1, note: '已约谈负责人' });
    expect(signed.status).toBe(200);
    const notice = signed.body.case.pdfs.at(-1);
    expect(notice).toMatchObject({ kind: 'rectification', title: '整改通知书' });
    const reg = json(['institutions', 'list', '--jurisdiction', 'qidong']).institutions.find((i: { institution: string }) => i.institution === 'qd-east');
    expect(reg.status).toBe('active'); // a Qidong rectification does not suspend training
    expect(reg.rectifications).toHaveLength(1);

    // The second inspection, from the command line: not per plan, during the rectification → exit.
    const second = json(['inspections', 'add', 'qidong/qd-east/QD-INS-1', '--date', today, '--inspector', '王强', '--inspector', '赵敏', '--found', 'not-per-plan:未按课程表授课']);
    expect(second.case).toMatchObject({ outcome: 'rejected', status: 'under-review' });
    expect(ids(second.case)).toContain('QD-EXIT-NOT-RECTIFIED');
    const exit = json(['review', 'sign-off', second.case.caseId]).case;
    const exitNotice = exit.pdfs.at(-1);
    expect(exitNotice).toMatchObject({ kind: 'disqualification', title: '解除技能培训备案协议通知书' });
    const text = pdfText(exitNotice.path);
    expect(text).toContain('取消你单位培训补贴享受资格，并自动解除技能培训备案协议');
    expect(text).toContain('凡在规定期限内达不到整改要求的');
    expect(json(['institutions', 'list', '--jurisdiction', 'qidong']).institutions.find((i: { institution: string }) => i.institution === 'qd-east').status).toBe('exited');
    // Its next opening is refused on the exit.
    const form = await fill(await renderBlankForm(templateFor('qidong', 'class-opening-application')), { 'f.institutionName': '启东市东方职业培训学校', 'f.classCode': 'QD-INS-2', 'f.className': '电工2期', 'f.startDate': '2027年3月1日' });
    const opening = json(['submit', file('qd-open.pdf', form), '--jurisdiction', 'qidong', '--type', 'class-opening', '--institution', 'qd-east']);
    expect(ids(opening)).toContain('QD-QUAL-AGREEMENT-STANDING');
    expect(opening.outcome).toBe('rejected');
  });
});

describe('Shaoxing 五、其他（一） through the command line and the console API', () => {
  it('proxy signatures found: the 附件4 warning with the hours voided, training suspended until the bureau closes the rectification', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const photo = file('代签.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));
    const rec = json(['inspections', 'add', 'shaoxing/sx-west/SX-INS-1', '--date', today, '--inspector', '陈静', '--inspector', '周涛', '--class-name', '保育师（四级）3期',
      '--found', 'proxy-signature:签到表第3、5行代签', '--photo', `proxy-signature=${photo}`, '--present', '18', '--enrolled', '30']);
    expect(rec.case).toMatchObject({ outcome: 'warning', status: 'under-review' });
    expect(rec.case.findings.find((f: { ruleId: string }) => f.ruleId === 'SX-EXIT-INSPECTION-WARNING')).toMatchObject({ outcome: 'HOURS_INVALID' });
    expect(intake(['inspections', 'add', 'shaoxing/sx-west/SX-INS-1', '--date', today, '--inspector', '陈静', '--found', 'proxy-signature', '--photo', `no-video=${photo}`]).code).toBe(64);

    // Signed off in the console: the 附件4 notice, field by field.
    const signed = await api('POST', `/api/cases/${rec.case.caseId}/sign-off`, { revision: 1 });
    expect(signed.status).toBe(200);
    expect(signed.body.case.pdfs.at(-1)).toMatchObject({ kind: 'warning', title: '绍兴市职业培训不规范行为书面警告通知书' });
    const link = await api('GET', `/api/cases/${rec.case.caseId}/pdfs/${signed.body.case.pdfs.length - 1}?redirect=0`);
    const warning = pdfText(file('warning.pdf', await download(link.body.url)));
    expect(warning).toContain('对你单位的保育师（四级）3期进行职业培训监督考核');
    expect(warning).toContain('该培训课时视为无效');
    expect(warning).toContain('于7个工作日内完成整改，并对本次课程进行补课');

    // The registry shows the suspension and the open rectification; a new opening is refused meanwhile.
    const reg = (await api('GET', '/api/institutions?jurisdiction=shaoxing')).body.institutions.find((i: { institution: string }) => i.institution === 'sx-west');
    expect(reg.status).toBe('suspended');
    expect(reg.reason).toContain('整改期内暂停培训');
    expect(reg.rectifications[0]).toMatchObject({ caseId: rec.case.caseId, suspends: true });
    const openingForm = async (code: string) => fill(await renderBlankForm(templateFor('shaoxing', 'class-opening-application')), { 'f.institutionName': '绍兴市西城职业技能培训学校', 'f.classCode': code, 'f.className': '保育师4期', 'f.startDate': '2027年3月1日' });
    const refused = json(['submit', file('sx-open-1.pdf', await openingForm('SX-INS-2')), '--jurisdiction', 'shaoxing', '--type', 'class-opening', '--institution', 'sx-west']);
    expect(refused.findings.find((f: { ruleId: string }) => f.ruleId === 'SX-QUAL-STANDING')?.message).toContain('整改期内暂停培训');

    // The bureau closes it (an institution may not; a second close is refused); training resumes.
    const closed = await api('POST', `/api/inspections/${rec.case.caseId}/close`, { note: '已对该课程补课，签到表重新组织签名', evidence: [{ name: '补课照片.jpg', data: Buffer.from('x').toString('base64') }] });
    expect(closed.status).toBe(200);
    expect(closed.body.closure.evidence).toHaveLength(1);
    expect((await api('POST', `/api/inspections/${rec.case.caseId}/close`, { note: '再次关闭' })).status).toBe(409);
    expect((await api('GET', '/api/institutions?jurisdiction=shaoxing')).body.institutions.find((i: { institution: string }) => i.institution === 'sx-west').status).toBe('active');
    const again = json(['submit', file('sx-open-2.pdf', await openingForm('SX-INS-3')), '--jurisdiction', 'shaoxing', '--type', 'class-opening', '--institution', 'sx-west']);
    expect(ids(again)).not.toContain('SX-QUAL-STANDING');

    // The inspected class's claim: its hours voided by the inspection travel with it.
    const claim = await fill(await renderBlankForm(templateFor('shaoxing', 'subsidy-claim-application')), { 'f.institutionName': '绍兴市西城职业技能培训学校', 'f.classCode': 'SX-INS-1', 'f.occupation': '保育师', 'f.level': '四级', 'f.traineeCount': '2' });
    const claimed = json(['submit', file('sx-claim.pdf', claim), '--jurisdiction', 'shaoxing', '--type', 'subsidy-claim', '--institution', 'sx-west', '--class', 'SX-INS-1']);
    expect(claimed.findings.find((f: { ruleId: string }) => f.ruleId === 'SX-CLAIM-VOIDED-HOURS')?.message).toContain(rec.case.caseId);
  });
});

describe('complaints from the command line (Qidong 第十四条 8; the complainant confidential)', () => {
  it('a complaint is registered without a notice; once two are verified with grave impact, the 整改通知书 waits for sign-off', () => {
    const today = new Date().toISOString().slice(0, 10);
    const first = json(['complaints', 'add', 'qidong/qd-west/QD-W-1', '--received', today, '--channel', '市民热线', '--summary', '收取学员培训费后拒不退还', '--reporter', '王大明', '--reporter-contact', '13912345678', '--verified', '--severe']);
    expect(first.case).toMatchObject({ submissionType: 'complaint', outcome: 'accepted', status: 'decided' });
    expect(first.case.pdfs).toEqual([]); // a complaint that decides nothing sends the institution nothing
    const shown = JSON.stringify(first);
    expect(shown).not.toContain('王大明');
    expect(shown).not.toContain('13912345678');
    expect(shown).toContain('（举报人信息保密）');
    const second = json(['complaints', 'add', 'qidong/qd-west/QD-W-1', '--received', today, '--channel', '媒体报道', '--summary', '冒用学员名义申领补贴']);
    expect(second.case.outcome).toBe('accepted');
    expect(intake(['complaints', 'verify', second.case.caseId]).code).toBe(64); // a reason is required
    const verified = json(['complaints', 'verify', second.case.caseId, '--severe', '--reason', '经核查属实，媒体广泛报道']);
    expect(verified.case).toMatchObject({ outcome: 'warning', status: 'under-review' });
    expect(ids(verified.case)).toContain('QD-EXIT-INSPECTION-COMPLAINTS');
    const signed = json(['review', 'sign-off', second.case.caseId]).case;
    expect(signed.pdfs.at(-1)).toMatchObject({ kind: 'rectification', title: '整改通知书' });
    expect(pdfText(signed.pdfs.at(-1).path)).toContain('经查属实且造成恶劣社会影响的投诉');
  });
});
