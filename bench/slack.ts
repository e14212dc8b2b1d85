// 2. `/form4 TICKER` and 3. an unfurl of 5 EDGAR links, through the real Bolt app over HTTP (signed
// requests) with the real EDGAR client and Form4Source against the local EDGAR stand-in, every
// Slack call landing at the Slack stand-in. The app runs in a process of its own
// (bench/app-process.ts), as in production; this process plays Slack and EDGAR.
//
// Cold = a fresh app per run: new in-memory store (nothing cached), new EDGAR stack and 10-a-second
// limiter. Warm = the same app after it answered once. Time to the ack = the signed POST until its
// HTTP answer; time to the result = the POST until the answer reaches the response_url (for an
// unfurl: until chat.unfurl reaches Slack).
//
// A "Looking up…" note is a progress note (EDGAR was slow), not the answer: the answer follows it
// and is what is timed. A slow answer is a slow answer: one that has not come within ANSWER_WAIT_MS
// is counted as unanswered, and a wrong one as failed, each reported, never thrown; the step's
// timeout (bench/steps.ts) bounds the whole.

import { type ChildProcess, fork } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { lookingUpReply } from "../src/slack/replies.js";
import { ASTI, type EdgarStandIn, startEdgarStandIn } from "../test/stand-ins/edgar.js";
import {
  eventBody,
  type SlackCall,
  type SlackStandIn,
  signedHeaders,
  slashCommandBody,
  startSlackStandIn,
} from "../test/stand-ins/slack.js";
import {
  type AppProcessConfig,
  type AppReply,
  type AppRequest,
  BENCH_SIGNING_SECRET,
} from "./app-process.js";
import { type Distribution, distribution, nowMs, roundDistribution } from "./stats.js";
import type { BenchStep } from "./steps.js";

/** Five real Form 4s the EDGAR stand-in serves, as people paste them (the filing index page). */
export const UNFURL_LINKS = [
  `https://www.sec.gov${ASTI.folder}0001350102-07-000099-index.htm`,
  "https://www.sec.gov/Archives/edgar/data/1750/000112760225001055/0001127602-25-001055-index.htm",
  "https://www.sec.gov/Archives/edgar/data/320193/000032019322000061/0000320193-22-000061-index.htm",
  "https://www.sec.gov/Archives/edgar/data/1288776/000112760215028697/0001127602-15-028697-index.htm",
  "https://www.sec.gov/Archives/edgar/data/1770787/000161071723000035/0001610717-23-000035-index.htm",
];

/** The app process, one request at a time. */
/**
 * The compiled app process. Under the build it sits next to this file; when this file runs from
 * the TypeScript sources (tests), Node cannot run a .ts child, so the build's copy is used.
 */
function appProcessFile(): string {
  const here = fileURLToPath(new URL("./app-process.js", import.meta.url));
  if (!import.meta.url.endsWith(".ts")) return here;
  const built = fileURLToPath(new URL("../dist/bench/app-process.js", import.meta.url));
  if (!existsSync(built)) throw new Error(`bench: ${built} is not built; run npm run build`);
  return built;
}

export class AppProcess {
  private readonly child: ChildProcess;
  private pending: ((reply: AppReply) => void) | null = null;
  /** Why the process is gone (it exited or could not start); null while it runs. */
  private gone: string | null = null;
  eventsUrl = "";

  constructor(config: AppProcessConfig) {
    this.child = fork(appProcessFile(), [], {
      env: { ...process.env, FORM4_BENCH_APP: JSON.stringify(config) },
      execArgv: ["--expose-gc"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    this.child.on("message", (reply: AppReply) => {
      const resolve = this.pending;
      this.pending = null;
      resolve?.(reply);
    });
    this.child.on("exit", (code, signal) => {
      this.gone = `the app process exited (${signal ?? `code ${code}`})`;
    });
    this.child.on("error", (error) => {
      this.gone = `the app process failed: ${error.message}`;
    });
  }

  /** One request to the app process; it must answer within `timeoutMs` (never a hang). */
  private ask(request: AppRequest, timeoutMs = APP_ANSWER_MS): Promise<AppReply> {
    if (this.gone !== null) return Promise.reject(new Error(`bench: ${this.gone}`));
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        this.child.off("exit", exited);
        this.pending = null;
      };
      const exited = () => {
        done();
        reject(new Error(`bench: ${this.gone ?? "the app process exited"}`));
      };
      const timer = setTimeout(() => {
        done();
        reject(
          new Error(
            `bench: the app process did not answer "${request.kind}" within ${timeoutMs / 1000} s`,
          ),
        );
      }, timeoutMs);
      this.child.once("exit", exited);
      this.pending = (reply) => {
        done();
        if (reply.kind === "failed") reject(new Error(`bench: app process: ${reply.error}`));
        else resolve(reply);
      };
      this.child.send(request);
    });
  }

  /** A fresh app (nothing cached). */
  async fresh(): Promise<void> {
    const reply = await this.ask({ kind: "start" });
    if (reply.kind !== "started") throw new Error(`bench: unexpected ${reply.kind}`);
    this.eventsUrl = `http://127.0.0.1:${reply.port}/slack/events`;
  }

  async memory(): Promise<{ rss: number; heapUsed: number }> {
    const reply = await this.ask({ kind: "memory" });
    if (reply.kind !== "memory") throw new Error(`bench: unexpected ${reply.kind}`);
    return { rss: reply.rss, heapUsed: reply.heapUsed };
  }

  /** Stops the app and the process; what it logged at warn or above. Killed if it will not stop. */
  async stop(): Promise<string[]> {
    if (this.gone !== null) return [];
    try {
      const reply = await this.ask({ kind: "stop" });
      return reply.kind === "stopped" ? reply.log : [];
    } finally {
      if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
    }
  }
}

export interface Timing {
  ackMs: number;
  resultMs: number;
}

/** How long a command's answer or an unfurl is waited for before it counts as unanswered. */
export const ANSWER_WAIT_MS = 60_000;
/** How long the app process may take to start, report its memory or stop. */
const APP_ANSWER_MS = 60_000;

/** One command or unfurl measured: its timing, or why there is none (slow, or wrong). */
export type Outcome<T> =
  | { ok: true; value: T; noted: boolean }
  | { ok: false; unanswered: boolean; problem: string; noted: boolean };

let sequence = 0;

/** The first call matching `predicate` and when it came; null when none came within the wait. */
async function arrival(
  slack: SlackStandIn,
  predicate: (c: SlackCall) => boolean,
  waitMs = ANSWER_WAIT_MS,
): Promise<{ call: SlackCall; at: number } | null> {
  try {
    const call = await slack.waitFor(predicate, waitMs);
    return { call, at: nowMs() };
  } catch {
    return null;
  }
}

/** The progress note the app posts while EDGAR is slow: the answer comes after it. */
export function isProgressNote(body: Record<string, unknown>, text: string): boolean {
  return body.response_type === "ephemeral" && body.text === lookingUpReply(text).text;
}

/** One signed `/form4 ASTI`; the answer must be the seed's summary, in the channel. */
export async function slashCommand(
  run: AppProcess,
  slack: SlackStandIn,
  text: string,
  waitMs = ANSWER_WAIT_MS,
): Promise<Outcome<Timing>> {
  const id = `bench-${++sequence}`;
  const body = slashCommandBody({ text, response_url: slack.responseUrl(id) });
  const headers = signedHeaders(BENCH_SIGNING_SECRET, body);
  const ours = (c: SlackCall) => c.method === "response_url" && c.responseId === id;
  const answered = arrival(
    slack,
    (c) => ours(c) && c.body.response_type !== undefined && !isProgressNote(c.body, text),
    waitMs,
  );
  const noted = () => slack.calls.some((c) => ours(c) && isProgressNote(c.body, text));
  const t0 = nowMs();
  let status: number;
  try {
    const res = await fetch(run.eventsUrl, { method: "POST", headers, body });
    await res.text();
    status = res.status;
  } catch (error) {
    return { ok: false, unanswered: true, problem: `no ack: ${String(error)}`, noted: false };
  }
  const ackAt = nowMs();
  if (status !== 200) {
    return { ok: false, unanswered: false, problem: `acked with HTTP ${status}`, noted: false };
  }
  const answer = await answered;
  if (answer === null) {
    const problem = `no answer within ${waitMs / 1000} s`;
    return { ok: false, unanswered: true, problem, noted: noted() };
  }
  const reply = answer.call.body;
  if (reply.response_type !== "in_channel" || !String(reply.text).includes("Misra")) {
    const problem = `not the summary: ${String(reply.text).slice(0, 120)}`;
    return { ok: false, unanswered: false, problem, noted: noted() };
  }
  return { ok: true, value: { ackMs: ackAt - t0, resultMs: answer.at - t0 }, noted: noted() };
}

/** One link_shared event with UNFURL_LINKS; the chat.unfurl must carry all five. */
async function unfurl(run: AppProcess, slack: SlackStandIn): Promise<Outcome<number>> {
  const n = ++sequence;
  const ts = `1700000000.${String(n).padStart(6, "0")}`;
  const body = eventBody(
    {
      type: "link_shared",
      channel: "C0BENCH",
      is_bot_user_member: true,
      user: "U0ANALYST",
      message_ts: ts,
      links: UNFURL_LINKS.map((url) => ({ domain: "sec.gov", url })),
      event_ts: ts,
    },
    { eventId: `EvBENCH${n}` },
  );
  const headers = signedHeaders(BENCH_SIGNING_SECRET, body, { contentType: "application/json" });
  const unfurled = arrival(slack, (c) => c.method === "chat.unfurl" && c.body.ts === ts);
  const t0 = nowMs();
  try {
    const res = await fetch(run.eventsUrl, { method: "POST", headers, body });
    await res.text();
  } catch (error) {
    return { ok: false, unanswered: true, problem: `no ack: ${String(error)}`, noted: false };
  }
  const answer = await unfurled;
  if (answer === null) {
    const problem = `no chat.unfurl within ${ANSWER_WAIT_MS / 1000} s`;
    return { ok: false, unanswered: true, problem, noted: false };
  }
  const count = Object.keys((answer.call.body.unfurls as object | undefined) ?? {}).length;
  if (count !== UNFURL_LINKS.length) {
    const problem = `the unfurl carried ${count} of ${UNFURL_LINKS.length} links`;
    return { ok: false, unanswered: false, problem, noted: false };
  }
  return { ok: true, value: answer.at - t0, noted: false };
}

/** `concurrency` commands fired at once. */
async function burst(
  run: AppProcess,
  slack: SlackStandIn,
  concurrency: number,
): Promise<Outcome<Timing>[]> {
  const outcomes = await Promise.all(
    Array.from({ length: concurrency }, () => slashCommand(run, slack, "ASTI")),
  );
  forget(slack);
  return outcomes;
}

/** The stand-in keeps every call and its waiters scan them all: keep the list short. */
function forget(slack: SlackStandIn): void {
  slack.calls.length = 0;
}

/** What did not give a timing: slow (no answer within ANSWER_WAIT_MS) or wrong, and why. */
export interface Misses {
  /** No answer within ANSWER_WAIT_MS (a slow answer, or none). */
  unanswered: number;
  /** An answer, but not the one expected (or not acked with 200). */
  failed: number;
  /** The first few reasons, each once. */
  problems: string[];
}

export interface CommandCase extends Misses {
  cache: "cold" | "warm";
  concurrency: number;
  /** Commands sent (runs × concurrency); the distributions are over those answered. */
  commands: number;
  runs: number;
  /** Commands that got the "Looking up…" progress note before their answer. */
  noted: number;
  ackMs: Distribution;
  resultMs: Distribution;
}

export interface UnfurlCase extends Misses {
  links: number;
  cache: "cold" | "warm";
  runs: number;
  chatUnfurlMs: Distribution;
}

export interface SlackResult {
  command: CommandCase[];
  unfurl: UnfurlCase[];
  /** Requests the EDGAR stand-in saw for one cold `/form4 ASTI` and for one cold unfurl. */
  edgarRequests: { coldCommand: number; coldUnfurl: number };
  /** The app process's memory (after a full GC): just started, and after every warm run. */
  appMemory: { idleRss: number; afterWarmRss: number; idleHeap: number; afterWarmHeap: number };
  /** What the app logged at warn or above (should be nothing). */
  warnings: string[];
}

export interface SlackOptions {
  coldRuns: number;
  coldBurstRuns: number;
  warmRuns: number;
  warmBurstRuns: number;
  coldUnfurlRuns: number;
  warmUnfurlRuns: number;
}

function values<T>(outcomes: readonly Outcome<T>[]): T[] {
  return outcomes.flatMap((o) => (o.ok ? [o.value] : []));
}

export function misses(outcomes: readonly Outcome<unknown>[]): Misses {
  const missed = outcomes.flatMap((o) => (o.ok ? [] : [o]));
  return {
    unanswered: missed.filter((o) => o.unanswered).length,
    failed: missed.filter((o) => !o.unanswered).length,
    problems: [...new Set(missed.map((o) => o.problem))].slice(0, 3),
  };
}

function commandCase(
  cache: "cold" | "warm",
  concurrency: number,
  runs: number,
  outcomes: readonly Outcome<Timing>[],
): CommandCase {
  const timings = values(outcomes);
  return {
    cache,
    concurrency,
    commands: outcomes.length,
    runs,
    noted: outcomes.filter((o) => o.noted).length,
    ...misses(outcomes),
    ackMs: roundDistribution(distribution(timings.map((t) => t.ackMs)), 1),
    resultMs: roundDistribution(distribution(timings.map((t) => t.resultMs)), 1),
  };
}

function unfurlCase(cache: "cold" | "warm", outcomes: readonly Outcome<number>[]): UnfurlCase {
  return {
    links: UNFURL_LINKS.length,
    cache,
    runs: outcomes.length,
    ...misses(outcomes),
    chatUnfurlMs: roundDistribution(distribution(values(outcomes)), 1),
  };
}

export async function runSlack(
  edgar: EdgarStandIn,
  slack: SlackStandIn,
  options: SlackOptions,
  signal?: AbortSignal,
): Promise<SlackResult> {
  const run = new AppProcess({
    edgarUrl: edgar.url,
    edgarUserAgent: edgar.config.userAgent,
    slackApiUrl: slack.url,
  });
  let requests = 0;
  /** A fresh app, then `work`; counts the EDGAR requests `work` made. */
  const cold = async <T>(work: () => Promise<T>): Promise<T> => {
    await run.fresh();
    forget(slack);
    const before = edgar.requests.length;
    const value = await work();
    requests = edgar.requests.length - before;
    return value;
  };
  /** `n` rounds of `work` (each one outcome or a burst of them), fewer when the step's time is up. */
  const rounds = async <T>(n: number, work: () => Promise<Outcome<T> | Outcome<T>[]>) => {
    const out: Outcome<T>[] = [];
    for (let i = 0; i < n && !signal?.aborted; i++) out.push(...[await work()].flat());
    return out;
  };

  try {
    await run.fresh();
    const idle = await run.memory();
    // Warm-up (JIT, connections), not measured.
    await burst(run, slack, 5);
    await rounds(3, () => cold(() => unfurl(run, slack)));

    const command: CommandCase[] = [];
    const cold1 = await rounds(options.coldRuns, () =>
      cold(() => slashCommand(run, slack, "ASTI")),
    );
    const coldCommand = requests;
    command.push(commandCase("cold", 1, options.coldRuns, cold1));

    const cold50 = await rounds(options.coldBurstRuns, () => cold(() => burst(run, slack, 50)));
    command.push(commandCase("cold", 50, options.coldBurstRuns, cold50));

    await run.fresh();
    await burst(run, slack, 5); // fills the cache
    const warm1 = await rounds(options.warmRuns, async () => {
      const outcome = await slashCommand(run, slack, "ASTI");
      if (slack.calls.length > 100) forget(slack);
      return outcome;
    });
    command.push(commandCase("warm", 1, options.warmRuns, warm1));
    const warm50 = await rounds(options.warmBurstRuns, () => burst(run, slack, 50));
    command.push(commandCase("warm", 50, options.warmBurstRuns, warm50));

    const coldUnfurls = await rounds(options.coldUnfurlRuns, () => cold(() => unfurl(run, slack)));
    const coldUnfurl = requests;

    await run.fresh();
    await unfurl(run, slack); // fills the cache
    const warmUnfurls = await rounds(options.warmUnfurlRuns, async () => {
      const outcome = await unfurl(run, slack);
      if (slack.calls.length > 100) forget(slack);
      return outcome;
    });
    // The same app has now answered every warm command and unfurl.
    await rounds(options.warmRuns, () => slashCommand(run, slack, "ASTI"));
    forget(slack);
    const afterWarm = await run.memory();

    return {
      command,
      unfurl: [unfurlCase("cold", coldUnfurls), unfurlCase("warm", warmUnfurls)],
      edgarRequests: { coldCommand, coldUnfurl },
      appMemory: {
        idleRss: idle.rss,
        afterWarmRss: afterWarm.rss,
        idleHeap: idle.heapUsed,
        afterWarmHeap: afterWarm.heapUsed,
      },
      warnings: await run.stop(),
    };
  } catch (error) {
    await run.stop().catch(() => []);
    throw error;
  }
}

/** Lines for the step's printout: each case's medians, and what was slow or wrong. */
export function slackLines(r: SlackResult): string[] {
  const missed = (m: Misses) =>
    m.unanswered + m.failed > 0
      ? `; ${m.unanswered} unanswered, ${m.failed} failed (${m.problems.join("; ")})`
      : "";
  return [
    ...r.command.map(
      (c) =>
        `slack: /form4 ${c.cache} ×${c.concurrency}: ack p50 ${c.ackMs.median} ms, answer p50 ${c.resultMs.median} ms p99 ${c.resultMs.p99} ms over ${c.resultMs.n} of ${c.commands}${c.noted > 0 ? ` (${c.noted} after a "Looking up" note)` : ""}${missed(c)}`,
    ),
    ...r.unfurl.map(
      (u) =>
        `slack: unfurl of ${u.links} links ${u.cache}: p50 ${u.chatUnfurlMs.median} ms over ${u.chatUnfurlMs.n} of ${u.runs}${missed(u)}`,
    ),
  ];
}

export const SLACK_OPTIONS = {
  full: {
    coldRuns: 30,
    coldBurstRuns: 6,
    warmRuns: 200,
    warmBurstRuns: 20,
    coldUnfurlRuns: 8,
    warmUnfurlRuns: 100,
  },
  quick: {
    coldRuns: 3,
    coldBurstRuns: 1,
    warmRuns: 10,
    warmBurstRuns: 2,
    coldUnfurlRuns: 1,
    warmUnfurlRuns: 5,
  },
} satisfies Record<string, SlackOptions>;

/** Steps 2 and 3 as a registered step (`npm run bench -- --only slack`), with its own stand-ins. */
export const slackStep: BenchStep = {
  name: "slack",
  description: "/form4 and unfurls through the real Bolt app over HTTP, cold and warm",
  timeoutMs: 8 * 60_000,
  async run({ quick, signal }) {
    const edgar = await startEdgarStandIn();
    const slack = await startSlackStandIn();
    try {
      const result = await runSlack(
        edgar,
        slack,
        quick ? SLACK_OPTIONS.quick : SLACK_OPTIONS.full,
        signal,
      );
      return { lines: slackLines(result), result };
    } finally {
      await Promise.all([edgar.close(), slack.close()]);
    }
  },
};
