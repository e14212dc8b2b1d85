import { describe, expect, it } from "vitest";
import {
  codeLabel,
  describeCode,
  headlineVerb,
  isOpenMarket,
  mirrorsTableI,
  OPEN_MARKET_CODES,
  pastVerb,
  TRANSACTION_CODES,
  transactionCode,
} from "../../src/form4/codes.js";

describe("TRANSACTION_CODES", () => {
  it("lists every Form 4 transaction code exactly once", () => {
    const codes = TRANSACTION_CODES.map((c) => c.code);
    expect([...codes].sort()).toEqual([
      "A",
      "C",
      "D",
      "E",
      "F",
      "G",
      "H",
      "I",
      "J",
      "K",
      "L",
      "M",
      "O",
      "P",
      "S",
      "U",
      "V",
      "W",
      "X",
      "Z",
    ]);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("gives every code a plain name and the SEC's wording", () => {
    for (const c of TRANSACTION_CODES) {
      expect(c.name.length, c.code).toBeGreaterThan(3);
      expect(c.official.length, c.code).toBeGreaterThan(c.name.length / 2);
      expect(c.name, c.code).toBe(c.name.toLowerCase());
    }
  });

  it.each([
    ["S", "open-market sale"],
    ["P", "open-market purchase"],
    ["M", "option exercise or conversion of derivative"],
    ["A", "grant or award"],
    ["G", "gift"],
    ["D", "disposition to the issuer"],
    ["J", "other acquisition or disposition"],
  ])("%s is %s", (code, name) => expect(transactionCode(code)?.name).toBe(name));

  it("names F as tax withholding", () => {
    expect(transactionCode("F")?.name).toMatch(/^tax withholding/);
  });
});

describe("transactionCode / describeCode", () => {
  it("accepts lower case and stray spaces", () => {
    expect(transactionCode(" s ")?.code).toBe("S");
  });

  it("does not guess unknown codes", () => {
    expect(transactionCode("Q")).toBeUndefined();
    expect(describeCode("Q")).toBe('transaction code "Q" (not a Form 4 code)');
    expect(describeCode(null)).toBe("transaction with no code");
    expect(describeCode("  ")).toBe("transaction with no code");
    expect(describeCode("P")).toBe("open-market purchase");
  });

  it("knows the usual direction only where it is clear", () => {
    expect(transactionCode("S")?.usualDirection).toBe("D");
    expect(transactionCode("P")?.usualDirection).toBe("A");
    expect(transactionCode("G")?.usualDirection).toBeNull();
    expect(transactionCode("M")?.usualDirection).toBeNull();
  });
});

describe("what a code means, in one table", () => {
  it("marks P and S, and only them, as open-market trades", () => {
    expect(TRANSACTION_CODES.filter((c) => c.openMarket).map((c) => c.code)).toEqual(["P", "S"]);
    expect(OPEN_MARKET_CODES).toEqual(["P", "S"]);
    expect(isOpenMarket(" s ")).toBe(true);
    expect(isOpenMarket("M")).toBe(false);
    expect(isOpenMarket(null)).toBe(false);
  });

  it("marks exercises and conversions as mirroring a Table I row", () => {
    expect(
      TRANSACTION_CODES.filter((c) => c.mirrorsTableI)
        .map((c) => c.code)
        .sort(),
    ).toEqual(["C", "M", "O", "X"]);
    expect(mirrorsTableI("F")).toBe(false);
    expect(mirrorsTableI(undefined)).toBe(false);
  });

  it.each([
    ["S", "D", "nonDerivative", "sold {n}"],
    ["P", "A", "nonDerivative", "bought {n}"],
    ["A", "A", "nonDerivative", "was granted {n}"],
    ["A", "D", "nonDerivative", "returned {n}"],
    ["M", "A", "nonDerivative", "acquired {n} by exercising derivatives"],
    ["M", "D", "derivative", "exercised {n}"],
    ["X", "D", "derivative", "exercised {n}"],
    // Class B shares acquired for warrants are an acquisition, not an exercise of Class B.
    ["X", "A", "derivative", "acquired {n} by exercising derivatives"],
    ["C", "A", "nonDerivative", "acquired {n} by conversion"],
    ["C", "D", "derivative", "converted {n}"],
    ["F", "D", "nonDerivative", "had {n} withheld for tax or the exercise price"],
    ["G", "D", "nonDerivative", "gave {n} as a gift"],
    ["G", "A", "nonDerivative", "received {n} as a gift"],
    ["W", "A", "nonDerivative", "inherited {n}"],
    ["J", "A", "nonDerivative", "acquired {n}"],
    ["Q", "D", "nonDerivative", "disposed of {n}"],
  ] as const)("%s %s in %s reads %s", (code, dir, table, phrase) => {
    expect(headlineVerb(code, dir, table)).toBe(phrase);
  });

  it("says 'reported' when neither the code nor the row gives a direction", () => {
    expect(headlineVerb("J", null)).toBe("reported {n}");
    expect(headlineVerb(null, null)).toBe("reported {n}");
  });

  it("gives every code a short label and a past verb for each direction", () => {
    for (const c of TRANSACTION_CODES) {
      expect(c.label.length, c.code).toBeGreaterThan(2);
      expect(c.label.length, c.code).toBeLessThanOrEqual(30);
      expect(c.verbs.A, c.code).toContain("{n}");
      expect(c.verbs.D, c.code).toContain("{n}");
    }
    expect(codeLabel("S")).toBe("Sale");
    expect(codeLabel("Q")).toBe("Code Q");
    expect(codeLabel(null)).toBe("No code");
    expect(pastVerb("S", "D")).toBe("sold");
    expect(pastVerb("P", "A")).toBe("bought");
    expect(pastVerb("M", "A")).toBe("acquired");
    expect(pastVerb("F", "D")).toBe("disposed of");
  });
});
