// What the Slack listeners call for the watchlist and digest subcommands and the Home tab. Each
// command does its work and returns the reply text (mrkdwn) for the person who typed it; failures
// a person can fix come back as that text too, never as a stack trace.

import type { types } from "@slack/bolt";
import type { PostProblem } from "../channel-access.js";
import { parseChannelKey } from "../channel-key.js";
import type { Form4Source } from "../edgar/types.js";
import { cannotPostNow } from "../render/channel-access.js";
import { homeWatchlistBlocks } from "../render/home.js";
import { escapeMrkdwn } from "../render/mrkdwn.js";
import type { Store } from "../store.js";
import { StateBusyError } from "./claims.js";
import type { DigestRunner } from "./runner.js";
import { nextSlot } from "./schedule.js";
import {
  type DigestSettings,
  DigestSettingsError,
  getDigestSettings,
  setDigestMarket,
  setDigestOff,
  setDigestOn,
  setDigestTime,
} from "./settings.js";
import { listChannels } from "./state.js";
import { formatWhen } from "./time.js";
import {
  getWatchlist,
  unwatch,
  unwatchReply,
  type WatchedTicker,
  watch,
  watchlistLine,
  watchReply,
} from "./watchlists.js";

type KnownBlock = types.KnownBlock;

export interface DigestDeps {
  store: Store;
  source: Form4Source;
  runner: DigestRunner;
  now: () => number;
}

/** Errors a person can act on become the reply; anything else is the caller's to log. */
async function answer(work: () => Promise<string>): Promise<string> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DigestSettingsError || error instanceof StateBusyError) {
      return error.message;
    }
    throw error;
  }
}

/** "Digest: 18:00 America/New_York on market days (next Wed Mar 18 18:00) · market section off" */
export function settingsLine(settings: DigestSettings, now: number): string {
  const market = settings.market ? "market section on" : "market section off";
  if (!settings.enabled)
    return `Digest: off (turn it on with \`/form4 digest at 18:00\`) \u00b7 ${market}`;
  const next = nextSlot(settings, now);
  const when = next === null ? "" : ` (next ${formatWhen(next, settings.timeZone)})`;
  return `Digest: ${settings.time} ${settings.timeZone} on market days${when} \u00b7 ${market}`;
}

/** `/form4 watch ASTI TSLA` */
export async function watchCommand(deps: DigestDeps, channel: string, tickers: string[]) {
  return answer(async () => {
    const result = await watch(deps.store, deps.source, channel, tickers, deps.now());
    return watchReply(result);
  });
}

/** `/form4 unwatch ASTI` */
export async function unwatchCommand(deps: DigestDeps, channel: string, tickers: string[]) {
  return answer(async () => unwatchReply(await unwatch(deps.store, channel, tickers)));
}

/** `/form4 watchlist` */
export async function watchlistCommand(deps: DigestDeps, channel: string) {
  const now = deps.now();
  const list = await getWatchlist(deps.store, channel);
  const settings = await getDigestSettings(deps.store, channel, now);
  return `${watchlistLine(list)}\n${settingsLine(settings, now)}`;
}

/** `/form4 digest at 18:00 [Europe/London]` */
export async function digestAtCommand(
  deps: DigestDeps,
  channel: string,
  time: string,
  timeZone: string | null,
) {
  return answer(async () => {
    const now = deps.now();
    const settings = await setDigestTime(deps.store, channel, time, timeZone, now);
    return settingsLine(settings, now);
  });
}

/** `/form4 digest off` */
export async function digestOffCommand(deps: DigestDeps, channel: string) {
  return answer(async () =>
    settingsLine(await setDigestOff(deps.store, channel, deps.now()), deps.now()),
  );
}

/** `/form4 digest on` */
export async function digestOnCommand(deps: DigestDeps, channel: string) {
  return answer(async () =>
    settingsLine(await setDigestOn(deps.store, channel, deps.now()), deps.now()),
  );
}

/** `/form4 digest market on|off` */
export async function digestMarketCommand(deps: DigestDeps, channel: string, on: boolean) {
  return answer(async () =>
    settingsLine(await setDigestMarket(deps.store, channel, on, deps.now()), deps.now()),
  );
}

/** `/form4 digest now`: posts the digest into the channel; the reply says what happened. */
export async function digestNowCommand(deps: DigestDeps, channel: string): Promise<string> {
  const outcome = await deps.runner.runNow(channel);
  switch (outcome.status) {
    case "posted":
      return "Here is the digest.";
    case "empty":
      return watchlistLine([]);
    case "busy":
      // runNow waited out a lease period: a crashed holder's lease would have run out by now, so
      // the holder is alive and renewing.
      return "Another digest of this channel is being posted right now (it has held the channel for over a minute); its messages appear as they are posted.";
    case "interrupted":
      return outcome.posted > 0
        ? `I was restarted while posting the digest: ${outcome.posted} message(s) went out, and the rest comes with the next digest (or \`/form4 digest now\` in a minute).`
        : "I am restarting and could not post the digest; try `/form4 digest now` again in a minute.";
    case "failed":
      if (outcome.problem) return cannotPostNow(outcome.problem);
      return `The digest could not be posted (${escapeMrkdwn(outcome.error ?? "Slack did not take it")}); what was not posted will come with the next digest.`;
    default:
      return "Nothing to post right now.";
  }
}

export interface ChannelOverview {
  /** The channel id (within the person's workspace). */
  channel: string;
  watchlist: WatchedTicker[];
  settings: DigestSettings;
}

/** Watchlists and digest settings of the given channels (team-scoped keys; those with a watchlist). */
export async function channelOverviews(
  deps: Pick<DigestDeps, "store" | "now">,
  channels: readonly string[],
): Promise<ChannelOverview[]> {
  const now = deps.now();
  // Only channels that ever watched something can have a watchlist: one read instead of one per
  // channel the person is in.
  const known = new Set(await listChannels(deps.store));
  const overviews: ChannelOverview[] = [];
  for (const channel of channels) {
    if (!known.has(channel)) continue;
    const watchlist = await getWatchlist(deps.store, channel);
    if (watchlist.length === 0) continue;
    overviews.push({
      channel: parseChannelKey(channel).channel,
      watchlist,
      settings: await getDigestSettings(deps.store, channel, now),
    });
  }
  return overviews;
}

/**
 * Home tab blocks (src/render/home.ts) for the channels' watchlists and settings; `cannotPost`:
 * the channels (ids) where Slack refuses the bot's posts, each with its problem.
 */
export function homeDigestBlocks(
  overviews: readonly ChannelOverview[],
  now: number,
  cannotPost: ReadonlyMap<string, PostProblem> = new Map(),
): KnownBlock[] {
  return homeWatchlistBlocks(
    overviews.map((o) => ({
      channel: o.channel,
      tickers: o.watchlist.map((w) => w.ticker),
      settings: settingsLine(o.settings, now),
      cannotPost: cannotPost.get(o.channel) ?? null,
    })),
  );
}

/** The digest part of the Home tab for a user, given the channels they are in (see above). */
export async function homeDigestSection(
  deps: Pick<DigestDeps, "store" | "now">,
  userChannels: readonly string[],
  cannotPost: ReadonlyMap<string, PostProblem> = new Map(),
): Promise<KnownBlock[]> {
  return homeDigestBlocks(await channelOverviews(deps, userChannels), deps.now(), cannotPost);
}
