// The one Block Kit builder for a filing: used by the slash command, the link unfurl and the daily
// digest. Pure. Every string from a filing or a user goes through escapeMrkdwn; every list is
// capped ("and 12 more rows") so any filing fits Slack's limits, and blockKitProblems is the last
// guard before a message leaves.

import type { types } from "@slack/bolt";
import type { Summary } from "../form4/summary.js";
import { blockKitProblems, LIMITS } from "./block-limits.js";
import {
  clip,
  contextParts,
  derivativeLine,
  groupLines,
  headline,
  holdingLine,
  jointFilerLines,
  lateLine,
  type Markup,
  planLine,
  rowLine,
  rowsNeedSecurity,
  STALE_NOTE,
  tickerOf,
  titleLine,
} from "./content.js";
import { formatShares, plural, truncateWords } from "./format.js";
import { bold, escapeMrkdwn, mrkdwnLink, truncateMrkdwn } from "./mrkdwn.js";

type KnownBlock = types.KnownBlock;
type SectionBlock = types.SectionBlock;

export interface MessageContext {
  /** The filing's page on EDGAR (the "View on EDGAR" button); null when not known. */
  url: string | null;
  /** true when EDGAR failed and the summary came from the cache. */
  stale?: boolean;
}

export interface SlackMessage {
  /** Fallback for notifications and screen readers; always present, at most 4000 characters. */
  text: string;
  blocks: KnownBlock[];
}

export const VIEW_ON_EDGAR_ACTION_ID = "view_on_edgar";

/** How many items each list shows before "and N more …". */
export const LIST_CAPS = {
  filers: 10,
  groups: 8,
  rows: 10,
  holdings: 10,
  derivatives: 10,
  warnings: 3,
};

const mrkdwn: Markup = { text: escapeMrkdwn, strong: bold };

/** A single line may not take a whole section on its own. */
const MAX_LINE = 1000;

/** A mrkdwn section of already-escaped text, within Slack's 3000 characters. */
export function section(text: string): SectionBlock {
  return {
    type: "section",
    text: { type: "mrkdwn", text: truncateWords(text, LIMITS.sectionText), verbatim: true },
  };
}

/**
 * Lines (already-escaped mrkdwn) joined into as few texts of at most Slack's 3000 characters as
 * they fit in, never splitting a line between two; an overlong line is shortened on a word.
 */
export function packLines(lines: readonly string[]): string[] {
  const texts: string[] = [];
  let current = "";
  for (const line of lines) {
    // Never cut inside a link: `<url|*TICK…` would show broken markup.
    const safe = truncateMrkdwn(line, LIMITS.sectionText);
    if (current !== "" && current.length + 1 + safe.length > LIMITS.sectionText) {
      texts.push(current);
      current = "";
    }
    current = current === "" ? safe : `${current}\n${safe}`;
  }
  if (current !== "") texts.push(current);
  return texts;
}

/**
 * "*Title*\nline\nline\n_and 12 more rows_": as many lines as fit in one section and in `cap`,
 * the rest counted. Lines are never cut mid-word; an overlong single line is shortened with "…".
 */
function listSection(
  title: string,
  lines: readonly string[],
  cap: number,
  more: [singular: string, plural: string],
): SectionBlock | null {
  if (lines.length === 0) return null;
  const budget = LIMITS.sectionText - 100; // room for the "and N more" line
  let text = bold(title);
  let shown = 0;
  for (const line of lines) {
    const next = `\n${truncateWords(line, MAX_LINE)}`;
    if (shown >= cap || text.length + next.length > budget) break;
    text += next;
    shown += 1;
  }
  const rest = lines.length - shown;
  if (rest > 0) text += `\n_and ${plural(rest, ...more)}_`;
  return section(text);
}

/** A context block of already-escaped mrkdwn parts, each within Slack's limits. */
export function context(parts: readonly string[]): types.ContextBlock {
  return {
    type: "context",
    elements: parts
      .slice(0, LIMITS.contextElements)
      .map((p) => ({ type: "mrkdwn", text: truncateWords(p, LIMITS.contextText), verbatim: true })),
  };
}

export function isUsableUrl(url: string | null): url is string {
  return url !== null && /^https?:\/\/\S+$/i.test(url) && url.length <= LIMITS.url;
}

function actions(url: string): types.ActionsBlock {
  return {
    type: "actions",
    elements: [
      {
        type: "button",
        action_id: VIEW_ON_EDGAR_ACTION_ID,
        text: { type: "plain_text", text: "View on EDGAR" },
        url,
      },
    ],
  };
}

/** The message's plain-text-ish fallback: the headline (mrkdwn, escaped). */
function fallbackText(summary: Summary, stale: boolean): string {
  const text = `${headline(summary, mrkdwn)}${stale ? ` (${STALE_NOTE})` : ""}`;
  return truncateWords(text, LIMITS.fallbackText);
}

function header(summary: Summary): types.HeaderBlock {
  // plain_text: Slack shows it literally, so a filer's "<!channel>" is only characters here.
  return {
    type: "header",
    text: { type: "plain_text", text: truncateWords(titleLine(summary), LIMITS.headerText) },
  };
}

/** The blocks every surface shares (no actions). */
function bodyBlocks(summary: Summary, stale: boolean): KnownBlock[] {
  const blocks: (KnownBlock | null)[] = [];
  if (stale) blocks.push(context([STALE_NOTE]));
  blocks.push(header(summary));
  blocks.push(section(bold(headline(summary, mrkdwn))));
  const filers = jointFilerLines(summary, mrkdwn);
  if (filers.length > 0) {
    blocks.push(listSection("Filed jointly by", filers, LIST_CAPS.filers, ["more", "more"]));
  }

  const groupText = summary.groups.map((g) => groupLines(g, mrkdwn).join("\n    "));
  blocks.push(
    listSection("Trades", groupText, LIST_CAPS.groups, [
      "more kind of trade",
      "more kinds of trade",
    ]),
  );

  if (summary.transactions.length > 1) {
    const withSecurity = rowsNeedSecurity(summary);
    const rows = summary.transactions.map((t) => rowLine(t, mrkdwn, withSecurity));
    blocks.push(listSection("Rows", rows, LIST_CAPS.rows, ["more row", "more rows"]));
  }

  const plan = planLine(summary);
  if (plan) blocks.push(section(plan));
  const late = lateLine(summary);
  if (late) blocks.push(section(late));

  blocks.push(
    listSection(
      "Holdings after",
      summary.holdingsAfter.map((h) => holdingLine(h, mrkdwn)),
      LIST_CAPS.holdings,
      ["more holding", "more holdings"],
    ),
  );
  blocks.push(
    listSection(
      "Options and warrants held",
      summary.derivativesHeld.map((d) => derivativeLine(d, mrkdwn)),
      LIST_CAPS.derivatives,
      ["more derivative holding", "more derivative holdings"],
    ),
  );
  blocks.push(
    listSection(
      "\u26a0 Warnings",
      summary.warnings.map((w) => escapeMrkdwn(clip(w, 300))),
      LIST_CAPS.warnings,
      ["more warning", "more warnings"],
    ),
  );
  blocks.push(context(contextParts(summary, mrkdwn)));
  return blocks.filter((b): b is KnownBlock => b !== null);
}

/** Headline, small print and the button: what is left if the full message ever broke a limit. */
function minimalBlocks(summary: Summary, ctx: MessageContext): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  if (ctx.stale) blocks.push(context([STALE_NOTE]));
  blocks.push(section(headline(summary, mrkdwn)));
  blocks.push(context(contextParts(summary, mrkdwn)));
  if (isUsableUrl(ctx.url)) blocks.push(actions(ctx.url));
  return blocks;
}

/**
 * The message for one filing: header, headline, trades by kind, rows, 10b5-1, late filing,
 * holdings after, options and warrants held, warnings, small print, and "View on EDGAR".
 */
export function summaryMessage(summary: Summary, ctx: MessageContext): SlackMessage {
  const stale = ctx.stale === true;
  const blocks = bodyBlocks(summary, stale);
  if (isUsableUrl(ctx.url)) blocks.push(actions(ctx.url));
  const text = fallbackText(summary, stale);
  if (blockKitProblems(blocks).length === 0) return { text, blocks };
  return { text, blocks: minimalBlocks(summary, ctx) };
}

/**
 * Blocks for chat.unfurl of an EDGAR link: the same content without the "View on EDGAR" button
 * (the link the person pasted is right above it).
 */
export function summaryUnfurlBlocks(summary: Summary, ctx: { stale?: boolean } = {}): KnownBlock[] {
  const blocks = bodyBlocks(summary, ctx.stale === true);
  if (blockKitProblems(blocks).length === 0) return blocks;
  return minimalBlocks(summary, { url: null, stale: ctx.stale === true });
}

/**
 * One digest entry (mrkdwn, one or two lines): ticker linked to the filing, who did what at what
 * average price, 10b5-1 marker, holdings after, and late filing.
 */
export function digestLine(summary: Summary, url: string | null): string {
  const ticker = tickerOf(summary);
  const label = bold(escapeMrkdwn(ticker ?? clip(summary.issuer.name || "Form 4", 40)));
  const link = url ? mrkdwnLink(url, label) : label;
  const extras: string[] = [];
  if (summary.plan10b51.used) extras.push("10b5-1 plan");
  const held = holdingsAfterPhrase(summary);
  if (held) extras.push(held);
  if (summary.lateFiling?.late) {
    extras.push(
      `\u26a0 filed late (${plural(summary.lateFiling.businessDays, "business day")} after the trade)`,
    );
  }
  if (summary.formType === "4/A") extras.push("amendment");
  const line = `${link} ${headline(summary, mrkdwn)}`;
  const second = extras.length > 0 ? `\n    ${extras.join(" \u00b7 ")}` : "";
  // Never cut inside the link: `<url|*TICK…` would show broken markup.
  return truncateMrkdwn(`${line}${second}`, 1500);
}

/** "holds 42,800 directly after (+10,000 indirectly)" for the security the trades were in. */
function holdingsAfterPhrase(summary: Summary): string | null {
  const firstGroup = summary.groups.find((g) => g.table === "nonDerivative");
  const security = firstGroup?.securities[0] ?? summary.holdingsAfter[0]?.security;
  if (security === undefined) return null;
  const holdings = summary.holdingsAfter.filter((h) => h.security === security);
  if (holdings.length === 0) return null;
  const direct = holdings.filter((h) => h.ownership === "D").reduce((s, h) => s + h.shares, 0);
  const indirect = holdings.filter((h) => h.ownership === "I").reduce((s, h) => s + h.shares, 0);
  const hasDirect = holdings.some((h) => h.ownership === "D");
  if (!hasDirect) return `holds ${formatShares(indirect)} indirectly after`;
  return `holds ${formatShares(direct)} directly after${indirect > 0 ? ` (+${formatShares(indirect)} indirectly)` : ""}`;
}
