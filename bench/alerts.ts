// The alert path: the bot as `npm start` builds it (startBot, HTTP mode) with
// EDGAR_POLL_SECONDS=2 against the EDGAR and Slack stand-ins. A channel alerts on every
// open-market buy; filings are put on the stand-in's live feed one at a time, each at a random
// moment of the poll interval, and the time from a filing appearing on the feed to its
// chat.postMessage reaching Slack is measured (wall time: it is waiting on the poll, not CPU).
// Then nothing new arrives for a while and the EDGAR requests are counted, per hour.
//
// Alone: `npm run bench -- --only alerts` (or `node dist/bench/alerts.js [--quick]` for JSON).

import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { filingFolderPath } from "../src/edgar/links.js";
import { startBot } from "../src/main.js";
import { FORM4_DIR } from "../test/fixtures.js";
import {
  type EdgarStandIn,
  STAND_IN_USER_AGENT,
  startEdgarStandIn,
} from "../test/stand-ins/edgar.js";
import {
  type SlackStandIn,
  signedHeaders,
  slashCommandBody,
  startSlackStandIn,
} from "../test/stand-ins/slack.js";
import {
  type Distribution,
  distribution,
  nowMs,
  quantile,
  round,
  roundDistribution,
} from "./stats.js";
import type { BenchStep } from "./steps.js";

export interface AlertsResult {
  pollSeconds: number;
  /** Filings timed. */
  runs: number;
  /** Feed appearance → chat.postMessage at the Slack stand-in, ms (wall). */
  latencyMs: Distribution;
  /** p95 of the same (nearest rank). */
  latencyP95Ms: number;
  /** The target: p95 within the poll interval plus 2 s. */
  targetP95Ms: number;
  /** EDGAR requests while nothing new arrived, scaled to an hour, at this poll interval. */
  idleRequestsPerHour: number;
  /** EDGAR requests per idle poll (the feed's first page: 1). */
  idleRequestsPerPoll: number;
  /** …and what that makes at the default EDGAR_POLL_SECONDS=30. */
  idleRequestsPerHourAt30s: number;
  /** Of the idle requests, how many were not the feed's first page (should be none). */
  idleOtherRequests: number;
  idleWindowS: number;
  maxRequestsPerSecond: number;
  everyRequestHadUserAgent: boolean;
}

const SECRET = "bench-signing-secret-0123456789abcdef";
const POLL_SECONDS = 2;
const CHANNEL = "C0BENCHALERTS";

/** The ownership XML of the real HBNC purchase (director Swinehart, 2014), to serve N times. */
function purchaseXml(): string {
  const txt = readFileSync(`${FORM4_DIR}0001137693-14-000001.txt`, "utf8");
  const xml = /<XML>\r?\n?([\s\S]*?)<\/XML>/.exec(txt)?.[1];
  if (!xml) throw new Error("bench: the HBNC fixture has no <XML>");
  return xml;
}

/** Made-up accession numbers (filer 0009990042) for the copies the bench serves. */
function accession(i: number): string {
  return `0009990042-26-${String(1_000_000 + i).slice(1)}`;
}

function serve(edgar: EdgarStandIn, xml: string, acc: string): void {
  const folder = filingFolderPath("706129", acc);
  edgar.addFile(`${folder}form4.xml`, xml);
  edgar.addFile(
    `${folder}${acc}-index-headers.html`,
    `<SEC-HEADER>${acc}.hdr.sgml : 20140424\n<ACCESSION-NUMBER>${acc}\n<TYPE>4\n<FILING-DATE>20140424\n</SEC-HEADER>\n`,
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function slash(slack: SlackStandIn, port: number, text: string): Promise<void> {
  const id = `bench-alert-${Math.random().toString(36).slice(2)}`;
  const body = slashCommandBody({
    text,
    channel_id: CHANNEL,
    response_url: slack.responseUrl(id),
  });
  const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: "POST",
    headers: signedHeaders(SECRET, body),
    body,
  });
  if (res.status !== 200) throw new Error(`bench: /form4 ${text} answered ${res.status}`);
  await slack.waitFor((c) => c.responseId === id, 15_000);
}

function postsTo(slack: SlackStandIn): number {
  return slack.calls.filter((c) => c.method === "chat.postMessage" && c.body.channel === CHANNEL)
    .length;
}

export async function runAlerts(options: {
  runs: number;
  idleSeconds: number;
}): Promise<AlertsResult> {
  const edgar = await startEdgarStandIn();
  const slack = await startSlackStandIn();
  const xml = purchaseXml();
  for (let i = 0; i < options.runs; i++) serve(edgar, xml, accession(i));
  const bot = await startBot({
    SLACK_BOT_TOKEN: "xoxb-bench-alerts",
    SLACK_SIGNING_SECRET: SECRET,
    PORT: "0",
    SLACK_API_URL: slack.url,
    SEC_USER_AGENT: STAND_IN_USER_AGENT,
    EDGAR_WWW_URL: edgar.url,
    EDGAR_DATA_URL: edgar.url,
    STORE_URL: "memory://",
    EDGAR_POLL_SECONDS: String(POLL_SECONDS),
    LOG_LEVEL: "error",
  });
  try {
    const port = bot.port ?? 0;
    await slash(slack, port, "alert buys");
    const latencies: number[] = [];
    for (let i = 0; i < options.runs; i++) {
      // A random moment of the poll interval, so the times sample every phase of it.
      await sleep(Math.random() * POLL_SECONDS * 1000);
      const before = postsTo(slack);
      const at = edgar.feed.publish(accession(i));
      while (postsTo(slack) === before) {
        if (nowMs() - at > 30_000) throw new Error(`bench: no alert for ${accession(i)} in 30 s`);
        await sleep(2);
      }
      latencies.push(nowMs() - at);
    }
    // Nothing new arrives: what does waiting cost EDGAR?
    await sleep(POLL_SECONDS * 1000);
    const idleFrom = edgar.requests.length;
    const idleStarted = nowMs();
    await sleep(options.idleSeconds * 1000);
    const idleS = (nowMs() - idleStarted) / 1000;
    const idle = edgar.requests.slice(idleFrom);
    const perHour = (idle.length / idleS) * 3600;
    // Each poll reads the feed once: requests per poll = all idle requests ÷ the feed reads.
    const polls = idle.filter((r) => r.path.includes("action=getcurrent")).length;
    const perPoll = polls === 0 ? 0 : idle.length / polls;
    return {
      pollSeconds: POLL_SECONDS,
      runs: latencies.length,
      latencyMs: roundDistribution(distribution(latencies), 0),
      latencyP95Ms: round(quantile(latencies, 0.95), 0),
      targetP95Ms: POLL_SECONDS * 1000 + 2000,
      idleRequestsPerHour: Math.round(perHour),
      idleRequestsPerPoll: round(perPoll, 2),
      idleRequestsPerHourAt30s: Math.round((3600 / 30) * perPoll),
      idleOtherRequests: idle.filter((r) => !r.path.includes("action=getcurrent")).length,
      idleWindowS: Math.round(idleS),
      maxRequestsPerSecond: edgar.maxPerSecond(),
      everyRequestHadUserAgent: edgar.requests.every((r) => r.userAgent === STAND_IN_USER_AGENT),
    };
  } finally {
    await bot.stop();
    await slack.close();
    await edgar.close();
  }
}

const ms = (n: number) => `${Math.round(n).toLocaleString("en-US")} ms`;

/** The step's printout: the times against the target, and what idling costs EDGAR. */
export function alertsLines(r: AlertsResult): string[] {
  const met = r.latencyP95Ms <= r.targetP95Ms ? "met" : "MISSED";
  return [
    `alerts: feed → chat.postMessage at EDGAR_POLL_SECONDS=${r.pollSeconds}, ${r.runs} filings: p50 ${ms(r.latencyMs.median)}, p95 ${ms(r.latencyP95Ms)} (min ${ms(r.latencyMs.min)}, max ${ms(r.latencyMs.max)}; wall) · target p95 ≤ ${ms(r.targetP95Ms)}: ${met}`,
    `alerts: idle, ${r.idleRequestsPerPoll} EDGAR request(s) a poll (${r.idleOtherRequests} besides the feed): ${r.idleRequestsPerHour.toLocaleString("en-US")} an hour at ${r.pollSeconds} s, ${r.idleRequestsPerHourAt30s} at the default 30 s · at most ${r.maxRequestsPerSecond} in any second, User-Agent on every one: ${r.everyRequestHadUserAgent}`,
  ];
}

export const alertsStep: BenchStep = {
  name: "alerts",
  description:
    "a filing on EDGAR's live feed → its chat.postMessage (EDGAR_POLL_SECONDS=2); idle requests",
  timeoutMs: 6 * 60_000,
  async run(context) {
    const result = await runAlerts({
      runs: context.quick ? 5 : 40,
      idleSeconds: context.quick ? 6 : 30,
    });
    return { lines: alertsLines(result), result };
  },
};

const runAsScript =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (runAsScript) {
  const quick = process.argv.includes("--quick");
  const result = await runAlerts({ runs: quick ? 5 : 40, idleSeconds: quick ? 6 : 30 });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
