// The App Home tab: what the bot does, how to use it, and the watchlists and digest settings of
// the channels the person is in.
import type { types, webApi } from "@slack/bolt";
import { homeAlertBlocks } from "../../../alerts/commands.js";
import { channelKey, parseChannelKey } from "../../../channel-key.js";
import { homeDigestSection } from "../../../digest/commands.js";
import type { ListenerDeps } from "../../deps.js";
import { homeChannelsUnavailable, homeDigestUnavailable, homeView } from "../../home.js";
import { type UsersClient, userChannels } from "../../user-channels.js";

export interface AppHomeOpenedArgs {
  event: types.AppHomeOpenedEvent;
  /** Bolt's context: the workspace the tab is opened in (channel ids are per workspace). */
  context: { teamId?: string };
  client: UsersClient & {
    views: { publish(args: webApi.ViewsPublishArguments): Promise<unknown> };
  };
}

/** The digest part of a person's Home tab; if Slack will not list their channels, a note why. */
async function digestSection(
  deps: ListenerDeps,
  client: UsersClient,
  user: string,
  team: string,
): Promise<types.KnownBlock[]> {
  let channels: string[];
  try {
    channels = (await userChannels(client, user)).map((c) => channelKey(team, c));
  } catch (err) {
    // Most often an install from before the channels:read / groups:read scopes were asked for.
    deps.logger.warn(`Could not list the channels of ${user} for the Home tab`, err);
    return homeChannelsUnavailable();
  }
  try {
    return [
      ...(await homeDigestSection(deps, channels)),
      { type: "divider" },
      ...(await homeAlertBlocks(
        deps.store,
        team,
        channels.map((k) => parseChannelKey(k).channel),
      )),
    ];
  } catch (err) {
    deps.logger.error(`Could not read the watchlists for the Home tab of ${user}`, err);
    return homeDigestUnavailable(
      "I could not read the watchlists just now; open this tab again in a minute.",
    );
  }
}

export type HomeClient = AppHomeOpenedArgs["client"];

/** Publishes `user`'s Home tab; `note` (our own mrkdwn) on top, e.g. what a button just did. */
export async function publishHome(
  deps: ListenerDeps,
  client: HomeClient,
  user: string,
  team: string,
  note: string | null = null,
): Promise<void> {
  const extra = await digestSection(deps, client, user, team);
  await client.views.publish({ user_id: user, view: homeView(extra, note) });
}

export function appHomeOpened(deps: ListenerDeps) {
  return async ({ event, context, client }: AppHomeOpenedArgs): Promise<void> => {
    if (event.tab !== "home") return;
    await publishHome(deps, client, event.user, context.teamId ?? "");
  };
}
