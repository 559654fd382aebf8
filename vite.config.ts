import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { scenarioCards } from './web/build/scenario-cards.ts';

const projectRoot = fileURLToPath(new URL('.', import.meta.url));

/** The port `npm start` and `npm run dev` serve on; fixed so bookmarks and docs stay valid. */
export const WEB_PORT = 5178;

// One file configures both the web app (root: web/) and vitest (root: the project, so test globs
// stay relative to it). Vitest sets VITEST; the app build and dev server never do.
export default defineConfig({
  root: process.env.VITEST ? projectRoot : 'web',
  base: './',
  plugins: [react(), scenarioCards(`${projectRoot}scenarios`)],
  // The app imports the core from src/ and the scenario YAML from scenarios/, both outside web/.
  server: { port: WEB_PORT, strictPort: true, fs: { allow: [projectRoot] } },
  preview: { port: WEB_PORT, strictPort: true },
  build: { outDir: '../dist', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 800 },
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 20_000,
    // ink draws frame by frame only outside CI; the terminal tests need that even on CI machines.
    env: { CI: '0' },
    // In CI, also write a JSON summary that .ci/run turns into a plain "N passed, N failed" line.
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'test-output/vitest.json' }]] : ['default'],
  },
});
