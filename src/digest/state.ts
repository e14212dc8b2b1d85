// Where the digest's records live in the store: one keyv namespace, "state". Records per channel
// (watchlist:<id>, settings:<id>, cursor:<id>) each have one kind of writer, and the registry of
// channels tells the scheduler which channels to look at.

import type Keyv from "keyv";
import type { Store } from "../store.js";
import { withEditLock } from "./claims.js";

export const STATE_NAMESPACE = "state";
const CHANNELS_KEY = "channels";

/** The keyv view of digest state; throws on backend failure (state is never silently lost). */
export function stateKv(store: Store): Keyv {
  return store.kv(STATE_NAMESPACE);
}

/** Channels that ever had a watchlist or digest settings. */
export async function listChannels(store: Store): Promise<string[]> {
  return (await stateKv(store).get<string[]>(CHANNELS_KEY)) ?? [];
}

export async function registerChannel(store: Store, channel: string): Promise<void> {
  if ((await listChannels(store)).includes(channel)) return;
  await withEditLock(store, CHANNELS_KEY, async () => {
    const channels = await listChannels(store);
    if (!channels.includes(channel)) {
      await stateKv(store).set(CHANNELS_KEY, [...channels, channel].sort());
    }
  });
}
