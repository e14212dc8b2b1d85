// Derivative positions: Table II last states and holdings stated in footnotes.

import { describe, expect, it } from "vitest";
import { parseFiling } from "../../src/form4/parse/index.js";
import { summarize } from "../../src/form4/summarize.js";
import { readForm4Fixture } from "../fixtures.js";
import { filing, row, SEED_F2 } from "./build-filing.js";

const option = (spec: Parameters<typeof row>[0]) =>
  row({
    table: "derivative",
    security: "Stock Option (right to buy)",
    code: "M",
    ad: "D",
    price: 0,
    exercisePrice: 10,
    expirationDate: "2030-01-01",
    underlyingSecurity: "Common Stock",
    ...spec,
  });

describe("derivativesHeld from Table II", () => {
  it("keeps the last state per grant, with its terms", () => {
    const s = summarize(
      filing({
        rows: [
          option({ shares: 100, after: 900, underlyingShares: 100 }),
          option({ shares: 100, after: 800, underlyingShares: 100 }),
          option({ shares: 50, after: 450, exercisePrice: 20, underlyingShares: 50 }),
        ],
      }),
    );
    expect(s.derivativesHeld).toEqual([
      {
        security: "Stock Option (right to buy)",
        shares: 800,
        exercisePrice: 10,
        source: "table",
        underlyingSecurity: "Common Stock",
        exerciseDate: null,
        expirationDate: "2030-01-01",
        ownership: "D",
        nature: null,
        note: null,
      },
      expect.objectContaining({ shares: 450, exercisePrice: 20 }),
    ]);
  });

  it("drops positions that end at 0 and counts holding rows by underlying shares when that is all", () => {
    const s = summarize(
      filing({
        rows: [
          option({ shares: 100, after: 0 }),
          option({
            kind: "holding",
            code: null,
            ad: null,
            date: null,
            after: null,
            exercisePrice: 30,
            underlyingShares: 5000,
          }),
        ],
      }),
    );
    expect(s.derivativesHeld.map((d) => [d.exercisePrice, d.shares])).toEqual([[30, 5000]]);
  });

  it("keeps undated, unpriced grants apart unless one continues the other", () => {
    const rsu = (spec: Parameters<typeof row>[0]) =>
      row({
        table: "derivative",
        security: "Restricted Stock Units",
        price: 0,
        exercisePrice: 0,
        ...spec,
      });
    const s = summarize(
      filing({
        rows: [
          rsu({ code: "A", ad: "A", shares: 100, after: 100 }),
          rsu({ code: "M", ad: "D", shares: 25, after: 75 }), // continues the grant above
          rsu({ code: "M", ad: "D", shares: 10, after: 30 }), // another grant
        ],
      }),
    );
    expect(s.derivativesHeld.map((d) => d.shares)).toEqual([75, 30]);
    // Nor are they cross-checked against each other.
    expect(s.warnings).toEqual([]);
  });

  it("tells grants apart by footnotes on their dates", () => {
    const rsu = (shares: number, after: number, note: string) => {
      const r = row({
        table: "derivative",
        security: "RSU",
        code: "M",
        shares,
        price: 0,
        exercisePrice: 0,
        after,
      });
      r.exerciseDate = { value: null, footnoteIds: [note] };
      return r;
    };
    const s = summarize(filing({ rows: [rsu(10, 90, "F1"), rsu(20, 180, "F2")] }));
    expect(s.derivativesHeld.map((d) => d.shares)).toEqual([90, 180]);
    expect(s.warnings).toEqual([]);
  });
});

describe("derivativesHeld from footnotes", () => {
  it("adds holdings a footnote states, after the Table II positions", () => {
    const s = summarize(
      filing({
        rows: [option({ shares: 100, after: 900 })],
        footnotes: { F2: SEED_F2 },
      }),
    );
    expect(s.derivativesHeld.map((d) => [d.source, d.security, d.shares, d.note])).toEqual([
      ["table", "Stock Option (right to buy)", 900, null],
      ["footnote", "Class B Warrants", 4000, null],
      ["footnote", "Options to purchase common stock", 25000, "vested"],
      ["footnote", "Options to purchase common stock", 5000, "unvested"],
    ]);
  });

  it("reads the remarks too, with an exercise price when stated", () => {
    const s = summarize(
      filing({
        remarks: "The reporting person also holds 2,000 warrants at an exercise price of $7.50.",
      }),
    );
    expect(s.derivativesHeld).toEqual([
      {
        security: "Warrants",
        shares: 2000,
        exercisePrice: 7.5,
        source: "footnote",
        underlyingSecurity: null,
        exerciseDate: null,
        expirationDate: null,
        ownership: null,
        nature: null,
        note: null,
      },
    ]);
  });

  it("leaves out a footnote holding that repeats a Table II position", () => {
    const s = summarize(
      filing({
        rows: [option({ shares: 100, after: 900 })],
        footnotes: { F1: "Mr. Doe also holds options to purchase 900 shares of common stock." },
      }),
    );
    expect(s.derivativesHeld.map((d) => d.source)).toEqual(["table"]);
  });

  it("reads nothing from a vesting schedule of a Table II grant", () => {
    const s = summarize(
      filing({
        rows: [option({ code: "A", ad: "A", shares: 1000, after: 1000, afterFootnotes: ["F1"] })],
        footnotes: {
          F1: "The option vests in four equal annual installments of 250 shares beginning on the first anniversary of the grant date.",
        },
      }),
    );
    expect(s.derivativesHeld.map((d) => d.source)).toEqual(["table"]);
  });

  it("lists the same footnote holding once even if two footnotes repeat it", () => {
    const s = summarize(filing({ footnotes: { F1: SEED_F2, F2: SEED_F2 } }));
    expect(s.derivativesHeld).toHaveLength(3);
  });
});

describe('indirect holders named in footnotes (SNOW, eight positions all called "Trust")', () => {
  it("tells each trust by the holder its footnote names", () => {
    const s = summarize(parseFiling(readForm4Fixture("snow-scarpelli-2022-12-13.xml")));
    const trusts = s.holdingsAfter.filter((h) => h.ownership === "I");
    expect(trusts).toHaveLength(8);
    expect(trusts.map((h) => h.heldBy)).toContain("Scarpelli Family Trust");
    expect(new Set(trusts.map((h) => h.heldBy)).size).toBe(8);
  });
});
