// The Home tab's Turn off (alertOffCommand): the rule the button was drawn for goes, wherever it
// is in the list by the time of the click, as `/form4 alert off <n>` would remove it; nothing else.
import { afterEach, beforeEach, expect, it } from "vitest";
import { alertOffCommand } from "../../src/alerts/commands.js";
import type { AlertRule } from "../../src/alerts/rules.js";
import { editRules, getRules } from "../../src/alerts/state.js";
import { createStore, type Store } from "../../src/store.js";

const here = { teamId: "T0TEAM", channelId: "C0HERE" };
const there = { teamId: "T0TEAM", channelId: "C0THERE" };
const otherTeam = { teamId: "T0OTHER", channelId: "C0HERE" };

const rule = (over: Partial<AlertRule> & Pick<AlertRule, "id" | "kind">): AlertRule =>
  ({ createdAt: 0, baseline: [], ...over }) as AlertRule;
const buys = rule({ id: "buys:100000:", kind: "buys", minValue: 100_000, roles: [] } as never);
const clusters = rule({ id: "clusters", kind: "clusters" });
const dkng = rule({
  id: "ticker:DKNG",
  kind: "ticker",
  ticker: "DKNG",
  cik: "0001883685",
  name: "DraftKings Inc.",
} as never);

let store: Store;
beforeEach(async () => {
  store = await createStore("memory://");
  for (const c of [here, there, otherTeam]) await editRules(store, c, () => [buys, clusters, dkng]);
});
afterEach(async () => {
  await store.close();
});

it("removes the rule with that id even after the list moved, and says what is left", async () => {
  // Someone turned off number 1 since the Home tab was drawn: clusters is number 1 now.
  await editRules(store, here, (rules) => rules.slice(1));
  expect(await alertOffCommand(store, here, "ticker:DKNG")).toBe(
    "Turned off: DKNG (DraftKings Inc.): every Form 4 and 4/A. 1 alert left here (`/form4 alerts`).",
  );
  expect((await getRules(store, here)).map((r) => r.id)).toEqual(["clusters"]);
  // The same rule in another channel, or the same channel id in another workspace, stays.
  expect((await getRules(store, there)).map((r) => r.id)).toEqual([
    "buys:100000:",
    "clusters",
    "ticker:DKNG",
  ]);
  expect(await getRules(store, otherTeam)).toHaveLength(3);

  expect(await alertOffCommand(store, here, "clusters")).toBe(
    "Turned off: cluster buys (a second insider buys at the same company within 7 days). No alerts left in this channel.",
  );
  expect(await alertOffCommand(store, here, "clusters")).toBe(
    "That alert is already off here. No alerts left in this channel.",
  );
});
