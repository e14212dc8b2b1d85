import { describe, expect, it } from "vitest";
import {
  type DigestDeps,
  digestAtCommand,
  digestMarketCommand,
  digestNowCommand,
  digestOffCommand,
  digestOnCommand,
  homeDigestBlocks,
  unwatchCommand,
  watchCommand,
  watchlistCommand,
} from "../../src/digest/commands.js";
import { DigestRunner } from "../../src/digest/runner.js";
import { takeLease } from "../../src/lease.js";
import { blockKitProblems } from "../../src/render/block-limits.js";
import { createStore } from "../../src/store.js";
import { nyTime, ScriptedEdgar } from "./scripted-edgar.js";

async function deps(): Promise<DigestDeps & { posted: string[] }> {
  const t = nyTime("2020-11-24 12:00");
  const now = () => t;
  // Leases expire by the real clock here, so a dead holder's lease runs out during the test.
  const store = await createStore("memory://");
  const source = new ScriptedEdgar(now);
  source.addCompany("ASTI", "0001350102", "Ascent Solar Technologies, Inc.");
  source.addCompany("BRK-B", "0001067983", "Berkshire Hathaway Inc.");
  const posted: string[] = [];
  const runner = new DigestRunner({
    store,
    source,
    now,
    leaseMs: 200,
    post: async (channel, message) => {
      posted.push(`${channel}: ${message.text}`);
    },
  });
  return { store, source, runner, now, posted };
}

describe("command replies", () => {
  it("watch, watchlist, unwatch", async () => {
    const d = await deps();
    expect(await watchlistCommand(d, "C1")).toContain("This channel's watchlist is empty");
    const watched = await watchCommand(d, "C1", ["asti", "brk.b"]);
    expect(watched).toContain("Watching *ASTI*, *BRK-B*");
    expect(watched).toContain(
      "Watchlist: *ASTI* (Ascent Solar Technologies, Inc.), *BRK-B* (Berkshire Hathaway Inc.).",
    );
    expect(await watchCommand(d, "C1", ["BRK.B"])).toContain(
      "*BRK.B* is already on the watchlist.",
    );
    expect(await watchCommand(d, "C1", [])).toContain("Name at least one ticker");
    const list = await watchlistCommand(d, "C1");
    expect(list).toContain("Digest: 18:00 America/New_York on market days (next Tue Nov 24 18:00)");
    expect(list).toContain("market section off");
    const unwatched = await unwatchCommand(d, "C1", ["brk-b", "TSLA"]);
    expect(unwatched).toContain("Stopped watching *BRK-B*.");
    expect(unwatched).toContain("*TSLA* is not on the watchlist.");
  });

  it("digest at / off / on / market, with mistakes said in words", async () => {
    const d = await deps();
    expect(await digestAtCommand(d, "C1", "7am", "Europe/London")).toBe(
      "Digest: 07:00 Europe/London on market days (next Wed Nov 25 07:00) \u00b7 market section off",
    );
    expect(await digestAtCommand(d, "C1", "25:00", null)).toMatch(
      /"25:00" is not a time I can read/,
    );
    expect(await digestAtCommand(d, "C1", "18:00", "Moon/Base")).toMatch(
      /"Moon\/Base" is not a time zone I know/,
    );
    expect(await digestOffCommand(d, "C1")).toMatch(/^Digest: off/);
    expect(await digestOnCommand(d, "C1")).toMatch(/^Digest: 07:00 Europe\/London/);
    expect(await digestMarketCommand(d, "C1", true)).toContain("market section on");
  });

  it("digest now posts into the channel and tells the person", async () => {
    const d = await deps();
    expect(await digestNowCommand(d, "C1")).toContain("watchlist is empty");
    await watchCommand(d, "C1", ["ASTI"]);
    expect(await digestNowCommand(d, "C1")).toBe("Here is the digest.");
    expect(d.posted).toEqual(["C1: No insider filings for ASTI since they were added."]);
    // A live run keeps renewing its lease: after waiting a lease period, the person is told so.
    // (1 s: a renewal timer late by a few hundred ms on a loaded machine still renews in time.)
    const live = await takeLease(d.store, "digest:C1", { ttlMs: 1000 });
    expect(await digestNowCommand(d, "C1")).toMatch(/being posted right now/);
    await live?.release();
  });

  it("digest now waits out the lease of an instance that died, then posts", async () => {
    const d = await deps();
    await watchCommand(d, "C1", ["ASTI"]);
    // A dead instance's lease: taken, never renewed.
    expect(await d.store.acquire("digest:C1", "dead-instance", 200)).toBe(true);
    const started = Date.now();
    expect(await digestNowCommand(d, "C1")).toBe("Here is the digest.");
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(d.posted).toHaveLength(1);
  });

  it("digest now during shutdown says it could not post, and posts nothing", async () => {
    const d = await deps();
    await watchCommand(d, "C1", ["ASTI"]);
    await d.runner.stop(0);
    expect(await digestNowCommand(d, "C1")).toMatch(/restarting and could not post/);
    expect(d.posted).toEqual([]);
  });

  it("home blocks stay within limits and mention channels safely", () => {
    const overview = (channel: string) => ({
      channel,
      watchlist: [{ ticker: "ASTI", cik: "1", name: "A", addedAt: 0 }],
      settings: {
        enabled: true,
        time: "18:00",
        timeZone: "America/New_York",
        market: false,
        scheduleFrom: 0,
      },
    });
    const blocks = homeDigestBlocks(
      [
        overview("C1"),
        overview("<!channel>"),
        ...Array.from({ length: 60 }, (_, i) => overview(`C${i + 10}`)),
      ],
      nyTime("2020-11-24 12:00"),
    );
    // The Home tab holds 100 blocks.
    expect(blockKitProblems(blocks, 100)).toEqual([]);
    const text = JSON.stringify(blocks);
    expect(text).toContain("<#C1>: *ASTI*");
    expect(text).not.toContain("<!channel>");
    expect(text).toContain("and 32 more channels");
    // Buttons: digest now (the channel), remove each ticker (channel|ticker); none for a bad id.
    expect(text).toContain(
      '"action_id":"home_digest_now","text":{"type":"plain_text","text":"Digest now"},"value":"C1"',
    );
    expect(text).toContain(
      '"action_id":"home_unwatch_0","text":{"type":"plain_text","text":"Remove ASTI"},"value":"C1|ASTI"',
    );
    expect(text).not.toContain('"value":"<!channel>');
    expect(homeDigestBlocks([], 0)).toHaveLength(2);
  });
});
