// Stores written before keys carried the Slack team hold `watchlist:C…`, `settings:C…`, `cursor:C…`
// and a registry of bare channel ids. On the first start that knows its workspace (the one-token
// set-up learns it from auth.test), those records move under `…:T…:C…`, once; a record already
// under the new key wins (it is newer).

import { type ChannelKey, channelKey, parseChannelKey } from "../channel-key.js";
import type { Store } from "../store.js";
import {
  CHANNEL_RECORD_KINDS,
  channelRecordKey,
  listChannels,
  stateKv,
  updateChannels,
} from "./state.js";

/** Moves every channel without a team to `team`. Returns the channels moved (none: nothing to do). */
export async function migrateToTeamKeys(store: Store, team: string): Promise<ChannelKey[]> {
  const legacy = (await listChannels(store)).filter((c) => parseChannelKey(c).team === null);
  if (legacy.length === 0) return [];
  const kv = stateKv(store);
  for (const channel of legacy) {
    const key = channelKey(team, channel);
    for (const kind of CHANNEL_RECORD_KINDS) {
      const old = channelRecordKey(kind, channel);
      const value = await kv.get(old);
      if (value === undefined) continue;
      const moved = channelRecordKey(kind, key);
      if ((await kv.get(moved)) === undefined) await kv.set(moved, value);
      await kv.delete(old);
    }
  }
  // Written last: an interrupted migration leaves the registry naming the old keys, and the next
  // start finishes it.
  await updateChannels(store, (channels) =>
    channels.map((c) => (legacy.includes(c) ? channelKey(team, c) : c)),
  );
  return legacy;
}
