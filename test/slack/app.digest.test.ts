// The watchlist and daily digest end to end, in HTTP mode: signed slash commands and events into
// the real Bolt app, the real EDGAR client and Form4Source against the EDGAR stand-in (ASTI with
// the seed filing, and a day's index of real Form 4s for the market section), every Slack call
// recorded by the Slack stand-in. The commands' clock is set to the seed's days in 2007.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { blockKitProblems } from "../../src/render/block-limits.js";
import { serveMarketDay } from "../digest/market-day.js";
import { nyTime } from "../digest/scripted-edgar.js";
import { type EdgarStandIn, startEdgarStandIn } from "../stand-ins/edgar.js";
import { type SlackCall, signedHeaders, slashCommandBody } from "../stand-ins/slack.js";
import { openHome, type RunningApp, SIGNING_SECRET, slashCommand, startApp } from "./harness.js";

const SEED_INDEX_PATH =
  "/Archives/edgar/data/1350102/000135010207000099/0001350102-07-000099-index.htm";

const slash = slashCommand;

/** The text of an answer, checked to be for the person alone. */
function said(answer: SlackCall): string {
  expect(answer.body.response_type).toBe("ephemeral");
  return String(answer.body.text);
}

const posts = (run: RunningApp, channel: string) =>
  run.slack.calls.filter((c) => c.method === "chat.postMessage" && c.body.channel === channel);

describe("watchlists and the daily digest, end to end over HTTP", () => {
  let edgar: EdgarStandIn;
  let run: RunningApp;
  let t: number;

  beforeEach(async () => {
    edgar = await startEdgarStandIn();
    t = nyTime("2007-11-13 12:00"); // the day before the seed was filed
    run = await startApp({ mode: "http", edgar, now: () => t });
    run.slack.setUserChannels("U0ANALYST", ["C0CHANNEL", "C0QUIET"]);
  });
  afterEach(async () => {
    await run.close();
    await edgar.close();
  });

  it("watch, watchlist, digest now with the seed's numbers, digest at, Home tab, unwatch", async () => {
    const watched = said(await slash(run, "watch ASTI ZZZZQ"));
    expect(watched).toContain("Watching *ASTI*");
    expect(watched).toContain(
      "No company with ticker *ZZZZQ* on EDGAR; check the spelling (class shares like BRK.B work).",
    );
    // The ticker was checked against EDGAR's ticker map.
    expect(edgar.requests.some((r) => r.path === "/files/company_tickers.json")).toBe(true);

    const list = said(await slash(run, "watchlist"));
    expect(list).toContain("Watchlist: *ASTI* (");
    expect(list).toContain(
      "Digest: 18:00 America/New_York on market days (next Tue Nov 13 18:00) · market section off",
    );
    expect(said(await slash(run, "watchlist", "C0QUIET"))).toContain("watchlist is empty");

    // The evening after the seed was filed: the digest, right away, into the channel.
    t = nyTime("2007-11-14 19:00");
    expect(said(await slash(run, "digest now"))).toBe("Here is the digest.");
    const [digest, ...more] = posts(run, "C0CHANNEL");
    expect(more).toEqual([]);
    expect(digest?.token).toBe("xoxb-stand-in-bot-token");
    expect(digest?.body.unfurl_links).toBe("false");
    const blocks = JSON.stringify(digest?.body.blocks);
    expect(blocks).toContain("Ashutosh Misra");
    expect(blocks).toContain("sold 1,500 shares at avg $16.81");
    expect(blocks).toContain(`${edgar.url}${SEED_INDEX_PATH}`);
    expect(blockKitProblems(digest?.body.blocks as never)).toEqual([]);
    expect(posts(run, "C0QUIET")).toEqual([]);

    const at = said(await slash(run, "digest at 08:30 Europe/London"));
    expect(at).toBe(
      "Digest: 08:30 Europe/London on market days (next Thu Nov 15 08:30) · market section off",
    );
    expect(said(await slash(run, "watchlist"))).toContain("Digest: 08:30 Europe/London");
    expect(said(await slash(run, "digest at 25:00"))).toMatch(/"25:00" is not a time I can read/);
    expect(said(await slash(run, "digest market on"))).toMatch(/market section on$/);

    const home = await openHome(run);
    const asked = run.slack.calls.filter((c) => c.method === "users.conversations");
    expect(asked.at(-1)?.body).toMatchObject({
      user: "U0ANALYST",
      types: "public_channel,private_channel",
    });
    expect(home).toContain("Watchlists and digests");
    expect(home).toContain("<#C0CHANNEL>: *ASTI*");
    expect(home).toContain("Digest: 08:30 Europe/London on market days");
    expect(home).toContain("market section on");
    expect(home).not.toContain("C0QUIET"); // the user is in it, but it watches nothing
    expect(home).toContain("/form4 watch ASTI TSLA");
    expect(home).toContain("/form4 digest market on");

    expect(said(await slash(run, "digest off"))).toMatch(/^Digest: off/);
    expect(await openHome(run)).toContain("Digest: off");

    const unwatched = said(await slash(run, "unwatch ASTI"));
    expect(unwatched).toContain("Stopped watching *ASTI*.");
    expect(unwatched).toContain("This channel's watchlist is empty");
    expect(said(await slash(run, "watchlist"))).toContain("watchlist is empty");
    expect(await openHome(run)).toContain("None of your channels watches a ticker yet");
  });

  it("digest market on: digest now adds the day's largest insider trades across EDGAR", async () => {
    const day = serveMarketDay(edgar, "2007-11-14");
    said(await slash(run, "watch ASTI"));
    expect(said(await slash(run, "digest market on"))).toMatch(/market section on$/);
    t = nyTime("2007-11-15 09:00");
    // Reading the day's Form 4s at EDGAR's 10 requests a second takes a few seconds.
    expect(said(await slash(run, "digest now", "C0CHANNEL", 60_000))).toBe("Here is the digest.");
    const [digest, market] = posts(run, "C0CHANNEL");
    expect(JSON.stringify(digest?.body.blocks)).toContain("sold 1,500 shares at avg $16.81");
    const marketBlocks = JSON.stringify(market?.body.blocks);
    expect(marketBlocks).toContain("Largest insider trades on EDGAR, Wed Nov 14, 2007");
    for (const trade of [...day.purchases, ...day.sales])
      expect(marketBlocks).toContain(trade.accessionNumber);
    expect(blockKitProblems(market?.body.blocks as never)).toEqual([]);
    expect(edgar.maxPerSecond()).toBeLessThanOrEqual(10);
  }, 90_000);

  it("digest now where Slack will not let the bot post says to invite it", async () => {
    said(await slash(run, "watch ASTI", "G0PRIVATE"));
    run.slack.failNext("chat.postMessage", "not_in_channel");
    expect(said(await slash(run, "digest now", "G0PRIVATE"))).toBe(
      ":warning: I can't post in this channel (I am not in it): invite me with `/invite @form4`. The digest is kept and posted as soon as I can post here; scheduled digests need that too.",
    );
  });

  it("/form4 help lists the watchlist and digest commands", async () => {
    const body = slashCommandBody({ text: "help", response_url: run.slack.responseUrl("help") });
    const res = await fetch(run.eventsUrl, {
      method: "POST",
      headers: signedHeaders(SIGNING_SECRET, body),
      body,
    });
    const help = await res.text();
    for (const usage of [
      "/form4 ASTI",
      "/form4 watch ASTI TSLA",
      "/form4 unwatch ASTI",
      "/form4 watchlist",
      "/form4 digest at 18:00",
      "default 18:00 America/New_York, market days only",
      "/form4 digest at 08:30 Europe/London",
      "/form4 digest off",
      "/form4 digest on",
      "/form4 digest now",
      "/form4 digest market on",
    ]) {
      expect(help).toContain(usage);
    }
  });
});
