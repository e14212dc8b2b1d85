// A renewable lease held while work goes on: taken with the store's atomic acquire, renewed on a
// timer well before it runs out, released when the work ends (or at shutdown). A holder that
// crashes stops renewing, so the key is free again one lease period later, not after the longest
// the work could ever take. When a renewal finds the lease gone (it ran out while the process was
// stalled, or someone else took it) `signal` aborts: the work must stop before its next side effect.

import { randomUUID } from "node:crypto";
import type { Store } from "./store.js";

export interface Lease {
  readonly key: string;
  readonly owner: string;
  /** Aborted when the lease is lost (not when it is released). */
  readonly signal: AbortSignal;
  /** true while this holder may still act on the lease. */
  held(): boolean;
  /** Stop renewing and give the key back (idempotent). */
  release(): Promise<void>;
}

export interface LeaseOptions {
  ttlMs: number;
  /** How often to renew; default a third of the TTL, so two renewals can fail before it runs out. */
  renewEveryMs?: number;
  /** Default: a fresh id per lease. */
  owner?: string;
  /** A renewal that failed (store unreachable); the lease is kept until it actually runs out. */
  onRenewError?: (error: unknown) => void;
}

/** Leases this process holds, so shutdown can release them all. */
export class LeaseRegistry {
  private readonly leases = new Set<Lease>();

  add(lease: Lease): void {
    this.leases.add(lease);
  }

  delete(lease: Lease): void {
    this.leases.delete(lease);
  }

  get size(): number {
    return this.leases.size;
  }

  async releaseAll(): Promise<void> {
    await Promise.all([...this.leases].map((l) => l.release().catch(() => {})));
  }
}

/** Take `key` as a renewing lease; null when someone else holds it. */
export async function takeLease(
  store: Store,
  key: string,
  options: LeaseOptions,
  registry?: LeaseRegistry,
): Promise<Lease | null> {
  const owner = options.owner ?? randomUUID();
  const ttlMs = options.ttlMs;
  if (!(await store.acquire(key, owner, ttlMs))) return null;
  const every = options.renewEveryMs ?? Math.max(1, Math.floor(ttlMs / 3));
  const lost = new AbortController();
  // Our own clock: a renewal that does not come back in time means the lease may be gone.
  let validUntil = Date.now() + ttlMs;
  let released = false;
  let timer: NodeJS.Timeout | null = null;

  const stop = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  const renewOnce = async () => {
    const asked = Date.now();
    try {
      if (await store.renew(key, owner, ttlMs)) validUntil = asked + ttlMs;
      else if (!released) {
        stop();
        lost.abort(new Error(`lease ${key} was lost`));
        return;
      }
    } catch (error) {
      options.onRenewError?.(error);
      if (Date.now() >= validUntil && !released) {
        stop();
        lost.abort(new Error(`lease ${key} ran out while the store was unreachable`));
        return;
      }
    }
    schedule();
  };
  const schedule = () => {
    if (released || lost.signal.aborted) return;
    timer = setTimeout(() => void renewOnce(), every);
    // A lease alone never keeps the process alive.
    timer.unref();
  };
  schedule();

  const lease: Lease = {
    key,
    owner,
    signal: lost.signal,
    held: () => !released && !lost.signal.aborted && Date.now() < validUntil,
    async release() {
      if (released) return;
      released = true;
      stop();
      registry?.delete(lease);
      await store.release(key, owner);
    },
  };
  registry?.add(lease);
  return lease;
}
