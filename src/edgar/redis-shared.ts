// With STORE_URL=redis://… every instance (and a CLI beside them) shares one 10-a-second budget and
// one throttle gate through Redis, as the SEC counts "regardless of the number of machines".
//
// The budget keeps limiter.ts's rule across processes: a request holds one of 10 slots from the
// moment it leaves until EDGAR's answer is in and for one second after, so no second at EDGAR's
// side sees more than 10 arrive. The slots are a Redis counting semaphore (redis-semaphore, over
// ioredis): a crashed holder's slot frees itself after `lockTimeoutMs`. Why not a fixed-window
// counter (rate-limiter-flexible's RateLimiterRedis): its windows are whole seconds that start at
// their first request, so 10 at the end of one and 10 at the start of the next arrive within a few
// milliseconds, and it counts departures, not arrivals.

import type { Redis } from "ioredis";
import { Semaphore } from "redis-semaphore";
import {
  createRequestLimiter,
  EDGAR_REQUESTS_PER_SECOND,
  PriorityWaiters,
  type RequestLimiter,
} from "./limiter.js";
import type { ThrottleGate } from "./throttle.js";

export interface RedisLimiterOptions {
  /** Redis key of the semaphore; one per set of EDGAR hosts. */
  key: string;
  limit?: number;
  /** How long a slot stays taken after the answer. */
  holdMs?: number;
  /** A slot whose holder stopped refreshing it (a crash) is free after this long. */
  lockTimeoutMs?: number;
  /** How often a waiting process asks Redis again for a slot. */
  retryIntervalMs?: number;
  /** Used while Redis cannot be reached (the process keeps its own 10 a second). */
  fallback?: RequestLimiter;
}

export function createRedisRequestLimiter(
  redis: Redis,
  options: RedisLimiterOptions,
): RequestLimiter {
  const limit = options.limit ?? EDGAR_REQUESTS_PER_SECOND;
  const holdMs = options.holdMs ?? 1000;
  const lockTimeout = options.lockTimeoutMs ?? 60_000;
  const retryInterval = options.retryIntervalMs ?? 10;
  const fallback = options.fallback ?? createRequestLimiter({ limit });
  // Waiters of this process queue here, so only the first one polls Redis (not hundreds); a
  // person's lookup goes before this process's background work (across instances: first come).
  const queue = new PriorityWaiters<(release: () => void) => void>();
  let pumping = false;

  const takeSlot = async (): Promise<() => void> => {
    const slot = new Semaphore(redis, options.key, limit, {
      lockTimeout,
      acquireTimeout: 10 * 60_000,
      retryInterval,
      refreshInterval: lockTimeout * 0.5,
      onLockLost: () => {},
    });
    try {
      await slot.acquire();
    } catch {
      // Redis is down (or the wait timed out): this process's own limiter still keeps it to 10/s.
      return fallback.acquire();
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const t = setTimeout(() => slot.release().catch(() => undefined), holdMs);
      t.unref();
    };
  };

  const pump = async () => {
    if (pumping) return;
    pumping = true;
    try {
      while (queue.length > 0) {
        const release = await takeSlot();
        // The slot goes to whoever is first now: a lookup that came while we waited goes ahead.
        queue.shift()?.(release);
      }
    } finally {
      pumping = false;
    }
  };

  return {
    acquire(priority = "interactive") {
      return new Promise<() => void>((resolve) => {
        queue.push(resolve, priority);
        void pump();
      });
    },
  };
}

/** The throttle gate in Redis: one key holding "closed until", expiring when the block ends. */
export function redisThrottleGate(redis: Redis, key: string): ThrottleGate {
  return {
    async closedUntil() {
      const v = Number(await redis.get(key));
      return Number.isFinite(v) && v > Date.now() ? v : 0;
    },
    async closeUntil(until) {
      const ms = Math.round(until - Date.now());
      if (ms <= 0) return;
      // Never shorten a longer closing another instance recorded.
      await redis.eval(
        "local v = tonumber(redis.call('get', KEYS[1]) or '0') if tonumber(ARGV[1]) > v then redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2]) end return 1",
        1,
        key,
        String(Math.round(until)),
        String(ms),
      );
    },
  };
}
