// summarize() on the real EDGAR filings in test/fixtures/recorded/form4 and on the seed (examples/).

import { describe, expect, it } from "vitest";
import type { Filing } from "../../src/form4/model.js";
import { parseFiling } from "../../src/form4/parse/index.js";
import { summarize } from "../../src/form4/summarize.js";
import type { Summary } from "../../src/form4/summary.js";
import { form4FixtureNames, readForm4Fixture, readSeed } from "../fixtures.js";

const fixtures = form4FixtureNames().map((name) => ({
  name,
  filing: parseFiling(readForm4Fixture(name)),
}));

const summaries = new Map<string, { filing: Filing; summary: Summary }>(
  fixtures.map(({ name, filing }) => [name, { filing, summary: summarize(filing) }]),
);

function get(name: string): { filing: Filing; summary: Summary } {
  const entry = summaries.get(name);
  if (!entry) throw new Error(`fixture ${name} not read`);
  return entry;
}

const KINDS = ["warrant", "option", "right", "unit", "rsu", "psu", "sar", "convertible"];

describe("every fixture", () => {
  it("has fixtures to check", () => {
    expect(fixtures.length).toBeGreaterThan(40);
  });

  describe.each(fixtures.map((f) => f.name))("%s", (name) => {
    const { filing, summary } = get(name);
    const transactionRows = filing.rows.filter((r) => r.kind === "transaction");

    it("lists every transaction row once, in order", () => {
      expect(summary.transactions).toHaveLength(transactionRows.length);
      summary.transactions.forEach((t, i) => {
        expect(t.table).toBe(transactionRows[i]?.table);
        expect(t.price).toBe(transactionRows[i]?.price.value ?? null);
      });
    });

    it("totals add up from the transactions, unknown prices left out", () => {
      const tableI = summary.transactions.filter((t) => t.table === "nonDerivative");
      for (const [code, totals] of Object.entries(summary.totals)) {
        const rows = tableI.filter((t) => (t.code ?? "?") === code);
        const priced = rows.filter((t) => t.shares !== null && t.price !== null);
        const value = priced.reduce((s, t) => s + (t.shares as number) * (t.price as number), 0);
        expect(totals.value).toBeCloseTo(value, 4);
        expect(totals.shares).toBeCloseTo(
          rows.reduce((s, t) => s + (t.shares ?? 0), 0),
          6,
        );
        expect(totals.pricedShares).toBeLessThanOrEqual(totals.shares);
        if (totals.pricedShares === 0) expect(totals.averagePrice).toBeNull();
        else {
          expect(totals.averagePrice).not.toBeNull();
          expect(totals.averagePrice as number).toBeGreaterThanOrEqual(
            (totals.minPrice as number) - 1e-9,
          );
          expect(totals.averagePrice as number).toBeLessThanOrEqual(
            (totals.maxPrice as number) + 1e-9,
          );
        }
      }
      const groupValue = summary.groups
        .filter((g) => g.table === "nonDerivative")
        .reduce((s, g) => s + g.value, 0);
      const totalValue = Object.values(summary.totals).reduce((s, t) => s + t.value, 0);
      expect(groupValue).toBeCloseTo(totalValue, 4);
    });

    it("has no cross-check false alarms and no duplicate warnings", () => {
      expect(summary.warnings.filter((w) => w.includes("does not add up"))).toEqual([]);
      expect(new Set(summary.warnings).size).toBe(summary.warnings.length);
    });

    it("takes holdings after only from stated figures", () => {
      const stated = new Set(
        filing.rows.map((r) => r.sharesOwnedAfter.value).filter((v) => v !== null),
      );
      for (const h of summary.holdingsAfter) expect(stated.has(h.shares)).toBe(true);
    });

    it("never lists a footnote holding that repeats a Table II position", () => {
      const table = summary.derivativesHeld.filter((d) => d.source === "table");
      for (const d of summary.derivativesHeld.filter((x) => x.source === "footnote")) {
        const kinds = KINDS.filter((k) => d.security.toLowerCase().includes(k));
        const dup = table.find(
          (t) =>
            t.shares === d.shares &&
            KINDS.some((k) => kinds.includes(k) && t.security.toLowerCase().includes(k)),
        );
        expect(dup).toBeUndefined();
      }
    });

    it("keeps the checkbox as the filer's statement", () => {
      if (filing.aff10b5One !== null) {
        expect(summary.plan10b51.source).toBe("checkbox");
        expect(summary.plan10b51.used).toBe(filing.aff10b5One);
      }
      if (filing.aff10b5One === false) {
        expect(summary.transactions.every((t) => t.plan10b51 === false)).toBe(true);
      }
    });
  });
});

describe("footnote derivatives on the fixtures", () => {
  it("reads none from the fixtures: their footnotes state vesting, not holdings", () => {
    const fromFootnotes = [...summaries.values()].flatMap(({ summary }) =>
      summary.derivativesHeld.filter((d) => d.source === "footnote"),
    );
    expect(fromFootnotes).toEqual([]);
  });
});

describe("Rule 10b5-1 on the fixtures", () => {
  it("AAPL 0000320193-22-000061: per-transaction footnotes, plan adopted 2021-08-16", () => {
    const { summary } = get("0000320193-22-000061.txt");
    expect(summary.plan10b51).toEqual({
      used: true,
      source: "footnote",
      adoptionDate: "2021-08-16",
      daysToFirstTrade: 261,
      coolingOffDays: null,
      inCoolingOff: null,
      evidence:
        "This transaction was made pursuant to a Rule 10b5-1 trading plan adopted by the reporting person on August 16, 2021.",
    });
    expect(summary.transactions.every((t) => t.plan10b51 === true)).toBe(true);
    expect(summary.lateFiling).toEqual({ businessDays: 2, late: false });
  });

  it("BDX Feld: checkbox, adoption date from the remarks, past the 90-day cooling-off", () => {
    const { summary } = get("bdx-feld-2025-12-26.xml");
    expect(summary.plan10b51).toEqual({
      used: true,
      source: "checkbox",
      adoptionDate: "2025-02-07",
      daysToFirstTrade: 322,
      coolingOffDays: 90,
      inCoolingOff: false,
      evidence:
        "This reported transaction was made pursuant to a Rule 10b5-1 plan adopted by the reporting person on February 7, 2025.",
    });
  });

  it("ARWR Olukotun: checkbox and footnote, no adoption date given", () => {
    const { summary } = get("arwr-olukotun-2025-12-19.xml");
    expect(summary.plan10b51).toMatchObject({
      used: true,
      source: "checkbox",
      adoptionDate: null,
      daysToFirstTrade: null,
      coolingOffDays: null,
      inCoolingOff: null,
    });
    expect(summary.plan10b51.evidence).toMatch(
      /^Shares were sold pursuant to a 10b5-1 trading plan/,
    );
    expect(summary.groups[0]?.plan10b51).toBe(true);
  });

  it("TSLA Baglino: checkbox, adoption date from the footnote (a pre-2023 plan: no cooling-off)", () => {
    const { summary } = get("0001790565-23-000009.txt");
    expect(summary.plan10b51).toMatchObject({
      used: true,
      source: "checkbox",
      adoptionDate: "2021-11-01",
      daysToFirstTrade: 633,
      coolingOffDays: null,
      inCoolingOff: null,
    });
  });

  it("AAPL Williams: footnote plan adopted 2019-02-18, 73 days before the sales", () => {
    const { summary } = get("aapl-williams-2019-05-02.xml");
    expect(summary.plan10b51).toMatchObject({
      used: true,
      source: "footnote",
      adoptionDate: "2019-02-18",
      daysToFirstTrade: 73,
    });
    expect(summary.warnings).toEqual([]);
  });

  it.each([
    "goog-pichai-2018-09-19.xml",
    "0001209191-22-024552.xml",
    "0001127602-15-028697.xml",
    "0001246360-14-002157.txt",
  ])("%s: the remarks cover the sales", (name) => {
    const { summary } = get(name);
    expect(summary.plan10b51).toMatchObject({ used: true, source: "footnote", adoptionDate: null });
    for (const t of summary.transactions) {
      expect(t.plan10b51).toBe(t.code === "S" ? true : null);
    }
  });

  it.each(["0000929638-23-001482.xml", "msft-hogan-2024-03-11.xml", "0001127602-25-001055.txt"])(
    "%s: the unchecked box means no plan",
    (name) => {
      const { summary } = get(name);
      expect(summary.plan10b51).toMatchObject({ used: false, source: "checkbox", evidence: null });
    },
  );

  it("finds no plan where nothing says so", () => {
    const { summary } = get("aapl-levinson-2019-08-12.xml");
    expect(summary.plan10b51).toMatchObject({ used: false, source: null });
    expect(summary.transactions.every((t) => t.plan10b51 === null)).toBe(true);
  });
});

describe("prices on the fixtures", () => {
  it("GOOG Brin: uses each footnote's range, and flags the one that does not fit its price", () => {
    const { summary } = get("0001127602-15-028697.xml");
    expect(summary.warnings).toContain(
      "Table I row 2: footnote F2 gives a price range of $663.91 to $664.90, which does not contain the reported price $634.46; the range was not used",
    );
    expect(summary.transactions[2]?.priceRange).toEqual({ min: 634.93, max: 635.92 });
    expect(summary.totals.S?.minPrice).toBe(634.4608);
    expect(summary.totals.S?.maxPrice).toBe(656.89);
    expect(summary.totals.C).toMatchObject({ shares: 16670, value: 0, averagePrice: 0 });
  });

  it("SNOW Scarpelli: range ends from the footnotes, grants' $0 counted as $0", () => {
    const { summary } = get("snow-scarpelli-2022-12-13.xml");
    expect(summary.totals.S).toMatchObject({ shares: 200000, minPrice: 150.3, maxPrice: 154.89 });
    expect(summary.totals.S?.value).toBeCloseTo(30351309.77, 2);
  });

  it("JBLU Clements: a footnote on the price that states no price is not called a price", () => {
    const { summary } = get("jblu-clements-2025-03-10.xml");
    // F1 ("Upon vesting, … one share of common stock for each restricted stock unit") sits on
    // the price column but gives no price: the price stays unknown and nothing claims otherwise.
    expect(summary.warnings.some((w) => /price given only in footnote/.test(w))).toBe(false);
    const row = summary.transactions.find((t) => t.table === "derivative");
    expect(row?.price).toBeNull();
  });
});

describe("holdings on the fixtures", () => {
  it("SNOW Scarpelli: eight trusts all named 'Trust' stay eight positions", () => {
    const { summary } = get("snow-scarpelli-2022-12-13.xml");
    const trusts = summary.holdingsAfter.filter((h) => h.nature === "Trust");
    expect(trusts.map((h) => h.shares)).toEqual([
      577218, 178947, 9686, 2755, 9686, 2755, 9686, 2755,
    ]);
    expect(trusts.map((h) => h.natureFootnoteIds)).toEqual([
      ["F8"],
      ["F9"],
      ["F10"],
      ["F11"],
      ["F12"],
      ["F13"],
      ["F14"],
      ["F15"],
    ]);
    expect(summary.holdingsAfter[0]).toEqual({
      security: "Class A Common Stock",
      ownership: "D",
      nature: null,
      shares: 101097,
    });
    expect(summary.derivativesHeld).toMatchObject([
      {
        security: "Stock Option (Right to Buy)",
        shares: 2219299,
        exercisePrice: 8.88,
        source: "table",
      },
    ]);
  });

  it("ZIP Travers: RSU grants told apart by their footnoted dates, ESPP shares explained by F2", () => {
    const { summary } = get("zip-travers-2025-03-15.xml");
    expect(summary.warnings).toEqual([]);
    const rsus = summary.derivativesHeld.filter((d) => d.security === "Restricted Stock Units");
    expect(rsus.map((d) => d.shares)).toEqual([12500, 93427, 227595, 306656]);
  });

  it("AAPL Levinson: the exercised option ends at 0 and is dropped", () => {
    const { summary } = get("aapl-levinson-2019-08-12.xml");
    expect(summary.derivativesHeld).toEqual([]);
    expect(summary.holdingsAfter).toEqual([
      { security: "Common Stock", ownership: "D", nature: null, shares: 1133283 },
      { security: "Common Stock", ownership: "I", nature: "By Spouse", shares: 14000 },
    ]);
  });
});

describe("late filing on the fixtures", () => {
  it("EAC Rizzuti: trade on Thursday 2014-04-17, filed 2014-04-24: Good Friday counts, 5 days, late", () => {
    const { summary } = get("0001209191-14-029113.txt");
    expect(summary.filedDate).toBe("2014-04-24");
    expect(summary.lateFiling).toEqual({ businessDays: 5, late: true });
  });

  it("PANW 4/A: judged from the original filing, with a note", () => {
    const { summary } = get("panw-eschenbach-2021-12-14-4A.xml");
    expect(summary.lateFiling).toEqual({ businessDays: 1, late: false });
    expect(summary.warnings[0]).toMatch(
      /^This is an amendment \(Form 4\/A\) to a Form 4 filed on 2021-12-15/,
    );
  });

  it("XML without a filed date: not judged", () => {
    expect(get("msft-hogan-2024-03-11.xml").summary.lateFiling).toBeNull();
  });
});

describe("joint filings on the fixtures", () => {
  it("COUR: five filers, each purchase listed once and totalled once", () => {
    const { summary } = get("0000921895-26-002677.txt");
    expect(summary.owners).toHaveLength(5);
    expect(summary.transactions).toHaveLength(2);
    expect(summary.totals.P).toMatchObject({ shares: 2332742, minPrice: 4.5759, maxPrice: 5.0639 });
  });
});

describe("the seed through the text reader", () => {
  const s = summarize(parseFiling(readSeed()));

  it("summarizes as the issue says", () => {
    expect(s.totals.S).toMatchObject({
      shares: 1500,
      pricedShares: 1300,
      minPrice: 16.76,
      maxPrice: 16.96,
      value: 21858,
    });
    expect(s.totals.S?.averagePrice).toBeCloseTo(16.8138, 4);
    expect(s.transactions[4]).toMatchObject({
      security: "Common Stock",
      shares: 200,
      price: null,
      inferred: true,
    });
    expect(s.plan10b51).toMatchObject({
      used: true,
      source: "footnote",
      adoptionDate: "2007-06-22",
      daysToFirstTrade: 144,
      coolingOffDays: null,
    });
    expect(s.holdingsAfter).toEqual([
      { security: "Common Stock", ownership: "D", nature: null, shares: 42800 },
    ]);
    expect(s.derivativesHeld.map((d) => [d.security, d.shares, d.note, d.source])).toEqual([
      ["Class B Warrants", 4000, null, "footnote"],
      ["Options to purchase common stock", 25000, "vested", "footnote"],
      ["Options to purchase common stock", 5000, "unvested", "footnote"],
    ]);
    expect(s.lateFiling).toEqual({ businessDays: 1, late: false });
    expect(
      s.warnings.some((w) => w.startsWith("Table I row 5: shares not stated; 200 inferred")),
    ).toBe(true);
  });
});

describe("the same filing read from different forms", () => {
  it.each([
    ["scwo-melkote-2025-04-30.xml", "scwo-melkote-2025-04-30.html"],
    ["0001127602-15-028697.xml", "0001127602-15-028697.html"],
    ["0001610717-23-000035.xml", "0001610717-23-000035.txt"],
    ["0000921895-25-001190.xml", "0000921895-25-001190.txt"],
    ["0000704051-14-000037.xml", "0000704051-14-000037.txt"],
  ])("%s and %s summarize alike", (a, b) => {
    const x = get(a).summary;
    const y = get(b).summary;
    expect(y.transactions).toEqual(x.transactions);
    expect(y.totals).toEqual(x.totals);
    expect(y.groups).toEqual(x.groups);
    expect(y.holdingsAfter).toEqual(x.holdingsAfter);
    expect(y.derivativesHeld).toEqual(x.derivativesHeld);
    expect(y.plan10b51).toEqual(x.plan10b51);
  });
});
