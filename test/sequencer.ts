// The longest files first (then vitest's own order), so that two workers finish together rather than one
// starting the fuzz run when the other has nothing left. Seconds measured on two cores (clean-clone CI at 0de2470), 2026-12-07.
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const SECONDS: Record<string, number> = {
  'test/e2e/class-file.test.ts': 375,
  'test/e2e/cli.test.ts': 353,
  'test/e2e/crash.test.ts': 137,
  'test/integration/fuzz.test.ts': 136,
  'test/integration/exactly-once.test.ts': 100,
  'test/ocr/forms-tables.test.ts': 99,
  'test/integration/bad-input.test.ts': 84,
  'test/e2e/inspections.test.ts': 65,
  'test/browser/console.test.ts': 81,
  'test/ocr/orientation.test.ts': 53,
  'test/integration/stack.test.ts': 51,
  'test/ocr/layouts.test.ts': 43,
  'test/e2e/lambda-image.test.ts': 36,
  'test/integration/console-guard.test.ts': 33,
  'test/ocr/misread-pages.test.ts': 32,
  'test/ocr/handwriting.test.ts': 29,
  'test/integration/garbage-pdf.test.ts': 28,
  'test/ocr/forms.test.ts': 27,
  'test/ocr/tick-boxes.test.ts': 24,
};

const weight = (f: TestSpecification) => Object.entries(SECONDS).find(([p]) => f.moduleId.endsWith(p))?.[1] ?? 0;

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const group = (f: TestSpecification) => f.project.config.sequence.groupOrder;
    const order = [...sorted].sort((a, b) => group(a) - group(b) || weight(b) - weight(a));
    if (process.env.INTAKE_TEST_ORDER) process.stderr.write(`test order: ${order.map((f) => f.moduleId.split('/test/')[1]).join(', ')}\n`);
    return order;
  }
}
