// The command line as a user (or an outside check) runs it: `intake start` in one process, the other
// commands in others, reading their JSON; PDFs checked with pdftotext and pdffonts.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filledForm, rosterCells } from '../corpus/filled-forms.ts';
import { bornDigitalCertificates } from '../corpus/born-digital.ts';
import { classOpeningTruth, scannedPacketPdf } from '../corpus/generate.ts';
import { stablePort, waitFor } from '../helpers.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'local/bin.js');
const samples = JSON.parse(readFileSync(path.join(ROOT, 'test/fixtures/samples-truth.json'), 'utf8'));
const completeTruth = samples['shaoxing-class-opening-complete.pdf'].truth;
const missingTruth = samples['shaoxing-class-opening-missing-contract-commitment.pdf'].truth;

let env: NodeJS.ProcessEnv;
let server: ChildProcess;
let serverExit: Promise<number | null>;
let serverLog = '';

function intake(args: string[], extraEnv: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...env, ...extraEnv }, encoding: 'utf8', timeout: 600_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const pdftext = (file: string) => execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'intake-cli-'));
  env = {
    ...process.env,
    INTAKE_LOCAL_DIR: dir,
    INTAKE_S3_PORT: String(await stablePort()),
    INTAKE_DYNAMODB_PORT: String(await stablePort()),
    INTAKE_CONSOLE_PORT: String(await stablePort()),
  };
  server = spawn(process.execPath, [BIN, 'start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  server.stdout!.on('data', (d) => ((out += d), (serverLog += d)));
  server.stderr!.on('data', (d) => ((out += d), (serverLog += d)));
  serverExit = new Promise((resolve) => server.on('exit', (code) => resolve(code)));
  await waitFor('the stack to start', async () => (out.includes('Ctrl-C stops') ? true : server.exitCode !== null ? Promise.reject(new Error(out)) : null), 120_000);
});

afterAll(async () => {
  if (server && server.exitCode === null) server.kill('SIGKILL');
});

describe('intake CLI on the embedded stack', () => {
  it('env --json says how to reach the running stack', () => {
    const r = intake(['env', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const e = JSON.parse(r.stdout);
    expect(Object.keys(e).sort()).toEqual(['consoleUrl', 'dynamodbEndpoint', 'intakeBucket', 'responsesBucket', 's3Endpoint', 'table', 'uploadPrefix']);
    expect(e.uploadPrefix).toBe('incoming/{jurisdiction}/{institution}/{packet}/{file}');
    expect(e.s3Endpoint).toBe(`http://127.0.0.1:${env.INTAKE_S3_PORT}`);
  });

  it('submit: a complete scanned Shaoxing packet is accepted; its notice names the case and the institution, in an embedded subset font', () => {
    const r = intake(['submit', 'local/samples/shaoxing-class-opening-complete.pdf', '--jurisdiction', 'shaoxing', '--type', 'class-opening', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const c = JSON.parse(r.stdout);
    expect(c.caseId).toMatch(/^SX-\d{4}-/);
    expect(c.outcome).toBe('accepted');
    // Shaoxing's seed asks no filing: an institution off the registry is accepted, flagged for the bureau only.
    expect(c.findings.map((f: { ruleId: string; outcome: string }) => [f.ruleId, f.outcome])).toEqual([['SX-QUAL-REGISTRY', 'FLAG']]);
    expect(c.institutionName).toBe(completeTruth.institutionName);
    // The roster was read, and is printed as the console shows it: every ID number masked (issue 20, 9).
    const printed = c.documents.flatMap((d: { tables?: { trainees?: { idNumber?: { value: string } }[] } }) => d.tables?.trainees ?? []).map((row: { idNumber?: { value: string } }) => row.idNumber?.value);
    expect(printed.length).toBeGreaterThan(0);
    for (const id of printed) expect(id).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    for (const p of completeTruth.trainees as { idNumber: string; phone: string }[]) expect(r.stdout).not.toContain(p.idNumber);
    expect(c.documents.map((d: { type: string }) => d.type)).toEqual(
      expect.arrayContaining(['class-opening-application', 'schedule', 'roster', 'teacher-list', 'certificate-copy', 'training-contract', 'commitment-letter', 'id-card-copy', 'eligibility-proof']),
    );
    const pdf = c.pdfs[0];
    expect(existsSync(pdf.path)).toBe(true);
    const text = pdftext(pdf.path);
    expect(text).toContain('受理通知书');
    expect(text).toContain(c.caseNumber);
    expect(text).toContain(completeTruth.institutionName);
    expect(execFileSync('pdffonts', [pdf.path], { encoding: 'utf8' })).toMatch(/[A-Z]{6}\+NotoSansSC\S*\s+CID TrueType\s+Identity-H\s+yes\s+yes/);
  });

  it('submit: a packet without 办班合同 and 承诺书 gets one supplement notice listing both, each with its clause', () => {
    const r = intake(['submit', 'local/samples/shaoxing-class-opening-missing-contract-commitment.pdf', '--jurisdiction', 'shaoxing', '--type', 'class-opening', '--json']);
    expect(r.code, r.stderr).toBe(3); // supplement required (README, "Exit codes")
    const c = JSON.parse(r.stdout);
    expect(c.outcome).toBe('supplement-required');
    const asked = c.findings.filter((f: { outcome: string }) => f.outcome !== 'FLAG');
    expect(asked.map((f: { ruleId: string }) => f.ruleId).sort()).toEqual(['SX-OPEN-DOCS-5', 'SX-OPEN-DOCS-6']);
    for (const f of asked) expect(f.source).toMatchObject({ file: '002_eaa3f98e07178ada.txt', section: expect.stringContaining('附件1') });
    const text = pdftext(c.pdfs[0].path);
    expect(text).toContain('补正材料通知书');
    expect(text).toContain('5.绍兴市职业培训办班合同一式三份');
    expect(text).toContain('6.培训办班承诺书一份');
    expect(text).toContain(missingTruth.institutionName);
  });

  it('cases --json lists both, with their uploads and PDFs; verify tells an issued PDF from an altered one', () => {
    const r = intake(['cases', '--jurisdiction', 'shaoxing', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const { cases } = JSON.parse(r.stdout);
    expect(cases).toHaveLength(2);
    for (const c of cases) {
      expect(c.uploads[0]).toMatchObject({ bucket: 'intake-uploads', key: expect.stringMatching(/^incoming\/shaoxing\//), etag: expect.any(String) });
      expect(c.pdfs[0]).toMatchObject({ bucket: 'intake-responses', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    }
    const issued = path.join(env.INTAKE_LOCAL_DIR!, 'responses', cases[0].caseId, path.basename(cases[0].pdfs[0].key));
    expect(intake(['verify', issued]).code).toBe(0);
    const altered = path.join(env.INTAKE_LOCAL_DIR!, 'altered.pdf');
    const bytes = readFileSync(issued);
    bytes[bytes.length - 10] = 0x20;
    writeFileSync(altered, bytes);
    const v = intake(['verify', altered]);
    expect(v.code).toBe(4); // not issued here
    expect(v.stdout).toContain('NOT ISSUED HERE');
    const notPdf = path.join(env.INTAKE_LOCAL_DIR!, 'not-a.pdf');
    writeFileSync(notPdf, 'hello');
    expect(intake(['verify', notPdf])).toMatchObject({ code: 5, stdout: '' });
  });

  it('submit: cross-case rules — the fourth Qidong subsidy of a year is not paid to the trainee who had three; a suspended institution is refused', async () => {
    const dir = env.INTAKE_LOCAL_DIR!;
    const trainees: [string, string][] = [['张伟', '11010519491231002X'], ['李娜', '440524188001010014']];
    // Qidong 第三条: the institution is on the bureau's registry (签协备案) before it opens or claims anything.
    const registry = path.join(dir, 'qd-registry.csv');
    writeFileSync(registry, 'institution,name,agreementStart,agreementEnd,status\ninst-qd,启东市测试职业培训学校,2026-01-05,2028-01-04,active\n');
    expect(intake(['institutions', 'import', registry, '--jurisdiction', 'qidong']).code).toBe(0);
    const claimOf = async (i: number, occupation: string, people: [string, string][]) => {
      const claimFile = path.join(dir, `qd-claim-${i}.pdf`);
      const rosterFile = path.join(dir, `qd-roster-${i}.pdf`);
      const openingFile = path.join(dir, `qd-opening-${i}.pdf`);
      const head = { 'f.institutionName': '启东市测试职业培训学校', 'f.classCode': `QD-C-${i}` };
      // 第八条: each class filed (备案表 and 花名册) a week before it starts; the bureau enters it with the day it came in.
      writeFileSync(openingFile, await filledForm('qidong', 'class-opening-application', { ...head, 'f.occupation': occupation, 'f.level': '四级', 'f.startDate': '2026年9月15日', 'f.endDate': '2026年9月30日', 'f.traineeCount': String(people.length) }));
      writeFileSync(rosterFile, await filledForm('qidong', 'roster', { ...head, ...rosterCells(people) }));
      const opened = intake(['submit', openingFile, rosterFile, '--jurisdiction', 'qidong', '--type', 'class-opening', '--institution', 'inst-qd', '--received', '2026-09-01', '--json']);
      // Opened — unless the institution is suspended by then (the last class below): that refusal waits for a reviewer (6).
      expect(opened.code, opened.stderr).toBe(i < 4 ? 0 : 6);
      expect(JSON.parse(opened.stdout).class).toEqual({ code: `QD-C-${i}`, status: i < 4 ? 'opened' : 'opening-refused' });
      writeFileSync(claimFile, await filledForm('qidong', 'subsidy-claim-application', { ...head, 'f.occupation': occupation, 'f.level': '四级', 'f.certificateDate': '2026年10月8日', 'f.traineeCount': String(people.length) }));
      // 第十二条、第十三条: the claim comes with the roster of those claimed for and their certificates.
      const certificatesFile = path.join(dir, `qd-certificates-${i}.pdf`);
      writeFileSync(certificatesFile, await bornDigitalCertificates(people, occupation));
      const r = intake(['submit', claimFile, rosterFile, certificatesFile, '--jurisdiction', 'qidong', '--type', 'subsidy-claim', '--institution', 'inst-qd', '--json']);
      expect(r.code, r.stderr).toBe(i < 4 ? 0 : 6);
      return JSON.parse(r.stdout);
    };
    for (const [i, occupation] of ['电工', '焊工', '育婴员'].entries()) {
      const c = await claimOf(i, occupation, [trainees[0]!]);
      expect(c.findings, JSON.stringify(c.findings)).toEqual([]);
      expect(c.outcome).toBe('accepted');
    }
    const fourth = await claimOf(3, '保育师', trainees);
    expect(fourth.outcome).toBe('accepted');
    const f = fourth.findings.find((x: { ruleId: string }) => x.ruleId === 'QD-CLAIM-FREQUENCY');
    expect(f).toMatchObject({ outcome: 'NO_SUBSIDY', source: { file: '004_c90804dcf1fa8775.txt', quote: '每人每年可申领不超过 3次培训补贴' } });
    expect(f.message).toContain('第1行 张伟2026年已申领职业培训补贴3次');
    expect(f.message).not.toContain('李娜');
    const text = pdftext(fourth.pdfs[0].path);
    expect(text).toContain('受理通知书');
    expect(text).toContain('不予补贴');
    expect(text).not.toContain('11010519491231002X');

    // The 公示 list of the accepted claims: 张伟 three times, then only 李娜 (the fourth was refused for 张伟).
    const pubFile = path.join(dir, 'qd-publicity.pdf');
    const pub = intake(['publicity', '--jurisdiction', 'qidong', '-o', pubFile, '--json']);
    expect(pub.code, pub.stderr).toBe(0);
    const listed0 = JSON.parse(pub.stdout);
    expect(listed0.rows.map((r: { name: string }) => r.name)).toEqual(['张伟', '张伟', '张伟', '李娜']);
    expect(listed0.rows[0].idMasked).toBe('110105********002X');
    expect(listed0.period.workingDays).toBeNull(); // Qidong's seed sets no period: none is invented
    const pubText = pdftext(pubFile);
    expect(pubText).toContain('启东市职业培训补贴拟发放名单公示');
    expect(pubText).toContain('110105********002X');
    expect(pubText).not.toContain('11010519491231002X');

    const s = intake(['institutions', 'suspend', 'qidong/inst-qd', '--reason', '到课率少于70%的情况超过2次，整改期内']);
    expect(s.code, s.stderr).toBe(0);
    expect(s.stdout).toContain('qidong/inst-qd: suspended');
    const listed = JSON.parse(intake(['institutions', '--jurisdiction', 'qidong', '--json']).stdout);
    expect(listed.institutions).toEqual([expect.objectContaining({ jurisdiction: 'qidong', institution: 'inst-qd', name: '启东市测试职业培训学校', status: 'suspended' })]);
    const refused = await claimOf(4, '茶艺师', [trainees[1]!]);
    expect(refused).toMatchObject({ outcome: 'rejected', status: 'under-review' });
    expect(refused.findings.map((x: { ruleId: string }) => x.ruleId)).toContain('QD-QUAL-AGREEMENT-STANDING');
    expect(refused.pdfs.map((p: { kind: string }) => p.kind)).not.toContain('rejection');
    // A reviewer signs the refusal off; only then is the 不予受理通知书 issued.
    const queue = intake(['review', '--jurisdiction', 'qidong']);
    expect(queue.stdout).toContain(refused.caseId);
    expect(queue.stdout).toContain('proposed rejected (不予受理)');
    const signed = intake(['review', 'sign-off', refused.caseId, '--json']);
    expect(signed.code, signed.stderr).toBe(0);
    const notice = JSON.parse(signed.stdout).case.pdfs.at(-1);
    expect(notice.kind).toBe('rejection');
    expect(pdftext(notice.path)).toContain('培训资格已暂停');
    const verified = intake(['verify', notice.path]);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('signed by 启东市人力资源和社会保障局');
    // Any PDF reader shows who issued it and that it is unchanged (poppler's pdfsig here).
    const sig = execFileSync('pdfsig', [notice.path], { encoding: 'utf8' });
    expect(sig).toContain('Signer Certificate Common Name: 启东市人力资源和社会保障局');
    expect(sig).toContain('Signature is Valid');
    expect(intake(['review', 'sign-off', refused.caseId]).stderr).toContain('not waiting for review');
    expect(intake(['institutions', 'suspend', 'qidong/inst-qd']).code).toBe(64); // no reason given
    expect(intake(['institutions', 'reinstate', 'qidong/inst-qd']).code).toBe(64); // coming back is recorded with its reason
    expect(intake(['institutions', 'reinstate', 'qidong/inst-qd', '--reason', '整改验收合格']).stdout).toContain('active (整改验收合格)');
  });

  it('indexes trainees by a keyed hash of their ID numbers: no ID number in any key of the table', async () => {
    const { DynamoDBClient, ScanCommand } = await import('@aws-sdk/client-dynamodb');
    const { unmarshall } = await import('@aws-sdk/util-dynamodb');
    const { createHmac } = await import('node:crypto');
    const db = new DynamoDBClient({ endpoint: `http://127.0.0.1:${env.INTAKE_DYNAMODB_PORT}`, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const items: Record<string, unknown>[] = [];
    let start: Record<string, never> | undefined;
    do {
      const r = await db.send(new ScanCommand({ TableName: 'intake-cases', ExclusiveStartKey: start }));
      items.push(...(r.Items ?? []).map((i) => unmarshall(i)));
      start = r.LastEvaluatedKey as typeof start;
    } while (start);
    db.destroy();
    // The Shaoxing packets' trainees, and the two of the Qidong claims above.
    const ids: string[] = [...[...completeTruth.trainees, ...missingTruth.trainees].map((t: { idNumber: string }) => t.idNumber), '11010519491231002X', '440524188001010014'];
    const keyAttributes = items.flatMap((i) => ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk'].map((k) => String(i[k] ?? '')));
    for (const id of ids) expect(keyAttributes.some((k) => k.includes(id) || k.includes(id.slice(0, 14)))).toBe(false);
    // Each trainee of both packets is found under HMAC(secret, ID) — and only with the secret.
    const secret = Buffer.from(readFileSync(path.join(env.INTAKE_LOCAL_DIR!, 'id-hash.key'), 'utf8').trim(), 'base64');
    const persons = new Set(items.filter((i) => i.kind === 'person').map((i) => i.pk));
    for (const id of ids) expect(persons.has(`PERSON#${createHmac('sha256', secret).update(id).digest('base64url')}`), 'a trainee is indexed').toBe(true);
    expect(persons.size).toBe(new Set(ids).size);
    // The cross-case ledgers use the same keyed hashes, and hold no ID number anywhere in their items.
    const ledgers = items.filter((i) => i.kind === 'person-ledger');
    expect(new Set(ledgers.map((i) => String(i.pk).replace('LEDGER#PERSON#', 'PERSON#')))).toEqual(persons);
    for (const id of ids) expect(JSON.stringify(ledgers).includes(id)).toBe(false);
    // Nor anywhere else: the cases' documents hold ID numbers and phones sealed with the stack's field key (issue 20, 9).
    const table = JSON.stringify(items);
    const phones = [completeTruth, missingTruth].flatMap((t: { trainees: { phone: string }[] }) => t.trainees.map((p) => p.phone));
    for (const secret of [...ids, ...phones]) expect(table.includes(secret), `${secret.slice(0, 3)}… in the table in clear`).toBe(false);
    expect(table).toMatch(/sealed:v1:/);
  });

  it('submit --unmasked --reason prints whole ID numbers, and the case\'s audit trail records who looked and why', async () => {
    const dir = env.INTAKE_LOCAL_DIR!;
    const roster = path.join(dir, 'sx-unmask-roster.pdf');
    writeFileSync(roster, await filledForm('shaoxing', 'roster', { 'f.institutionName': '绍兴市测试职业培训学校', 'f.classCode': 'SX-UNMASK-1', ...rosterCells([['王芳', '11010519491231002X']]) }));
    expect(intake(['submit', roster, '--jurisdiction', 'shaoxing', '--type', 'class-opening', '--unmasked']).code).toBe(64); // no reason: refused
    const r = intake(['submit', roster, '--jurisdiction', 'shaoxing', '--type', 'class-opening', '--json', '--unmasked', '--reason', '核对身份证号码']);
    const c = JSON.parse(r.stdout);
    expect(c.documents.flatMap((d: { tables?: { trainees?: { idNumber: { value: string } }[] } }) => d.tables?.trainees ?? []).map((row: { idNumber: { value: string } }) => row.idNumber.value)).toEqual(['11010519491231002X']);
    const { DynamoDBClient, QueryCommand } = await import('@aws-sdk/client-dynamodb');
    const { unmarshall } = await import('@aws-sdk/util-dynamodb');
    const db = new DynamoDBClient({ endpoint: `http://127.0.0.1:${env.INTAKE_DYNAMODB_PORT}`, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const audit = ((await db.send(new QueryCommand({ TableName: 'intake-cases', KeyConditionExpression: 'pk = :p AND begins_with(sk, :a)', ExpressionAttributeValues: { ':p': { S: `CASE#${c.caseId}` }, ':a': { S: 'AUDIT#' } } }))).Items ?? []).map((i) => unmarshall(i).event);
    db.destroy();
    expect(audit).toContainEqual(expect.objectContaining({ action: 'personal-data-viewed', actor: expect.stringMatching(/^bureau:/), detail: { reason: '核对身份证号码' } }));
  });

  it('refuses bad arguments and unreadable files with one line and a non-zero exit', async () => {
    const bad = intake(['submit', 'local/samples/shaoxing-class-opening-complete.pdf', '--jurisdiction', 'hangzhou', '--type', 'class-opening']);
    expect(bad.code).toBe(64);
    expect(bad.stderr).toContain('unknown jurisdiction "hangzhou"');
    const notPdf = path.join(env.INTAKE_LOCAL_DIR!, 'notes.pdf');
    writeFileSync(notPdf, 'just some text, not a PDF');
    const ex = intake(['extract', notPdf, '--json']);
    expect(ex.code).toBe(1);
    expect(ex.stderr.trim().split('\n')).toHaveLength(1);
    expect(ex.stderr).toContain('not a PDF, JPEG, PNG or TIFF');
    // A one-letter password is refused (issue 20, 8); nothing is saved.
    const weak = intake(['users', 'add', 'weak-user', '--role', 'reviewer', '--jurisdiction', 'qidong', '--password', 'a']);
    expect(weak.code).toBe(64);
    expect(weak.stderr).toContain('at least 10 characters');
    expect(intake(['users', 'list']).stdout).not.toContain('weak-user');
  });

  it('extract --json reads a file without storing anything', async () => {
    const t = classOpeningTruth(77);
    const file = path.join(env.INTAKE_LOCAL_DIR!, 'roster.pdf');
    writeFileSync(file, (await scannedPacketPdf(t, ['roster'], 77)).pdf);
    const r = intake(['extract', file, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const x = JSON.parse(r.stdout);
    expect(x).toMatchObject({ file: 'roster.pdf', pageCount: 1 });
    expect(x.documents[0].type).toBe('roster');
    expect(x.documents[0].tables.trainees.map((row: { idNumber: { value: string } }) => row.idNumber.value)).toEqual(t.trainees.map((p) => p.idNumber));
  });

  it('what fails three times waits in the dead-letter store, and redrive replays it', async () => {
    const { PutObjectCommand, S3Client } = await import('@aws-sdk/client-s3');
    const s3 = new S3Client({ region: 'us-east-1', endpoint: `http://127.0.0.1:${env.INTAKE_S3_PORT}`, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    // A key naming no jurisdiction cannot become a case: it fails, is retried, and ends in the dead-letter store.
    await s3.send(new PutObjectCommand({ Bucket: 'intake-uploads', Key: 'incoming/hangzhou/inst-x/p1/a.pdf', Body: 'x' }));
    const deadDir = path.join(env.INTAKE_LOCAL_DIR!, 'queue', 'dead');
    const { readdirSync } = await import('node:fs');
    await waitFor('the dead letter', async () => (existsSync(deadDir) && readdirSync(deadDir).length === 1 ? true : null), 60_000);
    const letter = JSON.parse(readFileSync(path.join(deadDir, readdirSync(deadDir)[0]!), 'utf8'));
    expect(letter.attempts).toBe(3);
    expect(letter.lastError).toContain('names no known jurisdiction');
    const r = intake(['redrive']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('replayed 1 message(s)');
    // Still unroutable: it goes round again and is back in the store, not lost.
    await waitFor('the dead letter again', async () => (readdirSync(deadDir).length === 1 ? true : null), 60_000);
    expect(intake(['cases', '--json']).stdout).not.toContain('hangzhou');
  });

  it('Ctrl-C stops the stack cleanly', async () => {
    server.kill('SIGINT');
    expect(await serverExit).toBe(0);
    expect(existsSync(path.join(env.INTAKE_LOCAL_DIR!, 'stack.json'))).toBe(false);
    const r = intake(['env', '--json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('npm start');
  });

  it('the stack logged no ID number or phone number of anyone in the packets it read', () => {
    expect(serverLog).toContain('case created'); // the log is there and did record the work
    const people = [completeTruth, missingTruth].flatMap((t: { trainees: { idNumber: string; phone: string; name: string }[]; phone: string }) => [...t.trainees.flatMap((p) => [p.idNumber, p.phone]), t.phone]);
    expect(people.length).toBeGreaterThan(20);
    for (const secret of people) expect(serverLog).not.toContain(secret);
    expect(serverLog).not.toMatch(/\b\d{17}[\dX]\b/);
  });
});
