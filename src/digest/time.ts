// Wall-clock arithmetic for the digest, in IANA time zones (dayjs + utc + timezone plugins, which
// read the zone rules from Intl). Pure: every function takes the instant it works on.

import dayjs from "dayjs";
import timezone from "dayjs/plugin/timezone.js";
import utc from "dayjs/plugin/utc.js";

dayjs.extend(utc);
dayjs.extend(timezone);

/** EDGAR dates its filings in Eastern time. */
export const EDGAR_TIME_ZONE = "America/New_York";

/** The calendar date (YYYY-MM-DD) at instant `t` in `timeZone`. */
export function localDate(t: number, timeZone: string): string {
  return dayjs(t).tz(timeZone).format("YYYY-MM-DD");
}

/** The EDGAR (Eastern) date at instant `t`. */
export function edgarDate(t: number): string {
  return localDate(t, EDGAR_TIME_ZONE);
}

/** The instant of wall-clock `time` ("HH:mm") on `date` in `timeZone`. */
export function instantAt(date: string, time: string, timeZone: string): number {
  return dayjs.tz(`${date} ${time}`, "YYYY-MM-DD HH:mm", timeZone).valueOf();
}

/** `date` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  return dayjs.utc(date).add(days, "day").format("YYYY-MM-DD");
}

/** "Tue Nov 24 18:00" in the channel's time zone, for "since …" lines. */
export function formatWhen(t: number, timeZone: string): string {
  return dayjs(t).tz(timeZone).format("ddd MMM D HH:mm");
}

/**
 * A time of day for "alerted 14:02" in the channel's time zone: "14:02" on the day of `now`,
 * "Tue 18:05" within the week before, "Nov 24 18:05" earlier.
 */
export function formatClock(t: number, timeZone: string, now: number): string {
  const at = dayjs(t).tz(timeZone);
  const today = dayjs(now).tz(timeZone);
  if (at.format("YYYY-MM-DD") === today.format("YYYY-MM-DD")) return at.format("HH:mm");
  if (today.diff(at, "day", true) < 6) return at.format("ddd HH:mm");
  return at.format("MMM D HH:mm");
}

/** "Wed Mar 18, 2020" for a YYYY-MM-DD date. */
export function formatDay(date: string): string {
  return dayjs.utc(date).format("ddd MMM D, YYYY");
}
