import type { types, webApi } from "@slack/bolt";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EdgarError } from "../../../../src/edgar/errors.js";
import { linkShared } from "../../../../src/slack/listeners/events/link-shared.js";
import { createStore, type Store } from "../../../../src/store.js";
import { fakeFiling, fakeSource, listenerDepsFor, recordingLogger } from "../../doubles.js";

const A =
  "https://www.sec.gov/Archives/edgar/data/1350102/000135010207000099/0001350102-07-000099-index.htm";
const B =
  "https://www.sec.gov/Archives/edgar/data/1350102/000135010207000098/0001350102-07-000098.txt";
const TENK =
  "https://www.sec.gov/Archives/edgar/data/320193/000032019324000123/0000320193-24-000123-index.htm";
const ELSEWHERE = "https://www.sec.gov/about.html";

function event(urls: string[], extra: Partial<types.LinkSharedEvent> = {}): types.LinkSharedEvent {
  return {
    type: "link_shared",
    channel: "C0CHANNEL",
    is_bot_user_member: true,
    user: "U0ANALYST",
    message_ts: "1700000000.000100",
    links: urls.map((url) => ({ domain: "sec.gov", url })),
    event_ts: "1700000000.000200",
    ...extra,
  };
}

function fakeClient() {
  const unfurls: webApi.ChatUnfurlArguments[] = [];
  return {
    unfurls,
    client: {
      chat: {
        async unfurl(args: webApi.ChatUnfurlArguments) {
          unfurls.push(args);
          return { ok: true };
        },
      },
    },
  };
}

describe("link_shared listener", () => {
  let store: Store;
  beforeEach(async () => {
    store = await createStore("memory://");
  });
  afterEach(async () => {
    await store.close();
  });

  const { source, asks } = fakeSource({
    links: {
      [A]: [fakeFiling("Misra Ashutosh", "0001350102-07-000099")],
      [B]: [fakeFiling("Doe Jane", "0001350102-07-000098")],
      [TENK]: new EdgarError("notForm4", "that filing is a 10-K, not a Form 4"),
      [ELSEWHERE]: new EdgarError("badLink", "not a filing link"),
    },
  });
  const deps = () => listenerDepsFor({ source, store, logger: recordingLogger() });

  it("unfurls several links of a posted message in one chat.unfurl, by channel and ts", async () => {
    const { client, unfurls } = fakeClient();
    await linkShared(deps())({ event: event([A, B]), body: { event_id: "Ev1" }, client });
    expect(unfurls).toHaveLength(1);
    const call = unfurls[0] as {
      channel: string;
      ts: string;
      unfurls: Record<string, { blocks: unknown[] }>;
    };
    expect(call.channel).toBe("C0CHANNEL");
    expect(call.ts).toBe("1700000000.000100");
    expect(Object.keys(call.unfurls).sort()).toEqual([A, B].sort());
    expect(JSON.stringify(call.unfurls[A])).toContain("Ashutosh Misra");
    expect(JSON.stringify(call.unfurls[B])).toContain("Jane Doe");
  });

  it("unfurls a link still in the composer by unfurl_id and source", async () => {
    const { client, unfurls } = fakeClient();
    const e = event([A], {
      channel: "COMPOSER",
      message_ts: "U0ANALYST-123",
      unfurl_id: "Uxx-1",
      source: "composer",
    });
    await linkShared(deps())({ event: e, body: { event_id: "Ev2" }, client });
    expect(unfurls[0]).toMatchObject({ unfurl_id: "Uxx-1", source: "composer" });
    expect(unfurls[0]).not.toHaveProperty("channel");
  });

  it("gives sec.gov links that are not Form 4 filings no unfurl, and the rest theirs", async () => {
    const { client, unfurls } = fakeClient();
    await linkShared(deps())({
      event: event([TENK, ELSEWHERE]),
      body: { event_id: "Ev3" },
      client,
    });
    expect(unfurls).toEqual([]);
    await linkShared(deps())({ event: event([TENK, A]), body: { event_id: "Ev4" }, client });
    expect(Object.keys((unfurls[0] as { unfurls: object }).unfurls)).toEqual([A]);
  });

  it("handles a retried delivery of the same event once: one unfurl, one EDGAR ask", async () => {
    const { client, unfurls } = fakeClient();
    const before = asks.length;
    const handler = linkShared(deps());
    await Promise.all([
      handler({ event: event([A]), body: { event_id: "Ev5" }, client }),
      handler({ event: event([A]), body: { event_id: "Ev5" }, client }),
    ]);
    await handler({ event: event([A]), body: { event_id: "Ev5" }, client });
    expect(unfurls).toHaveLength(1);
    expect(asks.length - before).toBe(1);
  });
});
