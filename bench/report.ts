// results.json → the markdown tables of docs/benchmarks.md (and the run's printout).

import type { AckCase } from "./acks.js";
import type { AlertsResult } from "./alerts.js";
import type { DigestResult } from "./digest.js";
import type { EdgarCacheResult } from "./edgar-cache.js";
import type { EngineResult } from "./engine.js";
import { type EngineCpuResult, engineCpuLines, type FormFigures } from "./engine-cpu.js";
import type { HistoryBenchResult } from "./history.js";
import { type Machine, machineLine } from "./machine.js";
import type { MemoryResult } from "./memory-process.js";
import type { SlackResult } from "./slack.js";
import type { StartupResult } from "./startup.js";

export interface Target {
  what: string;
  measured: string;
  target: string;
  met: boolean | null;
}

export interface Results {
  generatedAt: string;
  durationMs: number;
  quick: boolean;
  machine: Machine;
  /** Each step's result; absent when the step timed out or failed (`steps` says which and why). */
  engine?: EngineResult;
  slack?: SlackResult;
  digest?: DigestResult;
  memory?: MemoryResult;
  /** The engine in CPU time per stage, to named floors (bench/engine-cpu.ts); absent when that step failed. */
  engineCpu?: EngineCpuResult;
  /** Bot start → listening and the CLI's start-up cost (bench/startup.ts). */
  startup?: StartupResult;
  /** The EDGAR cache's size per 1,000 filings (bench/edgar-cache.ts). */
  edgarCache?: EdgarCacheResult;
  /** Feed → chat.postMessage and idle EDGAR requests of real-time alerts (bench/alerts.ts). */
  alerts?: AlertsResult;
  /** Ack p50/p99 of 50, 200 and 500 signed commands at once (bench/acks.ts). */
  acks?: AckCase[];
  /** A cold and a warm history of a 100-filing issuer (bench/history.ts). */
  history?: HistoryBenchResult;
  targets: Target[];
}

const int = (n: number) => Math.round(n).toLocaleString("en-US");
/** Milliseconds as people read them: 1,015 · 74 · 8.6 · 0.9 */
const num = (n: number) => (n >= 100 ? int(n) : String(Number(n.toPrecision(2))));
const ms = (n: number) => `${num(n)} ms`;
const mb = (n: number) => `${n.toFixed(1)} MB`;
/** Three significant digits: 0.229, 3.82, 12.3. */
const sig = (n: number) => String(Number(n.toPrecision(3)));

/** A stage of the CPU step's figures for one form, by the start of its name. */
function stageOf(form: FormFigures | undefined, name: string) {
  return form?.stages.find((s) => s.name.startsWith(name));
}

/**
 * The engine's headline rows: parse + summarize of every fixture of a form, CPU medians, divided
 * by the named floor (the tokenizer the reader builds on, with no-op callbacks).
 */
function engineTargets(cpu: EngineCpuResult | undefined): Target[] {
  const row = (
    form: string,
    what: string,
    floor: string,
    limit: number,
    alsoStages: string[],
  ): Target => {
    const figures = cpu?.forms.find((f) => f.form === form);
    const whole = stageOf(figures, "parse + summarize");
    const base: Target = {
      what: `Engine on ${what}: parse + summarize ÷ ${floor}, CPU medians`,
      measured: "n/a",
      target: `≤ ${limit}×`,
      met: null,
    };
    if (!figures || !whole) return base;
    const c = whole.cpuMsPerBatch;
    const parts = alsoStages
      .map((name) => stageOf(figures, name))
      .filter((s) => s !== undefined)
      .map((s) => `${s.name.replace(/ \(.*\)$/, "")} ${s.ratioToFloor.toFixed(2)}×`);
    return {
      ...base,
      measured: `${whole.ratioToFloor.toFixed(2)}× (${sig(c.median)} ms [${sig(c.p10)}–${sig(c.p90)}] for ${figures.files} filings; ${parts.join(", ")})`,
      met: whole.ratioToFloor <= limit,
    };
  };
  return [
    row("xml", "EDGAR's XML", "htmlparser2 `Tokenizer`", 2, ["parse (", "tree ("]),
    row("html", "the rendered HTML page", "parse5 `Tokenizer`", 3, ["parse (", "tree ("]),
  ];
}

/** A table's place when its step timed out or failed. */
const NOT_MEASURED = "not measured: the step did not finish (see the step lines above)";

/** The targets of issue 6, each with what was measured (a step that did not finish: none). */
export function targets(r: Omit<Results, "targets">): Target[] {
  const commands = r.slack?.command ?? [];
  const find = (cache: "cold" | "warm", concurrency: number) =>
    commands.find((c) => c.cache === cache && c.concurrency === concurrency);
  const cold50 = find("cold", 50);
  const warm50 = find("warm", 50);
  const warm1 = find("warm", 1);
  const ackP99 = Math.max(cold50?.ackMs.p99 ?? Number.NaN, warm50?.ackMs.p99 ?? Number.NaN);
  const warmResultP50 = Math.max(
    warm1?.resultMs.median ?? Number.NaN,
    warm50?.resultMs.median ?? Number.NaN,
  );
  const warmUnfurl = r.slack?.unfurl.find((u) => u.cache === "warm");
  const coldUnfurl = r.slack?.unfurl.find((u) => u.cache === "cold");
  const signed = (n: number) => `${n >= 0 ? "+" : "−"}${Math.abs(n).toFixed(1)} MB`;
  const slackTargets: Target[] = r.slack
    ? [
        {
          what: "`/form4 TICKER` ack with 50 at once, p99 (cold and warm cache)",
          measured: `${ms(warm50?.ackMs.p99 ?? Number.NaN)} warm, ${ms(cold50?.ackMs.p99 ?? Number.NaN)} cold`,
          target: "< 100 ms (Slack allows 3,000)",
          met: ackP99 < 100,
        },
        {
          what: "`/form4 TICKER` posted result, warm cache, p50",
          measured: `${ms(warm1?.resultMs.median ?? Number.NaN)} alone, ${ms(warm50?.resultMs.median ?? Number.NaN)} with 50 at once`,
          target: "< 150 ms",
          met: warmResultP50 < 150,
        },
        {
          what: `Unfurl of ${warmUnfurl?.links ?? 5} EDGAR links: message to \`chat.unfurl\`, p50`,
          measured: `${ms(warmUnfurl?.chatUnfurlMs.median ?? Number.NaN)} warm, ${ms(coldUnfurl?.chatUnfurlMs.median ?? Number.NaN)} cold (${r.slack.edgarRequests.coldUnfurl} EDGAR requests at ≤ 10/s)`,
          target: "none set",
          met: null,
        },
      ]
    : [];
  const d = r.digest;
  const digestTargets: Target[] = d
    ? [
        {
          what: `Digest of ${d.tickers} tickers, ${d.filings} filings: wall time ÷ (requests ÷ 10/s)`,
          measured: `${d.ratio}× (${(d.wallMs / 1000).toFixed(1)} s for ${d.requests} requests)`,
          target: "< 1.2×",
          met: d.ratio < 1.2,
        },
      ]
    : [];
  const m = r.memory;
  const memoryTargets: Target[] = m
    ? [
        {
          what: `Memory: RSS idle → after ${int(m.summaries)} summaries; heap growth per further ${int(m.summaries)}, and per ${int(m.fetches)} cached fetches`,
          measured: `${mb(m.idle.rssMB)} → ${mb(m.afterSummaries.rssMB)}; heap ${signed(m.afterMoreSummaries.heapUsedMB - m.afterSummaries.heapUsedMB)}, ${signed(m.afterFetches.heapUsedMB - m.fetchFilled.heapUsedMB)}`,
          target: "no growth beyond the cache's bound",
          met:
            m.afterMoreSummaries.heapUsedMB - m.afterSummaries.heapUsedMB < 1 &&
            m.afterFetches.heapUsedMB - m.fetchFilled.heapUsedMB < 1,
        },
      ]
    : [];
  const st = r.startup;
  const startupTargets: Target[] = st
    ? [
        {
          what: "`npm start`: process start → listening (HTTP mode, embedded defaults), median",
          measured: `${ms(st.botListeningMs.median)} wall (${ms(st.botCpuMs.median)} CPU)`,
          target: "< 1 s",
          met: st.botListeningMs.median < 1000,
        },
        {
          what: "`form4 summarize <EDGAR XML>` CPU ÷ `node -e 0` CPU, medians",
          measured: `${st.cliRatio}× (${ms(st.cliCpuMs.median)} vs ${ms(st.floorCpuMs.median)})`,
          target: "≤ 2.5×",
          met: st.cliRatio <= 2.5,
        },
      ]
    : [];
  const c = r.edgarCache;
  const cacheTargets: Target[] = c
    ? [
        {
          what: `EDGAR cache per ${int(c.filings)} filings (brotli): SQLite, Redis; raw bodies; CPU per filing`,
          measured: `${int(c.sqliteKB)} KB SQLite, ${c.redisKB === null ? "n/a" : `${int(c.redisKB)} KB`} Redis (${int(c.rawKB)} KB raw); ${c.compressCpuMs.median} ms`,
          target: `bounded: 30 days ≈ ${int(c.thirtyDaysMB)} MB (a year would be ${int(c.yearMB)} MB)`,
          met: null,
        },
      ]
    : [];
  const al = r.alerts;
  const alertTargets: Target[] = al
    ? [
        {
          what: `Alert: filing on EDGAR's feed → \`chat.postMessage\`, EDGAR_POLL_SECONDS=${al.pollSeconds}, ${al.runs} filings, p50 / p95`,
          measured: `${ms(al.latencyMs.median)} / ${ms(al.latencyP95Ms)} wall (${ms(al.latencyMs.min)}–${ms(al.latencyMs.max)})`,
          target: `p95 ≤ poll + 2 s (${ms(al.targetP95Ms)})`,
          met: al.latencyP95Ms <= al.targetP95Ms,
        },
        {
          what: "Alerts: EDGAR requests per hour when nothing new arrives",
          measured: `${int(al.idleRequestsPerHour)} at ${al.pollSeconds} s (${int(al.idleRequestsPerHourAt30s)} at the default 30 s; ${al.idleOtherRequests} besides the feed)`,
          target: "one per poll, nothing per watched ticker",
          met: al.idleOtherRequests === 0,
        },
      ]
    : [];
  const ackTargets: Target[] = (r.acks ?? []).map((a) => ({
    what: `\`/form4 TICKER\` ack with ${a.concurrency} signed commands at once over HTTP (own process, load generator on the same machine), p50 / p99`,
    measured: `${ms(a.ackP50Ms)} / ${ms(a.ackP99Ms)} (max ${ms(a.ackMaxMs)}; ${a.over3s} of ${int(a.commands)} over 3 s)`,
    target: a.concurrency === 500 ? "p99 < 1 s (Slack's limit is 3 s)" : "none set",
    met: a.concurrency === 500 ? a.ackP99Ms < 1000 : null,
  }));
  const h = r.history;
  const historyTargets: Target[] = h
    ? [
        {
          what: `History of ${h.filings} filings, cold: wall ÷ (requests ÷ 10/s)`,
          measured: `${h.ratio}× (${(h.coldWallMs / 1000).toFixed(1)} s for ${h.coldRequests} requests, max ${h.maxPerSecond} in a second)`,
          target: "≤ 10 requests a second",
          met: h.maxPerSecond <= 10,
        },
        {
          what: "History, warm, with the chart drawn to PNG: p50 / p99 wall (CPU p50)",
          measured: `${ms(h.warmWithChartMs.median)} / ${ms(h.warmWithChartMs.p99)} (${ms(h.warmWithChartCpuMs.median)} CPU)`,
          target: "p50 < 200 ms",
          met: h.warmWithChartMs.median < 200,
        },
      ]
    : [];
  return [
    ...engineTargets(r.engineCpu),
    ...slackTargets,
    ...digestTargets,
    ...memoryTargets,
    {
      what: "`npm run bench`: the measurements (the build before them adds ~6 s)",
      measured: `${(r.durationMs / 1000).toFixed(0)} s`,
      target: "< 5 min",
      met: r.durationMs < 5 * 60_000,
    },
    ...startupTargets,
    ...cacheTargets,
    ...alertTargets,
    ...ackTargets,
    ...historyTargets,
  ];
}

/** A markdown table with its columns padded, as the project's formatter (Biome) writes them. */
function table(head: string[], rows: string[][]): string {
  const width = (s: string) => [...s].length;
  const widths = head.map((h, i) => Math.max(3, width(h), ...rows.map((r) => width(r[i] ?? ""))));
  const pad = (s: string, w: number) => s + " ".repeat(w - width(s));
  const line = (cells: string[]) =>
    `| ${widths.map((w, i) => pad(cells[i] ?? "", w)).join(" | ")} |`;
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

const verdict = (met: boolean | null) => (met === null ? "" : met ? "met" : "**missed**");

/** The headline table (README embeds it). */
export function summaryTable(r: Results): string {
  return table(
    ["What", "Measured", "Target", ""],
    r.targets.map((t) => [t.what, t.measured, t.target, verdict(t.met)]),
  );
}

export function engineTable(r: Results): string {
  if (!r.engine) return NOT_MEASURED;
  return table(
    [
      "Input form",
      "Files",
      "Filings/s",
      "MB/s",
      "ms a filing, p50 / p99",
      "Floor",
      "Floor MB/s",
      "Engine ÷ floor",
      "Highest for one file",
      "Tree only ÷ floor",
    ],
    r.engine.forms.map((f) => [
      f.form,
      String(f.files),
      int(f.filingsPerSecond),
      sig(f.mbPerSecond),
      `${sig(f.engineMsPerFiling.median)} / ${sig(f.engineMsPerFiling.p99)}`,
      f.floor,
      sig(f.floorMbPerSecond),
      `${f.ratio}×`,
      `${f.worst.ratio}× (${f.worst.name})`,
      f.tree === null ? "" : `${f.treeRatio}× (${f.tree})`,
    ]),
  );
}

export function slackTable(r: Results): string {
  if (!r.slack) return NOT_MEASURED;
  // Slow (no answer within the wait) and wrong answers are counted, not timed.
  const missed = (m: { unanswered?: number; failed?: number }) =>
    `${m.unanswered ?? 0} / ${m.failed ?? 0}`;
  const rows = r.slack.command.map((c) => [
    `\`/form4 ASTI\`, ${c.cache}, ${c.concurrency} at once`,
    int(c.commands),
    `${num(c.ackMs.median)} / ${num(c.ackMs.p99)}`,
    `${num(c.resultMs.median)} / ${num(c.resultMs.p99)}`,
    missed(c),
  ]);
  for (const u of r.slack.unfurl) {
    rows.push([
      `unfurl of ${u.links} links, ${u.cache}`,
      int(u.runs),
      "",
      `${num(u.chatUnfurlMs.median)} / ${num(u.chatUnfurlMs.p99)}`,
      missed(u),
    ]);
  }
  return table(
    ["Case", "Samples", "Ack ms, p50 / p99", "Result ms, p50 / p99", "Unanswered / failed"],
    rows,
  );
}

export function digestTable(r: Results): string {
  const d = r.digest;
  if (!d) return NOT_MEASURED;
  return table(
    [
      "Tickers",
      "Filings",
      "EDGAR requests",
      "Most in one second",
      "Wall time",
      "Least the 10/s rule allows",
      "Ratio",
      "Messages posted",
    ],
    [
      [
        String(d.tickers),
        String(d.filings),
        String(d.requests),
        String(d.maxPerSecond),
        `${(d.wallMs / 1000).toFixed(1)} s`,
        `${(d.leastMs / 1000).toFixed(1)} s`,
        `${d.ratio}×`,
        String(d.messagesPosted),
      ],
    ],
  );
}

export function memoryTable(r: Results): string {
  const m = r.memory;
  const s = r.slack?.appMemory;
  const toMb = (n: number) => n / 1024 / 1024;
  const engineRows: string[][] = m
    ? [
        ["engine: idle (modules loaded)", mb(m.idle.rssMB), mb(m.idle.heapUsedMB)],
        [
          `engine: after ${int(m.summaries)} parse + summarize + render`,
          mb(m.afterSummaries.rssMB),
          mb(m.afterSummaries.heapUsedMB),
        ],
        [
          `engine: after ${int(m.summaries)} more`,
          mb(m.afterMoreSummaries.rssMB),
          mb(m.afterMoreSummaries.heapUsedMB),
        ],
        [
          `EDGAR stack: ${m.distinctFilings} filings fetched into the bounded cache`,
          mb(m.fetchFilled.rssMB),
          mb(m.fetchFilled.heapUsedMB),
        ],
        [
          `EDGAR stack: after ${int(m.fetches)} cached fetches`,
          mb(m.afterFetches.rssMB),
          mb(m.afterFetches.heapUsedMB),
        ],
      ]
    : [];
  const appRows: string[][] = s
    ? [
        ["Slack app: started, idle", mb(toMb(s.idleRss)), mb(toMb(s.idleHeap))],
        [
          "Slack app: after every warm command and unfurl",
          mb(toMb(s.afterWarmRss)),
          mb(toMb(s.afterWarmHeap)),
        ],
      ]
    : [];
  if (engineRows.length + appRows.length === 0) return NOT_MEASURED;
  return table(
    ["Process, moment (after a full GC)", "RSS", "Heap used"],
    [...engineRows, ...appRows],
  );
}

/** Everything the run prints. */
export function printout(r: Results): string {
  return [
    `Machine: ${machineLine(r.machine)}`,
    "",
    summaryTable(r),
    "",
    "Engine (parse + summarize):",
    engineTable(r),
    "",
    "Slack app over HTTP:",
    slackTable(r),
    "",
    "Digest:",
    digestTable(r),
    "",
    "Memory:",
    memoryTable(r),
  ].join("\n");
}

export const README_START = "<!-- bench:start (written by npm run bench) -->";
export const README_END = "<!-- bench:end -->";

/** README.md with the part between the bench markers replaced by this run's summary. */
export function readmeWithResults(readme: string, r: Results): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) return readme;
  const section = `${README_START}
Measured by \`npm run bench\` on ${r.generatedAt.slice(0, 10)}; machine: ${machineLine(r.machine)}.
Details and every table: [docs/benchmarks.md](docs/benchmarks.md).

${summaryTable(r)}
`;
  return readme.slice(0, start) + section + readme.slice(end);
}

/** docs/benchmarks.md */
export function benchmarksPage(r: Results): string {
  return `# Benchmarks

Written by \`npm run bench\` (bench/run.ts) on ${r.generatedAt.slice(0, 10)}; the numbers are in
[bench/results.json](../bench/results.json). What each measurement does, exactly:
[bench/README.md](../bench/README.md).

**Machine:** ${machineLine(r.machine)}.

Other work was running on the machine at the same time, so the tails (p99) in particular are
noisy; compare runs on the same machine, not across machines.

${summaryTable(r)}

## How to read this

- **p50** is the median; **p99** the value 99 in 100 samples stay under (nearest rank: a value
  that was measured). With fewer than 100 samples p99 is the slowest one.
- **Engine rows of the table above** (and "Engine in CPU time" below): CPU time
  (\`process.cpuUsage\`) of parse + summarize of every fixture of a form, the median of 31
  batches with p10–p90, divided by the median of the named floor: the tokenizer the reader is
  built on, with callbacks that do nothing (htmlparser2's \`Tokenizer\` for XML, parse5's
  \`Tokenizer\` for the rendered page). No reader can go below 1×. "tree" is the part that
  building the tree the reader walks takes, "parse" the reader without the summary.
- **Engine ÷ floor** in "Engine: parse + summarize every fixture": the same, in wall-clock time
  per filing, divided by the parser's time with handlers that do nothing (for EDGAR's XML
  htmlparser2's \`Parser\`, which does more than its \`Tokenizer\`, so these ratios are lower
  than the CPU rows'; for the rendered page parse5's \`Tokenizer\`; for a full submission a
  scan for \`<XML>\` plus the XML floor; for copied text a line split, a floor so low that the
  ratio says little). **Tree only ÷ floor** is the part of it that building the tree takes.
- **Ack** is Slack's 3-second clock: the signed POST until the app's HTTP answer. **Result** is
  the POST until the summary reaches the \`response_url\` (what the person waits for). **Cold**:
  nothing cached (a fresh store, so the ticker map, the listing and the filings are fetched);
  **warm**: asked before. EDGAR is a local stand-in answering in about a millisecond; the real
  EDGAR adds its round trips (tens of milliseconds each) to every cold number.
- The app runs in a process of its own, as in production; the benchmark's process plays Slack
  and EDGAR. "50 at once" means 50 signed commands sent together.
- **Digest ratio**: wall time ÷ (requests ÷ 10 per second), the pace the SEC allows. Under 1× is
  possible: the first 10 requests of a second may all go at once.
- **Memory**: heap used after a full GC is what the process keeps; RSS also counts memory V8
  took during the run and has not handed back yet, so it settles higher than idle without growing.

## What bounds them

- **Ack with 50 at once.** One Node thread serves all 50: a request's ack waits for the requests
  that arrived before it (Bolt's signature check, body parsing and middleware, about a
  millisecond each here) and, in between, for lookups already acked (about a millisecond each
  when warm). So the 50th ack comes some 50 ms after the first, later whenever other processes
  take the CPU: on this 2-core machine, shared with other work, the warm p99 varied between about
  70 and 150 ms from run to run. Profiles of the app show what is left is mostly Bolt, HTTP and
  socket writes. Cold acks come sooner than warm ones because cold lookups wait on EDGAR instead
  of using the CPU.
- **Cold unfurl.** Five links need 14 EDGAR requests (folder index, header page, document; one
  page is shared); the SEC's 10 a second lets the first 10 go at once and the rest a second
  after the first answers, so about one second is the floor.
- **Digest.** The EDGAR requests at 10 a second: 250 requests cannot take less than 24 seconds
  (the first 10 go at once, which is why the ratio can be under 1).

The benchmark found two costs, fixed in the EDGAR source (src/edgar/filings.ts): every warm
\`/form4\` read the 700 KB ticker map back from the cache (now a fresh in-memory map answers), and
re-read and re-summarized its filings (now the last 100 documents read are kept). Together they
took a warm \`/form4\` from about 5 ms to about 2 ms, and halved the ack time with 50 at once.

## Engine: parse + summarize every fixture

${engineTable(r)}

## Engine in CPU time, stage by stage (named floors)

${r.engineCpu ? `\`\`\`\n${engineCpuLines(r.engineCpu).join("\n")}\n\`\`\`` : "The engine step did not finish in this run."}

## Slack app over HTTP (\`/form4\` and unfurls)

${slackTable(r)}

## Digest

${digestTable(r)}

## Memory

${memoryTable(r)}
`;
}
