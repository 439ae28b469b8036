// The page's per-step costs (steps.ts) measured by another Node than the
// benchmark's: this file runs under it and prints them as JSON.
import { pageSteps } from './steps.js';

process.stdout.write(JSON.stringify(await pageSteps()));
