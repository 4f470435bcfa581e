// Writes the sample packets the README and tests use (npm run samples). Deterministic per seed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { ALL_ITEMS, classOpeningTruth, scannedPacketPdf } from './generate.ts';

const out = process.argv[2] ?? 'local/samples';
// The samples' classes open in mid-2027 so that the demo meets the lead times for a while; run
// `npm run samples -- local/samples <YYYY-MM-DD>` to date them from another day.
const base = new Date(`${process.argv[3] ?? '2027-05-01'}T00:00:00Z`);
mkdirSync(out, { recursive: true });

const complete = classOpeningTruth(2024, base);
const a = await scannedPacketPdf(complete, ALL_ITEMS, 2024);
writeFileSync(`${out}/shaoxing-class-opening-complete.pdf`, a.pdf);

// Missing 附件1 items 5 (办班合同) and 6 (承诺书): a one-time supplement notice must list both.
const partial = classOpeningTruth(7, base);
const b = await scannedPacketPdf(partial, ALL_ITEMS.filter((i) => i !== 'contract' && i !== 'commitment'), 7);
writeFileSync(`${out}/shaoxing-class-opening-missing-contract-commitment.pdf`, b.pdf);

writeFileSync(
  'test/fixtures/samples-truth.json',
  JSON.stringify({ 'shaoxing-class-opening-complete.pdf': { truth: complete, pages: a.pageItems }, 'shaoxing-class-opening-missing-contract-commitment.pdf': { truth: partial, pages: b.pageItems } }, null, 2),
);
console.log(`wrote samples to ${out}`);
