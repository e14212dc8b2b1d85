import type { types, webApi } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { appHomeOpened } from "../../../../src/slack/listeners/events/app-home-opened.js";
import { createStore } from "../../../../src/store.js";
import { fakeSource, recordingLogger } from "../../doubles.js";

function homeEvent(tab: "home" | "messages"): types.AppHomeOpenedEvent {
  return {
    type: "app_home_opened",
    user: "U0ANALYST",
    channel: "D0HOME",
    tab,
    event_ts: "1700000000.1",
  };
}

describe("app_home_opened listener", () => {
  it("publishes the Home tab, saying how to use /form4, for the user who opened it", async () => {
    const published: webApi.ViewsPublishArguments[] = [];
    const client = {
      views: { publish: async (a: webApi.ViewsPublishArguments) => published.push(a) },
    };
    const deps = {
      source: fakeSource({}).source,
      store: await createStore("memory://"),
      logger: recordingLogger(),
      slowNoticeMs: 1,
    };
    await appHomeOpened(deps)({ event: homeEvent("home"), client });
    await appHomeOpened(deps)({ event: homeEvent("messages"), client });
    expect(published).toHaveLength(1);
    expect(published[0]?.user_id).toBe("U0ANALYST");
    expect(published[0]?.view.type).toBe("home");
    expect(JSON.stringify(published[0]?.view)).toContain("/form4 ASTI");
  });
});
