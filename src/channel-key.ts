// A channel is only unique within its Slack workspace (team): the same channel id can exist in two
// workspaces that installed the app. Every per-channel record in the store (watchlists, digest
// settings, cursors, digest leases, alert rules) is therefore keyed by this "team:channel" pair,
// as `kind:${teamId}:${channelId}`.

/** "T0123:C0456": a channel within its team. */
export type ChannelKey = string;

export function channelKey(team: string, channel: string): ChannelKey {
  return `${team}:${channel}`;
}

export interface TeamChannel {
  /** null for a key written before keys carried the team (see src/digest/migrate.ts). */
  team: string | null;
  channel: string;
}

/** The team and channel of a key; a key without a team is a channel id alone. */
export function parseChannelKey(key: ChannelKey): TeamChannel {
  const at = key.indexOf(":");
  if (at === -1) return { team: null, channel: key };
  return { team: key.slice(0, at), channel: key.slice(at + 1) };
}

/** Does this key belong to `team`? */
export function inTeam(key: ChannelKey, team: string): boolean {
  return key.startsWith(`${team}:`);
}
