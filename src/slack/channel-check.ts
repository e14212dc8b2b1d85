// Can the bot post in this channel? Asked when someone sets up something the bot will post there
// later (a digest, an alert), so they hear at once instead of the post failing silently on the day,
// and from the Home tab for channels on record as refusing posts (so the warning clears itself).
//
// The check is one conversations.info call. It is the cheapest that is reliable: it posts nothing
// into the channel (a test message would), it is Tier 3 (50+ a minute), it needs only the
// channels:read and groups:read scopes the manifest already asks for, and its one answer says all
// that decides chat.postMessage: a private channel the bot is not in is `channel_not_found` (the
// bot cannot see it), an archived one says `is_archived`, and a public one says `is_member`, which
// matters only without chat:write.public: the answer's x-oauth-scopes header (the WebClient puts
// it in response_metadata.scopes) says whether the token has that scope, so an install from an
// older manifest is judged by its own scopes.
import type { webApi } from "@slack/bolt";
import {
  type ChannelAccess,
  clearCannotPost,
  noteSetUpBy,
  type PostProblem,
  recordCannotPost,
  slackErrorCode,
} from "../channel-access.js";
import { type ChannelKey, channelKey, parseChannelKey } from "../channel-key.js";
import type { Store } from "../store.js";

export interface ConversationsClient {
  conversations: {
    info(args: webApi.ConversationsInfoArguments): Promise<webApi.ConversationsInfoResponse>;
  };
}

/** null: the bot can post there; a problem: it cannot; "unknown": Slack would not say. */
export type PostCheck = PostProblem | null | "unknown";

/** What conversations.info says about posting in `channel` (a channel id). */
export async function checkCanPost(
  client: ConversationsClient,
  channel: string,
  log?: { warn(message: string, ...rest: unknown[]): void },
): Promise<PostCheck> {
  let answer: webApi.ConversationsInfoResponse;
  try {
    answer = await client.conversations.info({ channel });
  } catch (error) {
    // A private channel the bot is not in does not exist for it.
    if (slackErrorCode(error) === "channel_not_found") return "channel_not_found";
    // missing_scope (an install without channels:read / groups:read), a DM (im:read), Slack down:
    // we cannot tell, and say nothing rather than something wrong.
    log?.warn(`conversations.info for ${channel} failed; not warning about posting there`, error);
    return "unknown";
  }
  const info = answer.channel;
  if (!info) return "unknown";
  if (info.is_archived) return "is_archived";
  if (info.is_member) return null;
  if (info.is_private) return "channel_not_found";
  const scopes = answer.response_metadata?.scopes;
  // No header (not what Slack does): the manifest's scopes, which include chat:write.public.
  if (scopes && !scopes.includes("chat:write.public")) return "not_in_channel";
  return null;
}

/**
 * Checks the channel and keeps the store's record in line with the answer: recorded (with `user`,
 * who set something up there) when the bot cannot post, deleted when it can (so what was held back
 * goes out at the next digest tick and alert poll); left as it is when Slack would not say.
 */
export async function checkAndRecord(
  deps: { store: Store; now: () => number; logger?: { warn(m: string, ...r: unknown[]): void } },
  client: ConversationsClient,
  channel: ChannelKey,
  user: string | null,
): Promise<PostCheck> {
  if (user) await noteSetUpBy(deps.store, channel, user);
  const result = await checkCanPost(client, parseChannelKey(channel).channel, deps.logger);
  if (result === "unknown") return result;
  if (result === null) {
    await clearCannotPost(deps.store, channel);
    return null;
  }
  await recordCannotPost(deps.store, channel, result, deps.now(), user);
  return result;
}

/** The Home tab checks a recorded channel again at most this often (ms). */
export const RECHECK_AFTER_MS = 60_000;
/** ... and at most this many per Home tab opened. */
export const RECHECKS_PER_HOME = 5;

/**
 * Channels on record as refusing posts, checked again (those not checked in the last minute, a
 * few per call): the records of the ones that take posts now are deleted. Returns the records
 * still standing, by channel id.
 */
export async function recheckRecorded(
  deps: { store: Store; now: () => number; logger?: { warn(m: string, ...r: unknown[]): void } },
  client: ConversationsClient,
  team: string,
  recorded: readonly { channel: string; access: ChannelAccess }[],
): Promise<Map<string, ChannelAccess>> {
  const standing = new Map<string, ChannelAccess>();
  let checks = 0;
  for (const { channel, access } of recorded) {
    const due = deps.now() - access.checkedAt >= RECHECK_AFTER_MS;
    if (!due || checks >= RECHECKS_PER_HOME) {
      standing.set(channel, access);
      continue;
    }
    checks++;
    const result = await checkAndRecord(deps, client, channelKey(team, channel), null);
    if (result === "unknown") standing.set(channel, access);
    else if (result !== null)
      standing.set(channel, { ...access, problem: result, checkedAt: deps.now() });
  }
  return standing;
}
