// What we say about a summary, independent of the medium. Block Kit, terminal text and the digest
// all phrase a filing through these functions; each medium passes a Markup that makes filer text
// safe for it (mrkdwn escaping, or stripping terminal control characters) and sets emphasis.

import { headlineVerb, isOpenMarket, mirrorsTableI } from "../form4/codes.js";
import type { CodeTotals, Summary, SummaryTransaction, TradeGroup } from "../form4/summary.js";
import {
  formatDate,
  formatDateRange,
  formatMoney,
  formatPrice,
  formatPriceRange,
  formatShares,
  formatSignedShares,
  PRICE_NOT_REPORTED,
  plural,
  truncateWords,
} from "./format.js";
import { displayName, ownersPhrase, ownersRole, roleText } from "./names.js";

export interface Markup {
  /** Text from a filing or a user → safe, inert text for the medium. */
  text(s: string): string;
  /** Emphasis around text that is already safe. */
  strong(safe: string): string;
}

/** Longest piece of filer text we show in one place (before escaping); longer is cut on a word. */
export const CLIP = { name: 120, role: 100, issuer: 120, security: 80, nature: 80, note: 300 };

export function clip(s: string, max: number): string {
  return truncateWords(s.replace(/\s+/g, " ").trim(), max);
}

const WARN = "\u26a0";

/** The ticker when the filing gives a usable one ("n/a", "NONE" are not). */
export function tickerOf(summary: Summary): string | null {
  const t = summary.issuer.ticker?.trim() ?? "";
  if (t === "" || /^(n\/?a|none)$/i.test(t)) return null;
  return t;
}

/** "Ascent Solar Technologies, Inc. (ASTI) · Form 4/A", as plain text (callers make it safe). */
export function titleLine(summary: Summary): string {
  const ticker = tickerOf(summary);
  const issuer = clip(summary.issuer.name || "Unknown issuer", CLIP.issuer);
  return `${issuer}${ticker ? ` (${ticker})` : ""} \u00b7 Form ${summary.formType}`;
}

/**
 * The kinds of trade worth telling: every Table I group, and the Table II groups that are not the
 * other side of a Table I exercise or conversion (the same event twice).
 */
export function tradeGroups(summary: Summary): TradeGroup[] {
  const tableI = new Set(
    summary.groups.filter((g) => g.table === "nonDerivative").map((g) => g.code),
  );
  return summary.groups.filter(
    (g) =>
      !g.mirrored &&
      (g.table === "nonDerivative" || !(mirrorsTableI(g.code) && tableI.has(g.code))),
  );
}

/** Where a group's first row sits in the filing, to phrase trades in the order they happened. */
export function firstRow(summary: Summary, g: TradeGroup): number {
  const i = summary.transactions.findIndex(
    (t) => t.table === g.table && t.code === g.code && t.acquiredDisposed === g.acquiredDisposed,
  );
  return i === -1 ? summary.transactions.length : i;
}

/**
 * The kinds of trade a headline speaks of: Table II exercises and conversions are left out when
 * Table I reports the shares they produced (the same event twice). Returns at most two, market
 * trades (S, P) first and then the biggest, put back in filing order; and how many were left out.
 */
export function headlineGroups(summary: Summary): { shown: TradeGroup[]; rest: number } {
  const candidates = tradeGroups(summary);
  const rank = (g: TradeGroup): number =>
    (g.table === "nonDerivative" ? 0 : 2) + (isOpenMarket(g.code) ? 0 : 1);
  const shown = candidates
    .map((g, i) => ({ g, i }))
    .sort((a, b) => rank(a.g) - rank(b.g) || b.g.shares - a.g.shares || a.i - b.i)
    .slice(0, 2)
    .map((x) => x.g)
    .sort((a, b) => firstRow(summary, a) - firstRow(summary, b));
  return { shown, rest: candidates.length - shown.length };
}

/** Verb phrase for a kind of trade, with `{n}` where the quantity and noun go. */
export function verb(group: TradeGroup, m?: Markup): string {
  const from = group.exercisedFrom.length === 1 ? group.exercisedFrom[0] : undefined;
  return headlineVerb(group.code, group.acquiredDisposed, group.table, {
    vesting: group.vesting,
    from: from && m ? m.text(clip(from, CLIP.security)) : undefined,
  });
}

function nounFor(summary: Summary, group: TradeGroup, m: Markup, first: boolean): string {
  if (group.table === "derivative") {
    const sec = group.securities[0];
    return sec ? m.text(clip(sec, CLIP.security)) : "derivative securities";
  }
  if (!first) return "shares";
  const ticker = tickerOf(summary);
  if (ticker) return `${m.text(ticker)} shares`;
  return `shares of ${m.text(clip(summary.issuer.name || "the issuer", CLIP.issuer))}`;
}

/** "at avg $16.81 (over the 1,300 priced shares)" / ", price not reported" / "" for a headline. */
/**
 * How many shares, honest about rows whose amount is unknown: "1,500", "at least 800" (a row's
 * shares not stated), "an unknown number of".
 */
export function sharesQuantity(group: CodeTotals): string {
  if (group.shares <= 0) return "an unknown number of";
  return group.unknownShareRows > 0
    ? `at least ${formatShares(group.shares)}`
    : formatShares(group.shares);
}

export function headlinePrice(group: TradeGroup): string {
  const market = isOpenMarket(group.code);
  if (group.table === "derivative") return "";
  if (group.pricedShares <= 0 || group.averagePrice === null) {
    return market ? `, ${PRICE_NOT_REPORTED}` : "";
  }
  // A $0 grant or gift is not a price anyone trades at; say it only for market trades.
  if (group.averagePrice === 0 && !market) return "";
  const single = group.minPrice !== null && group.minPrice === group.maxPrice;
  const at = `${single ? "at" : "at avg"} ${formatPrice(group.averagePrice)}`;
  const partial =
    group.pricedShares < group.shares || group.unknownShareRows > 0
      ? ` (over the ${formatShares(group.pricedShares)} priced shares)`
      : "";
  return ` ${at}${partial}`;
}

function groupPhrase(
  summary: Summary,
  group: TradeGroup,
  m: Markup,
  first: boolean,
  sameVerbAsBefore: boolean,
): string {
  const quantity = sharesQuantity(group);
  const noun = nounFor(summary, group, m, first);
  // "was granted 5,000 GPRO shares and 35,000 options": a repeated verb is said once.
  const template = sameVerbAsBefore ? verb(group, m).replace(/^.*?\{n\}/, "{n}") : verb(group, m);
  return `${template.replace("{n}", `${quantity} ${noun}`)}${headlinePrice(group)}`;
}

/**
 * A joint filing's filers, every one named with its role: "Pale Fire Capital SE (10% owner)".
 * Empty for a single filer (the headline names them).
 */
export function jointFilerLines(summary: Summary, m: Markup): string[] {
  if (summary.owners.length < 2) return [];
  return summary.owners.map((o) => {
    const name = m.text(clip(displayName(o.name, summary.signatureNames), CLIP.name));
    const role = roleText(o);
    return role ? `${name} (${m.text(clip(role, CLIP.role))})` : name;
  });
}

/**
 * One glance: "Ashutosh Misra (SVP Operations & Corp. Affairs) sold 1,500 ASTI shares at avg
 * $16.81 (over the 1,300 priced shares)". At most two kinds of trades are phrased; the rest counted.
 */
export function headline(summary: Summary, m: Markup): string {
  const who = m.text(clip(ownersPhrase(summary.owners, summary.signatureNames), CLIP.name));
  const role = clip(ownersRole(summary.owners), CLIP.role);
  const subject = role ? `${who} (${m.text(role)})` : who;
  const { shown, rest } = headlineGroups(summary);
  if (shown.length === 0) {
    const holds = summary.holdingsAfter.length > 0 || summary.derivativesHeld.length > 0;
    return `${subject} ${holds ? "reported holdings only (no trades)" : "reported no trades"}`;
  }
  const phrases = shown.map((g, i) => {
    const before = i > 0 ? shown[i - 1] : undefined;
    return groupPhrase(summary, g, m, i === 0, before !== undefined && verb(before) === verb(g));
  });
  const more = rest > 0 ? `, and ${plural(rest, "other kind")} of trade` : "";
  return `${subject} ${phrases.join(" and ")}${more}`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The price part of a group line: "avg $16.81 (range $16.76–$16.96) over 1,300 priced shares". */
export function groupPrice(group: TradeGroup): string {
  if (group.pricedShares <= 0 || group.averagePrice === null) return PRICE_NOT_REPORTED;
  const { minPrice, maxPrice } = group;
  const ranged = minPrice !== null && maxPrice !== null && minPrice !== maxPrice;
  let s = ranged
    ? `avg ${formatPrice(group.averagePrice)} (range ${formatPriceRange(minPrice, maxPrice)})`
    : formatPrice(group.averagePrice);
  if (group.pricedShares < group.shares || group.unknownShareRows > 0) {
    s += ` over ${formatShares(group.pricedShares)} priced shares`;
  }
  return s;
}

/**
 * A kind of trade: "*Open-market sale* (S) · 1,500 shares · avg $16.81 (range …) · value $21,858 ·
 * Nov 13, 2007 · 10b5-1 plan", and when needed a second line on inferred or unpriced shares.
 */
export function groupLines(group: TradeGroup, m: Markup): string[] {
  const label = m.strong(m.text(capitalize(clip(group.description || "Trade", CLIP.security))));
  const code = group.code ? ` (${m.text(group.code)})` : "";
  const parts = [`${label}${code}`];
  const count = sharesQuantity(group);
  const quantity =
    group.table === "derivative" && group.securities[0]
      ? `${count} ${m.text(clip(group.securities[0], CLIP.security))}`
      : group.unknownShareRows > 0 || group.shares <= 0
        ? `${count} shares`
        : plural(group.shares, "share");
  parts.push(quantity);
  // A derivative's transaction price is usually a stated $0 (nothing paid for a grant or on the
  // Table II side of an exercise); the rows still show it, the group line does not repeat it.
  const zeroDerivative = group.table === "derivative" && group.averagePrice === 0;
  if (!zeroDerivative) parts.push(groupPrice(group));
  if (group.pricedShares > 0 && group.value !== 0) parts.push(`value ${formatMoney(group.value)}`);
  parts.push(formatDateRange(group.dates));
  if (group.rowCount > 1) parts.push(plural(group.rowCount, "row"));
  if (group.plan10b51) parts.push("10b5-1 plan");
  const lines = [parts.join(" \u00b7 ")];

  const notes: string[] = [];
  if (group.inferredShares > 0) {
    const unpriced = group.unpricedShares >= group.inferredShares ? `, ${PRICE_NOT_REPORTED}` : "";
    notes.push(`${plural(group.inferredShares, "share")} inferred from holdings change${unpriced}`);
  }
  const otherUnpriced = group.unpricedShares - Math.min(group.inferredShares, group.unpricedShares);
  if (otherUnpriced > 0 && group.pricedShares > 0) {
    notes.push(`${plural(otherUnpriced, "share")} with ${PRICE_NOT_REPORTED}`);
  }
  if (group.unknownShareRows > 0) {
    notes.push(
      `${plural(group.unknownShareRows, "row")} with shares not stated (not counted; see warnings)`,
    );
  }
  if (notes.length > 0) lines.push(`\u21b3 ${notes.join("; ")}`);
  return lines;
}

/** One transaction row: "Nov 13, 2007 · S · −700 · $16.76 · holds 43,600 directly". */
export function rowLine(t: SummaryTransaction, m: Markup, withSecurity: boolean): string {
  const parts: string[] = [];
  if (withSecurity) parts.push(m.text(clip(t.security ?? "Security not stated", CLIP.security)));
  parts.push(t.date ? formatDate(t.date) : "date not reported");
  if (t.code) parts.push(m.text(t.code));
  parts.push(
    t.shares === null
      ? "shares not reported"
      : `${formatSignedShares(t.shares, t.acquiredDisposed)}${t.inferred ? " (inferred)" : ""}`,
  );
  parts.push(formatPrice(t.price));
  if (t.sharesOwnedAfter !== null) {
    parts.push(`holds ${formatShares(t.sharesOwnedAfter)}${held(t, m)}`);
  }
  return parts.join(" \u00b7 ");
}

function held(t: Pick<SummaryTransaction, "ownership" | "nature">, m: Markup): string {
  if (t.ownership === "I") {
    return t.nature ? ` indirectly (${m.text(clip(t.nature, CLIP.nature))})` : " indirectly";
  }
  return t.ownership === "D" ? " directly" : "";
}

/** Whether rows name their security (only when a filing moves more than one). */
export function rowsNeedSecurity(summary: Summary): boolean {
  return new Set(summary.transactions.map((t) => t.security)).size > 1;
}

/**
 * The Rule 10b5-1 line: plan, adoption date, days before the first trade, and ⚠ when the first
 * trade falls inside the cooling-off period. null when the filing says nothing about a plan.
 */
export function planLine(summary: Summary): string | null {
  const p = summary.plan10b51;
  if (!p.used) {
    if (p.source === "checkbox" && summary.transactions.length > 0) {
      return "Not marked as made under a Rule 10b5-1 plan (box not checked)";
    }
    return null;
  }
  const source =
    p.source === "checkbox" ? " (box checked)" : p.source === "footnote" ? " (per footnote)" : "";
  let s = `Rule 10b5-1 trading plan${source}`;
  if (p.adoptionDate) {
    s += `: adopted ${formatDate(p.adoptionDate)}`;
    if (p.daysToFirstTrade !== null) {
      s += `, ${plural(p.daysToFirstTrade, "day")} before the first trade`;
    }
  } else {
    s += "; adoption date not stated";
  }
  if (p.inCoolingOff === true) {
    const period = p.coolingOffDays !== null ? `${p.coolingOffDays}-day ` : "";
    s += ` ${WARN} inside the ${period}cooling-off period`;
  }
  return s;
}

/**
 * "Common Stock: 42,800 direct" / "Common Stock: 10,000 indirect (By Trust)" /
 * "… indirect (Trust, held by Scarpelli Family Trust)" when a footnote names the holder.
 */
export function holdingLine(h: Summary["holdingsAfter"][number], m: Markup): string {
  const nature = h.nature ?? "nature not stated";
  const how =
    h.ownership === "I"
      ? `indirect (${m.text(clip(h.heldBy ? `${nature}, held by ${h.heldBy}` : nature, CLIP.nature))})`
      : "direct";
  return `${m.text(clip(h.security, CLIP.security))}: ${formatShares(h.shares)} ${how}`;
}

/** "4,000 Class B Warrants (from footnote)" / "10,000 Stock Option at $12.00, expiring …". */
export function derivativeLine(d: Summary["derivativesHeld"][number], m: Markup): string {
  const quantity = d.shares !== null ? formatShares(d.shares) : "unknown number of";
  let s = `${quantity} ${m.text(clip(d.security, CLIP.security))}`;
  // A stated $0 conversion or exercise price (RSUs, convertible share classes) is not a strike
  // anyone pays: "at $0.00" would read like a free option, so it is left out.
  if (d.exercisePrice !== null && d.exercisePrice !== 0) s += ` at ${formatPrice(d.exercisePrice)}`;
  if (d.expirationDate) s += `, expiring ${formatDate(d.expirationDate)}`;
  const notes: string[] = [];
  if (d.note) notes.push(m.text(clip(d.note, CLIP.nature)));
  if (d.ownership === "I") {
    notes.push(d.nature ? `indirect: ${m.text(clip(d.nature, CLIP.nature))}` : "indirect");
  }
  if (d.source === "footnote") notes.push("from footnote");
  return notes.length > 0 ? `${s} (${notes.join("; ")})` : s;
}

/** "⚠ Filed late: 3 business days after the trade (a Form 4 is due within 2)", or null. */
export function lateLine(summary: Summary): string | null {
  const late = summary.lateFiling;
  if (!late?.late) return null;
  // For a 4/A the count runs to the original filing (summarize measures it so).
  const what = summary.formType === "4/A" ? "The original Form 4 was filed late" : "Filed late";
  return `${WARN} ${what}: ${plural(late.businessDays, "business day")} after the trade (a Form 4 is due within 2)`;
}

/** "(2 business days after the trade)" / "(the day of the trade)" for a filing on time; "" otherwise. */
function onTime(summary: Summary): string {
  const late = summary.lateFiling;
  if (!late || late.late) return "";
  return late.businessDays === 0
    ? " (the day of the trade)"
    : ` (${plural(late.businessDays, "business day")} after the trade)`;
}

/** Form type (amendments marked), filed date and accession, for the small print. */
export function contextParts(summary: Summary, m: Markup): string[] {
  const parts: string[] = [];
  const amendment = summary.formType === "4/A";
  if (amendment) {
    const original = summary.dateOfOriginalSubmission;
    parts.push(
      original
        ? `Form 4/A: amends the filing of ${formatDate(original)}${onTime(summary)}`
        : "Form 4/A: an amendment (original date not stated)",
    );
  } else {
    parts.push("Form 4");
  }
  if (summary.filedDate) {
    parts.push(`Filed ${formatDate(summary.filedDate)}${amendment ? "" : onTime(summary)}`);
  }
  if (summary.accessionNumber) parts.push(`Accession ${m.text(summary.accessionNumber)}`);
  return parts;
}

export const STALE_NOTE = `${WARN} EDGAR is not answering; this is a cached copy.`;
export { WARN };
