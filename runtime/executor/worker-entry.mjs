// A worker thread starts without the main thread's module hooks, so it
// registers tsx itself before loading the runtime's TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
