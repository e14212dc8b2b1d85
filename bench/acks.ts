// Acks under load: 50, 200 and 500 signed `/form4 ASTI` commands fired at once over HTTP at the
// real Bolt app in a process of its own (bench/app-process.ts), on a warm cache, with this process
// (the load generator, the Slack and EDGAR stand-ins) on the same machine. Time to the ack = the
// signed POST until its HTTP response; Slack shows the person an error after 3 s. Every answer is
// then awaited (at the response_url) before the next burst, so each burst starts from quiet.
import { startEdgarStandIn } from "../test/stand-ins/edgar.js";
import { signedHeaders, slashCommandBody, startSlackStandIn } from "../test/stand-ins/slack.js";
import { BENCH_SIGNING_SECRET } from "./app-process.js";
import { AppProcess } from "./slack.js";
import { distribution, nowMs, round, sleep } from "./stats.js";
import type { BenchStep, StepContext } from "./steps.js";

const CONCURRENCY = [50, 200, 500];

export interface AckCase {
  concurrency: number;
  runs: number;
  commands: number;
  ackP50Ms: number;
  ackP99Ms: number;
  ackMaxMs: number;
  /** Acks over Slack's 3 s. */
  over3s: number;
  /** The last answer of a burst, after its first POST. */
  lastAnswerMs: number;
}

async function runAcks(context: StepContext): Promise<AckCase[]> {
  const edgar = await startEdgarStandIn();
  const slack = await startSlackStandIn();
  const app = new AppProcess({
    edgarUrl: edgar.url,
    edgarUserAgent: edgar.config.userAgent,
    slackApiUrl: slack.url,
  });
  let sequence = 0;
  const answered = () =>
    slack.calls.filter((c) => c.method === "response_url" && c.body.response_type === "in_channel")
      .length;
  const burst = async (n: number) => {
    slack.calls.length = 0;
    const t0 = nowMs();
    const acks = await Promise.all(
      Array.from({ length: n }, async () => {
        const body = slashCommandBody({
          text: "ASTI",
          response_url: slack.responseUrl(`ack-${++sequence}`),
        });
        const started = nowMs();
        const res = await fetch(app.eventsUrl, {
          method: "POST",
          headers: signedHeaders(BENCH_SIGNING_SECRET, body),
          body,
        });
        await res.text();
        if (res.status !== 200) throw new Error(`bench: acks: HTTP ${res.status}`);
        return nowMs() - started;
      }),
    );
    const deadline = nowMs() + 120_000;
    while (answered() < n) {
      if (nowMs() > deadline) throw new Error(`bench: acks: ${answered()} of ${n} answered`);
      await sleep(20);
    }
    return { acks, lastAnswerMs: nowMs() - t0 };
  };
  try {
    await app.fresh();
    await burst(5); // warm: the cache, the JIT, the connections
    const cases: AckCase[] = [];
    for (const n of CONCURRENCY) {
      const runs = context.quick ? 1 : 3;
      const acks: number[] = [];
      let last = 0;
      for (let r = 0; r < runs && !context.signal.aborted; r++) {
        const b = await burst(n);
        acks.push(...b.acks);
        last = Math.max(last, b.lastAnswerMs);
      }
      const d = distribution(acks);
      cases.push({
        concurrency: n,
        runs,
        commands: acks.length,
        ackP50Ms: round(d.median, 1),
        ackP99Ms: round(d.p99, 1),
        ackMaxMs: round(Math.max(...acks), 1),
        over3s: acks.filter((a) => a > 3000).length,
        lastAnswerMs: round(last, 0),
      });
      context.progress(`acks: ${n} at once done`);
    }
    return cases;
  } finally {
    await app.stop().catch(() => []);
    await slack.close();
    await edgar.close();
  }
}

export const acksStep: BenchStep = {
  name: "acks",
  description:
    "ack p50/p99 of 50, 200 and 500 signed /form4 commands at once (real Bolt app, HTTP)",
  timeoutMs: 240_000,
  async run(context) {
    const cases = await runAcks(context);
    return {
      result: cases,
      lines: cases.map(
        (c) =>
          `acks: ${c.concurrency} at once (${c.runs} runs): ack p50 ${c.ackP50Ms} ms, p99 ${c.ackP99Ms} ms, max ${c.ackMaxMs} ms, ${c.over3s} over 3 s; last answer after ${c.lastAnswerMs} ms (target p99 < 1,000 ms at 500)`,
      ),
    };
  },
};
