// `app_uninstalled` and `tokens_revoked` (of the bot's token): the workspace's tokens and digests
// go (src/slack/forget-team.ts). Bolt delivers both without authorizing first, since there is no
// token left to authorize with.
import type { types } from "@slack/bolt";
import type { ListenerDeps } from "../../deps.js";
import { forgetTeam } from "../../forget-team.js";

export interface TeamGoneArgs {
  event: types.AppUninstalledEvent | types.TokensRevokedEvent;
  body: { team_id?: string };
  context: { teamId?: string };
}

export function teamGone(deps: ListenerDeps) {
  return async ({ event, body, context }: TeamGoneArgs): Promise<void> => {
    // A user's token revoked is not ours to act on: the bot's token still works.
    if (event.type === "tokens_revoked" && (event.tokens.bot ?? []).length === 0) return;
    const team = context.teamId ?? body.team_id;
    if (!team) {
      deps.logger.warn(`${event.type} without a team id; nothing removed`);
      return;
    }
    const gone = await forgetTeam(deps.store, deps.installations, team);
    deps.logger.info(
      `${event.type}: workspace ${team} removed (its tokens, the digests of ${gone.channels.length} channel(s) and the alerts of ${gone.alertChannels.length})`,
    );
  };
}
