// The longest files first (then vitest's own order), so that two workers finish together rather than one
// starting the fuzz run when the other has nothing left. Seconds measured on two cores (clean-clone CI), 2026-12-07.
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const SECONDS: Record<string, number> = {
  'test/e2e/cli.test.ts': 406,
  'test/e2e/class-file.test.ts': 480,
  'test/integration/fuzz.test.ts': 145,
  'test/e2e/crash.test.ts': 143,
  'test/ocr/forms-tables.test.ts': 126,
  'test/integration/bad-input.test.ts': 103,
  'test/integration/exactly-once.test.ts': 103,
  'test/browser/console.test.ts': 91,
  'test/ocr/orientation.test.ts': 78,
  'test/integration/stack.test.ts': 61,
  'test/ocr/layouts.test.ts': 55,
  'test/e2e/lambda-image.test.ts': 51,
  'test/ocr/handwriting.test.ts': 34,
  'test/ocr/misread-pages.test.ts': 31,
  'test/ocr/forms.test.ts': 31,
  'test/ocr/tick-boxes.test.ts': 28,
  'test/ocr/formats.test.ts': 25,
  'test/integration/garbage-pdf.test.ts': 24,
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
