// Slack's limits, end to end through the real Bolt app over HTTP against the Slack stand-in, which
// enforces them as Slack does: a command's response_url takes 5 posts within 30 minutes (then 404
// used_url / expired_url), and a rate-limited chat.postMessage answers 429 with Retry-After. The
// app never loses an answer, never posts a digest message or an alert twice or out of order, and
// waits every Retry-After out in full (measured at the stand-in).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { channelKey } from "../../src/channel-key.js";
import { watch } from "../../src/digest/watchlists.js";
import { slash as alertSlash, alertsIn, feedReads, until } from "../alerts/helpers.js";
import { nyTime, ScriptedEdgar } from "../digest/scripted-edgar.js";
import { readForm4Fixture } from "../fixtures.js";
import { type EdgarStandIn, startEdgarStandIn } from "../stand-ins/edgar.js";
import {
  type SlackCall,
  type SlackStandIn,
  signedHeaders,
  slashCommandBody,
  TEAM_ID,
} from "../stand-ins/slack.js";
import { expectSeedNumbers, type RunningApp, SIGNING_SECRET, startApp } from "./harness.js";

/** `/form4 <text>` typed by U0ANALYST in `channel`, its response_url issued with `url`'s options. */
async function command(
  run: RunningApp,
  text: string,
  id: string,
  url: { ageMs?: number; used?: number } = {},
  channel = "C0CHANNEL",
): Promise<void> {
  const body = slashCommandBody({
    text,
    channel_id: channel,
    response_url: run.slack.responseUrl(id, url),
  });
  const res = await fetch(run.eventsUrl, {
    method: "POST",
    headers: signedHeaders(SIGNING_SECRET, body),
    body,
  });
  expect(res.status).toBe(200);
  expect(await res.text()).toBe("");
}

const taken = (calls: readonly SlackCall[]) => calls.filter((c) => !c.refused);
const toResponseUrl = (slack: SlackStandIn, id: string) =>
  slack.calls.filter((c) => c.method === "response_url" && c.responseId === id);

describe("a command's response_url: 5 posts within 30 minutes, as Slack allows", () => {
  let edgar: EdgarStandIn;
  let run: RunningApp;
  beforeEach(async () => {
    edgar = await startEdgarStandIn();
    run = await startApp({ mode: "http", edgar, slowNoticeMs: 100 });
  });
  afterEach(async () => {
    await run.close();
    await edgar.close();
  });

  it("a 'Looking up…' note took the last post: the answer's 6th post is refused, so it is posted in the channel", async () => {
    // 4 posts already spent (as if by someone else): the app's note is the 5th, its answer a 6th.
    edgar.fault("/submissions/", { kind: "slow", delayMs: 1500, times: 1 });
    await command(run, "ASTI", "last-post", { used: 4 });
    const posted = await run.slack.waitFor(
      (c) => c.method === "chat.postMessage" && c.body.channel === "C0CHANNEL",
    );
    expectSeedNumbers(JSON.stringify(posted.body));
    const posts = toResponseUrl(run.slack, "last-post");
    expect(posts.map((c) => [c.body.response_type, c.refused ?? "taken"])).toEqual([
      ["ephemeral", "taken"],
      ["in_channel", "used_url"],
    ]);
    expect(posts[0]?.body.text).toMatch(/Looking up ASTI on EDGAR/);
  });

  it("a spent response_url (a 6th post, refused 404 used_url): the answer is posted in the channel", async () => {
    await command(run, "ASTI", "spent", { used: 5 });
    const posted = await run.slack.waitFor(
      (c) => c.method === "chat.postMessage" && c.body.channel === "C0CHANNEL",
    );
    expectSeedNumbers(JSON.stringify(posted.body));
    const tried = toResponseUrl(run.slack, "spent");
    expect(tried.map((c) => c.refused)).toEqual(["used_url"]);
    expect(taken(tried)).toHaveLength(0);
  });

  it("an expired response_url (over 30 minutes, 404 expired_url): the person's answer comes ephemerally", async () => {
    await command(run, "ZZZZQ", "expired", { ageMs: 31 * 60_000 });
    const ephemeral = await run.slack.waitFor((c) => c.method === "chat.postEphemeral");
    expect(ephemeral.body).toMatchObject({ channel: "C0CHANNEL", user: "U0ANALYST" });
    expect(String(ephemeral.body.text)).toMatch(/can't find a company with the ticker \*ZZZZQ\*/);
    expect(toResponseUrl(run.slack, "expired").map((c) => c.refused)).toEqual(["expired_url"]);
  });

  it("when chat.postEphemeral is refused too, the answer comes as a direct message", async () => {
    run.slack.failNext("chat.postEphemeral", "not_in_channel");
    await command(run, "ZZZZQ", "nowhere", { ageMs: 31 * 60_000 });
    const dm = await run.slack.waitFor(
      (c) => c.method === "chat.postMessage" && c.body.channel === "U0ANALYST",
    );
    expect(String(dm.body.text)).toContain("(your `/form4 ZZZZQ` in <#C0CHANNEL>)");
    expect(String(dm.body.text)).toMatch(/can't find a company with the ticker \*ZZZZQ\*/);
    const ephemeral = run.slack.calls.filter((c) => c.method === "chat.postEphemeral");
    expect(ephemeral).toHaveLength(1);
  });

  it("a rate-limited fallback waits out a short Retry-After; a long one goes to the direct message at once", async () => {
    run.slack.rateLimitNext("chat.postEphemeral", 1);
    await command(run, "ZZZZQ", "short-wait", { ageMs: 31 * 60_000 });
    const ephemeral = await run.slack.waitFor(
      (c) => c.method === "chat.postEphemeral" && !c.refused,
    );
    const refused = run.slack.calls.find((c) => c.method === "chat.postEphemeral" && c.refused);
    expect((ephemeral.at ?? 0) - (refused?.at ?? 0)).toBeGreaterThanOrEqual(1000 - 5);

    // Past the 10 s a person's answer may wait: straight on to the direct message.
    run.slack.rateLimitNext("chat.postEphemeral", 30);
    const started = performance.now();
    await command(run, "ZZZZQ", "long-wait", { ageMs: 31 * 60_000 });
    const dm = await run.slack.waitFor(
      (c) => c.method === "chat.postMessage" && c.body.channel === "U0ANALYST",
    );
    expect(String(dm.body.text)).toMatch(/can't find a company with the ticker \*ZZZZQ\*/);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

/**
 * Each 429 was waited out in full: the next call to that channel came Retry-After later or more.
 * Returns how many calls were limited; the waits measured go to stderr, for README's figures.
 */
function expectRetryAfterHonoured(slack: SlackStandIn, channel: string, what: string): number {
  const calls = slack.calls.filter(
    (c) => c.method === "chat.postMessage" && c.body.channel === channel,
  );
  const over: number[] = [];
  calls.forEach((c, i) => {
    if (c.refused !== "ratelimited") return;
    const next = calls[i + 1];
    expect(next).toBeDefined();
    const gap = (next?.at ?? 0) - (c.at ?? 0);
    expect(gap).toBeGreaterThanOrEqual((c.retryAfter ?? 0) * 1000 - 5);
    over.push(gap - (c.retryAfter ?? 0) * 1000);
  });
  expect(slack.earlyRetries).toBe(0);
  over.sort((a, b) => a - b);
  const at = (q: number) => over[Math.min(over.length - 1, Math.floor(q * over.length))] ?? 0;
  process.stderr.write(
    `rate-limit test (${what}): ${calls.filter((c) => !c.refused).length} posts, ${over.length} answered 429; the next try came after the Retry-After by median ${at(0.5).toFixed(1)} ms, min ${at(0).toFixed(1)} ms, max ${(over.at(-1) ?? 0).toFixed(1)} ms\n`,
  );
  return over.length;
}

function accessionsOf(call: SlackCall): string[] {
  const found = JSON.stringify(call.body.blocks).match(/\d{10}-\d{2}-\d{6}(?=-index\.htm)/g) ?? [];
  return [...new Set(found)];
}

describe("Web API rate limits (429 + Retry-After) on a multi-message digest", () => {
  const now = () => nyTime("2020-11-24 12:00");
  let run: RunningApp;
  let tickers: string[];

  beforeEach(async () => {
    const edgar = new ScriptedEdgar(now);
    tickers = [];
    for (let t = 1; t <= 20; t++) {
      const ticker = `R${String(t).padStart(2, "0")}X`;
      tickers.push(ticker);
      const company = edgar.addCompany(ticker, String(2000 + t).padStart(10, "0"), `Company ${t}`);
      for (let k = 1; k <= 10; k++) {
        edgar.file({
          company,
          accession: `00000000${String(t).padStart(2, "0")}-20-${String(k).padStart(6, "0")}`,
          filedDate: "2020-11-24",
          visibleAt: nyTime("2020-11-24 08:00"),
          fixture: k % 2 ? "msft-hogan-2024-03-11.xml" : "0001209191-22-024552.xml",
        });
      }
    }
    run = await startApp({ mode: "http", source: edgar, now });
    for (const channel of ["C0CLEAN", "C0LIMITED"]) {
      await watch(run.store, edgar, channelKey(TEAM_ID, channel), tickers, now());
    }
  });
  afterEach(async () => {
    await run.close();
  });

  it("every message posted once, in order, each Retry-After waited out in full", async () => {
    await command(run, "digest now", "clean", {}, "C0CLEAN");
    const cleanAnswer = await run.slack.waitFor((c) => c.responseId === "clean", 30_000);
    expect(cleanAnswer.body.text).toBe("Here is the digest.");
    const clean = run.slack.calls.filter(
      (c) => c.method === "chat.postMessage" && c.body.channel === "C0CLEAN",
    );
    expect(clean.length).toBeGreaterThanOrEqual(4);

    // Slack's 1 a second per channel, told as Retry-After: 2.
    run.slack.rateLimit("chat.postMessage", {
      max: 1,
      perMs: 1000,
      by: "channel",
      retryAfterS: 2,
    });
    await command(run, "digest now", "limited", {}, "C0LIMITED");
    const answer = await run.slack.waitFor((c) => c.responseId === "limited", 60_000);
    expect(answer.body.text).toBe("Here is the digest.");
    const limited = run.slack.calls.filter(
      (c) => c.method === "chat.postMessage" && c.body.channel === "C0LIMITED",
    );
    const posted = taken(limited);
    // The same messages as without the limit, in the same order, each once.
    expect(posted.map((c) => c.body.text)).toEqual(clean.map((c) => c.body.text));
    expect(posted.map((c) => accessionsOf(c))).toEqual(clean.map((c) => accessionsOf(c)));
    const all = posted.flatMap(accessionsOf);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toHaveLength(20 * 10);
    // Every message after the first was limited at least once, and waited its 2 s.
    expect(expectRetryAfterHonoured(run.slack, "C0LIMITED", "digest")).toBeGreaterThanOrEqual(
      posted.length - 1,
    );
    const span = (posted.at(-1)?.at ?? 0) - (posted[0]?.at ?? 0);
    expect(span).toBeGreaterThanOrEqual((posted.length - 1) * 2000 - 50);
  }, 90_000);
});

describe("a shutdown while a digest waits out a long Retry-After", () => {
  it("ends the wait: the message is left unposted (still due), the person is told, nothing doubled", async () => {
    const now = () => nyTime("2020-11-24 12:00");
    const edgar = new ScriptedEdgar(now);
    const company = edgar.addCompany("W01X", "0000003001", "Company W");
    for (let k = 1; k <= 3; k++) {
      edgar.file({
        company,
        accession: `0000003001-20-${String(k).padStart(6, "0")}`,
        filedDate: "2020-11-24",
        visibleAt: nyTime("2020-11-24 08:00"),
      });
    }
    const run = await startApp({ mode: "http", source: edgar, now });
    try {
      await watch(run.store, edgar, channelKey(TEAM_ID, "C0WAIT"), ["W01X"], now());
      run.slack.rateLimitNext("chat.postMessage", 60);
      await command(run, "digest now", "waiting", {}, "C0WAIT");
      await run.slack.waitFor((c) => c.method === "chat.postMessage" && c.refused !== undefined);
      const stopped = performance.now();
      await run.app.stop();
      const answer = await run.slack.waitFor((c) => c.responseId === "waiting", 5000);
      expect(performance.now() - stopped).toBeLessThan(3000);
      expect(String(answer.body.text)).toMatch(/could not be posted .*the next digest/);
      const posts = run.slack.calls.filter(
        (c) => c.method === "chat.postMessage" && c.body.channel === "C0WAIT",
      );
      expect(posts.map((c) => c.refused)).toEqual(["ratelimited"]);
    } finally {
      await run.store.close();
      await run.slack.close();
    }
  });
});

describe("Web API rate limits (429 + Retry-After) on a burst of alerts", () => {
  const HBNC_BUY = "0001137693-14-000001"; // Horizon Bancorp, director Swinehart buys $20,450
  let edgar: EdgarStandIn;
  let run: RunningApp;

  beforeEach(async () => {
    edgar = await startEdgarStandIn();
    run = await startApp({ mode: "http", edgar, alerts: { intervalMs: 150 } });
    await feedReads(edgar, 1);
  });
  afterEach(async () => {
    await run.close();
    await edgar.close();
  });

  it("every alert posted once, in the feed's order, each Retry-After waited out, no crash", async () => {
    const txt = readForm4Fixture(`${HBNC_BUY}.txt`);
    const copies = Array.from(
      { length: 6 },
      (_, i) => `0009990088-14-${String(1_000_000 + i).slice(1)}`,
    );
    for (const acc of copies) {
      edgar.addFile(
        `/Archives/edgar/data/706129/${acc.replace(/-/g, "")}/${acc}.txt`,
        txt.replaceAll(HBNC_BUY, acc),
      );
    }
    expect(await alertSlash(run, "alert buys", "C0BURST")).toContain("Alert on");
    // Slack's published limits on every method: chat.postMessage 1 a second per channel.
    run.slack.slackRateLimits();
    for (const acc of copies) edgar.feed.publish(acc);
    await until(
      () => taken(alertsIn(run.slack.calls, "C0BURST")).length >= copies.length,
      "the burst",
      40_000,
    );
    // A few more polls: nothing more comes.
    await feedReads(edgar, 3);
    const posted = taken(alertsIn(run.slack.calls, "C0BURST"));
    expect(posted).toHaveLength(copies.length);
    const order = posted.map((c) => copies.find((acc) => JSON.stringify(c.body).includes(acc)));
    expect(order).toEqual(copies);
    expect(expectRetryAfterHonoured(run.slack, "C0BURST", "alert burst")).toBeGreaterThanOrEqual(
      copies.length - 1,
    );
    expect(run.logger.lines.some((l) => /rate-limited chat.postMessage/.test(l.text))).toBe(true);
    expect(run.logger.lines.some((l) => /posting alert .* failed/.test(l.text))).toBe(false);
  }, 60_000);
});
