// Two app instances on one real redis-server, posting to the Slack stand-in through Slack's own
// WebClient: each digest is posted once, and a watchlist change made through either instance is
// seen by both.
import { webApi } from "@slack/bolt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DigestRunner, postWithSlack } from "../../src/digest/runner.js";
import { getWatchlist, unwatch, watch } from "../../src/digest/watchlists.js";
import { createStore, type Store } from "../../src/store.js";
import { startRedis, type TestRedis } from "../helpers/redis.js";
import { type SlackStandIn, startSlackStandIn } from "../stand-ins/slack.js";
import { nyTime, ScriptedEdgar } from "./scripted-edgar.js";

let redis: TestRedis;
let slack: SlackStandIn;
const stores: Store[] = [];

beforeAll(async () => {
  redis = await startRedis();
  slack = await startSlackStandIn();
});

afterAll(async () => {
  for (const s of stores) await s.close();
  await slack?.close();
  await redis?.stop();
});

class Clock {
  constructor(public t: number) {}
  now = () => this.t;
}

async function instance(clock: Clock, edgar: ScriptedEdgar, name: string) {
  const store = await createStore(redis.url, { now: clock.now });
  stores.push(store);
  const client = new webApi.WebClient(`xoxb-${name}`, {
    slackApiUrl: slack.url,
    retryConfig: { retries: 0 },
  });
  const runner = new DigestRunner({
    store,
    source: edgar,
    post: postWithSlack(client),
    now: clock.now,
  });
  return { store, runner };
}

function postsTo(channel: string) {
  return slack.calls.filter((c) => c.method === "chat.postMessage" && c.body.channel === channel);
}

function accessionsOf(body: Record<string, unknown>): string[] {
  const found = JSON.stringify(body.blocks).match(/\d{10}-\d{2}-\d{6}(?=-index\.htm)/g) ?? [];
  return [...new Set(found)].sort();
}

describe("two instances on one Redis", () => {
  it("share watchlist changes made through either instance, also when made at once", async () => {
    const clock = new Clock(nyTime("2020-11-24 09:00"));
    const edgar = new ScriptedEdgar(clock.now);
    ["ASTI", "TSLA", "MSFT", "AAPL", "GOOGL"].forEach((t, i) => {
      edgar.addCompany(t, String(3000000 + i).padStart(10, "0"), `${t} Inc.`);
    });
    const a = await instance(clock, edgar, "a");
    const b = await instance(clock, edgar, "b");
    await watch(a.store, edgar, "CWATCH", ["ASTI"], clock.t);
    expect((await getWatchlist(b.store, "CWATCH")).map((w) => w.ticker)).toEqual(["ASTI"]);
    // Simultaneous edits through both instances: none is lost.
    await Promise.all([
      watch(a.store, edgar, "CWATCH", ["TSLA", "MSFT"], clock.t),
      watch(b.store, edgar, "CWATCH", ["AAPL", "GOOGL"], clock.t),
    ]);
    const both = (await getWatchlist(a.store, "CWATCH")).map((w) => w.ticker).sort();
    expect(both).toEqual(["AAPL", "ASTI", "GOOGL", "MSFT", "TSLA"]);
    await unwatch(b.store, "CWATCH", ["MSFT"]);
    expect((await getWatchlist(a.store, "CWATCH")).map((w) => w.ticker).sort()).toEqual([
      "AAPL",
      "ASTI",
      "GOOGL",
      "TSLA",
    ]);
  });

  it("post each digest once, whichever instance ticks first", async () => {
    const clock = new Clock(nyTime("2020-11-24 09:00"));
    const edgar = new ScriptedEdgar(clock.now);
    const asti = edgar.addCompany("ASTI", "0001350102", "Ascent Solar Technologies, Inc.");
    const tsla = edgar.addCompany("TSLA", "0001318605", "Tesla, Inc.");
    const a = await instance(clock, edgar, "a");
    const b = await instance(clock, edgar, "b");
    await watch(a.store, edgar, "CTWO", ["ASTI"], clock.t);
    await watch(b.store, edgar, "CTWO", ["TSLA"], clock.t);
    edgar.file({
      company: asti,
      accession: "0000000011-20-000001",
      filedDate: "2020-11-24",
      visibleAt: nyTime("2020-11-24 10:00"),
    });
    edgar.file({
      company: tsla,
      accession: "0000000011-20-000002",
      filedDate: "2020-11-24",
      visibleAt: nyTime("2020-11-24 11:00"),
    });
    edgar.file({
      company: tsla,
      accession: "0000000011-20-000003",
      filedDate: "2020-11-25",
      visibleAt: nyTime("2020-11-25 11:00"),
    });
    edgar.file({
      company: asti,
      accession: "0000000011-20-000004",
      filedDate: "2020-11-27",
      visibleAt: nyTime("2020-11-27 11:00"),
    });

    // Both instances tick at the same moments, concurrently, through Friday after Thanksgiving.
    const statuses: string[] = [];
    while (clock.t <= nyTime("2020-11-27 19:00")) {
      const [ra, rb] = await Promise.all([a.runner.tick(), b.runner.tick()]);
      // (The other test's channel lives in the same Redis.)
      statuses.push(...[...ra, ...rb].filter((o) => o.channel === "CTWO").map((o) => o.status));
      clock.t += 30 * 60_000;
    }
    const posts = postsTo("CTWO");
    expect(posts.map((p) => accessionsOf(p.body))).toEqual([
      ["0000000011-20-000001", "0000000011-20-000002"],
      ["0000000011-20-000003"],
      ["0000000011-20-000004"],
    ]);
    // Each digest was attempted by both: one posted, the other found it busy or done.
    expect(statuses.filter((s) => s === "posted")).toHaveLength(3);
    expect(statuses.filter((s) => s === "busy" || s === "done")).toHaveLength(3);
    // Both bot tokens may have posted, but never the same digest twice.
    expect(new Set(posts.map((p) => String(p.body.text))).size).toBe(3);
  });
});
