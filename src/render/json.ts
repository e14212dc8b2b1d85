// The --json contract (docs/json-contract.md): the contract's keys first, in the documented
// order, then additions. Numbers stay numbers, dates YYYY-MM-DD, unknown is null (never 0).

import type {
  CodeTotals,
  DerivativeHeld,
  HoldingAfter,
  Summary,
  SummaryOwner,
  SummaryTransaction,
  TradeGroup,
} from "../form4/summary.js";

/**
 * Sums of prices carry binary noise (700 × 16.76 = 11732.000000000002). 15 significant digits is
 * what a double holds exactly, so this removes the noise and never changes a stated number.
 */
export function num(n: number): number;
export function num(n: number | null): number | null;
export function num(n: number | null): number | null {
  if (n === null || !Number.isFinite(n)) return null;
  return Number(n.toPrecision(15));
}

function owner(o: SummaryOwner) {
  return { cik: o.cik, name: o.name, roles: [...o.roles], title: o.title };
}

function transaction(t: SummaryTransaction) {
  return {
    table: t.table,
    security: t.security,
    date: t.date,
    code: t.code,
    acquiredDisposed: t.acquiredDisposed,
    shares: num(t.shares),
    price: num(t.price),
    sharesOwnedAfter: num(t.sharesOwnedAfter),
    ownership: t.ownership,
    nature: t.nature,
    inferred: t.inferred,
    // additions
    priceRange: t.priceRange ? { min: num(t.priceRange.min), max: num(t.priceRange.max) } : null,
    exercisePrice: num(t.exercisePrice),
    underlyingSecurity: t.underlyingSecurity,
    underlyingShares: num(t.underlyingShares),
    plan10b51: t.plan10b51,
  };
}

function totals(t: CodeTotals) {
  return {
    shares: num(t.shares),
    pricedShares: num(t.pricedShares),
    averagePrice: num(t.averagePrice),
    minPrice: num(t.minPrice),
    maxPrice: num(t.maxPrice),
    value: num(t.value),
    // addition: rows whose shares are not stated and could not be inferred (left out of `shares`)
    unknownShareRows: t.unknownShareRows,
  };
}

/** A holding's contract keys, in order; `form4 history --json` lists its positions with them too. */
export function holdingKeys(h: HoldingAfter) {
  return {
    security: h.security,
    ownership: h.ownership,
    nature: h.nature,
    shares: num(h.shares),
  };
}

function holding(h: HoldingAfter) {
  return {
    ...holdingKeys(h),
    // additions: who holds an indirect position, and the footnotes on its nature
    heldBy: h.heldBy ?? null,
    natureFootnoteIds: h.natureFootnoteIds ?? [],
  };
}

function derivative(d: DerivativeHeld) {
  return {
    security: d.security,
    shares: num(d.shares),
    exercisePrice: num(d.exercisePrice),
    source: d.source,
    // additions
    underlyingSecurity: d.underlyingSecurity,
    exerciseDate: d.exerciseDate,
    expirationDate: d.expirationDate,
    ownership: d.ownership,
    nature: d.nature,
    note: d.note,
  };
}

function group(g: TradeGroup) {
  return {
    table: g.table,
    code: g.code,
    description: g.description,
    acquiredDisposed: g.acquiredDisposed,
    securities: [...g.securities],
    dates: [...g.dates],
    rowCount: g.rowCount,
    ...totals(g),
    inferredShares: num(g.inferredShares),
    unpricedShares: num(g.unpricedShares),
    plan10b51: g.plan10b51,
    // additions
    mirrored: g.mirrored,
    exercisedFrom: [...g.exercisedFrom],
    vesting: g.vesting,
  };
}

/** The --json object for one summary. Key order is part of the contract. */
export function summaryJson(summary: Summary) {
  const p = summary.plan10b51;
  return {
    formType: summary.formType,
    accessionNumber: summary.accessionNumber,
    issuer: {
      cik: summary.issuer.cik,
      name: summary.issuer.name,
      ticker: summary.issuer.ticker,
    },
    owners: summary.owners.map(owner),
    transactions: summary.transactions.map(transaction),
    totals: Object.fromEntries(
      Object.entries(summary.totals).map(([code, t]) => [code, totals(t)]),
    ),
    plan10b51: {
      used: p.used,
      source: p.source,
      adoptionDate: p.adoptionDate,
      // additions
      daysToFirstTrade: p.daysToFirstTrade,
      coolingOffDays: p.coolingOffDays,
      inCoolingOff: p.inCoolingOff,
      evidence: p.evidence,
    },
    holdingsAfter: summary.holdingsAfter.map(holding),
    derivativesHeld: summary.derivativesHeld.map(derivative),
    lateFiling: summary.lateFiling
      ? { businessDays: summary.lateFiling.businessDays, late: summary.lateFiling.late }
      : null,
    warnings: [...summary.warnings],
    // additions
    source: summary.source,
    periodOfReport: summary.periodOfReport,
    filedDate: summary.filedDate,
    dateOfOriginalSubmission: summary.dateOfOriginalSubmission,
    firstTradeDate: summary.firstTradeDate,
    lastTradeDate: summary.lastTradeDate,
    remarks: summary.remarks,
    groups: summary.groups.map(group),
    warningDetails: summary.warningDetails.map((w) => ({
      code: w.code,
      where: w.where,
      text: w.text,
    })),
  };
}

export type SummaryJson = ReturnType<typeof summaryJson>;
