// Channels the bot cannot post in, end to end over HTTP: signed commands and events into the real
// Bolt app, the real EDGAR client against the EDGAR stand-in (ASTI and its seed filing), and the
// Slack stand-in answering chat.postMessage and conversations.info as Slack does for a private
// channel the bot is not in, a public one without chat:write.public and an archived one.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getAccess } from "../../src/channel-access.js";
import { channelKey } from "../../src/channel-key.js";
import { nyTime } from "../digest/scripted-edgar.js";
import { type EdgarStandIn, startEdgarStandIn } from "../stand-ins/edgar.js";
import { BOT_USER_ID, MANIFEST_BOT_SCOPES, TEAM_ID } from "../stand-ins/slack.js";
import { openHome, type RunningApp, sendEvent, slash, startApp } from "./harness.js";

const postsTo = (run: RunningApp, channel: string) =>
  run.slack.calls.filter((c) => c.method === "chat.postMessage" && c.body.channel === channel);

const INVITE = "invite me with `/invite @form4`";

describe("a channel the bot cannot post in, end to end", () => {
  let edgar: EdgarStandIn;
  let run: RunningApp;
  let t: number;

  beforeEach(async () => {
    edgar = await startEdgarStandIn();
    t = nyTime("2007-11-13 12:00"); // the day before the seed was filed
    run = await startApp({ mode: "http", edgar, now: () => t });
  });
  afterEach(async () => {
    await run.close();
    await edgar.close();
  });

  it("watch, digest at and alert in a private channel the bot is not in: warned at once, settings kept", async () => {
    run.slack.setChannel("C0SECRET", { private: true, botMember: false });
    run.slack.setUserChannels("U0ANALYST", ["C0CHANNEL", "C0SECRET", "C0OPEN"]);

    const watched = await slash(run, "watch ASTI", "C0SECRET");
    expect(watched).toContain("Watching *ASTI*");
    expect(watched).toContain(
      ":warning: I can't post in this channel yet (a private channel I am not in): invite me with `/invite @form4`.",
    );
    const at = await slash(run, "digest at 09:00", "C0SECRET");
    expect(at).toMatch(/^Digest: 09:00 America\/New_York on market days/);
    expect(at).toContain(`(a private channel I am not in): ${INVITE}.`);
    expect(at).toContain("once I can post here the digest comes");
    const alert = await slash(run, "alert buys over $100k", "C0SECRET");
    expect(alert).toContain("Alert on: open-market buys of $100k or more.");
    expect(alert).toContain(`(a private channel I am not in): ${INVITE}.`);
    expect(alert).toContain("the alerts held meanwhile are posted");

    // One conversations.info per set-up command, and nothing posted into the channel to find out.
    const infos = run.slack.calls.filter((c) => c.method === "conversations.info");
    expect(infos.map((c) => c.body.channel)).toEqual(["C0SECRET", "C0SECRET", "C0SECRET"]);
    expect(postsTo(run, "C0SECRET")).toEqual([]);
    // Kept: the setting is there for when the bot is invited; the watchlist says what stands.
    const list = await slash(run, "watchlist", "C0SECRET");
    expect(list).toContain("Digest: 09:00 America/New_York");
    expect(list).toContain(`:warning: I can't post in this channel: ${INVITE}.`);

    // A public channel the bot is not in: it can post there (chat:write.public): no warning.
    run.slack.setChannel("C0OPEN", { botMember: false });
    expect(await slash(run, "watch ASTI", "C0OPEN")).not.toContain(":warning:");
    // An archived channel.
    run.slack.setChannel("C0OLD", { archived: true });
    expect(await slash(run, "alert ASTI", "C0OLD")).toContain(
      ":warning: I can't post in this channel yet (archived): it is archived: unarchive it, or set this up in another channel.",
    );

    // Slack does not list the private channel to the bot; the Home finds it through its set-up.
    const home = await openHome(run);
    expect(home).toContain(
      `<#C0SECRET>: *ASTI*\\nDigest: 09:00 America/New_York on market days (next Wed Nov 14 09:00) · market section off\\n:warning: I can't post in <#C0SECRET>: ${INVITE}.`,
    );
    expect(home).toContain(
      `<#C0SECRET>: buys over $100k\\n:warning: I can't post in <#C0SECRET>: ${INVITE}.`,
    );
    // Set up there by this person, so shown although Slack does not list it to the bot either.
    expect(home).toContain(
      "<#C0OLD>: ASTI\\n:warning: I can't post in <#C0OLD>: it is archived: unarchive it, or set this up in another channel.",
    );
    expect(home).not.toContain("I can't post in <#C0OPEN>");
    // No Digest now or Remove buttons where they could only be refused.
    expect(home).not.toContain('"value":"C0SECRET');
    expect(home).toContain('"value":"C0OPEN"');
  });

  it("a public channel the bot is not in, on an install without chat:write.public: not_in_channel", async () => {
    run.slack.setBotScopes(MANIFEST_BOT_SCOPES.filter((s) => s !== "chat:write.public"));
    run.slack.setChannel("C0OPEN", { botMember: false });
    expect(await slash(run, "watch ASTI", "C0OPEN")).toContain(
      `:warning: I can't post in this channel yet (I am not in it): ${INVITE}.`,
    );
    expect((await getAccess(run.store, channelKey(TEAM_ID, "C0OPEN")))?.problem).toBe(
      "not_in_channel",
    );
  });

  it("a digest day whose post is refused: recorded, shown on Home, not retried every minute; invited: posted once, the warning gone", async () => {
    // Set up while the bot is in the private channel; then someone removes it.
    run.slack.setChannel("C0SECRET", { private: true, botMember: true });
    run.slack.setUserChannels("U0ANALYST", ["C0SECRET"]);
    expect(await slash(run, "watch ASTI", "C0SECRET")).not.toContain(":warning:");
    run.slack.setChannel("C0SECRET", { private: true, botMember: false });

    // The seed is filed on Nov 14; the digest is due at 18:00 that day.
    t = nyTime("2007-11-14 18:00");
    const [first] = await run.app.runner.tick();
    expect(first).toMatchObject({ channel: `${TEAM_ID}:C0SECRET`, status: "failed" });
    expect(first?.problem).toBe("channel_not_found");
    const access = await getAccess(run.store, channelKey(TEAM_ID, "C0SECRET"));
    expect(access).toMatchObject({ problem: "channel_not_found", users: ["U0ANALYST"] });

    // Two hours of minute ticks: no post tried again.
    for (let minute = 1; minute <= 120; minute++) {
      t += 60_000;
      await run.app.runner.tick();
    }
    expect(postsTo(run, "C0SECRET")).toHaveLength(1);
    expect(run.logger.lines.filter((l) => /is held: Slack says/.test(l.text))).toHaveLength(1);

    const home = await openHome(run);
    expect(home).toContain(`:warning: I can't post in <#C0SECRET>: ${INVITE}.`);

    // Invited (Slack sends member_joined_channel for the bot itself): the held digest, once.
    run.slack.setChannel("C0SECRET", { private: true, botMember: true });
    await sendEvent(run, {
      type: "member_joined_channel",
      user: BOT_USER_ID,
      channel: "C0SECRET",
      channel_type: "G",
      team: TEAM_ID,
      inviter: "U0ANALYST",
      event_ts: "1.3",
    });
    await run.slack.waitFor(() => postsTo(run, "C0SECRET").length === 2);
    const posted = postsTo(run, "C0SECRET")[1];
    const blocks = JSON.stringify(posted?.body.blocks);
    expect(blocks).toContain("Ashutosh Misra");
    expect(blocks).toContain("sold 1,500 shares at avg $16.81");
    expect(await getAccess(run.store, channelKey(TEAM_ID, "C0SECRET"))).toBeNull();
    for (let minute = 1; minute <= 5; minute++) {
      t += 60_000;
      await run.app.runner.tick();
    }
    // Once: the ticks after the invite find nothing held.
    expect(postsTo(run, "C0SECRET")).toHaveLength(2);
    expect(await openHome(run)).not.toContain("I can't post");
  });

  it("the Home tab checks a recorded channel again and clears the warning once posting works", async () => {
    run.slack.setChannel("C0OLD", { archived: true });
    run.slack.setUserChannels("U0ANALYST", ["C0OLD"]);
    expect(await slash(run, "watch ASTI", "C0OLD")).toContain("(archived)");
    expect(await openHome(run)).toContain("I can't post in <#C0OLD>: it is archived");
    const infos = () => run.slack.calls.filter((c) => c.method === "conversations.info").length;
    // Checked within the last minute: not asked again.
    const asked = infos();
    await openHome(run);
    expect(infos()).toBe(asked);
    // Unarchived; a minute later the Home asks again and the warning goes.
    run.slack.setChannel("C0OLD", {});
    t += 61_000;
    expect(await openHome(run)).not.toContain("I can't post");
    expect(infos()).toBe(asked + 1);
    expect(await getAccess(run.store, channelKey(TEAM_ID, "C0OLD"))).toBeNull();
  });
});
