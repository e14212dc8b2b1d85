// Properties of summarize() over arbitrary (also damaged and inconsistent) filings.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Filing } from "../../src/form4/model.js";
import { summarize } from "../../src/form4/summarize.js";
import { filing, row } from "./build-filing.js";

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 4 });

const rowArb = fc
  .record({
    table: fc.constantFrom("nonDerivative" as const, "derivative" as const),
    kind: fc.constantFrom("transaction" as const, "transaction" as const, "holding" as const),
    security: maybe(fc.constantFrom("Common Stock", "Class A Common Stock", "Option")),
    date: maybe(fc.constantFrom("2024-05-01", "2024-05-02", "2024-05-06")),
    code: maybe(fc.constantFrom("S", "P", "M", "F", "A", "G", "J", "Q")),
    codeFootnotes: fc.subarray(["F1", "F2", "F3"]),
    shares: maybe(fc.integer({ min: 0, max: 100_000 })),
    price: maybe(fc.constantFrom(0, 1.25, 16.76, 100, 0.3509)),
    priceFootnotes: fc.subarray(["F2", "F3"]),
    ad: maybe(fc.constantFrom("A" as const, "D" as const)),
    after: maybe(fc.integer({ min: 0, max: 200_000 })),
    ownership: maybe(fc.constantFrom("D" as const, "I" as const)),
    nature: maybe(fc.constantFrom("By Trust", "By Spouse")),
    exercisePrice: maybe(fc.constantFrom(0, 10, 20)),
    expirationDate: maybe(fc.constantFrom("2030-01-01", "2031-01-01")),
  })
  .map((spec) => row(spec));

const FOOTNOTES = [
  "The sales were effected pursuant to a Rule 10b5-1 trading plan adopted on March 1, 2024.",
  "The price reported is a weighted average; prices ranging from $1.00 to $20.00, inclusive.",
  "Mr. Doe also holds 4,000 Class B Warrants and options to purchase 2,000 shares of common stock.",
  "These sales were not made pursuant to a Rule 10b5-1 plan.",
  "Price at close of business.",
];

const filingArb: fc.Arbitrary<Filing> = fc
  .record({
    rows: fc.array(rowArb, { maxLength: 12 }),
    f1: fc.constantFrom(...FOOTNOTES),
    f2: fc.constantFrom(...FOOTNOTES),
    f3: fc.constantFrom(...FOOTNOTES),
    aff10b5One: fc.constantFrom(null, true, false),
    formType: fc.constantFrom("4" as const, "4/A" as const),
    filedDate: maybe(fc.constantFrom("2024-05-02", "2024-05-10", "2024-04-01")),
    dateOfOriginalSubmission: maybe(fc.constantFrom("2024-05-03")),
  })
  .map(({ f1, f2, f3, ...rest }) => filing({ ...rest, footnotes: { F1: f1, F2: f2, F3: f3 } }));

function numbers(value: unknown): number[] {
  if (typeof value === "number") return [value];
  if (Array.isArray(value)) return value.flatMap(numbers);
  if (value !== null && typeof value === "object") return Object.values(value).flatMap(numbers);
  return [];
}

describe("summarize on arbitrary filings", () => {
  it("never throws, never produces NaN or Infinity, never repeats a warning", () => {
    fc.assert(
      fc.property(filingArb, (f) => {
        const s = summarize(f);
        for (const n of numbers(s)) expect(Number.isFinite(n)).toBe(true);
        expect(new Set(s.warnings).size).toBe(s.warnings.length);
        expect(s.transactions).toHaveLength(f.rows.filter((r) => r.kind === "transaction").length);
      }),
      { numRuns: 400 },
    );
  });

  it("keeps totals honest: unknown prices never counted, averages inside the price range", () => {
    fc.assert(
      fc.property(filingArb, (f) => {
        const s = summarize(f);
        for (const t of Object.values(s.totals)) {
          expect(t.pricedShares).toBeLessThanOrEqual(t.shares + 1e-9);
          if (t.pricedShares === 0) expect(t.averagePrice).toBeNull();
          if (t.averagePrice !== null) {
            expect(t.averagePrice).toBeGreaterThanOrEqual((t.minPrice as number) - 1e-9);
            expect(t.averagePrice).toBeLessThanOrEqual((t.maxPrice as number) + 1e-9);
          }
        }
        for (const g of s.groups) {
          expect(g.unpricedShares).toBeLessThanOrEqual(g.shares + 1e-9);
          expect(g.inferredShares).toBeLessThanOrEqual(g.shares + 1e-9);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("infers only amounts, never prices, and only from a stated holdings change", () => {
    fc.assert(
      fc.property(filingArb, (f) => {
        const s = summarize(f);
        const rows = f.rows.filter((r) => r.kind === "transaction");
        s.transactions.forEach((t, i) => {
          const source = rows[i];
          expect(t.price).toBe(source?.price.value ?? null);
          if (t.inferred) {
            expect(source?.shares.value).toBeNull();
            expect(t.shares).toBeGreaterThan(0);
            expect(t.sharesOwnedAfter).not.toBeNull();
          } else {
            expect(t.shares).toBe(source?.shares.value ?? null);
          }
        });
      }),
      { numRuns: 400 },
    );
  });

  it("reports only holdings the filing states, and an unchecked box as no plan", () => {
    fc.assert(
      fc.property(filingArb, (f) => {
        const s = summarize(f);
        const stated = new Set(f.rows.map((r) => r.sharesOwnedAfter.value));
        for (const h of s.holdingsAfter) expect(stated.has(h.shares)).toBe(true);
        for (const d of s.derivativesHeld.filter((x) => x.source === "table")) {
          expect(d.shares).not.toBe(0);
        }
        if (f.aff10b5One === false) {
          expect(s.plan10b51.used).toBe(false);
          expect(s.transactions.every((t) => t.plan10b51 === false)).toBe(true);
        }
        if (s.lateFiling?.late) expect(s.lateFiling.businessDays).toBeGreaterThan(2);
      }),
      { numRuns: 400 },
    );
  });
});
