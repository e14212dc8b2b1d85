// Where all state lives (watchlists, digest settings and cursors, the EDGAR cache): keyv behind
// STORE_URL. sqlite://path (default; a file, nothing to install, survives restarts), redis:// or
// rediss:// (several instances share one state), memory:// (tests, throwaway runs).
// Besides plain key/values, leases give the one atomic operation exactly-once needs: take a key for
// an owner with an expiry if nobody holds it (set-if-absent), renew it while the owner still holds
// it, give it back; each is one atomic step on every backend, so two instances never both post the
// same digest and a crashed holder blocks only until its lease runs out. `claim` is a lease owned
// by this store instance.

import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type KeyvSqlite from "@keyv/sqlite";
import Keyv from "keyv";

// The backends load on first use: a process that only needs one (or none, like the CLI on a local
// file) does not pay for the other's client library.

/** The store named by STORE_URL could not be opened or used. */
export class StoreError extends Error {
  override readonly name = "StoreError";
}

export interface KvOptions {
  /**
   * true (default): a failing backend throws, so state is never silently lost.
   * false: failures read as "absent" (fine for a cache, where a miss only costs a refetch).
   */
  throwOnErrors?: boolean;
}

export interface Store {
  readonly kind: "sqlite" | "redis" | "memory";
  /**
   * A keyv view whose keys live under `namespace` (e.g. "edgar", "state"); the same object per
   * namespace, so `options` count on the first call for a namespace.
   */
  kv(namespace: string, options?: KvOptions): Keyv;
  /**
   * Atomically take `key` for `ttlMs` if nobody holds it (or the holder's claim expired).
   * true = this store instance now holds it.
   */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /**
   * Give back a lease `owner` holds (default: this store instance, as `claim` takes it); a lease
   * that expired and was taken over by someone else is left alone.
   */
  release(key: string, owner?: string): Promise<void>;
  /** The owner id `claim` and `release` use when none is given (unique per store instance). */
  readonly owner: string;
  /**
   * Lease `key` to `owner` for `ttlMs` if nobody holds it (or the holder's lease expired).
   * Not re-entrant: a key `owner` already holds is not taken again (use `renew`).
   * true = `owner` now holds it.
   */
  acquire(key: string, owner: string, ttlMs: number): Promise<boolean>;
  /**
   * Extend a lease `owner` still holds to `ttlMs` from now. false = it is no longer `owner`'s
   * (it expired, or was released or taken over): stop the work it guards.
   */
  renew(key: string, owner: string, ttlMs: number): Promise<boolean>;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** Clock for claim expiry on sqlite:// and memory:// (Redis expires by its own clock). */
  now?: () => number;
  /** Errors of views created with throwOnErrors: false land here (for logging). */
  onError?: (error: unknown) => void;
}

const CLAIMS_TABLE = "form4_claims";
const REDIS_CLAIM_PREFIX = "form4:claim:";
const SQLITE_BUSY_TIMEOUT_MS = 5000;
const REDIS_CONNECT_TIMEOUT_MS = 5000;

/** Open the store STORE_URL names. Errors name STORE_URL so a person knows what to fix. */
export async function createStore(storeUrl: string, options: StoreOptions = {}): Promise<Store> {
  const now = options.now ?? Date.now;
  const onError = options.onError ?? (() => {});
  if (storeUrl === "memory://") return memoryStore(now, onError);
  if (storeUrl.startsWith("sqlite://")) return sqliteStore(storeUrl, now, onError);
  if (storeUrl.startsWith("redis://") || storeUrl.startsWith("rediss://")) {
    return redisStore(storeUrl, onError);
  }
  throw new StoreError(
    `STORE_URL must start with sqlite://, redis:// or rediss:// (or be memory://); got "${redact(storeUrl)}"`,
  );
}

/** Hide a password in a URL before it goes into a message. */
function redact(url: string): string {
  return url.replace(/\/\/([^/@]*):([^/@]*)@/, "//$1:***@");
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function configure(keyv: Keyv, options: KvOptions | undefined, onError: (e: unknown) => void) {
  keyv.throwOnErrors = options?.throwOnErrors ?? true;
  keyv.on("error", (error: unknown) => {
    if (!keyv.throwOnErrors) onError(error);
  });
  return keyv;
}

function memoized(create: (namespace: string, options?: KvOptions) => Keyv) {
  const views = new Map<string, Keyv>();
  return (namespace: string, options?: KvOptions): Keyv => {
    let view = views.get(namespace);
    if (!view) {
      view = create(namespace, options);
      views.set(namespace, view);
    }
    return view;
  };
}

function memoryStore(now: () => number, onError: (e: unknown) => void): Store {
  const owner = randomUUID();
  const claims = new Map<string, { owner: string; expires: number }>();
  const store: Store = {
    kind: "memory",
    kv: memoized((namespace, options) =>
      configure(new Keyv({ store: new Map(), namespace }), options, onError),
    ),
    owner,
    async acquire(key, holder, ttlMs) {
      const held = claims.get(key);
      if (held && held.expires > now()) return false;
      claims.set(key, { owner: holder, expires: now() + ttlMs });
      return true;
    },
    async claim(key, ttlMs) {
      return store.acquire(key, owner, ttlMs);
    },
    async renew(key, holder, ttlMs) {
      const held = claims.get(key);
      if (!held || held.owner !== holder || held.expires <= now()) return false;
      held.expires = now() + ttlMs;
      return true;
    },
    async release(key, holder = owner) {
      if (claims.get(key)?.owner === holder) claims.delete(key);
    },
    async close() {},
  };
  return store;
}

/**
 * mkdir -p, one level at a time: Node's recursive mkdir spins forever on some paths under /proc
 * (e.g. /proc/self/x), where one plain mkdir fails at once with a clear error.
 */
export function makeDirectory(dir: string): void {
  const missing: string[] = [];
  for (let d = dir; !existsSync(d); d = dirname(d)) {
    missing.push(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing.reverse()) mkdirSync(d);
}

/** sqlite://data/form4.sqlite is relative to the working directory; sqlite:///abs/path is absolute. */
export function sqlitePath(storeUrl: string): string {
  const rest = storeUrl.slice("sqlite://".length);
  if (rest === ":memory:") return rest;
  if (rest === "") throw new StoreError('STORE_URL "sqlite://" names no file');
  return resolve(rest);
}

async function sqliteStore(
  storeUrl: string,
  now: () => number,
  onError: (e: unknown) => void,
): Promise<Store> {
  const path = sqlitePath(storeUrl);
  const fail = (error: unknown) =>
    new StoreError(`STORE_URL ${storeUrl}: cannot open SQLite file ${path}: ${message(error)}`, {
      cause: error,
    });
  if (path !== ":memory:") {
    try {
      makeDirectory(dirname(path));
    } catch (error) {
      throw fail(error);
    }
  }
  const { default: KeyvSqliteAdapter } = await import("@keyv/sqlite");
  const adapter = (namespace?: string) => {
    const a = new KeyvSqliteAdapter({
      uri: `sqlite://${path}`,
      busyTimeout: SQLITE_BUSY_TIMEOUT_MS,
    });
    a.on("error", () => {}); // surfaced through the promise of the failing call
    if (namespace) a.namespace = namespace;
    // In WAL mode, NORMAL commits without waiting for the disk: a killed process loses nothing
    // (the WAL is in the OS's hands), only a power cut can lose the last commits. That keeps the
    // digest's "posted but not yet recorded" window to a few ms (README.md, "Exactly once").
    if (path !== ":memory:") a.query("PRAGMA synchronous=NORMAL").catch(() => {});
    return a;
  };
  // One connection for the claims (and to find out now whether the file opens at all).
  const admin = adapter();
  try {
    // WAL lets several connections (and processes) read while one writes.
    if (path !== ":memory:") await admin.query("PRAGMA journal_mode=WAL");
    await admin.query(
      `CREATE TABLE IF NOT EXISTS ${CLAIMS_TABLE} (key TEXT PRIMARY KEY, owner TEXT NOT NULL, expires INTEGER NOT NULL)`,
    );
  } catch (error) {
    await admin.close().catch(() => {});
    throw fail(error);
  }
  const owner = randomUUID();
  const adapters: KeyvSqlite[] = [];
  const kv = memoized((namespace, options) => {
    // A :memory: database is per connection, so there every view shares the one connection.
    const a = path === ":memory:" ? admin : adapter(namespace);
    if (a !== admin) adapters.push(a);
    return configure(new Keyv({ store: a, namespace }), options, onError);
  });
  const store: Store = {
    kind: "sqlite",
    kv,
    owner,
    async acquire(key, holder, ttlMs) {
      const t = now();
      // One statement, so it is atomic across connections and processes: insert, or take over an
      // expired lease; RETURNING yields a row only when this call got it.
      const rows: unknown[] = await admin.query(
        `INSERT INTO ${CLAIMS_TABLE} (key, owner, expires) VALUES (?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET owner = excluded.owner, expires = excluded.expires
         WHERE ${CLAIMS_TABLE}.expires <= ?
         RETURNING key`,
        key,
        holder,
        t + ttlMs,
        t,
      );
      return rows.length === 1;
    },
    async claim(key, ttlMs) {
      return store.acquire(key, owner, ttlMs);
    },
    async renew(key, holder, ttlMs) {
      const t = now();
      const rows: unknown[] = await admin.query(
        `UPDATE ${CLAIMS_TABLE} SET expires = ? WHERE key = ? AND owner = ? AND expires > ? RETURNING key`,
        t + ttlMs,
        key,
        holder,
        t,
      );
      return rows.length === 1;
    },
    async release(key, holder = owner) {
      await admin.query(`DELETE FROM ${CLAIMS_TABLE} WHERE key = ? AND owner = ?`, key, holder);
    },
    async close() {
      for (const a of adapters) await a.close().catch(() => {});
      await admin.close().catch(() => {});
    },
  };
  return store;
}

// Compare-and-delete / compare-and-extend, each one atomic script, so a lease that expired and was
// taken over is neither released nor renewed by its old holder.
const RELEASE_SCRIPT =
  'if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end';
const RENEW_SCRIPT =
  'if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) else return 0 end';

async function redisStore(storeUrl: string, onError: (e: unknown) => void): Promise<Store> {
  const { default: KeyvRedis, createClient } = await import("@keyv/redis");
  let connected = false;
  const client = createClient({
    url: storeUrl,
    socket: {
      connectTimeout: REDIS_CONNECT_TIMEOUT_MS,
      // The first connection fails at once (a wrong STORE_URL is a start-up error); once up, a
      // dropped connection is retried with backoff.
      reconnectStrategy: (retries: number, cause: Error) =>
        connected ? Math.min(100 * 2 ** retries, 3000) : cause,
    },
  });
  // Errors reach callers through their commands; without a listener node-redis would crash the process.
  client.on("error", () => {});
  try {
    await client.connect();
    connected = true;
  } catch (error) {
    if (client.isOpen) client.destroy();
    throw new StoreError(
      `STORE_URL ${redact(storeUrl)}: cannot connect to Redis: ${message(error)}`,
      { cause: error },
    );
  }
  const owner = randomUUID();
  const kv = memoized((namespace, options) => {
    const adapter = new KeyvRedis(client, {
      namespace,
      throwOnErrors: options?.throwOnErrors ?? true,
    });
    // The adapter prefixes keys itself ("state::…"), as @keyv/redis's createKeyv does.
    return configure(
      new Keyv({ store: adapter, namespace, useKeyPrefix: false }),
      options,
      onError,
    );
  });
  const store: Store = {
    kind: "redis",
    kv,
    owner,
    async acquire(key, holder, ttlMs) {
      const reply = await client.set(`${REDIS_CLAIM_PREFIX}${key}`, holder, {
        condition: "NX",
        expiration: { type: "PX", value: Math.max(1, Math.round(ttlMs)) },
      });
      return reply === "OK";
    },
    async claim(key, ttlMs) {
      return store.acquire(key, owner, ttlMs);
    },
    async renew(key, holder, ttlMs) {
      const reply = await client.eval(RENEW_SCRIPT, {
        keys: [`${REDIS_CLAIM_PREFIX}${key}`],
        arguments: [holder, String(Math.max(1, Math.round(ttlMs)))],
      });
      return reply === 1;
    },
    async release(key, holder = owner) {
      await client.eval(RELEASE_SCRIPT, {
        keys: [`${REDIS_CLAIM_PREFIX}${key}`],
        arguments: [holder],
      });
    },
    async close() {
      if (client.isOpen) await client.close();
    },
  };
  return store;
}
