// The watchlist and digest subcommands through the /form4 listener, with a table-driven source
// and a digest runner that records its posts (end-to-end: test/slack/app.digest.test.ts).
import type { RespondArguments } from "@slack/bolt";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DigestRunner } from "../../../../src/digest/runner.js";
import { form4Command } from "../../../../src/slack/listeners/commands/form4.js";
import { createStore, type Store } from "../../../../src/store.js";
import { fakeFiling, fakeSource, listenerDepsFor, recordingLogger } from "../../doubles.js";

type Posted = RespondArguments & { blocks?: unknown[] };
type Section = { type: string; text?: { text: string } };
type Event = { what: "ack"; body: unknown } | { what: "respond"; body: Posted };

function invoke(text: string, channel = "C0CHANNEL") {
  const events: Event[] = [];
  const args = {
    command: { text, channel_id: channel, team_id: "T0TEAM" },
    ack: async (body?: unknown) => {
      events.push({ what: "ack", body });
    },
    respond: async (body: string | RespondArguments) => {
      events.push({ what: "respond", body: typeof body === "string" ? { text: body } : body });
      return new Response("ok");
    },
  };
  return { args, events };
}

/** The one answer the person got (asserting it came after an empty ack, ephemeral). */
function answerOf(events: Event[]): Posted {
  expect(events.map((e) => e.what)).toEqual(["ack", "respond"]);
  expect(events[0]?.body).toBeUndefined();
  const answer = events[1]?.body as Posted;
  expect(answer.response_type).toBe("ephemeral");
  // The blocks carry the same words as the text.
  expect((answer.blocks as Section[]).map((b) => b.text?.text).join("\n")).toBe(answer.text);
  return answer;
}

describe("/form4 watchlist and digest subcommands", () => {
  let store: Store;
  beforeEach(async () => {
    store = await createStore("memory://");
  });
  afterEach(async () => {
    await store.close();
  });

  const { source } = fakeSource({ tickers: { ASTI: [fakeFiling("Misra Ashutosh")] } });

  async function run(text: string, deps = listenerDepsFor({ source, store }), channel?: string) {
    const { args, events } = invoke(text, channel);
    await form4Command(deps)(args);
    return answerOf(events).text ?? "";
  }

  it("watch acks before EDGAR answers, then tells only the person", async () => {
    let release = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const slow = fakeSource({ tickers: { ASTI: [] } }).source;
    const company = slow.company.bind(slow);
    slow.company = async (ticker) => {
      await gate;
      return company(ticker);
    };
    const { args, events } = invoke("watch ASTI");
    const done = form4Command(listenerDepsFor({ source: slow, store }))(args);
    await new Promise((r) => setImmediate(r));
    expect(events).toEqual([{ what: "ack", body: undefined }]);
    release();
    await done;
    expect(answerOf(events).text).toContain("Watching *ASTI*");
  });

  it("keeps a watchlist per channel: watch, unknown ticker, watchlist, unwatch", async () => {
    const added = await run("watch asti ZZZZQ");
    expect(added).toContain("Watching *ASTI*");
    expect(added).toContain("No company with ticker *ZZZZQ* on EDGAR");
    expect(await run("watchlist")).toContain(
      "Watchlist: *ASTI* (Ascent Solar Technologies, Inc.).",
    );
    expect(await run("watchlist", undefined, "C0ELSEWHERE")).toContain("watchlist is empty");
    const removed = await run("unwatch ASTI");
    expect(removed).toContain("Stopped watching *ASTI*.");
    expect(await run("watchlist")).toContain("watchlist is empty");
  });

  it("digest at / off / on / market change the channel's settings, mistakes said in words", async () => {
    expect(await run("digest at 08:30 Europe/London")).toMatch(
      /^Digest: 08:30 Europe\/London on market days \(next .+\) · market section off$/,
    );
    expect(await run("digest at 25:00")).toMatch(/"25:00" is not a time I can read/);
    expect(await run("digest at 18:00 Moon/Base")).toMatch(/"Moon\/Base" is not a time zone/);
    expect(await run("digest off")).toMatch(/^Digest: off/);
    expect(await run("digest on")).toMatch(/^Digest: 08:30 Europe\/London/);
    expect(await run("digest market on")).toMatch(/market section on$/);
    expect(await run("digest")).toMatch(/08:30 Europe\/London .* market section on/);
  });

  it("digest now posts the digest into the channel the command came from, in its team", async () => {
    const deps = listenerDepsFor({ source, store });
    expect(await run("digest now", deps)).toContain("watchlist is empty");
    await run("watch ASTI", deps, "C0DESK");
    expect(await run("digest now", deps, "C0DESK")).toBe("Here is the digest.");
    expect(deps.posted.map((p) => [p.channel, p.message.text])).toEqual([
      ["T0TEAM:C0DESK", "No insider filings for ASTI since they were added."],
    ]);
  });

  it("digest now tells the person to invite the bot when Slack refuses the channel", async () => {
    const deps = listenerDepsFor({ source, store });
    await run("watch ASTI", deps, "G0PRIVATE");
    deps.runner = new DigestRunner({
      store,
      source,
      post: async () => {
        // As the WebClient throws a platform error: the code in `data.error`.
        throw Object.assign(new Error("An API error occurred: not_in_channel"), {
          code: "slack_webapi_platform_error",
          data: { ok: false, error: "not_in_channel" },
        });
      },
    });
    expect(await run("digest now", deps, "G0PRIVATE")).toBe(
      ":warning: I can't post in this channel (I am not in it): invite me with `/invite @form4`. The digest is kept and posted as soon as I can post here; scheduled digests need that too.",
    );
  });

  it("a failure of ours is logged and told without details", async () => {
    const logger = recordingLogger();
    const broken: Store = {
      ...store,
      kv() {
        throw new Error("SQLITE_BUSY: database is locked");
      },
    };
    const answer = await run("watchlist", listenerDepsFor({ source, store: broken, logger }));
    expect(answer).toMatch(/went wrong on my side/);
    expect(answer).not.toContain("SQLITE");
    expect(
      logger.lines.some((l) => l.level === "error" && l.text.includes("database is locked")),
    ).toBe(true);
  });
});
