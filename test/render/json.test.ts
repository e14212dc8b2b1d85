import { describe, expect, it } from "vitest";
import { summaryJson } from "../../src/render/json.js";
import { buildSummary, seedSummary, transaction } from "./build-summary.js";

describe("summaryJson", () => {
  const json = summaryJson(seedSummary());

  it("keeps the contract's key order, additions after", () => {
    expect(Object.keys(json).slice(0, 12)).toEqual([
      "formType",
      "accessionNumber",
      "issuer",
      "owners",
      "transactions",
      "totals",
      "plan10b51",
      "holdingsAfter",
      "derivativesHeld",
      "lateFiling",
      "warnings",
      "source",
    ]);
    expect(Object.keys(json.issuer)).toEqual(["cik", "name", "ticker"]);
    expect(Object.keys(json.owners[0] ?? {})).toEqual(["cik", "name", "roles", "title"]);
    expect(Object.keys(json.transactions[0] ?? {}).slice(0, 11)).toEqual([
      "table",
      "security",
      "date",
      "code",
      "acquiredDisposed",
      "shares",
      "price",
      "sharesOwnedAfter",
      "ownership",
      "nature",
      "inferred",
    ]);
    expect(Object.keys(json.totals.S ?? {}).slice(0, 6)).toEqual([
      "shares",
      "pricedShares",
      "averagePrice",
      "minPrice",
      "maxPrice",
      "value",
    ]);
    expect(Object.keys(json.plan10b51).slice(0, 3)).toEqual(["used", "source", "adoptionDate"]);
    expect(Object.keys(json.holdingsAfter[0] ?? {}).slice(0, 4)).toEqual([
      "security",
      "ownership",
      "nature",
      "shares",
    ]);
    expect(Object.keys(json.derivativesHeld[0] ?? {}).slice(0, 4)).toEqual([
      "security",
      "shares",
      "exercisePrice",
      "source",
    ]);
    expect(Object.keys(json.lateFiling ?? {})).toEqual(["businessDays", "late"]);
  });

  it("carries the seed numbers as numbers, without float noise", () => {
    expect(json.totals.S).toEqual({
      shares: 1500,
      pricedShares: 1300,
      averagePrice: 16.8138461538462,
      minPrice: 16.76,
      maxPrice: 16.96,
      value: 21858,
      unknownShareRows: 0,
    });
    expect(json.transactions[4]).toMatchObject({ shares: 200, price: null, inferred: true });
    expect(json.plan10b51).toMatchObject({
      used: true,
      source: "footnote",
      adoptionDate: "2007-06-22",
    });
  });

  it("keeps unknown as null and a stated 0 as 0", () => {
    const j = summaryJson(
      buildSummary({
        transactions: [transaction({ price: 0 }), transaction({ price: null, shares: null })],
        lateFiling: null,
      }),
    );
    expect(j.transactions.map((t) => [t.shares, t.price])).toEqual([
      [100, 0],
      [null, null],
    ]);
    expect(j.lateFiling).toBeNull();
  });

  it("survives a round trip through JSON unchanged", () => {
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});
