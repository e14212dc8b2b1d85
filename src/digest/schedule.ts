// When a channel's digest is due. The decision is a pure function of (settings, cursor, now), so
// tests drive it with any clock; in production a croner job ticks every minute and asks.
// Digests post on NYSE market days only, at the channel's local time. After downtime the latest
// missed slot is due at once (one digest covering everything since the cursor), never skipped.

import { Cron } from "croner";
import { isMarketDay } from "../form4/calendar.js";
import type { ChannelCursor } from "./cursor.js";
import type { DigestSettings } from "./settings.js";
import { addDays, instantAt, localDate } from "./time.js";

type Schedule = Pick<DigestSettings, "time" | "timeZone">;

/** Looking further back than this for a market day means the calendar is broken. */
const MAX_DAYS_WITHOUT_MARKET = 14;

/** The latest scheduled instant at or before `now` (on a market day in the channel's zone). */
export function latestSlot(schedule: Schedule, now: number): number | null {
  let date = localDate(now, schedule.timeZone);
  for (let i = 0; i <= MAX_DAYS_WITHOUT_MARKET; i++) {
    if (isMarketDay(date)) {
      const t = instantAt(date, schedule.time, schedule.timeZone);
      if (t <= now) return t;
    }
    date = addDays(date, -1);
  }
  return null;
}

/** The first scheduled instant after `now`. */
export function nextSlot(schedule: Schedule, now: number): number | null {
  let date = localDate(now, schedule.timeZone);
  for (let i = 0; i <= MAX_DAYS_WITHOUT_MARKET; i++) {
    if (isMarketDay(date)) {
      const t = instantAt(date, schedule.time, schedule.timeZone);
      if (t > now) return t;
    }
    date = addDays(date, 1);
  }
  return null;
}

/**
 * The slot whose digest is due now, or null. A slot is due when it is the latest one, came after
 * the schedule was set, was not done yet, and is not waiting for a retry.
 */
export function dueSlot(
  settings: DigestSettings,
  cursor: ChannelCursor,
  now: number,
): number | null {
  if (!settings.enabled) return null;
  const slot = latestSlot(settings, now);
  if (slot === null || slot < settings.scheduleFrom) return null;
  if (cursor.lastSlot !== null && slot <= cursor.lastSlot) return null;
  if (cursor.retry && cursor.retry.slot === slot && now < cursor.retry.at) return null;
  return slot;
}

export interface Ticker {
  /** When the next tick fires (null once stopped). */
  nextRun(): Date | null;
  stop(): void;
}

/**
 * Call `tick` at the start of every minute (croner). A tick still running when the next is due
 * makes that one skip (croner's overrun protection), so ticks never pile up.
 */
export function everyMinute(tick: () => Promise<void>, onError: (error: unknown) => void): Ticker {
  const job = new Cron("0 * * * * *", { protect: true, catch: onError }, async () => {
    await tick();
  });
  return { nextRun: () => job.nextRun(), stop: () => job.stop() };
}
