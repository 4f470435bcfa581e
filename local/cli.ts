// `intake` — the command line of ../CONTRACT.md: start, env, cases, extract, submit, rules, verify, redrive.
import { publicityNotice } from '../lib/cases/publicity.ts';
import { classFile, UnknownClassError } from '../lib/cases/class-file.ts';
import { classDossier } from '../lib/cases/dossier.ts';
import { ledgerCsv, ledgerOf, ledgerTotals, ledgerXlsx } from '../lib/cases/ledger.ts';
import { decided, importRegistry, onTheRegistry, parseRegistry, RegistryFileError, registryEntry, registryTable, setStanding } from '../lib/cases/registry.ts';
import { sha256Of, verifyCopy } from '../lib/cases/verify.ts';
import { chinaDate } from '../lib/calendar/index.ts';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { META_CLASS, META_PACKET_FILES, META_RECEIVED, META_SUBMISSION_TYPE } from '../lib/config.ts';
import { JURISDICTIONS, Jurisdiction, UPLOADABLE_TYPES, UploadableType, type CaseRecord } from '../lib/domain/schemas.ts';
import { S3ObjectStore, s3Client } from '../lib/aws/s3.ts';
import { extractPacket, UnreadableFileError } from '../lib/extract/index.ts';
import { PaddleOcr } from '../lib/extract/ocr/paddle.ts';
import { caseIdFor } from '../lib/cases/case-number.ts';
import { encodeEventKey } from '../lib/cases/upload-key.ts';
import { listRules } from '../lib/rules/catalogue.ts';
import { RulePackError } from '../lib/rules/pack.ts';
import { LocalQueue } from './queue.ts';
import { addUser, localUserDirectory, UserExistsError } from './users.ts';
import { FORM_TEMPLATES, renderBlankForm, templateFor, templateId } from '../lib/render/forms.ts';
import { MIN_PASSWORD_LENGTH, Role, type UserDirectory } from '../lib/cases/access.ts';
import { localCaseStore, localDir, partsOf, runningStack, startStack, useLocalEndpoints, type EmbeddedStack, type StackInfo } from './stack.ts';
import { correctField, decideCase, reviewQueue, signOff } from '../lib/cases/review.ts';
import { Refusal } from '../lib/cases/errors.ts';
import { readCase } from '../lib/cases/records.ts';
import type { CaseStore } from '../lib/cases/ports.ts';
import { reviewDeps } from '../lib/wiring/services.ts';
import { CaseOutcome } from '../lib/domain/schemas.ts';
import { OUTCOME_LABEL_ZH } from '../lib/cases/decide.ts';
import { disclosedCase } from '../lib/identity/disclosure.ts';
import { unmaskedCase } from '../lib/cases/personal-data.ts';
import { systemClock } from '../lib/cases/ports.ts';
import { closeRectification, recordInspection } from '../lib/cases/inspection.ts';
import { recordComplaint } from '../lib/cases/complaint.ts';
import { INSPECTION_FINDINGS } from '../lib/domain/inspection.ts';

/** A mistake in how the command was called: one line, and where to read how. */
class UsageError extends Error {
  /** The command whose --help to point to (undefined: the current one; null: the tool's). */
  constructor(message: string, readonly command?: string | null) {
    super(message);
  }
}
let currentCommand: string | undefined;

const USAGE = `intake — document intake for subsidised vocational-skills training

  intake start                                   start the embedded stack (npm start)
  intake env [--json]                            how to reach the running stack
  intake cases [--jurisdiction <id>] [--json]    list cases
  intake extract <file> [--json]                 read one file, store nothing
  intake submit <file>... --jurisdiction <id> --type <submission-type>
                [--institution <id>] [--class <班级编号>] [--received <YYYY-MM-DD>] [--offsite-venue] [--json]
                [--unmasked --reason <text>]
                                                 --class files it under that class (it wins over the code read);
                                                 --received back-files a paper packet received on that day;
                                                 ID numbers and phones print masked unless --unmasked, which
                                                 the case's audit trail records with its reason
  intake class <jurisdiction>/<institution>/<班级编号> [--json] [--dossier -o <file.zip>]
                                                 the class file (一班一档): its cases, trainees, missing archive items
  intake rules [--jurisdiction <id>] [--json]    the rules the packs apply
  intake verify <file.pdf>                       is this PDF one we issued, and current? exit 0 authentic and current,
                                                 3 superseded (says by what), 4 not issued here, 5 not a PDF
  intake forms [<jurisdiction> [<form> -o <file.pdf>]]
                                                 a blank form, printable and fillable (without a form: the list)
  intake redrive                                 replay the dead-letter store
  intake ledger [--jurisdiction <id>] [--format csv|xlsx|json] [-o <file>]
                                                 the 台账: classes, trainees, subsidies; totals by period, institution, occupation
  intake publicity --jurisdiction <id> [--since <YYYY-MM-DD>] [--days <n>] [-o <file.pdf>] [--json]
                                                 the 公示 list of subsidies about to be paid (ID digits hidden)
  intake review [list] [--jurisdiction <id>] [--json]
                                                 the cases held for a reviewer (refusals, warnings, values in
                                                 doubt that decide), the longest-waiting first
  intake review sign-off <caseId> [--note <text>]
                                                 issue the held case's notice as the rules decided it
  intake review decide <caseId> --outcome <outcome> --reason <text>
                                                 decide it otherwise (accepted, supplement-required, rejected, warning)
  intake institutions [list] [--jurisdiction <id>] [--json]
  intake institutions import <file.csv|file.xlsx> --jurisdiction <id> [--json]
                                                 load the bureau's registry (机构编号, 机构名称, 统一社会信用代码,
                                                 协议起始日期, 协议终止日期, 状态); a bad row stops the whole file
  intake institutions suspend|exit|reinstate <jurisdiction>/<institution> --reason <text>
                                                 the bureau's registry: standing and agreement term;
                                                 a suspended or exited institution's packets are refused
  intake inspections add <jurisdiction>/<institution>/<班级编号> --date <YYYY-MM-DD> --inspector <name>...
                [--found <kind>[:<note>]]... [--photo <kind>=<file>]... [--present <n> --enrolled <n>]
                [--class-name <name>] [--json]
                                                 record what inspectors found at a class (kinds: intake inspections
                                                 kinds); judged by the city's rules: a 整改通知书, a 书面警告 with
                                                 the hours voided and training suspended, or an exit — held for
                                                 a reviewer's sign-off like every adverse notice
  intake inspections close <caseId> --note <text> [--photo <file>]...
                                                 the bureau closes the rectification the inspection opened
  intake inspections kinds                       what an inspection can find, in the seeds' words
  intake complaints add <jurisdiction>/<institution>[/<班级编号>] --received <YYYY-MM-DD> --channel <source>
                --summary <text> [--reporter <name>] [--reporter-contact <phone>] [--verified [--severe]] [--json]
                                                 register a complaint or report (the complainant is kept confidential:
                                                 sealed, masked, unmasked only with a reason in the audit trail);
                                                 verified with a grave social impact it counts against the
                                                 institution (Qidong 第十四条 8: twice brings the 整改通知书)
  intake complaints verify <caseId> --reason <text> [--severe]
                                                 record that a registered complaint was borne out (经查属实)
  intake users add <name> --role institution|reviewer|bureau --jurisdiction <id>[,<id>]
                [--institution <id>] [--password <p>] [--replace]
                                                 a console user (password hashed); an existing name
                                                 is refused unless --replace
  intake users list | disable <name> | enable <name> | reset <name>
                                                 the users; a disabled one signs in no more; reset
                                                 prints a new password once (also the console's 用户管理)
  intake users add|list|disable|enable|reset … --user-pool <UserPoolId> [--email <address>]
                                                 the same on AWS, in the deployment's Cognito pool
                                                 (a temporary password; MFA at first sign-in)

  jurisdictions: ${JURISDICTIONS.join(', ')}
  submission types: ${UPLOADABLE_TYPES.join(', ')}`;

// stdout holds what a command answers and nothing else (CONTRACT: with --json, that one JSON document):
// whatever else writes to it in this process — the pipeline's logger when a command starts the stack for
// itself — goes to stderr.
const stdoutWrite = process.stdout.write.bind(process.stdout);
process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;

// A reader that stops early (intake … | head) closes the pipe: that ends the command, quietly, as other tools do.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

function out(s: string) {
  stdoutWrite(s.endsWith('\n') ? s : s + '\n');
}

/** Exit status of `intake submit` by what became of the packet (README, "Exit codes"). */
export const SUBMIT_EXIT = { accepted: 0, failed: 1, 'supplement-required': 3, rejected: 4, warning: 5, 'under-review': 6, usage: 64 } as const;

/** A progress bar on a terminal; a line per change when stderr is piped (a log keeps every step). */
function progress(label: string) {
  const tty = process.stderr.isTTY;
  let last = '';
  return {
    update(done: number, total: number, note = '') {
      if (!tty) {
        const line = `${label}: page ${done}/${total}${note ? ` ${note}` : ''}`;
        if (line !== last) process.stderr.write(line + '\n');
        last = line;
        return;
      }
      const width = 24;
      const filled = total > 0 ? Math.round((done / total) * width) : 0;
      process.stderr.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${note}`.slice(0, (process.stderr.columns ?? 100) - 1).padEnd(Math.min(process.stderr.columns ?? 100, 100) - 1));
    },
    done() {
      if (tty) process.stderr.write('\n');
    },
  };
}

async function withStack<T>(fn: (info: StackInfo, embedded: EmbeddedStack | null) => Promise<T>, opts: { worker: boolean }): Promise<T> {
  const running = runningStack();
  if (running) {
    useLocalEndpoints(running);
    return fn(running, null);
  }
  process.stderr.write('no running stack found; starting the embedded stack for this command…\n');
  const stack = await startStack({ worker: opts.worker, ports: { console: 0 } });
  try {
    return await fn(stack.info, stack);
  } finally {
    await stack.stop();
  }
}

async function cmdStart() {
  if (runningStack()) throw new Error(`a stack is already running (pid ${runningStack()!.pid}); stop it first`);
  const stack = await startStack({
    advertise: true,
    log: (msg, data) => process.stderr.write(`${new Date().toISOString()} ${msg} ${data ? JSON.stringify(data) : ''}\n`),
  });
  const signIn = stack.firstPassword
    ? `user "bureau", password ${stack.firstPassword} (shown once; more users: npx intake users add)`
    : `users in ${path.join(stack.info.dataDir, 'users.json')} (npx intake users add)`;
  out(`intake embedded stack is up
  console:   ${stack.info.consoleUrl}  — ${signIn}
  S3:        ${stack.info.s3Endpoint} (buckets ${stack.info.intakeBucket}, ${stack.info.responsesBucket})
  DynamoDB:  ${stack.info.dynamodbEndpoint} (table ${stack.info.table})
  uploads:   s3://${stack.info.intakeBucket}/${stack.info.uploadPrefix}
  data:      ${stack.info.dataDir}
Try:  npx intake submit local/samples/shaoxing-class-opening-complete.pdf --jurisdiction shaoxing --type class-opening
Ctrl-C stops.`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    process.stderr.write('\nstopping…\n');
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  await new Promise(() => {});
}

function cmdEnv(json: boolean) {
  const info = runningStack();
  if (!info) throw new Error('no embedded stack is running; start it with `npm start`');
  const { pid: _pid, dynamodbPid: _j, dataDir: _d, ...env } = info;
  out(json ? JSON.stringify(env, null, 2) : Object.entries(env).map(([k, v]) => `${k}=${v}`).join('\n'));
}

async function cmdCases(jurisdiction: string | undefined, json: boolean) {
  const j = parseJurisdiction(jurisdiction);
  await withStack(async (info) => {
    const cases = await localCaseStore(info.table, info.dataDir).listCases({ jurisdiction: j });
    if (json) return out(JSON.stringify({ cases }, null, 2));
    if (cases.length === 0) return out('no cases');
    for (const c of cases) {
      out(`${c.caseNumber}  ${c.jurisdiction.padEnd(9)} ${c.submissionType.padEnd(16)} ${c.outcome.padEnd(19)} ${c.createdAt}  ${c.institutionName ?? c.institution}`);
      out(`    from s3://${c.uploads.map((u) => `${u.bucket}/${u.key}`).join(', ')}`);
      for (const p of c.pdfs) out(`    ${p.title}: s3://${p.bucket}/${p.key}`);
    }
  }, { worker: false });
}

async function cmdExtract(file: string, json: boolean) {
  if (!existsSync(file)) throw new UnreadableFileError(`${file}: no such file`);
  const bar = progress('reading');
  const result = await extractPacket([{ name: path.basename(file), bytes: readFileSync(file) }], {
    ocr: new PaddleOcr(),
    onPage: (p) => bar.update(p.page, p.pages, p.file),
  });
  bar.done();
  if (json) return out(JSON.stringify(result, null, 2));
  out(`${result.file}: ${result.pageCount} page(s), ${result.documents.length} document(s)`);
  for (const d of result.documents) {
    out(`- ${d.type} (pages ${d.pages.join(',')}, confidence ${d.confidence})${d.title ? ' ' + d.title : ''}`);
    for (const [k, f] of Object.entries(d.fields)) out(`    ${k}: ${JSON.stringify(f.value)}${f.review ? `  [review: ${f.review}]` : ''}`);
    for (const [t, rows] of Object.entries(d.tables ?? {})) out(`    ${t}: ${rows.length} row(s)`);
  }
}

/** Object keys keep to characters that survive every tool; Chinese file names are kept as they are. */
function safeSegment(s: string): string {
  return s.replace(/[\\/\u0000-\u001f]/g, '_').replace(/^\.+/, '_') || '_';
}

async function cmdSubmit(files: string[], o: { jurisdiction?: string; type?: string; institution?: string; klass?: string; received?: string; offsiteVenue?: boolean; json: boolean; unmasked?: boolean; reason?: string }) {
  if (files.length === 0) throw new UsageError('submit needs at least one file');
  if (o.unmasked && !o.reason?.trim()) throw new UsageError('--unmasked needs --reason: the case\'s audit trail records why whole ID numbers were shown');
  if (!o.jurisdiction) throw new UsageError(`--jurisdiction is required (${JURISDICTIONS.join(', ')})`);
  if (!o.type) throw new UsageError(`--type is required (${UPLOADABLE_TYPES.join(', ')})`);
  const jurisdiction = Jurisdiction.safeParse(o.jurisdiction);
  if (!jurisdiction.success) throw new UsageError(`unknown jurisdiction "${o.jurisdiction}" (${JURISDICTIONS.join(', ')})`);
  const type = UploadableType.safeParse(o.type);
  if (!type.success) throw new UsageError(`unknown submission type "${o.type}" (${UPLOADABLE_TYPES.join(', ')})`);
  for (const f of files) if (!existsSync(f)) throw new UnreadableFileError(`${f}: no such file`);
  if (o.received !== undefined) {
    const d = o.received;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(Date.parse(`${d}T00:00:00Z`)) || new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) !== d) throw new UsageError(`--received takes the day the packet was received, YYYY-MM-DD (got "${d}")`);
    if (d > chinaDate(new Date())) throw new UsageError(`--received ${d} is after today`);
  }
  if (o.klass !== undefined && (o.klass.trim() === '' || o.klass.length > 64 || /[\/\\\u0000-\u001f]/.test(o.klass))) throw new UsageError(`--class takes the class's 班级编号 (got "${o.klass}")`);

  await withStack(async (info, embedded) => {
    const objects = new S3ObjectStore();
    const s3 = s3Client();
    const institution = safeSegment(o.institution ?? 'walk-in');
    const packet = `${new Date().toISOString().replace(/[-:]/g, '').slice(0, 15)}-${randomBytes(3).toString('hex')}`;
    const prefix = `incoming/${jurisdiction.data}/${institution}/${packet}/`;
    const keys: string[] = [];
    const used = new Set<string>();
    for (const [i, f] of files.entries()) {
      let name = safeSegment(path.basename(f));
      if (used.has(name)) name = `${i + 1}-${name}`;
      used.add(name);
      const key = prefix + name;
      const metadata: Record<string, string> = { [META_SUBMISSION_TYPE]: type.data, [META_PACKET_FILES]: String(files.length) };
      if (o.offsiteVenue) metadata['offsite-venue'] = 'true';
      // S3 metadata is ASCII on the wire: a class code in Chinese goes percent-encoded (assemble decodes it).
      if (o.klass) metadata[META_CLASS] = encodeURIComponent(o.klass.trim());
      if (o.received) metadata[META_RECEIVED] = o.received;
      await objects.put(info.intakeBucket, key, readFileSync(f), contentTypeOf(f), metadata);
      keys.push(key);
    }
    const uploads = await Promise.all(
      keys.map(async (key) => {
        const h = await s3.send(new HeadObjectCommand({ Bucket: info.intakeBucket, Key: key }));
        return { bucket: info.intakeBucket, key, etag: (h.ETag ?? '').replace(/"/g, ''), lastModified: h.LastModified ?? new Date() };
      }),
    );
    const received = uploads.reduce((a, u) => (u.lastModified > a ? u.lastModified : a), new Date(0));
    const caseId = caseIdFor(jurisdiction.data, String(received.getUTCFullYear()), uploads.map(({ lastModified: _l, ...u }) => u));
    const record = await waitForCase(info, jurisdiction.data, caseId, keys, embedded);
    const pdfs = await savedPdfs(objects, record, !embedded);
    // As the console shows it: ID numbers and phones masked, unless the operator asked (and the trail says so).
    const shown = o.unmasked ? await unmaskedCase({ cases: localCaseStore(info.table, info.dataDir), clock: systemClock }, cliBureau(), record.caseId, { reason: o.reason }) : disclosedCase(record);
    const result = { ...shown, class: record.class ?? null, pdfs };
    process.exitCode = record.status === 'under-review' ? SUBMIT_EXIT['under-review'] : SUBMIT_EXIT[record.outcome];
    if (o.json) return out(JSON.stringify(result, null, 2));
    out(`case ${record.caseNumber}: ${record.outcome} (${record.pageCount} pages, ${record.documents.length} documents)${record.class ? `; class ${record.class.code}: ${record.class.status}` : ''}${record.backFiled ? `; back-filed, received ${record.receivedOn}` : ''}`);
    for (const f of record.findings) out(`  ✗ ${f.ruleId} [${f.severity}] ${f.message}\n      ${f.source.file} ${f.source.section}：「${f.source.quote}」`);
    for (const p of pdfs) out(`  ${p.title}: ${p.path}`);
    if (record.review) {
      out(`held for review — no notice issued until a reviewer signs it off (intake review sign-off ${record.caseId}):`);
      for (const r of record.review.reasons) out(`  · ${r}`);
    }
  }, { worker: true });
}

/** The case's PDFs, written under .local/responses/<case>/ (and linked when a running stack serves them). */
async function savedPdfs(objects: S3ObjectStore, record: CaseRecord, linked: boolean) {
  const dir = path.join(localDir(), 'responses', record.caseId);
  mkdirSync(dir, { recursive: true });
  const pdfs = [];
  for (const p of record.pdfs) {
    const obj = await objects.get(p.bucket, p.key);
    const file = path.join(dir, path.basename(p.key));
    writeFileSync(file, obj.bytes);
    pdfs.push({ ...p, path: file, url: linked ? await objects.presignGet(p.bucket, p.key, 3600) : undefined });
  }
  return pdfs;
}

function contentTypeOf(f: string): string {
  const ext = path.extname(f).toLowerCase();
  return ({ '.pdf': 'application/pdf', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.tif': 'image/tiff', '.tiff': 'image/tiff' } as Record<string, string>)[ext] ?? 'application/octet-stream';
}

async function waitForCase(info: StackInfo, jurisdiction: Jurisdiction, caseId: string, keys: string[], embedded: EmbeddedStack | null): Promise<CaseRecord> {
  const cases = localCaseStore(info.table, info.dataDir);
  const queue = new LocalQueue({ dir: path.join(localDir(), 'queue') });
  const bar = progress('processing');
  const deadline = Date.now() + Number(process.env.INTAKE_SUBMIT_TIMEOUT_S ?? 1800) * 1000;
  try {
    for (;;) {
      const c = await cases.getCase(caseId);
      if (c) return c;
      const dead = (embedded?.queue ?? queue).deadLetters().find((m) => keys.some((k) => m.body.includes(JSON.stringify(encodeEventKey(k)))));
      if (dead) throw new Error(`the packet could not be processed: ${dead.lastError ?? 'see the stack log'} (dead letter ${dead.messageId}; fix and run \`intake redrive\`)`);
      if (Date.now() > deadline) throw new Error(`no case after ${process.env.INTAKE_SUBMIT_TIMEOUT_S ?? 1800} s; is the stack's worker running?`);
      // The packet's progress as the console shows it (lib/cases/reading.ts): this packet's only, never a concurrent one's.
      const p = (await cases.listReading(jurisdiction)).find((r) => r.caseId === caseId);
      if (p?.file && p.pages) bar.update(p.page, p.pages, p.file);
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    bar.done();
  }
}

function parseJurisdiction(j: string | undefined): Jurisdiction | undefined {
  if (j === undefined) return undefined;
  const r = Jurisdiction.safeParse(j);
  if (!r.success) throw new UsageError(`unknown jurisdiction "${j}" (${JURISDICTIONS.join(', ')})`);
  return r.data;
}

function cmdRules(jurisdiction: string | undefined, json: boolean) {
  const j = parseJurisdiction(jurisdiction);
  const rules = listRules(j);
  if (json) return out(JSON.stringify({ rules }, null, 2));
  let last = '';
  for (const r of rules) {
    if (r.jurisdiction !== last) out(`\n== ${r.jurisdiction} ==`);
    last = r.jurisdiction;
    out(`${r.id}  [${r.submissionTypes.join(', ')}] → ${r.outcome}\n  ${r.title}\n  ${r.source.file} ${r.source.section}：「${r.source.quote}」`);
  }
}

/** Exit status of `intake verify` (README, "Exit codes"). */
export const VERIFY_EXIT = { current: 0, superseded: 3, notIssuedHere: 4, unreadable: 5 } as const;

async function cmdVerify(file: string) {
  if (!existsSync(file)) throw new UnreadableFileError(`${file}: no such file`);
  const bytes = readFileSync(file);
  if (!Buffer.from(bytes.subarray(0, 1024)).toString('latin1').includes('%PDF-')) {
    process.stderr.write(`intake: ${file} is not a PDF\n`);
    process.exitCode = VERIFY_EXIT.unreadable;
    return;
  }
  process.exitCode = await withStack(async (info) => {
    const v = await verifyCopy(localCaseStore(info.table, info.dataDir), bytes);
    if (!v) {
      out(`NOT ISSUED HERE: no case has a PDF with SHA-256 ${sha256Of(bytes)} (altered, or issued by someone else)`);
      return VERIFY_EXIT.notIssuedHere;
    }
    // The same answer the console's /verify gives: a notice a reviewer's later revision replaced is superseded.
    const sig = v.signature;
    const signed = sig?.signed ? (sig.intact ? `; signed by ${sig.signedBy}` : '; its signature does NOT match the file') : '; unsigned';
    if (v.current) {
      out(`AUTHENTIC and current: ${path.basename(file)} is ${v.title} of case ${v.caseNumber}, issued ${v.issuedAt}${signed}`);
      return VERIFY_EXIT.current;
    }
    const by = v.supersededBy;
    out(`AUTHENTIC but SUPERSEDED: ${v.title} of case ${v.caseNumber}${by ? ` was superseded by ${by.title}${by.verificationCode ? ` (verification code ${by.verificationCode})` : ''}, issued ${by.issuedAt}` : ' was replaced by a later PDF'}`);
    return VERIFY_EXIT.superseded;
  }, { worker: false });
}

async function cmdRedrive() {
  await withStack(async (_info, embedded) => {
    const queue = embedded?.queue ?? new LocalQueue({ dir: path.join(localDir(), 'queue') });
    const replayed = queue.redrive();
    out(replayed.length === 0 ? 'the dead-letter store is empty' : `replayed ${replayed.length} message(s):`);
    for (const m of replayed) out(`  ${m.messageId} (failed ${m.attempts}×: ${m.lastError ?? 'unknown'})`);
    if (embedded) await embedded.queue.idle();
  }, { worker: true });
}

async function cmdForms(positionals: string[], output: string | undefined) {
  const [jurisdiction, form] = positionals;
  if (!jurisdiction || !form) {
    const list = FORM_TEMPLATES.filter((t) => !jurisdiction || t.jurisdiction === jurisdiction);
    if (jurisdiction && list.length === 0) throw new UsageError(`unknown jurisdiction "${jurisdiction}" (one of ${JURISDICTIONS.join(', ')})`);
    for (const t of list) out(`${t.jurisdiction}\t${t.form}\t${t.title}${t.source ? `\t${t.source}` : ''}`);
    return;
  }
  let t;
  try {
    t = templateFor(jurisdiction, form);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const file = output ?? `${jurisdiction}-${form}.pdf`;
  const bytes = await renderBlankForm(t);
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeFileSync(file, bytes);
  out(`${file}: ${t.title} (${templateId(t)}, ${bytes.byteLength} bytes)`);
}

function parseJurisdictions(list: string | undefined): Jurisdiction[] {
  const js = (list ?? '').split(',').filter(Boolean).map((j) => {
    const p = Jurisdiction.safeParse(j);
    if (!p.success) throw new UsageError(`unknown jurisdiction "${j}" (one of ${JURISDICTIONS.join(', ')})`);
    return p.data;
  });
  if (js.length === 0) throw new UsageError('--jurisdiction <id>[,<id>] is required');
  return js;
}

/**
 * The console's users: the embedded stack's users file, or with --user-pool the AWS deployment's Cognito
 * pool (AWS credentials from the environment). Listing, disabling and resetting go through the one
 * UserDirectory either way; adding differs (a hashed password here, a temporary one and MFA there).
 */
async function cmdUsers(positionals: string[], v: { role?: string; jurisdiction?: string; institution?: string; password?: string; replace?: boolean; 'user-pool'?: string; email?: string }) {
  const [sub, name] = positionals;
  const pool = v['user-pool'];
  const dir = localDir();
  if (!pool) mkdirSync(dir, { recursive: true });
  const cognito = pool ? new (await import('../lib/aws/cognito-users.ts')).CognitoUserDirectory(pool) : undefined;
  const users: UserDirectory = cognito ?? localUserDirectory(dir);
  if (sub === 'list') {
    for (const u of await users.list()) out(`${u.name}\t${u.role}\t${u.jurisdictions.join(',')}${u.institution ? `\t${u.institution}` : ''}${u.disabled ? '\tdisabled' : ''}`);
    return;
  }
  if ((sub === 'disable' || sub === 'enable' || sub === 'reset') && name) {
    if (!pool && !(await users.list()).some((u) => u.name === name)) throw new UsageError(`no user ${name} (intake users list)`);
    if (sub === 'reset') return out(`user ${name}: ${pool ? 'temporary password' : 'new password'} ${await users.resetPassword(name)} (shown once${pool ? '; changed at the next sign-in' : ''})`);
    await users.setDisabled(name, sub === 'disable');
    return out(`user ${name} ${sub}d`);
  }
  if (sub !== 'add' || !name) throw new UsageError('users add <name> --role institution|reviewer|bureau --jurisdiction <id>[,<id>] [--institution <id>] [--password <p>] [--replace] [--user-pool <id> --email <address>], users disable|enable|reset <name>, or users list');
  const role = Role.safeParse(v.role);
  if (!role.success) throw new UsageError('--role must be institution, reviewer or bureau');
  const jurisdictions = parseJurisdictions(v.jurisdiction);
  if (cognito) {
    if (role.data === 'institution' && !v.institution) throw new UsageError('an institution user needs --institution <id> (the id in its upload keys)');
    const password = await cognito.add({ name, role: role.data, jurisdictions, institution: v.institution, email: v.email });
    return out(`user ${name} created in ${pool}; temporary password ${password} (shown once; they choose their own and set up MFA at first sign-in)`);
  }
  // A short password is refused here; the console's throttle makes a long one hopeless to guess.
  if (v.password !== undefined && v.password.length < MIN_PASSWORD_LENGTH) throw new UsageError(`--password needs at least ${MIN_PASSWORD_LENGTH} characters (or leave it out for a random one)`);
  let password: string;
  try {
    ({ password } = await addUser(dir, { name, role: role.data, jurisdictions, institution: v.institution, password: v.password, replace: v.replace }));
  } catch (e) {
    throw e instanceof UserExistsError ? new UsageError(e.message) : e;
  }
  out(v.password ? `user ${name} saved` : `user ${name} saved; password ${password} (shown once)`);
}

async function cmdLedger(v: { jurisdiction?: string; format?: string; output?: string }) {
  const j = parseJurisdiction(v.jurisdiction);
  const format = v.format ?? (v.output?.endsWith('.xlsx') ? 'xlsx' : v.output?.endsWith('.json') ? 'json' : 'csv');
  if (!['csv', 'xlsx', 'json'].includes(format)) throw new UsageError('--format is csv, xlsx or json');
  await withStack(async (info) => {
    const rows = await ledgerOf(localCaseStore(info.table, info.dataDir), j ? [j] : JURISDICTIONS);
    const bytes = format === 'xlsx' ? await ledgerXlsx(rows) : new TextEncoder().encode(format === 'csv' ? ledgerCsv(rows) : JSON.stringify({ rows, totals: ledgerTotals(rows) }, null, 2));
    if (!v.output && format !== 'xlsx') return out(new TextDecoder().decode(bytes));
    const file = v.output ?? `intake-ledger-${j ?? 'all'}.xlsx`;
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    writeFileSync(file, bytes);
    out(`${file}: ${rows.length} class(es)`);
  }, { worker: false });
}

async function cmdPublicity(v: { jurisdiction?: string; since?: string; days?: string; output?: string; json: boolean }) {
  const j = parseJurisdiction(v.jurisdiction);
  if (!j) throw new UsageError('publicity needs --jurisdiction');
  if (v.since !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(v.since)) throw new UsageError('--since takes a date, YYYY-MM-DD');
  const days = v.days === undefined ? undefined : Number(v.days);
  if (days !== undefined && !(Number.isInteger(days) && days >= 1 && days <= 30)) throw new UsageError('--days takes the number of working days the 公示 lasts, 1 to 30');
  await withStack(async (info) => {
    const date = chinaDate(new Date());
    const { pdf: bytes, rows, period, claims } = await publicityNotice(localCaseStore(info.table, info.dataDir), j, { date, ...(v.since ? { since: v.since } : {}), ...(days ? { workingDays: days } : {}) });
    const file = v.output ?? `${j}-publicity-${date}.pdf`;
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    writeFileSync(file, bytes);
    if (v.json) return out(JSON.stringify({ file, period, cases: claims, rows }, null, 2));
    out(`${file}: ${rows.length} trainee(s) from ${claims} claim(s), publicised ${period.from} – ${period.to ? `${period.to} (${period.workingDays} working days)` : '(the city sets no period: write its end on the notice, or give --days)'}`);
  }, { worker: false });
}

async function cmdInstitutions(positionals: string[], v: { jurisdiction?: string; reason?: string; json: boolean }) {
  const [sub = 'list', target] = positionals;
  if (sub === 'list') {
    const j = parseJurisdiction(v.jurisdiction);
    await withStack(async (info) => {
      const list = (await localCaseStore(info.table, info.dataDir).listInstitutions(j)).filter(onTheRegistry).map((i) => registryEntry(i.institutionKey, i.standing, i.ledger));
      if (v.json) return out(JSON.stringify({ institutions: list }, null, 2));
      if (list.length === 0) return out('no institutions on the registry yet (import it: intake institutions import <file> --jurisdiction <id>)');
      for (const i of list) {
        out(`${`${i.jurisdiction}/${i.institution}`.padEnd(32)} ${(i.status ?? 'filed').padEnd(9)} ${i.name ?? ''}${i.agreementEnd ? `  agreement ${i.agreementStart ?? '…'} – ${i.agreementEnd}` : ''}${i.reason ? `  (${i.reason})` : ''}`);
        for (const r of i.rectifications ?? []) out(`    rectification open since ${r.on}${r.dueBy ? `, due ${r.dueBy}` : ''}${r.suspends ? ', training suspended' : ''}: ${r.reason} (close: intake inspections close ${r.caseId} --note …)`);
      }
    }, { worker: false });
    return;
  }
  if (sub === 'import') {
    if (!target) throw new UsageError('institutions import <file.csv|file.xlsx> --jurisdiction <id>');
    const j = parseJurisdiction(v.jurisdiction);
    if (!j) throw new UsageError(`institutions import needs --jurisdiction (${JURISDICTIONS.join(', ')})`);
    if (!existsSync(target)) throw new UnreadableFileError(`${target}: no such file`);
    // The whole file is checked before anything is written: a bad row stops all of it.
    const rows = parseRegistry(await registryTable(readFileSync(target), target));
    await withStack(async (info) => {
      const r = await importRegistry(localCaseStore(info.table, info.dataDir), j, rows, `bureau:${process.env.USER ?? 'cli'}`, new Date());
      if (v.json) return out(JSON.stringify({ file: target, ...r }, null, 2));
      out(`${target}: ${r.rows} institution(s) of ${j} — ${r.created} new, ${r.updated} changed, ${r.unchanged} unchanged`);
    }, { worker: false });
    return;
  }
  const status = ({ suspend: 'suspended', exit: 'exited', reinstate: 'active' } as const)[sub as 'suspend' | 'exit' | 'reinstate'];
  if (!status || !target) throw new UsageError('institutions import <file> --jurisdiction <id>, institutions suspend|exit|reinstate <jurisdiction>/<institution> --reason <text>, or institutions list');
  const [jurisdiction, institution, more] = target.split('/');
  const j = parseJurisdiction(jurisdiction);
  if (!j || !institution || more !== undefined) throw new UsageError(`name the institution as <jurisdiction>/<institution>, e.g. shaoxing/inst-001 (got "${target}")`);
  if (!v.reason) throw new UsageError(`${sub} needs --reason: ${status === 'active' ? 'the registry records why an institution came back' : 'the notice quotes it'}`);
  await withStack(async (info) => {
    const s = (await setStanding(localCaseStore(info.table, info.dataDir), `${j}/${institution}`, (current) => decided(current, status, v.reason!, `bureau:${process.env.USER ?? 'cli'}`, new Date())))!;
    out(`${j}/${institution}: ${s.status} (${s.reason})${s.agreementEnd ? `; agreement until ${s.agreementEnd}` : ''}`);
  }, { worker: false });
}

/** The command line acts as a reviewer of every jurisdiction, named after the shell's user in the audit trail. */
/** The operator at the stack's machine, who may see every city's cases whole (each time in the audit trail). */
const cliBureau = () => ({ role: 'bureau' as const, user: `bureau:${process.env.USER ?? 'cli'}`, jurisdictions: [...JURISDICTIONS] });
const cliReviewer = () => ({ role: 'reviewer' as const, user: `reviewer:${process.env.USER ?? 'cli'}`, jurisdictions: [...JURISDICTIONS] });

async function cmdReview(positionals: string[], v: { jurisdiction?: string; outcome?: string; reason?: string; note?: string; json: boolean }) {
  const [sub = 'list', caseId] = positionals;
  await withStack(async (info) => {
    const deps = reviewDeps(partsOf(info));
    if (sub === 'list') {
      const queue = await reviewQueue(deps, cliReviewer(), parseJurisdiction(v.jurisdiction));
      if (v.json) return out(JSON.stringify({ queue }, null, 2));
      if (queue.length === 0) return out('no case waits for review');
      for (const q of queue) {
        const waited = q.waitingMinutes >= 1440 ? `${Math.floor(q.waitingMinutes / 1440)} d` : q.waitingMinutes >= 60 ? `${Math.floor(q.waitingMinutes / 60)} h` : `${q.waitingMinutes} min`;
        out(`${q.caseId}  ${q.jurisdiction}/${q.institution}  ${q.submissionType}  proposed ${q.outcome} (${OUTCOME_LABEL_ZH[q.outcome as CaseOutcome] ?? q.outcome})  waiting ${waited}`);
        for (const r of q.reasons) out(`    ${r}`);
      }
      return;
    }
    if (!caseId || positionals.length > 2) throw new UsageError(`review ${sub} takes one case id`);
    const c = await readCaseOrFail(deps.cases, caseId);
    const who = cliReviewer();
    const decided =
      sub === 'sign-off'
        ? await signOff(deps, who, caseId, { revision: c.revision ?? 1, ...(v.note ? { note: v.note } : {}) })
        : sub === 'decide'
          ? await decideCase(deps, who, caseId, { revision: c.revision ?? 1, outcome: v.outcome, reason: v.reason })
          : null;
    if (!decided) throw new UsageError(`unknown review command "${sub}" (list, sign-off, decide)`);
    const pdfs = await savedPdfs(new S3ObjectStore(), decided, false);
    if (v.json) return out(JSON.stringify({ case: { ...disclosedCase(decided), pdfs } }, null, 2));
    const notice = pdfs.at(-1);
    out(`${decided.caseId}: ${decided.outcome} (${OUTCOME_LABEL_ZH[decided.outcome]}), ${decided.status}${notice && decided.status === 'decided' ? `; notice ${notice.path}` : ''}`);
  }, { worker: false });
}

/** `--photo kind=file` (add) or `--photo file` (close): the file's bytes as the request carries them. */
function evidenceFile(file: string) {
  if (!existsSync(file)) throw new UnreadableFileError(`${file}: no such file`);
  return { name: path.basename(file), data: readFileSync(file).toString('base64') };
}

async function cmdInspections(positionals: string[], v: { date?: string; inspector?: string[]; found?: string[]; photo?: string[]; present?: string; enrolled?: string; 'class-name'?: string; note?: string; json: boolean }) {
  const [sub, target, ...more] = positionals;
  if (sub === 'kinds') {
    for (const [kind, words] of Object.entries(INSPECTION_FINDINGS)) out(`${kind.padEnd(26)} ${words}`);
    return;
  }
  if ((sub !== 'add' && sub !== 'close') || !target || more.length) throw new UsageError('inspections add <jurisdiction>/<institution>/<班级编号> …, inspections close <caseId> --note <text>, or inspections kinds');
  const count = (s: string | undefined, what: string) => {
    if (s === undefined) return undefined;
    if (!/^\d+$/.test(s)) throw new UsageError(`--${what} takes a whole number (got "${s}")`);
    return Number(s);
  };
  await withStack(async (info) => {
    const deps = reviewDeps(partsOf(info));
    if (sub === 'close') {
      const closure = await closeRectification(deps, cliBureau(), target, { note: v.note, evidence: (v.photo ?? []).map(evidenceFile) });
      if (v.json) return out(JSON.stringify({ closure }, null, 2));
      return out(`${target}: rectification closed ${closure.on} by ${closure.by}${closure.evidence.length ? ` (${closure.evidence.length} file(s) kept)` : ''}`);
    }
    const [jurisdiction, institution, ...code] = target.split('/');
    if (!parseJurisdiction(jurisdiction) || !institution || code.length === 0) throw new UsageError(`name the class as <jurisdiction>/<institution>/<班级编号> (got "${target}")`);
    const photos = (v.photo ?? []).map((p) => {
      const at = p.indexOf('=');
      if (at < 1) throw new UsageError(`--photo takes <kind>=<file> (got "${p}")`);
      return { kind: p.slice(0, at), file: p.slice(at + 1) };
    });
    const findings = (v.found ?? []).map((f) => {
      const [kind = '', ...note] = f.split(':');
      return { kind, note: note.join(':'), evidence: photos.filter((p) => p.kind === kind).map((p) => evidenceFile(p.file)) };
    });
    const stray = photos.find((p) => !findings.some((f) => f.kind === p.kind));
    if (stray) throw new UsageError(`--photo ${stray.kind}=… names no --found ${stray.kind}`);
    const r = await recordInspection(deps, cliBureau(), {
      jurisdiction, institution, classCode: code.join('/'), date: v.date, inspectors: v.inspector ?? [], findings,
      ...(v['class-name'] ? { className: v['class-name'] } : {}),
      ...(v.present !== undefined ? { presentCount: count(v.present, 'present') } : {}),
      ...(v.enrolled !== undefined ? { enrolledCount: count(v.enrolled, 'enrolled') } : {}),
    });
    const pdfs = await savedPdfs(new S3ObjectStore(), r.case, false);
    if (v.json) return out(JSON.stringify({ case: { ...disclosedCase(r.case), pdfs }, created: r.created }, null, 2));
    const c = r.case;
    out(`${c.caseId}${r.created ? '' : ' (recorded before)'}: ${c.outcome} (${OUTCOME_LABEL_ZH[c.outcome]}), ${c.status}${c.status === 'under-review' ? ' — waits for a reviewer: intake review sign-off ' + c.caseId : pdfs.at(-1) ? `; notice ${pdfs.at(-1)!.path}` : ''}`);
    for (const f of c.findings) out(`  ${f.ruleId}  ${f.outcome}  ${f.message}`);
  }, { worker: false });
}

async function cmdComplaints(positionals: string[], v: { received?: string; channel?: string; summary?: string; reporter?: string; 'reporter-contact'?: string; verified?: boolean; severe?: boolean; reason?: string; json: boolean }) {
  const [sub, target, ...more] = positionals;
  if ((sub !== 'add' && sub !== 'verify') || !target || more.length) throw new UsageError('complaints add <jurisdiction>/<institution>[/<班级编号>] …, or complaints verify <caseId> --reason <text>');
  await withStack(async (info) => {
    const deps = reviewDeps(partsOf(info));
    let c: CaseRecord;
    if (sub === 'verify') {
      if (!v.reason) throw new UsageError('complaints verify needs --reason: what the check found');
      const who = cliReviewer();
      c = await readCaseOrFail(deps.cases, target);
      if (c.submissionType !== 'complaint') throw new UsageError(`${target} is not a complaint`);
      const doc = c.documents.findIndex((d) => d.type === 'complaint-record');
      for (const [field, on] of [['verified', true], ['severeImpact', v.severe === true]] as const) {
        if (c.documents[doc]!.fields[field]?.value !== on) c = await correctField(deps, who, target, { revision: c.revision ?? 1, document: doc, field, value: on, reason: v.reason });
      }
    } else {
      const [jurisdiction, institution, ...code] = target.split('/');
      if (!parseJurisdiction(jurisdiction) || !institution) throw new UsageError(`name the institution as <jurisdiction>/<institution>[/<班级编号>] (got "${target}")`);
      c = (await recordComplaint(deps, cliBureau(), {
        jurisdiction, institution, ...(code.length ? { classCode: code.join('/') } : {}), receivedDate: v.received, channel: v.channel, summary: v.summary,
        ...(v.reporter ? { reporterName: v.reporter } : {}), ...(v['reporter-contact'] ? { reporterContact: v['reporter-contact'] } : {}),
        verified: v.verified === true, severeImpact: v.severe === true,
      })).case;
    }
    const pdfs = await savedPdfs(new S3ObjectStore(), c, false);
    if (v.json) return out(JSON.stringify({ case: { ...disclosedCase(c), pdfs } }, null, 2));
    out(`${c.caseId}: ${c.outcome} (${OUTCOME_LABEL_ZH[c.outcome]}), ${c.status}${c.status === 'under-review' ? ' — waits for a reviewer: intake review sign-off ' + c.caseId : ''}`);
    for (const f of c.findings) out(`  ${f.ruleId}  ${f.outcome}  ${f.message}`);
  }, { worker: false });
}

async function readCaseOrFail(cases: CaseStore, caseId: string): Promise<CaseRecord> {
  const c = await readCase(cases, caseId);
  if (!c) throw new UsageError(`no case ${caseId}`);
  return c;
}

async function cmdClass(target: string | undefined, v: { json: boolean; dossier?: boolean; output?: string }) {
  const [jurisdiction, institution, ...rest] = (target ?? '').split('/');
  const j = parseJurisdiction(jurisdiction || undefined);
  const code = rest.join('/');
  if (!j || !institution || !code) throw new UsageError(`name the class as <jurisdiction>/<institution>/<班级编号>, e.g. qidong/inst-001/QD2026-031 (got "${target ?? ''}")`);
  if (v.dossier && !v.output) throw new UsageError('--dossier needs -o <file.zip>');
  await withStack(async (info) => {
    if (v.dossier) {
      const d = await classDossier(localCaseStore(info.table, info.dataDir), new S3ObjectStore(), { jurisdiction: j, institution, classCode: code }, chinaDate(new Date()));
      mkdirSync(path.dirname(path.resolve(v.output!)), { recursive: true });
      writeFileSync(v.output!, d.zip);
      if (v.json) return out(JSON.stringify({ file: v.output, entries: d.files, missing: d.file.archive.missing }, null, 2));
      return out(`${v.output}: ${d.files.length} file(s) of class ${code}${d.file.archive.missing.length ? `; missing from its archive: ${d.file.archive.missing.join('、')}` : ''}`);
    }
    const file = await classFile(localCaseStore(info.table, info.dataDir), j, institution, code);
    if (v.json) return out(JSON.stringify(file, null, 2));
    out(`class ${file.jurisdiction}/${file.institution}/${file.classCode}${file.className ? ` ${file.className}` : ''}: ${file.status}`);
    out('cases:');
    for (const c of file.cases) out(`  ${c.date}  ${c.caseId}  ${c.submissionType.padEnd(22)} ${c.outcome}${c.backFiled ? ' (back-filed)' : ''}${c.findings.length ? `  [${c.findings.join(', ')}]` : ''}`);
    out(`trainees (${file.trainees.length}):`);
    for (const t of file.trainees) {
      const rate = t.attendanceRate === null ? '—' : `${Math.round(t.attendanceRate * 100)}%`;
      const paid = t.subsidised === null ? 'no claim yet' : t.subsidised ? 'subsidised' : `not subsidised: ${t.why}`;
      out(`  ${String(t.seq ?? '').padStart(3)} ${(t.name ?? '?').padEnd(6)} ${t.idNumber ?? ''}  ${t.approved ? 'approved' : 'NOT on the approved roster'}  attendance ${rate}  ${paid}`);
    }
    if (!file.archive.source) out('archive: the city\'s seed lists no archive items');
    else out(`archive (${file.archive.source.file} ${file.archive.source.section}): ${file.archive.missing.length ? `missing ${file.archive.missing.join('、')}` : 'every listed item is in'}`);
  }, { worker: false });
}

/** The lines of USAGE about one command (its synopsis and what follows it up to the next command). */
export function usageOf(command: string): string | null {
  const lines = USAGE.split('\n');
  const picked: string[] = [];
  let on = false;
  for (const l of lines) {
    if (/^  intake \S/.test(l)) on = l.startsWith(`  intake ${command} `) || l === `  intake ${command}`;
    else if (!/^ {6,}/.test(l)) on = false;
    if (on) picked.push(l);
  }
  if (picked.length === 0) return null;
  const extra = command === 'submit' ? `\n${SUBMIT_EXIT_TEXT}` : '';
  return `${picked.join('\n')}${extra}\n\n  jurisdictions: ${JURISDICTIONS.join(', ')}\n  submission types: ${UPLOADABLE_TYPES.join(', ')}`;
}

const SUBMIT_EXIT_TEXT = `  exit status: 0 accepted (notice issued), 3 supplement required, 4 rejected, 5 warning,
               6 held for a reviewer (no notice yet), 1 the packet could not be processed, 64 usage`;

export async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  let parsed;
  try {
    parsed = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      jurisdiction: { type: 'string' },
      type: { type: 'string' },
      institution: { type: 'string' },
      role: { type: 'string' },
      output: { type: 'string', short: 'o' },
      password: { type: 'string' },
      reason: { type: 'string' },
      since: { type: 'string' },
      days: { type: 'string' },
      format: { type: 'string' },
      'offsite-venue': { type: 'boolean' },
      class: { type: 'string' },
      received: { type: 'string' },
      dossier: { type: 'boolean' },
      outcome: { type: 'string' },
      note: { type: 'string' },
      replace: { type: 'boolean' },
      unmasked: { type: 'boolean' },
      'user-pool': { type: 'string' },
      date: { type: 'string' },
      inspector: { type: 'string', multiple: true },
      found: { type: 'string', multiple: true },
      photo: { type: 'string', multiple: true },
      present: { type: 'string' },
      enrolled: { type: 'string' },
      'class-name': { type: 'string' },
      channel: { type: 'string' },
      summary: { type: 'string' },
      reporter: { type: 'string' },
      'reporter-contact': { type: 'string' },
      verified: { type: 'boolean' },
      severe: { type: 'boolean' },
      email: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  } catch (e) {
    // node:util's parse errors (an unknown option, a missing value) are the user's, not the program's.
    throw new UsageError((e as Error).message.split('\n')[0]!.replace(/\. To specify a positional argument.*$/, ''), command);
  }
  const { values, positionals } = parsed;
  currentCommand = command;
  if (!command || command === 'help' || command === '--help' || command === '-h') return out(command === 'help' && positionals[0] ? usageOf(positionals[0]) ?? USAGE : `${USAGE}\n\n${SUBMIT_EXIT_TEXT.replace('exit status:', 'submit exit status:')}`);
  if (values.help) return out(usageOf(command) ?? USAGE);
  switch (command) {
    case 'start':
      return cmdStart();
    case 'env':
      return cmdEnv(values.json!);
    case 'cases':
      return cmdCases(values.jurisdiction, values.json!);
    case 'extract':
      if (positionals.length !== 1) throw new UsageError('extract takes one file');
      return cmdExtract(positionals[0]!, values.json!);
    case 'submit':
      return cmdSubmit(positionals, {
        jurisdiction: values.jurisdiction, type: values.type, institution: values.institution, klass: values.class, received: values.received, offsiteVenue: values['offsite-venue'], json: values.json!,
        unmasked: values.unmasked, reason: values.reason,
      });
    case 'rules':
      return cmdRules(values.jurisdiction, values.json!);
    case 'verify':
      if (positionals.length !== 1) throw new UsageError('verify takes one PDF');
      return cmdVerify(positionals[0]!);
    case 'redrive':
      return cmdRedrive();
    case 'forms':
      return cmdForms(positionals, values.output);
    case 'users':
      return cmdUsers(positionals, values);
    case 'ledger':
      return cmdLedger({ jurisdiction: values.jurisdiction, format: values.format, output: values.output });
    case 'publicity':
      return cmdPublicity({ jurisdiction: values.jurisdiction, since: values.since, days: values.days, output: values.output, json: values.json! });
    case 'class':
      if (positionals.length !== 1) throw new UsageError('class takes <jurisdiction>/<institution>/<班级编号>');
      return cmdClass(positionals[0], { json: values.json!, dossier: values.dossier, output: values.output });
    case 'review':
      return cmdReview(positionals, { jurisdiction: values.jurisdiction, outcome: values.outcome, reason: values.reason, note: values.note, json: values.json! });
    case 'complaints':
      return cmdComplaints(positionals, { ...values, json: values.json! });
    case 'inspections':
      return cmdInspections(positionals, { ...values, json: values.json! });
    case 'institutions':
      return cmdInstitutions(positionals, { jurisdiction: values.jurisdiction, reason: values.reason, json: values.json! });
    default:
      throw new UsageError(`unknown command "${command}"`, null);
  }
}

main(process.argv.slice(2)).catch((e: Error) => {
  const known = e instanceof UsageError || e instanceof Refusal || e instanceof UnreadableFileError || e instanceof RegistryFileError || e instanceof UnknownClassError || e instanceof RulePackError || e.name === 'ZodError' || e.name === 'MissingJavaError' || /port \d+ .* in use|no embedded stack|no running|could not be processed|no case after/.test(e.message);
  const help = e instanceof UsageError ? ` (see \`intake ${e.command === null || !(e.command ?? currentCommand) ? '' : `${e.command ?? currentCommand} `}--help\`)` : '';
  // A trace is for whoever debugs the tool, not for its user: INTAKE_DEBUG=1 shows it.
  const trace = process.env.INTAKE_DEBUG ? `\n${e.stack ?? ''}` : known ? '' : ' (INTAKE_DEBUG=1 shows where)';
  process.stderr.write(`intake: ${e.message.split('\n')[0]}${help}${trace}\n`);
  if (e instanceof RegistryFileError) for (const p of e.problems) process.stderr.write(`  line ${p.line}: ${p.message}\n`);
  process.exit(e instanceof UsageError ? SUBMIT_EXIT.usage : SUBMIT_EXIT.failed);
});
