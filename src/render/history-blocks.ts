// The `/form4 history` message and its Details modal, in Block Kit. Pure. Text from filings goes
// through escapeMrkdwn; every list is capped so any history fits Slack's limits.

import type { types } from "@slack/bolt";
import type { History } from "../history/model.js";
import { blockKitProblems, LIMITS } from "./block-limits.js";
import { packLines, section } from "./blocks.js";
import type { Markup } from "./content.js";
import { formatDate, plural, truncateWords } from "./format.js";
import {
  companyText,
  cutLine,
  filingsLine,
  insiderLines,
  totalsLine,
  unknownsText,
  windowText,
} from "./history-content.js";
import { bold, escapeMrkdwn, mrkdwnLink } from "./mrkdwn.js";

type KnownBlock = types.KnownBlock;

export const HISTORY_DETAILS_ACTION_ID = "history_details";

/** Insiders in the message; the rest are in Details. */
export const MESSAGE_INSIDERS = 10;

const mrkdwn: Markup = { text: escapeMrkdwn, strong: bold };

export interface HistoryMessageContext {
  /** "12 months" */
  windowWords: string;
  /** The uploaded chart (a Slack file id) and what it shows; null when it could not be uploaded. */
  chart: { fileId: string; altText: string; title: string } | null;
  /** Said under the table when the chart is missing (our words). */
  chartNote: string | null;
  /** The Details button's value: where the Details listener finds this history. */
  detailsKey: string | null;
}

export interface HistoryMessage {
  text: string;
  blocks: KnownBlock[];
}

function context(text: string): KnownBlock {
  return {
    type: "context",
    elements: [{ type: "mrkdwn", text: truncateWords(text, LIMITS.contextText) }],
  };
}

function header(history: History, windowWords: string): KnownBlock {
  const who = history.company.ticker || history.company.name || `CIK ${history.company.cik}`;
  const text = `${who} insiders, last ${windowWords}`;
  return {
    type: "header",
    text: { type: "plain_text", text: truncateWords(text, LIMITS.headerText), emoji: false },
  };
}

function insiderTable(history: History, cap: number): string[] {
  const lines = history.insiders.slice(0, cap).map((insider) => {
    const [first, ...rest] = insiderLines(insider, mrkdwn);
    return [`\u2022 ${first}`, ...rest.map((l) => `\u2003${l}`)].join("\n");
  });
  const more = history.insiders.length - cap;
  if (more > 0) lines.push(`_and ${plural(more, "more insider")}: see Details_`);
  return lines;
}

function notes(history: History, extra: string | null): string[] {
  return [unknownsText(history.openMarket), cutLine(history), extra]
    .filter((s): s is string => s !== null)
    .map((s) => `\u26a0 ${escapeMrkdwn(s)}`);
}

/** The message: totals, the chart, the insiders, notes, and the Details button. */
export function historyMessage(history: History, ctx: HistoryMessageContext): HistoryMessage {
  const blocks: KnownBlock[] = [header(history, ctx.windowWords)];
  const summary = [
    `${companyText(history, mrkdwn)} \u00b7 ${escapeMrkdwn(windowText(history))}`,
    totalsLine(history, mrkdwn),
    escapeMrkdwn(filingsLine(history)),
  ].join("\n");
  blocks.push(section(summary));
  if (ctx.chart) {
    blocks.push({
      type: "image",
      slack_file: { id: ctx.chart.fileId },
      alt_text: truncateWords(ctx.chart.altText, LIMITS.imageAltText),
      title: { type: "plain_text", text: truncateWords(ctx.chart.title, LIMITS.imageTitle) },
    } as KnownBlock);
  }
  if (history.insiders.length === 0) {
    blocks.push(section("_No insider traded or reported activity in this window._"));
  } else {
    for (const text of packLines(insiderTable(history, MESSAGE_INSIDERS)))
      blocks.push(section(text));
  }
  const said = notes(history, ctx.chartNote);
  if (said.length > 0) blocks.push(context(said.join("\n")));
  if (ctx.detailsKey) {
    blocks.push({
      type: "actions",
      elements: [
        {
          type: "button",
          action_id: HISTORY_DETAILS_ACTION_ID,
          text: {
            type: "plain_text",
            text: `Details: ${plural(history.filings.length, "filing")} read`,
          },
          value: ctx.detailsKey,
        },
      ],
    });
  }
  const who = history.company.ticker || history.company.name;
  const plain: Markup = { text: (t) => t, strong: (t) => t };
  const text = truncateWords(
    `${who} insiders, last ${ctx.windowWords}. ${totalsLine(history, plain)}. ${filingsLine(history)}.`,
    LIMITS.fallbackText,
  );
  const problems = blockKitProblems(blocks);
  if (problems.length > 0)
    throw new Error(`history message breaks Slack's limits: ${problems.join("; ")}`);
  return { text, blocks };
}

function filingLine(f: History["filings"][number]): string {
  const label = `Form ${f.form} filed ${f.filedDate ? formatDate(f.filedDate) : "(date not given)"}`;
  const parts = [mrkdwnLink(f.url, label), escapeMrkdwn(truncateWords(f.insider, 120))];
  parts.push(
    f.rowsInWindow > 0 ? `${plural(f.rowsInWindow, "row")} in the window` : "no rows in the window",
  );
  if (f.replacedBy) parts.push(`_replaced by its amendment ${escapeMrkdwn(f.replacedBy)}_`);
  if (f.replaces) parts.push(`_amends ${escapeMrkdwn(f.replaces)}_`);
  return `\u2022 ${parts.join(" \u00b7 ")}`;
}

/** The Details modal: every insider, and every filing read with its link. */
export function historyModal(history: History, windowWords: string): types.ModalView {
  const who = history.company.ticker || history.company.name || "History";
  const blocks: KnownBlock[] = [
    section(
      [
        `${companyText(history, mrkdwn)} \u00b7 last ${escapeMrkdwn(windowWords)} \u00b7 ${escapeMrkdwn(windowText(history))}`,
        totalsLine(history, mrkdwn),
        escapeMrkdwn(filingsLine(history)),
      ].join("\n"),
    ),
  ];
  const said = notes(history, null);
  if (said.length > 0) blocks.push(context(said.join("\n")));
  const insiders = packLines(insiderTable(history, history.insiders.length));
  const filings = packLines([
    bold(`Filings read (${history.filings.length})`),
    ...history.filings.map(filingLine),
  ]);
  const unread = history.unread.map(
    (u) =>
      `\u2022 ${escapeMrkdwn(u.accessionNumber)}: ${escapeMrkdwn(truncateWords(u.reason, 300))}`,
  );
  const unreadTexts = unread.length > 0 ? packLines([bold("Could not be read"), ...unread]) : [];
  // Filings and unread first in the budget: they are what Details is for.
  const room = LIMITS.blocksPerView - blocks.length - 2;
  const filingTexts = [...filings, ...unreadTexts];
  const insiderRoom = Math.max(0, room - filingTexts.length);
  blocks.push({ type: "divider" });
  for (const text of insiders.slice(0, insiderRoom)) blocks.push(section(text));
  blocks.push({ type: "divider" });
  for (const text of filingTexts.slice(0, LIMITS.blocksPerView - blocks.length))
    blocks.push(section(text));
  return {
    type: "modal",
    title: { type: "plain_text", text: truncateWords(`${who} history`, LIMITS.viewTitleText) },
    close: { type: "plain_text", text: "Close" },
    blocks,
  };
}

/** Details asked for after the history was forgotten (it is kept for a while, not forever). */
export function expiredHistoryModal(): types.ModalView {
  return {
    type: "modal",
    title: { type: "plain_text", text: "History" },
    close: { type: "plain_text", text: "Close" },
    blocks: [
      section("This history is no longer kept. Run `/form4 history TICKER` again for a fresh one."),
    ],
  };
}
