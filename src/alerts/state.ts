// Where alerts keep their records: the store's "alerts" namespace. Per channel, keyed by the Slack
// team as well (`alerts:${teamId}:${channelId}`): the rules, what was posted (one record per
// channel and filing, behind a claim, so each is posted once across restarts and instances) and
// a short log of posted alerts (to thread a 4/A under its original). Shared: the feed's cursor
// and each issuer's recent open-market purchases (for clusters); only the poller writes those.

import type Keyv from "keyv";
import { channelKey, parseChannelKey } from "../channel-key.js";
import { withEditLock } from "../digest/claims.js";
import type { FeedFiling } from "../edgar/current-feed.js";
import type { SlackMessage } from "../render/blocks.js";
import type { Store } from "../store.js";
import type { Purchase } from "./match.js";
import type { AlertRule } from "./rules.js";

export const ALERTS_NAMESPACE = "alerts";
const CHANNELS_KEY = "alert-channels";
const FEED_KEY = "feed";
const POLLED_KEY = "feed-polled";

/** A channel of a Slack team. */
export interface ChannelRef {
  teamId: string;
  channelId: string;
}

export function alertsKv(store: Store): Keyv {
  return store.kv(ALERTS_NAMESPACE);
}

/** The channel's "team:channel" key (src/channel-key.ts), as every per-channel record uses. */
function keyOf({ teamId, channelId }: ChannelRef): string {
  return channelKey(teamId, channelId);
}

/** The channels of a list of keys; a key without its team names no channel we can post to. */
function refsOf(keys: readonly string[]): ChannelRef[] {
  return keys.flatMap((k) => {
    const { team, channel } = parseChannelKey(k);
    return team ? [{ teamId: team, channelId: channel }] : [];
  });
}

export function rulesKey(channel: ChannelRef): string {
  return `alerts:${keyOf(channel)}`;
}

export async function getRules(store: Store, channel: ChannelRef): Promise<AlertRule[]> {
  return (await alertsKv(store).get<AlertRule[]>(rulesKey(channel))) ?? [];
}

/** Changes a channel's rules under its edit lock; `edit` returns the new list. */
export async function editRules(
  store: Store,
  channel: ChannelRef,
  edit: (rules: AlertRule[]) => AlertRule[] | Promise<AlertRule[]>,
): Promise<AlertRule[]> {
  const key = rulesKey(channel);
  const rules = await withEditLock(store, key, async () => {
    const next = await edit(await getRules(store, channel));
    if (next.length === 0) await alertsKv(store).delete(key);
    else await alertsKv(store).set(key, next);
    return next;
  });
  await setChannelRegistered(store, channel, rules.length > 0);
  return rules;
}

/** Channels with alert rules. */
export async function alertChannels(store: Store): Promise<ChannelRef[]> {
  const list = (await alertsKv(store).get<string[]>(CHANNELS_KEY)) ?? [];
  return refsOf(list);
}

async function setChannelRegistered(store: Store, channel: ChannelRef, on: boolean) {
  const key = keyOf(channel);
  const list = (await alertsKv(store).get<string[]>(CHANNELS_KEY)) ?? [];
  if (list.includes(key) === on) return;
  await withEditLock(store, CHANNELS_KEY, async () => {
    const now = (await alertsKv(store).get<string[]>(CHANNELS_KEY)) ?? [];
    const next = on ? [...new Set([...now, key])].sort() : now.filter((k) => k !== key);
    await alertsKv(store).set(CHANNELS_KEY, next);
  });
}

/** A filing the poller must look at again (EDGAR failed, or Slack did not take a post). */
export interface RetryItem {
  filing: FeedFiling;
  firstSeenAt: number;
  attempts: number;
}

/** The poller's cursor on the feed. */
export interface FeedState {
  /** Accession → when the poller first saw it on the feed (epoch ms; 0 = on the first read ever). */
  seen: Record<string, number>;
  lastPollAt: number;
  retry: RetryItem[];
}

/** Accessions remembered: a few times the feed's pages, so the feed's tail is never news again. */
export const SEEN_LIMIT = 3000;

export async function loadFeedState(store: Store): Promise<FeedState | null> {
  const kv = alertsKv(store);
  const [state, polled] = await Promise.all([
    kv.get<Omit<FeedState, "lastPollAt">>(FEED_KEY),
    kv.get<number>(POLLED_KEY),
  ]);
  return state ? { ...state, lastPollAt: polled ?? 0 } : null;
}

/**
 * Saves the poller's cursor. `changed` false (nothing new, nothing to retry): only the poll's time
 * is written, not the whole list of accessions seen.
 */
export async function saveFeedState(store: Store, state: FeedState, changed = true): Promise<void> {
  await alertsKv(store).set(POLLED_KEY, state.lastPollAt);
  if (!changed) return;
  const entries = Object.entries(state.seen);
  let seen = state.seen;
  if (entries.length > SEEN_LIMIT) {
    seen = Object.fromEntries(entries.sort((a, b) => b[1] - a[1]).slice(0, SEEN_LIMIT));
  }
  await alertsKv(store).set(FEED_KEY, { seen, retry: state.retry });
}

/** What was posted for one channel and one filing (or cluster). */
export interface PostedRecord {
  /** The message's ts (for threads); null when Slack did not say. */
  ts: string | null;
  at: number;
}

/** Records are kept long enough to outlive any retry of the same filing. */
const POSTED_TTL_MS = 60 * 24 * 60 * 60_000;

export function postedKey(channel: ChannelRef, item: string): string {
  return `posted:${keyOf(channel)}:${item}`;
}

/** The claim taken before posting `item` to the channel. */
export function postClaimKey(channel: ChannelRef, item: string): string {
  return `alert:${keyOf(channel)}:${item}`;
}

export async function getPosted(
  store: Store,
  channel: ChannelRef,
  item: string,
): Promise<PostedRecord | null> {
  return (await alertsKv(store).get<PostedRecord>(postedKey(channel, item))) ?? null;
}

export async function recordPosted(
  store: Store,
  channel: ChannelRef,
  item: string,
  record: PostedRecord,
): Promise<void> {
  await alertsKv(store).set(postedKey(channel, item), record, POSTED_TTL_MS);
}

/** A posted filing alert, for finding the original a 4/A amends. */
export interface AlertLogEntry {
  accessionNumber: string;
  issuerCik: string | null;
  ownerCiks: string[];
  filedDate: string | null;
  ts: string | null;
}

const LOG_LIMIT = 300;

function logKey(channel: ChannelRef): string {
  return `log:${keyOf(channel)}`;
}

export async function alertLog(store: Store, channel: ChannelRef): Promise<AlertLogEntry[]> {
  return (await alertsKv(store).get<AlertLogEntry[]>(logKey(channel))) ?? [];
}

export async function appendAlertLog(
  store: Store,
  channel: ChannelRef,
  entry: AlertLogEntry,
): Promise<void> {
  const log = await alertLog(store, channel);
  const next = [entry, ...log.filter((e) => e.accessionNumber !== entry.accessionNumber)];
  await alertsKv(store).set(logKey(channel), next.slice(0, LOG_LIMIT));
}

export async function issuerPurchases(store: Store, issuerCik: string): Promise<Purchase[]> {
  return (await alertsKv(store).get<Purchase[]>(`purchases:${issuerCik}`)) ?? [];
}

export async function saveIssuerPurchases(
  store: Store,
  issuerCik: string,
  purchases: Purchase[],
): Promise<void> {
  await alertsKv(store).set(`purchases:${issuerCik}`, purchases, 90 * 24 * 60 * 60_000);
}

// ---- Alerts held while the bot cannot post in a channel (src/channel-access.ts) -----------------

/** An alert Slack would not take because the bot cannot post in the channel; posted later. */
export interface HeldAlert {
  /** What postOnce records it as posted under (an accession number, or a cluster key). */
  item: string;
  message: SlackMessage;
  threadTs: string | null;
  logEntry: Omit<AlertLogEntry, "ts"> | null;
  heldAt: number;
}

/** Held per channel: the newest this many (about 3 KB each); the older are counted, and said. */
export const HELD_ALERTS_LIMIT = 20;

export interface HeldAlerts {
  alerts: HeldAlert[];
  /** Held alerts that made way for newer ones. */
  dropped: number;
}

const HELD_CHANNELS_KEY = "held-channels";

function heldKey(channel: ChannelRef): string {
  return `held:${keyOf(channel)}`;
}

/** Channels with alerts held. */
export async function heldChannels(store: Store): Promise<ChannelRef[]> {
  const list = (await alertsKv(store).get<string[]>(HELD_CHANNELS_KEY)) ?? [];
  return refsOf(list);
}

export async function getHeldAlerts(store: Store, channel: ChannelRef): Promise<HeldAlerts> {
  return (await alertsKv(store).get<HeldAlerts>(heldKey(channel))) ?? { alerts: [], dropped: 0 };
}

async function setHeldChannel(store: Store, channel: ChannelRef, on: boolean) {
  const key = keyOf(channel);
  await withEditLock(store, HELD_CHANNELS_KEY, async () => {
    const now = (await alertsKv(store).get<string[]>(HELD_CHANNELS_KEY)) ?? [];
    if (now.includes(key) === on) return;
    const next = on ? [...now, key].sort() : now.filter((k) => k !== key);
    if (next.length === 0) await alertsKv(store).delete(HELD_CHANNELS_KEY);
    else await alertsKv(store).set(HELD_CHANNELS_KEY, next);
  });
}

/** Only the poller (one instance at a time) writes these. */
export async function holdAlert(store: Store, channel: ChannelRef, alert: HeldAlert) {
  const held = await getHeldAlerts(store, channel);
  if (held.alerts.some((a) => a.item === alert.item)) return;
  const alerts = [...held.alerts, alert];
  const over = Math.max(0, alerts.length - HELD_ALERTS_LIMIT);
  await alertsKv(store).set(heldKey(channel), {
    alerts: alerts.slice(over),
    dropped: held.dropped + over,
  });
  await setHeldChannel(store, channel, true);
}

/** What is still held after some were posted (nothing left: the record goes). */
export async function saveHeldAlerts(store: Store, channel: ChannelRef, held: HeldAlerts) {
  if (held.alerts.length === 0 && held.dropped === 0) {
    await alertsKv(store).delete(heldKey(channel));
    await setHeldChannel(store, channel, false);
  } else {
    await alertsKv(store).set(heldKey(channel), held);
  }
}
