// The shape of an insider history: what `aggregateHistory` returns and the table, the chart, the
// CLI's text and the --json output all read, so they never disagree.

import type { FormType } from "../form4/model.js";
import type { HoldingAfter, Summary, SummaryOwner } from "../form4/summary.js";

/** The transaction-date window, both ends inclusive (YYYY-MM-DD). */
export interface HistoryWindow {
  since: string;
  until: string;
}

/** One Form 4 / 4/A as the edge read it. */
export interface HistoryFilingInput {
  accessionNumber: string;
  form: FormType;
  /** YYYY-MM-DD ("" when EDGAR did not say). */
  filedDate: string;
  /** The filing's index page on EDGAR. */
  url: string;
  summary: Summary;
}

/** A listed filing that could not be read: reported, never dropped silently. */
export interface UnreadFiling {
  accessionNumber: string;
  url: string | null;
  reason: string;
}

export interface HistoryInput {
  company: { cik: string; name: string; ticker: string };
  window: HistoryWindow;
  filings: HistoryFilingInput[];
  unread: UnreadFiling[];
  /** When the work was bounded: how many filings were listed in the window and how many read. */
  cut: { listed: number; read: number; earliestFiledRead: string | null } | null;
  /** Listed filings read whose issuer is another company (this one was a reporting owner). */
  notIssuer: number;
}

/** Open-market trades (P/S) of one insider or one month, in shares and dollars. */
export interface OpenMarket {
  boughtShares: number;
  /** Σ shares × price over the bought rows with a price; rows without one are in `unpricedShares`. */
  boughtValue: number;
  soldShares: number;
  soldValue: number;
  /** Of the sold shares and $, those under a Rule 10b5-1 plan. */
  planSoldShares: number;
  planSoldValue: number;
  /** Open-market rows (trades). */
  trades: number;
  /** Shares of open-market rows whose price is not reported (unknown, not $0): left out of $. */
  unpricedShares: number;
  /** Open-market rows whose shares are neither stated nor inferable (so shares are "at least"). */
  unknownShareRows: number;
}

/** Other activity in one compact line: grants, exercises, tax withholding, gifts, other. */
export type ActivityKind = "grant" | "exercise" | "taxWithholding" | "gift" | "other";

export interface Activity {
  kind: ActivityKind;
  /** Shares (Table I) or underlying shares (Table II), summed over rows that state them. */
  shares: number;
  rows: number;
  /** "derivative" when the rows are Table II rows (options, RSUs), else "nonDerivative". */
  table: "nonDerivative" | "derivative";
}

export interface InsiderHistory {
  /** Stable key: the reporting owner's CIK, else the name as filed (upper-cased). */
  key: string;
  /** Display name ("Ashutosh Misra"). */
  name: string;
  /** "Director, CEO"; "" when the filings give no role. */
  role: string;
  /** Co-filers of joint filings this insider filed first (each joint filing is counted once, here). */
  jointWith: string[];
  openMarket: OpenMarket;
  /** $ traded on the open market (bought + sold, priced rows): the order of the table. */
  tradedValue: number;
  /** Net open-market $ (bought − sold). */
  netValue: number;
  /** Holdings after the insider's latest filing read (its filed date and accession). */
  holdings: { filedDate: string; accessionNumber: string; positions: HoldingAfter[] } | null;
  activity: Activity[];
  /** Filings of this insider read (after amendments replaced what they amend). */
  filings: number;
  firstTradeDate: string | null;
  lastTradeDate: string | null;
}

/** One series in one month of the chart: an insider (or "Others") and a kind of trade. */
export interface MonthSeries {
  /** Insider display name, or OTHERS. */
  insider: string;
  kind: "buy" | "sale" | "planSale";
  /** Dollars, always ≥ 0 (the chart draws sales below the axis). */
  value: number;
}

export interface MonthBucket {
  /** YYYY-MM */
  month: string;
  /** Totals over every insider. */
  openMarket: OpenMarket;
  series: MonthSeries[];
}

/** What became of each filing read, for the Details list. */
export interface FilingRead {
  accessionNumber: string;
  form: FormType;
  filedDate: string;
  url: string;
  /** The insider (display name; a joint filing's first owner "and N others"). */
  insider: string;
  /** Open-market rows in the window and other rows in the window. */
  rowsInWindow: number;
  /** The 4/A that replaced this filing, when one did. */
  replacedBy: string | null;
  /** The filing this 4/A replaced, when it was read. */
  replaces: string | null;
}

export interface History {
  company: { cik: string; name: string; ticker: string };
  window: HistoryWindow;
  insiders: InsiderHistory[];
  /** Company totals over every insider. */
  openMarket: OpenMarket;
  netValue: number;
  months: MonthBucket[];
  /** Insiders named in the chart (the rest are OTHERS), largest $ traded first. */
  chartInsiders: string[];
  /** Every Form 4 / 4/A read, newest filed first. */
  filings: FilingRead[];
  /** Filings counted (read, minus those an amendment replaced). */
  filingsCounted: number;
  unread: UnreadFiling[];
  cut: HistoryInput["cut"];
  /** Listed filings where the company is not the issuer (it was a reporting owner): not counted. */
  notIssuer: number;
}

export const OTHERS = "Others";

export type { SummaryOwner };
