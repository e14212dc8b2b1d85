// Alerts' records are keyed by the one "team:channel" key (src/channel-key.ts) every per-channel
// record uses, and the channel list reads its keys back the same way.
import { expect, it } from "vitest";
import type { AlertRule } from "../../src/alerts/rules.js";
import {
  ALERTS_NAMESPACE,
  alertChannels,
  editRules,
  postedKey,
  rulesKey,
} from "../../src/alerts/state.js";
import { channelKey } from "../../src/channel-key.js";
import { createStore } from "../../src/store.js";

it("keys a channel's rules and posts by its team:channel key", () => {
  const where = { teamId: "T0ONE", channelId: "C0DESK" };
  expect(rulesKey(where)).toBe(`alerts:${channelKey("T0ONE", "C0DESK")}`);
  expect(postedKey(where, "0001-26-000001")).toBe(
    `posted:${channelKey("T0ONE", "C0DESK")}:0001-26-000001`,
  );
});

it("lists the channels with rules; a key without its team is not a channel it can post to", async () => {
  const store = await createStore("memory://");
  try {
    const rule: AlertRule = { id: "clusters", kind: "clusters", createdAt: 1, baseline: [] };
    await editRules(store, { teamId: "T0ONE", channelId: "C0DESK" }, () => [rule]);
    await editRules(store, { teamId: "T0TWO", channelId: "C0DESK" }, () => [rule]);
    const kv = store.kv(ALERTS_NAMESPACE);
    const list = (await kv.get<string[]>("alert-channels")) ?? [];
    await kv.set("alert-channels", [...list, "C0LEGACY", ":C0NOTEAM"]);
    expect(await alertChannels(store)).toEqual([
      { teamId: "T0ONE", channelId: "C0DESK" },
      { teamId: "T0TWO", channelId: "C0DESK" },
    ]);
  } finally {
    await store.close();
  }
});
