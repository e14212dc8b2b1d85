// A channel's digest settings: when it posts (default 18:00 America/New_York, NYSE market days),
// whether it is on, and whether the market-wide section is added. Stored per channel.

import type { Store } from "../store.js";
import { withEditLock } from "./claims.js";
import { channelRecordKey, registerChannel, stateKv } from "./state.js";

export const DEFAULT_DIGEST_TIME = "18:00";
export const DEFAULT_TIME_ZONE = "America/New_York";

export interface DigestSettings {
  enabled: boolean;
  /** Local wall-clock time "HH:mm" (24 h). */
  time: string;
  /** IANA time zone the time is read in. */
  timeZone: string;
  /** Also post the day's largest insider purchases and sales across EDGAR. */
  market: boolean;
  /**
   * Epoch ms from which scheduled times count: set when the schedule is created or changed, so a
   * time that already passed today does not fire the moment it is set.
   */
  scheduleFrom: number;
}

export function defaultSettings(now: number): DigestSettings {
  return {
    enabled: true,
    time: DEFAULT_DIGEST_TIME,
    timeZone: DEFAULT_TIME_ZONE,
    market: false,
    scheduleFrom: now,
  };
}

/** A time or time zone a person typed that we cannot use; `message` says why, for them. */
export class DigestSettingsError extends Error {
  override readonly name = "DigestSettingsError";
}

export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * "18:00", "6pm", "6:30 pm", "0930" → "HH:mm". Anything else → DigestSettingsError.
 */
export function parseDigestTime(raw: string): string {
  const s = raw.trim().toLowerCase().replace(/\s+/g, "");
  let m = /^(\d{1,2})(?::?(\d{2}))?(am|pm)$/.exec(s);
  if (m) {
    let hour = Number(m[1]);
    const minute = Number(m[2] ?? "0");
    if (hour < 1 || hour > 12 || minute > 59) throw badTime(raw);
    if (m[3] === "am" && hour === 12) hour = 0;
    if (m[3] === "pm" && hour !== 12) hour += 12;
    return hhmm(hour, minute);
  }
  m = /^(\d{1,2}):?(\d{2})$/.exec(s);
  if (m) {
    const hour = Number(m[1]);
    const minute = Number(m[2]);
    if (hour > 23 || minute > 59) throw badTime(raw);
    return hhmm(hour, minute);
  }
  throw badTime(raw);
}

function badTime(raw: string): DigestSettingsError {
  return new DigestSettingsError(
    `"${raw}" is not a time I can read; write it like 18:00 or 6pm (24-hour HH:MM works too).`,
  );
}

function hhmm(hour: number, minute: number): string {
  return `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}

function settingsKey(channel: string): string {
  return channelRecordKey("settings", channel);
}

/** The channel's settings, or the defaults (not stored until something is changed). */
export async function getDigestSettings(
  store: Store,
  channel: string,
  now: number,
): Promise<DigestSettings> {
  const stored = await stateKv(store).get<DigestSettings>(settingsKey(channel));
  return stored ?? defaultSettings(now);
}

/**
 * Store the defaults for a channel that has none yet (when it first watches a ticker), so its
 * schedule counts from then on and not from whenever it is next read.
 */
export async function ensureDigestSettings(store: Store, channel: string, now: number) {
  const kv = stateKv(store);
  if (await kv.get(settingsKey(channel))) return;
  await withEditLock(store, settingsKey(channel), async () => {
    if (!(await kv.get(settingsKey(channel))))
      await kv.set(settingsKey(channel), defaultSettings(now));
  });
}

/** Read-modify-write of a channel's settings under its edit lock. */
export async function updateDigestSettings(
  store: Store,
  channel: string,
  now: number,
  change: (current: DigestSettings) => DigestSettings,
): Promise<DigestSettings> {
  const next = await withEditLock(store, settingsKey(channel), async () => {
    const current = await getDigestSettings(store, channel, now);
    const updated = change(current);
    await stateKv(store).set(settingsKey(channel), updated);
    return updated;
  });
  await registerChannel(store, channel);
  return next;
}

/** `/form4 digest at 18:00 [Europe/London]`: turns the digest on at that time. */
export async function setDigestTime(
  store: Store,
  channel: string,
  rawTime: string,
  rawTimeZone: string | null,
  now: number,
): Promise<DigestSettings> {
  const time = parseDigestTime(rawTime);
  const timeZone = rawTimeZone?.trim() || null;
  if (timeZone !== null && !isTimeZone(timeZone)) {
    throw new DigestSettingsError(
      `"${timeZone}" is not a time zone I know; use a name like America/New_York or Europe/London.`,
    );
  }
  return updateDigestSettings(store, channel, now, (current) => ({
    ...current,
    enabled: true,
    time,
    timeZone: timeZone ?? current.timeZone,
    scheduleFrom: now,
  }));
}

/** `/form4 digest off` */
export async function setDigestOff(store: Store, channel: string, now: number) {
  return updateDigestSettings(store, channel, now, (current) => ({ ...current, enabled: false }));
}

/** `/form4 digest on` (back on at the time it had). */
export async function setDigestOn(store: Store, channel: string, now: number) {
  return updateDigestSettings(store, channel, now, (current) =>
    current.enabled ? current : { ...current, enabled: true, scheduleFrom: now },
  );
}

/** `/form4 digest market on|off` */
export async function setDigestMarket(store: Store, channel: string, on: boolean, now: number) {
  return updateDigestSettings(store, channel, now, (current) => ({ ...current, market: on }));
}
