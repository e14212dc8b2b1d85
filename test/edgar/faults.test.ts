// What real EDGAR does when things go wrong, against the stand-in: 200s that are not what the URL
// serves, the throttle page and its block, a hung EDGAR, Retry-After, hostile folder listings.
import Keyv from "keyv";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { EdgarClient, type EdgarClientOptions, FOREVER } from "../../src/edgar/client.js";
import { EdgarError } from "../../src/edgar/errors.js";
import type { Form4SourceOptions } from "../../src/edgar/filings.js";
import { createRequestLimiter } from "../../src/edgar/limiter.js";
import { createEdgarStack } from "../../src/edgar/stack.js";
import { memoryGate } from "../../src/edgar/throttle.js";
import { failureReply } from "../../src/slack/replies.js";
import { ASTI, type EdgarStandIn, startEdgarStandIn } from "../stand-ins/edgar.js";

let edgar: EdgarStandIn;

beforeAll(async () => {
  edgar = await startEdgarStandIn();
});
afterAll(() => edgar.close());
afterEach(() => edgar.clearFaults());

const TICKERS = "/files/company_tickers.json";
const LISTING = `/submissions/CIK${ASTI.cik}.json`;
const DOC = `${ASTI.folder}doc4.xml`;

/** Everything a test's client needs, each test its own cache, gate and generous limiter. */
function parts(options: Partial<EdgarClientOptions> & { source?: Form4SourceOptions } = {}) {
  return {
    config: edgar.config,
    cache: new Keyv(),
    backoffMs: 10,
    retries: 2,
    timeoutMs: 2000,
    limiter: createRequestLimiter({ limit: 1000, intervalMs: 1000 }),
    gate: memoryGate(),
    ...options,
  };
}

function requestsTo(path: string): number {
  return edgar.requests.filter((r) => r.path === path).length;
}

async function failure(promise: Promise<unknown>): Promise<EdgarError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof EdgarError) return error;
    throw error;
  }
  throw new Error("expected an EdgarError");
}

describe("a 200 that is not what the URL serves is an EDGAR failure, never cached", () => {
  it("a ticker map answered once with an HTML page: retried, and lookups work", async () => {
    const { source } = createEdgarStack(parts());
    edgar.fault(TICKERS, { kind: "html200", times: 1 });
    const before = requestsTo(TICKERS);
    expect((await source.company("ASTI")).cik).toBe(ASTI.cik);
    expect(requestsTo(TICKERS) - before).toBe(2);
  });

  it("a ticker map that is always not JSON: a clear error, and nothing is cached (a restart reads it anew)", async () => {
    const cache = new Keyv();
    edgar.fault(TICKERS, { kind: "body", body: "{ not json", contentType: "application/json" });
    const error = await failure(createEdgarStack(parts({ cache })).source.company("ASTI"));
    expect(error.kind).toBe("unavailable");
    expect(error.message).toContain("the ticker map is not JSON");
    edgar.clearFaults();
    // A new process on the same cache: nothing bad was kept, so EDGAR is asked and answers.
    expect((await createEdgarStack(parts({ cache })).source.company("ASTI")).cik).toBe(ASTI.cik);
  });

  it("a listing answered with a bad body never replaces the good copy: the good copy is served, marked stale", async () => {
    let now = 1_000_000;
    const cache = new Keyv();
    const first = createEdgarStack(parts({ cache, now: () => now })).source;
    await first.latestForTicker("ASTI", 1);
    now += 10 * 60_000;
    edgar.fault(LISTING, { kind: "html200" });
    // A restart (new process, same cache): the listing is old, EDGAR answers HTML.
    const second = createEdgarStack(parts({ cache, now: () => now })).source;
    const result = await second.latestForTicker("ASTI", 1);
    expect(result.filings.map((f) => [f.ref.accessionNumber, f.stale])).toEqual([
      [ASTI.accessionNumber, true],
    ]);
    // And again, still from the good copy (the HTML page was never written over it).
    const again = await createEdgarStack(parts({ cache, now: () => now })).source.latestForTicker(
      "ASTI",
      1,
    );
    expect(again.filings[0]?.stale).toBe(true);
  });

  it("a filing document answered with an HTML page is retried, and when it keeps failing it is not cached", async () => {
    const cache = new Keyv();
    edgar.fault(DOC, { kind: "html200" });
    const error = await failure(
      createEdgarStack(parts({ cache })).source.resolve(`${edgar.url}${DOC}`),
    );
    expect(error.kind).toBe("unavailable");
    expect(error.message).toContain("an HTML page came back instead of the document");
    edgar.clearFaults();
    // Not unreadable forever: the next ask (another process, same cache) reads the real document.
    const [filing] = await createEdgarStack(parts({ cache })).source.resolve(`${edgar.url}${DOC}`);
    expect(filing?.ref.accessionNumber).toBe(ASTI.accessionNumber);
    expect(filing?.stale).toBe(false);
  });

  it("a document cut short (whole Content-Length, ends mid-element) is retried", async () => {
    const c = new EdgarClient(parts());
    const real = await (
      await fetch(`${edgar.url}${DOC}`, { headers: { "User-Agent": edgar.config.userAgent } })
    ).text();
    edgar.fault(DOC, {
      kind: "body",
      body: real.slice(0, 1200),
      contentType: "text/xml",
      times: 1,
    });
    const { form4DocumentCheck } = await import("../../src/edgar/checks.js");
    const res = await c.get(c.wwwUrl(DOC), FOREVER, { check: form4DocumentCheck });
    expect(res.body).toBe(real);
  });

  it("a document of another form is said to be so and kept out of the forever-cache", async () => {
    const path = "/Archives/edgar/data/999/000000099907000013/doc3.xml";
    edgar.addFile(
      path,
      '<?xml version="1.0"?>\n<ownershipDocument><schemaVersion>X0202</schemaVersion><documentType>3</documentType></ownershipDocument>\n',
    );
    const { source } = createEdgarStack(parts());
    const link = `${edgar.url}/Archives/edgar/data/999/000000099907000013/doc3.xml`;
    const before = requestsTo(path);
    expect((await failure(source.resolve(link))).kind).toBe("notForm4");
    expect((await failure(source.resolve(link))).kind).toBe("notForm4");
    expect(requestsTo(path) - before).toBe(2);
  });
});

describe("EDGAR's throttle page stops every request for 10 minutes", () => {
  it("the first throttle page closes the gate: nothing more is sent, and people are told when to come back", async () => {
    const gate = memoryGate();
    const c = new EdgarClient(parts({ gate }));
    edgar.fault(TICKERS, { kind: "throttle", times: 1 });
    const before = edgar.requests.length;
    const error = await failure(c.get(c.wwwUrl(TICKERS), FOREVER));
    expect(error.kind).toBe("throttled");
    expect(error.message).toContain("Request Rate Threshold Exceeded");
    expect(error.message).toContain("10 minutes");
    expect(edgar.requests.length - before).toBe(1); // not retried into the block
    // Another client sharing the gate (another instance) sends nothing either.
    const other = new EdgarClient(parts({ gate }));
    expect((await failure(other.get(other.wwwUrl(DOC), FOREVER))).kind).toBe("throttled");
    expect(edgar.requests.length - before).toBe(1);
    const reply = failureReply(error, "ASTI");
    expect(reply.text).toContain("EDGAR has paused this app");
    expect(reply.text).toContain("10 minutes");
    expect(reply.unexpected).toBe(false);
  });

  it("while throttled a cached copy is served, marked stale", async () => {
    let now = 1_000_000;
    const gate = memoryGate(() => now);
    const cache = new Keyv();
    const s = createEdgarStack(parts({ gate, cache, now: () => now })).source;
    await s.latestForTicker("ASTI", 1);
    now += 10 * 60_000;
    edgar.fault(LISTING, { kind: "throttle", times: 1 });
    const result = await s.latestForTicker("ASTI", 1);
    expect(result.filings[0]?.stale).toBe(true);
    expect(await gate.closedUntil()).toBe(now + 10 * 60_000);
  });

  it("the gate opens again after the block", async () => {
    let now = 5_000_000;
    const gate = memoryGate(() => now);
    const c = new EdgarClient(parts({ gate, now: () => now }));
    await gate.closeUntil(now + 10 * 60_000);
    expect((await failure(c.get(c.wwwUrl(TICKERS), FOREVER))).kind).toBe("throttled");
    now += 10 * 60_000;
    expect((await c.get(c.wwwUrl(TICKERS), FOREVER)).stale).toBe(false);
  });

  it("the 403 for a missing User-Agent is not the throttle", async () => {
    const gate = memoryGate();
    const c = new EdgarClient(parts({ gate, config: { ...edgar.config, userAgent: "curl" } }));
    const error = await failure(c.get(c.wwwUrl(TICKERS), FOREVER));
    expect(error.kind).toBe("unavailable");
    expect(error.message).toContain("SEC_USER_AGENT");
    expect(await gate.closedUntil()).toBe(0);
  });
});

describe("deadlines: a person gets an answer in time whatever EDGAR does", () => {
  it("a hung EDGAR with a cached copy: the copy, marked stale, within the deadline", async () => {
    let now = Date.now();
    const cache = new Keyv();
    const options = parts({
      cache,
      now: () => now,
      timeoutMs: 60_000,
      source: { deadlineMs: 1500 },
    });
    await createEdgarStack(options).source.latestForTicker("ASTI", 1);
    now += 10 * 60_000;
    edgar.fault(LISTING, { kind: "hang" });
    const started = performance.now();
    const result = await createEdgarStack(options).source.latestForTicker("ASTI", 1);
    const took = performance.now() - started;
    expect(result.filings[0]?.stale).toBe(true);
    expect(took).toBeGreaterThan(1400);
    expect(took).toBeLessThan(3000);
  });

  it("a hung EDGAR and nothing cached: a clear error within the deadline", async () => {
    edgar.fault(TICKERS, { kind: "hang" });
    const { source } = createEdgarStack(parts({ timeoutMs: 60_000, source: { deadlineMs: 1000 } }));
    const started = performance.now();
    const error = await failure(source.company("ASTI"));
    expect(performance.now() - started).toBeLessThan(2500);
    expect(error.kind).toBe("unavailable");
    expect(failureReply(error, "ASTI").text).toContain("EDGAR is not answering right now");
  });

  it("the stack's lookups answer within about 8 s (the default), however long EDGAR hangs", async () => {
    let now = Date.now();
    const cache = new Keyv();
    const options = parts({ cache, now: () => now, timeoutMs: 60_000 });
    await createEdgarStack(options).source.latestForTicker("ASTI", 1);
    now += 10 * 60_000;
    edgar.fault(LISTING, { kind: "hang" });
    const started = performance.now();
    const result = await createEdgarStack(options).source.latestForTicker("ASTI", 1);
    const took = performance.now() - started;
    expect(result.filings[0]?.stale).toBe(true);
    expect(took).toBeGreaterThan(7500);
    expect(took).toBeLessThan(9500);
  }, 20_000);

  it("background work honours Retry-After in full (120 s is not cut)", async () => {
    const waits: number[] = [];
    const c = new EdgarClient(parts({ sleep: async (ms) => waits.push(ms) }));
    edgar.fault(TICKERS, { kind: "status", status: 429, retryAfter: "120", times: 1 });
    expect((await c.get(c.wwwUrl(TICKERS), FOREVER)).stale).toBe(false);
    expect(waits).toEqual([120_000]);
  });
});

describe("folder listings cannot make the client fetch other paths", () => {
  it("names with ..\\, ? or # are never fetched; the real document is", async () => {
    const folder = "/Archives/edgar/data/999/000000099907000021/";
    const real = await (
      await fetch(`${edgar.url}${DOC}`, { headers: { "User-Agent": edgar.config.userAgent } })
    ).text();
    const hostile = ["..\\..\\evil.xml", "doc4.xml?x=../../files/company_tickers.json", "a#b.xml"];
    edgar.addFile(
      `${folder}index.json`,
      JSON.stringify({
        directory: {
          item: [...hostile, "form4.xml"].map((name) => ({ name, type: "text.gif", size: "1" })),
          name: folder,
        },
      }),
      "application/json",
    );
    edgar.addFile(`${folder}form4.xml`, real.replace(/<issuerCik>\d+</, "<issuerCik>0000000999<"));
    const before = edgar.requests.length;
    const { source } = createEdgarStack(parts());
    const [filing] = await source.resolve(`${edgar.url}${folder}`);
    expect(filing?.ref.accessionNumber).toBe("0000000999-07-000021");
    const paths = edgar.requests.slice(before).map((r) => r.path);
    expect(paths).toEqual([`${folder}index.json`, `${folder}form4.xml`]);
  });

  it("a listing whose primary document is not a plain name goes by the folder instead", async () => {
    const c = new EdgarClient(parts());
    const { createForm4Source } = await import("../../src/edgar/filings.js");
    const before = edgar.requests.length;
    const filing = await createForm4Source(c).fetch({
      accessionNumber: ASTI.accessionNumber,
      cik: ASTI.cik,
      form: "4",
      filedDate: "2007-11-14",
      primaryDocument: "xslF345X02/..\\..\\..\\files\\company_tickers.json",
    });
    expect(filing.ref.accessionNumber).toBe(ASTI.accessionNumber);
    const paths = edgar.requests.slice(before).map((r) => r.path);
    expect(paths.some((p) => p.includes("company_tickers") || p.includes(".."))).toBe(false);
  });
});
