import { defineConfig } from 'vitest/config';

// The web app arrives with the practice-in-the-browser issue; for now this file configures vitest.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
  },
});
