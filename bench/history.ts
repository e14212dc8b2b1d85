// 7. `/form4 history` of a busy issuer: the synthetic BUSY (100 Form 4 / 4/A built from real ones,
// test/stand-ins/busy-issuer.ts) against the EDGAR stand-in, through the real EDGAR client (with
// the process-wide 10-a-second limiter) and Form4Source. Cold: every filing fetched once; the least
// time the SEC's rule allows for R requests is R / 10 s. Warm: the same history again (listing
// fresh, filings cached), with and without drawing the chart, p50 against 200 ms.
//
// Alone: `npm run bench -- --only history` (or `node --expose-gc dist/bench/history.js [runs]`).

import { fileURLToPath } from "node:url";
import Keyv from "keyv";
import { EDGAR_REQUESTS_PER_SECOND } from "../src/edgar/limiter.js";
import { createEdgarStack } from "../src/edgar/stack.js";
import { renderHistoryChart } from "../src/history/chart-render.js";
import { readHistory } from "../src/history/read.js";
import { windowOfMonths } from "../src/history/window.js";
import { addBusyIssuer, BUSY_TICKER } from "../test/stand-ins/busy-issuer.js";
import { startEdgarStandIn } from "../test/stand-ins/edgar.js";
import { type Distribution, distribution, nowMs, round, roundDistribution } from "./stats.js";
import type { BenchStep } from "./steps.js";

export interface HistoryBenchResult {
  filings: number;
  /** Requests the cold history made (the ticker map, the listing and its older page, each filing). */
  coldRequests: number;
  maxPerSecond: number;
  coldWallMs: number;
  coldCpuMs: number;
  /** requests / 10 per second, in ms. */
  leastMs: number;
  ratio: number;
  /** The chart of that history drawn (SVG → PNG), once, cold. */
  chartMs: number;
  /** Warm: readHistory alone, and readHistory + the chart (what a warm `/form4 history` does). */
  warmMs: Distribution;
  warmWithChartMs: Distribution;
  /** CPU time of the same runs (the machine may be shared: wall time then waits for a core). */
  warmCpuMs: Distribution;
  warmWithChartCpuMs: Distribution;
  /** Requests the warm runs made (0: all from the cache). */
  warmRequests: number;
  /** Filings the cold history could not read (EDGAR's deadline, a fault): 0 expected. */
  unread: number;
}

const UNTIL = "2026-11-30";

function cpuMs(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}

export async function runHistoryBench(options: {
  warmRuns: number;
  signal?: AbortSignal;
}): Promise<HistoryBenchResult> {
  const edgar = await startEdgarStandIn({ tickers: [BUSY_TICKER] });
  try {
    const { filings } = addBusyIssuer(edgar, { until: UNTIL });
    // The stack the CLI uses: a bounded in-memory cache, the shared 10-a-second limiter.
    const { source } = createEdgarStack({ config: edgar.config, cache: new Keyv() });
    const window = windowOfMonths(12, UNTIL);

    const before = edgar.requests.length;
    const cpu = process.cpuUsage();
    const t0 = nowMs();
    const history = await readHistory(source, BUSY_TICKER.ticker, window);
    const coldWallMs = nowMs() - t0;
    const coldCpuMs = cpuMs(cpu);
    const cold = edgar.requests.slice(before);
    const t1 = nowMs();
    await renderHistoryChart(history);
    const chartMs = nowMs() - t1;

    const warm: number[] = [];
    const warmChart: number[] = [];
    const warmCpu: number[] = [];
    const warmChartCpu: number[] = [];
    const warmBefore = edgar.requests.length;
    for (let i = 0; i < options.warmRuns && !options.signal?.aborted; i++) {
      const cpuA = process.cpuUsage();
      const a = nowMs();
      const h = await readHistory(source, BUSY_TICKER.ticker, window);
      const b = nowMs();
      const cpuB = cpuMs(cpuA);
      await renderHistoryChart(h);
      warm.push(b - a);
      warmChart.push(nowMs() - a);
      warmCpu.push(cpuB);
      warmChartCpu.push(cpuMs(cpuA));
    }

    const at = cold.map((r) => r.at).sort((x, y) => x - y);
    let maxPerSecond = 0;
    for (let i = 0, start = 0; i < at.length; i++) {
      while ((at[i] ?? 0) - (at[start] ?? 0) >= 1000) start++;
      maxPerSecond = Math.max(maxPerSecond, i - start + 1);
    }
    const leastMs = (cold.length / EDGAR_REQUESTS_PER_SECOND) * 1000;
    return {
      filings: filings.length,
      coldRequests: cold.length,
      maxPerSecond,
      coldWallMs: round(coldWallMs, 0),
      coldCpuMs: round(coldCpuMs, 0),
      leastMs: round(leastMs, 0),
      ratio: round(coldWallMs / leastMs, 3),
      chartMs: round(chartMs, 1),
      warmMs: roundDistribution(distribution(warm), 1),
      warmWithChartMs: roundDistribution(distribution(warmChart), 1),
      warmCpuMs: roundDistribution(distribution(warmCpu), 1),
      warmWithChartCpuMs: roundDistribution(distribution(warmChartCpu), 1),
      warmRequests: edgar.requests.length - warmBefore,
      unread: history.unread.length,
    };
  } finally {
    await edgar.close();
  }
}

const ms = (n: number) => `${n >= 100 ? Math.round(n).toLocaleString("en-US") : n} ms`;

/** The figures as the bench prints them, each against its target. */
export function historyLines(h: HistoryBenchResult): string[] {
  const verdict = (met: boolean) => (met ? "met" : "MISSED");
  return [
    `History of an issuer with ${h.filings} filings, cold: ${h.coldRequests} requests (at most ${h.maxPerSecond} in a second), ${(h.coldWallMs / 1000).toFixed(1)} s wall, ${ms(h.coldCpuMs)} CPU; ${h.ratio}× the 10/s floor of ${(h.leastMs / 1000).toFixed(1)} s (target < 1.2×: ${verdict(h.ratio < 1.2)}); ${h.unread} not read`,
    `  chart drawn once: ${ms(h.chartMs)}`,
    `History, warm (${h.warmMs.n} runs, ${h.warmRequests} requests): read + aggregate p50 ${ms(h.warmMs.median)} wall, ${ms(h.warmCpuMs.median)} CPU (p99 ${ms(h.warmMs.p99)})`,
    `  with the chart drawn to PNG: p50 ${ms(h.warmWithChartMs.median)} wall, ${ms(h.warmWithChartCpuMs.median)} CPU (p99 ${ms(h.warmWithChartMs.p99)} wall); target p50 < 200 ms: ${verdict(h.warmWithChartMs.median < 200)}`,
  ];
}

/** The bench step (bench/steps.ts): `npm run bench -- --only history`. */
export const historyStep: BenchStep = {
  name: "history",
  description:
    "/form4 history of an issuer with 100 filings: cold at 10 requests a second, then warm",
  timeoutMs: 3 * 60_000,
  async run(context) {
    const result = await runHistoryBench({
      warmRuns: context.quick ? 5 : 40,
      signal: context.signal,
    });
    return { lines: historyLines(result), result };
  },
};

// Run alone: print the figures.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const warmRuns = Number(process.argv[2] ?? 30) || 30;
  const result = await runHistoryBench({ warmRuns });
  process.stdout.write(`${historyLines(result).join("\n")}\n${JSON.stringify(result, null, 2)}\n`);
}
