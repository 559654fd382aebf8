import { defineConfig } from 'vitest/config';

// The web app arrives with the practice-in-the-browser issue; for now this file configures vitest.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 20_000,
    // ink draws frame by frame only outside CI; the terminal tests need that even on CI machines.
    env: { CI: '0' },
    // In CI, also write a JSON summary that .ci/run turns into a plain "N passed, N failed" line.
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'test-output/vitest.json' }]] : ['default'],
  },
});
