// wasi:random from the operating system's generator, for the insecure
// variants too: nothing here is worth a cheaper source.
import { randomBytes } from 'node:crypto';
import type * as Insecure from '../generated/interfaces/wasi-random-insecure.js';
import type * as InsecureSeed from '../generated/interfaces/wasi-random-insecure-seed.js';
import type * as Random from '../generated/interfaces/wasi-random-random.js';

const bytes = (len: bigint): Uint8Array => new Uint8Array(randomBytes(Number(len)));
const u64 = (): bigint => randomBytes(8).readBigUInt64LE();

export const random: typeof Random = { getRandomBytes: bytes, getRandomU64: u64 };
export const insecure: typeof Insecure = { getInsecureRandomBytes: bytes, getInsecureRandomU64: u64 };
export const insecureSeed: typeof InsecureSeed = { insecureSeed: () => [u64(), u64()] };
