// The benchmark's steps, registered by name, so each helper's measurement lives in its own
// bench/<name>.ts and `npm run bench -- --only <name>` runs one alone. Every step runs under a
// timeout: a step that overruns is reported as timed out, and the run goes on.

export interface StepContext {
  /** `--quick`: a few repetitions, for a smoke run. */
  quick: boolean;
  progress(line: string): void;
  /** Aborted when the step's time is up: long steps check it between repeats and stop early. */
  signal: AbortSignal;
}

export interface StepOutcome {
  /** What the step prints, already formatted. */
  lines: string[];
  /** What the step measured, for results.json. */
  result: unknown;
}

export interface BenchStep {
  name: string;
  /** One line for the progress output. */
  description: string;
  /** Longest the step may run (wall clock, ms). */
  timeoutMs: number;
  run(context: StepContext): Promise<StepOutcome>;
}

const steps = new Map<string, BenchStep>();

export function registerStep(step: BenchStep): void {
  if (steps.has(step.name)) throw new Error(`bench: two steps are named ${step.name}`);
  steps.set(step.name, step);
}

export function registeredSteps(): BenchStep[] {
  return [...steps.values()];
}

export type StepReport =
  | { name: string; status: "ok"; ms: number; outcome: StepOutcome }
  | { name: string; status: "timeout" | "failed"; ms: number; error: string };

/** Run one step under its timeout; a failure or an overrun is a report, never a crash or a hang. */
export async function runStep(
  step: BenchStep,
  context: Omit<StepContext, "signal">,
): Promise<StepReport> {
  const started = performance.now();
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const overrun = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve("timeout");
    }, step.timeoutMs);
    timer.unref();
  });
  try {
    const outcome = await Promise.race([
      step.run({ ...context, signal: controller.signal }),
      overrun,
    ]);
    const ms = Math.round(performance.now() - started);
    // A step that holds the thread (synchronous work) cannot be interrupted: past its time it is
    // still a timeout, seen when it returns.
    if (outcome === "timeout" || ms > step.timeoutMs) {
      return {
        name: step.name,
        status: "timeout",
        ms,
        error: `did not finish within ${step.timeoutMs / 1000} s`,
      };
    }
    return { name: step.name, status: "ok", ms, outcome };
  } catch (error) {
    const ms = Math.round(performance.now() - started);
    return {
      name: step.name,
      status: "failed",
      ms,
      error: error instanceof Error ? error.message : String(error),
    };
  } finally {
    clearTimeout(timer);
  }
}
