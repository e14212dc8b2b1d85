// The window of a history: "3m", "6m", "1y", "2y" (or any N months / N years up to 5 years), or a
// first date, ending on a date the caller passes in (no clock here). Pure.

import type { HistoryWindow } from "./model.js";

export const DEFAULT_WINDOW_MONTHS = 12;
export const MAX_WINDOW_MONTHS = 60;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date as YYYY-MM-DD, or null ("2025-02-30" is not one). */
export function isoDate(text: string): string | null {
  const m = ISO.exec(text.trim());
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  const iso = d.toISOString().slice(0, 10);
  return iso === text.trim() ? iso : null;
}

/** "3m" → 3, "1y" → 12, "18M" → 18; null when it is not a length (or longer than 5 years). */
export function parseWindowLength(text: string): number | null {
  const m = /^(\d{1,3})\s*(m|mo|months?|y|yr|years?)$/i.exec(text.trim());
  if (!m) return null;
  const n = Number(m[1]);
  const months = /^m/i.test(m[2] ?? "") ? n : n * 12;
  return months >= 1 && months <= MAX_WINDOW_MONTHS ? months : null;
}

/** The day after the same day `months` earlier: 12 months up to 2026-12-01 start on 2025-12-02. */
export function windowOfMonths(months: number, until: string): HistoryWindow {
  const end = isoDate(until);
  if (!end) throw new RangeError(`not a date: ${until}`);
  const [y, m, d] = end.split("-").map(Number) as [number, number, number];
  const targetMonth = m - 1 - months;
  // Clamp the day to the target month's length (Mar 31 minus one month is Feb 28/29).
  const lastDay = new Date(Date.UTC(y, targetMonth + 1, 0)).getUTCDate();
  const start = new Date(Date.UTC(y, targetMonth, Math.min(d, lastDay) + 1));
  return { since: start.toISOString().slice(0, 10), until: end };
}

/** Every month the window touches, "YYYY-MM", in order. */
export function monthsOf(window: HistoryWindow): string[] {
  const out: string[] = [];
  let [y, m] = window.since.split("-").map(Number) as [number, number];
  const last = window.until.slice(0, 7);
  for (let guard = 0; guard < 1200; guard++) {
    const key = `${y}-${String(m).padStart(2, "0")}`;
    if (key > last) break;
    out.push(key);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/** Shown to people: "12 months", "6 months", "2 years". */
export function windowWords(months: number): string {
  if (months % 12 === 0) return months === 12 ? "12 months" : `${months / 12} years`;
  return months === 1 ? "1 month" : `${months} months`;
}
