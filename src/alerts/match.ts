// Which of a channel's rules a filing meets, and the cluster and first-buy logic. Pure: the
// poller (poller.ts) gathers what these need from EDGAR and the store.

import { TRANSACTION_CODES } from "../form4/codes.js";
import type { FormType } from "../form4/model.js";
import type { Summary, SummaryOwner } from "../form4/summary.js";
import { ownersMatch } from "./roles.js";
import { type AlertRule, CLUSTER_WINDOW_DAYS } from "./rules.js";

// The open-market codes (P, S), read from the one table of codes.
const OPEN_MARKET = TRANSACTION_CODES.filter((c) => c.openMarket);
/** The open-market purchase code (P). */
export const PURCHASE_CODE = OPEN_MARKET.find((c) => c.usualDirection === "A")?.code ?? "P";
/** The open-market sale code (S). */
export const SALE_CODE = OPEN_MARKET.find((c) => c.usualDirection === "D")?.code ?? "S";

/** What the rules look at in a filing that was read. */
export interface FilingFacts {
  accessionNumber: string;
  form: FormType;
  /** 10 digits, zero-padded; null when the filing does not say. */
  issuerCik: string | null;
  issuerName: string;
  ticker: string | null;
  owners: SummaryOwner[];
  /** Open-market purchases in Table I: value over priced rows (null: none of them priced). */
  purchase: TradeFacts | null;
  sale: TradeFacts | null;
  /** Earliest trade date (YYYY-MM-DD). */
  tradeDate: string | null;
  filedDate: string | null;
  /** For a 4/A: when the original was filed. */
  dateOfOriginalSubmission: string | null;
}

export interface TradeFacts {
  shares: number;
  /** Σ shares × price over the rows that state a price; null when no row states one. */
  value: number | null;
  averagePrice: number | null;
}

function padCik(cik: string | null): string | null {
  if (!cik || !/^\d{1,10}$/.test(cik.trim())) return null;
  return cik.trim().padStart(10, "0");
}

function trade(summary: Summary, code: string): TradeFacts | null {
  const t = summary.totals[code];
  if (!t || (t.shares <= 0 && t.unknownShareRows === 0)) return null;
  return {
    shares: t.shares,
    value: t.pricedShares > 0 ? t.value : null,
    averagePrice: t.averagePrice,
  };
}

export function filingFacts(summary: Summary, accessionNumber: string): FilingFacts {
  const ticker = summary.issuer.ticker?.trim() ?? "";
  return {
    accessionNumber,
    form: summary.formType,
    issuerCik: padCik(summary.issuer.cik),
    issuerName: summary.issuer.name,
    ticker: ticker === "" || /^(n\/?a|none)$/i.test(ticker) ? null : ticker.toUpperCase(),
    owners: summary.owners,
    purchase: trade(summary, PURCHASE_CODE),
    sale: trade(summary, SALE_CODE),
    tradeDate: summary.firstTradeDate,
    filedDate: summary.filedDate,
    dateOfOriginalSubmission: summary.dateOfOriginalSubmission,
  };
}

/**
 * Does the filing meet the rule? Clusters and first buys need more than the filing (the
 * issuer's other purchases, the insider's history): the poller decides those with
 * `clusterOf` and `isFirstBuy`, and here they only need an open-market purchase.
 */
export function meetsRule(rule: AlertRule, facts: FilingFacts): boolean {
  switch (rule.kind) {
    case "ticker":
      return facts.issuerCik === rule.cik;
    case "buys":
    case "sells": {
      const t = rule.kind === "buys" ? facts.purchase : facts.sale;
      if (!t) return false;
      // A value we do not know is not "over $100k": only priced rows count.
      if (rule.minValue > 0 && (t.value === null || t.value < rule.minValue)) return false;
      return ownersMatch(facts.owners, rule.roles);
    }
    case "clusters":
    case "firstBuys":
      return facts.purchase !== null;
  }
}

/** One open-market purchase at an issuer, as the cluster logic remembers it. */
export interface Purchase {
  accessionNumber: string;
  ownerCik: string;
  ownerName: string;
  /** YYYY-MM-DD */
  tradeDate: string;
  /** null: no price stated. */
  value: number | null;
  shares: number;
  url: string;
}

export interface Cluster {
  /** The same for every purchase of one cluster: its first purchase's accession number. */
  key: string;
  /** Every purchase in it, oldest first. */
  purchases: Purchase[];
  /** Distinct insiders, in the order they first bought. */
  insiders: { cik: string; name: string; value: number | null; shares: number }[];
  /** Σ value over the priced purchases; null when none is priced. */
  totalValue: number | null;
  /** Purchases whose price is not stated (left out of the total). */
  unpriced: number;
}

function days(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/**
 * The cluster `purchase` belongs to, if any: purchases at one issuer chained so each is within
 * CLUSTER_WINDOW_DAYS of the one before, with at least two distinct insiders. `history` is the
 * issuer's purchases known so far (it may already contain `purchase`).
 */
export function clusterOf(history: readonly Purchase[], purchase: Purchase): Cluster | null {
  const all = [
    ...history.filter((p) => p.accessionNumber !== purchase.accessionNumber),
    purchase,
  ].sort(
    (a, b) =>
      a.tradeDate.localeCompare(b.tradeDate) || a.accessionNumber.localeCompare(b.accessionNumber),
  );
  const at = all.indexOf(purchase);
  let first = at;
  while (first > 0) {
    const prev = all[first - 1] as Purchase;
    if (days(prev.tradeDate, (all[first] as Purchase).tradeDate) > CLUSTER_WINDOW_DAYS) break;
    first--;
  }
  let last = at;
  while (last < all.length - 1) {
    const next = all[last + 1] as Purchase;
    if (days((all[last] as Purchase).tradeDate, next.tradeDate) > CLUSTER_WINDOW_DAYS) break;
    last++;
  }
  const purchases = all.slice(first, last + 1);
  const insiders: Cluster["insiders"] = [];
  for (const p of purchases) {
    const known = insiders.find((i) => i.cik === p.ownerCik);
    if (known) {
      known.shares += p.shares;
      known.value = known.value === null ? p.value : known.value + (p.value ?? 0);
    } else {
      insiders.push({ cik: p.ownerCik, name: p.ownerName, value: p.value, shares: p.shares });
    }
  }
  if (insiders.length < 2) return null;
  const priced = purchases.filter((p) => p.value !== null);
  return {
    key: (purchases[0] as Purchase).accessionNumber,
    purchases,
    insiders,
    totalValue: priced.length > 0 ? priced.reduce((s, p) => s + (p.value ?? 0), 0) : null,
    unpriced: purchases.length - priced.length,
  };
}

/** Purchases kept per issuer: a chain longer than this many days is still one cluster. */
export const PURCHASE_HISTORY_DAYS = 60;

/** The issuer's history with `purchase` added, older than PURCHASE_HISTORY_DAYS dropped. */
export function withPurchase(history: readonly Purchase[], purchase: Purchase): Purchase[] {
  const all = [...history.filter((p) => p.accessionNumber !== purchase.accessionNumber), purchase];
  const newest = all.reduce((m, p) => (p.tradeDate > m ? p.tradeDate : m), purchase.tradeDate);
  return all.filter((p) => days(p.tradeDate, newest) <= PURCHASE_HISTORY_DAYS);
}

/** One of the insider's earlier filings, as the first-buy check reads it. */
export interface PriorFiling {
  accessionNumber: string;
  filedDate: string;
  issuerCik: string | null;
  /** An open-market purchase in it. */
  bought: boolean;
}

/**
 * First buy: no earlier filing of the insider (within the window read) reports an open-market
 * purchase at this issuer. `complete` false (the history was cut at its bound): unknown, null.
 */
export function isFirstBuy(
  facts: FilingFacts,
  prior: readonly PriorFiling[],
  complete: boolean,
): boolean | null {
  const earlier = prior.filter(
    (p) =>
      p.accessionNumber !== facts.accessionNumber &&
      (facts.filedDate === null || p.filedDate <= facts.filedDate),
  );
  if (earlier.some((p) => p.bought && p.issuerCik === facts.issuerCik)) return false;
  return complete ? true : null;
}
