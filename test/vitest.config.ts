// The test tiers, as vitest projects run apart (`npm test` runs them all; `npx vitest run --config
// test/vitest.config.ts --project unit` one of them):
//   unit         pure functions and in-memory stores; no external program, in parallel
//   render       the PDFs we issue, as poppler and MuPDF draw them
//   ocr          the reading engine on real page images (one engine per worker process)
//   integration  the pipeline against DynamoDB Local and s3rver, and the CDK app
//   e2e          the CLI, crash drills, the compiled Lambda handlers
//   browser      the console in Chromium
// The quick tiers run first, in parallel; then the slow ones share the two cores, longest file first
// (test/sequencer.ts), so that neither worker idles while the other runs the fuzz.
import { defineConfig } from 'vitest/config';
import LongestFirst from './sequencer.ts';

const root = new URL('..', import.meta.url).pathname;
// OCR on real page images and the embedded stack (Java, s3rver) take seconds, not milliseconds.
const slow = { testTimeout: 180_000, hookTimeout: 180_000 };

export default defineConfig({
  test: {
    root,
    pool: 'forks',
    sequence: { sequencer: LongestFirst },
    projects: [
      { test: { name: 'unit', root, include: ['test/unit/**/*.test.ts'], maxWorkers: 2, sequence: { groupOrder: 0 }, ...slow } },
      { test: { name: 'render', root, include: ['test/render/**/*.test.ts'], maxWorkers: 2, sequence: { groupOrder: 0 }, ...slow } },
      { test: { name: 'ocr', root, include: ['test/ocr/**/*.test.ts'], maxWorkers: 2, sequence: { groupOrder: 1 }, ...slow } },
      { test: { name: 'integration', root, include: ['test/integration/**/*.test.ts', 'test/infra/**/*.test.ts'], maxWorkers: 2, sequence: { groupOrder: 1 }, ...slow } },
      { test: { name: 'e2e', root, include: ['test/e2e/**/*.test.ts'], maxWorkers: 2, sequence: { groupOrder: 1 }, ...slow } },
      { test: { name: 'browser', root, include: ['test/browser/**/*.test.ts'], maxWorkers: 2, sequence: { groupOrder: 1 }, ...slow } },
    ],
  },
});
