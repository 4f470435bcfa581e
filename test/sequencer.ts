// The longest files first (then vitest's own order), so that two workers finish together rather than one
// starting the fuzz run when the other has nothing left. Seconds measured on two cores (clean-clone CI), 2026-12-07.
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const SECONDS: Record<string, number> = {
  'test/e2e/class-file.test.ts': 366,
  'test/e2e/cli.test.ts': 336,
  'test/integration/fuzz.test.ts': 186,
  'test/e2e/crash.test.ts': 168,
  'test/ocr/forms-tables.test.ts': 122,
  'test/integration/bad-input.test.ts': 111,
  'test/integration/exactly-once.test.ts': 106,
  'test/ocr/layouts.test.ts': 54,
  'test/e2e/lambda-image.test.ts': 22,
  'test/browser/console.test.ts': 40,
  'test/ocr/orientation.test.ts': 37,
  'test/integration/stack.test.ts': 30,
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
