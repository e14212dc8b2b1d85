// The SEC allows 10 requests per second from one client; over that it blocks the address for a
// while. Every request to EDGAR (each retry and each redirect hop too) first takes a slot here.
//
// Why not a plain "10 starts per second" throttle: the SEC counts requests as they ARRIVE. Two
// requests that leave 1000 ms apart can arrive closer together (a fresh connection is slower than a
// reused one), and the tests saw 20 in one second that way. So a request holds its slot from the
// moment it leaves until EDGAR's answer comes back (which is after EDGAR saw it), and only then
// counts for a further second. A new request leaves only when fewer than 10 are running or
// answered within the last second; then no second at EDGAR's side can see more than 10 arrive.
//
// Who goes first: a request someone is waiting for (a command, an unfurl) before background work
// (a digest, a 300-filing history), so a long history never holds a person's lookup behind its
// queue. Background requests still get every slot interactive ones leave free.

import { LRUCache } from "lru-cache";

/** "interactive": a person waits for the answer; "background": digests, history, catch-up. */
export type RequestPriority = "interactive" | "background";

/**
 * A request's priority, or a function asked each time the limiter chooses (a background request
 * a person then joins, through the client's single flight, becomes interactive while it waits).
 */
export type PriorityOf = RequestPriority | (() => RequestPriority);

export interface RequestLimiter {
  /** Resolves when one more request may leave; call the returned function once it is answered (or failed). */
  acquire(priority?: PriorityOf): Promise<() => void>;
}

/** Waiters, interactive ones first; first come first served within each. */
export class PriorityWaiters<T> {
  private readonly waiting: { waiter: T; priority: () => RequestPriority }[] = [];

  get length(): number {
    return this.waiting.length;
  }

  push(waiter: T, priority: PriorityOf = "interactive"): void {
    this.waiting.push({
      waiter,
      priority: typeof priority === "function" ? priority : () => priority,
    });
  }

  /** The first interactive waiter, else the first: a scan, as the line is short (tens). */
  shift(): T | undefined {
    const i = this.waiting.findIndex((w) => w.priority() === "interactive");
    return this.waiting.splice(i === -1 ? 0 : i, 1)[0]?.waiter;
  }
}

export const EDGAR_REQUESTS_PER_SECOND = 10;

export function createRequestLimiter(
  options: { limit?: number; intervalMs?: number; clock?: () => number } = {},
): RequestLimiter {
  const limit = options.limit ?? EDGAR_REQUESTS_PER_SECOND;
  const intervalMs = options.intervalMs ?? 1000;
  const clock = options.clock ?? (() => performance.now());
  /** When recent requests were answered, oldest first; never more than `limit` entries. */
  const answered: number[] = [];
  const waiting = new PriorityWaiters<() => void>();
  let running = 0;
  let timer: NodeJS.Timeout | null = null;

  const pump = () => {
    const now = clock();
    while (answered.length > 0 && now - (answered[0] ?? 0) >= intervalMs) answered.shift();
    while (waiting.length > 0 && running + answered.length < limit) {
      running++;
      waiting.shift()?.();
    }
    // Full and nothing running to free a slot: wake when the oldest answer leaves the window.
    if (waiting.length > 0 && timer === null && answered.length > 0) {
      const wait = (answered[0] ?? now) + intervalMs - now;
      timer = setTimeout(
        () => {
          timer = null;
          pump();
        },
        Math.max(1, Math.ceil(wait)),
      );
    }
  };

  return {
    acquire(priority = "interactive") {
      return new Promise<() => void>((resolve) => {
        waiting.push(() => {
          let released = false;
          resolve(() => {
            if (released) return;
            released = true;
            running--;
            answered.push(clock());
            pump();
          });
        }, priority);
        pump();
      });
    },
  };
}

// One limiter per set of EDGAR hosts for the whole process, so commands, unfurls and digests (and
// any second client someone creates) share the SEC's 10 per second. Bounded: a process talks to
// one EDGAR (tests start a stand-in per file, hence a small cap rather than none).
const MAX_SHARED = 32;
const shared = new LRUCache<string, RequestLimiter>({ max: MAX_SHARED });

/** The process-wide limiter for these EDGAR hosts. */
export function sharedRequestLimiter(hosts: string[]): RequestLimiter {
  const key = [...hosts].sort().join(" ");
  let limiter = shared.get(key);
  if (!limiter) {
    limiter = createRequestLimiter();
    shared.set(key, limiter);
  }
  return limiter;
}
