import { describe, expect, it } from "vitest";
import { summarize } from "../../src/form4/summarize.js";
import { filing, OFFICER, row, SEED_F1, seedFiling, TEN_PERCENT_FUND } from "./build-filing.js";

describe("summarize(seed) — the ASTI Form 4 of 2007-11-14, field by field", () => {
  const s = summarize(seedFiling());

  it("copies the header through", () => {
    expect(s.formType).toBe("4");
    expect(s.accessionNumber).toBeNull();
    expect(s.issuer).toEqual({
      cik: null,
      name: "Ascent Solar Technologies, Inc.",
      ticker: "ASTI",
    });
    expect(s.owners).toEqual([
      {
        cik: null,
        name: "Misra Ashutosh",
        roles: ["officer"],
        title: "SVP Operations & Corp. Affairs",
      },
    ]);
    expect(s.source).toBe("text");
    expect(s.periodOfReport).toBe("2007-11-13");
    expect(s.filedDate).toBe("2007-11-14");
    expect(s.dateOfOriginalSubmission).toBeNull();
    expect(s.firstTradeDate).toBe("2007-11-13");
    expect(s.lastTradeDate).toBe("2007-11-13");
    expect(s.remarks).toBeNull();
  });

  it("lists the five sales in order, row 5 inferred at 200 shares of Common Stock with no price", () => {
    expect(
      s.transactions.map((t) => [t.security, t.shares, t.price, t.sharesOwnedAfter, t.inferred]),
    ).toEqual([
      ["Common Stock", 700, 16.76, 43600, false],
      ["Common Stock", 200, 16.77, 43400, false],
      ["Common Stock", 300, 16.92, 43100, false],
      ["Common Stock", 100, 16.96, 43000, false],
      ["Common Stock", 200, null, 42800, true],
    ]);
    for (const t of s.transactions) {
      expect(t).toMatchObject({
        table: "nonDerivative",
        date: "2007-11-13",
        code: "S",
        acquiredDisposed: "D",
        ownership: "D",
        nature: null,
        priceRange: null,
        exercisePrice: null,
        underlyingSecurity: null,
        underlyingShares: null,
        plan10b51: true,
      });
    }
  });

  it("totals the sales: 1,500 shares, 1,300 priced, $21,858 at an average of $16.8138", () => {
    expect(Object.keys(s.totals)).toEqual(["S"]);
    const t = s.totals.S;
    expect(t?.shares).toBe(1500);
    expect(t?.pricedShares).toBe(1300);
    expect(t?.value).toBe(21858);
    expect(t?.averagePrice).toBeCloseTo(21858 / 1300, 10);
    expect(t?.averagePrice).toBeCloseTo(16.8138, 4);
    expect(t?.minPrice).toBe(16.76);
    expect(t?.maxPrice).toBe(16.96);
  });

  it("groups them as one open-market sale", () => {
    expect(s.groups).toHaveLength(1);
    expect(s.groups[0]).toMatchObject({
      table: "nonDerivative",
      code: "S",
      description: "open-market sale",
      acquiredDisposed: "D",
      securities: ["Common Stock"],
      dates: ["2007-11-13"],
      rowCount: 5,
      inferredShares: 200,
      unpricedShares: 200,
      plan10b51: true,
      shares: 1500,
      pricedShares: 1300,
      value: 21858,
      minPrice: 16.76,
      maxPrice: 16.96,
    });
  });

  it("reads the 10b5-1 plan from footnote F1: adopted 2007-06-22, 144 days to the first trade", () => {
    expect(s.plan10b51).toEqual({
      used: true,
      source: "footnote",
      adoptionDate: "2007-06-22",
      daysToFirstTrade: 144,
      coolingOffDays: null,
      inCoolingOff: null,
      evidence: SEED_F1,
    });
  });

  it("holds 42,800 shares of Common Stock directly afterwards", () => {
    expect(s.holdingsAfter).toEqual([
      { security: "Common Stock", ownership: "D", nature: null, shares: 42800 },
    ]);
  });

  it("reads the three derivative holdings stated in footnote F2", () => {
    const base = {
      source: "footnote",
      exercisePrice: null,
      underlyingSecurity: null,
      exerciseDate: null,
      expirationDate: null,
      ownership: null,
      nature: null,
    };
    expect(s.derivativesHeld).toEqual([
      { ...base, security: "Class B Warrants", shares: 4000, note: null },
      { ...base, security: "Options to purchase common stock", shares: 25000, note: "vested" },
      { ...base, security: "Options to purchase common stock", shares: 5000, note: "unvested" },
    ]);
  });

  it("was filed one business day after the trades, on time", () => {
    expect(s.lateFiling).toEqual({ businessDays: 1, late: false });
  });

  it("warns that row 5's security and shares were recovered and its price is not reported", () => {
    expect(s.warnings).toContain(
      "Table I row 5: security title missing; taken as Common Stock from Table I row 4, because holdings continue from 43,000 to 42,800",
    );
    const inferred = s.warnings.find((w) => w.startsWith("Table I row 5: shares not stated"));
    expect(inferred).toContain("200 inferred");
    expect(inferred).toContain("43,000 to 42,800");
    expect(inferred).toContain("price not reported");
    expect(s.warnings).toHaveLength(2);
  });

  it("takes EDGAR's filed date over the filing's own", () => {
    const late = summarize(seedFiling(), { filedDate: "2007-11-19" });
    expect(late.filedDate).toBe("2007-11-19");
    // Wed, Thu, Fri, Mon after the Tuesday trade.
    expect(late.lateFiling).toEqual({ businessDays: 4, late: true });
  });
});

describe("summarize — transactions and totals", () => {
  it("lists transactions of both tables in document order, holdings left out", () => {
    const s = summarize(
      filing({
        rows: [
          row({ code: "M", ad: "A", shares: 100, price: 10, after: 1100 }),
          row({ code: "S", ad: "D", shares: 100, price: 50, after: 1000 }),
          row({
            kind: "holding",
            security: "Common Stock",
            after: 500,
            ownership: "I",
            nature: "By Trust",
          }),
          row({
            table: "derivative",
            security: "Stock Option (right to buy)",
            code: "M",
            ad: "D",
            shares: 100,
            price: 0,
            after: 900,
            exercisePrice: 10,
            underlyingSecurity: "Common Stock",
            underlyingShares: 100,
          }),
        ],
      }),
    );
    expect(s.transactions.map((t) => [t.table, t.code])).toEqual([
      ["nonDerivative", "M"],
      ["nonDerivative", "S"],
      ["derivative", "M"],
    ]);
    expect(s.transactions[2]).toMatchObject({
      exercisePrice: 10,
      underlyingSecurity: "Common Stock",
      underlyingShares: 100,
    });
    expect(Object.keys(s.totals)).toEqual(["M", "S"]);
  });

  it("counts a stated $0 as $0 and a missing price as unknown", () => {
    const s = summarize(
      filing({
        rows: [
          row({ code: "A", ad: "A", shares: 1000, price: 0, after: 1000 }),
          row({ code: "A", ad: "A", shares: 500, price: null, after: 1500 }),
        ],
      }),
    );
    expect(s.totals.A).toEqual({
      shares: 1500,
      pricedShares: 1000,
      averagePrice: 0,
      minPrice: 0,
      maxPrice: 0,
      value: 0,
      unknownShareRows: 0,
    });
    expect(s.transactions[1]?.price).toBeNull();
  });

  it("gives a null average when no row has a price", () => {
    const s = summarize(
      filing({ rows: [row({ code: "G", ad: "D", shares: 100, price: null, after: 900 })] }),
    );
    expect(s.totals.G).toEqual({
      shares: 100,
      pricedShares: 0,
      averagePrice: null,
      minPrice: null,
      maxPrice: null,
      value: 0,
      unknownShareRows: 0,
    });
  });

  it("uses a footnote's weighted-average range for min and max price", () => {
    const s = summarize(
      filing({
        rows: [
          row({ shares: 100, price: 10.5, priceFootnotes: ["F1"], after: 900 }),
          row({ shares: 100, price: 11.2, priceFootnotes: ["F2"], after: 800 }),
          row({ shares: 100, price: 11.0, after: 700 }),
        ],
        footnotes: {
          F1: "The price reported is a weighted average price. These shares were sold in multiple transactions at prices ranging from $10.01 to $10.99, inclusive.",
          F2: "Sold at prices between $11.05 and $11.40.",
        },
      }),
    );
    expect(s.transactions.map((t) => t.priceRange)).toEqual([
      { min: 10.01, max: 10.99 },
      { min: 11.05, max: 11.4 },
      null,
    ]);
    expect(s.totals.S?.minPrice).toBe(10.01);
    expect(s.totals.S?.maxPrice).toBe(11.4);
    // The average still uses the reported (weighted-average) prices.
    expect(s.totals.S?.averagePrice).toBeCloseTo((1050 + 1120 + 1100) / 300, 10);
  });

  it("does not use a range that does not contain the reported price, and says so", () => {
    const s = summarize(
      filing({
        rows: [row({ shares: 100, price: 20, priceFootnotes: ["F1"], after: 900 })],
        footnotes: { F1: "Sold at prices ranging from $10.00 to $11.00, inclusive." },
      }),
    );
    expect(s.transactions[0]?.priceRange).toBeNull();
    expect(s.totals.S?.minPrice).toBe(20);
    expect(s.warnings).toContain(
      "Table I row 1: footnote F1 gives a price range of $10.00 to $11.00, which does not contain the reported price $20.00; the range was not used",
    );
  });

  it("totals Table I only, all owners together, and keeps rows without a code under '?'", () => {
    const s = summarize(
      filing({
        owners: [OFFICER, TEN_PERCENT_FUND],
        rows: [
          row({ code: null, ad: "D", shares: 5, price: 1, after: 95 }),
          row({
            table: "derivative",
            security: "Warrant",
            code: "S",
            shares: 10,
            price: 2,
            after: 0,
          }),
        ],
      }),
    );
    expect(Object.keys(s.totals)).toEqual(["?"]);
    expect(s.owners.map((o) => o.name)).toEqual(["Doe Jane", "Big Fund LP"]);
    expect(s.transactions).toHaveLength(2);
  });

  it("rounds away binary noise in values", () => {
    const s = summarize(
      filing({
        rows: [
          row({ shares: 3, price: 0.1, after: 97 }),
          row({ shares: 3, price: 0.2, after: 94 }),
        ],
      }),
    );
    expect(s.totals.S?.value).toBe(0.9);
  });
});

describe("summarize — groups", () => {
  it("groups per table, code and direction, largest value first, Table I before Table II", () => {
    const s = summarize(
      filing({
        rows: [
          row({ code: "M", ad: "A", shares: 1000, price: 10, after: 2000, date: "2024-05-01" }),
          row({ code: "S", ad: "D", shares: 600, price: 50, after: 1400, date: "2024-05-02" }),
          row({ code: "S", ad: "D", shares: 400, price: 51, after: 1000, date: "2024-05-01" }),
          row({ code: "F", ad: "D", shares: 100, price: null, after: 900, date: "2024-05-01" }),
          row({
            table: "derivative",
            security: "Option",
            code: "M",
            ad: "D",
            shares: 1000,
            price: 0,
            after: 0,
            exercisePrice: 10,
          }),
        ],
      }),
    );
    expect(s.groups.map((g) => [g.table, g.code, g.acquiredDisposed, g.value])).toEqual([
      ["nonDerivative", "S", "D", 50400],
      ["nonDerivative", "M", "A", 10000],
      ["nonDerivative", "F", "D", 0],
      ["derivative", "M", "D", 0],
    ]);
    const sale = s.groups[0];
    expect(sale?.dates).toEqual(["2024-05-01", "2024-05-02"]);
    expect(sale?.rowCount).toBe(2);
    expect(sale?.description).toBe("open-market sale");
    const tax = s.groups[2];
    expect(tax?.unpricedShares).toBe(100);
    expect(tax?.averagePrice).toBeNull();
    expect(tax?.description).toMatch(/^tax withholding/);
  });

  it("splits one code by direction", () => {
    const s = summarize(
      filing({
        rows: [
          row({ code: "J", ad: "A", shares: 10, after: 110 }),
          row({ code: "J", ad: "D", shares: 5, after: 105 }),
        ],
      }),
    );
    expect(s.groups.map((g) => [g.code, g.acquiredDisposed])).toEqual([
      ["J", "A"],
      ["J", "D"],
    ]);
    expect(s.totals.J?.shares).toBe(15);
  });
});

describe("summarize — holdings after", () => {
  it("keeps the last stated shares owned after per security, form and nature", () => {
    const s = summarize(
      filing({
        rows: [
          row({ shares: 100, price: 10, after: 900 }),
          row({
            shares: 100,
            price: 10,
            after: 800,
            ownership: "I",
            nature: "By Trust",
            date: "2024-05-01",
          }),
          row({ shares: 100, price: 10, after: 800 }),
          row({ security: "Class B Common Stock", code: "C", ad: "D", shares: 10, after: 90 }),
          row({ kind: "holding", after: 5000, ownership: "I", nature: "By Spouse" }),
          row({ kind: "holding", after: 700, ownership: "I", nature: " By  Trust " }),
        ],
      }),
    );
    expect(s.holdingsAfter).toEqual([
      { security: "Common Stock", ownership: "D", nature: null, shares: 800 },
      { security: "Common Stock", ownership: "I", nature: "By Trust", shares: 700 },
      { security: "Class B Common Stock", ownership: "D", nature: null, shares: 90 },
      { security: "Common Stock", ownership: "I", nature: "By Spouse", shares: 5000 },
    ]);
  });

  it("leaves out rows without ownership form, and says so", () => {
    const s = summarize(
      filing({ rows: [row({ shares: 1, price: 1, after: 10, ownership: null })] }),
    );
    expect(s.holdingsAfter).toEqual([]);
    expect(s.warnings).toContain(
      "Table I row 1: ownership form (direct or indirect) not stated; its 10 shares owned after are left out of holdings",
    );
  });
});

describe("summarize — warnings", () => {
  it("includes filing and row problems, naming the row, without duplicates", () => {
    const s = summarize(
      filing({
        problems: ["Table II could not be read", "Table II could not be read"],
        rows: [row({ shares: 1, price: 1, after: 1, problems: ['price unreadable: "$1,00"'] })],
      }),
    );
    expect(s.warnings).toEqual([
      "Table II could not be read",
      'Table I row 1: price unreadable: "$1,00"',
    ]);
  });

  it("names a price given only in a footnote", () => {
    const s = summarize(
      filing({
        rows: [
          row({ code: "A", ad: "A", shares: 10, after: 10 }),
          row({ code: "A", ad: "A", shares: 10, price: null, priceFootnotes: ["F3"], after: 20 }),
        ],
        footnotes: { F3: "Price at close of business on Friday, May 15, 2015." },
      }),
    );
    expect(s.warnings).toEqual([
      'Table I row 2: price given only in footnote F3: "Price at close of business on Friday, May 15, 2015."',
    ]);
    expect(s.transactions[1]?.price).toBeNull();
  });

  it("notes a sale or purchase without a price", () => {
    const s = summarize(filing({ rows: [row({ shares: 1000, price: null, after: 0 })] }));
    expect(s.warnings).toEqual([
      "Table I row 1: no price reported; its 1,000 shares are left out of the average price and value",
    ]);
  });

  it("notes a 4/A and judges lateness from the original filing", () => {
    const s = summarize(
      filing({
        formType: "4/A",
        dateOfOriginalSubmission: "2024-05-03",
        filedDate: "2024-08-01",
        rows: [row({ shares: 1, price: 1, after: 1, date: "2024-05-01" })],
      }),
    );
    expect(s.warnings[0]).toBe(
      "This is an amendment (Form 4/A) to a Form 4 filed on 2024-05-03; it may correct or restate only part of the original report",
    );
    expect(s.lateFiling).toEqual({ businessDays: 2, late: false });
    expect(s.dateOfOriginalSubmission).toBe("2024-05-03");
  });
});

describe("summarize is pure", () => {
  it("does not change the filing and gives the same summary twice", () => {
    const f = seedFiling();
    const before = structuredClone(f);
    const a = summarize(f);
    const b = summarize(f);
    expect(f).toEqual(before);
    expect(b).toEqual(a);
  });
});
