// `npm run bench`: every measurement of issue 6 in one run (about two minutes), written to
// bench/results.json and docs/benchmarks.md and printed. `--quick`: a smoke run with a few
// repetitions of each, printed only (nothing written). Every measurement is a registered step
// (bench/steps.ts) with a timeout: one that overruns or fails is reported, and the run goes on.
//
//   engine-wall    parse + summarize every fixture, next to the parser with no-op handlers (engine.ts)
//   slack          /form4 and an unfurl through the real Bolt app over HTTP (slack.ts)
//   digest         50 tickers, 200 filings, at the SEC's 10 requests a second (digest.ts)
//   memory         in a process of its own (memory.ts, memory-process.ts)
//   edgar-cache    the EDGAR cache's size per 1,000 filings and brotli's CPU (edgar-cache.ts)
//   engine         CPU per stage to the named tokenizer floors, and scaling (engine-cpu.ts):
//                  README's engine rows
//   startup        (a registered step) `npm start` to listening, and `form4 summarize` on XML vs
//                  `node -e 0` (startup.ts)
//   alerts         (a registered step) a filing on EDGAR's live feed → its chat.postMessage; idle requests (alerts.ts)
//   history        (a registered step) a cold and a warm history of a 100-filing issuer (history.ts)

import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { FORM4_DIR, OWN_FIXTURES_DIR } from "../test/fixtures.js";
import { type AckCase, acksStep } from "./acks.js";
import { type AlertsResult, alertsStep } from "./alerts.js";
import { type DigestResult, digestStep } from "./digest.js";
import { type EdgarCacheResult, edgarCacheStep } from "./edgar-cache.js";
import { type EngineResult, loadInputs, runEngine } from "./engine.js";
import { type EngineCpuResult, engineStep } from "./engine-cpu.js";
import { type HistoryBenchResult, historyStep } from "./history.js";
import { describeMachine } from "./machine.js";
import { memoryStep } from "./memory.js";
import type { MemoryResult } from "./memory-process.js";
import { benchmarksPage, printout, type Results, readmeWithResults, targets } from "./report.js";
import { type SlackResult, slackStep } from "./slack.js";
import { type StartupResult, startupStep } from "./startup.js";
import { collectGarbage, nowMs } from "./stats.js";
import {
  type BenchStep,
  registeredSteps,
  registerStep,
  runStep,
  type StepReport,
} from "./steps.js";

const quick = process.argv.includes("--quick");
/** `--only <step>`: run that registered step alone (see bench/steps.ts), print it, write nothing. */
const onlyAt = process.argv.indexOf("--only");
const only = onlyAt === -1 ? null : (process.argv[onlyAt + 1] ?? "");

/**
 * Parse + summarize of every fixture by the wall clock, next to bare tokenizing. Synchronous, so
 * its timeout can only be seen once it returns; its per-form time budget is what bounds it.
 */
const engineWallStep: BenchStep = {
  name: "engine-wall",
  description: "parse + summarize every fixture (wall clock), and the floors",
  timeoutMs: 3 * 60_000,
  async run({ quick }) {
    const result = runEngine(loadInputs(), {
      warmupRuns: quick ? 3 : 20,
      minRuns: quick ? 5 : 30,
      maxRuns: quick ? 20 : 2000,
      budgetMsPerForm: quick ? 300 : 5000,
    });
    return {
      lines: result.forms.map(
        (f) =>
          `engine-wall: ${f.form}: ${f.ratio}× ${f.floor} (${f.engineMsPerFiling.median} ms a filing)`,
      ),
      result,
    };
  },
};

// Steps in files of their own, one call each (bench/steps.ts), in the order they run.
registerStep(engineWallStep);
registerStep(slackStep);
registerStep(digestStep);
registerStep(memoryStep);
registerStep(edgarCacheStep);
registerStep(engineStep);
registerStep(alertsStep);
registerStep(historyStep);
registerStep(startupStep);
registerStep(acksStep);

/** The repository: the nearest folder up from this file with a package.json (dist/bench/ → ./). */
function repositoryRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const up = dirname(dir);
    if (up === dir) throw new Error("bench: no package.json above the benchmark");
    dir = up;
  }
  return dir;
}

function checkFixtures(): void {
  for (const dir of [FORM4_DIR, `${OWN_FIXTURES_DIR}edgar/`]) {
    if (!existsSync(dir)) {
      throw new Error(
        `bench: ${dir} does not exist. The benchmark reads the shared EDGAR fixtures and the ` +
          "stand-ins' files through test/fixtures.ts, whose paths must also hold when it is " +
          "compiled into dist/test/.",
      );
    }
  }
}

function progress(line: string): void {
  process.stderr.write(`bench: ${line}\n`);
}

/** What a registered step measured, when it ran to the end. */
function stepResult<T>(reports: readonly StepReport[], name: string): T | undefined {
  const report = reports.find((r) => r.name === name);
  return report?.status === "ok" ? (report.outcome.result as T) : undefined;
}

function stepLines(report: StepReport): string[] {
  if (report.status === "ok") return report.outcome.lines;
  return [`${report.name}: ${report.status} after ${report.ms} ms: ${report.error}`];
}

async function runRegistered(names: readonly string[] | null): Promise<StepReport[]> {
  const chosen = registeredSteps().filter((s) => names === null || names.includes(s.name));
  const reports: StepReport[] = [];
  for (const step of chosen) {
    progress(`${step.name}: ${step.description}`);
    const report = await runStep(step, { quick, progress });
    reports.push(report);
    process.stdout.write(`${stepLines(report).join("\n")}\n`);
  }
  return reports;
}

async function main(): Promise<void> {
  if (only !== null) {
    const known = registeredSteps().map((s) => s.name);
    if (!known.includes(only)) {
      throw new Error(`bench: no step named "${only}"; the steps are: ${known.join(", ")}`);
    }
    checkFixtures();
    const [report] = await runRegistered([only]);
    if (report?.status !== "ok") process.exitCode = 1;
    return;
  }
  const started = nowMs();
  checkFixtures();
  if (!collectGarbage()) progress("run node with --expose-gc for memory numbers after a full GC");
  const machine = describeMachine();

  const steps = await runRegistered(null);
  // Each step's figures also go into the targets table (none for a step that did not finish).
  const engine = stepResult<EngineResult>(steps, engineWallStep.name);
  const slack = stepResult<SlackResult>(steps, slackStep.name);
  const digest = stepResult<DigestResult>(steps, digestStep.name);
  const memory = stepResult<MemoryResult>(steps, memoryStep.name);
  const edgarCache = stepResult<EdgarCacheResult>(steps, edgarCacheStep.name);
  const alerts = stepResult<AlertsResult>(steps, alertsStep.name);
  const startup = stepResult<StartupResult>(steps, startupStep.name);
  // The engine's headline rows are its CPU figures to the named floors (bench/engine-cpu.ts).
  const engineCpu = stepResult<EngineCpuResult>(steps, engineStep.name);
  const acks = stepResult<AckCase[]>(steps, acksStep.name);
  const history = stepResult<HistoryBenchResult>(steps, historyStep.name);

  const partial = {
    generatedAt: new Date().toISOString(),
    durationMs: Math.round(nowMs() - started),
    quick,
    machine,
    engine,
    engineCpu,
    slack,
    digest,
    memory,
    startup,
    edgarCache,
    alerts,
    acks,
    history,
    steps,
  };
  const results: Results = { ...partial, targets: targets(partial) };

  process.stdout.write(`${printout(results)}\n`);
  if (slack && slack.warnings.length > 0) {
    process.stdout.write(`\nThe app logged:\n${slack.warnings.join("\n")}\n`);
  }
  if (quick) return;

  const root = repositoryRoot();
  // Written whole, then renamed: an interrupted run never leaves half a file.
  const tmp = join(root, "bench", "results.tmp.json");
  mkdirSync(join(root, "bench"), { recursive: true });
  writeFileSync(tmp, `${JSON.stringify(results, null, 2)}\n`);
  renameSync(tmp, join(root, "bench", "results.json"));
  mkdirSync(join(root, "docs"), { recursive: true });
  writeFileSync(join(root, "docs", "benchmarks.md"), benchmarksPage(results));
  const readme = join(root, "README.md");
  writeFileSync(readme, readmeWithResults(readFileSync(readme, "utf8"), results));
  progress(`wrote bench/results.json, docs/benchmarks.md and README.md's table in ${root}`);
}

try {
  await main();
} catch (error) {
  // One line for what a person can fix; the stack only for what they cannot.
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(
    message.startsWith("bench:") ? `${message}\n` : `${(error as Error).stack ?? message}\n`,
  );
  process.exitCode = 1;
}
