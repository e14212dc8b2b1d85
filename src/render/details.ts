// The Details modal: the full breakdown the card leaves out. Every row, the holdings after per form
// of ownership, every derivative with its exercise price and dates, the footnotes that matter
// quoted, and the reading notes (inferred rows, cross-check warnings). Pure.
//
// Rows are mrkdwn lines, not a `table` block: Slack's table block is for messages only (sent as an
// attachment, one per message), and a modal must show every row on every client. A modal holds
// 100 blocks of up to 3,000 characters each: about 3,000 rows, more than any Form 4 has; past that
// the last section says how many are left and where to read them.

import type { types } from "@slack/bolt";
import { describeCode, transactionCode } from "../form4/codes.js";
import type { Summary } from "../form4/summary.js";
import { blockKitProblems, LIMITS } from "./block-limits.js";
import { context, isUsableUrl, packLines, section, VIEW_ON_EDGAR_ACTION_ID } from "./blocks.js";
import { cardHeadline, leadGroup, ownedAfterLine } from "./card.js";
import {
  CLIP,
  clip,
  contextParts,
  derivativeLine,
  groupLines,
  holdingLine,
  jointFilerLines,
  lateLine,
  type Markup,
  planLine,
  rowLine,
  rowsNeedSecurity,
  STALE_NOTE,
  tickerOf,
  WARN,
} from "./content.js";
import { formatDate, plural, truncateWords } from "./format.js";
import { bold, escapeMrkdwn } from "./mrkdwn.js";

type KnownBlock = types.KnownBlock;

/** The modal's callback_id. Stable: Slack names the view by it in view_closed payloads. */
export const DETAILS_CALLBACK_ID = "filing_details_modal";

/** A modal view whose blocks are the kinds we build (so callers and tests can check them). */
export type DetailsView = Omit<types.ModalView, "blocks"> & { blocks: KnownBlock[] };

const mrkdwn: Markup = { text: escapeMrkdwn, strong: bold };

/** The text of a reading note, whether the summary carries strings or structured warnings. */
export function warningText(w: Summary["warnings"][number]): string {
  return typeof w === "string" ? w : String((w as { text?: unknown }).text ?? "");
}

/**
 * "*Title*" and the lines, packed into as few sections as fit (a line is never split); at most
 * `room` sections, the last saying how many lines did not fit.
 */
function titledSections(title: string, lines: readonly string[], room: number): KnownBlock[] {
  if (lines.length === 0 || room <= 0) return [];
  const texts = packLines([bold(title), ...lines]);
  if (texts.length <= room) return texts.map(section);
  const kept = texts.slice(0, room);
  const lastLines = (kept.pop() ?? "").split("\n");
  const shownBefore = kept.reduce((n, t) => n + t.split("\n").length, 0);
  const note = (shown: number) =>
    `_and ${plural(lines.length - shown, "more line")}: see the filing on EDGAR_`;
  // Drop lines from the last section until the note fits beside them.
  while (
    lastLines.length > 1 &&
    [...lastLines, note(shownBefore + lastLines.length - 1)].join("\n").length > LIMITS.sectionText
  ) {
    lastLines.pop();
  }
  // The title is the first of the packed lines, not one of `lines`.
  const shown = shownBefore + lastLines.length - 1;
  kept.push([...lastLines, note(shown)].join("\n"));
  return kept.map(section);
}

/** The rows, each with its code's plain name once per code ("S: open-market sale"). */
function codeLegend(summary: Summary): string | null {
  const codes = [...new Set(summary.transactions.map((t) => t.code).filter((c) => c !== null))];
  if (codes.length === 0) return null;
  return codes
    .map((c) => {
      const entry = transactionCode(c);
      const name = entry ? entry.official : describeCode(c);
      return `${escapeMrkdwn(c)}: ${escapeMrkdwn(name)}`;
    })
    .join(" \u00b7 ");
}

/** Quoted filer text that explains the numbers: the 10b5-1 sentence and the remarks. */
function quotes(summary: Summary): string[] {
  const lines: string[] = [];
  const plan = summary.plan10b51;
  if (plan.used && plan.evidence) {
    lines.push(`10b5-1: \u201c${escapeMrkdwn(clip(plan.evidence, 600))}\u201d`);
  }
  if (summary.remarks)
    lines.push(`Remarks: \u201c${escapeMrkdwn(clip(summary.remarks, 1200))}\u201d`);
  return lines;
}

function modalTitle(summary: Summary): string {
  const ticker = tickerOf(summary);
  const title = ticker
    ? `${ticker} \u00b7 Form ${summary.formType}`
    : `Form ${summary.formType} details`;
  return truncateWords(title, LIMITS.viewTitleText);
}

/** The modal's blocks, in reading order; every list whole while the 100 blocks allow. */
export function detailsBlocks(
  summary: Summary,
  ctx: { url: string | null; stale?: boolean },
): KnownBlock[] {
  const top: KnownBlock[] = [];
  if (ctx.stale) top.push(context([STALE_NOTE]));
  const lead = leadGroup(summary);
  const owned =
    lead && lead.table === "nonDerivative" ? ownedAfterLine(summary, lead, mrkdwn) : null;
  top.push(section([cardHeadline(summary), owned].filter(Boolean).join("\n")));
  top.push(
    context([
      escapeMrkdwn(clip(summary.issuer.name || "Unknown issuer", CLIP.issuer)),
      ...contextParts(summary, mrkdwn),
    ]),
  );

  const tail: KnownBlock[] = [
    context([
      `${WARN} Reading notes are how this summary was read from the filing; check anything that matters on EDGAR.`,
    ]),
  ];
  if (isUsableUrl(ctx.url)) {
    tail.push({
      type: "actions",
      elements: [
        {
          type: "button",
          action_id: VIEW_ON_EDGAR_ACTION_ID,
          text: { type: "plain_text", text: "View on EDGAR" },
          url: ctx.url,
        },
      ],
    });
  }

  const withSecurity = rowsNeedSecurity(summary);
  const plan = planLine(summary);
  const late = lateLine(summary);
  const legend = codeLegend(summary);
  const sections: [string, string[]][] = [
    ["Filed jointly by", jointFilerLines(summary, mrkdwn)],
    ["Trades", summary.groups.map((g) => groupLines(g, mrkdwn).join("\n    "))],
    [
      `Rows (${summary.transactions.length})`,
      [
        ...summary.transactions.map((t, i) => `${i + 1}. ${rowLine(t, mrkdwn, withSecurity)}`),
        ...(legend ? [`_${legend}_`] : []),
      ],
    ],
    ["Rule 10b5-1 and filing date", [plan, late].filter((l): l is string => l !== null)],
    ["Holdings after", summary.holdingsAfter.map((h) => holdingLine(h, mrkdwn))],
    [
      "Derivative securities held",
      summary.derivativesHeld.map((d) => {
        const exercisable = d.exerciseDate ? `, exercisable ${formatDate(d.exerciseDate)}` : "";
        return `${derivativeLine(d, mrkdwn)}${exercisable}`;
      }),
    ],
    ["From the filing", quotes(summary)],
    [`${WARN} Reading notes`, summary.warnings.map((w) => escapeMrkdwn(clip(warningText(w), 600)))],
  ];
  const body: KnownBlock[] = [];
  for (const [title, lines] of sections) {
    if (lines.length === 0) continue;
    const room = LIMITS.blocksPerView - top.length - tail.length - body.length - 1;
    if (body.length > 0) body.push({ type: "divider" });
    body.push(...titledSections(title, lines, room));
  }
  return [...top, ...body, ...tail];
}

/** The modal (views.open): title "ASTI · Form 4", the breakdown, a Close button. */
export function detailsModal(
  summary: Summary,
  ctx: { url: string | null; stale?: boolean },
): DetailsView {
  let blocks = detailsBlocks(summary, ctx);
  if (
    blocks.length > LIMITS.blocksPerView ||
    blockKitProblems(blocks, LIMITS.blocksPerView).length > 0
  ) {
    blocks = [section(truncateWords(cardHeadline(summary), LIMITS.sectionText))];
  }
  return {
    type: "modal",
    callback_id: DETAILS_CALLBACK_ID,
    title: { type: "plain_text", text: modalTitle(summary) },
    close: { type: "plain_text", text: "Close" },
    blocks,
  };
}

/**
 * A modal with one message of ours (already-safe mrkdwn): "Looking up…", or why the filing could
 * not be fetched again.
 */
export function detailsNoteModal(safeText: string): DetailsView {
  return {
    type: "modal",
    callback_id: DETAILS_CALLBACK_ID,
    title: { type: "plain_text", text: "Form 4 details" },
    close: { type: "plain_text", text: "Close" },
    blocks: [section(truncateWords(safeText, LIMITS.sectionText))],
  };
}
