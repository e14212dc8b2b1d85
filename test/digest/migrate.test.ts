import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { migrateToTeamKeys } from "../../src/digest/migrate.js";
import { getDigestSettings } from "../../src/digest/settings.js";
import { forgetTeamChannels, listChannels, stateKv } from "../../src/digest/state.js";
import { getWatchlist } from "../../src/digest/watchlists.js";
import { createStore, type Store } from "../../src/store.js";

const ASTI = { ticker: "ASTI", cik: "0001350102", name: "Ascent Solar", addedAt: 1 };
const TSLA = { ticker: "TSLA", cik: "0001318605", name: "Tesla", addedAt: 2 };

describe("team-scoped keys", () => {
  let store: Store;
  beforeEach(async () => {
    store = await createStore("memory://");
  });
  afterEach(() => store.close());

  /** What a store written before keys carried the team holds. */
  async function legacyStore() {
    const kv = stateKv(store);
    await kv.set("channels", ["C0DESK"]);
    await kv.set("watchlist:C0DESK", [ASTI]);
    await kv.set("settings:C0DESK", {
      enabled: true,
      time: "08:30",
      timeZone: "Europe/London",
      market: false,
      scheduleFrom: 5,
    });
    await kv.set("cursor:C0DESK", { lastSlot: 7, lastDigestAt: 7, tickers: {} });
  }

  it("moves a single-workspace store's records under the token's team, once", async () => {
    await legacyStore();
    expect(await migrateToTeamKeys(store, "T0ONE")).toEqual(["C0DESK"]);
    expect(await listChannels(store)).toEqual(["T0ONE:C0DESK"]);
    expect(await getWatchlist(store, "T0ONE:C0DESK")).toEqual([ASTI]);
    expect((await getDigestSettings(store, "T0ONE:C0DESK", 0)).time).toBe("08:30");
    expect(await stateKv(store).get("cursor:T0ONE:C0DESK")).toMatchObject({ lastSlot: 7 });
    for (const old of ["watchlist:C0DESK", "settings:C0DESK", "cursor:C0DESK"]) {
      expect(await stateKv(store).get(old)).toBeUndefined();
    }
    // A second start has nothing to do.
    expect(await migrateToTeamKeys(store, "T0ONE")).toEqual([]);
  });

  it("keeps a record already under the new key (it is newer)", async () => {
    await legacyStore();
    await stateKv(store).set("watchlist:T0ONE:C0DESK", [TSLA]);
    await migrateToTeamKeys(store, "T0ONE");
    expect(await getWatchlist(store, "T0ONE:C0DESK")).toEqual([TSLA]);
  });

  it("forgetting a team removes only its channels and their records", async () => {
    const kv = stateKv(store);
    await kv.set("channels", ["T0ONE:C0DESK", "T0TWO:C0DESK"]);
    await kv.set("watchlist:T0ONE:C0DESK", [ASTI]);
    await kv.set("watchlist:T0TWO:C0DESK", [TSLA]);
    expect(await forgetTeamChannels(store, "T0ONE")).toEqual(["T0ONE:C0DESK"]);
    expect(await listChannels(store)).toEqual(["T0TWO:C0DESK"]);
    expect(await getWatchlist(store, "T0ONE:C0DESK")).toEqual([]);
    expect(await getWatchlist(store, "T0TWO:C0DESK")).toEqual([TSLA]);
  });
});
