// The Home tab's buttons: "Digest now" beside a channel's watchlist, "Remove AAPL", and "Turn off
// DKNG" under a channel's alert rules. Each acts
// on a channel only when the person is in it (the value could be forged), then republishes their
// Home with a line saying what happened.
import type { webApi } from "@slack/bolt";
import { alertOffCommand } from "../../../alerts/commands.js";
import type { ChannelRef } from "../../../alerts/state.js";
import { channelKey } from "../../../channel-key.js";
import { digestNowCommand, unwatchCommand } from "../../../digest/commands.js";
import { parseAlertOffValue, parseChannelValue, parseUnwatchValue } from "../../../render/home.js";
import type { ListenerDeps } from "../../deps.js";
import { type UsersClient, userChannels } from "../../user-channels.js";
import { type HomeClient, publishHome } from "../events/app-home-opened.js";

export interface HomeButtonArgs {
  ack: () => Promise<void>;
  body: { user?: { id?: string }; team?: { id?: string } | null };
  action: object;
  context: { teamId?: string };
  client: HomeClient &
    UsersClient & {
      views: { publish(args: webApi.ViewsPublishArguments): Promise<unknown> };
    };
}

function buttonValue(action: object): string {
  const raw = (action as { value?: unknown }).value;
  return typeof raw === "string" ? raw : "";
}

/** Runs `work` for `channel` if the clicking person is in it; republishes their Home with the outcome. */
async function inChannel(
  deps: ListenerDeps,
  args: HomeButtonArgs,
  channel: string | null,
  what: string,
  work: (key: string, ref: ChannelRef) => Promise<string>,
): Promise<void> {
  await args.ack();
  const user = args.body.user?.id;
  const team = args.context.teamId ?? args.body.team?.id ?? "";
  if (!user) return;
  let note: string;
  try {
    const member = channel !== null && (await userChannels(args.client, user)).includes(channel);
    note = member
      ? `<#${channel}>: ${await work(channelKey(team, channel), { teamId: team, channelId: channel })}`
      : ":warning: That button names a channel you are not in; nothing was changed.";
  } catch (err) {
    deps.logger.error(`Home button ${what} for ${user} failed`, err);
    note = ":warning: That did not work just now; please try again in a minute.";
  }
  await publishHome(deps, args.client, user, team, note);
}

export function homeDigestNow(deps: ListenerDeps) {
  return (args: HomeButtonArgs): Promise<void> =>
    inChannel(deps, args, parseChannelValue(buttonValue(args.action)), "digest now", (key) =>
      digestNowCommand(deps, key),
    );
}

export function homeUnwatch(deps: ListenerDeps) {
  return (args: HomeButtonArgs): Promise<void> => {
    const parsed = parseUnwatchValue(buttonValue(args.action));
    return inChannel(deps, args, parsed?.channel ?? null, "remove", (key) =>
      unwatchCommand(deps, key, [parsed?.ticker ?? ""]),
    );
  };
}

/** "Turn off DKNG": what `/form4 alert off <n>` does for that rule, in that channel. */
export function homeAlertOff(deps: ListenerDeps) {
  return (args: HomeButtonArgs): Promise<void> => {
    const parsed = parseAlertOffValue(buttonValue(args.action));
    return inChannel(deps, args, parsed?.channel ?? null, "turn off alert", (_key, ref) =>
      alertOffCommand(deps.store, ref, parsed?.ruleId ?? ""),
    );
  };
}
