import { describe, expect, it } from "vitest";
import {
  emptyCursor,
  LOOKBACK_DAYS,
  recordPosted,
  settle,
  tickerCursor,
  unposted,
} from "../../src/digest/cursor.js";
import type { FilingRef } from "../../src/edgar/types.js";

const ref = (accessionNumber: string, filedDate: string): FilingRef => ({
  accessionNumber,
  cik: "0001350102",
  form: "4",
  filedDate,
  primaryDocument: null,
});

const watched = {
  ticker: "ASTI",
  cik: "0001350102",
  name: "Ascent Solar",
  addedAt: Date.parse("2020-11-24T15:00:00Z"),
};

describe("ticker cursor", () => {
  it("starts on the EDGAR (Eastern) date the ticker was added", () => {
    // 02:00Z on the 25th is still the 24th in New York.
    const late = { ...watched, addedAt: Date.parse("2020-11-25T02:00:00Z") };
    expect(tickerCursor(emptyCursor(), late)).toEqual({
      addedAt: late.addedAt,
      since: "2020-11-24",
      posted: {},
    });
  });

  it("starts afresh when the ticker was unwatched and watched again", () => {
    const cursor = {
      ...emptyCursor(),
      tickers: { ASTI: { addedAt: 1, since: "2019-01-01", posted: { a: "2019-01-01" } } },
    };
    expect(tickerCursor(cursor, watched).since).toBe("2020-11-24");
  });

  it("lists each filing once, not before its date, not once posted", () => {
    let c = tickerCursor(emptyCursor(), watched);
    const refs = [
      ref("a", "2020-11-23"),
      ref("b", "2020-11-24"),
      ref("c", "2020-11-24"),
      ref("c", "2020-11-24"),
    ];
    expect(unposted(c, refs).map((r) => r.accessionNumber)).toEqual(["b", "c"]);
    c = recordPosted(c, [ref("b", "2020-11-24")]);
    expect(unposted(c, refs).map((r) => r.accessionNumber)).toEqual(["c"]);
    c = recordPosted(c, [ref("c", "2020-11-24")]);
    expect(unposted(c, [...refs, ref("d", "2020-11-25")]).map((r) => r.accessionNumber)).toEqual([
      "d",
    ]);
  });

  it("settles: forgets accessions older than the look-back window, never moves backwards", () => {
    let c = tickerCursor(emptyCursor(), watched);
    c = recordPosted(c, [ref("b", "2020-11-24"), ref("e", "2020-12-10")]);
    const now = Date.parse("2020-12-10T23:00:00Z");
    const s = settle(c, now);
    expect(LOOKBACK_DAYS).toBe(7);
    expect(s.since).toBe("2020-12-03");
    expect(s.posted).toEqual({ e: "2020-12-10" });
    // A later filing of the 10th that shows up late is still new; "e" is not.
    expect(
      unposted(s, [ref("e", "2020-12-10"), ref("f", "2020-12-10")]).map((r) => r.accessionNumber),
    ).toEqual(["f"]);
    // Settling early does not move the date back.
    expect(settle(c, Date.parse("2020-11-25T00:00:00Z")).since).toBe("2020-11-24");
  });
});
