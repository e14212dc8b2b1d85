// A filing posted as a real-time alert in a channel is marked "⚡ alerted …" in that channel's
// daily digest (from the poller's record of posts, no EDGAR request more), and only there: the
// real Bolt app, the alert poller on the EDGAR stand-in's live feed, `/form4 digest now`.
import { afterEach, beforeEach, expect, it } from "vitest";
import { getPosted } from "../../src/alerts/state.js";
import { nyTime } from "../digest/scripted-edgar.js";
import { type RunningApp, startApp } from "../slack/harness.js";
import { type EdgarStandIn, startEdgarStandIn } from "../stand-ins/edgar.js";
import { TEAM_ID } from "../stand-ins/slack.js";
import { alertsIn, feedReads, slash, until } from "./helpers.js";

// The seed filing the stand-in serves: Ascent Solar (ASTI), filed Nov 14, 2007.
const SEED = "0001350102-07-000099";

let edgar: EdgarStandIn;
let run: RunningApp;
let t: number;

beforeEach(async () => {
  edgar = await startEdgarStandIn();
  t = nyTime("2007-11-13 12:00");
  run = await startApp({ mode: "http", edgar, now: () => t, alerts: { intervalMs: 150 } });
  await feedReads(edgar, 1);
});
afterEach(async () => {
  await run?.close();
  await edgar?.close();
});

it("the alerted channel's digest marks the line; another channel watching it does not", async () => {
  for (const channel of ["C0ALERTED", "C0DIGESTONLY"]) {
    expect(await slash(run, "watch ASTI", channel)).toContain("Watching *ASTI*");
  }
  expect(await slash(run, "alert ASTI", "C0ALERTED")).toContain("Alert on *ASTI*");

  t = nyTime("2007-11-14 14:02");
  edgar.feed.publish(SEED);
  await until(() => alertsIn(run.slack.calls, "C0ALERTED").length === 1, "the alert");
  // The poller records the post (with its time) just after Slack took it: wait for the record.
  const ref = { teamId: TEAM_ID, channelId: "C0ALERTED" };
  const deadline = Date.now() + 10_000;
  while ((await getPosted(run.store, ref, SEED)) === null) {
    if (Date.now() > deadline) throw new Error("the alert was posted but never recorded");
    await new Promise((r) => setTimeout(r, 20));
  }
  expect(alertsIn(run.slack.calls, "C0DIGESTONLY")).toEqual([]);

  t = nyTime("2007-11-14 19:00");
  // The plain channel's digest first: what the alerted one asks EDGAR is nothing beyond it (the
  // poller's own reads of the feed, going on meanwhile, left aside).
  const paths = async (channel: string) => {
    const before = edgar.requests.length;
    expect(await slash(run, "digest now", channel)).toBe("Here is the digest.");
    return edgar.requests
      .slice(before)
      .map((r) => r.path)
      .filter((p) => !p.includes("action=getcurrent"));
  };
  const plainAsked = await paths("C0DIGESTONLY");
  const alertedAsked = await paths("C0ALERTED");
  expect(alertedAsked.filter((p) => !plainAsked.includes(p))).toEqual([]);
  const [alerted] = alertsIn(run.slack.calls, "C0ALERTED").slice(1);
  const [plain, ...more] = alertsIn(run.slack.calls, "C0DIGESTONLY");
  expect(more).toEqual([]);
  const marked = JSON.stringify(alerted?.body.blocks);
  const unmarked = JSON.stringify(plain?.body.blocks);
  for (const digest of [marked, unmarked]) {
    expect(digest).toContain("Ashutosh Misra");
    expect(digest).toContain("Insider filings: 1 Form 4 filing");
  }
  expect(marked).toMatch(/Form 4 filed Nov 14, 2007>[^"]* · ⚡ alerted 14:02/);
  expect(unmarked).not.toContain("alerted");
});
