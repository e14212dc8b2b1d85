import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatDate,
  formatDateRange,
  formatMoney,
  formatPrice,
  formatPriceRange,
  formatShares,
  formatSignedShares,
  PRICE_NOT_REPORTED,
  plural,
  truncateWords,
} from "../../src/render/format.js";

describe("formatShares", () => {
  it("groups thousands", () => {
    expect(formatShares(1500)).toBe("1,500");
    expect(formatShares(42_800)).toBe("42,800");
    expect(formatShares(1_234_567)).toBe("1,234,567");
    expect(formatShares(0)).toBe("0");
  });
  it("keeps fractional shares, trimmed of trailing zeros", () => {
    expect(formatShares(1234.5678)).toBe("1,234.5678");
    expect(formatShares(1234.5)).toBe("1,234.5");
    expect(formatShares(0.3356)).toBe("0.3356");
    expect(formatShares(10.0)).toBe("10");
  });
  it("hides float noise from sums", () => {
    expect(formatShares(0.1 + 0.2)).toBe("0.3");
  });
  it("signs by direction with a real minus", () => {
    expect(formatSignedShares(700, "D")).toBe("\u2212700");
    expect(formatSignedShares(700, "A")).toBe("+700");
    expect(formatSignedShares(700, null)).toBe("700");
  });
});

describe("formatPrice", () => {
  it("shows prices from $1 up to the cent", () => {
    expect(formatPrice(16.81)).toBe("$16.81");
    expect(formatPrice(16.8138)).toBe("$16.81");
    expect(formatPrice(16.816)).toBe("$16.82");
    expect(formatPrice(1)).toBe("$1.00");
    expect(formatPrice(1234.5)).toBe("$1,234.50");
  });
  it("is precise for penny stocks: at least 2 decimals, up to 4 significant digits", () => {
    expect(formatPrice(0.0042)).toBe("$0.0042");
    expect(formatPrice(0.5)).toBe("$0.50");
    expect(formatPrice(0.05)).toBe("$0.05");
    expect(formatPrice(0.123456)).toBe("$0.1235");
    expect(formatPrice(0.00004217)).toBe("$0.00004217");
    expect(formatPrice(0.99999)).toBe("$1.00");
  });
  it("says unknown as unknown and a stated $0 as $0.00", () => {
    expect(formatPrice(null)).toBe(PRICE_NOT_REPORTED);
    expect(formatPrice(undefined)).toBe("price not reported");
    expect(formatPrice(Number.NaN)).toBe(PRICE_NOT_REPORTED);
    expect(formatPrice(0)).toBe("$0.00");
  });
  it("never renders a positive price as $0", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-9, max: 1e6, noNaN: true }), (p) => {
        const s = formatPrice(p);
        expect(s).toMatch(/^\$[\d,]+\.\d{2,}$/);
        expect(Number(s.slice(1).replace(/,/g, ""))).toBeGreaterThan(0);
      }),
    );
  });
  it("ranges collapse when both ends are equal", () => {
    expect(formatPriceRange(16.76, 16.96)).toBe("$16.76\u2013$16.96");
    expect(formatPriceRange(16.76, 16.76)).toBe("$16.76");
  });
});

describe("formatMoney", () => {
  it("shows whole dollars with separators", () => {
    expect(formatMoney(21_858)).toBe("$21,858");
    expect(formatMoney(11_732.000000000002)).toBe("$11,732");
    expect(formatMoney(999_999.4)).toBe("$999,999");
    expect(formatMoney(0)).toBe("$0");
  });
  it("shows large values in millions and billions", () => {
    expect(formatMoney(1_200_000)).toBe("$1.2M");
    expect(formatMoney(1_000_000)).toBe("$1M");
    expect(formatMoney(999_999.6)).toBe("$1M");
    expect(formatMoney(3_400_000_000)).toBe("$3.4B");
    expect(formatMoney(999_960_000)).toBe("$1B");
    expect(formatMoney(45_678_901)).toBe("$45.7M");
  });
  it("shows small values to the cent so penny trades do not read $0", () => {
    expect(formatMoney(0.42)).toBe("$0.42");
    expect(formatMoney(12.5)).toBe("$12.50");
  });
});

describe("dates", () => {
  it("reads like people write them", () => {
    expect(formatDate("2007-11-13")).toBe("Nov 13, 2007");
    expect(formatDate("2025-01-05")).toBe("Jan 5, 2025");
    expect(formatDate("not a date")).toBe("not a date");
  });
  it("ranges", () => {
    expect(formatDateRange(["2007-11-13"])).toBe("Nov 13, 2007");
    expect(formatDateRange(["2007-11-13", "2007-11-13"])).toBe("Nov 13, 2007");
    expect(formatDateRange(["2007-11-13", "2007-11-14", "2007-11-15"])).toBe(
      "Nov 13\u201315, 2007",
    );
    expect(formatDateRange(["2007-11-28", "2007-12-02"])).toBe("Nov 28 \u2013 Dec 2, 2007");
    expect(formatDateRange(["2007-12-30", "2008-01-02"])).toBe("Dec 30, 2007 \u2013 Jan 2, 2008");
    expect(formatDateRange([])).toBe("date not reported");
  });
});

describe("plural", () => {
  it("counts", () => {
    expect(plural(1, "day")).toBe("1 day");
    expect(plural(144, "day")).toBe("144 days");
    expect(plural(2, "more kind of trade", "more kinds of trade")).toBe("2 more kinds of trade");
  });
});

describe("truncateWords", () => {
  it("leaves short text alone", () => {
    expect(truncateWords("short text", 20)).toBe("short text");
  });
  it("cuts on a word boundary with an ellipsis", () => {
    expect(truncateWords("the quick brown fox jumps", 16)).toBe("the quick brown\u2026");
  });
  it("cuts a single overlong word but never inside an entity", () => {
    const s = `${"a".repeat(20)}&amp;${"b".repeat(20)}`;
    const out = truncateWords(s, 23);
    expect(out).toBe(`${"a".repeat(20)}\u2026`);
  });
  it("never exceeds the limit and always ends with … when cut", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.integer({ min: 2, max: 200 }), (s, max) => {
        const out = truncateWords(s, max);
        expect(out.length).toBeLessThanOrEqual(max);
        if (s.length > max) expect(out.endsWith("\u2026")).toBe(true);
        else expect(out).toBe(s);
      }),
    );
  });
});
