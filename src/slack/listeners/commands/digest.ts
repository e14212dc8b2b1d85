// `/form4 watch …`, `unwatch …`, `watchlist`, `digest …`: the channel's watchlist and digest
// settings, kept in the store by src/digest. The command is acked at once (watch asks EDGAR about
// each ticker; digest now builds and posts a whole digest), then answered to the person alone.
import { alertsLine } from "../../../alerts/commands.js";
import { type ChannelRef, getRules } from "../../../alerts/state.js";
import { getAccess } from "../../../channel-access.js";
import { channelKey } from "../../../channel-key.js";
import {
  type DigestDeps,
  digestAtCommand,
  digestMarketCommand,
  digestNowCommand,
  digestOffCommand,
  digestOnCommand,
  unwatchCommand,
  watchCommand,
  watchlistCommand,
} from "../../../digest/commands.js";
import { getDigestSettings } from "../../../digest/settings.js";
import { getWatchlist } from "../../../digest/watchlists.js";
import { cannotPostLine, cannotPostWarning } from "../../../render/channel-access.js";
import { type ConversationsClient, checkAndRecord } from "../../channel-check.js";
import type { Answer } from "../../command-replies.js";
import type { DigestCommand } from "../../command-text.js";
import type { ListenerDeps } from "../../deps.js";
import { textReply } from "../../replies.js";

/** The reply text (mrkdwn) of one digest command in `channel`. */
export function runDigestCommand(
  deps: DigestDeps,
  command: DigestCommand,
  channel: string,
): Promise<string> {
  switch (command.kind) {
    case "watch":
      return watchCommand(deps, channel, command.tickers);
    case "unwatch":
      return unwatchCommand(deps, channel, command.tickers);
    case "watchlist":
      return watchlistCommand(deps, channel);
    case "digestAt":
      return digestAtCommand(deps, channel, command.time, command.timeZone);
    case "digestOff":
      return digestOffCommand(deps, channel);
    case "digestOn":
      return digestOnCommand(deps, channel);
    case "digestMarket":
      return digestMarketCommand(deps, channel, command.on);
    case "digestNow":
      return digestNowCommand(deps, channel);
  }
}

/** Commands after which the bot will post in the channel later, on its own. */
const SETS_UP_POSTS: ReadonlySet<DigestCommand["kind"]> = new Set([
  "watch",
  "digestAt",
  "digestOn",
  "digestMarket",
]);

/**
 * After a command that sets up a digest: when the channel now has one (tickers watched, digest
 * on), can the bot post there? Checked at once (src/slack/channel-check.ts), so the person hears
 * it now rather than never on the day. The setting is kept either way: they meant it for this
 * channel, and once they invite the bot it works without typing it again. null: nothing to say.
 */
export async function digestPostingWarning(
  deps: ListenerDeps,
  command: DigestCommand,
  channel: string,
  check: { client: ConversationsClient; user: string | null },
): Promise<string | null> {
  if (!SETS_UP_POSTS.has(command.kind)) return null;
  if (command.kind === "digestMarket" && !command.on) return null;
  if ((await getWatchlist(deps.store, channel)).length === 0) return null;
  if (!(await getDigestSettings(deps.store, channel, deps.now())).enabled) return null;
  const problem = await checkAndRecord(deps, check.client, channel, check.user);
  return problem === null || problem === "unknown" ? null : cannotPostWarning(problem, "digest");
}

/**
 * Does the command in the channel `where` (of its team) and tells the person what happened,
 * ephemerally, through `respond`. `check`: Bolt's client (conversations.info) and who typed it,
 * to say at once when the bot cannot post where a digest was just set up.
 */
export async function answerDigestCommand(
  deps: ListenerDeps,
  command: DigestCommand,
  where: ChannelRef,
  respond: Answer,
  check: { client: ConversationsClient; user: string | null } | null = null,
): Promise<void> {
  const channel = channelKey(where.teamId, where.channelId);
  let text: string;
  try {
    text = await runDigestCommand(deps, command, channel);
    if (command.kind === "watchlist") {
      // The channel's alerts sit beside its watchlist and digest.
      text += `\n${alertsLine(await getRules(deps.store, where))}`;
      // What the store knows (no Slack call): Slack refused the bot's posts here.
      const access = await getAccess(deps.store, channel);
      if (access) text += `\n${cannotPostLine(access.problem, "this channel")}`;
    }
    const warning = check ? await digestPostingWarning(deps, command, channel, check) : null;
    if (warning) text += `\n${warning}`;
  } catch (err) {
    // Mistakes a person can fix come back as text; this is ours (a store or Slack outage, a bug).
    deps.logger.error(`/form4 ${command.kind} in ${channel} failed`, err);
    text =
      ":warning: Something went wrong on my side while changing this channel's watchlist or digest. It has been logged; please try again.";
  }
  const reply = textReply(text);
  try {
    await respond({ response_type: "ephemeral", text: reply.text, blocks: reply.blocks });
  } catch (err) {
    deps.logger.error(`Could not answer /form4 ${command.kind} through its response_url`, err);
  }
}
