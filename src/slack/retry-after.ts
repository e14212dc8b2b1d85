// Slack's Web API rate limits (HTTP 429 + Retry-After), handled by the caller rather than inside
// the WebClient: the app's clients are made with `rejectRateLimitedCalls`, so a 429 comes back at
// once as an error carrying its Retry-After, and each caller decides how long it may wait. Only
// the call that was limited waits (the WebClient's own handling pauses every call of the client,
// all channels and workspaces, behind one channel's limit). A 429 means Slack did nothing, so
// trying the same call again never doubles a message.

import { setTimeout as sleep } from "node:timers/promises";
import { webApi } from "@slack/bolt";

/** How long Slack asked us to wait (ms), when `error` is a rate-limited call; otherwise null. */
export function retryAfterMs(error: unknown): number | null {
  if (!error || typeof error !== "object") return null;
  const { code, retryAfter } = error as { code?: unknown; retryAfter?: unknown };
  if (code !== webApi.ErrorCode.RateLimitedError || typeof retryAfter !== "number") return null;
  return Math.max(0, retryAfter) * 1000;
}

export interface RetryAfterOptions {
  /** The most this call may wait in all (ms); a Retry-After past it is thrown to the caller. */
  maxWaitMs: number;
  /** Stops a wait (shutdown): the call then throws its last rate-limited error. */
  signal?: AbortSignal;
  /** Told before each wait (for the log). */
  onWait?: (waitMs: number) => void;
}

/**
 * Runs `call`, and again after each Retry-After Slack answers, waited in full, for as long as the
 * waits add up to at most `maxWaitMs`. Other errors are thrown as they come.
 */
export async function honouringRetryAfter<T>(
  call: () => Promise<T>,
  { maxWaitMs, signal, onWait }: RetryAfterOptions,
): Promise<T> {
  let waited = 0;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      const wait = retryAfterMs(error);
      if (wait === null || waited + wait > maxWaitMs || signal?.aborted) throw error;
      onWait?.(wait);
      try {
        await sleep(wait, undefined, { signal });
      } catch {
        throw error;
      }
      waited += wait;
    }
  }
}
