// Start-up costs a person (or a restart loop) pays:
//   1. `npm start`'s process (bin/start.js, the built bot) from spawn to "form4 is running", in HTTP
//      mode against the Slack stand-in with the embedded defaults otherwise (SQLite store in a temp
//      folder). Wall time (target < 1 s) and the process's CPU at that moment (/proc).
//   2. `form4 summarize <EDGAR XML>` in CPU time, ÷ the floor `node -e 0` (target ≤ 2.5×), both
//      with the same preload reporting their CPU at exit, alternated so load drifts hit both alike.
// Run alone: `npm run bench -- --only startup` (or `npm run build && node dist/bench/startup.js`).

import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { FORM4_DIR } from "../test/fixtures.js";
import { startSlackStandIn } from "../test/stand-ins/slack.js";
import { type Distribution, distribution, nowMs, round, roundDistribution } from "./stats.js";
import type { BenchStep } from "./steps.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const START = join(ROOT, "bin", "start.js");
const CLI = join(ROOT, "bin", "form4.js");
const PRELOAD = fileURLToPath(new URL("./cpu-at-exit.js", import.meta.url));
export const STARTUP_XML = join(FORM4_DIR, "arec-golden-properties-2024-07-19.xml");

export interface StartupResult {
  /** Spawn → "form4 is running", ms. */
  botListeningMs: Distribution;
  /** The bot's CPU when it said so, ms (10 ms ticks). */
  botCpuMs: Distribution;
  /** `form4 summarize <xml>` CPU, ms. */
  cliCpuMs: Distribution;
  /** `node -e 0` CPU, ms. */
  floorCpuMs: Distribution;
  /** median CLI ÷ median floor. */
  cliRatio: number;
}

export interface StartupOptions {
  botRuns: number;
  cliRuns: number;
}

const TICKS_PER_SECOND = 100; // getconf CLK_TCK on Linux

/** utime + stime of a live process, ms (Linux). */
function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name, which is in parentheses and may contain spaces.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / TICKS_PER_SECOND;
}

async function botOnce(
  slackApiUrl: string,
  dataDir: string,
): Promise<{ wall: number; cpu: number }> {
  const started = nowMs();
  const child = spawn(process.execPath, [START], {
    cwd: dataDir,
    env: {
      PATH: process.env.PATH,
      SLACK_BOT_TOKEN: "xoxb-bench-start",
      SLACK_SIGNING_SECRET: "bench-start-secret",
      SLACK_API_URL: slackApiUrl,
      SEC_USER_AGENT: "form4 bench bench@example.com",
      PORT: "0",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  try {
    return await new Promise((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("form4 is running")) {
          const wall = nowMs() - started;
          resolve({ wall, cpu: processCpuMs(child.pid as number) });
        }
      };
      child.stdout.on("data", onData);
      child.stderr.on("data", onData);
      child.on("exit", (code) => reject(new Error(`bench: the bot exited (${code}): ${output}`)));
    });
  } finally {
    child.removeAllListeners("exit");
    child.kill("SIGTERM");
    await new Promise((r) => child.once("close", r));
  }
}

function cpuOfRun(args: readonly string[], cpuFile: string): number {
  const result = spawnSync(process.execPath, ["--import", PRELOAD, ...args], {
    env: { PATH: process.env.PATH, FORM4_BENCH_CPU_FILE: cpuFile, NO_COLOR: "1" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  if (result.status !== 0) throw new Error(`bench: ${args.join(" ")} failed: ${result.stderr}`);
  return Number(readFileSync(cpuFile, "utf8")) / 1000;
}

export async function runStartup(options: StartupOptions): Promise<StartupResult> {
  const dir = mkdtempSync(join(tmpdir(), "form4-bench-start-"));
  const slack = await startSlackStandIn();
  const wall: number[] = [];
  const botCpu: number[] = [];
  try {
    await botOnce(slack.url, dir); // warm the file cache; not counted
    for (let i = 0; i < options.botRuns; i++) {
      const run = await botOnce(slack.url, dir);
      wall.push(run.wall);
      botCpu.push(run.cpu);
    }
  } finally {
    await slack.close();
  }
  const cpuFile = join(dir, "cpu");
  const cli: number[] = [];
  const floor: number[] = [];
  cpuOfRun(["-e", "0"], cpuFile);
  cpuOfRun([CLI, "summarize", STARTUP_XML], cpuFile);
  for (let i = 0; i < options.cliRuns; i++) {
    floor.push(cpuOfRun(["-e", "0"], cpuFile));
    cli.push(cpuOfRun([CLI, "summarize", STARTUP_XML], cpuFile));
  }
  rmSync(dir, { recursive: true, force: true });
  const cliCpuMs = distribution(cli);
  const floorCpuMs = distribution(floor);
  return {
    botListeningMs: roundDistribution(distribution(wall), 0),
    botCpuMs: roundDistribution(distribution(botCpu), 0),
    cliCpuMs: roundDistribution(cliCpuMs, 1),
    floorCpuMs: roundDistribution(floorCpuMs, 1),
    cliRatio: round(cliCpuMs.median / floorCpuMs.median, 2),
  };
}

/** One line for the printout. */
export function startupLine(r: StartupResult): string {
  return (
    `start → listening: median ${r.botListeningMs.median} ms wall (${r.botListeningMs.min}–${r.botListeningMs.max}, n=${r.botListeningMs.n}), ` +
    `${r.botCpuMs.median} ms CPU (target < 1,000 ms); ` +
    `form4 summarize <xml>: ${r.cliCpuMs.median} ms CPU (${r.cliCpuMs.min}–${r.cliCpuMs.max}) vs node -e 0 ${r.floorCpuMs.median} ms (${r.floorCpuMs.min}–${r.floorCpuMs.max}) = ${r.cliRatio}× (target ≤ 2.5×)`
  );
}

export const startupStep: BenchStep = {
  name: "startup",
  description:
    "npm start to listening, and form4 summarize on XML vs node -e 0 (processes of their own)",
  timeoutMs: 5 * 60_000,
  async run({ quick }) {
    const result = await runStartup({ botRuns: quick ? 3 : 15, cliRuns: quick ? 5 : 40 });
    return { lines: [startupLine(result)], result };
  },
};

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const quick = process.argv.includes("--quick");
  const result = await runStartup({ botRuns: quick ? 3 : 15, cliRuns: quick ? 5 : 40 });
  process.stdout.write(`${startupLine(result)}\n${JSON.stringify(result, null, 2)}\n`);
}
