// The embedded stack behind `npm start`: DynamoDB Local, s3rver, the S3→queue→handler wiring CDK deploys,
// and the console. Everything reaches S3 and DynamoDB through the ordinary SDK clients via AWS_ENDPOINT_URL_*.
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { INCOMING_PREFIX, LOCAL_NAMES, UPLOAD_KEY_PATTERN, type StackNames } from '../lib/config.ts';
import { documentClient, DynamoCaseStore } from '../lib/aws/dynamodb.ts';
import { FieldSealer } from '../lib/identity/sealed-fields.ts';
import { S3ObjectStore } from '../lib/aws/s3.ts';
import type { OcrEngine } from '../lib/extract/ocr/port.ts';
import { PaddleOcr } from '../lib/extract/ocr/paddle.ts';
import type { PipelineDeps } from '../lib/cases/intake/index.ts';
import { apiDeps, pipelineDeps, type Parts } from '../lib/wiring/services.ts';
import { systemClock, type Clock } from '../lib/cases/ports.ts';
import { handleSqsEvent } from '../functions/intake.ts';
import { answerOverduePackets, PACKET_WAIT_HOURS } from '../lib/cases/intake/overdue.ts';

/** How often the embedded stack looks for packets whose wait is over (AWS: every 15 minutes). */
const OVERDUE_SWEEP_MS = Number(process.env.INTAKE_OVERDUE_SWEEP_MS) || 5 * 60_000;
import { ensureTable, startDynamoDbLocal } from './dynamodb-local.ts';
import { LocalQueue } from './queue.ts';
import { stackS3Credentials } from './s3-auth.ts';
import { objectCreatedRecord, startLocalS3, type S3EventRecord } from './s3-local.ts';
import { decodeEventKey } from '../lib/cases/upload-key.ts';
import { startConsole } from './server.ts';
import { HmacPersonKeyer } from '../lib/identity/person-key.ts';
import { randomBytes } from 'node:crypto';
import { ensureUsers, loadUsers, localUserDirectory, memoryUserDirectory } from './users.ts';
import { LocalEventLog } from './events.ts';
import { localSigners } from './signing-keys.ts';
import type { LocalUser } from '../lib/cases/access.ts';

export interface StackInfo {
  s3Endpoint: string;
  dynamodbEndpoint: string;
  intakeBucket: string;
  responsesBucket: string;
  table: string;
  consoleUrl: string;
  uploadPrefix: string;
  pid: number;
  /** DynamoDB Local's Java process. */
  dynamodbPid?: number;
  dataDir: string;
}

export function localDir(): string {
  return path.resolve(process.env.INTAKE_LOCAL_DIR ?? '.local');
}

function port(name: string, fallback: number): number {
  const v = process.env[name];
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name}=${v} is not a port number`);
  return n;
}

/** Point the SDK clients of this process at the local stack. */
export function useLocalEndpoints(info: Pick<StackInfo, 's3Endpoint' | 'dynamodbEndpoint' | 'dataDir'>): void {
  process.env.AWS_ENDPOINT_URL_S3 = info.s3Endpoint;
  process.env.AWS_ENDPOINT_URL_DYNAMODB = info.dynamodbEndpoint;
  process.env.AWS_REGION ??= 'us-east-1';
  // The stack's own key pair, which its S3 checks every signature against (DynamoDB Local with -sharedDb takes any).
  const creds = stackS3Credentials(info.dataDir);
  process.env.AWS_ACCESS_KEY_ID = creds.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = creds.secretAccessKey;
  // Streamed uploads are silently corrupted on s3rver with request checksums.
  process.env.AWS_REQUEST_CHECKSUM_CALCULATION = 'WHEN_REQUIRED';
  process.env.AWS_RESPONSE_CHECKSUM_VALIDATION = 'WHEN_REQUIRED';
}

export function stackFile(dir = localDir()): string {
  return path.join(dir, 'stack.json');
}

/** The running `npm start` stack, if there is one (its pid alive). */
export function runningStack(dir = localDir()): StackInfo | null {
  const f = stackFile(dir);
  if (!existsSync(f)) return null;
  try {
    const info = JSON.parse(readFileSync(f, 'utf8')) as StackInfo;
    process.kill(info.pid, 0);
    return info;
  } catch {
    return null;
  }
}

function alive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The pid may have been reused since; only a DynamoDB Local is ours to end. */
function isDynamoDbLocal(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('DynamoDBLocal');
  } catch {
    return false; // no /proc (not Linux): leave it, the port check will explain
  }
}

/**
 * A stack killed outright (SIGKILL, power cut) leaves its stack.json and its DynamoDB Local behind; the Java
 * process would hold the port and the next start would fail. End it, so that a restart simply works.
 */
/** Which process owns the stack in a data directory, and its DynamoDB Local: written as soon as that starts. */
const ownerFile = (dir: string) => path.join(dir, 'owner.json');

async function clearAbandonedStack(dir: string): Promise<void> {
  for (const f of [ownerFile(dir), stackFile(dir)]) await clearAbandoned(f);
}

async function clearAbandoned(f: string): Promise<void> {
  if (!existsSync(f)) return;
  let info: Partial<StackInfo>;
  try {
    info = JSON.parse(readFileSync(f, 'utf8')) as Partial<StackInfo>;
  } catch {
    rmSync(f, { force: true });
    return;
  }
  if (alive(info.pid)) return; // a live stack: the port checks below will say so
  if (alive(info.dynamodbPid) && isDynamoDbLocal(info.dynamodbPid!)) {
    process.kill(info.dynamodbPid!, 'SIGKILL');
    for (let i = 0; i < 50 && alive(info.dynamodbPid); i++) await new Promise((r) => setTimeout(r, 100));
  }
  rmSync(f, { force: true });
}

/** Fail early, with the variable to change, when a port is taken (s3rver would only emit an unhandled error). */
async function assertPortFree(p: number, envName: string): Promise<void> {
  if (p === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (e: NodeJS.ErrnoException) =>
      reject(new Error(e.code === 'EADDRINUSE' ? `port ${p} is in use (is another intake stack running?); set ${envName} to a free port` : `port ${p}: ${e.message}`)),
    );
    probe.listen(p, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

export interface StartOptions {
  dir?: string;
  ports?: { s3?: number; dynamodb?: number; console?: number };
  ocr?: OcrEngine;
  clock?: Clock;
  names?: StackNames;
  /** Run the upload worker (false: only storage, for tests of the wiring). */
  worker?: boolean;
  /** Advertise this stack in .local/stack.json for other CLI processes. */
  advertise?: boolean;
  log?: (msg: string, data?: Record<string, unknown>) => void;
  queue?: { maxReceiveCount?: number; backoffMs?: number; concurrency?: number };
  /** Stage marks of the pipeline (see PipelineDeps.trace). */
  trace?: PipelineDeps['trace'];
  /** The console's users; by default .local/users.json (made with one bureau user on first start). */
  users?: LocalUser[];
  /** Where each decided case is also POSTed (default INTAKE_WEBHOOK_URL); always written to .local/events.jsonl. */
  webhook?: string;
  /** Sees every object-created record the local S3 emits (tests check their shape). */
  onUploadEvent?: (record: S3EventRecord) => void;
}

export interface EmbeddedStack {
  info: StackInfo;
  /** The first bureau user's password, when this start made it (shown once). */
  firstPassword?: string;
  queue: LocalQueue;
  deps: PipelineDeps;
  stop(): Promise<void>;
}

/**
 * S3 delivers an event for every object it has stored; s3rver only from memory, so one stored just before
 * a crash could lose its event. At start, every upload with neither a case nor a queued or dead-lettered
 * event gets one (the pipeline is idempotent, so one too many costs nothing).
 */
async function enqueueUnanswered(queue: LocalQueue, objects: S3ObjectStore, cases: DynamoCaseStore, bucket: string, log: (msg: string, data?: Record<string, unknown>) => void) {
  const queued = new Set<string>();
  for (const m of [...queue.pending(), ...queue.deadLetters()]) {
    try {
      for (const r of (JSON.parse(m.body) as { Records?: { s3?: { object?: { key?: string } } }[] }).Records ?? []) {
        if (r.s3?.object?.key) queued.add(decodeEventKey(r.s3.object.key));
      }
    } catch {
      // not an S3 notification
    }
  }
  let sent = 0;
  for (const o of await objects.list(bucket, INCOMING_PREFIX)) {
    if (queued.has(o.key) || (await cases.caseForUpload({ bucket, key: o.key, etag: o.etag }))) continue;
    queue.send(JSON.stringify({ Records: [objectCreatedRecord(bucket, o.key, o.size, o.etag)] }));
    sent++;
  }
  if (sent > 0) log('uploads without a case or an event were queued again', { count: sent });
}

/**
 * Crash drills: with INTAKE_FAULT_KILL_AT=<stage> the stack kills itself (SIGKILL, no cleanup) when the
 * first upload reaches that stage, so that a test can show recovery from a crash at exactly that point.
 */
function faultInjection(trace: PipelineDeps['trace']): PipelineDeps['trace'] {
  const at = process.env.INTAKE_FAULT_KILL_AT;
  if (!at) return trace;
  return (stage, key) => {
    trace?.(stage, key);
    if (stage === at) process.kill(process.pid, 'SIGKILL');
  };
}

/** The embedded stack's secret for keyed hashes of ID numbers: made once, readable by its owner only. */
function idHashSecret(dir: string): Buffer {
  const file = path.join(dir, 'id-hash.key');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600 });
  const secret = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (secret.byteLength < 32) throw new Error(`${file} does not hold a 32-byte base64 secret; delete it to make a new one (person index entries made with the old one will no longer match)`);
  return secret;
}

/**
 * The embedded stack's field key (lib/identity/sealed-fields.ts), made once beside the hash secret and
 * as closely kept: trainees' ID numbers and phones are sealed with it in DynamoDB Local.
 */
function fieldKey(dir: string): Buffer {
  const file = path.join(dir, 'field.key');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600 });
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.byteLength !== 32) throw new Error(`${file} does not hold a 32-byte base64 key (the cases sealed with it cannot be opened without it)`);
  return key;
}

/** The embedded stack's case store: its table, ID numbers and phones sealed with its field key. */
export function localCaseStore(table: string, dir: string): DynamoCaseStore {
  const key = fieldKey(dir);
  return new DynamoCaseStore(table, documentClient(), new FieldSealer(async () => key));
}

/** The stack's parts, as the stack and the commands that use a running stack (intake review) wire them. */
export function localParts(o: { names: StackNames; dir: string; clock?: Clock | undefined; webhook?: string | undefined; log?: (msg: string, data?: Record<string, unknown>) => void }): Parts {
  const log = o.log ?? (() => {});
  return {
    names: o.names,
    objects: new S3ObjectStore(),
    cases: localCaseStore(o.names.table, o.dir),
    clock: o.clock ?? systemClock,
    personKeys: new HmacPersonKeyer(idHashSecret(o.dir)),
    events: new LocalEventLog(o.dir, o.webhook ?? process.env.INTAKE_WEBHOOK_URL, (m, extra) => log(m, extra)),
    signers: localSigners(o.dir),
    log,
  };
}

/** The parts of the stack a StackInfo names (the running one, or one a command started for itself). */
export function partsOf(info: StackInfo): Parts {
  return localParts({ names: { intakeBucket: info.intakeBucket, responsesBucket: info.responsesBucket, table: info.table }, dir: info.dataDir });
}

export async function startStack(opts: StartOptions = {}): Promise<EmbeddedStack> {
  const dir = opts.dir ?? localDir();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // The packets, the table, the keys and the users: the stack's user's alone, whatever each file's own mode.
  chmodSync(dir, 0o700);
  const names = opts.names ?? LOCAL_NAMES;
  const log = opts.log ?? (() => {});
  const ddbPort = opts.ports?.dynamodb ?? port('INTAKE_DYNAMODB_PORT', 8642);
  const s3Port = opts.ports?.s3 ?? port('INTAKE_S3_PORT', 4568);
  const consolePort = opts.ports?.console ?? port('INTAKE_CONSOLE_PORT', 8780);

  await clearAbandonedStack(dir);
  for (const [name, p] of [['INTAKE_DYNAMODB_PORT', ddbPort], ['INTAKE_S3_PORT', s3Port], ['INTAKE_CONSOLE_PORT', consolePort]] as const) {
    await assertPortFree(p, name);
  }
  const ddb = await startDynamoDbLocal({ port: ddbPort, directory: path.join(dir, 'ddb') });
  // Recorded at once: a stack killed while starting must not leave a DynamoDB Local nobody can find.
  writeFileSync(ownerFile(dir), JSON.stringify({ pid: process.pid, dynamodbPid: ddb.pid }));
  const queue = new LocalQueue({
    dir: path.join(dir, 'queue'),
    maxReceiveCount: opts.queue?.maxReceiveCount ?? 3,
    backoffMs: opts.queue?.backoffMs ?? 1000,
    concurrency: opts.queue?.concurrency ?? 1,
    onDeadLetter: (m) => log('message moved to the dead-letter store', { messageId: m.messageId, error: m.lastError }),
  });
  let s3;
  try {
    s3 = await startLocalS3({
      port: s3Port,
      directory: path.join(dir, 's3'),
      buckets: [names.intakeBucket, names.responsesBucket],
      credentials: stackS3Credentials(dir),
      // The S3 → SQS notification, filtered on the intake bucket as CDK filters it.
      onObjectCreated: (record) => {
        opts.onUploadEvent?.(record);
        if (record.s3.bucket.name === names.intakeBucket && record.s3.object.key.startsWith('incoming/')) {
          queue.send(JSON.stringify({ Records: [record] }));
        }
      },
    });
  } catch (e) {
    await ddb.stop();
    throw e;
  }
  useLocalEndpoints({ s3Endpoint: s3.endpoint, dynamodbEndpoint: ddb.endpoint, dataDir: dir });
  const ddbClient = new DynamoDBClient({});
  await ensureTable(ddbClient, names.table);
  ddbClient.destroy();

  const objects = new S3ObjectStore();
  const cases = localCaseStore(names.table, dir);
  const parts: Parts = { ...localParts({ names, dir, clock: opts.clock, webhook: opts.webhook, log }), objects, cases };
  const deps = pipelineDeps({
    ...parts,
    ocr: opts.ocr ?? new PaddleOcr(),
    trace: faultInjection(opts.trace),
  });
  if (opts.worker !== false) {
    await enqueueUnanswered(queue, objects, cases, names.intakeBucket, log);
    queue.start(async (messages) => {
      const r = await handleSqsEvent({ Records: messages.map((m) => ({ messageId: m.messageId, body: m.body })) }, deps);
      return r.errors.map((f) => ({ id: f.itemIdentifier, error: f.error }));
    });
  }
  // As the AWS schedule does: packets waiting too long for their last files are answered with what came.
  const overdue = opts.worker === false ? undefined : setInterval(() => {
    answerOverduePackets(deps, Number(process.env.INTAKE_PACKET_WAIT_HOURS) || PACKET_WAIT_HOURS).catch((e) => log('overdue packets not answered', { error: String(e) }));
  }, OVERDUE_SWEEP_MS);
  overdue?.unref();

  let consoleServer: Awaited<ReturnType<typeof startConsole>> | undefined;
  let firstPassword: string | undefined;
  try {
    if (!opts.users) firstPassword = (await ensureUsers(dir)).firstPassword;
    const users = opts.users ? () => opts.users! : () => loadUsers(dir);
    // The users are the bureau's to manage from the console (the users file, or the caller's fixed list).
    consoleServer = await startConsole({ port: consolePort, objectStoreOrigin: s3.endpoint, log, api: { ...apiDeps(parts), users: opts.users ? memoryUserDirectory(opts.users) : localUserDirectory(dir) }, users });
    // The console's pages, and no other site's, may call S3 from the browser (uploads, page images).
    const consoleOrigin = new URL(consoleServer.url).origin;
    await s3.allowOrigins([consoleOrigin, consoleOrigin.replace('127.0.0.1', 'localhost')]);
  } catch (e) {
    queue.stop();
    await s3.stop();
    await ddb.stop();
    throw e;
  }
  const info: StackInfo = {
    s3Endpoint: s3.endpoint,
    dynamodbEndpoint: ddb.endpoint,
    intakeBucket: names.intakeBucket,
    responsesBucket: names.responsesBucket,
    table: names.table,
    consoleUrl: consoleServer.url,
    uploadPrefix: UPLOAD_KEY_PATTERN,
    pid: process.pid,
    dynamodbPid: ddb.pid,
    dataDir: dir,
  };
  if (opts.advertise) writeFileSync(stackFile(dir), JSON.stringify(info, null, 2));
  return {
    info,
    queue,
    deps,
    firstPassword,
    async stop() {
      clearInterval(overdue);
      queue.stop();
      await consoleServer?.close();
      await s3.stop();
      await ddb.stop();
      rmSync(ownerFile(dir), { force: true });
      if (opts.advertise) rmSync(stackFile(dir), { force: true });
    },
  };
}
