// 4. A digest of 50 watched tickers with 200 filings, against the EDGAR stand-in: the real
// DigestRunner, EDGAR client (with the process-wide 10-a-second limiter) and Form4Source, posting
// through Slack's WebClient to the Slack stand-in. The least time the SEC's rule allows for R
// requests is R / 10 seconds; the ratio says how close the digest comes to it.

import { webApi } from "@slack/bolt";
import { loadCursor } from "../src/digest/cursor.js";
import { DigestRunner, postWithSlack } from "../src/digest/runner.js";
import { instantAt } from "../src/digest/time.js";
import { watch } from "../src/digest/watchlists.js";
import { EDGAR_REQUESTS_PER_SECOND } from "../src/edgar/limiter.js";
import { createEdgarStack } from "../src/edgar/stack.js";
import type { Form4Source } from "../src/edgar/types.js";
import { createStore } from "../src/store.js";
import { type EdgarStandIn, startEdgarStandIn } from "../test/stand-ins/edgar.js";
import { type SlackStandIn, startSlackStandIn } from "../test/stand-ins/slack.js";
import { round } from "./stats.js";
import type { BenchStep } from "./steps.js";
import {
  serveCompanies,
  tickerEntries,
  type WatchedCompany,
  watchedCompanies,
} from "./watched-market.js";

export interface DigestResult {
  tickers: number;
  filings: number;
  /** Requests the digest made to EDGAR (the ticker map, read when the tickers were watched, not counted). */
  requests: number;
  /** The most requests EDGAR saw within any one second. */
  maxPerSecond: number;
  wallMs: number;
  /** requests / 10 per second, in ms. */
  leastMs: number;
  ratio: number;
  messagesPosted: number;
}

const CHANNEL = "C0BENCHDIGEST";
/** Monday June 2, 2025, 18:00 in New York: the filings are that day's. */
const FILED = "2025-06-02";
const NOW = instantAt(FILED, "18:00", "America/New_York");

export interface DigestRun {
  result: DigestResult;
  /** The stand-in and source the digest used, cache warm (for the memory measurement). */
  edgar: EdgarStandIn;
  source: Form4Source;
  companies: WatchedCompany[];
}

export async function runDigest(
  slack: SlackStandIn,
  options: { tickers: number; filingsPerTicker: number },
): Promise<DigestRun> {
  const companies = watchedCompanies(options.tickers, options.filingsPerTicker, FILED);
  const edgar = await startEdgarStandIn({ tickers: tickerEntries(companies) });
  serveCompanies(edgar, companies);
  const store = await createStore("memory://");
  // The stack the CLI and benchmarks use: a bounded in-memory cache, the shared limiter; the
  // digest's source is the background one, as in the app (no per-lookup deadline).
  const { background: source } = createEdgarStack({ config: edgar.config });
  const web = new webApi.WebClient("xoxb-bench-digest", {
    slackApiUrl: slack.url,
    retryConfig: { retries: 0 },
  });
  const runner = new DigestRunner({
    store,
    source,
    post: postWithSlack(web),
    now: () => NOW,
    edgarWwwUrl: edgar.url,
  });
  try {
    const watched = await watch(
      store,
      source,
      CHANNEL,
      companies.map((c) => c.ticker),
      NOW,
    );
    if (watched.added.length !== companies.length) {
      throw new Error(`bench: watched ${watched.added.length} of ${companies.length} tickers`);
    }
    // The limiter counts a second from each answer: start the digest after a quiet second.
    await new Promise((resolve) => setTimeout(resolve, 1100));

    const before = edgar.requests.length;
    const postsBefore = slack.calls.length;
    const t0 = performance.now();
    const outcome = await runner.runNow(CHANNEL);
    const wallMs = performance.now() - t0;
    const requests = edgar.requests.length - before;

    if (outcome.status !== "posted") {
      throw new Error(`bench: the digest ended ${outcome.status}: ${outcome.error ?? ""}`);
    }
    // Every filing must be in what was posted (the cursor records each one the posts carried).
    const cursor = await loadCursor(store, CHANNEL);
    for (const company of companies) {
      const posted = cursor.tickers[company.ticker]?.posted ?? {};
      const missing = company.refs.filter((r) => !(r.accessionNumber in posted));
      if (missing.length > 0) {
        throw new Error(
          `bench: the digest left out ${missing.length} filings of ${company.ticker}`,
        );
      }
    }
    const messagesPosted = slack.calls
      .slice(postsBefore)
      .filter((c) => c.method === "chat.postMessage" && c.body.channel === CHANNEL).length;
    slack.calls.length = 0;

    const leastMs = (requests / EDGAR_REQUESTS_PER_SECOND) * 1000;
    return {
      result: {
        tickers: companies.length,
        filings: companies.reduce((n, c) => n + c.refs.length, 0),
        requests,
        maxPerSecond: edgar.maxPerSecond(),
        wallMs: round(wallMs, 0),
        leastMs,
        ratio: round(wallMs / leastMs, 3),
        messagesPosted,
      },
      edgar,
      source,
      companies,
    };
  } catch (error) {
    await edgar.close();
    throw error;
  } finally {
    await store.close();
  }
}

/** Step 4 as a registered step (`npm run bench -- --only digest`), with its own Slack stand-in. */
export const digestStep: BenchStep = {
  name: "digest",
  description: "a digest of 50 tickers, 200 filings, at the SEC's 10 requests a second",
  // 200 filings and their listings at 10 a second take about 30 s; far more is a fault.
  timeoutMs: 4 * 60_000,
  async run({ quick }) {
    const slack = await startSlackStandIn();
    try {
      const run = await runDigest(slack, {
        tickers: quick ? 10 : 50,
        filingsPerTicker: quick ? 2 : 4,
      });
      await run.edgar.close();
      const d = run.result;
      return {
        lines: [
          `digest: ${d.tickers} tickers, ${d.filings} filings: ${d.requests} EDGAR requests in ${(d.wallMs / 1000).toFixed(1)} s = ${d.ratio}× the ${(d.leastMs / 1000).toFixed(1)} s that 10 a second allow (at most ${d.maxPerSecond} in a second), ${d.messagesPosted} messages`,
        ],
        result: d,
      };
    } finally {
      await slack.close();
    }
  },
};
