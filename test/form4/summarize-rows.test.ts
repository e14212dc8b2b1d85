// Inferred shares, recovered security titles and the holdings cross-check.

import { describe, expect, it } from "vitest";
import { parseFiling } from "../../src/form4/parse/index.js";
import { summarize } from "../../src/form4/summarize.js";
import { readForm4Fixture } from "../fixtures.js";
import { filing, row } from "./build-filing.js";

describe("inferred shares", () => {
  it("infers a missing amount from the holdings change when the direction agrees", () => {
    const s = summarize(
      filing({
        rows: [
          row({ code: "P", ad: "A", shares: 100, price: 5, after: 1100 }),
          row({ code: "P", ad: "A", shares: null, price: 5.1, after: 1350 }),
        ],
      }),
    );
    expect(s.transactions[1]).toMatchObject({ shares: 250, inferred: true, price: 5.1 });
    // A stated price stays; the inferred shares count as priced.
    expect(s.totals.P).toMatchObject({ shares: 350, pricedShares: 350 });
    expect(s.totals.P?.value).toBeCloseTo(500 + 1275, 9);
    expect(s.groups[0]?.inferredShares).toBe(250);
    expect(s.warnings).toEqual([
      "Table I row 2: shares not stated; 250 inferred from the change in shares owned after (1,100 to 1,350)",
    ]);
  });

  it("does not infer when the holdings moved against the A/D code", () => {
    const s = summarize(
      filing({
        rows: [
          row({ shares: 100, price: 5, after: 900 }),
          row({ shares: null, price: 5, ad: "D", after: 1000 }),
        ],
      }),
    );
    expect(s.transactions[1]).toMatchObject({ shares: null, inferred: false });
    expect(s.totals.S?.shares).toBe(100);
    expect(s.warnings).toContain(
      "Table I row 2: shares not stated and could not be inferred; the row is left out of the totals",
    );
  });

  it("does not infer across ownership forms, natures or securities", () => {
    const s = summarize(
      filing({
        rows: [
          row({ shares: 100, price: 5, after: 900, ownership: "D" }),
          row({ shares: null, price: 5, after: 800, ownership: "I", nature: "By Trust" }),
          row({ security: "Preferred Stock", shares: null, price: 5, after: 700 }),
        ],
      }),
    );
    expect(s.transactions.map((t) => t.shares)).toEqual([100, null, null]);
  });

  it("does not infer without a previous holding, or when nothing changed", () => {
    const s = summarize(
      filing({
        rows: [
          row({ shares: null, price: 5, after: 900 }),
          row({ shares: null, price: 5, after: 900 }),
        ],
      }),
    );
    expect(s.transactions.map((t) => t.inferred)).toEqual([false, false]);
  });

  it("uses the code's usual direction when A/D is blank (S sells)", () => {
    const s = summarize(
      filing({
        rows: [
          row({ shares: 100, price: 5, after: 900 }),
          row({ code: "S", ad: null, shares: null, price: 5, after: 850 }),
          row({ code: "G", ad: null, shares: null, price: null, after: 800 }),
        ],
      }),
    );
    expect(s.transactions.map((t) => t.shares)).toEqual([100, 50, null]);
  });

  it("never invents a price", () => {
    const s = summarize(
      filing({
        rows: [
          row({ shares: 100, price: 5, after: 900 }),
          row({ shares: null, price: null, after: 800 }),
        ],
      }),
    );
    expect(s.transactions[1]).toMatchObject({ shares: 100, price: null, inferred: true });
    expect(s.totals.S).toMatchObject({
      shares: 200,
      pricedShares: 100,
      value: 500,
      averagePrice: 5,
    });
    expect(s.groups[0]?.unpricedShares).toBe(100);
  });

  it("does not infer Table II amounts between grants it cannot tell apart", () => {
    const s = summarize(
      filing({
        rows: [
          row({ table: "derivative", security: "RSU", code: "M", shares: 10, price: 0, after: 90 }),
          row({
            table: "derivative",
            security: "RSU",
            code: "M",
            shares: null,
            price: 0,
            after: 40,
          }),
        ],
      }),
    );
    expect(s.transactions[1]?.shares).toBeNull();
  });
});

describe("a damaged row without a security title", () => {
  it("continues the row before it only when the holdings chain continues", () => {
    const s = summarize(
      filing({
        rows: [
          row({ shares: 100, price: 5, after: 900 }),
          row({ security: null, shares: 50, price: 5, after: 850 }),
        ],
      }),
    );
    expect(s.transactions[1]?.security).toBe("Common Stock");
    expect(s.warnings).toEqual([
      "Table I row 2: security title missing; taken as Common Stock from Table I row 1, because holdings continue from 900 to 850",
    ]);
    expect(s.holdingsAfter).toEqual([
      { security: "Common Stock", ownership: "D", nature: null, shares: 850 },
    ]);
  });

  it.each([
    ["the stated shares do not match the change", { shares: 70, after: 850 }],
    ["holdings moved the wrong way", { shares: null, after: 950 }],
    ["the ownership form differs", { shares: 50, after: 850, ownership: "I" as const }],
    ["the nature differs", { shares: 50, after: 850, nature: "By Spouse" }],
    ["holdings after are not stated", { shares: 50, after: null }],
  ])("stays unknown when %s", (_why, spec) => {
    const s = summarize(
      filing({
        rows: [
          row({ shares: 100, price: 5, after: 900 }),
          row({ security: null, price: 5, ...spec }),
        ],
      }),
    );
    expect(s.transactions[1]?.security).toBeNull();
    expect(s.warnings).toContain(
      "Table I row 2: security title missing and could not be recovered; the row is listed but left out of holdings",
    );
    expect(s.holdingsAfter.map((h) => h.shares)).toEqual([900]);
  });

  it("leaves a holding row without a title out of holdings, and says so", () => {
    const s = summarize(filing({ rows: [row({ kind: "holding", security: null, after: 500 })] }));
    expect(s.holdingsAfter).toEqual([]);
    expect(s.warnings).toEqual([
      "Table I holding 1: security title missing and could not be recovered; the row is left out of holdings",
    ]);
  });

  it("does not take a title across tables", () => {
    const s = summarize(
      filing({
        rows: [
          row({ shares: 100, price: 5, after: 900 }),
          row({ table: "derivative", security: null, shares: 50, price: 0, after: 850 }),
        ],
      }),
    );
    expect(s.transactions[1]?.security).toBeNull();
  });
});

describe("holdings cross-check", () => {
  it("names the row where the shares and the holdings change disagree", () => {
    const s = summarize(
      filing({
        rows: [
          row({ shares: 1000, price: 5, after: 10000, date: "2019-05-01" }),
          row({ shares: 1000, price: 5, after: 9500, date: "2019-05-02" }),
          row({ shares: 500, price: 5, after: 9000, date: "2019-05-02" }),
        ],
      }),
    );
    expect(s.warnings).toEqual([
      "Table I row 2 (Common Stock, 2019-05-02): 1,000 shares sold but holdings went from 10,000 to 9,500 (down 500); the filing does not add up here, both figures are shown as filed",
    ]);
    // Both figures stay as filed.
    expect(s.transactions[1]).toMatchObject({ shares: 1000, sharesOwnedAfter: 9500 });
  });

  it("stays quiet when rows listed out of order still add up", () => {
    const s = summarize(
      filing({
        rows: [
          row({ code: "M", ad: "A", shares: 1000, price: 10, after: 2000 }),
          // The filer listed the sales in a different order than their running balances.
          row({ shares: 300, price: 50, after: 1300 }),
          row({ shares: 400, price: 50, after: 1700 }),
          row({ shares: 300, price: 50, after: 1000 }),
        ],
      }),
    );
    expect(s.warnings).toEqual([]);
  });

  it("stays quiet when a footnote on the row accounts for the gap", () => {
    const s = summarize(
      filing({
        rows: [
          row({ code: "M", ad: "A", shares: 100, price: 0, after: 1100 }),
          row({ code: "F", ad: "D", shares: 40, price: 6, after: 1090, afterFootnotes: ["F2"] }),
        ],
        footnotes: {
          F2: "Includes 30 shares of Class A Common Stock acquired under the Issuer's employee stock purchase plan.",
        },
      }),
    );
    expect(s.warnings).toEqual([]);
  });

  it("says 'bought' for purchases and tolerates rounding below one share", () => {
    const s = summarize(
      filing({
        rows: [
          row({ code: "P", ad: "A", shares: 10.4, price: 5, after: 100.4 }),
          row({ code: "P", ad: "A", shares: 10.4, price: 5, after: 110.5 }),
          row({ code: "P", ad: "A", shares: 10, price: 5, after: 130 }),
        ],
      }),
    );
    expect(s.warnings).toEqual([
      "Table I row 3 (Common Stock, 2024-05-01): 10 shares bought but holdings went from 110.5 to 130 (up 19.5); the filing does not add up here, both figures are shown as filed",
    ]);
  });

  it("checks Table II grants told apart by exercise price and expiration", () => {
    const option = (shares: number, after: number, exercisePrice: number) =>
      row({
        table: "derivative",
        security: "Stock Option",
        code: "M",
        ad: "D",
        shares,
        price: 0,
        after,
        exercisePrice,
        expirationDate: "2030-01-01",
      });
    const s = summarize(
      filing({ rows: [option(100, 900, 10), option(100, 500, 20), option(100, 700, 10)] }),
    );
    expect(s.warnings).toEqual([
      "Table II row 3 (Stock Option, 2024-05-01): 100 shares disposed of but holdings went from 900 to 700 (down 200); the filing does not add up here, both figures are shown as filed",
    ]);
  });
});

describe("a purchase marked disposed (AREC, as filed)", () => {
  it("is shown as filed and warned about", () => {
    const s = summarize(parseFiling(readForm4Fixture("arec-golden-properties-2024-07-19.xml")));
    expect(s.transactions[0]).toMatchObject({ code: "P", acquiredDisposed: "D" });
    expect(s.warnings.join("\n")).toMatch(
      /code P \(open-market purchase\) is marked disposed \(D\)/,
    );
  });
});

describe("a row whose shares are unknown and cannot be inferred", () => {
  it("is counted as unknown in the totals, never as 0 shares", () => {
    const s = summarize(
      filing({
        rows: [
          row({ code: "S", ad: "D", shares: 800, price: 16.88, after: null }),
          row({ code: "S", ad: "D", shares: null, price: null, after: null }),
        ],
      }),
    );
    expect(s.totals.S).toMatchObject({ shares: 800, pricedShares: 800, unknownShareRows: 1 });
    expect(s.groups[0]?.unknownShareRows).toBe(1);
    expect(s.warnings.join("\n")).toMatch(/shares not stated and could not be inferred/);
  });
});
