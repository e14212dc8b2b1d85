// What the edges (CLI, Slack listeners, digest) ask of EDGAR, independent of how it is fetched.

import type { Filing, FormType } from "../form4/model.js";
import type { Summary } from "../form4/summary.js";

export interface Company {
  cik: string; // 10 digits, zero-padded
  name: string;
  ticker: string;
}

/** One Form 4 / 4/A as listed in a company's filing index. */
export interface FilingRef {
  accessionNumber: string; // 0001179110-07-016964
  cik: string; // the issuer's CIK (the folder EDGAR files it under)
  form: FormType;
  filedDate: string; // YYYY-MM-DD; "" when EDGAR did not say (a pasted link to a folder with no header page)
  /** Primary document file name when known from the listing, e.g. "xslF345X03/doc4.xml" or "doc4.xml". */
  primaryDocument: string | null;
}

/** A fetched, parsed and summarized filing. */
export interface FetchedFiling {
  ref: FilingRef;
  filing: Filing;
  summary: Summary;
  /** Link a person opens: the filing index page on EDGAR. */
  url: string;
  /** true when EDGAR failed and this came from the cache. */
  stale: boolean;
}

/** What a pasted link means. */
export type EdgarLink =
  | { kind: "filing"; cik: string | null; accessionNumber: string; document: string | null }
  | { kind: "company"; cik: string }
  /** A company page named by ticker (`browse-edgar?action=getcompany&CIK=ASTI`). */
  | { kind: "ticker"; ticker: string };

/** A listed filing that was fetched but could not be read, so callers can say so (never silently dropped). */
export interface SkippedFiling {
  ref: FilingRef;
  /** In plain words, e.g. the reader's Form4ParseError message. */
  reason: string;
}

/**
 * The one way the edges (CLI, Slack listeners, digest) reach Form 4s. Implemented in
 * `src/edgar/filings.ts` over the rate-limited, cached EDGAR client. Failures throw `EdgarError`
 * (or `Form4ParseError` for a filing that cannot be read).
 */
export interface Form4Source {
  /** Ticker (case-insensitive, "BRK.B"/"BRK-B") → company; EdgarError("unknownTicker") otherwise. */
  company(ticker: string): Promise<Company>;
  /** The latest `limit` Form 4 / 4/A filings where the company is the issuer, newest first. */
  latestForTicker(
    ticker: string,
    limit: number,
  ): Promise<{ company: Company; filings: FetchedFiling[]; skipped?: SkippedFiling[] }>;
  /** Filing refs (not fetched) for a company's Form 4 / 4/A as issuer filed on or after `since` (YYYY-MM-DD). */
  listSince(cik: string, since: string): Promise<FilingRef[]>;
  /**
   * Every Form 4 / 4/A listed under the company filed on or after `since`, newest first, from its
   * filing list and older pages, not fetched (so not yet known to have it as the issuer).
   */
  listFiled(cik: string, since: string): Promise<FilingRef[]>;
  /** One filing by ref: fetched (cached forever), parsed, summarized. */
  fetch(ref: FilingRef): Promise<FetchedFiling>;
  /** Any pasted EDGAR link or bare accession number → the filing(s) it means (a company link: its latest). */
  resolve(linkOrAccession: string, limit?: number): Promise<FetchedFiling[]>;
}
