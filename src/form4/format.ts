// Numbers as people read them, in one place: the summary's warnings and every renderer print a
// share count or a price the same way (a price never reads $16.765 in a warning and $16.77 in
// the row). Pure: always en-US, whatever the machine's locale.

/** What is said for a price the filing does not state. Never "$0". */
export const PRICE_NOT_REPORTED = "price not reported";

const sharesFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 6 });
const centsFormat = new Intl.NumberFormat("en-US", {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

/**
 * "1,500"; fractional shares kept and trimmed of trailing zeros ("1,234.5678").
 * Six decimals is more than any filing states and hides float noise from sums (0.1 + 0.2).
 */
export function formatShares(n: number): string {
  const s = sharesFormat.format(n);
  return s === "-0" ? "0" : s;
}

/**
 * "$16.81" to the cent from $1 up; below $1 at least 2 decimals and up to 4 significant digits,
 * so a penny stock reads "$0.0042" instead of a misleading "$0.00". `null` is unknown:
 * "price not reported" (a stated $0 stays "$0.00").
 */
export function formatPrice(p: number | null | undefined): string {
  if (p == null || !Number.isFinite(p)) return PRICE_NOT_REPORTED;
  const sign = p < 0 ? "-" : "";
  const a = Math.abs(p);
  if (a === 0) return "$0.00";
  if (a >= 1) return `${sign}$${centsFormat.format(a)}`;
  // Enough decimals for 4 significant digits, then trailing zeros go (but never below 2 decimals).
  const decimals = Math.min(12, Math.max(2, -Math.floor(Math.log10(a)) + 3));
  let s = a.toFixed(decimals);
  if (Number(s) >= 1) return `${sign}$${centsFormat.format(Number(s))}`;
  s = s.replace(/0+$/, "");
  const fraction = s.split(".")[1] ?? "";
  if (fraction.length < 2) s = `${s.split(".")[0]}.${fraction.padEnd(2, "0")}`;
  return `${sign}$${s}`;
}
