import { describe, expect, it } from "vitest";
import {
  cleanText,
  normalizeAccession,
  parseDate,
  parseFlag,
  parseNumber,
} from "../../../src/form4/parse/values.js";

describe("parseNumber", () => {
  it.each([
    ["43,600", 43600],
    ["$ 16.76", 16.76],
    ["0.0042", 0.0042],
    ["(1,000)", -1000],
    ["  1500 ", 1500],
    [".5", 0.5],
  ])("%s → %d", (raw, n) => expect(parseNumber(raw)).toBe(n));
  it.each(["", "abc", "1,00", "12a", "$", "-", "1.2.3", "4,0000"])("%s → null", (raw) =>
    expect(parseNumber(raw)).toBeNull(),
  );
});

describe("parseDate", () => {
  it.each([
    ["2007-11-13", "2007-11-13"],
    ["2024-07-19-05:00", "2024-07-19"],
    ["11/13/2007", "2007-11-13"],
    ["20071114", "2007-11-14"],
    ["June 22, 2007", "2007-06-22"],
    ["Nov. 3, 2023", "2023-11-03"],
    ["22 June 2007", "2007-06-22"],
  ])("%s → %s", (raw, iso) => expect(parseDate(raw)).toBe(iso));
  it.each(["2007-02-30", "13/13/2007", "yesterday", ""])("%s → null", (raw) =>
    expect(parseDate(raw)).toBeNull(),
  );
});

describe("parseFlag", () => {
  it("reads 1/0 and true/false", () => {
    expect(parseFlag("1")).toBe(true);
    expect(parseFlag("true")).toBe(true);
    expect(parseFlag("0")).toBe(false);
    expect(parseFlag("false")).toBe(false);
    expect(parseFlag("maybe")).toBeNull();
  });
});

describe("normalizeAccession", () => {
  it("adds dashes and rejects wrong lengths", () => {
    expect(normalizeAccession("000117911007016964")).toBe("0001179110-07-016964");
    expect(normalizeAccession("0001179110-07-016964")).toBe("0001179110-07-016964");
    expect(normalizeAccession("12345")).toBeNull();
  });
});

describe("cleanText", () => {
  it("treats every non-ASCII character as white space exactly when \\s does", () => {
    const wrong: string[] = [];
    for (let c = 0x80; c <= 0xffff; c++) {
      const s = `a ${String.fromCharCode(c)} b`;
      const expected = s.replace(/[\s\u00a0]+/g, " ").trim();
      if (cleanText(s) !== expected) wrong.push(c.toString(16));
    }
    expect(wrong).toEqual([]);
  });

  it("leaves clean text with curly quotes as it is, and collapses spaces around them", () => {
    expect(cleanText("the Issuer\u2019s shares")).toBe("the Issuer\u2019s shares");
    expect(cleanText(" the\u2003Issuer\u2019s \u00a0shares ")).toBe("the Issuer\u2019s shares");
  });
});
