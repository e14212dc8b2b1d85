// The work that runs after Slack's 3-second ack (lookups, unfurls, watchlist and digest commands):
// a queue with a concurrency limit (p-queue), so however many commands arrive at once, only a few
// answers are being built at any moment and the acks of the requests still arriving never wait
// behind them. At shutdown it stops taking work, lets what it holds finish within a grace period,
// and then tells each person whose answer could not be finished.

import { AsyncResource } from "node:async_hooks";
import PQueue from "p-queue";

/** Answers built at once: enough to keep EDGAR's 10 requests a second busy, few enough for acks. */
export const DEFAULT_WORK_CONCURRENCY = 8;

export interface WorkLogger {
  warn(message: string, ...rest: unknown[]): void;
  error(message: string, ...rest: unknown[]): void;
}

/**
 * One job. `run` gets a signal aborted when shutdown gave up on it: from then on it must not
 * answer (the person has been told through `abandon`).
 */
export interface Job {
  /** For the log: "/form4 ASTI". */
  name: string;
  run(signal: AbortSignal): Promise<void>;
  /** Tells the person their answer could not be finished (absent: nobody to tell, e.g. an unfurl). */
  abandon?: () => Promise<void>;
}

export interface DrainResult {
  /** Jobs that finished during the grace period. */
  finished: number;
  /** Jobs given up on (their people told where they could be). */
  abandoned: number;
}

export class WorkQueue {
  private readonly queue: PQueue;
  private readonly log: WorkLogger | null;
  private readonly pending = new Map<Job, AbortController>();
  private closed = false;

  constructor(options: { concurrency?: number; logger?: WorkLogger } = {}) {
    this.queue = new PQueue({ concurrency: options.concurrency ?? DEFAULT_WORK_CONCURRENCY });
    this.log = options.logger ?? null;
  }

  /** false once shutdown began: the caller tells the person to try again. */
  get accepting(): boolean {
    return !this.closed;
  }

  /** Jobs queued or running. */
  get size(): number {
    return this.pending.size;
  }

  /**
   * Queue `job`. Resolves when it is done, failed (logged) or given up on at shutdown; false when
   * it was not taken (shutting down: check `accepting` first to tell the person).
   */
  async add(job: Job): Promise<boolean> {
    if (this.closed) return false;
    const controller = new AbortController();
    let settle = () => {};
    const settled = new Promise<void>((r) => {
      settle = r;
    });
    this.pending.set(job, controller);
    // Given up on at shutdown: the caller stops waiting, whatever the job is still doing.
    controller.signal.addEventListener("abort", () => settle(), { once: true });
    this.queue
      // Bound to the caller's async context, so the job's log lines name the request it answers
      // (the queue starts it later, from whichever job finished before).
      .add(
        AsyncResource.bind(async () => {
          if (controller.signal.aborted) return;
          await job.run(controller.signal);
        }),
      )
      .catch((error: unknown) => this.log?.error(`${job.name} failed`, error))
      .finally(() => {
        this.pending.delete(job);
        settle();
      });
    await settled;
    return true;
  }

  /**
   * Shutdown: take no more work, wait up to `graceMs` for the jobs held, then give up on the rest:
   * drop the queued ones, tell every person whose answer is not done, and return.
   */
  async drain(graceMs: number): Promise<DrainResult> {
    this.closed = true;
    const held = this.pending.size;
    if (held > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        this.queue.onIdle(),
        new Promise((r) => {
          timer = setTimeout(r, graceMs);
        }),
      ]);
      clearTimeout(timer);
    }
    const left = [...this.pending];
    this.queue.clear();
    for (const [, controller] of left) controller.abort();
    await Promise.all(
      left.map(async ([job]) => {
        this.pending.delete(job);
        this.log?.warn(`${job.name}: not finished before shutdown`);
        await job.abandon?.().catch((error: unknown) => {
          this.log?.error(`Could not tell the person that ${job.name} was not finished`, error);
        });
      }),
    );
    return { finished: held - left.length, abandoned: left.length };
  }
}
