// The market digest against the EDGAR stand-in: a daily index of 50+ real Form 4 filings, read
// through the real EDGAR client (its shared 10-per-second limiter), ranked right, and within the
// rate limit as the stand-in counts it.
import Keyv from "keyv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readMarketDay } from "../../src/digest/market-reader.js";
import { EdgarClient } from "../../src/edgar/client.js";
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

function client() {
  return new EdgarClient({ config: edgar.config, cache: new Keyv(), backoffMs: 20 });
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
