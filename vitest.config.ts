import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Training tests run real (small) GANs; the CLI tests spawn processes.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
