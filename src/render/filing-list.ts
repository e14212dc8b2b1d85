// `/form4 TICKER`: one message, one compact line per filing (value first, as the market digest),
// each with its Details button; the ticker is said once, on top. Pure.

import type { types } from "@slack/bolt";
import type { Summary } from "../form4/summary.js";
import { blockKitProblems, LIMITS } from "./block-limits.js";
import { context, type SlackMessage, section } from "./blocks.js";
import {
  cardHeadline,
  DETAILS_ACTION_ID,
  detailsButtonValue,
  type FilingKey,
  leadGroup,
  ownedAfterLine,
} from "./card.js";
import { clip, type Markup, STALE_NOTE, tickerOf } from "./content.js";
import { formatDate, formatDateRange, plural, truncateWords } from "./format.js";
import { bold, escapeMrkdwn, mrkdwnLink } from "./mrkdwn.js";

type KnownBlock = types.KnownBlock;

export interface ListedFiling {
  summary: Summary;
  /** The filing's page on EDGAR, or null. */
  url: string | null;
  key: FilingKey | null;
  stale?: boolean;
}

export interface FilingListInput {
  /** What was asked for: "ASTI". */
  ticker: string;
  /** The company's name, when known. */
  company: string | null;
  filings: readonly ListedFiling[];
  /** Our own sentences for the top ("Found 2 Form 4 filings …"); plain text, escaped here. */
  notes?: readonly string[];
}

const mrkdwn: Markup = { text: escapeMrkdwn, strong: bold };

/** The small print under a listed filing's headline: dates, holdings after, form, EDGAR link. */
function listFacts(f: ListedFiling): string {
  const s = f.summary;
  const parts: string[] = [];
  const dates = [s.firstTradeDate, s.lastTradeDate].filter((d): d is string => d !== null);
  if (dates.length > 0) parts.push(formatDateRange([...new Set(dates)]));
  const lead = leadGroup(s);
  const owned = lead && lead.table === "nonDerivative" ? ownedAfterLine(s, lead, mrkdwn) : null;
  if (owned) parts.push(owned.charAt(0).toLowerCase() + owned.slice(1));
  const kind = s.formType === "4/A" ? "Form 4/A (amendment)" : "Form 4";
  const form = `${kind}${s.filedDate ? ` filed ${formatDate(s.filedDate)}` : ""}`;
  parts.push(f.url ? mrkdwnLink(f.url, form) : form);
  if (s.lateFiling?.late) parts.push("\u26a0 late");
  if (f.stale) parts.push("cached copy");
  return parts.join(" \u00b7 ");
}

/**
 * One filing in two lines of mrkdwn, value first, without the ticker (the list or digest says it
 * once): "🔴 *$21,858* Ashutosh Misra (…) sold 1,500 shares at avg $16.81 · 10b5-1 plan" and
 * "Nov 13, 2007 · owns 42,800 shares directly after (−3.4% of holdings) · <link|Form 4 filed …>".
 */
export function filingLine(f: ListedFiling): string {
  return truncateWords(
    `${cardHeadline(f.summary, mrkdwn, { issuer: false })}\n${listFacts(f)}`,
    1500,
  );
}

/** One filing's line: a section with the headline, its small print and a Details button. */
export function filingListItem(f: ListedFiling): KnownBlock {
  const block: types.SectionBlock = section(filingLine(f));
  if (f.key) {
    block.accessory = {
      type: "button",
      action_id: DETAILS_ACTION_ID,
      text: { type: "plain_text", text: "Details" },
      value: detailsButtonValue(f.key),
    };
  }
  return block;
}

/** The list message: "*ASTI* · Ascent Solar …: the latest 5 Form 4 filings", then one line each. */
export function filingListMessage(input: FilingListInput): SlackMessage {
  const ticker =
    input.filings.map((f) => tickerOf(f.summary)).find((t) => t !== null) ?? input.ticker;
  const company = input.company ?? input.filings[0]?.summary.issuer.name ?? null;
  const n = input.filings.length;
  const title = `${bold(escapeMrkdwn(ticker))}${company ? ` \u00b7 ${escapeMrkdwn(clip(company, 80))}` : ""}: the latest ${n === 1 ? "Form 4 filing" : plural(n, "Form 4 filing")}`;
  const blocks: KnownBlock[] = [section(title)];
  const notes = [...(input.notes ?? [])];
  if (input.filings.some((f) => f.stale)) notes.push(STALE_NOTE);
  if (notes.length > 0) blocks.push(context([escapeMrkdwn(notes.join(" "))]));
  // Slack's 50 blocks hold 10 filings with room to spare (the command shows at most 10).
  for (const f of input.filings.slice(0, LIMITS.blocksPerMessage - blocks.length)) {
    blocks.push(filingListItem(f));
  }
  const text = truncateWords(
    [
      `${ticker}: the latest ${plural(n, "Form 4 filing")}`,
      ...notes.map(escapeMrkdwn),
      ...input.filings.map((f) =>
        cardHeadline(f.summary, mrkdwn, { issuer: false }).replace(/\*/g, ""),
      ),
    ].join("\n"),
    LIMITS.fallbackText,
  );
  if (blockKitProblems(blocks).length === 0) return { text, blocks };
  return { text, blocks: [section(truncateWords(text, LIMITS.sectionText))] };
}
