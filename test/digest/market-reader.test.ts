// The market digest against the EDGAR stand-in: a daily index of 50+ real Form 4 filings, read
// through the real EDGAR client (its shared 10-per-second limiter), ranked right, and within the
// rate limit as the stand-in counts it.
import Keyv from "keyv";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { distinctForm4s, parseDailyIndex } from "../../src/digest/market.js";
import { latestPublishedDay, readMarketDay } from "../../src/digest/market-reader.js";
import { EdgarClient } from "../../src/edgar/client.js";
import { EdgarError } from "../../src/edgar/errors.js";
import { dailyIndexPath } from "../../src/edgar/links.js";
import { memoryGate } from "../../src/edgar/throttle.js";
import { type EdgarStandIn, startEdgarStandIn } from "../stand-ins/edgar.js";
import { type MarketDay, serveMarketDay } from "./market-day.js";

let edgar: EdgarStandIn;
let day: MarketDay;
const DATE = "2020-03-18";

beforeAll(async () => {
  edgar = await startEdgarStandIn();
  day = serveMarketDay(edgar, DATE);
});

afterAll(async () => {
  await edgar?.close();
});

function client(gate = memoryGate()) {
  return new EdgarClient({ config: edgar.config, cache: new Keyv(), backoffMs: 20, gate });
}

async function failure(promise: Promise<unknown>): Promise<EdgarError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof EdgarError) return error;
    throw error;
  }
  throw new Error("expected an EdgarError");
}

describe("market digest from EDGAR's daily index", () => {
  it("finds the right top 10 purchases and sales within 10 requests a second", async () => {
    expect(day.form4Count).toBeGreaterThanOrEqual(50);
    expect(day.purchases.length).toBeGreaterThanOrEqual(5);
    expect(day.sales).toHaveLength(10);
    const before = edgar.requests.length;
    const digest = await readMarketDay(DATE, { client: client() });
    expect(digest.form4Count).toBe(day.form4Count);
    expect(digest.read).toBe(day.form4Count);
    expect(digest.unreadable).toBe(0);
    const got = (trades: { accessionNumber: string; value: number }[]) =>
      trades.map((t) => ({
        accessionNumber: t.accessionNumber,
        value: Math.round(t.value * 100) / 100,
      }));
    expect(got(digest.purchases)).toEqual(got(day.purchases));
    expect(got(digest.sales)).toEqual(got(day.sales));
    // One request for the index and one per distinct Form 4; nothing for other forms or the 4/A.
    const made = edgar.requests.slice(before).map((r) => r.path);
    expect(made).toHaveLength(1 + day.form4Count);
    expect(made.filter((p) => p.includes("daily-index"))).toHaveLength(1);
    expect(edgar.maxPerSecond()).toBeLessThanOrEqual(10);
  });

  it("reads at most the bound and says so", async () => {
    const digest = await readMarketDay(DATE, { client: client(), maxFilings: 12 });
    expect(digest.form4Count).toBe(day.form4Count);
    expect(digest.read).toBe(12);
  });
});

describe("EDGAR's signals for the market digest", () => {
  afterEach(() => edgar.clearFaults());

  it("an unpublished daily index answers 403: the previous SEC business day is used", async () => {
    // 2020-03-19 is not served, so the stand-in answers 403 as EDGAR does; 2020-03-18 is.
    const before = edgar.requests.length;
    const day = await latestPublishedDay("2020-03-19", null, { client: client() });
    expect(day).toBe(DATE);
    const asked = edgar.requests.slice(before).map((r) => r.path);
    expect(asked).toEqual([dailyIndexPath("2020-03-19"), dailyIndexPath(DATE)]);
  });

  it("SEC business days, not NYSE days: Columbus Day is skipped, Good Friday is asked for", async () => {
    const before = edgar.requests.length;
    // 2020-10-12 was Columbus Day (SEC closed, NYSE open): no index, so it is never asked for.
    await latestPublishedDay("2020-10-12", "2020-10-08", { client: client() });
    // 2020-04-10 was Good Friday (NYSE closed, SEC open): it has an index, so it is asked for.
    await latestPublishedDay("2020-04-10", "2020-04-09", { client: client() });
    const asked = edgar.requests.slice(before).map((r) => r.path);
    expect(asked).toEqual([dailyIndexPath("2020-10-09"), dailyIndexPath("2020-04-10")]);
  });

  it("a daily index answered with an HTML page is an EDGAR failure, not an empty day", async () => {
    edgar.fault(dailyIndexPath(DATE), { kind: "html200" });
    const error = await failure(
      readMarketDay(DATE, {
        client: new EdgarClient({
          config: edgar.config,
          cache: new Keyv(),
          backoffMs: 5,
          retries: 1,
          gate: memoryGate(),
        }),
      }),
    );
    expect(error.kind).toBe("unavailable");
  });

  it("throttled midway: nothing more is sent and no partial day is returned", async () => {
    const c = client();
    const index = await c.get(c.wwwUrl(dailyIndexPath(DATE)), 60_000, {});
    // EDGAR throttles on the 5th filing read (in index order, one at a time).
    const fifth = distinctForm4s(parseDailyIndex(index.body))[4]?.fileName as string;
    edgar.fault(`/Archives/${fifth}`, { kind: "throttle", blockMs: 60_000 });
    const before = edgar.requests.length;
    const error = await failure(readMarketDay(DATE, { client: c, concurrency: 1 }));
    expect(error.kind).toBe("throttled");
    // The index (cached) is not asked again: 4 filings, the throttled one, and nothing after it.
    expect(edgar.requests.length - before).toBe(5);
    expect(edgar.throttled()).toBeGreaterThanOrEqual(1);
  });

  it("a filing answered once with an HTML page is retried and read", async () => {
    const target = day.accessions[2] as string;
    edgar.fault(new RegExp(target), { kind: "html200", times: 1 });
    const digest = await readMarketDay(DATE, { client: client() });
    expect(digest.unreadable).toBe(0);
    expect(digest.read).toBe(day.form4Count);
  });
});
