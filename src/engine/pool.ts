// Filings are read in worker threads with a time budget. A filer controls the engine's input; the
// readers are linear on every input we know, and the budget holds against the ones nobody thought
// of: a filing that takes longer is stopped (its worker is ended and replaced) and reported as
// unreadable. The main thread's event loop stays free for Slack's 3-second acks meanwhile.

import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Piscina } from "piscina";
import { Form4ParseError } from "../form4/errors.js";
import type { ReadFiling, ReadOptions } from "../form4/read.js";
import type { ReadAnswer, ReadTask } from "./read-worker.js";

/** Longest a filing may take to read, from when it is handed to the pool. */
export const READ_DEADLINE_MS = 10_000;
/** Worker threads at most: the engine is CPU-bound, so more than the cores only queues. */
const MAX_THREADS = Math.max(1, Math.min(2, availableParallelism()));
/** An idle worker is ended after this (and a new one started on the next filing). */
const IDLE_MS = 60_000;

let pool: Piscina<ReadTask, ReadAnswer> | null = null;

/**
 * The compiled worker. Under the build it sits next to this file; when this file runs from the
 * TypeScript sources (tests), Node cannot load a .ts worker, so the build's copy is used.
 */
function workerFile(): string {
  const here = new URL("./read-worker.js", import.meta.url);
  if (!import.meta.url.endsWith(".ts")) return fileURLToPath(here);
  const built = fileURLToPath(new URL("../../dist/src/engine/read-worker.js", import.meta.url));
  if (!existsSync(built)) {
    throw new Error(`the filing reader's worker is not built (${built}); run npm run build`);
  }
  return built;
}

function readPool(): Piscina<ReadTask, ReadAnswer> {
  pool ??= new Piscina<ReadTask, ReadAnswer>({
    filename: workerFile(),
    maxThreads: MAX_THREADS,
    minThreads: 0,
    idleTimeout: IDLE_MS,
  });
  return pool;
}

export interface BoundedReadOptions extends ReadOptions {
  /** Time budget in ms (default READ_DEADLINE_MS). */
  deadlineMs?: number;
}

/**
 * Parse and summarize one filing in a worker. Rejects with Form4ParseError when the input is not a
 * readable Form 4, and when reading it takes longer than the budget.
 */
export async function readFilingBounded(
  input: string | Uint8Array,
  options: BoundedReadOptions = {},
): Promise<ReadFiling> {
  const { deadlineMs = READ_DEADLINE_MS, ...readOptions } = options;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), deadlineMs);
  let answer: ReadAnswer;
  try {
    answer = await readPool().run({ input, options: readOptions }, { signal: controller.signal });
  } catch (error) {
    if (controller.signal.aborted) {
      throw new Form4ParseError(
        `reading the filing took longer than ${formatSeconds(deadlineMs)}; it was stopped and is not read`,
        { where: "time budget" },
      );
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
  if (!answer.ok) throw new Form4ParseError(answer.message, answer);
  return answer.read;
}

function formatSeconds(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

/** Whether the pool is up (it starts on the first read, and closeReadPool ends it). */
export function readPoolOpen(): boolean {
  return pool !== null;
}

/** End the workers (for a graceful shutdown; the pool starts again on the next read). */
export async function closeReadPool(): Promise<void> {
  const p = pool;
  pool = null;
  await p?.destroy();
}
