// Test doubles for the Slack listeners' unit tests: a Form4Source answering from a table, Summary
// values built by hand, a logger that records. (End-to-end tests use the real EDGAR client.)

import { type Logger, LogLevel } from "@slack/bolt";
import { DEFAULT_EDGAR_WWW_URL } from "../../src/config.js";
import { DigestRunner } from "../../src/digest/runner.js";
import { EdgarError } from "../../src/edgar/errors.js";
import type { Company, FetchedFiling, Form4Source } from "../../src/edgar/types.js";
import type { Summary } from "../../src/form4/summary.js";
import type { SlackMessage } from "../../src/render/blocks.js";
import type { ListenerDeps } from "../../src/slack/deps.js";
import { WorkQueue } from "../../src/slack/work-queue.js";
import type { Store } from "../../src/store.js";
import { buildSummary, transaction } from "../render/build-summary.js";

export function fakeSummary(
  owner: string,
  ticker = "ASTI",
  accession = "0001350102-07-000099",
): Summary {
  // One sale of 700 shares at $16.76, through the renderers' own summary builder.
  return buildSummary({
    accessionNumber: accession,
    issuer: { cik: "0001350102", name: "Ascent Solar Technologies, Inc.", ticker },
    owners: [{ cik: null, name: owner, roles: ["officer"], title: "CFO" }],
    transactions: [transaction({ shares: 700, price: 16.76, sharesOwnedAfter: 43600 })],
    holdingsAfter: [{ security: "Common Stock", ownership: "D", nature: null, shares: 43600 }],
  });
}

export function fakeFiling(
  owner: string,
  accession = "0001350102-07-000099",
  stale = false,
): FetchedFiling {
  return {
    ref: {
      accessionNumber: accession,
      cik: "0001350102",
      form: "4",
      filedDate: "2007-11-14",
      primaryDocument: null,
    },
    filing: {} as FetchedFiling["filing"], // listeners never read the parsed model, only the summary
    summary: fakeSummary(owner, "ASTI", accession),
    url: `${DEFAULT_EDGAR_WWW_URL}/Archives/edgar/data/1350102/${accession.replace(/-/g, "")}/${accession}-index.htm`,
    stale,
  };
}

const ASTI: Company = {
  cik: "0001350102",
  name: "Ascent Solar Technologies, Inc.",
  ticker: "ASTI",
};

/** A Form4Source answering from tables; records every ask. `gate` holds answers until released. */
export function fakeSource(options: {
  tickers?: Record<string, FetchedFiling[]>;
  links?: Record<string, FetchedFiling[] | EdgarError>;
  gate?: Promise<void>;
}) {
  const asks: string[] = [];
  const wait = () => options.gate ?? Promise.resolve();
  const source: Form4Source = {
    async company(ticker) {
      if (!options.tickers?.[ticker])
        throw new EdgarError("unknownTicker", `no company with ticker ${ticker}`);
      return ASTI;
    },
    async latestForTicker(ticker, limit) {
      asks.push(`ticker:${ticker}:${limit}`);
      await wait();
      const filings = options.tickers?.[ticker];
      if (!filings)
        throw new EdgarError("unknownTicker", `no company with ticker ${ticker} on EDGAR`);
      return { company: { ...ASTI, ticker }, filings: filings.slice(0, limit) };
    },
    async listSince() {
      return [];
    },
    async listFiled() {
      return [];
    },
    async fetch() {
      throw new Error("not used");
    },
    async resolve(link, limit = 1) {
      asks.push(`resolve:${link}`);
      await wait();
      const answer = options.links?.[link];
      if (answer instanceof Error) throw answer;
      if (!answer) throw new EdgarError("badLink", `not an EDGAR link: ${link}`);
      return answer.slice(0, limit);
    },
  };
  return { source, asks };
}

export interface LogLine {
  level: "debug" | "info" | "warn" | "error";
  text: string;
}

/** A Bolt Logger that keeps what it was told (and prints nothing). */
export function recordingLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  let level = LogLevel.DEBUG;
  const log =
    (l: LogLine["level"]) =>
    (...msg: unknown[]) => {
      lines.push({
        level: l,
        text: msg.map((m) => (m instanceof Error ? m.message : String(m))).join(" "),
      });
    };
  return {
    lines,
    debug: log("debug"),
    info: log("info"),
    warn: log("warn"),
    error: log("error"),
    setLevel(l: LogLevel) {
      level = l;
    },
    getLevel: () => level,
    setName() {},
  };
}

/**
 * Listener deps for unit tests: a digest runner over the same store and source whose posts are
 * recorded in `posted` (channel and message), and a fixed or given clock.
 */
export function listenerDepsFor(options: {
  source: Form4Source;
  store: Store;
  logger?: Logger;
  slowNoticeMs?: number;
  now?: () => number;
}): ListenerDeps & { posted: { channel: string; message: SlackMessage }[] } {
  const posted: { channel: string; message: SlackMessage }[] = [];
  const now = options.now ?? Date.now;
  const runner = new DigestRunner({
    store: options.store,
    source: options.source,
    now,
    post: async (channel, message) => {
      posted.push({ channel, message });
    },
  });
  return {
    source: options.source,
    background: options.source,
    store: options.store,
    logger: options.logger ?? recordingLogger(),
    slowNoticeMs: options.slowNoticeMs ?? 1500,
    runner,
    alerts: null,
    now,
    installations: null,
    work: new WorkQueue(),
    posted,
  };
}
