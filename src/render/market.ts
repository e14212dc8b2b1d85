// The market digest as a Slack message: the day's largest insider purchases and sales across all
// of EDGAR, value first (what src/digest/market.ts ranked). Pure.
import type { types } from "@slack/bolt";
import type { MarketDigest, MarketTrade } from "../digest/market.js";
import { pastVerb } from "../form4/codes.js";
import { LIMITS } from "./block-limits.js";
import type { SlackMessage } from "./blocks.js";
import { formatMoney, formatPrice, formatShares, plural, truncateWords } from "./format.js";
import { bold, escapeMrkdwn, mrkdwnLink } from "./mrkdwn.js";
import { ownersPhrase, ownersRole } from "./names.js";

type KnownBlock = types.KnownBlock;

function tradeLine(rank: number, t: MarketTrade): string {
  const who = escapeMrkdwn(truncateWords(ownersPhrase(t.owners, t.signatureNames), 80));
  const role = truncateWords(ownersRole(t.owners), 60);
  const issuer = escapeMrkdwn(t.ticker ?? truncateWords(t.issuerName, 60));
  const verb = pastVerb(t.code, "D");
  const price = t.averagePrice === null ? "" : ` at avg ${formatPrice(t.averagePrice)}`;
  const partial =
    t.pricedShares < t.shares ? ` (${formatShares(t.pricedShares)} of them priced)` : "";
  return `${rank}. ${bold(formatMoney(t.value))} ${mrkdwnLink(t.url, bold(issuer))} ${who}${
    role ? ` (${escapeMrkdwn(role)})` : ""
  } ${verb} ${formatShares(t.shares)} shares${price}${partial}`;
}

function listSection(title: string, trades: readonly MarketTrade[]): KnownBlock {
  const body =
    trades.length === 0 ? "_none reported_" : trades.map((t, i) => tradeLine(i + 1, t)).join("\n");
  return {
    type: "section",
    text: {
      type: "mrkdwn",
      text: truncateWords(`${bold(title)}\n${body}`, LIMITS.sectionText),
      verbatim: true,
    },
  };
}

/** The market section of a digest: top purchases, top sales, and what was read. */
export function marketBlocks(m: MarketDigest, day: string): SlackMessage {
  const read =
    m.read < m.form4Count
      ? `From the first ${formatShares(m.read)} of ${plural(m.form4Count, "Form 4 filing")} in EDGAR's index for ${day} (at most ${formatShares(m.read)} are read per day, within EDGAR's 10 requests a second).`
      : `From all ${plural(m.form4Count, "Form 4 filing")} in EDGAR's index for ${day}.`;
  const notes = [
    read,
    "Open-market trades (codes P and S) in Table I, by value (shares \u00d7 reported price); amendments (4/A) not counted.",
  ];
  if (m.unreadable > 0) notes.push(`${plural(m.unreadable, "filing")} could not be read.`);
  const blocks: KnownBlock[] = [
    {
      type: "section",
      text: { type: "mrkdwn", text: bold(`Largest insider trades on EDGAR, ${day}`) },
    },
    listSection("Purchases", m.purchases),
    listSection("Sales", m.sales),
    { type: "context", elements: [{ type: "mrkdwn", text: notes.join(" ") }] },
  ];
  const top = (t: MarketTrade | undefined) =>
    t ? `${t.ticker ?? t.issuerName} ${formatMoney(t.value)}` : "none";
  return {
    text: `Largest insider trades on EDGAR, ${day}: top purchase ${top(m.purchases[0])}, top sale ${top(m.sales[0])}`,
    blocks,
  };
}
