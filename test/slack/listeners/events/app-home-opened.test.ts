import type { types, webApi } from "@slack/bolt";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { watchCommand } from "../../../../src/digest/commands.js";
import { appHomeOpened } from "../../../../src/slack/listeners/events/app-home-opened.js";
import { createStore, type Store } from "../../../../src/store.js";
import { fakeFiling, fakeSource, listenerDepsFor, recordingLogger } from "../../doubles.js";

function homeEvent(tab: "home" | "messages"): types.AppHomeOpenedEvent {
  return {
    type: "app_home_opened",
    user: "U0ANALYST",
    channel: "D0HOME",
    tab,
    event_ts: "1700000000.1",
  };
}

/** A client whose users.conversations lists `channels` (or fails with `error`). */
function fakeClient(channels: string[] | Error) {
  const published: webApi.ViewsPublishArguments[] = [];
  const asked: webApi.UsersConversationsArguments[] = [];
  const client = {
    views: { publish: async (a: webApi.ViewsPublishArguments) => published.push(a) },
    users: {
      async conversations(
        args: webApi.UsersConversationsArguments,
      ): Promise<webApi.UsersConversationsResponse> {
        asked.push(args);
        if (channels instanceof Error) throw channels;
        return { ok: true, channels: channels.map((id) => ({ id })) };
      },
    },
  };
  return { client, published, asked };
}

describe("app_home_opened listener", () => {
  let store: Store;
  beforeEach(async () => {
    store = await createStore("memory://");
  });
  afterEach(async () => {
    await store.close();
  });

  const { source } = fakeSource({ tickers: { ASTI: [fakeFiling("Misra Ashutosh")] } });

  it("publishes the Home tab, saying how to use /form4 and the digest, for the user who opened it", async () => {
    const deps = listenerDepsFor({ source, store });
    const { client, published } = fakeClient([]);
    await appHomeOpened(deps)({ event: homeEvent("home"), context: { teamId: "T0TEAM" }, client });
    await appHomeOpened(deps)({
      event: homeEvent("messages"),
      context: { teamId: "T0TEAM" },
      client,
    });
    expect(published).toHaveLength(1);
    expect(published[0]?.user_id).toBe("U0ANALYST");
    expect(published[0]?.view.type).toBe("home");
    const view = JSON.stringify(published[0]?.view);
    for (const usage of [
      "/form4 ASTI",
      "/form4 watch ASTI TSLA",
      "/form4 unwatch ASTI",
      "/form4 watchlist",
      "/form4 digest at 18:00",
      "/form4 digest at 08:30 Europe/London",
      "/form4 digest off",
      "/form4 digest now",
      "/form4 digest market on",
    ]) {
      expect(view).toContain(usage);
    }
    expect(view).toContain("None of your channels watches a ticker yet");
  });

  it("lists the watchlists and digest settings of the user's channels only", async () => {
    const deps = listenerDepsFor({ source, store });
    await watchCommand(deps, "T0TEAM:C0MINE", ["ASTI"]);
    await watchCommand(deps, "T0TEAM:C0OTHERS", ["ASTI"]);
    const { client, published, asked } = fakeClient(["C0MINE", "C0QUIET"]);
    await appHomeOpened(deps)({ event: homeEvent("home"), context: { teamId: "T0TEAM" }, client });
    expect(asked[0]).toMatchObject({
      user: "U0ANALYST",
      types: "public_channel,private_channel",
      exclude_archived: true,
    });
    const view = JSON.stringify(published[0]?.view);
    expect(view).toContain("<#C0MINE>: *ASTI*");
    expect(view).toContain("Digest: 18:00 America/New_York on market days");
    expect(view).not.toContain("C0OTHERS");
    expect(view).not.toContain("C0QUIET");
  });

  it("still publishes, with a note, when Slack will not list the user's channels", async () => {
    const logger = recordingLogger();
    const deps = listenerDepsFor({ source, store, logger });
    const { client, published } = fakeClient(new Error("An API error occurred: missing_scope"));
    await appHomeOpened(deps)({ event: homeEvent("home"), context: { teamId: "T0TEAM" }, client });
    const view = JSON.stringify(published[0]?.view);
    expect(view).toContain("/form4 watch ASTI TSLA");
    expect(view).toContain("channels:read and groups:read");
    expect(logger.lines.some((l) => l.level === "warn" && l.text.includes("missing_scope"))).toBe(
      true,
    );
  });

  it("still publishes, with a note, when the watchlists cannot be read", async () => {
    const logger = recordingLogger();
    const broken: Store = {
      ...store,
      kv() {
        throw new Error("SQLITE_BUSY: database is locked");
      },
    };
    const deps = listenerDepsFor({ source, store: broken, logger });
    const { client, published } = fakeClient(["C0MINE"]);
    await appHomeOpened(deps)({ event: homeEvent("home"), context: { teamId: "T0TEAM" }, client });
    const view = JSON.stringify(published[0]?.view);
    expect(view).toContain("could not read the watchlists");
    expect(view).not.toContain("SQLITE_BUSY");
    expect(logger.lines.some((l) => l.level === "error" && l.text.includes("SQLITE_BUSY"))).toBe(
      true,
    );
  });
});
