// EDGAR's throttle: a client over 10 requests a second gets 403 with the "Request Rate Threshold
// Exceeded" page, and its address stays blocked until its requests have stayed under the limit for
// 10 minutes (more requests extend the block). So on that page every request of every instance
// stops for 10 minutes: the gate below is closed, and each request checks it before it leaves.
// In one process the gate is in memory; with STORE_URL=redis://… it lives in Redis (redis-gate.ts)
// so all instances stop together.

/** How long EDGAR blocks an address once it throttled it (the SEC's published 10 minutes). */
export const THROTTLE_BLOCK_MS = 10 * 60_000;

export interface ThrottleGate {
  /** When EDGAR may be asked again (epoch ms), or 0 when the gate is open. */
  closedUntil(): Promise<number>;
  /** Close the gate for everyone until `until` (epoch ms); never shortens a longer closing. */
  closeUntil(until: number): Promise<void>;
}

/** The title of EDGAR's throttle page (the 403 for a missing User-Agent has another title). */
const THROTTLE_TITLE = /<title>[^<]*Request Rate Threshold Exceeded/i;

/** Is this 403 body EDGAR's throttle page? */
export function isThrottlePage(body: string): boolean {
  return THROTTLE_TITLE.test(body);
}

export function memoryGate(now: () => number = Date.now): ThrottleGate {
  let until = 0;
  return {
    async closedUntil() {
      return until > now() ? until : 0;
    },
    async closeUntil(t) {
      until = Math.max(until, t);
    },
  };
}

// One gate per set of EDGAR hosts for the whole process (as for the limiter, limiter.ts).
const shared = new Map<string, ThrottleGate>();
const MAX_SHARED = 32;

/** The process-wide gate for these EDGAR hosts. */
export function sharedThrottleGate(hosts: string[]): ThrottleGate {
  const key = [...hosts].sort().join(" ");
  let gate = shared.get(key);
  if (!gate) {
    if (shared.size >= MAX_SHARED) {
      const oldest = shared.keys().next().value;
      if (oldest !== undefined) shared.delete(oldest);
    }
    gate = memoryGate();
    shared.set(key, gate);
  }
  return gate;
}

/** "10 minutes", "1 minute", "40 seconds": how long until `until`. */
export function waitText(until: number, now: number): string {
  const s = Math.max(1, Math.ceil((until - now) / 1000));
  if (s < 60) return `${s} ${s === 1 ? "second" : "seconds"}`;
  const m = Math.ceil(s / 60);
  return `${m} ${m === 1 ? "minute" : "minutes"}`;
}
