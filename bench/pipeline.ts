// npm run bench — seconds per page and peak memory of the pipeline's stages on the sample packets
// (scanned, 150 dpi A4, JPEG in PDF). Writes bench/RESULTS.md; speed goals live here, not in tests.
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { extractPacket } from '../lib/extract/index.ts';
import { PaddleOcr } from '../lib/extract/ocr/paddle.ts';
import { decide } from '../lib/cases/decide.ts';
import { renderNotice, noticeKindFor } from '../lib/render/notice.ts';
import { evaluate } from '../lib/rules/evaluate.ts';
import { resolvePack } from '../lib/rules/pack.ts';
import { INTAKE_FUNCTION_MEMORY_MB } from '../lib/config.ts';

// Public list prices, us-east-1, checked 2026-12-07: Lambda x86_64 per GB-second and per request;
// Textract AnalyzeDocument with tables and forms per page (the first million pages a month).
const LAMBDA_GB_SECOND_USD = 0.0000166667;
const LAMBDA_REQUEST_USD = 0.2 / 1_000_000;
const TEXTRACT_TABLES_FORMS_PER_1000_USD = 65;

const SAMPLES = ['local/samples/shaoxing-class-opening-complete.pdf', 'local/samples/shaoxing-class-opening-missing-contract-commitment.pdf'];
const rounds = Number(process.env.BENCH_ROUNDS ?? 1);
const ocr = new PaddleOcr();
const pack = resolvePack('shaoxing');

// Warm-up: model load is once per process (a Lambda cold start), reported apart.
const t0 = performance.now();
await ocr.recognise(await tinyPage());
const coldStartMs = performance.now() - t0;

async function tinyPage(): Promise<Buffer> {
  const sharp = (await import('sharp')).default;
  return sharp({ create: { width: 64, height: 32, channels: 3, background: '#ffffff' } }).png().toBuffer();
}

interface Row { file: string; pages: number; extractMs: number; validateMs: number; renderMs: number; outcome: string }
const rows: Row[] = [];
for (let r = 0; r < rounds; r++) {
  for (const file of SAMPLES) {
    const bytes = readFileSync(file);
    const a = performance.now();
    const x = await extractPacket([{ name: file, bytes }], { ocr });
    const b = performance.now();
    const { findings } = evaluate(pack, { jurisdiction: 'shaoxing', submissionType: 'class-opening', extraction: x, facts: {} });
    const outcome = decide(findings);
    const c = performance.now();
    await renderNotice({ kind: noticeKindFor(outcome), issuer: pack.issuer, caseNumber: 'SX-2026-BENCH00000', institutionName: '基准测试培训学校', subject: '开班申请', findings, date: '2026-11-22' });
    const d = performance.now();
    rows.push({ file, pages: x.pageCount, extractMs: b - a, validateMs: c - b, renderMs: d - c, outcome });
  }
}

const pages = rows.reduce((s, r) => s + r.pages, 0);
const extractS = rows.reduce((s, r) => s + r.extractMs, 0) / 1000;
const peakMb = process.resourceUsage().maxRSS / 1024;
const cpu = cpus()[0]?.model ?? 'unknown CPU';
const averagePages = pages / rows.length;
const lambdaPer1000 = (extractS / pages) * 1000 * (INTAKE_FUNCTION_MEMORY_MB / 1024) * LAMBDA_GB_SECOND_USD + (LAMBDA_REQUEST_USD * 1000) / averagePages;
const lines = [
  '# Pipeline benchmark (`npm run bench`)',
  '',
  `Machine: ${availableParallelism()} cores (${cpu}), Node ${process.version}. OCR: PaddleOCR PP-OCRv4 (det + rec) on onnxruntime-node, CPU.`,
  `Input: the sample packets in local/samples (scanned A4 pages, JPEG in PDF, rendered at 150 dpi). Rounds: ${rounds}.`,
  '',
  '| packet | pages | extract (s) | s/page | validate (ms) | notice (ms) | outcome |',
  '|---|---:|---:|---:|---:|---:|---|',
  ...rows.map((r) => `| ${r.file.split('/').pop()} | ${r.pages} | ${(r.extractMs / 1000).toFixed(1)} | ${(r.extractMs / 1000 / r.pages).toFixed(2)} | ${r.validateMs.toFixed(1)} | ${r.renderMs.toFixed(0)} | ${r.outcome} |`),
  '',
  `- **seconds per page (normalise + OCR + classify + fields): ${(extractS / pages).toFixed(2)}**`,
  `- OCR model load (cold start, once per process): ${(coldStartMs / 1000).toFixed(2)} s`,
  `- **peak memory (max RSS of the process): ${peakMb.toFixed(0)} MB**`,
  `- pages per minute on this machine: ${((pages / extractS) * 60).toFixed(1)}`,
  '',
  '## What a thousand pages cost on AWS',
  '',
  `- Lambda at ${INTAKE_FUNCTION_MEMORY_MB} MB (x86_64, about 2 vCPU, like this machine), at this run's seconds per page: ` +
    `**$${lambdaPer1000.toFixed(2)} per 1,000 pages** (${(extractS / pages).toFixed(2)} s × ${(INTAKE_FUNCTION_MEMORY_MB / 1024).toFixed(2)} GB × $${LAMBDA_GB_SECOND_USD} per GB-s × 1,000, ` +
    `plus $${(LAMBDA_REQUEST_USD * 1000 / averagePages).toFixed(5)} in requests for packets of ${averagePages.toFixed(0)} pages)`,
  `- Textract AnalyzeDocument with tables and forms: **$${TEXTRACT_TABLES_FORMS_PER_1000_USD.toFixed(2)} per 1,000 pages** — ${(TEXTRACT_TABLES_FORMS_PER_1000_USD / lambdaPer1000).toFixed(0)} times as much, and not built for Chinese forms`,
  '- S3, SQS, DynamoDB and the notices add cents per thousand pages; the model load is paid once per container.',
  '',
];
writeFileSync('bench/RESULTS.md', lines.join('\n'));
process.stdout.write(lines.join('\n'));
