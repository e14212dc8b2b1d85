import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStore, type Store, StoreError, sqlitePath } from "../src/store.js";
import { startRedis, type TestRedis } from "./helpers/redis.js";

let redis: TestRedis;
let dir: string;

beforeAll(async () => {
  redis = await startRedis();
  dir = mkdtempSync(join(tmpdir(), "form4-store-"));
});

afterAll(async () => {
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
});

// Each backend, opened twice on the same data where that means something (two instances).
const backends: { name: string; url: () => string }[] = [
  { name: "sqlite", url: () => `sqlite://${join(dir, "shared.sqlite")}` },
  { name: "redis", url: () => redis.url },
];

describe.each(backends)("$name store", ({ name, url }) => {
  it("keeps values per namespace, visible to a second instance", async () => {
    const a = await createStore(url());
    const b = await createStore(url());
    try {
      await a.kv("state").set(`${name}-k`, { tickers: ["ASTI"] });
      await a.kv("edgar").set(`${name}-k`, "cached");
      expect(await b.kv("state").get(`${name}-k`)).toEqual({ tickers: ["ASTI"] });
      expect(await b.kv("edgar").get(`${name}-k`)).toBe("cached");
      expect(await b.kv("other").get(`${name}-k`)).toBeUndefined();
      expect(a.kv("state")).toBe(a.kv("state"));
    } finally {
      await a.close();
      await b.close();
    }
  });

  it("claim: exactly one of two instances gets it, also under concurrent attempts", async () => {
    const a = await createStore(url());
    const b = await createStore(url());
    try {
      const key = `${name}-race`;
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).claim(key, 60_000)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      // The loser cannot release the winner's claim.
      const winner = results.findIndex(Boolean) % 2 ? a : b;
      const loser = winner === a ? b : a;
      await loser.release(key);
      expect(await loser.claim(key, 60_000)).toBe(false);
      await winner.release(key);
      expect(await loser.claim(key, 60_000)).toBe(true);
      await loser.release(key);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it("lease: acquire, renew and release are checked against the owner", async () => {
    const a = await createStore(url());
    const b = await createStore(url());
    try {
      const key = `${name}-lease`;
      expect(await a.acquire(key, "one", 60_000)).toBe(true);
      // Not re-entrant, and nobody else gets it.
      expect(await a.acquire(key, "one", 60_000)).toBe(false);
      expect(await b.acquire(key, "two", 60_000)).toBe(false);
      // Only the holder renews or releases.
      expect(await b.renew(key, "two", 60_000)).toBe(false);
      expect(await b.renew(key, "one", 60_000)).toBe(true);
      await b.release(key, "two");
      expect(await a.acquire(key, "three", 60_000)).toBe(false);
      await a.release(key, "one");
      expect(await b.renew(key, "one", 60_000)).toBe(false);
      expect(await b.acquire(key, "two", 60_000)).toBe(true);
      // A store's own claim is a lease under its owner id.
      await b.release(key, "two");
      expect(await a.claim(key, 60_000)).toBe(true);
      expect(await a.renew(key, a.owner, 60_000)).toBe(true);
      expect(a.owner).not.toBe(b.owner);
      await a.release(key);
      expect(await b.acquire(key, "two", 60_000)).toBe(true);
      await b.release(key, "two");
    } finally {
      await a.close();
      await b.close();
    }
  });

  it("lease: renewing keeps it past its TTL; an expired lease cannot be renewed", async () => {
    // Real time (Redis PX, SQLite timestamps). A 1 s TTL renewed every 250 ms: a timer late by up
    // to 750 ms on a loaded machine still renews in time; 5 renewals outlast the TTL.
    const ttl = 1000;
    const s = await createStore(url());
    try {
      const key = `${name}-renewed`;
      expect(await s.acquire(key, "one", ttl)).toBe(true);
      for (let i = 0; i < 5; i++) {
        await new Promise((r) => setTimeout(r, ttl / 4));
        expect(await s.renew(key, "one", ttl)).toBe(true);
      }
      expect(await s.acquire(key, "two", ttl)).toBe(false);
      await new Promise((r) => setTimeout(r, ttl * 1.3));
      expect(await s.renew(key, "one", ttl)).toBe(false);
      expect(await s.acquire(key, "two", ttl)).toBe(true);
      expect(await s.renew(key, "one", ttl)).toBe(false);
      await s.release(key, "two");
    } finally {
      await s.close();
    }
  });

  it("lease: of 20 owners racing for it, exactly one wins", async () => {
    const a = await createStore(url());
    const b = await createStore(url());
    try {
      const key = `${name}-lease-race`;
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).acquire(key, `o${i}`, 60_000)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      await a.release(key, `o${results.indexOf(true)}`);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it("claim: an expired claim can be taken again", async () => {
    const s = await createStore(url());
    try {
      const key = `${name}-expiry`;
      expect(await s.claim(key, 150)).toBe(true);
      expect(await s.claim(key, 150)).toBe(false);
      await new Promise((r) => setTimeout(r, 400));
      expect(await s.claim(key, 150)).toBe(true);
    } finally {
      await s.close();
    }
  });
});

describe("sqlite store", () => {
  it("creates the directory, and data survives closing and reopening", async () => {
    const url = `sqlite://${join(dir, "nested", "deeper", "form4.sqlite")}`;
    const first = await createStore(url);
    await first.kv("state").set("watch", ["ASTI"]);
    await first.close();
    const second = await createStore(url);
    expect(await second.kv("state").get("watch")).toEqual(["ASTI"]);
    await second.close();
  });

  it("claim expiry follows the injected clock", async () => {
    let t = 1_000_000;
    const s = await createStore(`sqlite://${join(dir, "clock.sqlite")}`, { now: () => t });
    try {
      expect(await s.claim("slot", 1000)).toBe(true);
      t += 999;
      expect(await s.claim("slot", 1000)).toBe(false);
      t += 1;
      expect(await s.claim("slot", 1000)).toBe(true);
    } finally {
      await s.close();
    }
  });

  it.each(["sqlite:///proc/self/x/form4.sqlite", "sqlite:///proc/form4.sqlite"])(
    "%s fails at once with a message naming STORE_URL (no hang)",
    async (url) => {
      const error = await createStore(url).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreError);
      expect((error as Error).message).toMatch(/^STORE_URL sqlite:\/\/\/proc\/.*cannot open/);
    },
    3000,
  );

  it("reads relative paths against the working directory", () => {
    expect(sqlitePath("sqlite://data/form4.sqlite")).toBe(join(process.cwd(), "data/form4.sqlite"));
    expect(sqlitePath("sqlite:///var/lib/form4.sqlite")).toBe("/var/lib/form4.sqlite");
  });

  it("says which STORE_URL could not be opened", async () => {
    const blocked = join(dir, "a-file");
    const first = await createStore(`sqlite://${blocked}`);
    await first.close();
    // A directory cannot be created under a file.
    const error = await createStore(`sqlite://${blocked}/sub/x.sqlite`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(String((error as Error).message)).toContain("STORE_URL");
  });
});

describe("memory store", () => {
  it("claims with the injected clock and releases only its own", async () => {
    let t = 0;
    const s: Store = await createStore("memory://", { now: () => t });
    expect(await s.claim("k", 10)).toBe(true);
    expect(await s.claim("k", 10)).toBe(false);
    t = 10;
    expect(await s.claim("k", 10)).toBe(true);
    await s.release("k");
    expect(await s.claim("k", 10)).toBe(true);
    await s.kv("state").set("x", 1);
    expect(await s.kv("state").get("x")).toBe(1);
    expect(await s.kv("edgar").get("x")).toBeUndefined();
    await s.close();
  });
});

describe("redis store", () => {
  it("says which STORE_URL could not be reached, without its password", async () => {
    const error = await createStore("redis://user:secret@127.0.0.1:1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toContain("STORE_URL redis://user:***@127.0.0.1:1");
    expect((error as Error).message).not.toContain("secret");
  });

  it("rejects other schemes", async () => {
    await expect(createStore("postgres://x")).rejects.toBeInstanceOf(StoreError);
  });
});
