// A workspace uninstalled the app, or revoked its bot token: nothing of ours may act there again.
// Its installation (tokens) is deleted, its channels' digests stop (their records go too) and its
// channels' alert rules are removed.
// Everything kept per team is removed here, in one place.

import { alertChannels, editRules, heldChannels, saveHeldAlerts } from "../alerts/state.js";
import { forgetTeamAccess } from "../channel-access.js";
import { forgetTeamChannels } from "../digest/state.js";
import type { Store } from "../store.js";
import type { Installations } from "./installations.js";

export interface ForgottenTeam {
  team: string;
  /** The channels (keys) whose digests stopped. */
  channels: string[];
  /** The channels whose alerts stopped. */
  alertChannels: string[];
}

export async function forgetTeam(
  store: Store,
  installations: Installations | null,
  team: string,
): Promise<ForgottenTeam> {
  await installations?.deleteInstallation({
    teamId: team,
    enterpriseId: undefined,
    isEnterpriseInstall: false,
  });
  const channels = await forgetTeamChannels(store, team);
  const alerting = (await alertChannels(store)).filter((c) => c.teamId === team);
  await forgetTeamAccess(
    store,
    team,
    alerting.map((c) => c.channelId),
  );
  for (const where of alerting) await editRules(store, where, () => []);
  for (const where of (await heldChannels(store)).filter((c) => c.teamId === team)) {
    await saveHeldAlerts(store, where, { alerts: [], dropped: 0 });
  }
  return { team, channels, alertChannels: alerting.map((c) => c.channelId) };
}
