// The floor's page (components/floor/page): its Rust unit tests, which read
// `?weekday=` as the frontend reads it, run on the host by cargo. The built
// floors answer as the app does in conformance/floor.test.ts.
import { describe, expect, it } from 'vitest';
import { testRust } from '../scripts/lib/cargo.js';

describe("the floor's page", () => {
  it('passes its Rust unit tests', async () => {
    expect(await testRust('floor-page')).toMatch(/test result: ok\. [1-9]\d* passed; 0 failed/);
  }, 180_000);
});
