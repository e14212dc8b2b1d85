// The digest loop: every minute, ask which channels' digests are due (schedule.ts), and for each
// one claim it in the store, fetch what is new since its cursor, post, and move the cursor message
// by message. Exactly once across instances: only the holder of a channel's claim posts, and it
// re-reads the cursor after claiming, so a digest another instance just finished is not repeated.

import { getPosted } from "../alerts/state.js";
import {
  clearCannotPost,
  getAccess,
  type PostProblem,
  postProblemOf,
  recordCannotPost,
} from "../channel-access.js";
import { type ChannelKey, parseChannelKey } from "../channel-key.js";
import { DEFAULT_EDGAR_WWW_URL } from "../config.js";
import { EdgarError } from "../edgar/errors.js";
import { companyForm4sPath, filingIndexPath } from "../edgar/links.js";
import type { FilingRef, Form4Source } from "../edgar/types.js";
import { Form4ParseError } from "../form4/errors.js";
import { type Lease, LeaseRegistry, takeLease } from "../lease.js";
import type { SlackMessage } from "../render/blocks.js";
import type { Store } from "../store.js";
import {
  DIGEST_CLAIM_TTL_MS,
  digestClaimKey,
  MARKET_CLAIM_TTL_MS,
  marketClaimKey,
} from "./claims.js";
import {
  type ChannelCursor,
  loadCursor,
  recordPosted,
  saveCursor,
  settle,
  type TickerCursor,
  tickerCursor,
  unposted,
} from "./cursor.js";
import { buildDigest, type DigestFiling, type TickerDigest } from "./digest.js";
import { type MarketDigest, marketMessage } from "./market.js";
import { latestPublishedDay, type MarketReaderOptions, readMarketDay } from "./market-reader.js";
import { dueSlot, everyMinute, type Ticker } from "./schedule.js";
import { getDigestSettings } from "./settings.js";
import { listChannels, stateKv } from "./state.js";
import { edgarDate } from "./time.js";
import { getWatchlist, type WatchedTicker } from "./watchlists.js";

/**
 * Posts one message to a channel, named by its team-scoped key (src/channel-key.ts), through
 * chat.postMessage; throws when Slack did not take it.
 */
export type PostMessage = (channel: ChannelKey, message: SlackMessage) => Promise<void>;

/** The bot token of a team (OAuth installs); undefined: the client's own token (one workspace). */
export type TeamToken = (team: string | null) => Promise<string | undefined>;

/** The part of Slack's WebClient the digest uses (src/slack/app.ts gives it one of its own). */
export interface ChatClient {
  chat: {
    postMessage(args: {
      token?: string;
      channel: string;
      text: string;
      blocks: SlackMessage["blocks"];
      unfurl_links: boolean;
      unfurl_media: boolean;
    }): Promise<unknown>;
  };
}

/**
 * PostMessage over Slack's Web API. The WebClient throws when Slack answers ok: false, so a post
 * that did not land never moves a cursor. Link previews are off: a digest has many links.
 */
export function postWithSlack(
  client: ChatClient,
  tokenFor: TeamToken = async () => undefined,
): PostMessage {
  return async (key, message) => {
    const { team, channel } = parseChannelKey(key);
    // Each workspace's digest goes out with that workspace's own token.
    const token = await tokenFor(team);
    await client.chat.postMessage({
      ...(token ? { token } : {}),
      channel,
      text: message.text,
      blocks: message.blocks,
      unfurl_links: false,
      unfurl_media: false,
    });
  };
}

export interface DigestLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface DigestRunnerOptions {
  store: Store;
  source: Form4Source;
  post: PostMessage;
  /** The clock; tests move it. */
  now?: () => number;
  /** EDGAR access for the market section; null/absent: market sections are not posted. */
  market?: MarketReaderOptions | null;
  /** EDGAR's www host, for links to a company's filings. */
  edgarWwwUrl?: string;
  logger?: DigestLogger;
  /** A scheduled digest waits this long for EDGAR before posting without the failed tickers. */
  retryDelayMs?: number;
  retryAttempts?: number;
  /** The leases this runner holds go here, so shutdown can release them. */
  leases?: LeaseRegistry;
  /** A channel's digest lease period (default DIGEST_CLAIM_TTL_MS); renewed every third of it. */
  leaseMs?: number;
}

export type RunStatus =
  /** Posted (a digest with filings, or the quiet-day line). */
  | "posted"
  /** Another run holds the channel's claim right now. */
  | "busy"
  /** Nothing due after all (another instance just did it). */
  | "done"
  /** Nothing to post: no watched tickers. */
  | "empty"
  /** EDGAR failed for some tickers; tried again later. */
  | "retryLater"
  /** Slack did not take a message; what was posted is recorded, the rest is tried again. */
  | "failed"
  /** Shutdown stopped it between two messages; what was posted is recorded, the rest comes next time. */
  | "interrupted";

export interface RunOutcome {
  channel: string;
  /** "held": a digest held while the bot could not post in the channel, posted now that it can. */
  kind: "scheduled" | "now" | "held" | "market";
  status: RunStatus;
  /** Messages posted by this run. */
  posted: number;
  error?: string;
  /** Slack refused because the bot cannot post in the channel (recorded; no retry until fixed). */
  problem?: PostProblem;
}

const DEFAULT_RETRY_DELAY_MS = 10 * 60_000;
const DEFAULT_RETRY_ATTEMPTS = 3;
/** Watched tickers asked of EDGAR at once (the client limits the request rate anyway). */
const TICKER_CONCURRENCY = 3;
const MARKET_RESULT_TTL_MS = 7 * 24 * 60 * 60_000;

const silent: DigestLogger = { info() {}, warn() {}, error() {} };

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Failures that will not get better by asking again in a few minutes. */
function isPermanent(error: unknown): boolean {
  return (
    error instanceof EdgarError &&
    (error.kind === "unknownTicker" || error.kind === "noFilings" || error.kind === "notFound")
  );
}

/** A filing EDGAR gave us but we cannot read: reported in the digest, never dropped. */
function isUnreadable(error: unknown): boolean {
  return (
    error instanceof Form4ParseError ||
    (error instanceof EdgarError &&
      (error.kind === "notForm4" || error.kind === "notFound" || error.kind === "tooLarge"))
  );
}

function sameCik(a: string | null, b: string): boolean {
  return a === null || Number(a) === Number(b);
}

async function pool<T, R>(items: readonly T[], size: number, work: (item: T) => Promise<R>) {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  return results;
}

export class DigestRunner {
  private readonly store: Store;
  private readonly source: Form4Source;
  private readonly post: PostMessage;
  private readonly now: () => number;
  private readonly market: MarketReaderOptions | null;
  private readonly www: string;
  private readonly log: DigestLogger;
  private readonly retryDelayMs: number;
  private readonly retryAttempts: number;
  private readonly leases: LeaseRegistry;
  private readonly leaseMs: number;
  /** Set by stop() once its grace period is over: runs stop before their next message. */
  private halted = false;
  /** Every run under way (ticks and "digest now"), so stop() can wait for them. */
  private readonly inFlight = new Set<Promise<unknown>>();
  private ticker: Ticker | null = null;
  private running: Promise<unknown> | null = null;

  constructor(options: DigestRunnerOptions) {
    this.store = options.store;
    this.source = options.source;
    this.post = options.post;
    this.now = options.now ?? Date.now;
    this.market = options.market ?? null;
    this.www = (options.edgarWwwUrl ?? DEFAULT_EDGAR_WWW_URL).replace(/\/+$/, "");
    this.log = options.logger ?? silent;
    this.retryDelayMs = options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS;
    this.retryAttempts = options.retryAttempts ?? DEFAULT_RETRY_ATTEMPTS;
    this.leases = options.leases ?? new LeaseRegistry();
    this.leaseMs = options.leaseMs ?? DIGEST_CLAIM_TTL_MS;
  }

  private track<T>(run: Promise<T>): Promise<T> {
    this.inFlight.add(run);
    const forget = () => this.inFlight.delete(run);
    run.then(forget, forget);
    return run;
  }

  /** The channel's digest lease, renewed while this run works; null while someone else holds it. */
  private lease(key: string, ttlMs: number): Promise<Lease | null> {
    return takeLease(
      this.store,
      key,
      {
        ttlMs,
        onRenewError: (error) => this.log.warn(`renewing ${key} failed: ${describe(error)}`),
      },
      this.leases,
    );
  }

  /** Tick every minute until stop(). */
  start(): void {
    if (this.ticker) return;
    this.ticker = everyMinute(
      async () => {
        await this.tick();
      },
      (error) => this.log.error(`digest tick failed: ${describe(error)}`),
    );
  }

  /** When the next tick fires; null when not started (or stopped). */
  nextTick(): Date | null {
    return this.ticker?.nextRun() ?? null;
  }

  /**
   * Stop ticking; let runs under way finish for up to `graceMs`, then make them stop before their
   * next message (each message posted is already recorded, so the next run goes on from there),
   * and wait for that.
   */
  async stop(graceMs = Number.POSITIVE_INFINITY, afterHaltMs = 2000): Promise<void> {
    this.ticker?.stop();
    this.ticker = null;
    const all = () => Promise.allSettled([...this.inFlight, this.running]);
    if (!Number.isFinite(graceMs)) {
      await all();
      return;
    }
    const within = async (ms: number) => {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([all(), new Promise((r) => (timer = setTimeout(r, ms)))]);
      clearTimeout(timer);
    };
    await within(graceMs);
    this.halted = true;
    // A run halts at its next message; one stuck on EDGAR is left (its lease is released by the
    // caller's LeaseRegistry, its cursor already records every message posted).
    await within(afterHaltMs);
  }

  /** Everything due now: scheduled digests first, then pending market sections. */
  async tick(): Promise<RunOutcome[]> {
    const run = this.track(this.tickOnce());
    this.running = run;
    try {
      return await run;
    } finally {
      if (this.running === run) this.running = null;
    }
  }

  private async tickOnce(): Promise<RunOutcome[]> {
    const outcomes: RunOutcome[] = [];
    const channels = await listChannels(this.store);
    const marketPending: string[] = [];
    for (const channel of channels) {
      try {
        const now = this.now();
        const settings = await getDigestSettings(this.store, channel, now);
        const cursor = await loadCursor(this.store, channel);
        const slot = dueSlot(settings, cursor, now);
        if (slot !== null) {
          // Tried even while the bot cannot post there: one post a slot is how a fix is noticed
          // where nobody tells us (no member_joined_channel event), and no retry storm.
          outcomes.push(await this.run(channel, slot));
        } else if (cursor.heldAt !== null && (await getAccess(this.store, channel)) === null) {
          // Held back while the bot could not post; the record is gone, so it can: post it once.
          outcomes.push(await this.run(channel, null, true));
        }
        if (this.market) marketPending.push(channel);
      } catch (error) {
        this.log.error(`digest for ${channel} failed: ${describe(error)}`);
        outcomes.push({
          channel,
          kind: "scheduled",
          status: "failed",
          posted: 0,
          error: describe(error),
        });
      }
    }
    for (const channel of marketPending) {
      try {
        const cursor = await loadCursor(this.store, channel);
        // Not tried every minute while the bot cannot post there; it comes once it can.
        if (cursor.marketPendingAt !== null && (await getAccess(this.store, channel)) === null) {
          outcomes.push(await this.runMarket(channel));
        }
      } catch (error) {
        this.log.error(`market digest for ${channel} failed: ${describe(error)}`);
        outcomes.push({
          channel,
          kind: "market",
          status: "failed",
          posted: 0,
          error: describe(error),
        });
      }
    }
    return outcomes;
  }

  /**
   * `/form4 digest now`: the channel's digest at once (and its market section, if on). While
   * another run holds the channel it waits up to `waitMs` (default: a lease period and a bit), so
   * the lease of an instance that died runs out and this run goes ahead; "busy" after that means
   * a live run is posting (it keeps renewing).
   */
  runNow(channel: string, waitMs = this.leaseMs * 1.25): Promise<RunOutcome> {
    return this.track(this.runNowOnce(channel, waitMs));
  }

  /**
   * The digest held while the bot could not post in the channel, now that it can (an invite);
   * "done" when nothing is held (or another run just posted it). The market section, if pending,
   * follows at the next tick.
   */
  runHeld(channel: string): Promise<RunOutcome> {
    return this.track(this.run(channel, null, true));
  }

  private async runNowOnce(channel: string, waitMs: number): Promise<RunOutcome> {
    const until = Date.now() + waitMs;
    let outcome = await this.run(channel, null);
    while (outcome.status === "busy" && Date.now() < until && !this.halted) {
      await new Promise((r) => setTimeout(r, Math.min(1000, this.leaseMs / 4)));
      outcome = await this.run(channel, null);
    }
    if (outcome.status === "posted" && this.market) {
      const market = await this.runMarket(channel).catch((error: unknown) => {
        this.log.error(`market digest for ${channel} failed: ${describe(error)}`);
        return null;
      });
      if (market) return { ...outcome, posted: outcome.posted + market.posted };
    }
    return outcome;
  }

  /**
   * One digest of a channel: for scheduled slot `slot`, or (null) right now; `held`: the digest
   * held while the bot could not post there (posted unless another run already did).
   */
  private async run(channel: string, slot: number | null, held = false): Promise<RunOutcome> {
    const kind = held ? "held" : slot === null ? "now" : "scheduled";
    if (this.halted) return { channel, kind, status: "interrupted", posted: 0 };
    const lease = await this.lease(digestClaimKey(channel), this.leaseMs);
    if (!lease) return { channel, kind, status: "busy", posted: 0 };
    try {
      return { ...(await this.runClaimed(channel, slot, lease, held)), kind };
    } finally {
      await lease.release().catch(() => {});
    }
  }

  private async runClaimed(
    channel: string,
    slot: number | null,
    lease: Lease,
    held: boolean,
  ): Promise<RunOutcome> {
    const kind = slot === null ? "now" : "scheduled";
    const now = this.now();
    // Re-read under the claim: another instance may have just posted this slot (or what was held).
    const settings = await getDigestSettings(this.store, channel, now);
    const cursor = await loadCursor(this.store, channel);
    if (slot !== null && dueSlot(settings, cursor, now) !== slot) {
      return { channel, kind, status: "done", posted: 0 };
    }
    if (held && cursor.heldAt === null) return { channel, kind, status: "done", posted: 0 };
    const watchlist = await getWatchlist(this.store, channel);
    if (watchlist.length === 0) {
      if (slot !== null || cursor.heldAt !== null) {
        await saveCursor(this.store, channel, {
          ...cursor,
          lastSlot: slot ?? cursor.lastSlot,
          retry: slot === null ? cursor.retry : null,
          heldAt: null,
        });
      }
      return { channel, kind, status: "empty", posted: 0 };
    }

    const tickers: Record<string, TickerCursor> = {};
    for (const w of watchlist) tickers[w.ticker] = tickerCursor(cursor, w);
    const gathered = await pool(watchlist, TICKER_CONCURRENCY, (w) =>
      this.gather(w, tickers[w.ticker] as TickerCursor),
    );

    const transient = gathered.filter((g) => g.transient);
    const attempts = cursor.retry?.slot === slot ? cursor.retry.attempts : 0;
    if (slot !== null && transient.length > 0 && attempts + 1 < this.retryAttempts) {
      const at = now + this.retryDelayMs;
      await saveCursor(this.store, channel, {
        ...cursor,
        retry: { slot, attempts: attempts + 1, at },
      });
      this.log.warn(
        `digest for ${channel} put off: EDGAR failed for ${transient.map((g) => g.digest.ticker).join(", ")}`,
      );
      return { channel, kind, status: "retryLater", posted: 0 };
    }

    const messages = buildDigest({
      tickers: await this.markAlerted(
        channel,
        gathered.map((g) => g.digest),
      ),
      since: cursor.lastDigestAt,
      now,
      timeZone: settings.timeZone,
    });
    let state: ChannelCursor = { ...cursor, tickers: { ...cursor.tickers, ...tickers } };
    let posted = 0;
    for (const message of messages) {
      if (this.halted) {
        this.log.warn(`digest for ${channel} stopped by shutdown after ${posted} message(s)`);
        await saveCursor(this.store, channel, state);
        return { channel, kind, status: "interrupted", posted };
      }
      if (!lease.held()) {
        // The lease was lost (this process stalled past it, or the store was unreachable): stop,
        // so no other instance posts the same digest alongside. The next holder goes on from the
        // cursor, which already records every message posted.
        this.log.warn(`digest for ${channel} lost its lease; the rest is posted at the next tick`);
        return { channel, kind, status: "retryLater", posted };
      }
      try {
        await this.post(channel, { text: message.text, blocks: message.blocks });
      } catch (error) {
        const problem = postProblemOf(error);
        if (problem) return await this.hold(channel, slot, state, posted, problem, now);
        // What was posted is recorded; the rest comes with the next try.
        const failedAttempts = attempts + 1;
        const giveUp = slot === null || failedAttempts >= this.retryAttempts;
        const next: ChannelCursor =
          slot === null
            ? state
            : giveUp
              ? { ...state, lastSlot: slot, retry: null }
              : {
                  ...state,
                  retry: { slot, attempts: failedAttempts, at: now + this.retryDelayMs },
                };
        await saveCursor(this.store, channel, next);
        this.log.error(`posting the digest to ${channel} failed: ${describe(error)}`);
        return { channel, kind, status: "failed", posted, error: describe(error) };
      }
      posted++;
      // The cursor moves only now that Slack took the message.
      const moved = { ...state.tickers };
      for (const { ticker, ref } of message.covers) {
        const tc = moved[ticker];
        if (tc) moved[ticker] = recordPosted(tc, [ref]);
      }
      state = { ...state, tickers: moved };
      await saveCursor(this.store, channel, state);
    }

    // Everything posted: settle the cursors of the tickers that were read, forget unwatched ones.
    const settled: Record<string, TickerCursor> = {};
    for (const g of gathered) {
      const tc = state.tickers[g.digest.ticker];
      if (!tc) continue;
      settled[g.digest.ticker] = g.digest.error === null ? settle(tc, now) : tc;
    }
    state = {
      ...state,
      tickers: settled,
      lastDigestAt: now,
      lastSlot: slot ?? state.lastSlot,
      retry: slot === null ? state.retry : null,
      marketPendingAt: settings.market && this.market ? now : state.marketPendingAt,
      heldAt: null,
    };
    await saveCursor(this.store, channel, state);
    // Slack took it: the bot can post here (again), whatever was on record.
    await clearCannotPost(this.store, channel);
    this.log.info(`digest for ${channel}: ${posted} message(s)`);
    return { channel, kind, status: "posted", posted };
  }

  /**
   * Slack refused because the bot cannot post in the channel: recorded on the channel (the Home
   * tab and commands say so), the slot counted as done (no retry every few minutes: nothing but a
   * person fixes it), the filings left unposted in the cursor and the digest marked held, so it is
   * posted at the first tick after the record is gone (an invite, src/slack/listeners/events/
   * member-joined-channel.ts) or with the next slot's digest, whichever is first.
   */
  private async hold(
    channel: string,
    slot: number | null,
    state: ChannelCursor,
    posted: number,
    problem: PostProblem,
    now: number,
  ): Promise<RunOutcome> {
    await saveCursor(this.store, channel, {
      ...state,
      lastSlot: slot ?? state.lastSlot,
      retry: slot === null ? state.retry : null,
      heldAt: state.heldAt ?? now,
    });
    await recordCannotPost(this.store, channel, problem, now);
    this.log.warn(
      `the digest for ${channel} is held: Slack says ${problem}; it is posted once the bot can post there`,
    );
    const kind = slot === null ? "now" : "scheduled";
    return { channel, kind, status: "failed", posted, error: problem, problem };
  }

  private filingUrl(ref: FilingRef): string {
    return `${this.www}${filingIndexPath(ref.cik, ref.accessionNumber)}`;
  }

  private companyUrl(cik: string): string {
    return `${this.www}${companyForm4sPath(cik)}`;
  }

  /**
   * Each filing's real-time alert in this channel, if the alert poller posted one: read from its
   * record of posts (src/alerts/state.ts), no EDGAR request. A key without its team has no alerts.
   */
  private async markAlerted(channel: ChannelKey, tickers: TickerDigest[]): Promise<TickerDigest[]> {
    const { team, channel: channelId } = parseChannelKey(channel);
    if (team === null) return tickers;
    const ref = { teamId: team, channelId };
    return Promise.all(
      tickers.map(async (t) => ({
        ...t,
        filings: await Promise.all(
          t.filings.map(async (f) => {
            const posted = await getPosted(this.store, ref, f.ref.accessionNumber);
            return posted ? { ...f, alertedAt: posted.at } : f;
          }),
        ),
      })),
    );
  }

  /** What is new for one watched ticker. `transient`: EDGAR failed in a way worth retrying. */
  private async gather(
    w: WatchedTicker,
    cursor: TickerCursor,
  ): Promise<{ digest: TickerDigest; transient: boolean }> {
    const base = { ticker: w.ticker, name: w.name, companyUrl: this.companyUrl(w.cik) };
    try {
      const refs = unposted(cursor, await this.source.listSince(w.cik, cursor.since));
      const filings: DigestFiling[] = [];
      const ignored: FilingRef[] = [];
      for (const ref of refs) {
        try {
          const fetched = await this.source.fetch(ref);
          if (!sameCik(fetched.summary.issuer.cik, w.cik)) {
            ignored.push(ref);
            continue;
          }
          filings.push({ ref, url: fetched.url, summary: fetched.summary, problem: null });
        } catch (error) {
          if (!isUnreadable(error)) throw error;
          filings.push({ ref, url: this.filingUrl(ref), summary: null, problem: describe(error) });
        }
      }
      return { digest: { ...base, filings, error: null, ignored }, transient: false };
    } catch (error) {
      this.log.warn(`digest: ${w.ticker}: ${describe(error)}`);
      return {
        digest: { ...base, filings: [], error: describe(error) },
        transient: !isPermanent(error),
      };
    }
  }

  /** Post the pending market section of a channel. */
  private async runMarket(channel: string): Promise<RunOutcome> {
    if (this.halted) return { channel, kind: "market", status: "interrupted", posted: 0 };
    const lease = await this.lease(digestClaimKey(channel), this.leaseMs);
    if (!lease) return { channel, kind: "market", status: "busy", posted: 0 };
    try {
      const cursor = await loadCursor(this.store, channel);
      const settings = await getDigestSettings(this.store, channel, this.now());
      if (cursor.marketPendingAt === null)
        return { channel, kind: "market", status: "done", posted: 0 };
      if (!this.market || !settings.market) {
        await saveCursor(this.store, channel, { ...cursor, marketPendingAt: null });
        return { channel, kind: "market", status: "done", posted: 0 };
      }
      const day = await latestPublishedDay(
        edgarDate(cursor.marketPendingAt),
        cursor.lastMarketDate,
        this.market,
      );
      if (day === null) {
        // No newer day published yet: nothing to add to this digest.
        await saveCursor(this.store, channel, { ...cursor, marketPendingAt: null });
        return { channel, kind: "market", status: "done", posted: 0 };
      }
      const digest = await this.marketDay(day);
      if (digest === null) return { channel, kind: "market", status: "busy", posted: 0 };
      if (this.halted) return { channel, kind: "market", status: "interrupted", posted: 0 };
      if (!lease.held()) return { channel, kind: "market", status: "retryLater", posted: 0 };
      try {
        await this.post(channel, marketMessage(digest));
      } catch (error) {
        const problem = postProblemOf(error);
        if (problem) {
          // Left pending, and not tried again while the record stands (see tickOnce).
          await recordCannotPost(this.store, channel, problem, this.now());
          this.log.warn(`the market section for ${channel} is held: Slack says ${problem}`);
          return { channel, kind: "market", status: "failed", posted: 0, error: problem, problem };
        }
        this.log.error(`posting the market digest to ${channel} failed: ${describe(error)}`);
        return { channel, kind: "market", status: "failed", posted: 0, error: describe(error) };
      }
      await saveCursor(this.store, channel, {
        ...cursor,
        marketPendingAt: null,
        lastMarketDate: day,
      });
      return { channel, kind: "market", status: "posted", posted: 1 };
    } finally {
      await lease.release().catch(() => {});
    }
  }

  /**
   * The market digest of `date`: stored once computed, so every channel and instance shares one
   * reading of EDGAR. null while another instance is reading it.
   */
  private async marketDay(date: string): Promise<MarketDigest | null> {
    const kv = stateKv(this.store);
    const key = `market:${date}`;
    const stored = await kv.get<MarketDigest>(key);
    if (stored) return stored;
    if (!this.market) return null;
    const lease = await this.lease(marketClaimKey(date), MARKET_CLAIM_TTL_MS);
    if (!lease) return null;
    try {
      const again = await kv.get<MarketDigest>(key);
      if (again) return again;
      const digest = await readMarketDay(date, this.market);
      await kv.set(key, digest, MARKET_RESULT_TTL_MS);
      return digest;
    } finally {
      await lease.release().catch(() => {});
    }
  }
}
