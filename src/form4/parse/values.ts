// Reading single values as filings write them. Shared by every reader; pure.

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

/** Collapse runs of white space (incl. non-breaking spaces) and trim. */
export function cleanText(s: string): string {
  // Most text is clean already (single spaces, nothing at the ends): one scan, no new string.
  return isClean(s) ? s : s.replace(/[\s\u00a0]+/g, " ").trim();
}

/**
 * The non-ASCII characters `\s` matches (Unicode Zs, the line and paragraph separators, BOM), by
 * code: footnotes are full of curly quotes, and a pattern test for each one cost more than the scan.
 */
function isUnicodeSpace(c: number): boolean {
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

function isClean(s: string): boolean {
  let previousSpace = true; // a space at the start is not clean
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32) {
      if (previousSpace) return false;
      previousSpace = true;
    } else if (c <= 13 || (c > 127 && isUnicodeSpace(c))) {
      return false;
    } else {
      previousSpace = false;
    }
  }
  return !previousSpace || s.length === 0;
}

/**
 * "43,600" → 43600, "$ 16.76" → 16.76, "(1,000)" → -1000, "0.0042" → 0.0042.
 * Returns null for empty or anything that is not a plain number (never a guess).
 */
export function parseNumber(raw: string | null | undefined): number | null {
  if (raw == null) return null;
  if (isPlainDecimal(raw)) return Number(raw);
  let s = cleanText(raw).replace(/^\$\s*/, "");
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s
      .slice(1, -1)
      .trim()
      .replace(/^\$\s*/, "");
  }
  if (s === "") return null;
  // Thousands separators must sit between groups of three digits.
  if (!/^[-+]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?$/.test(s) || s === "." || s === "-" || s === "+") {
    return null;
  }
  const n = Number(s.replace(/,/g, ""));
  if (!Number.isFinite(n)) return null;
  return negative ? -n : n;
}

/** Digits, with at most one "." between digits ("43600", "16.765"): most values, read directly. */
function isPlainDecimal(s: string): boolean {
  let point = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46 && point === -1 && i > 0 && i < s.length - 1) point = i;
    else if (c < 48 || c > 57) return false;
  }
  return s.length > 0;
}

/** A day of the Gregorian calendar between 1900 and 2100. */
function isRealDate(y: number, m: number, d: number): boolean {
  if (!(y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1)) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  return d <= days;
}

/** Digits of `s` from `start` to `end` as a number, or -1 when one is not a digit. */
function digitsAt(s: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

function isoDate(y: number, m: number, d: number): string | null {
  if (!isRealDate(y, m, d)) return null;
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/**
 * Dates as filings write them → "YYYY-MM-DD", or null when it is not a real date.
 * Accepts "2007-11-13", "2024-07-19-05:00" (time-zone suffix), "11/13/2007", "20071114",
 * "November 13, 2007", "Nov. 13, 2007" and "13 November 2007".
 */
export function parseDate(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  // Nearly every date is stated as YYYY-MM-DD already: checked and returned as it is.
  if (raw.length === 10 && raw.charCodeAt(4) === 45 && raw.charCodeAt(7) === 45) {
    const y = digitsAt(raw, 0, 4);
    const mo = digitsAt(raw, 5, 7);
    const d = digitsAt(raw, 8, 10);
    if (y >= 0 && mo >= 0 && d >= 0) return isRealDate(y, mo, d) ? raw : null;
  }
  const s = cleanText(raw);
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:T[\d:.]+)?(?:Z|[-+]\d{2}:?\d{2})?$/.exec(s);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (m) return isoDate(Number(m[3]), Number(m[1]), Number(m[2]));
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  // Month names in any case: "June 22, 2007", "JUNE 22, 2007", "Sept. 3, 2021", "22 Jun 2007".
  m = /^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(s);
  if (m) {
    const month = monthNumber(m[1]);
    return month ? isoDate(Number(m[3]), month, Number(m[2])) : null;
  }
  m = /^(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})$/.exec(s);
  if (m) {
    const month = monthNumber(m[2]);
    return month ? isoDate(Number(m[3]), month, Number(m[1])) : null;
  }
  return null;
}

const MONTH_NAMES = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];

/** 1–12 for a month's name or its abbreviation ("Jun", "JUNE", "Sept"), any case; else null. */
function monthNumber(word: string | undefined): number | null {
  if (word === undefined) return null;
  const w = word.toLowerCase();
  const month = MONTHS[w.slice(0, 3)];
  if (month === undefined) return null;
  const name = MONTH_NAMES[month - 1] ?? "";
  return name.startsWith(w) || (w === "sept" && month === 9) ? month : null;
}

/** "1", "true", "X" → true; "0", "false", "" → false; anything else → null. */
export function parseFlag(raw: string | null | undefined): boolean | null {
  if (raw == null) return null;
  const s = cleanText(raw).toLowerCase();
  if (s === "1" || s === "true" || s === "x" || s === "yes") return true;
  if (s === "0" || s === "false" || s === "" || s === "no") return false;
  return null;
}

/** "0001179110-07-016964" from any spelling (with or without dashes); null if not 18 digits. */
export function normalizeAccession(raw: string): string | null {
  const digits = raw.replace(/-/g, "");
  if (!/^\d{18}$/.test(digits)) return null;
  return `${digits.slice(0, 10)}-${digits.slice(10, 12)}-${digits.slice(12)}`;
}

/**
 * The first "[ … ]" in a text: what stands before the "[" and what stands inside (both trimmed),
 * or null when there is no "[" closed by a "]". Found with indexOf, so a text of 40,000 spaces or
 * of "[ " repeated without a "]" costs one pass (a regex would backtrack over it quadratically).
 */
export function firstBracket(text: string): { before: string; inside: string } | null {
  const open = text.indexOf("[");
  if (open === -1) return null;
  const close = text.indexOf("]", open + 1);
  if (close === -1) return null;
  return { before: text.slice(0, open).trim(), inside: text.slice(open + 1, close).trim() };
}
