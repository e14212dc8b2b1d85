// The digest end to end: the real EDGAR client and Form4Source against the EDGAR stand-in (the
// rebuilt ASTI seed filing, and a daily index for the market section), posting through Slack's
// WebClient to the Slack stand-in, driven by the command functions the listeners call.
import { webApi } from "@slack/bolt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type DigestDeps,
  digestMarketCommand,
  digestNowCommand,
  homeDigestSection,
  watchCommand,
  watchlistCommand,
} from "../../src/digest/commands.js";
import { DigestRunner, postWithSlack } from "../../src/digest/runner.js";
import { createEdgarStack } from "../../src/edgar/stack.js";
import { blockKitProblems } from "../../src/render/block-limits.js";
import { createStore, type Store } from "../../src/store.js";
import { type EdgarStandIn, startEdgarStandIn } from "../stand-ins/edgar.js";
import { type SlackStandIn, startSlackStandIn } from "../stand-ins/slack.js";
import { type MarketDay, serveMarketDay } from "./market-day.js";
import { nyTime } from "./scripted-edgar.js";

let edgar: EdgarStandIn;
let slack: SlackStandIn;
let store: Store;
let day: MarketDay;

beforeAll(async () => {
  edgar = await startEdgarStandIn();
  slack = await startSlackStandIn();
  store = await createStore("memory://");
  // The seed was filed Wed Nov 14, 2007; the market section reads that day's index.
  day = serveMarketDay(edgar, "2007-11-14");
});

afterAll(async () => {
  await store?.close();
  await slack?.close();
  await edgar?.close();
});

const posts = (channel: string) =>
  slack.calls.filter((c) => c.method === "chat.postMessage" && c.body.channel === channel);

describe("daily digest, end to end", () => {
  it("posts the seed filing and the market section to each channel; the market is read once", async () => {
    let t = nyTime("2007-11-13 12:00");
    const now = () => t;
    const { client, source } = createEdgarStack({
      config: edgar.config,
      cache: store.kv("edgar", { throwOnErrors: false }),
      now,
      backoffMs: 20,
    });
    const web = new webApi.WebClient("xoxb-digest", {
      slackApiUrl: slack.url,
      retryConfig: { retries: 0 },
    });
    const runner = new DigestRunner({
      store,
      source,
      post: postWithSlack(web),
      now,
      market: { client },
      edgarWwwUrl: edgar.url,
    });
    const deps: DigestDeps = { store, source, runner, now };

    expect(await watchCommand(deps, "C1", ["asti", "ZZZZZZ"])).toContain(
      "No company with ticker *ZZZZZZ* on EDGAR",
    );
    await watchCommand(deps, "C2", ["ASTI"]);
    expect(await digestMarketCommand(deps, "C1", true)).toContain("market section on");
    await digestMarketCommand(deps, "C2", true);
    expect(await watchlistCommand(deps, "C1")).toContain(
      "Digest: 18:00 America/New_York on market days (next Tue Nov 13 18:00)",
    );

    t = nyTime("2007-11-14 18:00");
    const before = edgar.requests.length;
    const outcomes = await runner.tick();
    expect(outcomes.map((o) => [o.channel, o.kind, o.status])).toEqual([
      ["C1", "scheduled", "posted"],
      ["C2", "scheduled", "posted"],
      ["C1", "market", "posted"],
      ["C2", "market", "posted"],
    ]);
    for (const channel of ["C1", "C2"]) {
      const [digest, market] = posts(channel);
      const digestText = JSON.stringify(digest?.body.blocks);
      expect(digestText).toContain("Ashutosh Misra");
      expect(digestText).toContain("sold 1,500 shares at avg $16.81");
      expect(digestText).toContain(
        `${edgar.url}/Archives/edgar/data/1350102/000135010207000099/0001350102-07-000099-index.htm`,
      );
      const marketText = JSON.stringify(market?.body.blocks);
      expect(marketText).toContain("Largest insider trades on EDGAR, Wed Nov 14, 2007");
      for (const trade of [...day.purchases, ...day.sales])
        expect(marketText).toContain(trade.accessionNumber);
      expect(blockKitProblems(digest?.body.blocks as never)).toEqual([]);
      expect(blockKitProblems(market?.body.blocks as never)).toEqual([]);
    }
    // Each Form 4 of the day fetched once for both channels (the second used the stored result).
    const fetched = edgar.requests
      .slice(before)
      .map((r) => r.path)
      .filter((p) => /\d{10}-\d{2}-\d{6}\.txt$/.test(p));
    expect(new Set(fetched).size).toBe(fetched.length);
    expect(fetched.length).toBeGreaterThanOrEqual(day.form4Count);
    expect(edgar.maxPerSecond()).toBeLessThanOrEqual(10);

    // "digest now" after that: a quiet line, and no market section repeated for the same day.
    t = nyTime("2007-11-15 09:00");
    expect(await digestNowCommand(deps, "C1")).toBe("Here is the digest.");
    const after = posts("C1");
    expect(after).toHaveLength(3);
    expect(after[2]?.body.text).toBe("No insider filings for ASTI since Wed Nov 14 18:00.");

    const home = await homeDigestSection(deps, ["C1", "C2", "C3"]);
    const homeText = JSON.stringify(home);
    expect(homeText).toContain("<#C1>: *ASTI*");
    expect(homeText).toContain("<#C2>: *ASTI*");
    expect(homeText).not.toContain("C3");
  });

  it("a filing whose document comes back as an HTML page is not dropped: the digest says so, then posts it", async () => {
    const own = await createStore("memory://");
    try {
      let t = nyTime("2007-11-13 12:00");
      const now = () => t;
      const { background } = createEdgarStack({
        config: edgar.config,
        cache: own.kv("edgar", { throwOnErrors: false }),
        now,
        backoffMs: 5,
        retries: 1,
      });
      const web = new webApi.WebClient("xoxb-digest", {
        slackApiUrl: slack.url,
        retryConfig: { retries: 0 },
      });
      const runner = new DigestRunner({
        store: own,
        source: background,
        post: postWithSlack(web),
        now,
        edgarWwwUrl: edgar.url,
      });
      const deps: DigestDeps = { store: own, source: background, runner, now };
      await watchCommand(deps, "C9", ["ASTI"]);
      t = nyTime("2007-11-14 18:00");
      // EDGAR's front end answers 200 with an error page for everything in the filing's folder.
      edgar.fault("/Archives/edgar/data/1350102/000135010207000099/", { kind: "html200" });
      // Said in the channel, not passed over: the filing is not in it, and the cursor stays.
      await runner.runNow("C9");
      expect(posts("C9").map((p) => p.body.text)).toEqual([
        "No watched tickers could be checked on EDGAR for this digest.",
      ]);
      edgar.clearFaults();
      t = nyTime("2007-11-14 18:05");
      const posted = await runner.runNow("C9");
      expect(posted.status).toBe("posted");
      expect(JSON.stringify(posts("C9")[1]?.body.blocks)).toContain(
        "sold 1,500 shares at avg $16.81",
      );
    } finally {
      edgar.clearFaults();
      await own.close();
    }
  });
});
