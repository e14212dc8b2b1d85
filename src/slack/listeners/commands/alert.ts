// `/form4 alert …` and `/form4 alerts`: the channel's real-time alert rules, kept in the store by
// src/alerts. Acked at once (a ticker is checked against EDGAR), then answered to the person alone.
import { type AlertCommandDeps, alertCommand } from "../../../alerts/commands.js";
import type { AlertCommand } from "../../../alerts/rules.js";
import type { ChannelRef } from "../../../alerts/state.js";
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

/** Does the command and tells the person what happened, ephemerally, through `respond`. */
export async function answerAlertCommand(
  deps: ListenerDeps,
  command: AlertCommand,
  channel: ChannelRef,
  respond: Answer,
): Promise<void> {
  let text: string;
  try {
    text = await alertCommand(alertDeps(deps), channel, command);
    if (!deps.alerts && command.kind === "add") {
      text +=
        "\n:warning: Alerts are not being posted by this instance of the bot (its alert poller is off).";
    }
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
