// Where each channel's digest stands: which filings it already posted, per watched ticker, and
// which scheduled slot it last completed. EDGAR dates filings by day only, so a cursor is the
// earliest filing date it still looks at plus the accession numbers already posted from then on.
// It only moves after a post succeeded: a failure re-posts at most once and never skips.

import type { FilingRef } from "../edgar/types.js";
import type { Store } from "../store.js";
import { channelRecordKey, stateKv } from "./state.js";
import { addDays, edgarDate } from "./time.js";
import type { WatchedTicker } from "./watchlists.js";

export interface TickerCursor {
  /** `addedAt` of the watchlist entry this cursor belongs to (re-watching starts afresh). */
  addedAt: number;
  /** Earliest EDGAR filing date (YYYY-MM-DD) still looked at. */
  since: string;
  /** Accession → filing date, for filings already posted that were filed on or after `since`. */
  posted: Record<string, string>;
}

export interface ChannelCursor {
  /** The last scheduled slot whose digest was completed (epoch ms). */
  lastSlot: number | null;
  /** When the last digest (scheduled or "now") was posted (epoch ms). */
  lastDigestAt: number | null;
  /** By watched ticker. */
  tickers: Record<string, TickerCursor>;
  /** A scheduled digest put off because EDGAR failed for some tickers. */
  retry: { slot: number; attempts: number; at: number } | null;
  /** When a digest whose market section is still to be posted ran (epoch ms). */
  marketPendingAt: number | null;
  /** The EDGAR date of the last market section posted. */
  lastMarketDate: string | null;
  /**
   * When Slack first refused a digest because the bot cannot post in the channel (not invited,
   * archived: src/channel-access.ts); its filings stay unposted in `tickers`, and the digest is
   * posted at the first tick after that is fixed. null: nothing held.
   */
  heldAt: number | null;
}

/**
 * How far behind the newest date a cursor keeps posted accessions: a filing that shows up in
 * EDGAR's listing later than this after its filing date would be missed (EDGAR lists within
 * minutes; a week is generous).
 */
export const LOOKBACK_DAYS = 7;

export function emptyCursor(): ChannelCursor {
  return {
    lastSlot: null,
    lastDigestAt: null,
    tickers: {},
    retry: null,
    marketPendingAt: null,
    lastMarketDate: null,
    heldAt: null,
  };
}

/** The cursor of a watched ticker: a new one starts at the day it was added. */
export function tickerCursor(cursor: ChannelCursor, watched: WatchedTicker): TickerCursor {
  const existing = cursor.tickers[watched.ticker];
  if (existing && existing.addedAt === watched.addedAt) return existing;
  return { addedAt: watched.addedAt, since: edgarDate(watched.addedAt), posted: {} };
}

/** Refs not posted yet, filed on or after the cursor's date; each accession once. */
export function unposted(cursor: TickerCursor, refs: readonly FilingRef[]): FilingRef[] {
  const seen = new Set<string>();
  return refs.filter((ref) => {
    if (ref.filedDate < cursor.since) return false;
    if (ref.accessionNumber in cursor.posted || seen.has(ref.accessionNumber)) return false;
    seen.add(ref.accessionNumber);
    return true;
  });
}

/** The cursor with `refs` recorded as posted (after the message carrying them was posted). */
export function recordPosted(
  cursor: TickerCursor,
  refs: readonly Pick<FilingRef, "accessionNumber" | "filedDate">[],
): TickerCursor {
  const posted = { ...cursor.posted };
  for (const ref of refs) posted[ref.accessionNumber] = ref.filedDate;
  return { ...cursor, posted };
}

/**
 * Once a digest covered everything up to `now`: forget accessions older than the look-back
 * window, whose start becomes the new `since`, so the record and EDGAR listings stay short.
 */
export function settle(cursor: TickerCursor, now: number): TickerCursor {
  const floor = addDays(edgarDate(now), -LOOKBACK_DAYS);
  // YYYY-MM-DD strings compare in date order.
  const since = [cursor.since, floor].sort()[1] ?? floor;
  const posted: Record<string, string> = {};
  for (const [accession, date] of Object.entries(cursor.posted)) {
    if (date >= since) posted[accession] = date;
  }
  return { addedAt: cursor.addedAt, since, posted };
}

function cursorKey(channel: string): string {
  return channelRecordKey("cursor", channel);
}

export async function loadCursor(store: Store, channel: string): Promise<ChannelCursor> {
  const stored = await stateKv(store).get<ChannelCursor>(cursorKey(channel));
  return stored ? { ...emptyCursor(), ...stored } : emptyCursor();
}

/** Only the holder of the channel's digest claim writes its cursor. */
export async function saveCursor(store: Store, channel: string, cursor: ChannelCursor) {
  await stateKv(store).set(cursorKey(channel), cursor);
}
