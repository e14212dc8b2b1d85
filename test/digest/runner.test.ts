import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clearCannotPost, getAccess } from "../../src/channel-access.js";
import { DIGEST_CLAIM_TTL_MS } from "../../src/digest/claims.js";
import { loadCursor } from "../../src/digest/cursor.js";
import { DigestRunner, type PostMessage, type RunOutcome } from "../../src/digest/runner.js";
import { setDigestTime } from "../../src/digest/settings.js";
import { getWatchlist, unwatch, watch } from "../../src/digest/watchlists.js";
import { blockKitProblems } from "../../src/render/block-limits.js";
import type { SlackMessage } from "../../src/render/blocks.js";
import { createStore, type Store } from "../../src/store.js";
import { nyTime, ScriptedEdgar } from "./scripted-edgar.js";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "form4-runner-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Posted {
  channel: string;
  at: number;
  message: SlackMessage;
  accessions: string[];
}

/** Accession numbers of the filings a message links to. */
function accessionsOf(message: SlackMessage): string[] {
  const found = JSON.stringify(message.blocks).match(/\d{10}-\d{2}-\d{6}(?=-index\.htm)/g) ?? [];
  return [...new Set(found)];
}

class Clock {
  constructor(public t: number) {}
  now = () => this.t;
}

function recorder(clock: Clock) {
  const posts: Posted[] = [];
  const failures: string[] = [];
  let failNext = 0;
  const post: PostMessage = async (channel, message) => {
    expect(blockKitProblems(message.blocks)).toEqual([]);
    if (failNext > 0) {
      failNext--;
      failures.push(channel);
      throw new Error("channel_not_found");
    }
    posts.push({ channel, at: clock.t, message, accessions: accessionsOf(message) });
  };
  return {
    posts,
    failures,
    post,
    failNextPosts(n: number) {
      failNext = n;
    },
  };
}

/** Tick every `stepMin` minutes from the clock's time up to `until`; returns every outcome. */
async function runUntil(runner: DigestRunner, clock: Clock, until: number, stepMin = 15) {
  const outcomes: RunOutcome[] = [];
  while (clock.t <= until) {
    outcomes.push(...(await runner.tick()));
    clock.t += stepMin * 60_000;
  }
  return outcomes;
}

const ASTI = { ticker: "ASTI", cik: "0001350102", name: "Ascent Solar Technologies, Inc." };
const TSLA = { ticker: "TSLA", cik: "0001318605", name: "Tesla, Inc." };

function edgarWithCompanies(clock: Clock) {
  const edgar = new ScriptedEdgar(clock.now);
  edgar.addCompany(ASTI.ticker, ASTI.cik, ASTI.name);
  edgar.addCompany(TSLA.ticker, TSLA.cik, TSLA.name);
  return edgar;
}

describe("digests across Thanksgiving week 2020 (a holiday and a weekend)", () => {
  it("posts each filing exactly once, on market days at 18:00, none missed", async () => {
    const clock = new Clock(nyTime("2020-11-23 10:00"));
    const store = await createStore("memory://", { now: clock.now });
    const edgar = edgarWithCompanies(clock);
    const slack = recorder(clock);
    const runner = new DigestRunner({ store, source: edgar, post: slack.post, now: clock.now });
    await watch(store, edgar, "C1", ["ASTI", "tsla"], clock.t);

    const f = (
      accession: string,
      company: typeof ASTI,
      filedDate: string,
      visible: string,
      extra = {},
    ) => edgar.file({ company, accession, filedDate, visibleAt: nyTime(visible), ...extra });
    f("0000000001-20-000001", ASTI, "2020-11-23", "2020-11-23 11:00");
    // After Monday's digest, same filing date: must come on Tuesday.
    f("0000000001-20-000002", TSLA, "2020-11-23", "2020-11-23 19:30");
    f("0000000001-20-000003", ASTI, "2020-11-24", "2020-11-24 10:00", {
      fixture: "0000320121-23-000040.xml",
    });
    // Wednesday: nothing. Thursday: Thanksgiving, no digest.
    f("0000000001-20-000004", TSLA, "2020-11-27", "2020-11-27 09:00");
    f("0000000001-20-000005", ASTI, "2020-11-27", "2020-11-27 12:00", { form: "4/A" });
    // Friday evening after the digest (EDGAR dates Section 16 filings that day until 22:00).
    f("0000000001-20-000006", ASTI, "2020-11-27", "2020-11-27 21:00");
    f("0000000001-20-000007", TSLA, "2020-11-30", "2020-11-30 08:00");

    await runUntil(runner, clock, nyTime("2020-12-01 12:00"));

    const byDay = slack.posts.map((p) => ({
      day: new Date(p.at - 5 * 3600_000).toISOString().slice(0, 16),
      accessions: p.accessions.map((a) => a.slice(-1)).sort(),
      text: p.message.text,
    }));
    expect(byDay).toEqual([
      {
        day: "2020-11-23T18:00",
        accessions: ["1"],
        text: expect.stringContaining("1 Form 4 filing"),
      },
      { day: "2020-11-24T18:00", accessions: ["2", "3"], text: expect.any(String) },
      {
        day: "2020-11-25T18:00",
        accessions: [],
        text: expect.stringMatching(/^No insider filings for ASTI, TSLA since Tue Nov 24 18:00/),
      },
      { day: "2020-11-27T18:00", accessions: ["4", "5"], text: expect.any(String) },
      { day: "2020-11-30T18:00", accessions: ["6", "7"], text: expect.any(String) },
    ]);
    // The amendment is marked as such.
    const friday = JSON.stringify(slack.posts[3]?.message.blocks);
    expect(friday).toContain("amendment");
    // Each filing fetched once: posted ones are never fetched again.
    expect([...edgar.fetched].sort()).toEqual(
      [1, 2, 3, 4, 5, 6, 7].map((n) => `0000000001-20-00000${n}`),
    );
    await store.close();
  });

  it("after downtime over the weekend, the first tick posts everything since the cursor, once", async () => {
    const clock = new Clock(nyTime("2020-11-24 09:00"));
    const store = await createStore("memory://", { now: clock.now });
    const edgar = edgarWithCompanies(clock);
    const slack = recorder(clock);
    const runner = new DigestRunner({ store, source: edgar, post: slack.post, now: clock.now });
    await watch(store, edgar, "C1", ["ASTI"], clock.t);
    edgar.file({
      company: ASTI,
      accession: "0000000002-20-000001",
      filedDate: "2020-11-24",
      visibleAt: nyTime("2020-11-24 10:00"),
    });
    await runUntil(runner, clock, nyTime("2020-11-24 18:30"));
    expect(slack.posts.map((p) => p.accessions)).toEqual([["0000000002-20-000001"]]);

    // Down from Tuesday night to Monday 09:00: Wed and Fri filings, no ticks.
    edgar.file({
      company: ASTI,
      accession: "0000000002-20-000002",
      filedDate: "2020-11-25",
      visibleAt: nyTime("2020-11-25 10:00"),
    });
    edgar.file({
      company: ASTI,
      accession: "0000000002-20-000003",
      filedDate: "2020-11-27",
      visibleAt: nyTime("2020-11-27 10:00"),
    });
    clock.t = nyTime("2020-11-30 09:00");
    await runUntil(runner, clock, nyTime("2020-11-30 09:30"));
    expect(slack.posts.map((p) => p.accessions.sort())).toEqual([
      ["0000000002-20-000001"],
      ["0000000002-20-000002", "0000000002-20-000003"],
    ]);
    // Monday's own 18:00 digest follows as usual (a quiet one).
    await runUntil(runner, clock, nyTime("2020-11-30 18:30"));
    expect(slack.posts).toHaveLength(3);
    expect(slack.posts[2]?.message.text).toMatch(
      /^No insider filings for ASTI since Mon Nov 30 09:/,
    );
    await store.close();
  });
});

describe("failures", () => {
  async function setup(storeUrl = "memory://") {
    const clock = new Clock(nyTime("2020-11-24 09:00"));
    const store = await createStore(storeUrl, { now: clock.now });
    const edgar = edgarWithCompanies(clock);
    const slack = recorder(clock);
    const runner = new DigestRunner({
      store,
      source: edgar,
      post: slack.post,
      now: clock.now,
      retryDelayMs: 10 * 60_000,
      retryAttempts: 3,
    });
    await watch(store, edgar, "C1", ["ASTI", "TSLA"], clock.t);
    return { clock, store, edgar, slack, runner };
  }

  it("a message Slack refused is posted on the retry, with nothing skipped or repeated", async () => {
    const { clock, store, edgar, slack, runner } = await setup();
    for (let i = 1; i <= 5; i++) {
      edgar.file({
        company: i % 2 ? ASTI : TSLA,
        accession: `0000000003-20-00000${i}`,
        filedDate: "2020-11-24",
        visibleAt: nyTime("2020-11-24 10:00"),
      });
    }
    slack.failNextPosts(1);
    const outcomes = await runUntil(runner, clock, nyTime("2020-11-24 18:45"), 5);
    expect(outcomes.filter((o) => o.status === "failed")).toHaveLength(1);
    expect(slack.failures).toEqual(["C1"]);
    // Retried ten minutes later.
    expect(slack.posts).toHaveLength(1);
    expect(slack.posts[0]?.at).toBe(nyTime("2020-11-24 18:10"));
    expect(slack.posts[0]?.accessions.sort()).toEqual(
      [1, 2, 3, 4, 5].map((i) => `0000000003-20-00000${i}`),
    );
    await store.close();
  });

  it("Slack refusing the channel (channel_not_found): held, one try a slot, posted once after it is fixed", async () => {
    const { clock, store, edgar } = await setup();
    for (let i = 1; i <= 2; i++) {
      edgar.file({
        company: ASTI,
        accession: `0000000004-20-00000${i}`,
        filedDate: "2020-11-24",
        visibleAt: nyTime("2020-11-24 10:00"),
      });
    }
    let refused = 0;
    let blocked = true;
    const posts: SlackMessage[] = [];
    const held = new DigestRunner({
      store,
      source: edgar,
      now: clock.now,
      retryDelayMs: 10 * 60_000,
      post: async (_channel, message) => {
        if (blocked) {
          refused++;
          throw Object.assign(new Error("An API error occurred: channel_not_found"), {
            code: "slack_webapi_platform_error",
            data: { ok: false, error: "channel_not_found" },
          });
        }
        posts.push(message);
      },
    });
    // Tuesday 18:00 and Wednesday 18:00 (Thanksgiving is Thursday): one try each, nothing between.
    const outcomes = await runUntil(held, clock, nyTime("2020-11-25 18:30"), 5);
    expect(refused).toBe(2);
    expect(outcomes.filter((o) => o.problem === "channel_not_found")).toHaveLength(2);
    expect((await getAccess(store, "C1"))?.problem).toBe("channel_not_found");
    expect((await loadCursor(store, "C1")).heldAt).toBe(nyTime("2020-11-24 18:00"));
    // Fixed (the bot invited: its record goes); the next tick posts what was held, once.
    blocked = false;
    await clearCannotPost(store, "C1");
    const after = await runUntil(held, clock, nyTime("2020-11-25 20:00"), 5);
    expect(after.filter((o) => o.status === "posted").map((o) => o.kind)).toEqual(["held"]);
    expect(posts).toHaveLength(1);
    expect(accessionsOf(posts[0] as SlackMessage).sort()).toEqual([
      "0000000004-20-000001",
      "0000000004-20-000002",
    ]);
    expect((await loadCursor(store, "C1")).heldAt).toBeNull();
    await store.close();
  });

  it("a crash after a post (claim not released) re-posts that message at most once, skips nothing", async () => {
    const file = `sqlite://${join(dir, "crash.sqlite")}`;
    const { clock, store, edgar, slack } = await setup(file);
    // Enough filings for several messages: 12 companies with 4 filings each.
    const companies = Array.from({ length: 12 }, (_, i) =>
      edgar.addCompany(`T${i}`, String(2000000 + i).padStart(10, "0"), `Company ${i}`),
    );
    await watch(
      store,
      edgar,
      "C1",
      companies.map((c) => c.ticker),
      clock.t,
    );
    let n = 0;
    for (const company of companies) {
      for (let k = 0; k < 4; k++) {
        n++;
        edgar.file({
          company,
          accession: `0000000004-20-${String(n).padStart(6, "0")}`,
          filedDate: "2020-11-24",
          visibleAt: nyTime("2020-11-24 10:00"),
          fixture: n % 3 ? "msft-hogan-2024-03-11.xml" : "0001209191-22-024552.xml",
        });
      }
    }
    // The first instance "dies" right after Slack took its first message: from then on it writes
    // nothing to the store, and its claim is never released.
    let dead = false;
    const dying: Store = {
      ...store,
      kv: (namespace, options) =>
        new Proxy(store.kv(namespace, options), {
          get(target, property, receiver) {
            if (property === "set" && dead) {
              return async () => {
                throw new Error("process is dead");
              };
            }
            const value = Reflect.get(target, property, receiver);
            return typeof value === "function" ? value.bind(target) : value;
          },
        }),
      release: async () => {},
    };
    const crashing = new DigestRunner({
      store: dying,
      source: edgar,
      now: clock.now,
      post: async (channel, message) => {
        await slack.post(channel, message);
        dead = true;
        throw new Error("process killed");
      },
    });
    clock.t = nyTime("2020-11-24 18:00");
    await crashing.tick();
    expect(slack.posts).toHaveLength(1);
    const first = slack.posts[0]?.accessions ?? [];
    expect(first.length).toBeGreaterThan(0);

    const store2 = await createStore(file, { now: clock.now });
    const runner2 = new DigestRunner({
      store: store2,
      source: edgar,
      post: slack.post,
      now: clock.now,
    });
    // A new instance on the same file: the dead instance's lease holds for one lease period.
    clock.t += DIGEST_CLAIM_TTL_MS / 2;
    expect((await runner2.tick()).map((o) => o.status)).toEqual(["busy"]);
    clock.t += DIGEST_CLAIM_TTL_MS / 2;
    await runner2.tick();
    const all = slack.posts.flatMap((p) => p.accessions);
    const expected = Array.from(
      { length: n },
      (_, i) => `0000000004-20-${String(i + 1).padStart(6, "0")}`,
    );
    expect([...new Set(all)].sort()).toEqual(expected);
    // Only the crashed message can repeat, and only once.
    const counts = new Map<string, number>();
    for (const a of all) counts.set(a, (counts.get(a) ?? 0) + 1);
    for (const [a, n] of counts) expect(n, a).toBe(first.includes(a) ? 2 : 1);
    expect(slack.posts.length).toBeGreaterThan(2);
    // And the next tick posts nothing more.
    clock.t += 60_000;
    await runner2.tick();
    expect(slack.posts.flatMap((p) => p.accessions)).toHaveLength(all.length);
    await store.close();
    await store2.close();
  });

  it("EDGAR failing for one ticker puts the digest off, then posts it whole", async () => {
    const { clock, store, edgar, slack, runner } = await setup();
    edgar.file({
      company: ASTI,
      accession: "0000000005-20-000001",
      filedDate: "2020-11-24",
      visibleAt: nyTime("2020-11-24 10:00"),
    });
    edgar.file({
      company: TSLA,
      accession: "0000000005-20-000002",
      filedDate: "2020-11-24",
      visibleAt: nyTime("2020-11-24 10:00"),
    });
    edgar.failing.add(TSLA.cik);
    clock.t = nyTime("2020-11-24 18:00");
    expect((await runner.tick()).map((o) => o.status)).toEqual(["retryLater"]);
    edgar.failing.delete(TSLA.cik);
    await runUntil(runner, clock, nyTime("2020-11-24 18:30"), 5);
    expect(slack.posts.map((p) => p.accessions.sort())).toEqual([
      ["0000000005-20-000001", "0000000005-20-000002"],
    ]);
    expect(slack.posts[0]?.at).toBe(nyTime("2020-11-24 18:10"));
    await store.close();
  });

  it("EDGAR failing for a ticker all evening: posted without it, with a note; it comes next time", async () => {
    const { clock, store, edgar, slack, runner } = await setup();
    edgar.file({
      company: ASTI,
      accession: "0000000006-20-000001",
      filedDate: "2020-11-24",
      visibleAt: nyTime("2020-11-24 10:00"),
    });
    edgar.file({
      company: TSLA,
      accession: "0000000006-20-000002",
      filedDate: "2020-11-24",
      visibleAt: nyTime("2020-11-24 10:00"),
    });
    edgar.failing.add(TSLA.cik);
    await runUntil(runner, clock, nyTime("2020-11-24 19:00"), 5);
    expect(slack.posts).toHaveLength(1);
    expect(slack.posts[0]?.at).toBe(nyTime("2020-11-24 18:20"));
    expect(slack.posts[0]?.accessions).toEqual(["0000000006-20-000001"]);
    expect(JSON.stringify(slack.posts[0]?.message.blocks)).toContain(
      "Its filings will be in the next digest",
    );
    edgar.failing.delete(TSLA.cik);
    await runUntil(runner, clock, nyTime("2020-11-25 18:30"));
    expect(slack.posts.map((p) => p.accessions)).toEqual([
      ["0000000006-20-000001"],
      ["0000000006-20-000002"],
    ]);
    await store.close();
  });
});

describe("what a digest shows", () => {
  it("reports an unreadable filing with its link, skips another issuer's, and fetches neither again", async () => {
    const clock = new Clock(nyTime("2020-11-24 09:00"));
    const store = await createStore("memory://", { now: clock.now });
    const edgar = edgarWithCompanies(clock);
    const slack = recorder(clock);
    const runner = new DigestRunner({ store, source: edgar, post: slack.post, now: clock.now });
    await watch(store, edgar, "C1", ["ASTI"], clock.t);
    edgar.file({
      company: ASTI,
      accession: "0000000007-20-000001",
      filedDate: "2020-11-24",
      visibleAt: clock.t,
      unreadable: true,
    });
    edgar.file({
      company: ASTI,
      accession: "0000000007-20-000002",
      filedDate: "2020-11-24",
      visibleAt: clock.t,
      issuer: TSLA,
    });
    await runUntil(runner, clock, nyTime("2020-11-25 18:30"));
    expect(slack.posts).toHaveLength(2);
    const text = JSON.stringify(slack.posts[0]?.message.blocks);
    expect(text).toContain(
      "could not be read: The ownershipDocument ends in the middle of Table I",
    );
    expect(slack.posts[0]?.accessions).toEqual(["0000000007-20-000001"]);
    expect(slack.posts[1]?.message.text).toMatch(/^No insider filings for ASTI/);
    expect(edgar.fetched.sort()).toEqual(["0000000007-20-000001", "0000000007-20-000002"]);
    await store.close();
  });

  it("digest now posts at once; the scheduled digest then has only what is newer", async () => {
    const clock = new Clock(nyTime("2020-11-24 09:00"));
    const store = await createStore("memory://", { now: clock.now });
    const edgar = edgarWithCompanies(clock);
    const slack = recorder(clock);
    const runner = new DigestRunner({ store, source: edgar, post: slack.post, now: clock.now });
    await watch(store, edgar, "C1", ["ASTI"], clock.t);
    edgar.file({
      company: ASTI,
      accession: "0000000008-20-000001",
      filedDate: "2020-11-24",
      visibleAt: clock.t,
    });
    clock.t = nyTime("2020-11-24 12:00");
    expect((await runner.runNow("C1")).status).toBe("posted");
    edgar.file({
      company: ASTI,
      accession: "0000000008-20-000002",
      filedDate: "2020-11-24",
      visibleAt: nyTime("2020-11-24 13:00"),
    });
    await runUntil(runner, clock, nyTime("2020-11-24 18:30"));
    expect(slack.posts.map((p) => p.accessions)).toEqual([
      ["0000000008-20-000001"],
      ["0000000008-20-000002"],
    ]);
    expect(slack.posts[1]?.message.text).toContain("since Tue Nov 24 12:00");
    await store.close();
  });

  it("follows the channel's own time and zone, and posts nothing when off", async () => {
    const clock = new Clock(nyTime("2020-11-24 01:00"));
    const store = await createStore("memory://", { now: clock.now });
    const edgar = edgarWithCompanies(clock);
    const slack = recorder(clock);
    const runner = new DigestRunner({ store, source: edgar, post: slack.post, now: clock.now });
    await watch(store, edgar, "C1", ["ASTI"], clock.t);
    await watch(store, edgar, "C2", ["ASTI"], clock.t);
    await setDigestTime(store, "C1", "08:30", "Europe/London", clock.t);
    const { setDigestOff } = await import("../../src/digest/settings.js");
    await setDigestOff(store, "C2", clock.t);
    await runUntil(runner, clock, nyTime("2020-11-24 23:00"));
    expect(slack.posts.map((p) => [p.channel, p.at])).toEqual([
      ["C1", Date.parse("2020-11-24T08:30:00Z")],
    ]);
    await store.close();
  });
});

describe("restart on the same SQLite file", () => {
  it("keeps watchlists and cursor: the next digest is right", async () => {
    const file = `sqlite://${join(dir, "restart.sqlite")}`;
    const clock = new Clock(nyTime("2020-11-24 09:00"));
    const edgar = edgarWithCompanies(clock);
    const slack = recorder(clock);

    let store = await createStore(file, { now: clock.now });
    let runner = new DigestRunner({ store, source: edgar, post: slack.post, now: clock.now });
    runner.start();
    await watch(store, edgar, "C1", ["ASTI", "TSLA"], clock.t);
    edgar.file({
      company: ASTI,
      accession: "0000000009-20-000001",
      filedDate: "2020-11-24",
      visibleAt: nyTime("2020-11-24 10:00"),
    });
    await runUntil(runner, clock, nyTime("2020-11-24 18:30"));
    await runner.stop();
    await store.close();

    // Stopped overnight; filings keep coming.
    edgar.file({
      company: TSLA,
      accession: "0000000009-20-000002",
      filedDate: "2020-11-24",
      visibleAt: nyTime("2020-11-24 20:00"),
    });
    edgar.file({
      company: ASTI,
      accession: "0000000009-20-000003",
      filedDate: "2020-11-25",
      visibleAt: nyTime("2020-11-25 11:00"),
    });
    clock.t = nyTime("2020-11-25 12:00");

    store = await createStore(file, { now: clock.now });
    expect((await getWatchlist(store, "C1")).map((w) => w.ticker)).toEqual(["ASTI", "TSLA"]);
    expect((await loadCursor(store, "C1")).lastSlot).toBe(nyTime("2020-11-24 18:00"));
    runner = new DigestRunner({ store, source: edgar, post: slack.post, now: clock.now });
    await runUntil(runner, clock, nyTime("2020-11-25 18:30"));
    expect(slack.posts.map((p) => p.accessions.sort())).toEqual([
      ["0000000009-20-000001"],
      ["0000000009-20-000002", "0000000009-20-000003"],
    ]);
    await store.close();
  });
});

describe("watchlists", () => {
  it("checks tickers on EDGAR, refuses unknown ones, and unwatching stops the digest for them", async () => {
    const clock = new Clock(nyTime("2020-11-24 09:00"));
    const store = await createStore("memory://", { now: clock.now });
    const edgar = edgarWithCompanies(clock);
    edgar.addCompany("GOOGL", "0001652044", "Alphabet Inc.");
    edgar.addCompany("GOOG", "0001652044", "Alphabet Inc.");
    const result = await watch(
      store,
      edgar,
      "C1",
      ["asti", "$TSLA", "NOPE", "GOOGL", "GOOG", "<!channel>"],
      clock.t,
    );
    expect(result.added.map((w) => w.ticker)).toEqual(["ASTI", "TSLA", "GOOGL"]);
    expect(result.unknown).toEqual(["NOPE", "<!channel>"]);
    expect(result.already).toEqual([{ typed: "GOOG", watchedAs: "GOOGL" }]);
    const { watchReply } = await import("../../src/digest/watchlists.js");
    const reply = watchReply(result);
    expect(reply).toContain("No company with ticker *NOPE*");
    expect(reply).toContain("&lt;!channel&gt;");
    expect(reply).not.toContain("<!channel>");
    expect(reply).toContain("*GOOG* is the same company as *GOOGL*");

    const slack = recorder(clock);
    const runner = new DigestRunner({ store, source: edgar, post: slack.post, now: clock.now });
    await unwatch(store, "C1", ["tsla", "googl"]);
    edgar.file({
      company: TSLA,
      accession: "0000000010-20-000001",
      filedDate: "2020-11-24",
      visibleAt: clock.t,
    });
    await runUntil(runner, clock, nyTime("2020-11-24 18:30"));
    expect(slack.posts).toHaveLength(1);
    expect(slack.posts[0]?.message.text).toMatch(
      /^No insider filings for ASTI since they were added/,
    );
    await store.close();
  });
});
