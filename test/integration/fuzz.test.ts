// A fuzz run with a fixed seed: 300 mutations (FUZZ_FILES) of the sample packets (a page as a scanned PDF, as JPEG,
// PNG and TIFF, as a phone's A6 PDF, and a born-digital application), each uploaded and processed by the real
// pipeline (decoding thread, classification, rules, notice). Each must end in exactly one case with a
// notice, never an exception, a hang or a dead letter; a file that cannot be read must say so.
// The storage ports are in memory here (the embedded stack's are covered by bad-input and
// exactly-once), and the OCR engine reads nothing: this run is about hostile bytes, not recognition,
// which test/ocr covers on real pixels.
import { readFileSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { LOCAL_NAMES } from '../../lib/config.ts';
import type { OcrEngine } from '../../lib/extract/ocr/port.ts';
import { processUpload, type PipelineDeps } from '../../lib/cases/intake/index.ts';
import { bornDigitalApplication } from '../corpus/born-digital.ts';
import { mutate } from '../corpus/hostile.ts';
import { MemoryCaseStore, MemoryObjectStore } from '../memory-stores.ts';

// 300 in the ordinary run (every mutation kind many times over); FUZZ_FILES=5000 for a long one.
const FILES = Number(process.env.FUZZ_FILES) || 300;
const SEED = 20261122;
const PER_FILE_MS = 30_000;

const readsNothing: OcrEngine = { name: 'reads-nothing', recognise: async () => [] };

async function seeds(): Promise<{ name: string; bytes: Uint8Array }[]> {
  const out: { name: string; bytes: Uint8Array }[] = [];
  const src = await PDFDocument.load(readFileSync(new URL('../../local/samples/shaoxing-class-opening-complete.pdf', import.meta.url)));
  const one = await PDFDocument.create();
  const [p] = await one.copyPages(src, [1]);
  one.addPage(p!);
  out.push({ name: 'scanned-page.pdf', bytes: await one.save() });
  // The page as a phone or scanner would send it: the image formats at a reduced size (decoding is what is fuzzed).
  const { normalise } = await import('../../lib/extract/normalise.ts');
  const [page] = await normalise(out[0]!.bytes, 'seed');
  const small = sharp(page!.image!).resize({ width: 700 });
  out.push({ name: 'page.jpg', bytes: await small.clone().jpeg({ quality: 70 }).toBuffer() });
  out.push({ name: 'page.png', bytes: await small.clone().greyscale().png().toBuffer() });
  out.push({ name: 'page.tif', bytes: await small.clone().greyscale().tiff({ compression: 'lzw' }).toBuffer() });
  // A phone's small PDF around one JPEG (A6), so that the PDF image path is fuzzed at a lower cost.
  const a6 = await PDFDocument.create();
  const jpg = await a6.embedJpg(out[1]!.bytes);
  a6.addPage([298, 420]).drawImage(jpg, { x: 0, y: 0, width: 298, height: 420 });
  out.push({ name: 'photo-a6.pdf', bytes: await a6.save() });
  out.push({
    name: 'application.pdf',
    bytes: await bornDigitalApplication({ institutionName: '绍兴市测试职业培训学校', className: '电工（四级）第1期', classCode: 'SX2026-001', startDate: '2027-06-01', traineeCount: 20 }),
  });
  return out;
}

describe('fuzz', () => {
  it(`${FILES} mutated files from the sample packets each end in exactly one case with a notice`, async () => {
    const base = await seeds();
    const objects = new MemoryObjectStore();
    const cases = new MemoryCaseStore();
    const deps: PipelineDeps = { objects, cases, ocr: readsNothing, clock: { now: () => new Date('2026-11-22T02:00:00Z') }, names: LOCAL_NAMES };
    const slow: string[] = [];
    const unreadable = { files: 0, answered: 0 };
    let issuedPdfs = 0;
    let peakRss = 0;
    const perSeed: Record<string, number> = {};
    for (let i = 0; i < FILES; i++) {
      const seed = base[i % base.length]!;
      const { bytes, how } = mutate(seed.bytes, SEED + i);
      const key = `incoming/shaoxing/fuzz/m${i}/${seed.name}`;
      await objects.put(LOCAL_NAMES.intakeBucket, key, bytes, 'application/octet-stream', { 'submission-type': 'class-opening' });
      const t0 = Date.now();
      const r = await processUpload({ bucket: LOCAL_NAMES.intakeBucket, key }, deps).catch((e: Error) => {
        throw new Error(`${seed.name} with ${how} (mutation ${i}) threw: ${e.message}`);
      });
      const ms = Date.now() - t0;
      perSeed[seed.name] = (perSeed[seed.name] ?? 0) + ms;
      if (ms > PER_FILE_MS) slow.push(`${seed.name} ${how}: ${ms} ms`);
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      expect(r.status, `${seed.name} ${how}`).toBe('created');
      if (r.status !== 'created') continue;
      // The notice; and the stamped packet when the file could be read.
      expect(r.case.pdfs.filter((p) => p.kind !== 'received')).toHaveLength(1);
      issuedPdfs += r.case.pdfs.length;
      const readable = r.case.findings.find((f) => f.ruleId === 'INTAKE-READABLE');
      if (r.case.pageCount === 0) {
        unreadable.files++;
        // Nothing decoded: the finding names the file and the notice asks for a rescan.
        if (readable?.message.includes(seed.name)) unreadable.answered++;
      }
    }
    expect(cases.cases.size).toBe(FILES);
    expect(await objects.list(LOCAL_NAMES.responsesBucket, 'responses/')).toHaveLength(issuedPdfs);
    expect(unreadable.answered).toBe(unreadable.files);
    expect(unreadable.files).toBeGreaterThan(FILES / 10); // the mutations really broke files
    expect(slow).toEqual([]);
    console.log(Object.entries(perSeed).map(([k, v]) => `${k} ${Math.round(v / (FILES / base.length))} ms`).join(", "));
    console.log(`fuzz: ${FILES} files, ${unreadable.files} unreadable and answered, peak RSS ${Math.round(peakRss / 1048576)} MB`);
  }, 30 * 60_000);
});
