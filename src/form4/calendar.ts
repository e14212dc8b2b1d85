// Business-day calendars, rule-based and clock-free. Dates are "YYYY-MM-DD" strings.
//
// Two calendars, because they differ and both matter:
// - "sec": the SEC's business days (Exchange Act Rule 0-3): weekdays that are not US federal
//   holidays. Filing deadlines (Form 4's two business days) follow this one. It does NOT follow
//   NYSE closures: Good Friday is an SEC business day, Columbus Day and Veterans Day are not.
// - "market": NYSE trading days, for the daily digest's "business days only" schedule.

export type BusinessCalendar = "sec" | "market";

export interface Holiday {
  /** The day that is off (the observed date), YYYY-MM-DD. */
  date: string;
  name: string;
}

/** A date string that is not a real YYYY-MM-DD date. */
export class InvalidDateError extends Error {
  override readonly name = "InvalidDateError";
  readonly value: string;
  constructor(value: string) {
    super(`Not a date in YYYY-MM-DD form: "${value}"`);
    this.value = value;
  }
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 (UTC) for a YYYY-MM-DD string. */
function toDayNumber(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new InvalidDateError(date);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) {
    throw new InvalidDateError(date);
  }
  return ms / DAY_MS;
}

function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function ymd(year: number, month: number, day: number): string {
  return fromDayNumber(Date.UTC(year, month - 1, day) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
function weekdayOf(day: number): number {
  // 1970-01-01 was a Thursday (4).
  return (((day + 4) % 7) + 7) % 7;
}

/** The n-th (1-based) given weekday of a month; n = -1 for the last one. */
function nthWeekday(year: number, month: number, weekday: number, n: number): string {
  if (n > 0) {
    const first = Date.UTC(year, month - 1, 1) / DAY_MS;
    const offset = (weekday - weekdayOf(first) + 7) % 7;
    return fromDayNumber(first + offset + (n - 1) * 7);
  }
  const last = Date.UTC(year, month, 0) / DAY_MS;
  const back = (weekdayOf(last) - weekday + 7) % 7;
  return fromDayNumber(last - back);
}

/** Easter Sunday (Gregorian; anonymous algorithm of Meeus/Jones/Butcher). */
function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return ymd(year, month, day);
}

/** Saturday → Friday before, Sunday → Monday after (5 U.S.C. 6103(b); NYSE does the same). */
function observed(date: string): string {
  const day = toDayNumber(date);
  const wd = weekdayOf(day);
  if (wd === 6) return fromDayNumber(day - 1);
  if (wd === 0) return fromDayNumber(day + 1);
  return date;
}

interface FixedOrRuleHoliday {
  name: string;
  /** The actual (unobserved) date in `year`, or null when the holiday did not exist that year. */
  actual: (year: number) => string | null;
}

const NEW_YEAR: FixedOrRuleHoliday = { name: "New Year's Day", actual: (y) => ymd(y, 1, 1) };
const MLK = (since: number): FixedOrRuleHoliday => ({
  name: "Birthday of Martin Luther King, Jr.",
  actual: (y) => (y >= since ? nthWeekday(y, 1, 1, 3) : null),
});
const WASHINGTON: FixedOrRuleHoliday = {
  name: "Washington's Birthday",
  actual: (y) => nthWeekday(y, 2, 1, 3),
};
const MEMORIAL: FixedOrRuleHoliday = {
  name: "Memorial Day",
  actual: (y) => nthWeekday(y, 5, 1, -1),
};
const JUNETEENTH = (since: number): FixedOrRuleHoliday => ({
  name: "Juneteenth National Independence Day",
  actual: (y) => (y >= since ? ymd(y, 6, 19) : null),
});
const INDEPENDENCE: FixedOrRuleHoliday = { name: "Independence Day", actual: (y) => ymd(y, 7, 4) };
const LABOR: FixedOrRuleHoliday = { name: "Labor Day", actual: (y) => nthWeekday(y, 9, 1, 1) };
const COLUMBUS: FixedOrRuleHoliday = {
  name: "Columbus Day",
  actual: (y) => nthWeekday(y, 10, 1, 2),
};
// Veterans Day sat on the fourth Monday of October from 1971 through 1977.
const VETERANS: FixedOrRuleHoliday = {
  name: "Veterans Day",
  actual: (y) => (y >= 1971 && y <= 1977 ? nthWeekday(y, 10, 1, 4) : ymd(y, 11, 11)),
};
const THANKSGIVING: FixedOrRuleHoliday = {
  name: "Thanksgiving Day",
  actual: (y) => nthWeekday(y, 11, 4, 4),
};
const CHRISTMAS: FixedOrRuleHoliday = { name: "Christmas Day", actual: (y) => ymd(y, 12, 25) };

const FEDERAL_RULES: readonly FixedOrRuleHoliday[] = [
  NEW_YEAR,
  MLK(1986),
  WASHINGTON,
  MEMORIAL,
  // Signed 2021-06-17 and observed at once (Friday 2021-06-18).
  JUNETEENTH(2021),
  INDEPENDENCE,
  LABOR,
  COLUMBUS,
  VETERANS,
  THANKSGIVING,
  CHRISTMAS,
];

/**
 * Days the federal government was closed by executive order or national day of mourning, which the
 * SEC treats as federal holidays for filing purposes (EDGAR closed; deadlines move to the next
 * business day). Not rule-based, so listed; add new ones as they are announced.
 */
const FEDERAL_CLOSURES: readonly Holiday[] = [
  { date: "2001-12-24", name: "Christmas Eve (executive order)" },
  { date: "2004-06-11", name: "National Day of Mourning (President Reagan)" },
  { date: "2007-01-02", name: "National Day of Mourning (President Ford)" },
  { date: "2007-12-24", name: "Christmas Eve (executive order)" },
  { date: "2012-12-24", name: "Christmas Eve (executive order)" },
  { date: "2014-12-26", name: "Day after Christmas (executive order)" },
  { date: "2018-12-05", name: "National Day of Mourning (President George H. W. Bush)" },
  { date: "2018-12-24", name: "Christmas Eve (executive order)" },
  { date: "2019-12-24", name: "Christmas Eve (executive order)" },
  { date: "2020-12-24", name: "Christmas Eve (executive order)" },
  { date: "2024-12-24", name: "Christmas Eve (executive order)" },
  { date: "2025-01-09", name: "National Day of Mourning (President Carter)" },
  { date: "2025-12-24", name: "Christmas Eve (executive order)" },
  { date: "2025-12-26", name: "Day after Christmas (executive order)" },
];

const MARKET_RULES: readonly FixedOrRuleHoliday[] = [
  MLK(1998),
  WASHINGTON,
  { name: "Good Friday", actual: (y) => fromDayNumber(toDayNumber(easterSunday(y)) - 2) },
  MEMORIAL,
  JUNETEENTH(2022),
  INDEPENDENCE,
  LABOR,
  THANKSGIVING,
  CHRISTMAS,
];

/** Unscheduled NYSE closures (weather, national mourning, 9/11). */
const MARKET_CLOSURES: readonly Holiday[] = [
  { date: "2001-09-11", name: "September 11 attacks" },
  { date: "2001-09-12", name: "September 11 attacks" },
  { date: "2001-09-13", name: "September 11 attacks" },
  { date: "2001-09-14", name: "September 11 attacks" },
  { date: "2004-06-11", name: "National Day of Mourning (President Reagan)" },
  { date: "2007-01-02", name: "National Day of Mourning (President Ford)" },
  { date: "2012-10-29", name: "Hurricane Sandy" },
  { date: "2012-10-30", name: "Hurricane Sandy" },
  { date: "2018-12-05", name: "National Day of Mourning (President George H. W. Bush)" },
  { date: "2025-01-09", name: "National Day of Mourning (President Carter)" },
];

function inYear(list: readonly Holiday[], year: number): Holiday[] {
  const prefix = `${year}-`;
  return list.filter((h) => h.date.startsWith(prefix));
}

function byDate(a: Holiday, b: Holiday): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : 0;
}

function ruleHolidays(rules: readonly FixedOrRuleHoliday[], year: number): Holiday[] {
  const out: Holiday[] = [];
  for (const rule of rules) {
    const actual = rule.actual(year);
    if (actual === null) continue;
    const day = observed(actual);
    out.push({ date: day, name: day === actual ? rule.name : `${rule.name} (observed)` });
  }
  return out;
}

const federalCache = new Map<number, Holiday[]>();
const marketCache = new Map<number, Holiday[]>();

/**
 * US federal holidays observed in `year` (rule-based, 1971 on), plus executive-order closures the
 * SEC treated as holidays. A Saturday New Year's Day is observed on Friday, December 31 of the
 * year before, so it appears in that year's list.
 */
export function federalHolidays(year: number): Holiday[] {
  const cached = federalCache.get(year);
  if (cached) return cached;
  const list = ruleHolidays(FEDERAL_RULES, year).filter((h) => h.date.startsWith(`${year}-`));
  const nextNewYear = ymd(year + 1, 1, 1);
  if (weekdayOf(toDayNumber(nextNewYear)) === 6) {
    list.push({ date: ymd(year, 12, 31), name: `${NEW_YEAR.name} (observed)` });
  }
  for (const closure of inYear(FEDERAL_CLOSURES, year)) {
    if (!list.some((h) => h.date === closure.date)) list.push(closure);
  }
  list.sort(byDate);
  federalCache.set(year, list);
  return list;
}

/**
 * NYSE full-day closures in `year`: regular holidays (Good Friday, Juneteenth from 2022, MLK from
 * 1998, no Columbus or Veterans Day) and unscheduled closures. A Saturday New Year's Day is not
 * made up on the Friday before (that Friday ends the accounting year), a Sunday one moves to Monday.
 */
export function marketHolidays(year: number): Holiday[] {
  const cached = marketCache.get(year);
  if (cached) return cached;
  const list = ruleHolidays(MARKET_RULES, year);
  const newYear = ymd(year, 1, 1);
  const wd = weekdayOf(toDayNumber(newYear));
  if (wd === 0) list.push({ date: ymd(year, 1, 2), name: `${NEW_YEAR.name} (observed)` });
  else if (wd !== 6) list.push({ date: newYear, name: NEW_YEAR.name });
  for (const closure of inYear(MARKET_CLOSURES, year)) {
    if (!list.some((h) => h.date === closure.date)) list.push(closure);
  }
  const inThisYear = list.filter((h) => h.date.startsWith(`${year}-`));
  inThisYear.sort(byDate);
  marketCache.set(year, inThisYear);
  return inThisYear;
}

function isWeekend(day: number): boolean {
  const wd = weekdayOf(day);
  return wd === 0 || wd === 6;
}

function isBusinessDayNumber(day: number, calendar: BusinessCalendar): boolean {
  if (isWeekend(day)) return false;
  const date = fromDayNumber(day);
  const year = Number(date.slice(0, 4));
  const holidays = calendar === "sec" ? federalHolidays(year) : marketHolidays(year);
  return !holidays.some((h) => h.date === date);
}

/** A weekday that is not a federal holiday (SEC Rule 0-3). */
export function isSecBusinessDay(date: string): boolean {
  return isBusinessDayNumber(toDayNumber(date), "sec");
}

/** A day the NYSE is open. */
export function isMarketDay(date: string): boolean {
  return isBusinessDayNumber(toDayNumber(date), "market");
}

export function isBusinessDay(date: string, calendar: BusinessCalendar = "sec"): boolean {
  return isBusinessDayNumber(toDayNumber(date), calendar);
}

/**
 * The date `n` business days after `date` (before it when n < 0). With n = 0 the date itself.
 * "Two business days after a Friday trade" → the following Tuesday.
 */
export function addBusinessDays(
  date: string,
  n: number,
  calendar: BusinessCalendar = "sec",
): string {
  if (!Number.isInteger(n)) throw new RangeError(`Business days must be a whole number, got ${n}`);
  let day = toDayNumber(date);
  const step = n < 0 ? -1 : 1;
  let left = Math.abs(n);
  while (left > 0) {
    day += step;
    if (isBusinessDayNumber(day, calendar)) left--;
  }
  return fromDayNumber(day);
}

/**
 * Business days after `from` up to and including `to` (negative when `to` is earlier).
 * A trade on Tuesday filed on Wednesday is 1; filed the same day is 0.
 */
export function businessDaysBetween(
  from: string,
  to: string,
  calendar: BusinessCalendar = "sec",
): number {
  const a = toDayNumber(from);
  const b = toDayNumber(to);
  if (b < a) return -businessDaysBetween(to, from, calendar);
  let count = 0;
  for (let day = a + 1; day <= b; day++) {
    if (isBusinessDayNumber(day, calendar)) count++;
  }
  return count;
}

/** The first business day on or after `date`. */
export function nextBusinessDayOnOrAfter(date: string, calendar: BusinessCalendar = "sec"): string {
  let day = toDayNumber(date);
  while (!isBusinessDayNumber(day, calendar)) day++;
  return fromDayNumber(day);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function calendarDaysBetween(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** Whether a string is a real YYYY-MM-DD date. */
export function isIsoDate(value: string): boolean {
  try {
    toDayNumber(value);
    return true;
  } catch {
    return false;
  }
}
