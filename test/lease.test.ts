import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LeaseRegistry, takeLease } from "../src/lease.js";
import { createStore } from "../src/store.js";
import { startRedis, type TestRedis } from "./helpers/redis.js";

let redis: TestRedis;
let dir: string;

beforeAll(async () => {
  redis = await startRedis();
  dir = mkdtempSync(join(tmpdir(), "form4-lease-"));
});

afterAll(async () => {
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each([
  { name: "sqlite", url: () => `sqlite://${join(dir, "lease.sqlite")}` },
  { name: "redis", url: () => redis.url },
  { name: "memory", url: () => "memory://" },
])("takeLease on $name", ({ name, url }) => {
  it("is renewed while held, so nobody takes it after its TTL; released, it is free", async () => {
    const store = await createStore(url());
    try {
      const key = `${name}-held`;
      // Generous against a loaded machine: renewed every 300 ms, checked after 3 TTLs.
      const lease = await takeLease(store, key, { ttlMs: 900 });
      expect(lease).not.toBeNull();
      expect(await takeLease(store, key, { ttlMs: 900 })).toBeNull();
      await sleep(2700);
      expect(lease?.held()).toBe(true);
      expect(await store.acquire(key, "other", 150)).toBe(false);
      await lease?.release();
      expect(lease?.held()).toBe(false);
      expect(await store.acquire(key, "other", 150)).toBe(true);
    } finally {
      await store.close();
    }
  });

  it("a holder that stops renewing (a crash) blocks the key for one TTL only", async () => {
    const store = await createStore(url());
    try {
      const key = `${name}-crashed`;
      // A dead process's lease: acquired, never renewed.
      expect(await store.acquire(key, "dead", 200)).toBe(true);
      expect(await takeLease(store, key, { ttlMs: 200 })).toBeNull();
      await sleep(300);
      const lease = await takeLease(store, key, { ttlMs: 200 });
      expect(lease).not.toBeNull();
      await lease?.release();
    } finally {
      await store.close();
    }
  });

  it("signals loss when the lease was taken over", async () => {
    const store = await createStore(url());
    try {
      const key = `${name}-lost`;
      const lease = await takeLease(store, key, { ttlMs: 300, renewEveryMs: 50 });
      if (!lease) throw new Error("not taken");
      // Someone removed it and took it (as after an expiry while this process was stalled).
      await store.release(key, lease.owner);
      expect(await store.acquire(key, "thief", 60_000)).toBe(true);
      await sleep(150);
      expect(lease.signal.aborted).toBe(true);
      expect(lease.held()).toBe(false);
      await lease.release();
      // Releasing a lost lease leaves the new holder alone.
      expect(await store.renew(key, "thief", 60_000)).toBe(true);
      await store.release(key, "thief");
    } finally {
      await store.close();
    }
  });
});

describe("LeaseRegistry", () => {
  it("releases every lease still held (shutdown)", async () => {
    const store = await createStore("memory://");
    const registry = new LeaseRegistry();
    const a = await takeLease(store, "a", { ttlMs: 60_000 }, registry);
    const b = await takeLease(store, "b", { ttlMs: 60_000 }, registry);
    await a?.release();
    expect(registry.size).toBe(1);
    await registry.releaseAll();
    expect(registry.size).toBe(0);
    expect(b?.held()).toBe(false);
    expect(await store.acquire("b", "next", 1000)).toBe(true);
  });
});
