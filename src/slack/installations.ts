// Workspaces that installed the app through Slack's OAuth flow (/slack/install): Bolt's
// InstallationStore over the same keyv store as everything else (namespace "slack"), so several
// instances share the installs. An org-wide (Enterprise Grid) install is kept under its enterprise.

import type { Installation, InstallationQuery, InstallationStore } from "@slack/bolt";
import type { Store } from "../store.js";

export const INSTALLATIONS_NAMESPACE = "slack";

function keyOf(query: { isEnterpriseInstall?: boolean; enterpriseId?: string; teamId?: string }) {
  if (query.isEnterpriseInstall && query.enterpriseId)
    return `installation:E:${query.enterpriseId}`;
  if (query.teamId) return `installation:T:${query.teamId}`;
  throw new Error("An installation names neither a team nor an enterprise");
}

export interface Installations extends Required<InstallationStore> {
  /** The bot token a team's messages are posted with; undefined when the team is not installed. */
  botToken(team: string): Promise<string | undefined>;
}

export function installationStore(store: Store): Installations {
  const kv = store.kv(INSTALLATIONS_NAMESPACE);
  const fetchInstallation = async (query: InstallationQuery<boolean>) => {
    const found = await kv.get<Installation>(keyOf(query));
    if (!found) throw new Error(`No installation for ${query.teamId ?? query.enterpriseId}`);
    return found;
  };
  return {
    async storeInstallation(installation) {
      await kv.set(
        keyOf({
          isEnterpriseInstall: installation.isEnterpriseInstall,
          enterpriseId: installation.enterprise?.id,
          teamId: installation.team?.id,
        }),
        installation,
      );
    },
    fetchInstallation,
    async deleteInstallation(query) {
      await kv.delete(keyOf(query));
    },
    async botToken(team) {
      const found = await kv.get<Installation>(keyOf({ teamId: team }));
      return found?.bot?.token;
    },
  };
}
