// Summaries built by hand, for testing renderers without the parsers: the seed filing
// (Ascent Solar, Nov 2007) as summarize should see it, and a builder for any other shape.

import type {
  CodeTotals,
  Summary,
  SummaryOwner,
  SummaryTransaction,
  TradeGroup,
} from "../../src/form4/summary.js";

export function transaction(over: Partial<SummaryTransaction> = {}): SummaryTransaction {
  return {
    table: "nonDerivative",
    security: "Common Stock",
    date: "2007-11-13",
    code: "S",
    acquiredDisposed: "D",
    shares: 100,
    price: 10,
    sharesOwnedAfter: 1000,
    ownership: "D",
    nature: null,
    inferred: false,
    priceRange: null,
    exercisePrice: null,
    underlyingSecurity: null,
    underlyingShares: null,
    plan10b51: null,
    ...over,
  };
}

/** Totals and a TradeGroup computed from rows the simple way (what summarize is expected to do). */
export function groupOf(
  rows: readonly SummaryTransaction[],
  over: Partial<TradeGroup> = {},
): TradeGroup {
  const first = rows[0];
  const priced = rows.filter((r) => r.shares !== null && r.price !== null);
  const pricedShares = priced.reduce((s, r) => s + (r.shares ?? 0), 0);
  const value = priced.reduce((s, r) => s + (r.shares ?? 0) * (r.price ?? 0), 0);
  const prices = priced.flatMap((r) =>
    r.priceRange ? [r.priceRange.min, r.priceRange.max] : [r.price ?? 0],
  );
  const totals: CodeTotals = {
    shares: rows.reduce((s, r) => s + (r.shares ?? 0), 0),
    unknownShareRows: rows.filter((r) => r.shares === null).length,
    pricedShares,
    averagePrice: pricedShares > 0 ? value / pricedShares : null,
    minPrice: prices.length > 0 ? Math.min(...prices) : null,
    maxPrice: prices.length > 0 ? Math.max(...prices) : null,
    value,
  };
  return {
    ...totals,
    table: first?.table ?? "nonDerivative",
    code: first?.code ?? null,
    description: first?.code === "S" ? "open-market sale" : "trade",
    acquiredDisposed: first?.acquiredDisposed ?? null,
    securities: [...new Set(rows.map((r) => r.security ?? ""))].filter(Boolean),
    dates: [...new Set(rows.map((r) => r.date ?? ""))].filter(Boolean).sort(),
    rowCount: rows.length,
    inferredShares: rows.filter((r) => r.inferred).reduce((s, r) => s + (r.shares ?? 0), 0),
    unpricedShares: rows.filter((r) => r.price === null).reduce((s, r) => s + (r.shares ?? 0), 0),
    plan10b51: first?.plan10b51 ?? null,
    mirrored: false,
    exercisedFrom: [],
    vesting: false,
    ...over,
  };
}

export const MISRA: SummaryOwner = {
  cik: null,
  name: "Misra Ashutosh",
  roles: ["officer"],
  title: "SVP Operations & Corp. Affairs",
};

export function buildSummary(over: Partial<Summary> = {}): Summary {
  const transactions = over.transactions ?? [transaction()];
  const groups = over.groups ?? [groupOf(transactions)];
  const totals: Record<string, CodeTotals> = {};
  for (const g of groups) {
    if (g.table === "nonDerivative" && g.code) {
      const { shares, pricedShares, averagePrice, minPrice, maxPrice, value, unknownShareRows } = g;
      totals[g.code] = {
        shares,
        pricedShares,
        averagePrice,
        minPrice,
        maxPrice,
        value,
        unknownShareRows,
      };
    }
  }
  return {
    formType: "4",
    accessionNumber: "0001234567-07-000001",
    issuer: { cik: "0001350102", name: "Example Corp", ticker: "EXM" },
    owners: [MISRA],
    transactions,
    totals,
    groups,
    plan10b51: {
      used: false,
      source: null,
      adoptionDate: null,
      daysToFirstTrade: null,
      coolingOffDays: null,
      inCoolingOff: null,
      evidence: null,
    },
    holdingsAfter: [],
    derivativesHeld: [],
    lateFiling: null,
    warnings: [],
    source: "xml",
    periodOfReport: "2007-11-13",
    filedDate: "2007-11-14",
    dateOfOriginalSubmission: null,
    firstTradeDate: "2007-11-13",
    lastTradeDate: "2007-11-13",
    remarks: null,
    signatureNames: [],
    // Warnings given as sentences only become "unreadable" details about the filing.
    warningDetails: (over.warnings ?? []).map((text) => ({
      code: "unreadable" as const,
      where: "filing",
      text,
    })),
    ...over,
  };
}

/** The seed filing: 1,500 ASTI shares sold Nov 13, 2007; 1,300 at four prices, 200 inferred. */
export function seedSummary(): Summary {
  const plan = true;
  const rows = [
    transaction({ shares: 700, price: 16.76, sharesOwnedAfter: 43_600, plan10b51: plan }),
    transaction({ shares: 200, price: 16.77, sharesOwnedAfter: 43_400, plan10b51: plan }),
    transaction({ shares: 300, price: 16.92, sharesOwnedAfter: 43_100, plan10b51: plan }),
    transaction({ shares: 100, price: 16.96, sharesOwnedAfter: 43_000, plan10b51: plan }),
    transaction({
      security: "Common Stock",
      shares: 200,
      price: null,
      sharesOwnedAfter: 42_800,
      inferred: true,
      plan10b51: plan,
    }),
  ];
  return buildSummary({
    accessionNumber: null,
    issuer: { cik: "0001350102", name: "Ascent Solar Technologies, Inc.", ticker: "ASTI" },
    owners: [MISRA],
    transactions: rows,
    groups: [groupOf(rows, { plan10b51: true })],
    plan10b51: {
      used: true,
      source: "footnote",
      adoptionDate: "2007-06-22",
      daysToFirstTrade: 144,
      coolingOffDays: null,
      inCoolingOff: null,
      evidence:
        "The sales reported in this Form 4 were effected pursuant to a Rule 10b5-1 trading plan adopted by the reporting person on June 22, 2007.",
    },
    holdingsAfter: [{ security: "Common Stock", ownership: "D", nature: null, shares: 42_800 }],
    derivativesHeld: [
      derivative({ security: "Class B Warrants", shares: 4000 }),
      derivative({ security: "Options to purchase common stock", shares: 25_000, note: "vested" }),
      derivative({ security: "Options to purchase common stock", shares: 5000, note: "unvested" }),
    ],
    lateFiling: { businessDays: 1, late: false },
    source: "text",
    filedDate: "2007-11-14",
  });
}

export function derivative(
  over: Partial<Summary["derivativesHeld"][number]> & { security: string },
): Summary["derivativesHeld"][number] {
  return {
    shares: null,
    exercisePrice: null,
    source: "footnote",
    underlyingSecurity: null,
    exerciseDate: null,
    expirationDate: null,
    ownership: null,
    nature: null,
    note: null,
    ...over,
  };
}
