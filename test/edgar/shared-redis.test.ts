// Two instances on one real redis-server share one 10-a-second budget and one throttle gate, as
// the SEC counts "regardless of the number of machines": counted at the EDGAR stand-in, which
// throttles by itself (as EDGAR does) the moment more than 10 requests arrive within a second.

import Keyv from "keyv";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { EdgarClient, FOREVER } from "../../src/edgar/client.js";
import { EdgarError } from "../../src/edgar/errors.js";
import { createRequestLimiter } from "../../src/edgar/limiter.js";
import { type OpenedEdgarStack, openEdgarStack } from "../../src/edgar/stack.js";
import { memoryGate } from "../../src/edgar/throttle.js";
import { startRedis, type TestRedis } from "../helpers/redis.js";
import { ASTI, type EdgarStandIn, startEdgarStandIn } from "../stand-ins/edgar.js";

let redis: TestRedis;
let edgar: EdgarStandIn;
const opened: OpenedEdgarStack[] = [];

beforeAll(async () => {
  redis = await startRedis();
  edgar = await startEdgarStandIn({ throttleOverRate: true });
});

afterAll(async () => {
  for (const s of opened) await s.close();
  await edgar?.close();
  await redis?.stop();
});

afterEach(() => edgar.clearFaults());

/** One instance: its own Redis connection, and its own in-process limiter should Redis fail. */
async function instance(): Promise<OpenedEdgarStack> {
  const stack = await openEdgarStack({
    config: edgar.config,
    storeUrl: redis.url,
    backoffMs: 20,
  });
  opened.push(stack);
  return stack;
}

describe("two instances on one Redis", () => {
  it("share one 10-a-second budget: EDGAR never sees more than 10 in a second", async () => {
    const a = await instance();
    const b = await instance();
    const before = edgar.requests.length;
    // 30 different documents each (so nothing is shared through the cache), all asked at once.
    const paths = (k: string) =>
      Array.from({ length: 30 }, (_, i) => `${ASTI.folder}doc4.xml?${k}=${i}`);
    const started = performance.now();
    const answers = await Promise.all([
      ...paths("a").map((p) => a.client.get(a.client.wwwUrl(p), FOREVER)),
      ...paths("b").map((p) => b.client.get(b.client.wwwUrl(p), FOREVER)),
    ]);
    const took = performance.now() - started;
    expect(answers.every((r) => r.body.includes("<ownershipDocument"))).toBe(true);
    const made = edgar.requests.slice(before);
    expect(made).toHaveLength(60);
    expect(edgar.maxPerSecond()).toBeLessThanOrEqual(10);
    expect(edgar.throttled()).toBe(0);
    // 60 requests at 10 a second take at least 5 s (the first 10 need no wait); not much more.
    expect(took).toBeGreaterThan(4900);
    expect(took).toBeLessThan(12_000);
  }, 30_000);

  it("the control: two instances with limiters of their own go over, and EDGAR throttles them", async () => {
    const clients = [1, 2].map(
      () =>
        new EdgarClient({
          config: edgar.config,
          cache: new Keyv(),
          limiter: createRequestLimiter(),
          gate: memoryGate(),
          retries: 0,
        }),
    );
    const before = edgar.throttled();
    await Promise.allSettled(
      clients.flatMap((c, k) =>
        Array.from({ length: 20 }, (_, i) =>
          c.get(c.wwwUrl(`${ASTI.folder}doc4.xml?own${k}=${i}`), FOREVER),
        ),
      ),
    );
    expect(edgar.maxPerSecond()).toBeGreaterThan(10);
    expect(edgar.throttled()).toBeGreaterThan(before);
  });
});

describe("one throttle gate for all instances", () => {
  it("when EDGAR throttles one instance, the other sends nothing either", async () => {
    const a = await instance();
    const b = await instance();
    edgar.fault(`${ASTI.folder}doc4.xml?gate=a`, { kind: "throttle", times: 1, blockMs: 60_000 });
    const error = await a.client
      .get(a.client.wwwUrl(`${ASTI.folder}doc4.xml?gate=a`), FOREVER)
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(EdgarError);
    expect((error as EdgarError).kind).toBe("throttled");
    const before = edgar.requests.length;
    const other = await b.client
      .get(b.client.wwwUrl(`${ASTI.folder}doc4.xml?gate=b`), FOREVER)
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect((other as EdgarError).kind).toBe("throttled");
    expect((other as EdgarError).message).toMatch(/for 10 minutes|for 9 minutes/);
    expect(edgar.requests.length).toBe(before);
  });
});
