// A worker thread for `checkFilesInParallel`. Plain JavaScript, so it can load the TypeScript
// sources through tsx itself: workers do not inherit the main thread's loader.
import { register } from 'tsx/esm/api';

register();
await import('./check-worker-main.ts');
