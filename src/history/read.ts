// The edge of the history: a ticker and a window → every Form 4 / 4/A the company is the issuer of,
// filed in the window (from its filing list and older pages), each read once through the cached,
// rate-limited Form4Source → the pure aggregation. Bounded: at most MAX_HISTORY_FILINGS filings,
// the newest, and the cut is said.

import { EdgarError } from "../edgar/errors.js";
import { padCik } from "../edgar/links.js";
import type { Company, FetchedFiling, FilingRef, Form4Source } from "../edgar/types.js";
import { Form4ParseError } from "../form4/errors.js";
import { aggregateHistory } from "./aggregate.js";
import type { History, HistoryFilingInput, HistoryWindow, UnreadFiling } from "./model.js";

/** Filings read at most for one history: about 30 s of EDGAR's 10 a second when cold. */
export const MAX_HISTORY_FILINGS = 300;
/** Filings read at once (the client's limiter keeps all of them within 10 a second). */
const CONCURRENCY = 6;
/** Filed this long after the window's end, a filing may still report trades inside it (late). */
const LATE_FILING_DAYS = 31;

export interface HistoryHooks {
  /** The listing was read: `total` filings will be read (after the bound). */
  onListed?(total: number): void;
  /** One more filing read (or found unreadable). */
  onRead?(done: number, total: number): void;
}

export interface HistoryOptions {
  maxFilings?: number;
}

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function isIssuer(f: FetchedFiling, company: Company): boolean {
  const cik = f.filing.issuer.cik ? padCik(f.filing.issuer.cik) : null;
  if (cik) return cik === company.cik;
  const ticker = f.filing.issuer.ticker?.toUpperCase();
  return ticker !== undefined && ticker === company.ticker.toUpperCase();
}

/** Runs `work` over `items` with at most `limit` at once; results in the items' order. */
async function pool<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<PromiseSettledResult<R>[]> {
  const results: PromiseSettledResult<R>[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      try {
        results[i] = { status: "fulfilled", value: await work(items[i] as T) };
      } catch (reason) {
        results[i] = { status: "rejected", reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * The company's insider history over `window` (transaction dates). Throws EdgarError for an
 * unknown ticker or when EDGAR cannot give the filing list; a filing that cannot be read is
 * listed in `unread`, unless none could be read and EDGAR was the reason (then that error).
 */
export async function readHistory(
  source: Form4Source,
  ticker: string,
  window: HistoryWindow,
  hooks: HistoryHooks = {},
  options: HistoryOptions = {},
): Promise<History> {
  const company = await source.company(ticker);
  const lastFiled = addDays(window.until, LATE_FILING_DAYS);
  const seen = new Set<string>();
  const listed = (await source.listFiled(company.cik, window.since)).filter((r) => {
    if (r.filedDate !== "" && r.filedDate > lastFiled) return false;
    if (seen.has(r.accessionNumber)) return false;
    seen.add(r.accessionNumber);
    return true;
  });
  const max = options.maxFilings ?? MAX_HISTORY_FILINGS;
  // Newest first: a cut keeps the most recent filings.
  const refs: FilingRef[] = listed.slice(0, max);
  const last = refs[refs.length - 1];
  const cut =
    listed.length > refs.length
      ? { listed: listed.length, read: refs.length, earliestFiledRead: last?.filedDate || null }
      : null;
  hooks.onListed?.(refs.length);

  let done = 0;
  const results = await pool(refs, CONCURRENCY, async (ref) => {
    try {
      return await source.fetch(ref);
    } finally {
      done += 1;
      hooks.onRead?.(done, refs.length);
    }
  });

  const filings: HistoryFilingInput[] = [];
  const unread: UnreadFiling[] = [];
  let notIssuer = 0;
  let edgarFailure: unknown = null;
  results.forEach((result, i) => {
    const ref = refs[i] as FilingRef;
    if (result.status === "fulfilled") {
      const f = result.value;
      if (!isIssuer(f, company)) {
        notIssuer += 1;
        return;
      }
      filings.push({
        accessionNumber: f.ref.accessionNumber,
        form: f.filing.formType,
        filedDate: f.ref.filedDate,
        url: f.url,
        summary: f.summary,
      });
      return;
    }
    const reason = result.reason;
    if (reason instanceof EdgarError && reason.kind === "notForm4") {
      // Listed as a Form 4 but is not one: not this history's, and not a loss either.
      unread.push({ accessionNumber: ref.accessionNumber, url: null, reason: reason.message });
      return;
    }
    if (reason instanceof Form4ParseError || reason instanceof EdgarError) {
      if (reason instanceof EdgarError) edgarFailure ??= reason;
      unread.push({ accessionNumber: ref.accessionNumber, url: null, reason: reason.message });
      return;
    }
    throw reason;
  });
  if (filings.length === 0 && edgarFailure !== null) throw edgarFailure;

  return aggregateHistory({
    company: { cik: company.cik, name: company.name, ticker: company.ticker },
    window,
    filings,
    unread,
    cut,
    notIssuer,
  });
}
