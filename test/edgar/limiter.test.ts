import { afterEach, expect, it, vi } from "vitest";
import { createRequestLimiter, sharedRequestLimiter } from "../../src/edgar/limiter.js";

afterEach(() => {
  vi.useRealTimers();
});

it("lets `limit` requests leave at once", async () => {
  const limiter = createRequestLimiter({ limit: 3, intervalMs: 1000 });
  const releases = await Promise.all([1, 2, 3].map(() => limiter.acquire()));
  expect(releases).toHaveLength(3);
});

it("a request holds its slot until answered, then counts for a further interval", async () => {
  vi.useFakeTimers();
  const limiter = createRequestLimiter({ limit: 2, intervalMs: 1000, clock: () => Date.now() });
  const releaseA = await limiter.acquire();
  await limiter.acquire(); // B, never answered in this test
  let third = false;
  void limiter.acquire().then(() => {
    third = true;
  });
  await vi.advanceTimersByTimeAsync(5000);
  expect(third).toBe(false); // both still running, however long that takes
  releaseA();
  releaseA(); // a second release of one slot changes nothing
  await vi.advanceTimersByTimeAsync(999);
  expect(third).toBe(false); // A's answer still counts within the second
  await vi.advanceTimersByTimeAsync(1);
  expect(third).toBe(true);
});

it("waiters leave in the order they asked", async () => {
  vi.useFakeTimers();
  const limiter = createRequestLimiter({ limit: 1, intervalMs: 100, clock: () => Date.now() });
  const order: number[] = [];
  const asks = [1, 2, 3].map((n) =>
    limiter.acquire().then((release) => {
      order.push(n);
      release();
    }),
  );
  await vi.advanceTimersByTimeAsync(500);
  await Promise.all(asks);
  expect(order).toEqual([1, 2, 3]);
});

it("a person's lookup leaves before background work that asked earlier", async () => {
  vi.useFakeTimers();
  const limiter = createRequestLimiter({ limit: 1, intervalMs: 100, clock: () => Date.now() });
  const order: string[] = [];
  const ask = (name: string, priority: "interactive" | "background") =>
    limiter.acquire(priority).then((release) => {
      order.push(name);
      release();
    });
  const asks = [
    ask("history 1", "background"), // takes the free slot at once
    ask("history 2", "background"),
    ask("history 3", "background"),
    ask("lookup", "interactive"),
    ask("history 4", "background"),
  ];
  await vi.advanceTimersByTimeAsync(1000);
  await Promise.all(asks);
  expect(order).toEqual(["history 1", "lookup", "history 2", "history 3", "history 4"]);
});

it("a waiter whose priority rises (a person joined it) goes first from then on", async () => {
  vi.useFakeTimers();
  const limiter = createRequestLimiter({ limit: 1, intervalMs: 100, clock: () => Date.now() });
  const order: string[] = [];
  let joined: "interactive" | "background" = "background";
  const ask = (name: string, priority: "background" | (() => "interactive" | "background")) =>
    limiter.acquire(priority).then((release) => {
      order.push(name);
      release();
    });
  const asks = [
    ask("history 1", "background"),
    ask("history 2", "background"),
    ask("digest's filing", () => joined),
    ask("history 3", "background"),
  ];
  joined = "interactive";
  await vi.advanceTimersByTimeAsync(1000);
  await Promise.all(asks);
  expect(order).toEqual(["history 1", "digest's filing", "history 2", "history 3"]);
});

it("the process-wide limiter of an EDGAR in use is kept while other hosts come and go", () => {
  const inUse = sharedRequestLimiter(["https://www.sec.gov", "https://data.sec.gov"]);
  for (let i = 0; i < 100; i++) {
    sharedRequestLimiter([`http://127.0.0.1:${10_000 + i}`]);
    // Still in use: the same limiter (so the SEC's 10 a second stay shared), however many others.
    expect(sharedRequestLimiter(["https://data.sec.gov", "https://www.sec.gov"])).toBe(inUse);
  }
});
