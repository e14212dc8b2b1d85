// A channel's watched tickers: `/form4 watch ASTI TSLA`, `/form4 unwatch ASTI`, `/form4 watchlist`.
// Tickers are checked against EDGAR when added and stored with the company's CIK, so the digest
// lists filings by CIK without asking for the ticker map again.

import { EdgarError } from "../edgar/errors.js";
import type { Form4Source } from "../edgar/types.js";
import { escapeMrkdwn } from "../render/mrkdwn.js";
import type { Store } from "../store.js";
import { withEditLock } from "./claims.js";
import { ensureDigestSettings } from "./settings.js";
import { channelRecordKey, registerChannel, stateKv } from "./state.js";

export interface WatchedTicker {
  /** As EDGAR's ticker map writes it (e.g. "BRK-B"). */
  ticker: string;
  /** 10 digits, zero-padded. */
  cik: string;
  name: string;
  /** Epoch ms when it was added: the digest covers its filings from that day on. */
  addedAt: number;
}

/** A digest lists each watched company's filings: more than this makes one digest too slow. */
export const MAX_TICKERS_PER_CHANNEL = 50;

export interface WatchResult {
  added: WatchedTicker[];
  /** Typed ticker → the watched ticker it already is (same company, e.g. GOOG vs GOOGL). */
  already: { typed: string; watchedAs: string }[];
  unknown: string[];
  /** Tickers EDGAR could not be asked about right now, with why. */
  failed: { ticker: string; reason: string }[];
  /** Valid but not added because the list is full. */
  overLimit: string[];
  watchlist: WatchedTicker[];
}

export interface UnwatchResult {
  removed: string[];
  notWatched: string[];
  watchlist: WatchedTicker[];
}

function watchlistKey(channel: string): string {
  return channelRecordKey("watchlist", channel);
}

/** "$asti", "brk.b" → "ASTI", "BRK.B"; null for what cannot be a ticker. */
export function normalizeTicker(raw: string): string | null {
  const t = raw.trim().replace(/^\$/, "").toUpperCase();
  return /^[A-Z0-9][A-Z0-9.-]{0,9}$/.test(t) ? t : null;
}

/** The same company ticker however the class is written: BRK.B = BRK-B. */
function sameTicker(a: string, b: string): boolean {
  return a.replace(/\./g, "-") === b.replace(/\./g, "-");
}

export async function getWatchlist(store: Store, channel: string): Promise<WatchedTicker[]> {
  return (await stateKv(store).get<WatchedTicker[]>(watchlistKey(channel))) ?? [];
}

/** `/form4 watch ASTI TSLA` */
export async function watch(
  store: Store,
  source: Form4Source,
  channel: string,
  typed: string[],
  now: number,
): Promise<WatchResult> {
  const result: WatchResult = {
    added: [],
    already: [],
    unknown: [],
    failed: [],
    overLimit: [],
    watchlist: [],
  };
  // Ask EDGAR first, outside the lock: it may take a while.
  const found: { typed: string; entry: WatchedTicker }[] = [];
  const seen = new Set<string>();
  for (const raw of typed) {
    const ticker = normalizeTicker(raw);
    if (ticker === null) {
      result.unknown.push(raw.trim());
      continue;
    }
    if (seen.has(ticker)) continue;
    seen.add(ticker);
    try {
      const company = await source.company(ticker);
      found.push({
        typed: ticker,
        entry: { ticker: company.ticker, cik: company.cik, name: company.name, addedAt: now },
      });
    } catch (error) {
      if (error instanceof EdgarError && error.kind === "unknownTicker")
        result.unknown.push(ticker);
      else result.failed.push({ ticker, reason: reasonOf(error) });
    }
  }
  result.watchlist = await withEditLock(store, watchlistKey(channel), async () => {
    const list = await getWatchlist(store, channel);
    for (const { typed: t, entry } of found) {
      const existing = list.find((w) => w.cik === entry.cik || sameTicker(w.ticker, entry.ticker));
      if (existing) {
        result.already.push({ typed: t, watchedAs: existing.ticker });
      } else if (list.length >= MAX_TICKERS_PER_CHANNEL) {
        result.overLimit.push(entry.ticker);
      } else {
        list.push(entry);
        result.added.push(entry);
      }
    }
    if (result.added.length > 0) await stateKv(store).set(watchlistKey(channel), list);
    return list;
  });
  if (result.added.length > 0) {
    await ensureDigestSettings(store, channel, now);
    await registerChannel(store, channel);
  }
  return result;
}

/** `/form4 unwatch ASTI` */
export async function unwatch(
  store: Store,
  channel: string,
  typed: string[],
): Promise<UnwatchResult> {
  const result: UnwatchResult = { removed: [], notWatched: [], watchlist: [] };
  result.watchlist = await withEditLock(store, watchlistKey(channel), async () => {
    let list = await getWatchlist(store, channel);
    for (const raw of typed) {
      const ticker = normalizeTicker(raw);
      const hit = ticker === null ? undefined : list.find((w) => sameTicker(w.ticker, ticker));
      if (hit) {
        list = list.filter((w) => w !== hit);
        result.removed.push(hit.ticker);
      } else {
        result.notWatched.push(ticker ?? raw.trim());
      }
    }
    if (result.removed.length > 0) await stateKv(store).set(watchlistKey(channel), list);
    return list;
  });
  return result;
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function tickerList(tickers: readonly string[]): string {
  return tickers.map((t) => `*${escapeMrkdwn(t)}*`).join(", ");
}

/** What `/form4 watch` answers, in words. */
export function watchReply(result: WatchResult): string {
  const lines: string[] = [];
  if (result.added.length > 0) {
    lines.push(
      `Watching ${tickerList(result.added.map((w) => w.ticker))}: their Form 4 filings from today on will be in this channel's digest.`,
    );
  }
  for (const a of result.already) {
    lines.push(
      a.typed === a.watchedAs || sameTicker(a.typed, a.watchedAs)
        ? `${tickerList([a.typed])} is already on the watchlist.`
        : `${tickerList([a.typed])} is the same company as ${tickerList([a.watchedAs])}, which is already on the watchlist.`,
    );
  }
  if (result.unknown.length > 0) {
    lines.push(
      `No company with ticker ${tickerList(result.unknown)} on EDGAR; check the spelling (class shares like BRK.B work).`,
    );
  }
  for (const f of result.failed) {
    lines.push(
      `Could not check ${tickerList([f.ticker])} on EDGAR right now (${escapeMrkdwn(f.reason)}); try again in a minute.`,
    );
  }
  if (result.overLimit.length > 0) {
    lines.push(
      `Not added, the watchlist is full (${MAX_TICKERS_PER_CHANNEL} tickers): ${tickerList(result.overLimit)}. Unwatch some first.`,
    );
  }
  if (lines.length === 0) lines.push("Name at least one ticker, like `/form4 watch ASTI TSLA`.");
  lines.push(watchlistLine(result.watchlist));
  return lines.join("\n");
}

/** What `/form4 unwatch` answers. */
export function unwatchReply(result: UnwatchResult): string {
  const lines: string[] = [];
  if (result.removed.length > 0) lines.push(`Stopped watching ${tickerList(result.removed)}.`);
  if (result.notWatched.length > 0) {
    lines.push(
      `${tickerList(result.notWatched)} ${result.notWatched.length === 1 ? "is" : "are"} not on the watchlist.`,
    );
  }
  if (lines.length === 0) lines.push("Name at least one ticker, like `/form4 unwatch ASTI`.");
  lines.push(watchlistLine(result.watchlist));
  return lines.join("\n");
}

/** "Watchlist: ASTI (Ascent Solar Technologies), TSLA (Tesla, Inc.)" or that it is empty. */
export function watchlistLine(list: readonly WatchedTicker[]): string {
  if (list.length === 0)
    return "This channel's watchlist is empty; add tickers with `/form4 watch ASTI TSLA`.";
  const items = list.map((w) => `*${escapeMrkdwn(w.ticker)}* (${escapeMrkdwn(w.name)})`);
  return `Watchlist: ${items.join(", ")}.`;
}
