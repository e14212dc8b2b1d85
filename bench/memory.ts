// Step 5, memory, as a registered step (`npm run bench -- --only memory`): bench/memory-process.ts
// in a process of its own (so its figures are its own), stopped when the step's time is up.

import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { MemoryResult } from "./memory-process.js";
import type { BenchStep } from "./steps.js";

export function memoryInChild(cycles: number, signal?: AbortSignal): Promise<MemoryResult> {
  const script = fileURLToPath(new URL("./memory-process.js", import.meta.url));
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--expose-gc", script, String(cycles)],
      { maxBuffer: 1024 * 1024, ...(signal ? { signal } : {}) },
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

export const memoryStep: BenchStep = {
  name: "memory",
  description: "memory of the engine and of cached fetches, in a process of its own",
  timeoutMs: 4 * 60_000,
  async run({ quick, signal }) {
    const m = await memoryInChild(quick ? 1000 : 10_000, signal);
    return {
      lines: [
        `memory: idle ${m.idle.rssMB} MB RSS / ${m.idle.heapUsedMB} MB heap; after ${m.summaries} parse + summarize + render ${m.afterSummaries.rssMB} / ${m.afterSummaries.heapUsedMB} MB, after as many more ${m.afterMoreSummaries.rssMB} / ${m.afterMoreSummaries.heapUsedMB} MB; after ${m.fetches} fetches ${m.afterFetches.rssMB} / ${m.afterFetches.heapUsedMB} MB`,
      ],
      result: m,
    };
  },
};
