// `/form4 watch …`, `unwatch …`, `watchlist`, `digest …`: the channel's watchlist and digest
// settings, kept in the store by src/digest. The command is acked at once (watch asks EDGAR about
// each ticker; digest now builds and posts a whole digest), then answered to the person alone.
import { alertsLine } from "../../../alerts/commands.js";
import { type ChannelRef, getRules } from "../../../alerts/state.js";
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

/**
 * Does the command in the channel `where` (of its team) and tells the person what happened,
 * ephemerally, through `respond`.
 */
export async function answerDigestCommand(
  deps: ListenerDeps,
  command: DigestCommand,
  where: ChannelRef,
  respond: Answer,
): Promise<void> {
  const channel = channelKey(where.teamId, where.channelId);
  let text: string;
  try {
    text = await runDigestCommand(deps, command, channel);
    if (command.kind === "watchlist") {
      // The channel's alerts sit beside its watchlist and digest.
      text += `\n${alertsLine(await getRules(deps.store, where))}`;
    }
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
