// 5. Memory, in a process of its own so nothing else the benchmark did is counted:
//   idle                  the engine, renderers and EDGAR stack loaded, nothing done (after GC)
//   after summaries       10,000 parse + summarize + render cycles over every fixture (after GC),
//                         and again after 10,000 more: the first round also pays for compiled
//                         code and warmed caches; steady-state growth is the second round's
//   cached fetches        Form4Source.fetch of 200 filings through the bounded in-memory cache
//                         (memoryCache, 500 entries): once to fill it, then 10,000 more (after GC)
// Prints one JSON line (MemoryResult) on stdout.

import { createEdgarStack } from "../src/edgar/stack.js";
import { readFiling } from "../src/form4/read.js";
import { summaryMessage } from "../src/render/blocks.js";
import { startEdgarStandIn } from "../test/stand-ins/edgar.js";
import { loadInputs } from "./engine.js";
import { collectGarbage } from "./stats.js";
import { serveCompanies, tickerEntries, watchedCompanies } from "./watched-market.js";

export interface MemorySample {
  rssMB: number;
  heapUsedMB: number;
}

export interface MemoryResult {
  gc: boolean;
  idle: MemorySample;
  afterSummaries: MemorySample;
  afterMoreSummaries: MemorySample;
  summaries: number;
  summariesMs: number;
  fetchFilled: MemorySample;
  afterFetches: MemorySample;
  fetches: number;
  fetchesMs: number;
  distinctFilings: number;
}

function sample(): MemorySample {
  collectGarbage();
  const m = process.memoryUsage();
  const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
  return { rssMB: mb(m.rss), heapUsedMB: mb(m.heapUsed) };
}

/** Cycles per round: the first argument, else 10,000. */
const CYCLES = Number(process.argv[2]) || 10_000;

async function main(): Promise<MemoryResult> {
  const inputs = loadInputs();
  const gc = collectGarbage();
  const idle = sample();

  let sink = 0;
  const summaries = () => {
    for (let i = 0; i < CYCLES; i++) {
      const input = inputs[i % inputs.length];
      if (!input) continue;
      const { summary } = readFiling(input.text);
      sink += summaryMessage(summary, { url: null }).blocks.length;
    }
  };
  const t0 = performance.now();
  summaries();
  const summariesMs = performance.now() - t0;
  const afterSummaries = sample();
  summaries();
  const afterMoreSummaries = sample();

  const companies = watchedCompanies(50, 4, "2025-06-02");
  const edgar = await startEdgarStandIn({ tickers: tickerEntries(companies) });
  try {
    serveCompanies(edgar, companies);
    const { source } = createEdgarStack({
      config: edgar.config,
      // Memory, not the request rate, is measured here: no need to wait for the SEC's pace.
      limiter: { acquire: async () => () => {} },
    });
    const refs = companies.flatMap((c) => c.refs);
    for (const ref of refs) sink += (await source.fetch(ref)).summary.transactions.length;
    const fetchFilled = sample();
    const requestsAfterFill = edgar.requests.length;
    const t1 = performance.now();
    for (let i = 0; i < CYCLES; i++) {
      const ref = refs[i % refs.length];
      if (ref) sink += (await source.fetch(ref)).summary.transactions.length;
    }
    const fetchesMs = performance.now() - t1;
    const afterFetches = sample();
    if (edgar.requests.length !== requestsAfterFill) {
      throw new Error("bench: cached fetches went to EDGAR");
    }
    if (sink < 0) console.error(sink); // keeps the work from being optimized away
    return {
      gc,
      idle,
      afterSummaries,
      afterMoreSummaries,
      summaries: CYCLES,
      summariesMs: Math.round(summariesMs),
      fetchFilled,
      afterFetches,
      fetches: CYCLES,
      fetchesMs: Math.round(fetchesMs),
      distinctFilings: refs.length,
    };
  } finally {
    await edgar.close();
  }
}

process.stdout.write(`${JSON.stringify(await main())}\n`);
