// How long `intake institutions import` takes for a bureau's registry of 2,000 institutions (issue 18: under
// 10 s), run as the bureau runs it: the command against a running embedded stack, a CSV of 2,000 rows with
// real credit codes; then the same file again (nothing changes), and `institutions list` to count them.
// Writes bench/REGISTRY.md.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { creditCodeCheckCharacter } from '../lib/identity/credit-code.ts';
import { stablePort, waitFor } from '../test/helpers.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'local/bin.js');
const ROWS = Number(process.env.BENCH_REGISTRY_ROWS ?? 2000);

const dir = mkdtempSync(path.join(tmpdir(), 'intake-bench-registry-'));
const env = { ...process.env, INTAKE_LOCAL_DIR: dir, INTAKE_S3_PORT: String(await stablePort()), INTAKE_DYNAMODB_PORT: String(await stablePort()), INTAKE_CONSOLE_PORT: String(await stablePort()) };
const server = spawn(process.execPath, [BIN, 'start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
let log = '';
server.stdout!.on('data', (d) => (log += d));
server.stderr!.on('data', (d) => (log += d));
try {
  await waitFor('the stack', async () => (log.includes('Ctrl-C stops') ? true : null), 120_000);
  const lines = ['机构编号,机构名称,统一社会信用代码,协议起始日期,协议终止日期,状态'];
  const STATUS = ['正常', '正常', '正常', '正常', '暂停', '退出'];
  for (let i = 1; i <= ROWS; i++) {
    const stem = `52370300MJ${String(i).padStart(7, '0')}`;
    lines.push(`zb-${String(i).padStart(5, '0')},淄博市第${i}职业培训学校,${stem}${creditCodeCheckCharacter(stem)},2026-01-01,2026-12-31,${STATUS[i % STATUS.length]}`);
  }
  const file = path.join(dir, 'registry.csv');
  writeFileSync(file, lines.join('\r\n') + '\r\n');
  const run = (args: string[]) => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(`intake ${args.join(' ')}: ${r.stderr}`);
    return { seconds: (performance.now() - t0) / 1000, out: JSON.parse(r.stdout) };
  };
  const first = run(['institutions', 'import', file, '--jurisdiction', 'zibo', '--json']);
  const again = run(['institutions', 'import', file, '--jurisdiction', 'zibo', '--json']);
  const listed = run(['institutions', 'list', '--jurisdiction', 'zibo', '--json']);
  const report = `# Registry import (\`npx tsx bench/registry.ts\`)

Machine: ${cpus().length} cores, Node ${process.version}. ${new Date().toISOString().slice(0, 16)}Z. The whole command as a bureau runs it
(\`intake institutions import registry.csv --jurisdiction zibo\`, process start included) against a running embedded stack
(DynamoDB Local): ${ROWS} rows, every one checked before any is written. Goal (issue 18): under 10 s.

| run | seconds | created | changed | unchanged |
|---|---|---|---|---|
| first import | ${first.seconds.toFixed(1)} | ${first.out.created} | ${first.out.updated} | ${first.out.unchanged} |
| the same file again | ${again.seconds.toFixed(1)} | ${again.out.created} | ${again.out.updated} | ${again.out.unchanged} |
| \`institutions list\` | ${listed.seconds.toFixed(1)} | ${listed.out.institutions.length} listed | | |
`;
  writeFileSync(path.join(ROOT, 'bench/REGISTRY.md'), report);
  process.stdout.write(report);
  if (first.seconds > 10) process.exitCode = 1;
} finally {
  server.kill('SIGINT');
}
