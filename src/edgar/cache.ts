// Where EDGAR's answers are kept: compressed (brotli, node:zlib) and bounded by age, in the store
// STORE_URL names (a table of the SQLite file, keys with a TTL in Redis, or memory), plus a small
// in-memory layer of recent bodies in front of it for the hot path (the ticker map, the filing lists
// of the last minute). An entry lives `maxAgeMs` after EDGAR gave it (default 30 days, see
// DEFAULT_CACHE_DAYS); after that the next ask fetches it again. So the cache holds at most what 30
// days bring: about 1,000 filings a day from the market digest, ~2-3 KB each compressed.

import { dirname } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, brotliDecompress, constants } from "node:zlib";
import type { Redis } from "ioredis";
import type Keyv from "keyv";
import { LRUCache } from "lru-cache";
import { DEFAULT_EDGAR_CACHE_DAYS } from "../config.js";
import { makeDirectory } from "../store.js";

export interface CachedBody {
  body: string;
  /** When EDGAR gave this body (epoch ms, the client's clock). */
  fetchedAt: number;
}

export interface EdgarCache {
  get(url: string): Promise<CachedBody | null>;
  set(url: string, entry: CachedBody): Promise<void>;
  close?(): Promise<void>;
}

export const DEFAULT_CACHE_DAYS = DEFAULT_EDGAR_CACHE_DAYS;
export const DAY_MS = 24 * 60 * 60 * 1000;

const compressAsync = promisify(brotliCompress);
const decompressAsync = promisify(brotliDecompress);

/**
 * Brotli at quality 5: on the recorded Form 4s 5.4× smaller than raw, 5% smaller than gzip at the
 * same CPU (0.14 ms a filing); quality 11 is another 16% smaller but takes 55× the CPU (7.9 ms).
 * Off the event loop (libuv pool). bench/edgar-cache.ts measures what it stores.
 */
export async function compress(text: string): Promise<Buffer> {
  return compressAsync(Buffer.from(text, "utf8"), {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 5,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
    },
  });
}

export async function decompress(bytes: Uint8Array): Promise<string> {
  return (await decompressAsync(bytes)).toString("utf8");
}

/** Bodies are JS strings: two bytes a character at most. */
export const bodyWeight = (e: CachedBody) => e.body.length * 2 + 64;

/** In this process only (memory://, and the CLI's fallback): compressed, bounded by bytes and age. */
export function memoryEdgarCache(
  options: { maxBytes?: number; maxAgeMs?: number; now?: () => number } = {},
): EdgarCache {
  const now = options.now ?? Date.now;
  const maxAge = options.maxAgeMs ?? DEFAULT_CACHE_DAYS * DAY_MS;
  // Bounded by bytes; an entry larger than the whole cache is not kept. Expiry by `now` (not
  // lru-cache's own TTL), so an injected clock decides.
  const lru = new LRUCache<string, { z: Buffer; fetchedAt: number; expires: number }>({
    maxSize: options.maxBytes ?? 64 * 1024 * 1024,
    sizeCalculation: (e) => e.z.length + 64,
  });
  return {
    async get(url) {
      const e = lru.get(url);
      if (!e) return null;
      if (now() >= e.expires) {
        lru.delete(url);
        return null;
      }
      return { body: await decompress(e.z), fetchedAt: e.fetchedAt };
    },
    async set(url, entry) {
      const z = await compress(entry.body);
      lru.set(url, { z, fetchedAt: entry.fetchedAt, expires: now() + maxAge });
    },
  };
}

/** A keyv (tests, and callers that hand one in): entries as they are, with keyv's own TTL. */
export function keyvEdgarCache(keyv: Keyv, maxAgeMs?: number): EdgarCache {
  const PREFIX = "edgar:";
  return {
    async get(url) {
      try {
        const v = await keyv.get<CachedBody>(PREFIX + url);
        return v && typeof v.body === "string" && typeof v.fetchedAt === "number" ? v : null;
      } catch {
        return null; // a broken cache costs a refetch, never an answer
      }
    },
    async set(url, entry) {
      try {
        await keyv.set(PREFIX + url, entry, maxAgeMs);
      } catch {
        // as above: the answer still goes out
      }
    },
  };
}

const TABLE = "form4_edgar_cache";
const PRUNE_EVERY_MS = 60 * 60 * 1000;

/**
 * A table in the SQLite file: url, brotli body, when fetched, when it expires. Expired rows are
 * deleted when the cache opens and then every hour (an index on `expires` keeps that cheap).
 */
export async function sqliteEdgarCache(
  path: string,
  options: { maxAgeMs?: number; now?: () => number } = {},
): Promise<EdgarCache & { prune(): Promise<number>; close(): Promise<void> }> {
  const now = options.now ?? Date.now;
  const maxAge = options.maxAgeMs ?? DEFAULT_CACHE_DAYS * DAY_MS;
  if (path !== ":memory:") makeDirectory(dirname(path));
  // Loaded only for a SQLite cache (the native sqlite3 module is not for memory:// or Redis).
  const { default: KeyvSqlite } = await import("@keyv/sqlite");
  const db = new KeyvSqlite({ uri: `sqlite://${path}`, busyTimeout: 5000 });
  db.on("error", () => {}); // surfaced through the promise of the failing call
  await db.query(
    `CREATE TABLE IF NOT EXISTS ${TABLE} (url TEXT PRIMARY KEY, body BLOB NOT NULL, fetched INTEGER NOT NULL, expires INTEGER NOT NULL)`,
  );
  await db.query(`CREATE INDEX IF NOT EXISTS ${TABLE}_expires ON ${TABLE} (expires)`);
  // Before this table, answers sat uncompressed and unbounded in keyv's table: free that space.
  // (keys "edgar:<url>", with or without keyv's namespace in front).
  await db
    .query("DELETE FROM keyv WHERE key LIKE 'edgar:http%' OR key LIKE 'edgar:edgar:http%'")
    .catch(() => undefined);
  const prune = async (): Promise<number> => {
    const rows: unknown[] = await db.query(
      `DELETE FROM ${TABLE} WHERE expires <= ? RETURNING url`,
      now(),
    );
    return rows.length;
  };
  await prune().catch(() => 0);
  const timer = setInterval(() => prune().catch(() => 0), PRUNE_EVERY_MS);
  timer.unref();
  return {
    async get(url) {
      try {
        const rows = (await db.query(
          `SELECT body, fetched FROM ${TABLE} WHERE url = ? AND expires > ?`,
          url,
          now(),
        )) as { body: Buffer; fetched: number }[];
        const row = rows[0];
        return row ? { body: await decompress(row.body), fetchedAt: Number(row.fetched) } : null;
      } catch {
        return null;
      }
    },
    async set(url, entry) {
      try {
        const z = await compress(entry.body);
        await db.query(
          `INSERT INTO ${TABLE} (url, body, fetched, expires) VALUES (?, ?, ?, ?)
           ON CONFLICT(url) DO UPDATE SET body = excluded.body, fetched = excluded.fetched, expires = excluded.expires`,
          url,
          z,
          entry.fetchedAt,
          now() + maxAge,
        );
      } catch {
        // a cache that cannot be written costs a refetch later, never the answer now
      }
    },
    prune,
    async close() {
      clearInterval(timer);
      await db.disconnect?.().catch(() => undefined);
    },
  };
}

/** Keys with a TTL in Redis: 8 bytes of fetchedAt, then the brotli body. */
export function redisEdgarCache(redis: Redis, options: { maxAgeMs?: number } = {}): EdgarCache {
  const maxAge = options.maxAgeMs ?? DEFAULT_CACHE_DAYS * DAY_MS;
  const key = (url: string) => `form4:edgar-cache:${url}`;
  return {
    async get(url) {
      try {
        const raw = await redis.getBuffer(key(url));
        if (!raw || raw.length < 8) return null;
        const fetchedAt = Number(raw.readBigUInt64BE(0));
        return { body: await decompress(raw.subarray(8)), fetchedAt };
      } catch {
        return null;
      }
    },
    async set(url, entry) {
      try {
        const z = await compress(entry.body);
        const head = Buffer.alloc(8);
        head.writeBigUInt64BE(BigInt(Math.max(0, Math.round(entry.fetchedAt))));
        await redis.set(key(url), Buffer.concat([head, z]), "PX", Math.max(1, Math.round(maxAge)));
      } catch {
        // as above
      }
    },
  };
}
