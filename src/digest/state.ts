// Where the digest's records live in the store: one keyv namespace, "state". Records per channel
// (watchlist:<key>, settings:<key>, cursor:<key>, where <key> is the team-scoped channel key
// "T…:C…" of src/channel-key.ts) each have one kind of writer, and the registry of channels tells
// the scheduler which channels to look at. In this module, "channel" means that key.

import type Keyv from "keyv";
import { type ChannelKey, inTeam } from "../channel-key.js";
import type { Store } from "../store.js";
import { withEditLock } from "./claims.js";

export const STATE_NAMESPACE = "state";
const CHANNELS_KEY = "channels";

/**
 * The records kept per channel, each under `${kind}:${channel key}` ("access": the bot cannot
 * post there, "setupBy": who set up a digest or alert there; src/channel-access.ts).
 */
export const CHANNEL_RECORD_KINDS = [
  "watchlist",
  "settings",
  "cursor",
  "access",
  "setupBy",
] as const;
export type ChannelRecordKind = (typeof CHANNEL_RECORD_KINDS)[number];

export function channelRecordKey(kind: ChannelRecordKind, channel: ChannelKey): string {
  return `${kind}:${channel}`;
}

/** The keyv view of digest state; throws on backend failure (state is never silently lost). */
export function stateKv(store: Store): Keyv {
  return store.kv(STATE_NAMESPACE);
}

/** Channels that ever had a watchlist or digest settings. */
export async function listChannels(store: Store): Promise<ChannelKey[]> {
  return (await stateKv(store).get<ChannelKey[]>(CHANNELS_KEY)) ?? [];
}

/** Read-modify-write of the channel registry under its edit lock. */
export async function updateChannels(
  store: Store,
  change: (channels: ChannelKey[]) => ChannelKey[],
): Promise<void> {
  await withEditLock(store, CHANNELS_KEY, async () => {
    const channels = await listChannels(store);
    const next = [...new Set(change(channels))].sort();
    if (next.join("\n") !== channels.join("\n")) await stateKv(store).set(CHANNELS_KEY, next);
  });
}

export async function registerChannel(store: Store, channel: ChannelKey): Promise<void> {
  if ((await listChannels(store)).includes(channel)) return;
  await updateChannels(store, (channels) => [...channels, channel]);
}

/**
 * A workspace uninstalled the app (or revoked its tokens): its channels leave the registry, so no
 * digest of theirs is due again, and their records are deleted. Returns the channels forgotten.
 */
export async function forgetTeamChannels(store: Store, team: string): Promise<ChannelKey[]> {
  const gone = (await listChannels(store)).filter((c) => inTeam(c, team));
  await updateChannels(store, (channels) => channels.filter((c) => !inTeam(c, team)));
  const kv = stateKv(store);
  for (const channel of gone) {
    for (const kind of CHANNEL_RECORD_KINDS) await kv.delete(channelRecordKey(kind, channel));
  }
  return gone;
}
