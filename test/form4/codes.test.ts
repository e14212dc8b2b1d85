import { describe, expect, it } from "vitest";
import { describeCode, TRANSACTION_CODES, transactionCode } from "../../src/form4/codes.js";

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
