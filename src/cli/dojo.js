#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx, so `npx dojo` works right after `npm install`
// with no build step to remember.
import { register } from 'tsx/esm/api';

register();
// When the reader goes away (`dojo … | head`), stop quietly instead of printing a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
