// `/form4 alert …` and `/form4 alerts`: the channel's real-time alert rules, kept in the store by
// src/alerts. Acked at once (a ticker is checked against EDGAR), then answered to the person alone.
import { type AlertCommandDeps, alertCommand } from "../../../alerts/commands.js";
import type { AlertCommand } from "../../../alerts/rules.js";
import { type ChannelRef, getRules } from "../../../alerts/state.js";
import { channelKey } from "../../../channel-key.js";
import { cannotPostWarning } from "../../../render/channel-access.js";
import { type ConversationsClient, checkAndRecord } from "../../channel-check.js";
import type { Answer } from "../../command-replies.js";
import type { ListenerDeps } from "../../deps.js";
import { textReply } from "../../replies.js";

export function alertDeps(deps: ListenerDeps): AlertCommandDeps {
  const poller = deps.alerts;
  return {
    store: deps.store,
    source: deps.source,
    now: deps.now,
    baseline: poller ? () => poller.baseline() : async () => [],
    pollSeconds: poller ? Math.round(poller.intervalMs / 1000) : 30,
  };
}

/**
 * After `/form4 alert …` added a rule: can the bot post in the channel? Checked at once, as for a
 * digest (src/slack/listeners/commands/digest.ts); the rule is kept either way. null: fine.
 */
export async function alertPostingWarning(
  deps: ListenerDeps,
  command: AlertCommand,
  channel: ChannelRef,
  check: { client: ConversationsClient; user: string | null },
): Promise<string | null> {
  if (command.kind !== "add") return null;
  if ((await getRules(deps.store, channel)).length === 0) return null;
  const key = channelKey(channel.teamId, channel.channelId);
  const problem = await checkAndRecord(deps, check.client, key, check.user);
  return problem === null || problem === "unknown" ? null : cannotPostWarning(problem, "alerts");
}

/**
 * Does the command and tells the person what happened, ephemerally, through `respond`. `check`:
 * Bolt's client and who typed it, to say at once when the bot cannot post there.
 */
export async function answerAlertCommand(
  deps: ListenerDeps,
  command: AlertCommand,
  channel: ChannelRef,
  respond: Answer,
  check: { client: ConversationsClient; user: string | null } | null = null,
): Promise<void> {
  let text: string;
  try {
    text = await alertCommand(alertDeps(deps), channel, command);
    if (!deps.alerts && command.kind === "add") {
      text +=
        "\n:warning: Alerts are not being posted by this instance of the bot (its alert poller is off).";
    }
    const warning = check ? await alertPostingWarning(deps, command, channel, check) : null;
    if (warning) text += `\n${warning}`;
  } catch (err) {
    deps.logger.error(`/form4 alert in ${channel.channelId} failed`, err);
    text =
      ":warning: Something went wrong on my side while changing this channel's alerts. It has been logged; please try again.";
  }
  const reply = textReply(text);
  try {
    await respond({ response_type: "ephemeral", text: reply.text, blocks: reply.blocks });
  } catch (err) {
    deps.logger.error("Could not answer /form4 alert through its response_url", err);
  }
}
