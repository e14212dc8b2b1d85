import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Keyv from "keyv";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  EdgarClient,
  type EdgarClientOptions,
  FILING_LIST_FRESH_MS,
  FOREVER,
} from "../../src/edgar/client.js";
import { EdgarError } from "../../src/edgar/errors.js";
import { createRequestLimiter } from "../../src/edgar/limiter.js";
import { ASTI, type EdgarStandIn, startEdgarStandIn } from "../stand-ins/edgar.js";

let edgar: EdgarStandIn;
// Another host that must never be reached, counting what reaches it.
let elsewhere: Server;
let elsewhereUrl: string;
let elsewhereHits = 0;

beforeAll(async () => {
  edgar = await startEdgarStandIn();
  elsewhere = createServer((_req, res) => {
    elsewhereHits++;
    res.end("not EDGAR");
  });
  await new Promise<void>((resolve) => elsewhere.listen(0, "127.0.0.1", resolve));
  elsewhereUrl = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await edgar.close();
  await new Promise<void>((resolve) => elsewhere.close(() => resolve()));
});

afterEach(() => edgar.clearFaults());

/** A client on the stand-in; fast backoff, and its own generous limiter (the rate test has its own file). */
function client(options: Partial<EdgarClientOptions> = {}): EdgarClient {
  return new EdgarClient({
    config: edgar.config,
    cache: new Keyv(),
    backoffMs: 20,
    timeoutMs: 2000,
    limiter: createRequestLimiter({ limit: 1000, intervalMs: 1000 }),
    ...options,
  });
}

const DOC = `${ASTI.folder}doc4.xml`;
const TICKERS = "/files/company_tickers.json";

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

describe("EdgarClient: requests", () => {
  it("sends the configured User-Agent and reads a gzipped body", async () => {
    const c = client();
    const before = edgar.requests.length;
    const res = await c.get(c.wwwUrl(TICKERS), FOREVER);
    const sent = edgar.requests.slice(before);
    expect(sent.map((r) => r.userAgent)).toEqual([edgar.config.userAgent]);
    const map = JSON.parse(res.body) as Record<string, { ticker: string }>;
    expect(Object.values(map).some((e) => e.ticker === "ASTI")).toBe(true);
    expect(res).toMatchObject({ stale: false, fromCache: false });
  });

  it("a User-Agent EDGAR refuses (403) is a clear error naming SEC_USER_AGENT, not retried", async () => {
    const c = client({ config: { ...edgar.config, userAgent: "curl" } });
    const before = requestsTo(DOC);
    const error = await failure(c.get(c.wwwUrl(DOC), FOREVER));
    expect(error.kind).toBe("unavailable");
    expect(error.message).toContain("SEC_USER_AGENT");
    expect(requestsTo(DOC) - before).toBe(1);
  });

  it("404 is notFound, not retried", async () => {
    const c = client();
    const path = "/Archives/edgar/data/1350102/000135010207000001/doc4.xml";
    const error = await failure(c.get(c.wwwUrl(path), FOREVER));
    expect(error.kind).toBe("notFound");
    expect(requestsTo(path)).toBe(1);
  });

  it("never fetches a URL outside the configured hosts", async () => {
    const c = client();
    const error = await failure(c.get(`${elsewhereUrl}/Archives/x.xml`, FOREVER));
    expect(error.kind).toBe("forbiddenHost");
    expect(elsewhereHits).toBe(0);
  });

  it("builds www and data URLs from the configuration", () => {
    const c = new EdgarClient({
      config: {
        userAgent: "a a@b.c",
        wwwUrl: "https://www.sec.gov",
        dataUrl: "https://data.sec.gov",
      },
      cache: new Keyv(),
    });
    expect(c.wwwUrl(TICKERS)).toBe("https://www.sec.gov/files/company_tickers.json");
    expect(c.dataUrl("/submissions/CIK0001350102.json")).toBe(
      "https://data.sec.gov/submissions/CIK0001350102.json",
    );
    expect(c.isAllowed("https://www.sec.gov/x")).toBe(true);
    expect(c.isAllowed("https://www.sec.gov.evil.example/x")).toBe(false);
    expect(c.isAllowed("http://www.sec.gov/x")).toBe(false);
  });
});

describe("EdgarClient: faults", () => {
  it("429 with Retry-After, then success: waits as told and answers", async () => {
    const c = client({ backoffMs: 1 });
    const path = `${DOC}?retry-after`;
    edgar.fault(path, { kind: "status", status: 429, retryAfter: "1", times: 1 });
    const res = await c.get(c.wwwUrl(path), FOREVER);
    expect(res.body).toContain("<ownershipDocument>");
    const tries = edgar.requests.filter((r) => r.path === path);
    expect(tries).toHaveLength(2);
    // Retry-After: 1 (second) was honoured although the backoff alone is 1 ms.
    expect((tries[1]?.at ?? 0) - (tries[0]?.at ?? 0)).toBeGreaterThanOrEqual(900);
  });

  it("Retry-After as an HTTP date is honoured, by the injected clock", async () => {
    const now = Date.UTC(2024, 0, 2, 15, 0, 0);
    const c = client({ backoffMs: 1, now: () => now });
    const path = `${DOC}?retry-after-date`;
    edgar.fault(path, {
      kind: "status",
      status: 503,
      retryAfter: new Date(now + 1000).toUTCString(),
      times: 1,
    });
    await c.get(c.wwwUrl(path), FOREVER);
    const tries = edgar.requests.filter((r) => r.path === path);
    expect(tries).toHaveLength(2);
    expect((tries[1]?.at ?? 0) - (tries[0]?.at ?? 0)).toBeGreaterThanOrEqual(900);
  });

  it("a Retry-After longer than maxWaitMs is capped (an hour would time this test out)", async () => {
    const c = client({ maxWaitMs: 50 });
    const path = `${DOC}?retry-after-hour`;
    edgar.fault(path, { kind: "status", status: 429, retryAfter: "3600", times: 1 });
    expect((await c.get(c.wwwUrl(path), FOREVER)).body).toContain("<ownershipDocument>");
  });

  it("500s until the retry budget ends: a clear error after retries + 1 tries", async () => {
    const c = client({ retries: 2 });
    const path = `${DOC}?always-500`;
    edgar.fault(path, { kind: "status", status: 500 });
    const error = await failure(c.get(c.wwwUrl(path), FOREVER));
    expect(error.kind).toBe("unavailable");
    expect(error.message).toMatch(/^EDGAR did not answer after 3 tries \(HTTP 500\)/);
    expect(requestsTo(path)).toBe(3);
  });

  it("503 twice then success", async () => {
    const c = client();
    const path = `${DOC}?two-503`;
    edgar.fault(path, { kind: "status", status: 503, times: 2 });
    const res = await c.get(c.wwwUrl(path), FOREVER);
    expect(res.body).toContain("Misra Ashutosh");
    expect(requestsTo(path)).toBe(3);
  });

  it("a timeout is retried, and when every try times out says so", async () => {
    const c = client({ timeoutMs: 150, retries: 1 });
    const path = `${DOC}?slow`;
    edgar.fault(path, { kind: "slow", delayMs: 1500 });
    const error = await failure(c.get(c.wwwUrl(path), FOREVER));
    expect(error.kind).toBe("unavailable");
    expect(error.message).toContain("after 2 tries (no answer within 0.15 s)");
    expect(requestsTo(path)).toBe(2);
  });

  it("a slow answer within the timeout is fine", async () => {
    const c = client({ timeoutMs: 2000 });
    const path = `${DOC}?a-bit-slow`;
    edgar.fault(path, { kind: "slow", delayMs: 100, times: 1 });
    expect((await c.get(c.wwwUrl(path), FOREVER)).body).toContain("<ownershipDocument>");
  });

  it("a truncated body is retried and the whole body returned", async () => {
    const c = client();
    const path = `${DOC}?truncated-once`;
    edgar.fault(path, { kind: "truncated", times: 1 });
    const res = await c.get(c.wwwUrl(path), FOREVER);
    expect(res.body.trimEnd().endsWith("</ownershipDocument>")).toBe(true);
    expect(requestsTo(path)).toBe(2);
  });

  it("a body that is always truncated is never returned in part", async () => {
    const c = client({ retries: 1 });
    const path = `${DOC}?truncated-always`;
    edgar.fault(path, { kind: "truncated" });
    const error = await failure(c.get(c.wwwUrl(path), FOREVER));
    expect(error.kind).toBe("unavailable");
    expect(error.message).toContain("(the answer was cut short)");
  });

  it("an oversize body (no Content-Length) is cut off at maxBytes: tooLarge, not retried", async () => {
    const c = client({ maxBytes: 1024 * 1024 });
    const path = `${DOC}?oversize`;
    edgar.fault(path, { kind: "oversize", bytes: 8 * 1024 * 1024 });
    const error = await failure(c.get(c.wwwUrl(path), FOREVER));
    expect(error.kind).toBe("tooLarge");
    expect(error.message).toContain("over 1 MB");
    expect(requestsTo(path)).toBe(1);
  });

  it("an oversize Content-Length is refused before reading", async () => {
    const c = client({ maxBytes: 1024 * 1024 });
    const path = `${DOC}?oversize-declared`;
    edgar.fault(path, { kind: "oversize", bytes: 8 * 1024 * 1024, declareLength: true });
    expect((await failure(c.get(c.wwwUrl(path), FOREVER))).kind).toBe("tooLarge");
  });

  it("a redirect to another host is refused: nothing is fetched there", async () => {
    const c = client();
    const path = `${DOC}?redirect-away`;
    edgar.fault(path, { kind: "redirect", location: `${elsewhereUrl}/Archives/evil.xml` });
    const error = await failure(c.get(c.wwwUrl(path), FOREVER));
    expect(error.kind).toBe("forbiddenHost");
    expect(error.message).toContain("not EDGAR");
    expect(elsewhereHits).toBe(0);
    expect(requestsTo(path)).toBe(1);
  });

  it("a redirect within EDGAR is followed", async () => {
    const c = client();
    edgar.fault("/moved/doc4.xml", { kind: "redirect", location: DOC });
    const res = await c.get(c.wwwUrl("/moved/doc4.xml"), FOREVER);
    expect(res.body).toContain("<ownershipDocument>");
  });

  it("a reset connection is retried", async () => {
    const c = client();
    const path = `${DOC}?reset-once`;
    edgar.fault(path, { kind: "reset", times: 1 });
    const res = await c.get(c.wwwUrl(path), FOREVER);
    expect(res.body).toContain("<ownershipDocument>");
    expect(requestsTo(path)).toBe(2);
  });

  it("resets until the budget ends say so", async () => {
    const c = client({ retries: 1 });
    const path = `${DOC}?reset-always`;
    edgar.fault(path, { kind: "reset" });
    const error = await failure(c.get(c.wwwUrl(path), FOREVER));
    expect(error.kind).toBe("unavailable");
    expect(error.message).toMatch(
      /after 2 tries \((the connection was reset|the connection was cut)\)/,
    );
  });
});

describe("EdgarClient: who goes first", () => {
  it("a lookup with a deadline (a person waits) leaves before background asks queued earlier", async () => {
    const c = client({ limiter: createRequestLimiter({ limit: 1, intervalMs: 30 }) });
    const finished: string[] = [];
    const background = Array.from({ length: 12 }, (_, i) =>
      c
        .get(c.wwwUrl(`/Archives/edgar/data/1/none-${i}.xml`), FOREVER)
        .catch(() => undefined)
        .then(() => finished.push(`background ${i}`)),
    );
    const lookup = c
      .get(c.wwwUrl(DOC), FOREVER, { deadline: Date.now() + 5000 })
      .then(() => finished.push("lookup"));
    await Promise.all([...background, lookup]);
    // The first background ask had the free slot; the lookup is next, not 13th (a loaded machine
    // may let a few background asks leave before the lookup has reached the limiter).
    expect(finished.indexOf("lookup")).toBeLessThan(6);
    expect(finished).toHaveLength(13);
  });

  it("a person asking for what background work is already fetching lifts that request ahead", async () => {
    const c = client({ limiter: createRequestLimiter({ limit: 1, intervalMs: 30 }) });
    const before = requestsTo(DOC);
    const finished: string[] = [];
    const background = Array.from({ length: 12 }, (_, i) =>
      c
        .get(c.wwwUrl(`/Archives/edgar/data/1/other-${i}.xml`), FOREVER)
        .catch(() => undefined)
        .then(() => finished.push(`background ${i}`)),
    );
    // The digest asked for the document last, in the background; then a person pastes its link.
    const digest = c.get(c.wwwUrl(DOC), FOREVER).then(() => finished.push("digest"));
    const person = c
      .get(c.wwwUrl(DOC), FOREVER, { deadline: Date.now() + 5000 })
      .then(() => finished.push("person"));
    await Promise.all([...background, digest, person]);
    // Without the lift it would finish 13th or 14th, behind every background ask.
    expect(finished.indexOf("person")).toBeLessThan(7);
    expect(requestsTo(DOC) - before).toBe(1);
  });
});

describe("EdgarClient: cache", () => {
  it("a second ask makes no request", async () => {
    const c = client();
    const path = `${DOC}?cache`;
    const first = await c.get(c.wwwUrl(path), FOREVER);
    const second = await c.get(c.wwwUrl(path), FOREVER);
    expect(requestsTo(path)).toBe(1);
    expect(second).toMatchObject({ body: first.body, fromCache: true, stale: false });
  });

  it("concurrent asks for one URL make one request", async () => {
    const c = client();
    const path = `${DOC}?single-flight`;
    edgar.fault(path, { kind: "slow", delayMs: 150, times: 1 });
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => c.get(c.wwwUrl(path), FOREVER)),
    );
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(requestsTo(path)).toBe(1);
  });

  it("a listing is fresh for about a minute by the injected clock, then fetched again", async () => {
    let now = 1_000_000;
    const c = client({ now: () => now });
    const path = "/submissions/CIK0001350102.json";
    const before = requestsTo(path);
    await c.get(c.dataUrl(path), FILING_LIST_FRESH_MS);
    now += FILING_LIST_FRESH_MS - 1;
    await c.get(c.dataUrl(path), FILING_LIST_FRESH_MS);
    expect(requestsTo(path) - before).toBe(1);
    now += 2;
    const again = await c.get(c.dataUrl(path), FILING_LIST_FRESH_MS);
    expect(requestsTo(path) - before).toBe(2);
    expect(again).toMatchObject({ fromCache: false, stale: false, fetchedAt: now });
  });

  it("when EDGAR fails and an older copy is cached, the copy is served marked stale", async () => {
    let now = 5_000_000;
    const cache = new Keyv();
    const c = client({ now: () => now, cache, retries: 1 });
    const url = c.dataUrl("/submissions/CIK0001350102.json");
    const fresh = await c.get(url, FILING_LIST_FRESH_MS);
    now += 10 * 60 * 1000;
    edgar.fault("/submissions/", { kind: "status", status: 503 });
    const stale = await c.get(url, FILING_LIST_FRESH_MS);
    expect(stale).toMatchObject({
      body: fresh.body,
      stale: true,
      fromCache: true,
      fetchedAt: fresh.fetchedAt,
    });

    // Without a cached copy the failure is the answer.
    const cold = client({ now: () => now, retries: 1 });
    expect((await failure(cold.get(url, FILING_LIST_FRESH_MS))).kind).toBe("unavailable");
  });

  it("a cache that fails costs a refetch, never the answer", async () => {
    const broken = new Keyv();
    broken.get = (() => Promise.reject(new Error("disk gone"))) as typeof broken.get;
    broken.set = (() => Promise.reject(new Error("disk gone"))) as typeof broken.set;
    const c = client({ cache: broken });
    const res = await c.get(c.wwwUrl(`${DOC}?broken-cache`), FOREVER);
    expect(res.body).toContain("<ownershipDocument>");
  });
});
