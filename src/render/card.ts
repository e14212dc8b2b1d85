// The compact card for one filing: what `/form4` answers, unfurls and real-time alerts post. Pure.
// Dollar value first, then who did what, the 10b5-1 marker and what is left of the holding, a few
// facts in small print, and two buttons: Details (the full breakdown, in a modal) and View on
// EDGAR. Reading notes never go to the channel: the card counts them and Details lists them.

import type { types } from "@slack/bolt";
import { isOpenMarket, transactionCode } from "../form4/codes.js";
import type { Summary, SummaryTransaction, TradeGroup } from "../form4/summary.js";
import { blockKitProblems, LIMITS } from "./block-limits.js";
import {
  context,
  isUsableUrl,
  type SlackMessage,
  section,
  VIEW_ON_EDGAR_ACTION_ID,
} from "./blocks.js";
import {
  CLIP,
  clip,
  firstRow,
  headlinePrice,
  type Markup,
  STALE_NOTE,
  sharesQuantity,
  tickerOf,
  tradeGroups,
  verb,
  WARN,
} from "./content.js";
import {
  formatDate,
  formatDateRange,
  formatMoney,
  formatPriceRange,
  formatShares,
  plural,
  truncateWords,
} from "./format.js";
import { bold, escapeMrkdwn, inertUrls } from "./mrkdwn.js";
import { ownersPhrase, ownersRole } from "./names.js";

type KnownBlock = types.KnownBlock;

/** The Details button (opens the full breakdown in a modal). Stable: Slack sends it back to us. */
export const DETAILS_ACTION_ID = "filing_details";
export { VIEW_ON_EDGAR_ACTION_ID };

/**
 * The compact budget every card stays within (tested on the real fixtures): a handful of blocks
 * and a few hundred characters of text, so a card is a few lines on a 360 px phone.
 */
export const CARD_BUDGET = { blocks: 5, characters: 700 } as const;

/** What finds a filing on EDGAR again, for the Details button to rebuild the breakdown. */
export interface FilingKey {
  /** The CIK EDGAR files it under (10 digits). */
  cik: string;
  accessionNumber: string;
  /** The primary document's file name when known ("doc4.xml"), else null. */
  primaryDocument: string | null;
}

export interface CardContext {
  /** The filing's page on EDGAR (the "View on EDGAR" button); null when not known. */
  url: string | null;
  /** true when EDGAR failed and the summary came from the cache. */
  stale?: boolean;
  /** Where the filing is on EDGAR (the Details button); default: the issuer's CIK and accession. */
  key?: FilingKey | null;
}

const mrkdwn: Markup = { text: escapeMrkdwn, strong: bold };

/** "0001350102|0001350102-07-000099|doc4.xml": short, and well within a button's 2,000 characters. */
export function detailsButtonValue(key: FilingKey): string {
  return [key.cik, key.accessionNumber, key.primaryDocument ?? ""].join("|");
}

/** The button's value back into a key; null for anything we did not write. */
export function parseDetailsButtonValue(value: string): FilingKey | null {
  const m = /^(\d{1,10})\|(\d{10}-\d{2}-\d{6})\|((?:[\w-]+\/)?[\w-]+\.\w+)?$/.exec(value);
  if (!m?.[1] || !m[2]) return null;
  return { cik: m[1].padStart(10, "0"), accessionNumber: m[2], primaryDocument: m[3] || null };
}

/** The key a summary gives by itself (issuer CIK, accession), when the caller knows no better. */
function keyOf(summary: Summary, ctx: CardContext): FilingKey | null {
  if (ctx.key !== undefined) return ctx.key;
  const cik = summary.issuer.cik?.replace(/^0+/, "") ?? "";
  const accession = summary.accessionNumber ?? "";
  if (!/^\d{1,10}$/.test(cik) || !/^\d{10}-\d{2}-\d{6}$/.test(accession)) return null;
  return { cik: cik.padStart(10, "0"), accessionNumber: accession, primaryDocument: null };
}

// ---- What the card says ----------------------------------------------------------------------

/** The kind of trade the card leads with: market trades first, then Table I, then by value. */
export function leadGroup(summary: Summary): TradeGroup | undefined {
  const rank = (g: TradeGroup): number =>
    (isOpenMarket(g.code) ? 0 : 1) + (g.table === "nonDerivative" ? 0 : 2);
  return tradeGroups(summary)
    .map((g, i) => ({ g, i }))
    .sort(
      (a, b) =>
        rank(a.g) - rank(b.g) || b.g.value - a.g.value || b.g.shares - a.g.shares || a.i - b.i,
    )[0]?.g;
}

/** 🟢 bought on the market, 🔴 sold on the market, ⚪ anything else (grants, exercises, tax, gifts). */
export function tradeMarker(group: TradeGroup | undefined): string {
  if (!group || !isOpenMarket(group.code)) return "\u26AA";
  const direction = group.acquiredDisposed ?? transactionCode(group.code)?.usualDirection;
  if (direction === "A") return "\u{1F7E2}";
  if (direction === "D") return "\u{1F534}";
  return "\u26AA";
}

/** "sold 1,500 shares", "was granted 10,000 Stock Option (Right to Buy)", "acquired 3,000 shares as RSUs vested". */
function tradePhrase(group: TradeGroup, m: Markup): string {
  const quantity = sharesQuantity(group);
  const sec = group.securities[0];
  const noun =
    group.table === "derivative"
      ? sec
        ? m.text(clip(sec, 60))
        : "derivative securities"
      : "shares";
  return verb(group, m).replace("{n}", `${quantity} ${noun}`);
}

/** The value of the card's lead trade: "*$21,858*", or "" when no share had a price. */
function valueText(group: TradeGroup | undefined): string {
  if (!group || group.pricedShares <= 0 || group.value <= 0) return "";
  return bold(formatMoney(group.value));
}

function ownershipKey(t: SummaryTransaction): string {
  return `${t.security ?? ""}\u0000${t.ownership ?? ""}\u0000${t.nature ?? ""}`;
}

/** "+3.4%", "−3.4%", "<0.1%". */
function formatPercent(fraction: number, acquired: boolean): string {
  const pct = Math.abs(fraction) * 100;
  const sign = acquired ? "+" : "\u2212";
  if (pct > 0 && pct < 0.1) return `${sign}<0.1%`;
  return `${sign}${pct >= 10 ? Math.round(pct) : pct.toFixed(1)}%`;
}

/**
 * "Owns 42,800 shares directly after (−3.4% of holdings)": the positions the lead trade moved,
 * after it, and the change as a share of what was held before. null when the rows do not say.
 */
export function ownedAfterLine(summary: Summary, group: TradeGroup, m: Markup): string | null {
  const rows = summary.transactions.filter(
    (t) =>
      t.table === group.table &&
      t.code === group.code &&
      t.acquiredDisposed === group.acquiredDisposed,
  );
  if (rows.length === 0 || rows.some((t) => t.sharesOwnedAfter === null || t.shares === null)) {
    return null;
  }
  const last = new Map<string, SummaryTransaction>();
  let moved = 0;
  for (const t of rows) {
    last.set(ownershipKey(t), t);
    moved += t.shares ?? 0;
  }
  const after = [...last.values()].reduce((s, t) => s + (t.sharesOwnedAfter ?? 0), 0);
  const acquired = group.acquiredDisposed === "A";
  const before = acquired ? after - moved : after + moved;
  const forms = new Set([...last.values()].map((t) => t.ownership));
  const how =
    forms.size > 1
      ? " directly and indirectly"
      : forms.has("I")
        ? " indirectly"
        : forms.has("D")
          ? " directly"
          : "";
  const noun =
    group.table === "derivative"
      ? m.text(clip(group.securities[0] ?? "derivative securities", 60))
      : after === 1
        ? "share"
        : "shares";
  let change: string;
  if (group.acquiredDisposed === null || moved <= 0) change = "";
  else if (before <= 0) change = acquired ? " (a new position)" : "";
  else if (after === 0 && !acquired) change = " (\u2212100%)";
  else change = ` (${formatPercent(moved / before, acquired)} of holdings)`;
  if (after === 0) {
    // "Holds 0 directly after" is not the whole truth when other classes are still held.
    const other = largestOtherHolding(summary, new Set(last.keys()), m);
    const none = `Holds no ${noun === "share" ? "shares" : noun}${how} after${change}`;
    return other ? `${none}; still holds ${other}` : none;
  }
  return `Owns ${formatShares(after)} ${noun}${how} after${change}`;
}

/** "21,109,310 Class B Common Stock": the biggest position the trade did not empty, if any. */
function largestOtherHolding(summary: Summary, emptied: Set<string>, m: Markup): string | null {
  const candidates: { shares: number; what: string }[] = [];
  for (const h of summary.holdingsAfter) {
    const key = `${h.security}\u0000${h.ownership}\u0000${h.nature ?? ""}`;
    if (h.shares > 0 && !emptied.has(key)) {
      const how = h.ownership === "I" ? " indirectly" : "";
      candidates.push({ shares: h.shares, what: `${m.text(clip(h.security, 50))}${how}` });
    }
  }
  for (const d of summary.derivativesHeld) {
    if (d.shares !== null && d.shares > 0) {
      candidates.push({ shares: d.shares, what: m.text(clip(d.security, 50)) });
    }
  }
  const best = candidates.sort((a, b) => b.shares - a.shares)[0];
  return best ? `${formatShares(best.shares)} ${best.what}` : null;
}

/** The headline: marker, value, ticker, who, what, average price, 10b5-1. */
export function cardHeadline(
  summary: Summary,
  m: Markup = mrkdwn,
  options: { issuer?: boolean } = {},
): string {
  const group = leadGroup(summary);
  const ticker = tickerOf(summary);
  const issuer =
    options.issuer === false ? "" : (ticker ?? clip(summary.issuer.name || "Form 4", 40));
  const who = m.text(clip(ownersPhrase(summary.owners, summary.signatureNames), CLIP.name));
  const role = clip(ownersRole(summary.owners), CLIP.role);
  const subject = role ? `${who} (${m.text(role)})` : who;
  const value = valueText(group);
  const lead = [tradeMarker(group), value, m.strong(m.text(issuer))].filter(Boolean).join(" ");

  if (!group) {
    const holds = summary.holdingsAfter.length > 0 || summary.derivativesHeld.length > 0;
    return `${lead} ${subject} ${holds ? "reported holdings only (no trades)" : "reported no trades"}`;
  }
  const plan = group.plan10b51 === true ? " \u00b7 10b5-1 plan" : "";
  return `${lead} ${subject} ${tradePhrase(group, m)}${headlinePrice(group)}${plan}`;
}

/** "also exercised 35,000 Stock Options for 35,000 shares; had 1,200 shares withheld ($37,760)". */
function otherTradesLine(summary: Summary, lead: TradeGroup, m: Markup): string | null {
  const others = tradeGroups(summary)
    .filter((g) => g !== lead)
    .sort((a, b) => firstRow(summary, a) - firstRow(summary, b));
  if (others.length === 0) return null;
  const shown = others.slice(0, 2).map((g) => {
    // An exercise's "value" is its strike times shares: not a trade's worth, so only market trades.
    const value =
      isOpenMarket(g.code) && g.pricedShares > 0 && g.value > 0 ? ` (${formatMoney(g.value)})` : "";
    return `${tradePhrase(g, m)}${value}`;
  });
  const rest = others.length - shown.length;
  return `Also ${shown.join("; ")}${rest > 0 ? `; and ${plural(rest, "more kind")} of trade` : ""}`;
}

/** "Holds derivatives: 4,000 Class B Warrants, 30,000 Options to purchase common stock". */
function derivativesLine(summary: Summary, m: Markup): string | null {
  const bySecurity = new Map<string, number | null>();
  for (const d of summary.derivativesHeld) {
    const name = clip(d.security, 50);
    const prev = bySecurity.get(name);
    bySecurity.set(name, prev === null || d.shares === null ? null : (prev ?? 0) + d.shares);
  }
  if (bySecurity.size === 0) return null;
  const items = [...bySecurity].map(
    ([name, n]) => `${n === null ? "some" : formatShares(n)} ${m.text(name)}`,
  );
  const shown = items.slice(0, 3);
  const rest = items.length - shown.length;
  return `Derivatives held: ${shown.join(", ")}${rest > 0 ? ` and ${rest} more` : ""}`;
}

/** Trade dates, price range, plan adoption. */
function tradeFactsLine(summary: Summary, lead: TradeGroup | undefined): string | null {
  const parts: string[] = [];
  const dates = [summary.firstTradeDate, summary.lastTradeDate].filter(
    (d): d is string => d !== null,
  );
  if (dates.length > 0) parts.push(formatDateRange([...new Set(dates)]));
  if (lead && lead.minPrice !== null && lead.maxPrice !== null && lead.minPrice !== lead.maxPrice) {
    parts.push(`range ${formatPriceRange(lead.minPrice, lead.maxPrice)}`);
  }
  const p = summary.plan10b51;
  if (p.used && p.adoptionDate) {
    const days = p.daysToFirstTrade !== null ? `, ${plural(p.daysToFirstTrade, "day")} before` : "";
    let plan = `plan adopted ${formatDate(p.adoptionDate)}${days}`;
    if (p.inCoolingOff === true) {
      plan += ` ${WARN} inside the ${p.coolingOffDays !== null ? `${p.coolingOffDays}-day ` : ""}cooling-off`;
    }
    parts.push(plan);
  }
  return parts.length > 0 ? parts.join(" \u00b7 ") : null;
}

/** Issuer, form, filed date; the late and amendment flags. */
function filedLine(summary: Summary, m: Markup): string {
  const parts: string[] = [m.text(clip(summary.issuer.name || "Unknown issuer", 60))];
  const form = `Form ${summary.formType}`;
  parts.push(summary.filedDate ? `${form} filed ${formatDate(summary.filedDate)}` : form);
  if (summary.formType === "4/A") {
    const original = summary.dateOfOriginalSubmission;
    parts.push(original ? `amends the filing of ${formatDate(original)}` : "an amendment");
  }
  const late = summary.lateFiling;
  if (late?.late) {
    parts.push(`${WARN} filed late (${plural(late.businessDays, "business day")} after the trade)`);
  }
  return parts.join(" \u00b7 ");
}

/** "1 row's shares inferred from holdings · 3 reading notes · see Details", or null. */
export function notesLine(summary: Summary): string | null {
  const inferred = summary.transactions.filter((t) => t.inferred).length;
  // The amendment is said in the small print already; every other warning is a reading note.
  const notes = summary.warningDetails.filter((w) => w.code !== "amendment").length;
  const parts: string[] = [];
  if (inferred > 0) {
    parts.push(
      `${inferred === 1 ? "1 row's" : `${formatShares(inferred)} rows'`} shares inferred from holdings`,
    );
  }
  if (notes > 0) parts.push(plural(notes, "reading note"));
  if (parts.length === 0) return null;
  return `\u2139\uFE0F ${parts.join(" \u00b7 ")} \u00b7 see Details`;
}

// ---- Blocks ------------------------------------------------------------------------------------

function buttons(
  summary: Summary,
  ctx: CardContext,
  withEdgar: boolean,
): types.ActionsBlock | null {
  const elements: types.Button[] = [];
  const key = keyOf(summary, ctx);
  if (key) {
    elements.push({
      type: "button",
      action_id: DETAILS_ACTION_ID,
      text: { type: "plain_text", text: "Details" },
      value: detailsButtonValue(key),
    });
  }
  if (withEdgar && isUsableUrl(ctx.url)) {
    elements.push({
      type: "button",
      action_id: VIEW_ON_EDGAR_ACTION_ID,
      text: { type: "plain_text", text: "View on EDGAR" },
      url: ctx.url,
    });
  }
  return elements.length > 0 ? { type: "actions", elements } : null;
}

function cardBlocks(summary: Summary, ctx: CardContext, withEdgar: boolean): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  if (ctx.stale) blocks.push(context([STALE_NOTE]));
  const lead = leadGroup(summary);
  // A derivative's own "owned after" is one grant's position; the derivatives line sums them.
  const owned =
    lead && lead.table === "nonDerivative" ? ownedAfterLine(summary, lead, mrkdwn) : null;
  blocks.push(section([cardHeadline(summary), owned].filter(Boolean).join("\n")));
  const facts = [
    tradeFactsLine(summary, lead),
    lead ? otherTradesLine(summary, lead, mrkdwn) : null,
    derivativesLine(summary, mrkdwn),
    filedLine(summary, mrkdwn),
  ].filter((l): l is string => l !== null);
  blocks.push(context([facts.join("\n")]));
  const notes = notesLine(summary);
  if (notes) blocks.push(context([notes]));
  const actions = buttons(summary, ctx, withEdgar);
  if (actions) blocks.push(actions);
  return blocks;
}

/** The card's notification text: the headline without emphasis. */
function cardText(summary: Summary, stale: boolean): string {
  // Filer words may hold a bare URL that Slack would link in a notification.
  const plain = inertUrls(cardHeadline(summary).replace(/\*/g, ""));
  return truncateWords(`${plain}${stale ? ` (${STALE_NOTE})` : ""}`, LIMITS.fallbackText);
}

/** The compact card for one filing, with Details and View on EDGAR: `/form4` answers, alerts. */
export function filingCard(summary: Summary, ctx: CardContext): SlackMessage {
  const stale = ctx.stale === true;
  const blocks = cardBlocks(summary, ctx, true);
  const text = cardText(summary, stale);
  if (blockKitProblems(blocks).length === 0) return { text, blocks };
  return { text, blocks: [section(truncateWords(text, LIMITS.sectionText))] };
}

/**
 * The card as chat.unfurl blocks: the same, with Details but without View on EDGAR (the link the
 * person pasted is right above it).
 */
export function filingCardUnfurl(
  summary: Summary,
  ctx: Omit<CardContext, "url"> = {},
): KnownBlock[] {
  const blocks = cardBlocks(summary, { ...ctx, url: null }, false);
  if (blockKitProblems(blocks).length === 0) return blocks;
  return [section(truncateWords(cardText(summary, ctx.stale === true), LIMITS.sectionText))];
}
