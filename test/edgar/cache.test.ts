// The EDGAR cache: compressed, bounded by age, in SQLite (pruned) and Redis (TTL), and what a
// restart on the same SQLite file keeps when EDGAR misbehaves.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import KeyvSqlite from "@keyv/sqlite";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  compress,
  DAY_MS,
  memoryEdgarCache,
  redisEdgarCache,
  sqliteEdgarCache,
} from "../../src/edgar/cache.js";
import { createRequestLimiter } from "../../src/edgar/limiter.js";
import { openEdgarStack } from "../../src/edgar/stack.js";
import { memoryGate } from "../../src/edgar/throttle.js";
import { createStore } from "../../src/store.js";
import { readForm4Fixture } from "../fixtures.js";
import { startRedis, type TestRedis } from "../helpers/redis.js";
import { ASTI, type EdgarStandIn, startEdgarStandIn } from "../stand-ins/edgar.js";

let dir: string;
let redis: TestRedis;
let edgar: EdgarStandIn;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "form4-cache-"));
  redis = await startRedis();
  edgar = await startEdgarStandIn();
});
afterAll(async () => {
  await edgar?.close();
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => edgar.clearFaults());

const XML = readForm4Fixture("msft-hogan-2024-03-11.xml");

describe("compressed", () => {
  it("a filing takes a fraction of its size and comes back byte for byte", async () => {
    const z = await compress(XML);
    expect(z.length).toBeLessThan(XML.length / 3);
    const cache = memoryEdgarCache();
    await cache.set("u", { body: XML, fetchedAt: 5 });
    expect(await cache.get("u")).toEqual({ body: XML, fetchedAt: 5 });
  });
});

describe("SQLite: a table of the store's file, pruned by age", () => {
  it("keeps answers across a reopen and forgets them after maxAge, deleting the rows", async () => {
    const path = join(dir, "age.sqlite");
    let now = 1_000_000_000;
    const first = await sqliteEdgarCache(path, { maxAgeMs: 2 * DAY_MS, now: () => now });
    await first.set("https://e/a", { body: XML, fetchedAt: now });
    await first.close();
    const second = await sqliteEdgarCache(path, { maxAgeMs: 2 * DAY_MS, now: () => now });
    expect((await second.get("https://e/a"))?.body).toBe(XML);
    now += 2 * DAY_MS;
    expect(await second.get("https://e/a")).toBeNull();
    expect(await second.prune()).toBe(1);
    await second.close();
    const db = new KeyvSqlite({ uri: `sqlite://${path}` });
    const rows = (await db.query("SELECT COUNT(*) AS n FROM form4_edgar_cache")) as { n: number }[];
    expect(rows[0]?.n).toBe(0);
    await db.disconnect();
  });

  it("stores the body compressed (the row is a fraction of the document)", async () => {
    const path = join(dir, "size.sqlite");
    const cache = await sqliteEdgarCache(path);
    await cache.set("https://e/b", { body: XML, fetchedAt: 1 });
    await cache.close();
    const db = new KeyvSqlite({ uri: `sqlite://${path}` });
    const rows = (await db.query(
      "SELECT length(body) AS n FROM form4_edgar_cache WHERE url = 'https://e/b'",
    )) as { n: number }[];
    expect(rows[0]?.n).toBeLessThan(XML.length / 3);
    await db.disconnect();
  });

  it("a restart on the same file: a listing answered with HTML serves the good copy, marked", async () => {
    const storeUrl = `sqlite://${join(dir, "restart.sqlite")}`;
    let now = Date.now();
    const open = () =>
      openEdgarStack({
        config: edgar.config,
        storeUrl,
        now: () => now,
        backoffMs: 5,
        retries: 1,
        limiter: createRequestLimiter({ limit: 1000 }),
        gate: memoryGate(),
      });
    const first = await open();
    await first.source.latestForTicker("ASTI", 1);
    await first.close();
    now += 10 * 60_000;
    edgar.fault(`/submissions/CIK${ASTI.cik}.json`, { kind: "html200" });
    const second = await open();
    const result = await second.source.latestForTicker("ASTI", 1);
    expect(result.filings.map((f) => [f.ref.accessionNumber, f.stale])).toEqual([
      [ASTI.accessionNumber, true],
    ]);
    await second.close();
    // A third start, EDGAR well again: the good copy was never replaced, and is refreshed now.
    edgar.clearFaults();
    const third = await open();
    expect((await third.source.latestForTicker("ASTI", 1)).filings[0]?.stale).toBe(false);
    await third.close();
  });
});

describe("Redis: keys with a TTL", () => {
  it("each answer expires after maxAge", async () => {
    const client = new Redis(redis.url);
    try {
      const cache = redisEdgarCache(client, { maxAgeMs: 3 * DAY_MS });
      await cache.set("https://e/c", { body: XML, fetchedAt: 1234 });
      expect(await cache.get("https://e/c")).toEqual({ body: XML, fetchedAt: 1234 });
      const ttl = await client.pttl("form4:edgar-cache:https://e/c");
      expect(ttl).toBeGreaterThan(3 * DAY_MS - 60_000);
      expect(ttl).toBeLessThanOrEqual(3 * DAY_MS);
      const stored = await client.strlen("form4:edgar-cache:https://e/c");
      expect(stored).toBeLessThan(XML.length / 3);
    } finally {
      client.disconnect();
    }
  });
});

describe("the old unbounded entries are freed", () => {
  it("on Redis: the store's keyv 'edgar' entries (no expiry) are removed when the stack opens", async () => {
    const store = await createStore(redis.url);
    const client = new Redis(redis.url);
    try {
      await store.kv("edgar").set("edgar:https://www.sec.gov/x", { body: "old", fetchedAt: 1 });
      await store.kv("state").set("keep", 1);
      await store.kv("edgar").set("not-a-cached-answer", 1);
      const before = await client.keys("edgar::edgar:http*");
      expect(before.length).toBeGreaterThan(0);
      const stack = await openEdgarStack({ config: edgar.config, storeUrl: redis.url });
      for (let i = 0; i < 50 && (await client.keys("edgar::edgar:http*")).length > 0; i++) {
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(await client.keys("edgar::edgar:http*")).toEqual([]);
      expect(await store.kv("edgar").get("not-a-cached-answer")).toBe(1);
      expect(await store.kv("state").get("keep")).toBe(1);
      await stack.close();
    } finally {
      client.disconnect();
      await store.close();
    }
  });

  it("on SQLite: the keyv table's 'edgar' rows are deleted when the cache opens", async () => {
    const path = join(dir, "old.sqlite");
    const store = await createStore(`sqlite://${path}`);
    await store.kv("edgar").set("edgar:https://www.sec.gov/x", { body: "old", fetchedAt: 1 });
    await store.kv("state").set("keep", 1);
    const cache = await sqliteEdgarCache(path);
    await cache.close();
    const db = new KeyvSqlite({ uri: `sqlite://${path}` });
    const rows = (await db.query("SELECT key FROM keyv")) as { key: string }[];
    await db.disconnect();
    expect(rows.map((r) => r.key).filter((k) => k.includes("edgar"))).toEqual([]);
    expect(await store.kv("state").get("keep")).toBe(1);
    await store.close();
  });
});

describe("memory: bounded by bytes", () => {
  it("forgets the least recently used beyond its bound", async () => {
    const z = (await compress(XML)).length;
    const cache = memoryEdgarCache({ maxBytes: (z + 64) * 3 });
    for (const k of ["a", "b", "c"]) await cache.set(k, { body: XML, fetchedAt: 1 });
    await cache.get("a");
    await cache.set("d", { body: XML, fetchedAt: 1 });
    expect(await cache.get("b")).toBeNull();
    expect((await cache.get("a"))?.body).toBe(XML);
    expect((await cache.get("d"))?.body).toBe(XML);
  });

  it("an answer larger than the whole cache is not kept, and no older copy of it stays", async () => {
    const z = (await compress(XML)).length;
    const cache = memoryEdgarCache({ maxBytes: z + 64 });
    await cache.set("a", { body: XML, fetchedAt: 1 });
    expect((await cache.get("a"))?.body).toBe(XML);
    await cache.set("a", { body: XML.repeat(50), fetchedAt: 2 });
    expect(await cache.get("a")).toBeNull();
  });
});
