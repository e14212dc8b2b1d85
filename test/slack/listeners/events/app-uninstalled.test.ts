import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AlertRule } from "../../../../src/alerts/rules.js";
import {
  alertChannels,
  editRules,
  getHeldAlerts,
  heldChannels,
  holdAlert,
} from "../../../../src/alerts/state.js";
import {
  cannotPostChannels,
  getAccess,
  noteSetUpBy,
  recordCannotPost,
} from "../../../../src/channel-access.js";
import { watchCommand } from "../../../../src/digest/commands.js";
import { listChannels } from "../../../../src/digest/state.js";
import { installationStore } from "../../../../src/slack/installations.js";
import { teamGone } from "../../../../src/slack/listeners/events/app-uninstalled.js";
import { createStore, type Store } from "../../../../src/store.js";
import { fakeFiling, fakeSource, listenerDepsFor } from "../../doubles.js";

const ALERT_RULE: AlertRule = { id: "clusters", kind: "clusters", createdAt: 1, baseline: [] };

describe("app_uninstalled / tokens_revoked listener", () => {
  let store: Store;
  beforeEach(async () => {
    store = await createStore("memory://");
  });
  afterEach(() => store.close());
  const { source } = fakeSource({ tickers: { ASTI: [fakeFiling("Misra Ashutosh")] } });

  async function twoTeams() {
    const installations = installationStore(store);
    const deps = { ...listenerDepsFor({ source, store }), installations };
    for (const team of ["T0ONE", "T0TWO"]) {
      await installations.storeInstallation({
        team: { id: team },
        enterprise: undefined,
        user: { id: "U1", token: undefined, scopes: undefined },
        bot: { id: "B1", userId: "U0BOT", token: `xoxb-${team}`, scopes: ["commands"] },
        isEnterpriseInstall: false,
      });
      await watchCommand(deps, `${team}:C0DESK`, ["ASTI"]);
      await editRules(store, { teamId: team, channelId: "C0DESK" }, () => [ALERT_RULE]);
    }
    return { deps, installations };
  }

  it("app_uninstalled removes that team's token and digests only", async () => {
    const { deps, installations } = await twoTeams();
    await teamGone(deps)({
      event: { type: "app_uninstalled" },
      body: { team_id: "T0ONE" },
      context: { teamId: "T0ONE" },
    });
    expect(await installations.botToken("T0ONE")).toBeUndefined();
    expect(await installations.botToken("T0TWO")).toBe("xoxb-T0TWO");
    expect(await listChannels(store)).toEqual(["T0TWO:C0DESK"]);
    expect(await alertChannels(store)).toEqual([{ teamId: "T0TWO", channelId: "C0DESK" }]);
  });

  it("app_uninstalled removes that team's records of channels the bot could not post in, and held alerts", async () => {
    const { deps } = await twoTeams();
    for (const team of ["T0ONE", "T0TWO"]) {
      await noteSetUpBy(store, `${team}:C0ALERTS`, "U1");
      await editRules(store, { teamId: team, channelId: "C0ALERTS" }, () => [ALERT_RULE]);
      await recordCannotPost(store, `${team}:C0DESK`, "channel_not_found", 1, "U1");
      await holdAlert(
        store,
        { teamId: team, channelId: "C0DESK" },
        {
          item: "0000000000-00-000001",
          message: { text: "held", blocks: [] },
          threadTs: null,
          logEntry: null,
          heldAt: 1,
        },
      );
    }
    await teamGone(deps)({
      event: { type: "app_uninstalled" },
      body: { team_id: "T0ONE" },
      context: { teamId: "T0ONE" },
    });
    expect(await cannotPostChannels(store, "T0ONE")).toEqual([]);
    expect(await getAccess(store, "T0ONE:C0DESK")).toBeNull();
    expect((await cannotPostChannels(store, "T0TWO")).map((r) => r.channel)).toEqual(["C0DESK"]);
    expect(await heldChannels(store)).toEqual([{ teamId: "T0TWO", channelId: "C0DESK" }]);
    expect((await getHeldAlerts(store, { teamId: "T0ONE", channelId: "C0DESK" })).alerts).toEqual(
      [],
    );
    // Who set up alerts there is gone with the rules (a later record would not name them).
    await recordCannotPost(store, "T0ONE:C0ALERTS", "is_archived", 2);
    expect((await getAccess(store, "T0ONE:C0ALERTS"))?.users).toEqual([]);
    expect((await getAccess(store, "T0TWO:C0DESK"))?.users).toEqual(["U1"]);
  });

  it("tokens_revoked removes the team only when the bot's token was revoked", async () => {
    const { deps, installations } = await twoTeams();
    const revoked = (tokens: { oauth?: string[]; bot?: string[] }) =>
      teamGone(deps)({
        event: { type: "tokens_revoked", tokens },
        body: { team_id: "T0TWO" },
        context: {},
      });
    await revoked({ oauth: ["U1"] });
    expect(await installations.botToken("T0TWO")).toBe("xoxb-T0TWO");
    await revoked({ bot: ["U0BOT"] });
    expect(await installations.botToken("T0TWO")).toBeUndefined();
    expect(await listChannels(store)).toEqual(["T0ONE:C0DESK"]);
  });
});
