// Real-time alerts end to end: signed slash commands into the real Bolt app over HTTP, the alert
// poller reading the EDGAR stand-in's live feed (to which the test adds real recorded filings
// while the app runs) through the real EDGAR client, and every post recorded by the Slack
// stand-in. State in memory, in a SQLite file across a restart, and in a real redis-server shared
// by two instances.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { FEED_PAGE_SIZE } from "../../src/edgar/links.js";
import { createStore } from "../../src/store.js";
import { readForm4Fixture } from "../fixtures.js";
import { startRedis, type TestRedis } from "../helpers/redis.js";
import { type RunningApp, startApp } from "../slack/harness.js";
import { type EdgarStandIn, STAND_IN_USER_AGENT, startEdgarStandIn } from "../stand-ins/edgar.js";
import { type SlackStandIn, startSlackStandIn } from "../stand-ins/slack.js";
import { alertsIn, feedReads, openHome, slash, until } from "./helpers.js";

// Real recorded filings the stand-in serves (see test/fixtures/recorded/SOURCES.md).
const HBNC_BUY = "0001137693-14-000001"; // Horizon Bancorp, director Swinehart buys $20,450
const KTOS_BUY = "0001094718-14-000001"; // Kratos, EVP & CFO Lund buys $14,520
const FLWS_BUY = "0000921895-25-001190"; // 1-800-Flowers, three 10% owners buy $912,659
const TLS_BUY = "0000320121-23-000040"; // Telos, director Schaufeld buys $598,985
const GLYE_SALE = "0001537179-14-000007"; // Gleacher, 10% owner sells $35,021
const TXG_SALE = "0001610717-23-000035"; // 10x Genomics, director sells $1.74M

const POLL_MS = 150;

function assertEtiquette(edgar: EdgarStandIn): void {
  expect(edgar.maxPerSecond()).toBeLessThanOrEqual(10);
  expect(edgar.requests.every((r) => r.userAgent === STAND_IN_USER_AGENT)).toBe(true);
}

describe("alerts through the Bolt app, memory store", () => {
  let edgar: EdgarStandIn;
  let run: RunningApp;

  beforeAll(async () => {
    edgar = await startEdgarStandIn();
    // On the feed before any rule: never news.
    edgar.feed.publish(HBNC_BUY);
    run = await startApp({ mode: "http", edgar, alerts: { intervalMs: POLL_MS } });
    await feedReads(edgar, 1);
  });
  afterAll(async () => {
    await run?.close();
    await edgar?.close();
  });

  it("a ticker rule and a market rule in two channels each get exactly their filings, once", async () => {
    expect(await slash(run, "alert HBNC KTOS", "C0TICKERS")).toContain(
      "Alert on *HBNC* (HORIZON BANCORP INC /IN/), *KTOS* (KRATOS DEFENSE &amp; SECURITY SOLUTIONS, INC.)",
    );
    expect(await slash(run, "alert buys over $100k", "C0MARKET")).toContain(
      "Alert on: open-market buys of $100k or more.",
    );
    const list = await slash(run, "alerts", "C0MARKET");
    expect(list).toContain("1. open-market buys of $100k or more");

    for (const acc of [KTOS_BUY, FLWS_BUY, GLYE_SALE, TXG_SALE, TLS_BUY]) edgar.feed.publish(acc);
    await until(
      () =>
        alertsIn(run.slack.calls, "C0TICKERS").length >= 1 &&
        alertsIn(run.slack.calls, "C0MARKET").length >= 2,
      "the alerts",
    );
    // A few more polls: nothing more comes.
    await feedReads(edgar, 4);

    const tickers = alertsIn(run.slack.calls, "C0TICKERS");
    expect(tickers).toHaveLength(1);
    const ktos = JSON.stringify(tickers[0]?.body.blocks);
    expect(ktos).toContain("Alert: KTOS");
    expect(ktos).toContain(
      "*$14,520* *KTOS* Deanna H. Lund (EVP &amp; CFO) bought 2,000 shares at $7.26",
    );
    expect(ktos).toContain("filing_details");
    expect(ktos).toContain(
      `${edgar.url}/Archives/edgar/data/1069258/000109471814000001/0001094718-14-000001-index.htm`,
    );
    // The filing on the feed before the rule (HBNC) was not posted.
    expect(JSON.stringify(tickers)).not.toMatch(/swinehart/i);

    const market = alertsIn(run.slack.calls, "C0MARKET");
    expect(market).toHaveLength(2);
    const marketText = market.map((c) => JSON.stringify(c.body.blocks)).join("\n");
    expect(marketText).toContain("Alert: buys over $100k");
    expect(marketText).toContain("1 800 FLOWERS");
    expect(marketText).toContain("Schaufeld");
    expect(marketText).not.toContain("Lund");
    // Oldest first: in the order they appeared on the feed.
    expect(JSON.stringify(market[0]?.body.blocks)).toContain("1 800 FLOWERS");
    assertEtiquette(edgar);
  });

  it("per poll, the feed is one request; each alerted filing one document", async () => {
    const before = edgar.requests.length;
    await feedReads(edgar, 3);
    const paths = edgar.requests.slice(before).map((r) => r.path);
    expect(paths.every((p) => p.includes("action=getcurrent"))).toBe(true);
    const docs = edgar.requests.filter((r) => r.path.includes("0000921895-25-001190"));
    expect(docs.map((r) => r.path)).toEqual([
      "/Archives/edgar/data/1084869/000092189525001190/0000921895-25-001190.txt",
    ]);
  });

  it("a burst of more than a page of filings is read whole with start=, each posted once", async () => {
    // 55 copies of the real HBNC submission under made-up accession numbers (filer 0009990077):
    // 110 entries, more than the feed's first page.
    const txt = readForm4Fixture(`${HBNC_BUY}.txt`);
    const copies = Array.from(
      { length: 55 },
      (_, i) => `0009990077-14-${String(1_000_000 + i).slice(1)}`,
    );
    for (const acc of copies) {
      edgar.addFile(
        `/Archives/edgar/data/706129/${acc.replace(/-/g, "")}/${acc}.txt`,
        txt.replaceAll(HBNC_BUY, acc),
      );
    }
    await slash(run, "alert buys", "C0BURST");
    const pagesBefore = edgar.requests.filter((r) => r.path.includes("&start=100&")).length;
    for (const acc of copies) edgar.feed.publish(acc);
    expect(edgar.feed.entries()).toBeGreaterThan(FEED_PAGE_SIZE * 2);
    await until(
      () => alertsIn(run.slack.calls, "C0BURST").length >= copies.length,
      "the burst",
      30_000,
    );
    await feedReads(edgar, 3);
    const posts = alertsIn(run.slack.calls, "C0BURST").map((c) => JSON.stringify(c.body.blocks));
    expect(posts).toHaveLength(copies.length);
    for (const acc of copies) expect(posts.filter((p) => p.includes(acc))).toHaveLength(1);
    expect(edgar.requests.filter((r) => r.path.includes("&start=100&")).length).toBeGreaterThan(
      pagesBefore,
    );
    assertEtiquette(edgar);
  }, 60_000);

  it("turns rules off; a bad rule gets one line with an example", async () => {
    expect(await slash(run, "alert buys over lots", "C0MARKET")).toBe(
      ':warning: "lots" is not an amount in dollars, like $100k, $1M or 250,000 (e.g. /form4 alert buys over $100k).',
    );
    expect(await slash(run, "alert sells over $1M by cfo,janitor", "C0MARKET")).toContain(
      '"janitor" is not a role I know',
    );
    expect(await slash(run, "alert ZZZZZQ", "C0MARKET")).toContain(
      "No company with ticker *ZZZZZQ* on EDGAR",
    );
    expect(await slash(run, "alert off KTOS", "C0TICKERS")).toContain("Turned off: KTOS");
    expect(await slash(run, "alert off all", "C0TICKERS")).toContain("No alerts left");
    expect(await slash(run, "alerts", "C0TICKERS")).toContain("No alerts in this channel");
    expect(await slash(run, "watchlist", "C0MARKET")).toContain(
      "Alerts: open-market buys of $100k or more.",
    );
    run.slack.setUserChannels("U0ANALYST", ["C0MARKET", "C0TICKERS"]);
    const home = await openHome(run);
    expect(home).toContain("Real-time alerts");
    expect(home).toContain("<#C0MARKET>: buys over $100k");
    expect(home).not.toContain("<#C0TICKERS>:");
  });
});

describe("alerts across a restart on the same SQLite file", () => {
  let edgar: EdgarStandIn;
  let slack: SlackStandIn;
  let dir: string;
  beforeAll(async () => {
    edgar = await startEdgarStandIn();
    slack = await startSlackStandIn();
    dir = mkdtempSync(join(tmpdir(), "form4-alerts-"));
  });
  afterAll(async () => {
    await slack?.close();
    await edgar?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("posts nothing twice, even when the cursor was lost after a post", async () => {
    const storeUrl = `sqlite://${join(dir, "form4.sqlite")}`;
    const first = await startApp({
      mode: "http",
      edgar,
      slack,
      storeUrl,
      alerts: { intervalMs: POLL_MS },
    });
    await feedReads(edgar, 1);
    await slash(first, "alert buys", "C0BUYS");
    edgar.feed.publish(KTOS_BUY);
    await until(() => alertsIn(slack.calls, "C0BUYS").length === 1, "the first alert");
    await first.close();

    // As if the first instance died after posting but before saving its place on the feed.
    const store = await createStore(storeUrl);
    const kv = store.kv("alerts");
    const feed = (await kv.get("feed")) as { seen: Record<string, number> };
    delete feed.seen[KTOS_BUY];
    await kv.set("feed", feed);
    await store.close();

    const second = await startApp({
      mode: "http",
      edgar,
      slack,
      storeUrl,
      alerts: { intervalMs: POLL_MS },
    });
    edgar.feed.publish(TLS_BUY);
    await until(() => alertsIn(slack.calls, "C0BUYS").length >= 2, "the alert after the restart");
    await feedReads(edgar, 3);
    await second.close();
    const posts = alertsIn(slack.calls, "C0BUYS").map((c) => JSON.stringify(c.body.blocks));
    expect(posts).toHaveLength(2);
    expect(posts[0]).toContain("Deanna H. Lund");
    expect(posts[1]).toContain("Schaufeld");
    assertEtiquette(edgar);
  });
});

describe("two instances on one redis-server", () => {
  let redis: TestRedis;
  let edgar: EdgarStandIn;
  let slack: SlackStandIn;
  const runs: RunningApp[] = [];
  beforeAll(async () => {
    redis = await startRedis();
    edgar = await startEdgarStandIn();
    slack = await startSlackStandIn();
  });
  afterEach(async () => {
    for (const r of runs.splice(0)) await r.close();
  });
  afterAll(async () => {
    await slack?.close();
    await edgar?.close();
    await redis?.stop();
  });

  it("post each alert once, and the second takes over when the first stops", async () => {
    // A fresh prefix of keys: REDIS_URL may be a shared server.
    const storeUrl = `${redis.url}/${Math.floor(Math.random() * 15) + 1}`;
    const cleanup = await createStore(storeUrl);
    await cleanup.kv("alerts").clear();
    await cleanup.close();
    const a = await startApp({
      mode: "http",
      edgar,
      slack,
      storeUrl,
      alerts: { intervalMs: POLL_MS },
    });
    const b = await startApp({
      mode: "http",
      edgar,
      slack,
      storeUrl,
      alerts: { intervalMs: POLL_MS },
    });
    runs.push(a, b);
    await feedReads(edgar, 2);
    await slash(a, "alert buys", "C0REDIS");
    await slash(b, "alert TXG", "C0REDIS2");
    for (const acc of [KTOS_BUY, FLWS_BUY, TXG_SALE]) edgar.feed.publish(acc);
    await until(
      () =>
        alertsIn(slack.calls, "C0REDIS").length >= 2 &&
        alertsIn(slack.calls, "C0REDIS2").length >= 1,
      "the alerts",
    );
    await feedReads(edgar, 4);
    expect(alertsIn(slack.calls, "C0REDIS")).toHaveLength(2);
    expect(alertsIn(slack.calls, "C0REDIS2")).toHaveLength(1);

    // The first stops; the second goes on alone.
    await a.close();
    runs.splice(runs.indexOf(a), 1);
    edgar.feed.publish(TLS_BUY);
    await until(() => alertsIn(slack.calls, "C0REDIS").length >= 3, "the alert after the stop");
    await feedReads(edgar, 3);
    expect(alertsIn(slack.calls, "C0REDIS")).toHaveLength(3);
    assertEtiquette(edgar);
  });
});
