// `member_joined_channel` for the bot itself: someone invited it into a channel. If that channel was
// on record as refusing its posts (src/channel-access.ts), the record goes and what was held back
// goes out at once: the digest now (its filings were never taken off the cursor), the held alerts
// at the alert poller's next read of the feed. Anyone else joining is not ours to act on.
import type { types } from "@slack/bolt";
import { clearCannotPost } from "../../../channel-access.js";
import { channelKey } from "../../../channel-key.js";
import type { ListenerDeps } from "../../deps.js";

export interface MemberJoinedArgs {
  event: Pick<types.MemberJoinedChannelEvent, "user" | "channel" | "team">;
  /** Bolt's context: the bot's own user id in this workspace, and the workspace. */
  context: { botUserId?: string; teamId?: string };
}

export function memberJoinedChannel(deps: Pick<ListenerDeps, "store" | "runner" | "logger">) {
  return async ({ event, context }: MemberJoinedArgs): Promise<void> => {
    if (!context.botUserId || event.user !== context.botUserId) return;
    const team = context.teamId ?? event.team;
    if (!team) return;
    const key = channelKey(team, event.channel);
    const before = await clearCannotPost(deps.store, key);
    if (!before) return;
    deps.logger.info(`invited into ${event.channel}, which refused posts (${before.problem})`);
    // The same run the digest tick would make; the channel's lease keeps it to one post.
    const outcome = await deps.runner.runHeld(key);
    if (outcome.status === "failed") {
      deps.logger.warn(`the held digest for ${event.channel} failed again: ${outcome.error}`);
    }
  };
}
