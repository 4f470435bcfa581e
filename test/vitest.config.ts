import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['test/**/*.test.ts'],
    // OCR on real page images and the embedded stack (Java, s3rver) take seconds, not milliseconds.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // Two cores: OCR-heavy files would only fight over them.
    fileParallelism: false,
    pool: 'forks',
  },
});
