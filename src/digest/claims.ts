// The claims that make digests exactly-once and state edits safe across instances. Every claim is
// the store's atomic set-if-absent with an expiry (src/store.ts); digest and market claims are
// leases (src/lease.ts) renewed while the work goes on, so a crashed holder blocks a channel for
// one lease period, not for the longest a digest could take.

import type { Store } from "../store.js";

/** Held while one digest of a channel is built and posted (scheduled or "digest now"). */
export function digestClaimKey(channel: string): string {
  return `digest:${channel}`;
}

/** Held while one instance reads the day's EDGAR index for the market digest. */
export function marketClaimKey(date: string): string {
  return `market:${date}`;
}

/** Held for a read-modify-write of one state record (a watchlist, the channel registry…). */
export function editLockKey(record: string): string {
  return `edit:${record}`;
}

/**
 * The lease period of a channel's digest (renewed every third of it while the digest runs): a
 * crash mid-digest delays that channel's digest by at most this much (the next holder re-posts
 * nothing already recorded, and nothing is skipped because the cursor moves with each post).
 */
export const DIGEST_CLAIM_TTL_MS = 60_000;
/** The lease period of reading one day's EDGAR index for the market section. */
export const MARKET_CLAIM_TTL_MS = 60_000;
const EDIT_LOCK_TTL_MS = 10_000;
const EDIT_LOCK_WAIT_MS = 5_000;
const EDIT_LOCK_RETRY_MS = 20;

/** Someone else kept a state record locked for longer than we wait. */
export class StateBusyError extends Error {
  override readonly name = "StateBusyError";
  readonly record: string;
  constructor(record: string) {
    super(`Another instance is still changing ${record}; try again in a few seconds.`);
    this.record = record;
  }
}

/**
 * Run `edit` while holding the edit lock of `record`, so two instances changing the same
 * watchlist at once cannot overwrite each other. Waits up to a few seconds for the lock.
 */
export async function withEditLock<T>(
  store: Store,
  record: string,
  edit: () => Promise<T>,
): Promise<T> {
  const key = editLockKey(record);
  const deadline = Date.now() + EDIT_LOCK_WAIT_MS;
  while (!(await store.claim(key, EDIT_LOCK_TTL_MS))) {
    if (Date.now() > deadline) throw new StateBusyError(record);
    await new Promise((r) =>
      setTimeout(r, EDIT_LOCK_RETRY_MS + Math.random() * EDIT_LOCK_RETRY_MS),
    );
  }
  try {
    return await edit();
  } finally {
    await store.release(key);
  }
}
