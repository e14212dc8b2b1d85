// Structured warnings: every sentence in `warnings` has its {code, where, text} twin, in order.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseFiling } from "../../src/form4/parse/index.js";
import { summarize } from "../../src/form4/summarize.js";
import { rowLine } from "../../src/render/content.js";
import { formatPrice } from "../../src/render/format.js";
import { summaryJson } from "../../src/render/json.js";
import { SEED_FILE } from "../fixtures.js";
import { filing, row } from "./build-filing.js";

describe("warningDetails", () => {
  it("mirrors warnings one for one, with a kind and a place", () => {
    const s = summarize(
      filing({
        rows: [
          row({ code: "P", ad: "A", shares: 100, price: 5, after: 1100 }),
          row({ code: "P", ad: "A", shares: null, price: 5.1, after: 1350 }),
          row({ code: "S", ad: "D", shares: 50, price: null, after: 1300 }),
        ],
      }),
    );
    expect(s.warningDetails.map((w) => w.text)).toEqual(s.warnings);
    expect(s.warningDetails).toEqual([
      {
        code: "shares-inferred",
        where: "Table I row 2",
        text: "Table I row 2: shares not stated; 250 inferred from the change in shares owned after (1,100 to 1,350)",
      },
      {
        code: "price-missing",
        where: "Table I row 3",
        text: "Table I row 3: no price reported; its 50 shares are left out of the average price and value",
      },
    ]);
  });

  it("places the seed's reader problems on their row and keeps the text form", () => {
    const s = summarize(parseFiling(readFileSync(SEED_FILE, "utf8")));
    expect(s.warningDetails.map((w) => w.text)).toEqual(s.warnings);
    expect(s.warningDetails.map((w) => [w.code, w.where])).toEqual([
      ["unreadable", "Table I row 5"],
      ["security-recovered", "Table I row 5"],
      ["shares-inferred", "Table I row 5"],
    ]);
    const json = summaryJson(s);
    expect(json.warnings).toEqual(s.warnings);
    expect(json.warningDetails).toEqual(s.warningDetails);
    // An addition: after every key that was there before.
    expect(Object.keys(json).at(-1)).toBe("warningDetails");
  });

  it("says an amendment and its missing original date about the filing", () => {
    const s = summarize(
      filing({ formType: "4/A", rows: [row({ shares: 10, price: 1, after: 0 })] }),
      { filedDate: "2020-01-02" },
    );
    expect(s.warningDetails.map((w) => [w.code, w.where])).toEqual([
      ["amendment", "filing"],
      ["original-date-missing", "filing"],
    ]);
  });
});

describe("numbers in warnings read as in the rows", () => {
  it("a price of 16.765 is $16.77 in the warning and in the row", () => {
    const s = summarize(
      filing({
        rows: [row({ code: "S", shares: 100, price: 16.765, after: 900, priceFootnotes: ["F1"] })],
        footnotes: {
          F1: "The price reported is a weighted average price; prices ranged from $17.00 to $17.50.",
        },
      }),
    );
    const warning = s.warningDetails.find((w) => w.code === "price-range-mismatch");
    expect(warning?.text).toContain("does not contain the reported price $16.77");
    const t = s.transactions[0];
    expect(t && formatPrice(t.price)).toBe("$16.77");
    expect(
      rowLine(t as (typeof s.transactions)[number], { text: (x) => x, strong: (x) => x }, false),
    ).toContain("$16.77");
  });
});
