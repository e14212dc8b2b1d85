// Numbers and dates as people read them. Shared by every renderer (Block Kit, terminal, digest);
// pure: no clock, no locale of the machine (always en-US, so output is the same everywhere).

import { formatPrice, formatShares, PRICE_NOT_REPORTED } from "../form4/format.js";

// Shares and prices are formatted in src/form4/format.ts (the summary's warnings use them too).
export { formatPrice, formatShares, PRICE_NOT_REPORTED };

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const wholeFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const centsFormat = new Intl.NumberFormat("en-US", {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

/** Shares with a sign for the direction of a trade: "+700", "−700" (a real minus sign). */
export function formatSignedShares(n: number, acquiredDisposed: "A" | "D" | null): string {
  if (acquiredDisposed === "A") return `+${formatShares(n)}`;
  if (acquiredDisposed === "D") return `\u2212${formatShares(n)}`;
  return formatShares(n);
}

/** "$16.76–$16.96", or one price when both ends are the same. */
export function formatPriceRange(min: number, max: number): string {
  const lo = formatPrice(min);
  const hi = formatPrice(max);
  return lo === hi ? lo : `${lo}\u2013${hi}`;
}

function compact(v: number, unit: number, suffix: string): string {
  const rounded = Math.round(v / (unit / 10)) / 10;
  const text = Number.isInteger(rounded) ? wholeFormat.format(rounded) : rounded.toFixed(1);
  return `${text}${suffix}`;
}

/**
 * A dollar value: "$21,858"; large values "$1.2M" / "$3.4B"; small non-whole values to the cent
 * ("$0.42", so 100 shares at $0.0042 do not read "$0").
 */
export function formatMoney(v: number): string {
  if (!Number.isFinite(v)) return "value unknown";
  const sign = v < 0 ? "-" : "";
  const a = Math.abs(v);
  let body: string;
  if (Math.round(a) >= 999_950_000) body = compact(a, 1e9, "B");
  else if (Math.round(a) >= 1_000_000) body = compact(a, 1e6, "M");
  else if (a < 1000 && Math.round(a * 100) % 100 !== 0) body = centsFormat.format(a);
  else body = wholeFormat.format(Math.round(a));
  return `${sign}$${body}`;
}

function parts(iso: string): { y: number; m: number; d: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return null;
  const m = Number(match[2]);
  if (m < 1 || m > 12) return null;
  return { y: Number(match[1]), m, d: Number(match[3]) };
}

/** "2007-11-13" → "Nov 13, 2007". Anything that is not YYYY-MM-DD is returned as it is. */
export function formatDate(iso: string): string {
  const p = parts(iso);
  if (!p) return iso;
  return `${MONTHS[p.m - 1]} ${p.d}, ${p.y}`;
}

/**
 * "Nov 13, 2007"; "Nov 13–15, 2007"; "Nov 28 – Dec 2, 2007"; "Dec 30, 2007 – Jan 2, 2008".
 * Takes the first and last of ascending YYYY-MM-DD dates; "date not reported" when there are none.
 */
export function formatDateRange(dates: readonly string[]): string {
  const first = dates[0];
  const last = dates[dates.length - 1];
  if (first === undefined || last === undefined) return "date not reported";
  if (first === last) return formatDate(first);
  const a = parts(first);
  const b = parts(last);
  if (!a || !b) return `${formatDate(first)} \u2013 ${formatDate(last)}`;
  if (a.y !== b.y) return `${formatDate(first)} \u2013 ${formatDate(last)}`;
  if (a.m !== b.m) return `${MONTHS[a.m - 1]} ${a.d} \u2013 ${MONTHS[b.m - 1]} ${b.d}, ${a.y}`;
  return `${MONTHS[a.m - 1]} ${a.d}\u2013${b.d}, ${a.y}`;
}

/** "1 business day" / "3 business days"; the same for any counted noun with a plain plural. */
export function plural(n: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${formatShares(n)} ${n === 1 ? noun : pluralNoun}`;
}

/**
 * Shorten `s` to at most `max` characters on a word boundary, ending with "…".
 * Never cuts inside a word unless a single word is longer than the limit, and never inside an
 * HTML entity (&amp;) or a surrogate pair.
 */
export function truncateWords(s: string, max: number): string {
  if (s.length <= max) return s;
  if (max <= 1) return "\u2026".slice(0, max);
  const room = max - 1;
  let cut = s.lastIndexOf(" ", room);
  // A boundary far back would throw away most of the text: cut the long word instead.
  if (cut < room / 2) {
    cut = room;
    const amp = s.lastIndexOf("&", cut - 1);
    if (amp !== -1 && /^&(?:amp|lt|gt);/.test(s.slice(amp)) && s.indexOf(";", amp) >= cut) {
      cut = amp;
    }
    const code = s.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  }
  return `${s.slice(0, cut).trimEnd()}\u2026`;
}
