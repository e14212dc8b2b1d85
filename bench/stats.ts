// Numbers over repeated runs: medians and p99s (nearest rank), and a monotonic clock in ms.

import { performance } from "node:perf_hooks";

/** Monotonic milliseconds (performance.now: sub-millisecond, never goes back). */
export function nowMs(): number {
  return performance.now();
}

/** The q-quantile (0..1) by nearest rank: a value that was actually measured, never interpolated. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export interface Distribution {
  n: number;
  median: number;
  p99: number;
  min: number;
  max: number;
}

export function distribution(values: readonly number[]): Distribution {
  return {
    n: values.length,
    median: quantile(values, 0.5),
    p99: quantile(values, 0.99),
    min: values.length ? Math.min(...values) : Number.NaN,
    max: values.length ? Math.max(...values) : Number.NaN,
  };
}

/** Rounded for the JSON file and the table: enough digits to compare runs, no false precision. */
export function round(value: number, digits = 2): number {
  if (!Number.isFinite(value)) return value;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function roundDistribution(d: Distribution, digits = 2): Distribution {
  return {
    n: d.n,
    median: round(d.median, digits),
    p99: round(d.p99, digits),
    min: round(d.min, digits),
    max: round(d.max, digits),
  };
}

/** Full garbage collection when node runs with --expose-gc (npm run bench does); else nothing. */
export function collectGarbage(): boolean {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return false;
  // Twice: the first pass can leave objects whose finalizers free more.
  gc();
  gc();
  return true;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
