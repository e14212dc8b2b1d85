// readHistory over the real EDGAR client and Form4Source, against the EDGAR stand-in serving the
// synthetic busy issuer (100 filings built from real ones) and the seed issuer ASTI.
import Keyv from "keyv";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { EdgarError } from "../../src/edgar/errors.js";
import { createRequestLimiter } from "../../src/edgar/limiter.js";
import { createEdgarStack } from "../../src/edgar/stack.js";
import type { Form4Source } from "../../src/edgar/types.js";
import { readHistory } from "../../src/history/read.js";
import { windowOfMonths } from "../../src/history/window.js";
import { addBusyIssuer, BUSY, BUSY_TICKER, type BuiltFiling } from "../stand-ins/busy-issuer.js";
import { type EdgarStandIn, startEdgarStandIn } from "../stand-ins/edgar.js";
import { BUSY_UNTIL, busyExpected } from "./busy-history.js";

let edgar: EdgarStandIn;
let built: BuiltFiling[];
const WINDOW = windowOfMonths(12, BUSY_UNTIL);

beforeAll(async () => {
  edgar = await startEdgarStandIn({ tickers: [BUSY_TICKER] });
  built = addBusyIssuer(edgar, { until: BUSY_UNTIL }).filings;
});
afterAll(() => edgar.close());
afterEach(() => edgar.clearFaults());

/** A source with its own cache; `fast` lifts the 10/s limit for tests about counting, not time. */
function source(fast = true): Form4Source {
  return createEdgarStack({
    config: edgar.config,
    cache: new Keyv(),
    backoffMs: 20,
    retries: 1,
    ...(fast ? { limiter: createRequestLimiter({ limit: 1000, intervalMs: 1000 }) } : {}),
  }).source;
}

async function requestsDuring(fn: () => Promise<unknown>): Promise<string[]> {
  const before = edgar.requests.length;
  await fn();
  return edgar.requests.slice(before).map((r) => r.path);
}

describe("readHistory", () => {
  it("reads every Form 4 of the window once (listing and its older page), and the sums follow the rows", async () => {
    const s = source();
    let listed = 0;
    let reads = 0;
    let history: Awaited<ReturnType<typeof readHistory>> | undefined;
    const paths = await requestsDuring(async () => {
      history = await readHistory(s, "busy", WINDOW, {
        onListed: (n) => {
          listed = n;
        },
        onRead: () => {
          reads += 1;
        },
      });
    });
    expect(listed).toBe(100);
    expect(reads).toBe(100);
    const docs = paths.filter((p) => p.endsWith("/doc4.xml"));
    expect(docs).toHaveLength(100);
    expect(new Set(docs).size).toBe(100);
    expect(paths).toContain(`/submissions/CIK${BUSY.cik}.json`);
    expect(paths).toContain(`/submissions/CIK${BUSY.cik}-submissions-001.json`);
    // The listed 8-K and 10-Q are never fetched.
    expect(paths.some((p) => p.includes("900001") || p.includes("900002"))).toBe(false);
    expect(paths).toHaveLength(100 + 3); // + the ticker map and the two listing pages
    const expected = busyExpected();
    expect(history?.openMarket.soldValue).toBeCloseTo(expected.total.soldValue, 4);
    expect(history?.openMarket.boughtValue).toBeCloseTo(expected.total.boughtValue, 4);
    expect(history?.openMarket.planSoldValue).toBeCloseTo(expected.total.planSoldValue, 4);
    expect(history?.filings).toHaveLength(100);
    expect(history?.filings[0]?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/Archives\/edgar\/data\//);

    // Warm: nothing is fetched again (the listing is fresh for a minute, filings forever).
    expect(await requestsDuring(() => readHistory(s, "BUSY", WINDOW))).toEqual([]);
  });

  it("bounds the work and says where it cut", async () => {
    const h = await readHistory(source(), "BUSY", WINDOW, {}, { maxFilings: 40 });
    expect(h.cut).toEqual({ listed: 100, read: 40, earliestFiledRead: expect.any(String) });
    expect(h.filings).toHaveLength(40);
    const newest40 = [...built].reverse().slice(0, 40);
    expect(h.cut?.earliestFiledRead).toBe(newest40[39]?.filedDate);
  });

  it("a window reads only the filings filed in it (3 months: the older page is not needed)", async () => {
    const s = source();
    const window = windowOfMonths(3, BUSY_UNTIL);
    let history: Awaited<ReturnType<typeof readHistory>> | undefined;
    const paths = await requestsDuring(async () => {
      history = await readHistory(s, "BUSY", window);
    });
    const inWindow = built.filter((b) => b.filedDate >= window.since);
    expect(paths.filter((p) => p.endsWith("/doc4.xml"))).toHaveLength(inWindow.length);
    expect(paths.some((p) => p.includes("submissions-001"))).toBe(false);
    for (const m of history?.months ?? []) expect(m.month >= window.since.slice(0, 7)).toBe(true);
  });

  it("a filing EDGAR will not give is reported as not read, the rest still counted", async () => {
    const victim = built[built.length - 1] as BuiltFiling;
    edgar.fault(victim.path, { kind: "status", status: 503 });
    const h = await readHistory(source(), "BUSY", WINDOW);
    expect(h.unread).toEqual([
      {
        accessionNumber: victim.accessionNumber,
        url: null,
        reason: expect.stringMatching(/EDGAR/),
      },
    ]);
    expect(h.filings).toHaveLength(99);
  });

  it("leaves out a listed Form 4 of another issuer (ASTI's cross-listed NCV filing) and counts it", async () => {
    const h = await readHistory(source(), "ASTI", { since: "2007-01-01", until: "2007-12-31" });
    expect(h.notIssuer).toBe(1);
    expect(h.insiders.map((i) => i.name)).toEqual(["Ashutosh Misra"]);
    expect(h.openMarket.unpricedShares).toBe(200);
  });

  it("an unknown ticker is EDGAR's unknownTicker", async () => {
    await expect(readHistory(source(), "NOSUCHCO", WINDOW)).rejects.toBeInstanceOf(EdgarError);
  });

  it("cold at EDGAR's 10 a second: never more than 10 requests in any second", async () => {
    const before = edgar.requests.length;
    const started = performance.now();
    await readHistory(source(false), "BUSY", windowOfMonths(3, BUSY_UNTIL));
    const took = performance.now() - started;
    const requests = edgar.requests.slice(before);
    // Within any 1000 ms, at most 10 of this run's requests.
    const at = requests.map((r) => r.at);
    for (let i = 10; i < at.length; i++) {
      expect((at[i] ?? 0) - (at[i - 10] ?? 0)).toBeGreaterThanOrEqual(990);
    }
    expect(took).toBeGreaterThan(((requests.length - 10) / 10) * 1000 - 200);
  });
});
