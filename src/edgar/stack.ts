// Everything an edge (CLI, Slack app, digest) needs to reach EDGAR, built once per process.

import type { Redis } from "ioredis";
import Keyv from "keyv";
import { LRUCache } from "lru-cache";
import { StoreError, sqlitePath } from "../store.js";
import {
  DAY_MS,
  DEFAULT_CACHE_DAYS,
  type EdgarCache,
  memoryEdgarCache,
  redisEdgarCache,
  sqliteEdgarCache,
} from "./cache.js";
import { EdgarClient, type EdgarClientOptions } from "./client.js";
import { createForm4Source, type Form4SourceOptions, INTERACTIVE_DEADLINE_MS } from "./filings.js";
import { sharedRequestLimiter } from "./limiter.js";
import type { Form4Source } from "./types.js";

export interface EdgarStack {
  client: EdgarClient;
  /** For people waiting (Slack commands and unfurls, the CLI): every call answers within ~8 s. */
  source: Form4Source;
  /** For background work (digests, history, alerts): waits out EDGAR's retries and Retry-After. */
  background: Form4Source;
}

/**
 * An in-process EDGAR cache that keeps at most `maxEntries` answers (filings are ~10 KB, the ticker
 * map ~700 KB), for one-off runs (the CLI) and benchmarks. The app uses the store instead.
 */
export function memoryCache(maxEntries = 500): Keyv {
  // lru-cache is Map-like, as keyv wants; its least recently used answers go first.
  return new Keyv({ store: new LRUCache<string, NonNullable<unknown>>({ max: maxEntries }) });
}

/**
 * The EDGAR client and the Form4Source over it. `cache`: where answers are kept (in the app, the
 * store's "edgar" namespace); default a bounded in-memory cache.
 */
export function createEdgarStack(
  options: Omit<EdgarClientOptions, "cache"> & {
    cache?: EdgarCache | Keyv;
    source?: Form4SourceOptions;
  },
): EdgarStack {
  const client = new EdgarClient({ ...options, cache: options.cache ?? memoryCache() });
  return {
    client,
    source: createForm4Source(client, {
      deadlineMs: INTERACTIVE_DEADLINE_MS,
      ...options.source,
    }),
    background: createForm4Source(client, { ...options.source, deadlineMs: undefined }),
  };
}

export interface OpenedEdgarStack extends EdgarStack {
  /** Closes what was opened for it (the cache's connection, the Redis client). */
  close(): Promise<void>;
}

/**
 * The stack over what STORE_URL names: sqlite:// keeps the cache in a table of that file (one
 * process, its own limiter); redis:// keeps the cache in Redis and shares the 10-a-second budget
 * and the throttle gate with every other instance on that Redis; memory:// keeps all in memory.
 * `cacheDays`: how long an answer is kept (default 30 days).
 */
export async function openEdgarStack(
  options: Omit<EdgarClientOptions, "cache"> & {
    storeUrl: string;
    cacheDays?: number;
    source?: Form4SourceOptions;
  },
): Promise<OpenedEdgarStack> {
  const { storeUrl, cacheDays, ...rest } = options;
  const maxAgeMs = (cacheDays ?? DEFAULT_CACHE_DAYS) * DAY_MS;
  if (storeUrl.startsWith("redis://") || storeUrl.startsWith("rediss://")) {
    // Loaded only for a Redis store: a CLI lookup (SQLite or memory) never loads the Redis client.
    const [{ Redis: RedisClient }, { createRedisRequestLimiter, redisThrottleGate }] =
      await Promise.all([import("ioredis"), import("./redis-shared.js")]);
    let connected = false;
    const redis: Redis = new RedisClient(storeUrl, {
      lazyConnect: true,
      connectTimeout: 5000,
      maxRetriesPerRequest: 2,
      // The first connection fails at once (a wrong STORE_URL is a start-up error, said by the
      // store, which opens first); once up, a dropped connection is retried with backoff.
      retryStrategy: (times) => (connected ? Math.min(100 * 2 ** times, 3000) : null),
    });
    redis.on("error", () => {}); // failures reach the callers of each command
    try {
      await redis.connect();
    } catch (error) {
      redis.disconnect();
      throw new StoreError(
        `STORE_URL ${storeUrl.replace(/\/\/([^/@]*):([^/@]*)@/, "//$1:***@")}: cannot connect to Redis for the EDGAR cache: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
    connected = true;
    forgetUnboundedEntries(redis);
    // One key set per EDGAR: instances on the same hosts share; tests on their own stand-ins don't.
    const hosts = [rest.config.wwwUrl, rest.config.dataUrl]
      .map((u) => new URL(u).origin)
      .sort()
      .join(" ");
    const stack = createEdgarStack({
      ...rest,
      cache: redisEdgarCache(redis, { maxAgeMs }),
      limiter:
        rest.limiter ??
        createRedisRequestLimiter(redis, {
          key: `form4:edgar-slots:${hosts}`,
          fallback: sharedRequestLimiter([rest.config.wwwUrl, rest.config.dataUrl]),
        }),
      gate: rest.gate ?? redisThrottleGate(redis, `form4:edgar-throttled:${hosts}`),
    });
    return {
      ...stack,
      async close() {
        await redis.quit().catch(() => redis.disconnect());
      },
    };
  }
  if (storeUrl.startsWith("sqlite://")) {
    const path = sqlitePath(storeUrl);
    const cache = await sqliteEdgarCache(path, { maxAgeMs }).catch((error: unknown) => {
      throw new StoreError(
        `STORE_URL ${storeUrl}: cannot open SQLite file ${path} for the EDGAR cache: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    });
    return { ...createEdgarStack({ ...rest, cache }), close: () => cache.close() };
  }
  const cache = memoryEdgarCache({ maxAgeMs });
  return { ...createEdgarStack({ ...rest, cache }), close: async () => {} };
}

/**
 * Before the bounded cache, answers sat in the store's keyv namespace "edgar" with no expiry: free
 * that memory once, in the background (SCAN, so Redis is never blocked).
 */
function forgetUnboundedEntries(redis: Redis): void {
  // Only the old client's keys ("edgar:" + an EDGAR URL), never anything else in the namespace.
  const stream = redis.scanStream({ match: "edgar::edgar:http*", count: 500 });
  stream.on("data", (keys: string[]) => {
    if (keys.length > 0) redis.unlink(...keys).catch(() => undefined);
  });
  stream.on("error", () => {});
}
