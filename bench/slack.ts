// 2. `/form4 TICKER` and 3. an unfurl of 5 EDGAR links, through the real Bolt app over HTTP (signed
// requests) with the real EDGAR client and Form4Source against the local EDGAR stand-in, every
// Slack call landing at the Slack stand-in. The app runs in a process of its own
// (bench/app-process.ts), as in production; this process plays Slack and EDGAR.
//
// Cold = a fresh app per run: new in-memory store (nothing cached), new EDGAR stack and 10-a-second
// limiter. Warm = the same app after it answered once. Time to the ack = the signed POST until its
// HTTP answer; time to the result = the POST until the answer reaches the response_url (for an
// unfurl: until chat.unfurl reaches Slack).

import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { ASTI, type EdgarStandIn } from "../test/stand-ins/edgar.js";
import {
  eventBody,
  type SlackCall,
  type SlackStandIn,
  signedHeaders,
  slashCommandBody,
} from "../test/stand-ins/slack.js";
import {
  type AppProcessConfig,
  type AppReply,
  type AppRequest,
  BENCH_SIGNING_SECRET,
} from "./app-process.js";
import { type Distribution, distribution, nowMs, roundDistribution } from "./stats.js";

/** Five real Form 4s the EDGAR stand-in serves, as people paste them (the filing index page). */
export const UNFURL_LINKS = [
  `https://www.sec.gov${ASTI.folder}0001350102-07-000099-index.htm`,
  "https://www.sec.gov/Archives/edgar/data/1750/000112760225001055/0001127602-25-001055-index.htm",
  "https://www.sec.gov/Archives/edgar/data/320193/000032019322000061/0000320193-22-000061-index.htm",
  "https://www.sec.gov/Archives/edgar/data/1288776/000112760215028697/0001127602-15-028697-index.htm",
  "https://www.sec.gov/Archives/edgar/data/1770787/000161071723000035/0001610717-23-000035-index.htm",
];

/** The app process, one request at a time. */
export class AppProcess {
  private readonly child: ChildProcess;
  private pending: ((reply: AppReply) => void) | null = null;
  eventsUrl = "";

  constructor(config: AppProcessConfig) {
    this.child = fork(fileURLToPath(new URL("./app-process.js", import.meta.url)), [], {
      env: { ...process.env, FORM4_BENCH_APP: JSON.stringify(config) },
      execArgv: ["--expose-gc"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    this.child.on("message", (reply: AppReply) => {
      const resolve = this.pending;
      this.pending = null;
      resolve?.(reply);
    });
  }

  private ask(request: AppRequest): Promise<AppReply> {
    return new Promise((resolve, reject) => {
      const exited = () => reject(new Error("bench: the app process exited"));
      this.child.once("exit", exited);
      this.pending = (reply) => {
        this.child.off("exit", exited);
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

  /** Stops the app and the process; what it logged at warn or above. */
  async stop(): Promise<string[]> {
    const reply = await this.ask({ kind: "stop" });
    return reply.kind === "stopped" ? reply.log : [];
  }
}

export interface Timing {
  ackMs: number;
  resultMs: number;
}

let sequence = 0;

/** The time at which the Slack stand-in records the first call matching `predicate`. */
function arrival(slack: SlackStandIn, predicate: (c: SlackCall) => boolean): Promise<number> {
  return slack.waitFor(predicate, 60_000).then(() => nowMs());
}

/** One signed `/form4 ASTI`; the answer must be the seed's summary, in the channel. */
async function slashCommand(run: AppProcess, slack: SlackStandIn, text: string): Promise<Timing> {
  const id = `bench-${++sequence}`;
  const body = slashCommandBody({ text, response_url: slack.responseUrl(id) });
  const headers = signedHeaders(BENCH_SIGNING_SECRET, body);
  const answered = arrival(
    slack,
    (c) => c.method === "response_url" && c.responseId === id && c.body.response_type !== undefined,
  );
  const t0 = nowMs();
  const res = await fetch(run.eventsUrl, { method: "POST", headers, body });
  await res.text();
  const ackAt = nowMs();
  if (res.status !== 200) throw new Error(`bench: /form4 ${text} answered HTTP ${res.status}`);
  const resultAt = await answered;
  const reply = slack.calls.find((c) => c.method === "response_url" && c.responseId === id);
  if (reply?.body.response_type !== "in_channel" || !String(reply.body.text).includes("Misra")) {
    throw new Error(`bench: /form4 ${text} did not answer with the summary: ${reply?.body.text}`);
  }
  return { ackMs: ackAt - t0, resultMs: resultAt - t0 };
}

/** One link_shared event with UNFURL_LINKS; the chat.unfurl must carry all five. */
async function unfurl(run: AppProcess, slack: SlackStandIn): Promise<number> {
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
  const res = await fetch(run.eventsUrl, { method: "POST", headers, body });
  await res.text();
  const at = await unfurled;
  const call = slack.calls.find((c) => c.method === "chat.unfurl" && c.body.ts === ts);
  const count = Object.keys((call?.body.unfurls as object | undefined) ?? {}).length;
  if (count !== UNFURL_LINKS.length) {
    throw new Error(`bench: the unfurl carried ${count} of ${UNFURL_LINKS.length} links`);
  }
  return at - t0;
}

/** `concurrency` commands fired at once. */
async function burst(run: AppProcess, slack: SlackStandIn, concurrency: number): Promise<Timing[]> {
  const timings = await Promise.all(
    Array.from({ length: concurrency }, () => slashCommand(run, slack, "ASTI")),
  );
  forget(slack);
  return timings;
}

/** The stand-in keeps every call and its waiters scan them all: keep the list short. */
function forget(slack: SlackStandIn): void {
  slack.calls.length = 0;
}

export interface CommandCase {
  cache: "cold" | "warm";
  concurrency: number;
  /** Commands measured (runs × concurrency). */
  commands: number;
  runs: number;
  ackMs: Distribution;
  resultMs: Distribution;
}

export interface UnfurlCase {
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

function commandCase(
  cache: "cold" | "warm",
  concurrency: number,
  runs: number,
  timings: Timing[],
): CommandCase {
  return {
    cache,
    concurrency,
    commands: timings.length,
    runs,
    ackMs: roundDistribution(distribution(timings.map((t) => t.ackMs)), 1),
    resultMs: roundDistribution(distribution(timings.map((t) => t.resultMs)), 1),
  };
}

function unfurlCase(cache: "cold" | "warm", times: number[]): UnfurlCase {
  return {
    links: UNFURL_LINKS.length,
    cache,
    runs: times.length,
    chatUnfurlMs: roundDistribution(distribution(times), 1),
  };
}

export async function runSlack(
  edgar: EdgarStandIn,
  slack: SlackStandIn,
  options: SlackOptions,
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

  try {
    await run.fresh();
    const idle = await run.memory();
    // Warm-up (JIT, connections), not measured.
    await burst(run, slack, 5);
    for (let i = 0; i < 3; i++) await cold(() => unfurl(run, slack));

    const command: CommandCase[] = [];
    const cold1: Timing[] = [];
    for (let i = 0; i < options.coldRuns; i++) {
      cold1.push(await cold(() => slashCommand(run, slack, "ASTI")));
    }
    const coldCommand = requests;
    command.push(commandCase("cold", 1, options.coldRuns, cold1));

    const cold50: Timing[] = [];
    for (let i = 0; i < options.coldBurstRuns; i++) {
      cold50.push(...(await cold(() => burst(run, slack, 50))));
    }
    command.push(commandCase("cold", 50, options.coldBurstRuns, cold50));

    await run.fresh();
    await burst(run, slack, 5); // fills the cache
    const warm1: Timing[] = [];
    for (let i = 0; i < options.warmRuns; i++) {
      warm1.push(await slashCommand(run, slack, "ASTI"));
      if (slack.calls.length > 100) forget(slack);
    }
    command.push(commandCase("warm", 1, options.warmRuns, warm1));
    const warm50: Timing[] = [];
    for (let i = 0; i < options.warmBurstRuns; i++) warm50.push(...(await burst(run, slack, 50)));
    command.push(commandCase("warm", 50, options.warmBurstRuns, warm50));

    const coldUnfurls: number[] = [];
    for (let i = 0; i < options.coldUnfurlRuns; i++) {
      coldUnfurls.push(await cold(() => unfurl(run, slack)));
    }
    const coldUnfurl = requests;

    await run.fresh();
    await unfurl(run, slack); // fills the cache
    const warmUnfurls: number[] = [];
    for (let i = 0; i < options.warmUnfurlRuns; i++) {
      warmUnfurls.push(await unfurl(run, slack));
      if (slack.calls.length > 100) forget(slack);
    }
    // The same app has now answered every warm command and unfurl.
    for (let i = 0; i < options.warmRuns; i++) await slashCommand(run, slack, "ASTI");
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
