// The alert loop: every EDGAR_POLL_SECONDS, one instance (the holder of the poller's claim in the
// store) reads EDGAR's live feed of Form 4s, and for each filing that is new reads it once (its
// .txt, cached forever), matches it against every channel's rules and posts it where it matches.
// Each (channel, filing) is claimed in the store before it is posted and recorded after, so it is
// posted once across restarts and instances; what fails (EDGAR, Slack) is tried again next poll.
//
// Cost: per poll the feed's first page (more pages only when a whole page is new); per filing
// that some rule could want, one document; first-buys also read the insider's own filing list.

import {
  type ChannelAccess,
  clearCannotPost,
  getAccess,
  postProblemOf,
  recordCannotPost,
} from "../channel-access.js";
import { channelKey } from "../channel-key.js";
import { submissionsCheck } from "../edgar/checks.js";
import { type EdgarClient, FILING_LIST_FRESH_MS } from "../edgar/client.js";
import {
  FEED_GET,
  type FeedFiling,
  feedFilingRef,
  parseCurrentFeed,
  readCurrentFeed,
} from "../edgar/current-feed.js";
import { EdgarError } from "../edgar/errors.js";
import { currentFeedPath, padCik, submissionsPath } from "../edgar/links.js";
import { parseSubmissions } from "../edgar/submissions.js";
import type { FetchedFiling, FilingRef, Form4Source } from "../edgar/types.js";
import { type Lease, takeLease } from "../lease.js";
import type { SlackMessage } from "../render/blocks.js";
import type { Store } from "../store.js";
import {
  clusterOf,
  type FilingFacts,
  filingFacts,
  isFirstBuy,
  meetsRule,
  type PriorFiling,
  PURCHASE_CODE,
  type Purchase,
  withPurchase,
} from "./match.js";
import {
  clusterMessage,
  droppedHeldMessage,
  filingAlertMessage,
  unreadableMessage,
} from "./messages.js";
import { type AlertRule, FIRST_BUY_YEARS, ruleLabel } from "./rules.js";
import {
  type AlertLogEntry,
  alertChannels,
  alertLog,
  appendAlertLog,
  type ChannelRef,
  type FeedState,
  getHeldAlerts,
  getPosted,
  getRules,
  heldChannels,
  holdAlert,
  issuerPurchases,
  loadFeedState,
  postClaimKey,
  type RetryItem,
  recordPosted,
  saveFeedState,
  saveHeldAlerts,
  saveIssuerPurchases,
} from "./state.js";

/** Posts a message to a channel (in a thread when `threadTs`); the message's ts when Slack says. */
export type AlertPost = (
  channel: ChannelRef,
  message: SlackMessage,
  threadTs: string | null,
) => Promise<{ ts: string | null }>;

export interface AlertLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface AlertPollerOptions {
  store: Store;
  source: Form4Source;
  client: EdgarClient;
  post: AlertPost;
  /** EDGAR_POLL_SECONDS × 1000. */
  intervalMs: number;
  now?: () => number;
  logger?: AlertLogger;
}

export type PollStatus =
  /** Another instance is polling right now. */
  | "busy"
  /** Another instance polled less than an interval ago. */
  | "recent"
  /** The first read ever: what is on the feed is remembered, nothing is news. */
  | "started"
  | "polled"
  /** EDGAR did not answer; the next poll reads on from the same place. */
  | "failed";

export interface PollOutcome {
  status: PollStatus;
  /** Filings new on the feed this poll. */
  fresh: number;
  /** Messages posted. */
  posted: number;
  pages: number;
}

const POLLER_LEASE = "alerts:poller";
/** A claim on one (channel, filing) post; outlives any post, never blocks a retry for long. */
const POST_CLAIM_TTL_MS = 10 * 60_000;
/** Polls a filing is tried again when EDGAR fails for it, before it is posted as unreadable. */
const READ_ATTEMPTS = 5;
/** Polls a post Slack refused is tried again before it is given up (and logged). */
const POST_ATTEMPTS = 10;
/** An insider's filings read at most for first-buys (newest first; cached forever). */
const FIRST_BUY_MAX_READS = 40;
const FIRST_BUY_CONCURRENCY = 4;
/**
 * While the bot cannot post in a channel (src/channel-access.ts) its alerts are held, not posted;
 * one post at most this often tries again, so a fix nobody tells us about is noticed within it.
 */
export const CANNOT_POST_PROBE_MS = 60 * 60_000;

const silent: AlertLogger = { info() {}, warn() {}, error() {} };

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

interface ChannelRules {
  channel: ChannelRef;
  rules: AlertRule[];
}

/** The rule may post this filing: it appeared on the feed after the rule was made. */
function eligible(rule: AlertRule, item: RetryItem): boolean {
  return rule.createdAt <= item.firstSeenAt && !rule.baseline.includes(item.filing.accessionNumber);
}

/** Without reading it: could the filing meet the rule? (Ticker rules by the feed's issuer CIK.) */
function couldMeet(rule: AlertRule, filing: FeedFiling): boolean {
  if (rule.kind !== "ticker") return true;
  return filing.issuer === null || filing.issuer.cik === rule.cik;
}

function yearsBefore(date: string, years: number): string {
  const y = Number(date.slice(0, 4));
  return `${String(y - years).padStart(4, "0")}${date.slice(4)}`;
}

export class AlertPoller {
  private readonly store: Store;
  private readonly source: Form4Source;
  private readonly client: EdgarClient;
  private readonly post: AlertPost;
  readonly intervalMs: number;
  private readonly now: () => number;
  private readonly log: AlertLogger;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = true;
  /** The poller's lease while this instance is the one polling. */
  private lease: Lease | null = null;
  /** Per poll: each channel's record of refusing posts (null: none), read once. */
  private access = new Map<string, ChannelAccess | null>();

  constructor(options: AlertPollerOptions) {
    this.store = options.store;
    this.source = options.source;
    this.client = options.client;
    this.post = options.post;
    this.intervalMs = options.intervalMs;
    this.now = options.now ?? Date.now;
    this.log = options.logger ?? silent;
  }

  /** Poll now and then every interval until stop(). */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const tick = () => {
      const started = Date.now();
      const run = this.poll().catch((error: unknown) => {
        this.log.error(`alert poll failed: ${describe(error)}`);
      });
      this.running = run;
      void run.finally(() => {
        if (this.running === run) this.running = null;
        if (this.stopped) return;
        const wait = Math.max(0, this.intervalMs - (Date.now() - started));
        this.timer = setTimeout(tick, wait);
      });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => {});
    // Given back at once, so another instance takes over at its next tick.
    await this.lease?.release().catch(() => {});
    this.lease = null;
  }

  /** This instance's lease on polling, taken when free; null while another instance holds it. */
  private async pollerLease(): Promise<Lease | null> {
    if (this.lease?.held()) return this.lease;
    this.lease = null;
    // A crashed holder stops renewing: another instance takes over within this much.
    const ttlMs = Math.max(3 * this.intervalMs, 1500);
    this.lease = await takeLease(this.store, POLLER_LEASE, {
      ttlMs,
      onRenewError: (error) =>
        this.log.warn(`renewing the alert poller's lease failed: ${describe(error)}`),
    });
    return this.lease;
  }

  /** Accessions on the feed's first page now: a new rule's baseline (already there, not news). */
  async baseline(): Promise<string[]> {
    const res = await this.client.get(this.client.wwwUrl(currentFeedPath(0)), 0, FEED_GET);
    return parseCurrentFeed(res.body).filings.map((f) => f.accessionNumber);
  }

  /** One poll, if this instance holds the poller's lease and nobody polled within the interval. */
  async poll(): Promise<PollOutcome> {
    const none = { fresh: 0, posted: 0, pages: 0 };
    const lease = await this.pollerLease();
    if (!lease) return { status: "busy", ...none };
    const state = await loadFeedState(this.store);
    const startedAt = this.now();
    // Just after a hand-over from another instance: its last poll counts.
    if (state && startedAt - state.lastPollAt < this.intervalMs * 0.8) {
      return { status: "recent", ...none };
    }
    return await this.pollHeld(state, startedAt, lease);
  }

  private async pollHeld(
    state: FeedState | null,
    startedAt: number,
    lease: Lease,
  ): Promise<PollOutcome> {
    let read: Awaited<ReturnType<typeof readCurrentFeed>>;
    try {
      read = await readCurrentFeed(this.client, state ? (a) => a in state.seen : null);
    } catch (error) {
      this.log.warn(`EDGAR's current-filings feed could not be read: ${describe(error)}`);
      return { status: "failed", fresh: 0, posted: 0, pages: 0 };
    }
    if (state === null) {
      // The first read ever: what is on the feed now was there before any rule could see it.
      const seen: Record<string, number> = {};
      for (const f of read.listed) seen[f.accessionNumber] = 0;
      await saveFeedState(this.store, { seen, lastPollAt: startedAt, retry: [] });
      return { status: "started", fresh: 0, posted: 0, pages: read.pages };
    }
    if (read.truncated) {
      this.log.warn(
        `more than ${read.pages} pages of the feed were new since the last poll; the oldest of them were not read`,
      );
    }
    const seen = { ...state.seen };
    for (const f of read.fresh) seen[f.accessionNumber] = startedAt;
    this.access.clear();
    let posted = await this.postHeld(lease);
    const channels = await this.channelRules();
    const work: RetryItem[] = [
      // Filings tried again first; a filing both retried and fresh again (a lagging feed) once.
      ...state.retry,
      ...read.fresh
        .filter((f) => !state.retry.some((r) => r.filing.accessionNumber === f.accessionNumber))
        .map((filing) => ({ filing, firstSeenAt: startedAt, attempts: 0 })),
    ];
    const retry: RetryItem[] = [];
    for (const item of work) {
      if (!lease.held()) {
        // Another instance may be polling now: stop before the next post, and leave the cursor
        // to it (it reads on from the one saved before; what was posted is recorded).
        this.log.warn("the alert poller's lease was lost; stopping this poll");
        return { status: "busy", fresh: read.fresh.length, posted, pages: read.pages };
      }
      const result = await this.process(item, channels);
      posted += result.posted;
      if (result.again) {
        if (item.attempts + 1 < POST_ATTEMPTS) retry.push({ ...item, attempts: item.attempts + 1 });
        else
          this.log.error(
            `alert for ${item.filing.accessionNumber} given up after ${POST_ATTEMPTS} polls`,
          );
      }
    }
    const changed = read.fresh.length > 0 || state.retry.length > 0 || retry.length > 0;
    await saveFeedState(this.store, { seen, lastPollAt: startedAt, retry }, changed);
    return { status: "polled", fresh: read.fresh.length, posted, pages: read.pages };
  }

  private async channelRules(): Promise<ChannelRules[]> {
    const out: ChannelRules[] = [];
    for (const channel of await alertChannels(this.store)) {
      const rules = await getRules(this.store, channel);
      if (rules.length > 0) out.push({ channel, rules });
    }
    return out;
  }

  /** One filing: read it if some rule could want it, and post it where it is wanted. */
  private async process(
    item: RetryItem,
    channels: ChannelRules[],
  ): Promise<{ posted: number; again: boolean }> {
    const { filing } = item;
    const interested = channels
      .map((c) => ({
        channel: c.channel,
        rules: c.rules.filter((r) => eligible(r, item) && couldMeet(r, filing)),
      }))
      .filter((c) => c.rules.length > 0);
    if (interested.length === 0) return { posted: 0, again: false };

    let fetched: FetchedFiling;
    try {
      fetched = await this.source.fetch(feedFilingRef(filing));
    } catch (error) {
      const transient = error instanceof EdgarError && error.kind === "unavailable";
      if (transient && item.attempts + 1 < READ_ATTEMPTS) {
        this.log.warn(`filing ${filing.accessionNumber} not read yet: ${describe(error)}`);
        return { posted: 0, again: true };
      }
      return this.postUnreadable(item, interested, describe(error));
    }

    const facts = filingFacts(fetched.summary, filing.accessionNumber);
    if (facts.issuerCik === null && filing.issuer) facts.issuerCik = filing.issuer.cik;
    const cluster = facts.purchase ? await this.recordPurchase(facts, fetched) : null;
    let firstBuy: boolean | null | undefined;

    let posted = 0;
    let again = false;
    for (const { channel, rules } of interested) {
      const why: string[] = [];
      for (const rule of rules) {
        if (rule.kind === "clusters") continue;
        if (!meetsRule(rule, facts)) continue;
        if (rule.kind === "firstBuys") {
          firstBuy ??= await this.firstBuy(facts);
          if (firstBuy !== true) continue;
        }
        why.push(ruleLabel(rule));
      }
      const amends = facts.form === "4/A" ? await this.original(channel, facts) : null;
      if (why.length > 0 || amends) {
        if (why.length === 0) why.push("amends an alerted filing");
        const message = filingAlertMessage(fetched, why, amends);
        const result = await this.postOnce(
          channel,
          filing.accessionNumber,
          message,
          amends?.ts ?? null,
          {
            accessionNumber: filing.accessionNumber,
            issuerCik: facts.issuerCik,
            ownerCiks: facts.owners.flatMap((o) => (o.cik ? [padCik(o.cik) ?? o.cik] : [])),
            filedDate: facts.filedDate,
          },
        );
        if (result === "posted") {
          posted++;
        } else if (result === "failed") again = true;
      }
      if (cluster && rules.some((r) => r.kind === "clusters")) {
        const key = `cluster:${facts.issuerCik}:${cluster.key}`;
        const result = await this.postOnce(
          channel,
          key,
          clusterMessage(cluster, facts.issuerName, facts.ticker),
          null,
        );
        if (result === "posted") posted++;
        else if (result === "failed") again = true;
      }
    }
    return { posted, again };
  }

  /** A filing EDGAR would not give us or we could not read: said where a rule could want it. */
  private async postUnreadable(
    item: RetryItem,
    interested: { channel: ChannelRef; rules: AlertRule[] }[],
    reason: string,
  ): Promise<{ posted: number; again: boolean }> {
    let posted = 0;
    let again = false;
    for (const { channel, rules } of interested) {
      // Clusters and first buys need the filing's trades; ticker and size rules might have met it.
      const why = rules
        .filter((r) => r.kind === "ticker" || r.kind === "buys" || r.kind === "sells")
        .map(ruleLabel);
      if (why.length === 0) continue;
      const message = unreadableMessage(item.filing, why, reason);
      const result = await this.postOnce(channel, item.filing.accessionNumber, message, null);
      if (result === "posted") posted++;
      else if (result === "failed") again = true;
    }
    this.log.warn(`filing ${item.filing.accessionNumber} could not be read: ${reason}`);
    return { posted, again };
  }

  /** Posted once per channel and item across instances: claim, check the record, post, record. */
  private async postOnce(
    channel: ChannelRef,
    item: string,
    message: SlackMessage,
    threadTs: string | null,
    logEntry: Omit<AlertLogEntry, "ts"> | null = null,
  ): Promise<"posted" | "already" | "failed" | "held"> {
    if (await getPosted(this.store, channel, item)) return "already";
    const key = channelKey(channel.teamId, channel.channelId);
    const hold = async () => {
      await holdAlert(this.store, channel, {
        item,
        message,
        threadTs,
        logEntry,
        heldAt: this.now(),
      });
      return "held" as const;
    };
    const refused = await this.refusal(channel);
    // No post while on record, but one an hour (CANNOT_POST_PROBE_MS) to see whether it works now.
    if (refused && this.now() - refused.checkedAt < CANNOT_POST_PROBE_MS) return hold();
    const claim = postClaimKey(channel, item);
    if (!(await this.store.claim(claim, POST_CLAIM_TTL_MS))) return "failed";
    if (await getPosted(this.store, channel, item)) return "already";
    let ts: string | null;
    try {
      ts = (await this.post(channel, message, threadTs)).ts;
    } catch (error) {
      await this.store.release(claim).catch(() => {});
      const problem = postProblemOf(error);
      if (problem) {
        // Not tried again every poll: held, and posted once the bot can post there.
        this.access.set(key, await recordCannotPost(this.store, key, problem, this.now()));
        this.log.warn(`alert ${item} for ${channel.channelId} held: Slack says ${problem}`);
        return hold();
      }
      this.log.error(`posting alert ${item} to ${channel.channelId} failed: ${describe(error)}`);
      return "failed";
    }
    if (refused) {
      // The hourly try went through: posting works there again.
      await clearCannotPost(this.store, key);
      this.access.set(key, null);
    }
    // The claim is kept: the record now says it was posted.
    await recordPosted(this.store, channel, item, { ts, at: this.now() });
    if (logEntry) await appendAlertLog(this.store, channel, { ...logEntry, ts });
    this.log.info(`alert ${item} posted to ${channel.channelId}`);
    return "posted";
  }

  /** The channel's record of refusing posts, read once a poll. */
  private async refusal(channel: ChannelRef): Promise<ChannelAccess | null> {
    const key = channelKey(channel.teamId, channel.channelId);
    if (!this.access.has(key)) this.access.set(key, await getAccess(this.store, key));
    return this.access.get(key) ?? null;
  }

  /**
   * Alerts held in channels that take posts again (their record is gone: an invite, a check that
   * found it fixed): posted, oldest first, each once (postOnce), then a line for any that were
   * dropped to keep the newest. Returns how many were posted.
   */
  private async postHeld(lease: Lease): Promise<number> {
    let posted = 0;
    for (const channel of await heldChannels(this.store)) {
      if (!lease.held()) break;
      // Still on record: left alone, but for the hourly try (postOnce makes it, with the oldest).
      const refused = await this.refusal(channel);
      if (refused && this.now() - refused.checkedAt < CANNOT_POST_PROBE_MS) continue;
      const held = await getHeldAlerts(this.store, channel);
      const left = [...held.alerts];
      let stopped = false;
      while (left.length > 0) {
        const next = left[0];
        if (!next) break;
        const result = await this.postOnce(
          channel,
          next.item,
          next.message,
          next.threadTs,
          next.logEntry,
        );
        if (result === "failed" || result === "held") {
          stopped = true;
          break;
        }
        left.shift();
        if (result === "posted") posted++;
      }
      // A "held" result above put the alert back in the stored list; the list read here is stale.
      if (stopped) continue;
      let dropped = held.dropped;
      if (dropped > 0) {
        try {
          await this.post(channel, droppedHeldMessage(dropped), null);
          dropped = 0;
        } catch (error) {
          this.log.warn(`the note on dropped alerts for ${channel.channelId}: ${describe(error)}`);
        }
      }
      await saveHeldAlerts(this.store, channel, { alerts: left, dropped });
      this.log.info(`held alerts posted to ${channel.channelId}`);
    }
    return posted;
  }

  /** The alert this 4/A amends in the channel: same issuer and insider, filed on the original's date. */
  private async original(
    channel: ChannelRef,
    facts: FilingFacts,
  ): Promise<{ ts: string | null; filedDate: string | null } | null> {
    const owners = facts.owners.flatMap((o) => (o.cik ? [padCik(o.cik) ?? o.cik] : []));
    const candidates = (await alertLog(this.store, channel)).filter(
      (e) =>
        e.accessionNumber !== facts.accessionNumber &&
        e.issuerCik === facts.issuerCik &&
        e.ownerCiks.some((c) => owners.includes(c)),
    );
    const exact = facts.dateOfOriginalSubmission
      ? candidates.find((e) => e.filedDate === facts.dateOfOriginalSubmission)
      : undefined;
    const hit = exact ?? (facts.dateOfOriginalSubmission ? undefined : candidates[0]);
    return hit ? { ts: hit.ts, filedDate: hit.filedDate } : null;
  }

  /** Adds the purchase to the issuer's history; the cluster it makes, if any. */
  private async recordPurchase(facts: FilingFacts, fetched: FetchedFiling) {
    const owner = facts.owners[0];
    const purchase = facts.purchase;
    if (!facts.issuerCik || !owner || !purchase) return null;
    const p: Purchase = {
      accessionNumber: facts.accessionNumber,
      ownerCik: padCik(owner.cik ?? "") ?? owner.name,
      ownerName: owner.name,
      tradeDate: facts.tradeDate ?? facts.filedDate ?? "",
      value: purchase.value,
      shares: purchase.shares,
      url: fetched.url,
    };
    if (p.tradeDate === "") return null;
    const history = await issuerPurchases(this.store, facts.issuerCik);
    await saveIssuerPurchases(this.store, facts.issuerCik, withPurchase(history, p));
    return clusterOf(history, p);
  }

  /**
   * Is this the insider's first open-market purchase at the issuer in FIRST_BUY_YEARS? From their
   * own filing list (data.sec.gov submissions of their CIK), reading at most FIRST_BUY_MAX_READS
   * of their earlier Form 4s. null when that bound or EDGAR kept us from knowing.
   */
  private async firstBuy(facts: FilingFacts): Promise<boolean | null> {
    const ownerCik = padCik(facts.owners[0]?.cik ?? "");
    if (!ownerCik || !facts.filedDate) return null;
    let refs: FilingRef[];
    let complete: boolean;
    const since = yearsBefore(facts.filedDate, FIRST_BUY_YEARS);
    try {
      // The same URL and check as the source's listing: a bad 200 never replaces its good copy.
      const res = await this.client.get(
        this.client.dataUrl(submissionsPath(ownerCik)),
        FILING_LIST_FRESH_MS,
        { check: submissionsCheck },
      );
      const listing = parseSubmissions(res.body, ownerCik);
      refs = listing.refs.filter(
        (r) =>
          r.accessionNumber !== facts.accessionNumber &&
          r.filedDate >= since &&
          r.filedDate <= (facts.filedDate ?? ""),
      );
      const oldest = listing.refs.at(-1)?.filedDate ?? "";
      // Complete when the recent list reaches back past the window (or there is nothing older).
      complete =
        listing.olderPages.length === 0 ||
        oldest < since ||
        listing.olderPages.every((p) => p.filingTo !== null && p.filingTo < since);
    } catch (error) {
      this.log.warn(`first-buy check for ${ownerCik} failed: ${describe(error)}`);
      return null;
    }
    if (refs.length > FIRST_BUY_MAX_READS) {
      refs = refs.slice(0, FIRST_BUY_MAX_READS);
      complete = false;
    }
    const prior: PriorFiling[] = [];
    for (let i = 0; i < refs.length; i += FIRST_BUY_CONCURRENCY) {
      const batch = refs.slice(i, i + FIRST_BUY_CONCURRENCY);
      const results = await Promise.allSettled(batch.map((r) => this.source.fetch(r)));
      results.forEach((result, k) => {
        const ref = batch[k] as FilingRef;
        if (result.status === "rejected") {
          complete = false;
          return;
        }
        const s = result.value.summary;
        const t = s.totals[PURCHASE_CODE];
        prior.push({
          accessionNumber: ref.accessionNumber,
          filedDate: ref.filedDate,
          issuerCik: padCik(s.issuer.cik ?? ""),
          bought: t !== undefined && (t.shares > 0 || t.unknownShareRows > 0),
        });
      });
      const answer = isFirstBuy(facts, prior, false);
      if (answer === false) return false;
    }
    return isFirstBuy(facts, prior, complete);
  }
}
