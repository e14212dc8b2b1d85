import type { RespondArguments } from "@slack/bolt";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EdgarError } from "../../../../src/edgar/errors.js";
import type { ListenerDeps } from "../../../../src/slack/deps.js";
import { form4Command } from "../../../../src/slack/listeners/commands/form4.js";
import { createStore, type Store } from "../../../../src/store.js";
import { fakeFiling, fakeSource, listenerDepsFor, recordingLogger } from "../../doubles.js";

/** What a respond() carried, as the listener sends it (text and blocks). */
type Posted = RespondArguments & { blocks?: unknown[] };
type Event = { what: "ack"; body: unknown } | { what: "respond"; body: Posted };

function harness(text: string) {
  const events: Event[] = [];
  let onRespond: (body: Posted) => void = () => {};
  const args = {
    command: { text, channel_id: "C0CHANNEL", team_id: "T0TEAM" },
    ack: async (body?: unknown) => {
      events.push({ what: "ack", body });
    },
    respond: async (body: string | RespondArguments) => {
      const b: Posted = typeof body === "string" ? { text: body } : body;
      events.push({ what: "respond", body: b });
      onRespond(b);
      return new Response("ok");
    },
  };
  return {
    args,
    events,
    responds: () => events.flatMap((e) => (e.what === "respond" ? [e.body] : [])),
    onRespond(f: (body: Posted) => void) {
      onRespond = f;
    },
  };
}

const three = [
  fakeFiling("Misra Ashutosh", "0001350102-07-000099"),
  fakeFiling("Doe Jane", "0001350102-07-000098"),
  fakeFiling("Roe Richard", "0001350102-07-000097"),
];

describe("/form4 listener", () => {
  let store: Store;
  beforeEach(async () => {
    store = await createStore("memory://");
  });
  afterEach(async () => {
    await store.close();
  });

  function deps(source: ListenerDeps["source"], slowNoticeMs = 60_000) {
    const logger = recordingLogger();
    return { deps: listenerDepsFor({ source, store, logger, slowNoticeMs }), logger };
  }

  it("answers help in the ack itself, ephemeral, without asking EDGAR", async () => {
    const { source, asks } = fakeSource({});
    const h = harness("help");
    await form4Command(deps(source).deps)(h.args);
    expect(h.events).toHaveLength(1);
    expect(h.events[0]).toMatchObject({ what: "ack", body: { response_type: "ephemeral" } });
    expect(JSON.stringify(h.events[0])).toContain("/form4 ASTI");
    expect(asks).toEqual([]);
  });

  it("acks before EDGAR answers, then posts every filing in the channel", async () => {
    let release = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const { source, asks } = fakeSource({ tickers: { ASTI: three }, gate });
    const h = harness("asti");
    const done = form4Command(deps(source).deps)(h.args);
    // EDGAR has not answered (the gate is shut), yet the ack is out.
    await new Promise((r) => setImmediate(r));
    expect(h.events).toEqual([{ what: "ack", body: undefined }]);
    release();
    await done;
    expect(asks).toEqual(["ticker:ASTI:5"]);
    const posts = h.responds();
    expect(posts).toHaveLength(1);
    expect(posts[0]?.response_type).toBe("in_channel");
    const json = JSON.stringify(posts[0]?.blocks);
    for (const name of ["Ashutosh Misra", "Jane Doe", "Richard Roe"]) expect(json).toContain(name);
    expect(posts[0]?.blocks?.length).toBeLessThanOrEqual(50);
    expect(posts[0]?.text).toContain("Ashutosh Misra");
  });

  it("tells a slow EDGAR's person 'looking up' first, then answers", async () => {
    let release = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const { source } = fakeSource({ tickers: { ASTI: three.slice(0, 1) }, gate });
    const h = harness("ASTI");
    // EDGAR answers only once the note has gone out: the order is forced, not timed.
    h.onRespond((b) => {
      if (b.response_type === "ephemeral") release();
    });
    await form4Command(deps(source, 5).deps)(h.args);
    const posts = h.responds();
    expect(posts.map((p) => p.response_type)).toEqual(["ephemeral", "in_channel"]);
    expect(posts[0]?.text).toMatch(/Looking up ASTI/);
  });

  it("sends no 'looking up' note when EDGAR answers in time", async () => {
    const { source } = fakeSource({ tickers: { ASTI: three.slice(0, 1) } });
    const h = harness("ASTI 1");
    await form4Command(deps(source).deps)(h.args);
    expect(h.responds().map((p) => p.response_type)).toEqual(["in_channel"]);
  });

  it("asks for at most 10 and says so when more were asked for", async () => {
    const { source, asks } = fakeSource({ tickers: { ASTI: three } });
    const h = harness("ASTI 40");
    await form4Command(deps(source).deps)(h.args);
    expect(asks).toEqual(["ticker:ASTI:10"]);
    const post = h.responds()[0];
    expect(post?.text).toMatch(/latest 10/);
    // Only 3 exist: the person is told rather than left counting.
    expect(post?.text).toMatch(/Found 3 Form 4 filings/);
  });

  it.each([
    [
      new EdgarError("unknownTicker", "no company with ticker ZZZZ"),
      "ZZZZ",
      /can't find a company with the ticker \*ZZZZ\*/,
    ],
    [new EdgarError("noFilings", "none"), "ZZZZ", /no Form 4 filings with \*ZZZZ\*/],
    [
      new EdgarError("unavailable", "EDGAR did not answer after 4 tries (HTTP 503)"),
      "ZZZZ",
      /EDGAR is not answering/,
    ],
  ])("tells a failure in words, only to the person (%s)", async (error, ticker, words) => {
    const source = fakeSource({}).source;
    source.latestForTicker = async () => {
      throw error;
    };
    const h = harness(ticker);
    await form4Command(deps(source).deps)(h.args);
    const posts = h.responds();
    expect(posts).toHaveLength(1);
    expect(posts[0]?.response_type).toBe("ephemeral");
    expect(posts[0]?.text).toMatch(words);
  });

  it("says a linked filing is not a Form 4", async () => {
    const link =
      "https://www.sec.gov/Archives/edgar/data/1/000000000124000001/0000000001-24-000001-index.htm";
    const { source } = fakeSource({
      links: { [link]: new EdgarError("notForm4", "that filing is a 10-K, not a Form 4") },
    });
    const h = harness(link);
    await form4Command(deps(source).deps)(h.args);
    expect(h.responds()[0]?.text).toMatch(/not a Form 4: that filing is a 10-K/);
  });

  it("never shows a stack trace for our own failures, and logs them", async () => {
    const source = fakeSource({}).source;
    source.latestForTicker = async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'rows')");
    };
    const { deps: d, logger } = deps(source);
    const h = harness("ASTI");
    await form4Command(d)(h.args);
    const text = JSON.stringify(h.responds());
    expect(text).toMatch(/went wrong on my side/);
    expect(text).not.toMatch(/TypeError|reading 'rows'|at .*\.ts/);
    expect(logger.lines.some((l) => l.level === "error" && l.text.includes("reading 'rows'"))).toBe(
      true,
    );
  });

  it("posts the summary of one linked filing", async () => {
    const link = "0001350102-07-000099";
    const { source, asks } = fakeSource({ links: { [link]: three.slice(0, 1) } });
    const h = harness(link);
    await form4Command(deps(source).deps)(h.args);
    expect(asks).toEqual([`resolve:${link}`]);
    expect(JSON.stringify(h.responds()[0]?.blocks)).toContain("Ashutosh Misra");
  });

  it("marks an answer EDGAR could not refresh as a cached copy", async () => {
    const { source } = fakeSource({
      tickers: { ASTI: [fakeFiling("Misra Ashutosh", "0001350102-07-000099", true)] },
    });
    const h = harness("ASTI 1");
    await form4Command(deps(source).deps)(h.args);
    expect(JSON.stringify(h.responds()[0])).toMatch(/cached copy/);
  });

  it("echoes what it could not read without letting it ping anyone", async () => {
    const { source } = fakeSource({});
    const h = harness("<!channel> <https://evil.example|click>");
    await form4Command(deps(source).deps)(h.args);
    const ack = JSON.stringify(h.events[0]);
    expect(ack).not.toContain("<!channel>");
    expect(ack).toContain("&lt;!channel&gt;");
  });
});
