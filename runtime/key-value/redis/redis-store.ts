// The `redis` store: every key in one Redis server, as Spin keeps them there
// (its key-value-redis crate): a key is the guest's key, whatever the store's
// label, so two labels on one server share their keys; listing them is
// `KEYS *`; a counter is `INCRBY`'s decimal text. Its client (node-redis) is
// asynchronous, so the store lives on the main thread (app-stores.ts) and a
// worker waits for each call.
//
// A compare-and-swap is one Lua script, which Redis runs alone: it writes
// only if the key still holds what the guest read (or still holds nothing).
// Spin WATCHes the key instead, which also fails the swap if anything wrote
// the key meanwhile.
import { createClient, RESP_TYPES } from 'redis';
import { type AsyncStore, StoreError } from '../store.js';
import { redisAddress } from './config.js';

const SWAP = `local current = redis.call('GET', KEYS[1])
if ARGV[1] == 'expected' then
  if current ~= ARGV[2] then return 0 end
elseif current then
  return 0
end
redis.call('SET', KEYS[1], ARGV[3])
return 1`;

/** How long a call waits for a connection before the guest is told the store is unreachable. */
const CONNECT_TIMEOUT_MS = 5000;

/** Bytes and integers as they come: blobs as Buffers, integers as text (an i64 does not fit a number). */
const TYPES = { [RESP_TYPES.BLOB_STRING]: Buffer, [RESP_TYPES.NUMBER]: String } as const;

type Reply = Buffer | string | null | Reply[];

const bytesOf = (reply: Reply): Uint8Array | undefined => {
  if (reply === null) return undefined;
  if (reply instanceof Buffer) return new Uint8Array(reply);
  throw new StoreError(`Redis answered ${JSON.stringify(reply)} where it holds a value`);
};

export class RedisStore implements AsyncStore {
  private readonly client;
  private connecting: Promise<unknown> | undefined;
  private readonly address: string;
  /** Connected once: a connection lost later is sought again in the background, one never made is not. */
  private reached = false;

  constructor(url: string) {
    this.address = redisAddress(url);
    this.client = createClient({
      url,
      // A call while the connection is down fails at once, as Spin's does, rather than waiting for it.
      disableOfflineQueue: true,
      socket: {
        connectTimeout: CONNECT_TIMEOUT_MS,
        // A server never reached fails the call that tried, and the next call tries again.
        reconnectStrategy: (retries, cause) => (this.reached ? Math.min(100 * 2 ** retries, 2000) : cause),
      },
    }).withTypeMapping(TYPES);
    this.client.on('ready', () => {
      this.reached = true;
    });
    // A lost connection is told to the guest whose call it fails; node-redis reconnects meanwhile.
    this.client.on('error', () => undefined);
  }

  /** Runs `command`, connected first if need be; Redis's failures are told to the guest. */
  private async run(command: (string | Buffer)[]): Promise<Reply> {
    try {
      if (!this.client.isOpen) {
        this.connecting ??= this.client.connect().finally(() => {
          this.connecting = undefined;
        });
        await this.connecting;
      }
      return (await this.client.sendCommand(command)) as Reply;
    } catch (error) {
      if (error instanceof StoreError) throw error;
      throw new StoreError(`${this.address}: ${(error as Error).message}`);
    }
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    return bytesOf(await this.run(['GET', key]));
  }
  async set(key: string, value: Uint8Array): Promise<void> {
    await this.run(['SET', key, Buffer.from(value)]);
  }
  async delete(key: string): Promise<void> {
    await this.run(['DEL', key]);
  }
  async exists(key: string): Promise<boolean> {
    return (await this.run(['EXISTS', key])) === '1';
  }
  async keys(): Promise<string[]> {
    const keys = await this.run(['KEYS', '*']);
    return Array.isArray(keys) ? keys.map((key) => String(key)) : [];
  }
  async getMany(keys: string[]): Promise<[string, Uint8Array][]> {
    if (keys.length === 0) return [];
    const values = await this.run(['MGET', ...keys]);
    if (!Array.isArray(values)) return [];
    return keys.flatMap((key, i) => {
      const value = bytesOf(values[i] ?? null);
      return value === undefined ? [] : [[key, value] as [string, Uint8Array]];
    });
  }
  async setMany(entries: [string, Uint8Array][]): Promise<void> {
    if (entries.length > 0) await this.run(['MSET', ...entries.flatMap(([key, value]) => [key, Buffer.from(value)])]);
  }
  async deleteMany(keys: string[]): Promise<void> {
    if (keys.length > 0) await this.run(['DEL', ...keys]);
  }
  async increment(key: string, delta: bigint): Promise<bigint> {
    return BigInt(String(await this.run(['INCRBY', key, delta.toString()])));
  }
  async swap(key: string, expected: Uint8Array | undefined, value: Uint8Array): Promise<boolean> {
    const given = expected === undefined ? ['absent', ''] : ['expected', Buffer.from(expected)];
    return (await this.run(['EVAL', SWAP, '1', key, ...given, Buffer.from(value)])) === '1';
  }

  async close(): Promise<void> {
    if (this.client.isOpen) await this.client.close();
  }
}
