// What we say about an insider history, independent of the medium: the Slack message, the Details
// modal and the terminal all phrase it through these functions (with a Markup for their medium).

import { ACTIVITY_ORDER, ACTIVITY_WORDS } from "../history/activity.js";
import type { Activity, History, InsiderHistory, OpenMarket } from "../history/model.js";
import { CLIP, clip, type Markup } from "./content.js";
import { formatDate, formatMoney, formatShares, plural } from "./format.js";

/** "Dec 2, 2025 – Dec 1, 2026" */
export function windowText(history: History): string {
  return `${formatDate(history.window.since)} \u2013 ${formatDate(history.window.until)}`;
}

export function companyText(history: History, m: Markup): string {
  const c = history.company;
  const name = m.text(clip(c.name || `CIK ${c.cik}`, CLIP.issuer));
  return c.ticker ? `${name} (${m.text(c.ticker)})` : name;
}

/** "−$450.7M" / "+$1.2M" / "$0": the sign said, so a net reads at a glance. */
export function signedMoney(v: number): string {
  if (Math.abs(v) < 0.005) return "$0";
  return v > 0 ? `+${formatMoney(v)}` : `\u2212${formatMoney(-v)}`;
}

/** "12,000 shares ($1.2M)": the $ over the priced shares (unpriced ones are said on the line). */
function sharesAndValue(shares: number, value: number): string {
  return `${plural(shares, "share")} (${formatMoney(value)})`;
}

/** How much of the open market had no price or no share count: said, never made $0. */
export function unknownsText(om: OpenMarket): string | null {
  const parts: string[] = [];
  if (om.unpricedShares > 0) {
    parts.push(`${plural(om.unpricedShares, "share")} with no price reported are not in the $`);
  }
  if (om.unknownShareRows > 0) {
    parts.push(
      `${plural(om.unknownShareRows, "trade")} with no share count stated ${om.unknownShareRows === 1 ? "is" : "are"} not in the totals`,
    );
  }
  return parts.length > 0 ? parts.join("; ") : null;
}

/** "bought 5,000 shares ($55,150) · sold 120,000 shares ($139.2M, 100% under 10b5-1) · 132 trades" */
export function openMarketText(om: OpenMarket): string {
  if (om.trades === 0) return "no open-market trades";
  const parts: string[] = [];
  // Unpriced shares fall on whichever side they were; the line as a whole says how many.
  if (om.boughtShares > 0) parts.push(`bought ${sharesAndValue(om.boughtShares, om.boughtValue)}`);
  if (om.soldShares > 0) {
    let sold = `sold ${sharesAndValue(om.soldShares, om.soldValue)}`;
    if (om.planSoldShares > 0) {
      const share = Math.round((om.planSoldShares / om.soldShares) * 100);
      sold += `, ${share}% of the shares under 10b5-1`;
    }
    parts.push(sold);
  }
  parts.push(plural(om.trades, "trade"));
  const unknown = unknownsText(om);
  if (unknown) parts.push(unknown);
  return parts.join(" · ");
}

/** "holds 42,800 direct, 10,000 by trust" (after the latest filing read), or null. */
export function holdingsText(insider: InsiderHistory, m: Markup): string | null {
  const positions = insider.holdings?.positions ?? [];
  if (positions.length === 0) return null;
  const byForm = new Map<string, number>();
  for (const p of positions) {
    // "See footnotes" says where to look, not who holds: such a position is just indirect.
    const named = p.heldBy ?? (p.nature && !/^see\b/i.test(p.nature) ? p.nature : null);
    const how = p.ownership === "D" ? "direct" : clip(named ?? "indirect", 40);
    byForm.set(how, (byForm.get(how) ?? 0) + p.shares);
  }
  const parts = [...byForm.entries()].map(([how, shares]) =>
    how === "direct"
      ? `${formatShares(shares)} direct`
      : `${formatShares(shares)} ${m.text(how.toLowerCase().startsWith("by ") ? how : `by ${how}`)}`,
  );
  return `holds ${parts.slice(0, 3).join(", ")}${parts.length > 3 ? ` and ${parts.length - 3} more` : ""}`;
}

/** "grants 20,000 sh · exercises 5,000 sh · tax withholding 1,200 sh · gifts 300 sh", or null. */
export function activityText(activity: readonly Activity[]): string | null {
  const parts: string[] = [];
  for (const kind of ACTIVITY_ORDER) {
    // Table I shows the shares; a Table II row of the same kind (the option side of an exercise)
    // would say it twice, so it is shown only when no Table I row is there (e.g. option grants).
    const common = activity.find((a) => a.kind === kind && a.table === "nonDerivative");
    const derivative = activity.find((a) => a.kind === kind && a.table === "derivative");
    const a = common ?? derivative;
    if (!a) continue;
    const what =
      a.table === "derivative" ? `${ACTIVITY_WORDS[kind]} of options/units` : ACTIVITY_WORDS[kind];
    parts.push(
      a.shares > 0 ? `${what} ${formatShares(a.shares)} sh` : `${what} (${plural(a.rows, "row")})`,
    );
  }
  return parts.length > 0 ? parts.join(" · ") : null;
}

/** "Sundar Pichai (CEO)" with joint co-filers named. */
export function insiderTitle(insider: InsiderHistory, m: Markup): string {
  const name = m.strong(m.text(clip(insider.name, CLIP.name)));
  const role = insider.role ? ` (${m.text(clip(insider.role, CLIP.role))})` : "";
  const joint =
    insider.jointWith.length > 0
      ? `, jointly with ${m.text(clip(insider.jointWith.join(", "), CLIP.name))}`
      : "";
  return `${name}${role}${joint}`;
}

/** The company line: net open-market $, bought and sold, how many filings. */
export function totalsLine(history: History, m: Markup): string {
  const om = history.openMarket;
  const net = m.strong(`Net open-market ${signedMoney(history.netValue)}`);
  const plan =
    om.planSoldValue > 0 ? `, ${formatMoney(om.planSoldValue)} of it under 10b5-1 plans` : "";
  return `${net}: bought ${formatMoney(om.boughtValue)}, sold ${formatMoney(om.soldValue)}${plan}`;
}

/** "Read from 99 Form 4 filings (1 replaced by its amendment)". */
export function filingsLine(history: History): string {
  const read = history.filings.length;
  const replaced = read - history.filingsCounted;
  const parts = [`Read from ${plural(read, "Form 4 filing")}`];
  if (replaced > 0)
    parts.push(
      `${plural(replaced, "filing")} replaced by ${replaced === 1 ? "its amendment" : "their amendments"}`,
    );
  if (history.unread.length > 0)
    parts.push(`${plural(history.unread.length, "filing")} could not be read`);
  if (history.notIssuer > 0) {
    parts.push(`${plural(history.notIssuer, "listed filing")} of other issuers left out`);
  }
  return parts.join("; ");
}

/** The bound, when it cut the work: said, with where the history now starts. */
export function cutLine(history: History): string | null {
  const cut = history.cut;
  if (!cut) return null;
  const from = cut.earliestFiledRead ? ` (filed from ${formatDate(cut.earliestFiledRead)})` : "";
  return `Only the latest ${formatShares(cut.read)} of ${formatShares(cut.listed)} filings in the window were read${from}; earlier trades are not counted.`;
}

/** One insider's lines: who, open market, holdings, other activity. */
export function insiderLines(insider: InsiderHistory, m: Markup): string[] {
  const lines = [`${insiderTitle(insider, m)}: ${openMarketText(insider.openMarket)}`];
  const details = [holdingsText(insider, m), activityText(insider.activity)].filter(
    (s): s is string => s !== null,
  );
  if (details.length > 0) lines.push(details.join(" · "));
  return lines;
}
