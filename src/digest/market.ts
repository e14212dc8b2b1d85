// The market digest: the day's largest insider purchases and sales across all of EDGAR, from
// EDGAR's daily form index (Archives/edgar/daily-index/<YYYY>/QTR<n>/form.<YYYYMMDD>.idx). Pure:
// reading the index and ranking summaries. Fetching is market-reader.ts; the message is
// src/render/market.ts.

import type { OpenMarketCode } from "../form4/codes.js";
import type { Summary, SummaryOwner } from "../form4/summary.js";
import type { SlackMessage } from "../render/blocks.js";
import { tickerOf } from "../render/content.js";
import { marketBlocks } from "../render/market.js";
import { formatDay } from "./time.js";

/** One line of a daily form index. */
export interface IndexEntry {
  form: string;
  company: string;
  /** The CIK the line is listed under (a Form 4 is listed under its issuer and each filer). */
  cik: string;
  /** YYYY-MM-DD */
  date: string;
  /** "edgar/data/1770787/0000899243-20-008928.txt" */
  fileName: string;
  accessionNumber: string;
}

const LINE_TAIL = /^(.*?)\s+(\d{1,10})\s+(\d{8}|\d{4}-\d{2}-\d{2})\s+(edgar\/data\/\S+)\s*$/;

/**
 * The entries of a form index (fixed-width columns under a "Form Type  Company Name …" header and a
 * dashed rule). The form type is the text before the company column; the rest is read from the
 * right, so long company names do not matter.
 */
export function parseDailyIndex(text: string): IndexEntry[] {
  const lines = text.split(/\r?\n/);
  const header = lines.findIndex((l) => /^Form Type\s+Company Name/.test(l));
  const companyColumn = header >= 0 ? (lines[header] ?? "").indexOf("Company Name") : 12;
  const start = lines.findIndex((l, i) => i > header && /^-{20,}/.test(l));
  const entries: IndexEntry[] = [];
  for (const line of lines.slice(start >= 0 ? start + 1 : 0)) {
    const m = LINE_TAIL.exec(line);
    if (!m) continue;
    const form = line.slice(0, companyColumn).trim();
    const company = (m[1] ?? "").slice(companyColumn).trim();
    const raw = m[3] ?? "";
    const date = raw.includes("-") ? raw : `${raw.slice(0, 4)}-${raw.slice(4, 6)}-${raw.slice(6)}`;
    const fileName = m[4] ?? "";
    const accession = /(\d{10}-\d{2}-\d{6})\.txt$/.exec(fileName)?.[1];
    if (!form || !accession) continue;
    entries.push({ form, company, cik: m[2] ?? "", date, fileName, accessionNumber: accession });
  }
  return entries;
}

/**
 * The distinct original Form 4 filings of an index (each is listed once per CIK it names).
 * Amendments (4/A) are left out: they restate earlier trades and would count them twice.
 */
export function distinctForm4s(entries: readonly IndexEntry[]): IndexEntry[] {
  const seen = new Set<string>();
  return entries.filter((e) => {
    if (e.form !== "4" || seen.has(e.accessionNumber)) return false;
    seen.add(e.accessionNumber);
    return true;
  });
}

export type MarketCode = OpenMarketCode;

/** One filing's open-market purchases (P) or sales (S) in Table I. */
export interface MarketTrade {
  code: MarketCode;
  accessionNumber: string;
  issuerName: string;
  ticker: string | null;
  owners: SummaryOwner[];
  /** The filing's signature lines, for the order a filer wrote their name in (absent in days stored before). */
  signatureNames?: string[];
  /** All shares of the code, priced or not. */
  shares: number;
  pricedShares: number;
  averagePrice: number | null;
  /** Σ(shares × price) over the priced rows: what the ranking is by. */
  value: number;
  url: string;
}

export function marketTrade(
  summary: Summary,
  accessionNumber: string,
  url: string,
  code: MarketCode,
) {
  const totals = summary.totals[code];
  if (!totals || totals.value <= 0) return null;
  const trade: MarketTrade = {
    code,
    accessionNumber,
    issuerName: summary.issuer.name,
    ticker: tickerOf(summary),
    owners: summary.owners,
    signatureNames: summary.signatureNames,
    shares: totals.shares,
    pricedShares: totals.pricedShares,
    averagePrice: totals.averagePrice,
    value: totals.value,
    url,
  };
  return trade;
}

export const MARKET_TOP = 10;

/** The `n` largest by value; ties by accession, so the order never depends on fetch order. */
export function topTrades(trades: readonly MarketTrade[], n = MARKET_TOP): MarketTrade[] {
  return [...trades]
    .sort((a, b) => b.value - a.value || a.accessionNumber.localeCompare(b.accessionNumber))
    .slice(0, n);
}

export interface MarketDigest {
  /** The EDGAR date the index is for. */
  date: string;
  /** Distinct original Form 4s in the index. */
  form4Count: number;
  /** How many of them were read (the rest were over the per-run bound). */
  read: number;
  /** Read but unreadable (not a readable Form 4, or EDGAR failed for it). */
  unreadable: number;
  purchases: MarketTrade[];
  sales: MarketTrade[];
}

/** The market section of a digest: top purchases, top sales, and what was read. */
export function marketMessage(m: MarketDigest): SlackMessage {
  return marketBlocks(m, formatDay(m.date));
}
