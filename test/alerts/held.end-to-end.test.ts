// Alerts in a channel the bot cannot post in, end to end: the real Bolt app over HTTP, the alert
// poller reading the EDGAR stand-in's live feed, the Slack stand-in refusing posts in a private
// channel the bot was removed from (channel_not_found) as Slack does. The refused alert is not
// tried again every poll: it and the ones after it are held, then posted once each after the bot
// is invited back.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getHeldAlerts, HELD_ALERTS_LIMIT, holdAlert } from "../../src/alerts/state.js";
import { getAccess } from "../../src/channel-access.js";
import { channelKey } from "../../src/channel-key.js";
import { createStore } from "../../src/store.js";
import { type RunningApp, SIGNING_SECRET, startApp } from "../slack/harness.js";
import { type EdgarStandIn, startEdgarStandIn } from "../stand-ins/edgar.js";
import { BOT_USER_ID, eventBody, signedHeaders, TEAM_ID } from "../stand-ins/slack.js";
import { alertsIn, feedReads, openHome, slash, until } from "./helpers.js";

const KTOS_BUY = "0001094718-14-000001"; // Kratos, EVP & CFO Lund buys $14,520
const FLWS_BUY = "0000921895-25-001190"; // 1-800-Flowers, three 10% owners buy $912,659
const TLS_BUY = "0000320121-23-000040"; // Telos, director Schaufeld buys $598,985

describe("alerts where the bot cannot post", () => {
  let edgar: EdgarStandIn;
  let run: RunningApp;

  beforeEach(async () => {
    edgar = await startEdgarStandIn();
    run = await startApp({ mode: "http", edgar, alerts: { intervalMs: 150 } });
    await feedReads(edgar, 1);
  });
  afterEach(async () => {
    await run?.close();
    await edgar?.close();
  });

  it("held after one refused post, no post tried every poll; invited: each posted once, in order", async () => {
    run.slack.setChannel("C0SECRET", { private: true, botMember: true });
    run.slack.setUserChannels("U0ANALYST", ["C0SECRET"]);
    expect(await slash(run, "alert buys over $10k", "C0SECRET")).not.toContain("can't post");
    // Someone removes the bot from the channel.
    run.slack.setChannel("C0SECRET", { private: true, botMember: false });

    for (const acc of [KTOS_BUY, FLWS_BUY, TLS_BUY]) edgar.feed.publish(acc);
    await until(() => alertsIn(run.slack.calls, "C0SECRET").length >= 1, "the first try");
    const key = channelKey(TEAM_ID, "C0SECRET");
    await feedReads(edgar, 8);
    // One post was tried and refused; the other two were held without asking Slack.
    expect(alertsIn(run.slack.calls, "C0SECRET")).toHaveLength(1);
    expect((await getAccess(run.store, key))?.problem).toBe("channel_not_found");
    const held = await getHeldAlerts(run.store, { teamId: TEAM_ID, channelId: "C0SECRET" });
    expect(held.alerts.map((a) => a.item)).toEqual([KTOS_BUY, FLWS_BUY, TLS_BUY]);
    expect(await openHome(run)).toContain(
      "<#C0SECRET>: buys over $10k\\n:warning: I can't post in <#C0SECRET>: invite me with `/invite @form4`.",
    );

    // Invited back: Slack tells the bot it joined.
    run.slack.setChannel("C0SECRET", { private: true, botMember: true });
    const body = eventBody({
      type: "member_joined_channel",
      user: BOT_USER_ID,
      channel: "C0SECRET",
      channel_type: "G",
      team: TEAM_ID,
      event_ts: "1.4",
    });
    await fetch(run.eventsUrl, {
      method: "POST",
      headers: signedHeaders(SIGNING_SECRET, body, { contentType: "application/json" }),
      body,
    });
    await until(() => alertsIn(run.slack.calls, "C0SECRET").length >= 4, "the held alerts");
    await feedReads(edgar, 4);
    const posts = alertsIn(run.slack.calls, "C0SECRET").slice(1);
    expect(posts).toHaveLength(3);
    const texts = posts.map((p) => JSON.stringify(p.body.blocks));
    expect(texts[0]).toContain("Lund");
    expect(texts[1]).toContain("1 800 FLOWERS");
    expect(texts[2]).toContain("Schaufeld");
    expect(await getAccess(run.store, key)).toBeNull();
    expect(
      (await getHeldAlerts(run.store, { teamId: TEAM_ID, channelId: "C0SECRET" })).alerts,
    ).toEqual([]);
    expect(await openHome(run)).not.toContain("can't post");
  }, 30_000);
});

describe("held alerts are bounded", () => {
  it(`keeps the newest ${HELD_ALERTS_LIMIT} and counts the ones that made way`, async () => {
    const store = await createStore("memory://");
    const channel = { teamId: "T1", channelId: "C1" };
    for (let i = 0; i < HELD_ALERTS_LIMIT + 3; i++) {
      await holdAlert(store, channel, {
        item: `item-${i}`,
        message: { text: `alert ${i}`, blocks: [] },
        threadTs: null,
        logEntry: null,
        heldAt: i,
      });
    }
    // The same item twice is held once.
    await holdAlert(store, channel, {
      item: `item-${HELD_ALERTS_LIMIT + 2}`,
      message: { text: "again", blocks: [] },
      threadTs: null,
      logEntry: null,
      heldAt: 99,
    });
    const held = await getHeldAlerts(store, channel);
    expect(held.alerts).toHaveLength(HELD_ALERTS_LIMIT);
    expect(held.alerts[0]?.item).toBe("item-3");
    expect(held.alerts.at(-1)?.item).toBe(`item-${HELD_ALERTS_LIMIT + 2}`);
    expect(held.dropped).toBe(3);
    await store.close();
  });
});
