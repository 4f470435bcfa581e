// npm run bench:profile — where a scanned page's time and memory go (issue 23, item 1), on a packet of this
// repo's generator made to look scanned: decoding (pdf.js and sharp, in the decoding thread), the OCR
// models' loading, text detection, line recognition (and its re-reads), and everything else of extraction
// (orientation, layout and tables, fields, tick boxes, signatures). Writes bench/PROFILE.md.
// Usage: npm run bench:profile -- [--pages 5] [--seed 2301]
import { availableParallelism, cpus } from 'node:os';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { extractPacket } from '../lib/extract/index.ts';
import { normaliseIsolated } from '../lib/extract/isolate.ts';
import type { OcrEngine } from '../lib/extract/ocr/port.ts';
import { PaddleOcr, paddleTimings } from '../lib/extract/ocr/paddle.ts';
import { classOpeningTruth, scannedPacketPdf, type PacketItem } from '../test/corpus/generate.ts';

const { values } = parseArgs({ options: { pages: { type: 'string', default: '5' }, seed: { type: 'string', default: '2301' }, out: { type: 'string', default: 'bench/PROFILE.md' } } });
const ITEMS: PacketItem[] = ['application', 'schedule', 'roster', 'teachers', 'certificates', 'contract', 'commitment', 'id-copies', 'eligibility'];
const items = ITEMS.slice(0, Math.max(1, Math.min(ITEMS.length, Number(values.pages))));

/** Peak resident memory while `work` runs, sampled every 50 ms. */
async function peakRss<T>(work: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  try {
    const result = await work();
    return { result, peakMb: Math.round(Math.max(peak, process.memoryUsage().rss) / 1048576) };
  } finally {
    clearInterval(timer);
  }
}

const t = classOpeningTruth(Number(values.seed), new Date('2026-06-01T00:00:00Z'));
const { pdf } = await scannedPacketPdf(t, items, Number(values.seed));
const paddle = new PaddleOcr();
const calls = { pages: 0, pageMs: 0, cells: 0, cellMs: 0 };
// The engine as the pipeline sees it, timed: whole pages, and the cells read again alone.
const engine: OcrEngine = {
  name: paddle.name,
  async recognise(img) {
    const t0 = performance.now();
    try { return await paddle.recognise(img); } finally { calls.pages++; calls.pageMs += performance.now() - t0; }
  },
  async readLine(img) {
    const t0 = performance.now();
    try { return await paddle.readLine(img); } finally { calls.cells++; calls.cellMs += performance.now() - t0; }
  },
};

const baseline = Math.round(process.memoryUsage().rss / 1048576);
// Decoding timed alone, warm (the thread started and pdf.js loaded by a first run), as the pipeline meets it
// from its second file on; the first run's extra is the thread's start.
const coldStart = performance.now();
await normaliseIsolated(pdf, 'packet.pdf');
const coldMs = performance.now() - coldStart;
const decodeStart = performance.now();
const decoded = await normaliseIsolated(pdf, 'packet.pdf');
const decodeMs = performance.now() - decodeStart;
const start = performance.now();
const { result: extraction, peakMb } = await peakRss(() => extractPacket([{ name: 'packet.pdf', bytes: pdf }], { ocr: engine, received: '2026-06-01' }));
const totalMs = performance.now() - start;
const ocr = paddleTimings();
const pages = extraction.pageCount;
const s = (ms: number) => (ms / 1000).toFixed(2);
const perPage = (ms: number) => (ms / 1000 / pages).toFixed(2);
const share = (ms: number) => `${Math.round((ms / totalMs) * 100)} %`;
// Decoding runs again inside extractPacket (the pipeline decodes each file once); its time is measured alone above.
const rest = totalMs - decodeMs - ocr.loadMs - ocr.detectionMs - ocr.recognitionMs;
const rows: [string, number][] = [
  ['decoding (pdf.js, sharp; decoding thread, warm)', decodeMs],
  ['OCR models loaded (once per process)', ocr.loadMs],
  ['text detection (DB model, line crops)', ocr.detectionMs],
  [`line recognition (CRNN model, CTC decoding; ${ocr.lines} lines, ${ocr.rereads} re-read with a margin, ${calls.cells} cells read alone)`, ocr.recognitionMs],
  ['the rest: orientation, layout and tables, fields, tick boxes, signatures', rest],
];
const largest = rows.reduce((a, b) => (b[1] > a[1] ? b : a));
const md = [
  '# Where a scanned page\'s time goes (`npm run bench:profile`)',
  '',
  `Machine: ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? 'unknown'}), Node ${process.version}, ${new Date().toISOString().slice(0, 16)}Z.`,
  `One packet of the repo's generator made to look scanned (${items.join(', ')}): ${pages} pages, read by \`extractPacket\``,
  'in one process with PaddleOCR PP-OCRv4 on onnxruntime (the product\'s reading). Timers inside the OCR engine',
  '(lib/extract/ocr/paddle.ts `paddleTimings`) split detection from recognition; decoding is timed alone beforehand.',
  '',
  `Whole extraction: **${s(totalMs)} s, ${perPage(totalMs)} s a page**; peak resident memory ${peakMb} MB (process at start ${baseline} MB);`,
  `${decoded.length} pages decoded (the decoding thread's first run, its start and pdf.js's loading included, took ${s(coldMs)} s);`,
  `OCR called on ${calls.pages} page images (${s(calls.pageMs)} s) and ${calls.cells} cell crops (${s(calls.cellMs)} s).`,
  '',
  '| stage | seconds | a page | share |',
  '|---|---|---|---|',
  ...rows.map(([name, ms]) => `| ${name} | ${s(ms)} | ${perPage(ms)} | ${share(ms)} |`),
  '',
  `What it points at (issue 23, item 2): the largest share is ${largest[0]} (${share(largest[1])}).`,
  'Detection reads each page at its own size (up to 1,800 px a side here); PaddleOCR\'s own default limits the',
  'detector\'s input to 960 px, which would cut its pixels by about 3.5 times — to be measured against',
  '`npm run bench:extract` before it is taken. Recognition runs the model once per line; lines of similar width',
  'batched into one run is the next place to look.',
  '',
].join('\n');
writeFileSync(values.out!, md);
process.stdout.write(md);
process.exit(0);
