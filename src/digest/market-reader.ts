// Reading one day of EDGAR for the market digest: the daily form index, then each distinct Form 4
// it lists, through the shared EDGAR client (so the process's 10 requests a second hold, and each
// filing is cached forever). Bounded: at most `maxFilings` per day, and only a few requests in
// flight, so a slash command asked meanwhile waits behind a handful of requests, not hundreds.

import { dailyIndexCheck, form4DocumentCheck } from "../edgar/checks.js";
import type { EdgarClient } from "../edgar/client.js";
import { FOREVER } from "../edgar/client.js";
import { EdgarError } from "../edgar/errors.js";
import { archivesPath, dailyIndexPath, filingIndexPath } from "../edgar/links.js";
import { readFilingBounded } from "../engine/pool.js";
import { isSecBusinessDay } from "../form4/calendar.js";
import { OPEN_MARKET_CODES } from "../form4/codes.js";
import {
  distinctForm4s,
  type IndexEntry,
  type MarketDigest,
  type MarketTrade,
  marketTrade,
  parseDailyIndex,
  topTrades,
} from "./market.js";
import { addDays } from "./time.js";

export type MarketEdgar = Pick<EdgarClient, "get" | "wwwUrl">;

export interface MarketReaderOptions {
  client: MarketEdgar;
  /** Most Form 4s read for one day (a busy day lists about 1,000). */
  maxFilings?: number;
  /** Requests in flight at once. */
  concurrency?: number;
}

export const DEFAULT_MARKET_MAX_FILINGS = 1000;
const DEFAULT_CONCURRENCY = 4;
/** A day's index is complete once published; re-read it now and then in case it was not yet. */
const INDEX_FRESH_MS = 6 * 60 * 60_000;
/** How many SEC business days back to look for a published index. */
const DAYS_BACK = 4;
/**
 * Filings EDGAR kept failing for (after the client's retries and one more pass) that still let the
 * day count as read, said as "could not be read": beyond this the day is not stored and is read
 * again later, so a passing outage never becomes the day's result for every channel.
 */
const TOLERATED_FAILURES = (read: number) => Math.max(2, Math.floor(read / 100));

/** EDGAR answers 403 (not 404) for a daily index it has not published yet. */
const INDEX_OPTIONS = { check: dailyIndexCheck, forbiddenMeansMissing: true } as const;

/** The market digest of EDGAR date `date`. EdgarError("notFound") when EDGAR has no index for it. */
export async function readMarketDay(
  date: string,
  options: MarketReaderOptions,
): Promise<MarketDigest> {
  const { client } = options;
  const max = options.maxFilings ?? DEFAULT_MARKET_MAX_FILINGS;
  const index = await client.get(
    client.wwwUrl(dailyIndexPath(date)),
    INDEX_FRESH_MS,
    INDEX_OPTIONS,
  );
  const filings = distinctForm4s(parseDailyIndex(index.body));
  const toRead = filings.slice(0, max);
  const trades: MarketTrade[] = [];
  let unreadable = 0;
  /** Filings EDGAR failed for (not answering, or answering something else): tried again below. */
  let failed: IndexEntry[] = [];
  /** EDGAR throttled us: nothing more is sent, and the day is not stored as read. */
  let stop: EdgarError | null = null;
  const readOne = async (entry: IndexEntry) => {
    try {
      const response = await client.get(client.wwwUrl(archivesPath(entry.fileName)), FOREVER, {
        check: form4DocumentCheck,
      });
      const { summary } = await readFilingBounded(response.body, {
        accessionNumber: entry.accessionNumber,
        filedDate: entry.date,
      });
      const url = client.wwwUrl(
        filingIndexPath(summary.issuer.cik ?? entry.cik, entry.accessionNumber),
      );
      for (const code of OPEN_MARKET_CODES) {
        const trade = marketTrade(summary, entry.accessionNumber, url, code);
        if (trade) trades.push(trade);
      }
    } catch (error) {
      if (error instanceof EdgarError && error.kind === "throttled") {
        stop ??= error;
      } else if (error instanceof EdgarError && error.kind === "unavailable") {
        failed.push(entry);
      } else {
        // Counted and said in the message; one bad filing does not stop the day.
        unreadable++;
      }
    }
  };
  const pass = async (entries: readonly IndexEntry[]) => {
    let next = 0;
    const worker = async () => {
      while (next < entries.length && stop === null) {
        const entry = entries[next++];
        if (entry) await readOne(entry);
      }
    };
    const workers = Math.max(
      1,
      Math.min(options.concurrency ?? DEFAULT_CONCURRENCY, entries.length),
    );
    await Promise.all(Array.from({ length: workers }, worker));
  };
  await pass(toRead);
  if (stop === null && failed.length > 0) {
    const again = failed;
    failed = [];
    await pass(again);
    const stillFailing = failed.length;
    unreadable += stillFailing;
    if (stop === null && stillFailing > TOLERATED_FAILURES(toRead.length)) {
      throw new EdgarError(
        "unavailable",
        `EDGAR did not give ${stillFailing} of the ${toRead.length} Form 4 filings of ${date}; the day is read again later`,
      );
    }
  }
  if (stop !== null) throw stop;
  return {
    date,
    form4Count: filings.length,
    read: toRead.length,
    unreadable,
    purchases: topTrades(trades.filter((t) => t.code === "P")),
    sales: topTrades(trades.filter((t) => t.code === "S")),
  };
}

/**
 * The newest market day on or before `onOrBefore` (and after `after`, when given) whose index EDGAR
 * has published, or null. EDGAR publishes a day's index in the evening, so an 18:00 digest often
 * gets the previous market day.
 */
export async function latestPublishedDay(
  onOrBefore: string,
  after: string | null,
  options: MarketReaderOptions,
): Promise<string | null> {
  let date = onOrBefore;
  let tried = 0;
  for (let i = 0; i < 15 && tried < DAYS_BACK; i++, date = addDays(date, -1)) {
    if (after !== null && date <= after) return null;
    // EDGAR publishes indexes on SEC business days (Good Friday has one; Columbus Day none).
    if (!isSecBusinessDay(date)) continue;
    tried++;
    try {
      await options.client.get(
        options.client.wwwUrl(dailyIndexPath(date)),
        INDEX_FRESH_MS,
        INDEX_OPTIONS,
      );
      return date;
    } catch (error) {
      if (!(error instanceof EdgarError && error.kind === "notFound")) throw error;
    }
  }
  return null;
}
