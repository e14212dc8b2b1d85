// The App Home tab: what the bot does, how to use it, and the watchlists and digest settings of
// the channels the person is in.
import type { types, webApi } from "@slack/bolt";
import { homeAlertBlocks } from "../../../alerts/commands.js";
import { cannotPostChannels, type PostProblem } from "../../../channel-access.js";
import { channelKey } from "../../../channel-key.js";
import { homeDigestSection } from "../../../digest/commands.js";
import { type ConversationsClient, recheckRecorded } from "../../channel-check.js";
import type { ListenerDeps } from "../../deps.js";
import {
  HOME_EXTRA_BLOCKS,
  homeChannelsUnavailable,
  homeDigestUnavailable,
  homeView,
} from "../../home.js";
import { type UsersClient, userChannels } from "../../user-channels.js";

export interface AppHomeOpenedArgs {
  event: types.AppHomeOpenedEvent;
  /** Bolt's context: the workspace the tab is opened in (channel ids are per workspace). */
  context: { teamId?: string };
  client: UsersClient &
    Partial<ConversationsClient> & {
      views: { publish(args: webApi.ViewsPublishArguments): Promise<unknown> };
    };
}

/**
 * The channels to warn `user` about, by id, with what Slack says: those on record as refusing the
 * bot's posts that the person is in, or set something up in (a private channel the bot is not in
 * is not listed to the bot, so "set up by them" is how their Home finds it). Those not checked in
 * the last minute are asked again, so a fixed channel's warning clears on its own.
 */
async function cannotPostFor(
  deps: ListenerDeps,
  client: Partial<ConversationsClient>,
  user: string,
  team: string,
  listed: ReadonlySet<string>,
): Promise<Map<string, PostProblem>> {
  const recorded = (await cannotPostChannels(deps.store, team)).filter(
    (r) => listed.has(r.channel) || r.access.users.includes(user),
  );
  if (recorded.length === 0) return new Map();
  const conversations = client.conversations;
  const standing = conversations
    ? await recheckRecorded(deps, { conversations }, team, recorded)
    : new Map(recorded.map((r) => [r.channel, r.access]));
  return new Map([...standing].map(([channel, access]) => [channel, access.problem]));
}

/** The digest part of a person's Home tab; if Slack will not list their channels, a note why. */
async function digestSection(
  deps: ListenerDeps,
  client: UsersClient & Partial<ConversationsClient>,
  user: string,
  team: string,
): Promise<types.KnownBlock[]> {
  let listed: string[];
  try {
    listed = await userChannels(client, user);
  } catch (err) {
    // Most often an install from before the channels:read / groups:read scopes were asked for.
    deps.logger.warn(`Could not list the channels of ${user} for the Home tab`, err);
    return homeChannelsUnavailable();
  }
  try {
    const cannotPost = await cannotPostFor(deps, client, user, team, new Set(listed));
    // The person's channels, then those only their own set-up ties them to.
    const ids = [...new Set([...listed, ...cannotPost.keys()])];
    const watchlists = await homeDigestSection(
      deps,
      ids.map((c) => channelKey(team, c)),
      cannotPost,
    );
    // The alerts get what the Home tab has left after the watchlists (and the divider between).
    const room = HOME_EXTRA_BLOCKS - watchlists.length - 1;
    return [
      ...watchlists,
      { type: "divider" },
      ...(await homeAlertBlocks(deps.store, team, ids, cannotPost, room)),
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
