// `npm run bench`: every measurement of issue 6 in one run (about two minutes), written to
// bench/results.json and docs/benchmarks.md and printed. `--quick`: a smoke run with a few
// repetitions of each, printed only (nothing written).
//
//   1. engine      parse + summarize every fixture, next to the parser with no-op handlers (engine.ts)
//   engine         (a registered step) CPU per stage to the named tokenizer floors, and scaling
//                  (engine-cpu.ts): README's engine rows
//   2./3. slack    /form4 and an unfurl through the real Bolt app over HTTP (slack.ts)
//   4. digest      50 tickers, 200 filings, at the SEC's 10 requests a second (digest.ts)
//   5. memory      in a process of its own (memory-process.ts)
//   startup        (a registered step) `npm start` to listening, and `form4 summarize` on XML vs
//                  `node -e 0` (startup.ts)
//   alerts         (a registered step) a filing on EDGAR's live feed → its chat.postMessage; idle requests (alerts.ts)
//   history        (a registered step) a cold and a warm history of a 100-filing issuer (history.ts)

import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { FORM4_DIR, OWN_FIXTURES_DIR } from "../test/fixtures.js";
import { startEdgarStandIn } from "../test/stand-ins/edgar.js";
import { startSlackStandIn } from "../test/stand-ins/slack.js";
import { type AckCase, acksStep } from "./acks.js";
import { type AlertsResult, alertsStep } from "./alerts.js";
import { runDigest } from "./digest.js";
import { runEdgarCache } from "./edgar-cache.js";
import { loadInputs, runEngine } from "./engine.js";
import { type EngineCpuResult, engineStep } from "./engine-cpu.js";
import { type HistoryBenchResult, historyStep } from "./history.js";
import { describeMachine } from "./machine.js";
import type { MemoryResult } from "./memory-process.js";
import { benchmarksPage, printout, type Results, readmeWithResults, targets } from "./report.js";
import { runSlack } from "./slack.js";
import { type StartupResult, startupStep } from "./startup.js";
import { collectGarbage, nowMs } from "./stats.js";
import { registeredSteps, registerStep, runStep, type StepReport } from "./steps.js";

const quick = process.argv.includes("--quick");
/** `--only <step>`: run that registered step alone (see bench/steps.ts), print it, write nothing. */
const onlyAt = process.argv.indexOf("--only");
const only = onlyAt === -1 ? null : (process.argv[onlyAt + 1] ?? "");

// Steps in files of their own, one call each (bench/steps.ts).
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

function memoryInChild(cycles: number): Promise<MemoryResult> {
  const script = fileURLToPath(new URL("./memory-process.js", import.meta.url));
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--expose-gc", script, String(cycles)],
      { maxBuffer: 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`bench: the memory process failed: ${stderr || error.message}`));
          return;
        }
        resolve(JSON.parse(stdout.trim().split("\n").pop() ?? "{}") as MemoryResult);
      },
    );
  });
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

  progress("1/5 engine: parse + summarize every fixture, and the floors");
  const engine = runEngine(loadInputs(), {
    warmupRuns: quick ? 3 : 20,
    minRuns: quick ? 5 : 30,
    maxRuns: quick ? 20 : 2000,
    budgetMsPerForm: quick ? 300 : 5000,
  });

  progress("2/5 and 3/5 slack: /form4 and unfurls through the Bolt app over HTTP");
  const edgar = await startEdgarStandIn();
  const slackStandIn = await startSlackStandIn();
  let slack: Awaited<ReturnType<typeof runSlack>>;
  try {
    slack = await runSlack(edgar, slackStandIn, {
      coldRuns: quick ? 3 : 30,
      coldBurstRuns: quick ? 1 : 6,
      warmRuns: quick ? 10 : 200,
      warmBurstRuns: quick ? 2 : 20,
      coldUnfurlRuns: quick ? 1 : 8,
      warmUnfurlRuns: quick ? 5 : 100,
    });
  } finally {
    await edgar.close();
  }

  progress("4/5 digest: 50 tickers, 200 filings, at 10 requests a second");
  let digest: Awaited<ReturnType<typeof runDigest>>;
  try {
    digest = await runDigest(slackStandIn, {
      tickers: quick ? 10 : 50,
      filingsPerTicker: quick ? 2 : 4,
    });
    await digest.edgar.close();
  } finally {
    await slackStandIn.close();
  }

  progress("5/5 memory (a process of its own)");
  const memory = await memoryInChild(quick ? 1000 : 10_000);

  progress("EDGAR cache: size per 1,000 filings in SQLite and Redis, brotli CPU");
  const edgarCache = await runEdgarCache({ rounds: quick ? 2 : 5 });

  const steps = await runRegistered(null);
  // The alert step's figures also go into the targets table.
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
    digest: digest.result,
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
  if (slack.warnings.length > 0) {
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
