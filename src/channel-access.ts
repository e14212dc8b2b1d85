// Channels the bot cannot post in, kept in the store: Slack refused a post there (or a check at
// set-up time said it would), so the digest and alerts stop trying every run, the Home tab and the
// commands say so, and whatever was held back goes out once posting works again (the record is
// deleted). One record per channel (`access:T…:C…` in the digest's "state" namespace, beside its
// watchlist and cursor) and, per team, the list of its channels that have one.

import { type ChannelKey, channelKey, parseChannelKey } from "./channel-key.js";
import { withEditLock } from "./digest/claims.js";
import { channelRecordKey, stateKv } from "./digest/state.js";
import type { Store } from "./store.js";

/**
 * Slack's answers to chat.postMessage that no retry fixes until someone acts in the channel:
 * - `channel_not_found`: a private channel the bot is not in (it cannot even see it);
 * - `not_in_channel`: a public channel the bot is not in, without the chat:write.public scope;
 * - `is_archived`: the channel is archived.
 */
export const POST_PROBLEMS = ["channel_not_found", "not_in_channel", "is_archived"] as const;
export type PostProblem = (typeof POST_PROBLEMS)[number];

export function isPostProblem(code: unknown): code is PostProblem {
  return typeof code === "string" && (POST_PROBLEMS as readonly string[]).includes(code);
}

/** The Slack error code of a failed Web API call (the WebClient's platform error), if any. */
export function slackErrorCode(error: unknown): string | null {
  if (error && typeof error === "object" && "data" in error) {
    const data = (error as { data?: { error?: unknown } }).data;
    if (typeof data?.error === "string") return data.error;
  }
  return null;
}

/** The post problem a failed chat.postMessage reports, or null for any other failure. */
export function postProblemOf(error: unknown): PostProblem | null {
  const code = slackErrorCode(error);
  return isPostProblem(code) ? code : null;
}

export interface ChannelAccess {
  problem: PostProblem;
  /** When it was first seen (epoch ms). */
  since: number;
  /** When it was last confirmed (a refused post or a check; epoch ms). */
  checkedAt: number;
  /**
   * People who set up a digest or alert there while the bot could not post: the Home tab warns
   * them even where Slack does not list the channel to the bot (a private channel it is not in).
   */
  users: string[];
}

/** People remembered per record: the Home tab of a few is what matters. */
const MAX_USERS = 20;
const INDEX_PREFIX = "access-index";

function accessKey(channel: ChannelKey): string {
  return channelRecordKey("access", channel);
}

function indexKey(team: string): string {
  return `${INDEX_PREFIX}:${team}`;
}

export async function getAccess(store: Store, channel: ChannelKey): Promise<ChannelAccess | null> {
  return (await stateKv(store).get<ChannelAccess>(accessKey(channel))) ?? null;
}

async function editIndex(store: Store, team: string, channelId: string, on: boolean) {
  const kv = stateKv(store);
  const key = indexKey(team);
  await withEditLock(store, key, async () => {
    const list = (await kv.get<string[]>(key)) ?? [];
    if (list.includes(channelId) === on) return;
    const next = on ? [...list, channelId].sort() : list.filter((c) => c !== channelId);
    if (next.length === 0) await kv.delete(key);
    else await kv.set(key, next);
  });
}

function setupByKey(channel: ChannelKey): string {
  return channelRecordKey("setupBy", channel);
}

async function setupBy(store: Store, channel: ChannelKey): Promise<string[]> {
  return (await stateKv(store).get<string[]>(setupByKey(channel))) ?? [];
}

/**
 * `user` set up a digest or alert in the channel. Kept so that if Slack later refuses the bot's
 * posts there (it was removed from a private channel, which Slack then no longer lists to it),
 * that person's Home tab still finds the channel and warns them.
 */
export async function noteSetUpBy(store: Store, channel: ChannelKey, user: string): Promise<void> {
  const users = await setupBy(store, channel);
  if (users.includes(user)) return;
  await stateKv(store).set(setupByKey(channel), [...users, user].slice(-MAX_USERS));
}

/** Records (or confirms) that the bot cannot post in the channel; `user` set it up there. */
export async function recordCannotPost(
  store: Store,
  channel: ChannelKey,
  problem: PostProblem,
  now: number,
  user: string | null = null,
): Promise<ChannelAccess> {
  const before = await getAccess(store, channel);
  const users = [...new Set([...(before?.users ?? []), ...(await setupBy(store, channel))])];
  if (user && !users.includes(user)) users.push(user);
  const record: ChannelAccess = {
    problem,
    since: before?.since ?? now,
    checkedAt: now,
    users: users.slice(-MAX_USERS),
  };
  await stateKv(store).set(accessKey(channel), record);
  const { team, channel: id } = parseChannelKey(channel);
  if (!before && team !== null) await editIndex(store, team, id, true);
  return record;
}

/** Posting works there (again): the record goes. Returns the record there was, if any. */
export async function clearCannotPost(
  store: Store,
  channel: ChannelKey,
): Promise<ChannelAccess | null> {
  const before = await getAccess(store, channel);
  if (!before) return null;
  await stateKv(store).delete(accessKey(channel));
  const { team, channel: id } = parseChannelKey(channel);
  if (team !== null) await editIndex(store, team, id, false);
  return before;
}

/** The team's channels the bot cannot post in, with their records (channel ids, in order). */
export async function cannotPostChannels(
  store: Store,
  team: string,
): Promise<{ channel: string; access: ChannelAccess }[]> {
  const ids = (await stateKv(store).get<string[]>(indexKey(team))) ?? [];
  const out: { channel: string; access: ChannelAccess }[] = [];
  for (const id of ids) {
    const access = await getAccess(store, channelKey(team, id));
    if (access) out.push({ channel: id, access });
  }
  return out;
}

/**
 * A workspace that removed the app: its records go (src/slack/forget-team.ts), those of the
 * channels on record and of `channels` (ids: its alert channels; a digest channel's records go
 * with its watchlist, src/digest/state.ts).
 */
export async function forgetTeamAccess(
  store: Store,
  team: string,
  channels: readonly string[] = [],
): Promise<void> {
  const recorded = (await cannotPostChannels(store, team)).map((r) => r.channel);
  for (const id of new Set([...recorded, ...channels])) {
    await stateKv(store).delete(accessKey(channelKey(team, id)));
    await stateKv(store).delete(setupByKey(channelKey(team, id)));
  }
  await stateKv(store).delete(indexKey(team));
}
