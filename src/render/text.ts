// A summary for a terminal: the same content as the Slack message, as aligned plain text.
// No mrkdwn, and no ANSI escapes unless asked for. Filer text is stripped of control characters
// so a filing cannot move the cursor, clear the screen or recolour the terminal.

import type { AcquiredDisposed } from "../form4/model.js";
import type { Summary, SummaryTransaction } from "../form4/summary.js";
import {
  CLIP,
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
  STALE_NOTE,
  titleLine,
} from "./content.js";
import { formatDate, formatPrice, formatShares, formatSignedShares } from "./format.js";

export interface TextOptions {
  /** The filing's page on EDGAR, printed last. */
  url?: string | null;
  /** true when the summary came from the cache because EDGAR failed. */
  stale?: boolean;
  /**
   * ANSI escapes for a terminal: bold headings, acquisitions (buys) green and disposals (sells)
   * red. Off by default.
   */
  color?: boolean;
}

/** C0/C1 control characters (ESC included) and bidi overrides, which could rewrite a terminal line. */
const CONTROL_CHARS = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu;

/** Filer text → one clean line for a terminal. */
export function terminalSafe(s: string): string {
  return s.replace(/[\r\n\t]+/g, " ").replace(CONTROL_CHARS, "");
}

export function markup(color: boolean): Markup {
  return {
    text: terminalSafe,
    strong: color ? (s) => `\u001b[1m${s}\u001b[22m` : (s) => s,
  };
}

const GREEN = "\u001b[32m";
const RED = "\u001b[31m";
const DEFAULT_COLOUR = "\u001b[39m";

/** Buys and sells told apart at a glance: acquired green, disposed red. */
function directionPaint(color: boolean) {
  return (s: string, direction: AcquiredDisposed | null): string => {
    if (!color || direction === null) return s;
    return `${direction === "A" ? GREEN : RED}${s}${DEFAULT_COLOUR}`;
  };
}

/**
 * Columns padded to the widest cell; the last column is not padded. `paint` decorates a padded
 * cell (escapes added after padding, so they never count as width).
 */
export function table(
  rows: readonly string[][],
  indent = "  ",
  paint: (cell: string, row: number, column: number) => string = (cell) => cell,
): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, [...cell].length);
    });
  }
  return rows.map(
    (row, r) =>
      indent +
      row
        .map((cell, i) =>
          paint(
            i === row.length - 1 ? cell : cell + " ".repeat((widths[i] ?? 0) - [...cell].length),
            r,
            i,
          ),
        )
        .join("  ")
        .trimEnd(),
  );
}

function ownedAfter(t: SummaryTransaction): string {
  if (t.sharesOwnedAfter === null) return "";
  const how =
    t.ownership === "I"
      ? `I${t.nature ? ` (${terminalSafe(clip(t.nature, CLIP.nature))})` : ""}`
      : (t.ownership ?? "");
  return `${formatShares(t.sharesOwnedAfter)} ${how}`.trim();
}

function rowTable(summary: Summary, color: boolean): string[] {
  const withSecurity = new Set(summary.transactions.map((t) => t.security)).size > 1;
  const head = [
    ...(withSecurity ? ["Security"] : []),
    "Date",
    "Code",
    "Shares",
    "Price",
    "Owned after",
  ];
  const rows = summary.transactions.map((t) => [
    ...(withSecurity ? [terminalSafe(clip(t.security ?? "-", CLIP.security))] : []),
    t.date ? formatDate(t.date) : "-",
    t.code ? terminalSafe(t.code) : "-",
    t.shares === null
      ? "not reported"
      : `${formatSignedShares(t.shares, t.acquiredDisposed)}${t.inferred ? " (inferred)" : ""}`,
    formatPrice(t.price),
    ownedAfter(t),
  ]);
  const shares = head.indexOf("Shares");
  const paint = directionPaint(color);
  return table([head, ...rows], "  ", (cell, r, column) =>
    r > 0 && column === shares
      ? paint(cell, summary.transactions[r - 1]?.acquiredDisposed ?? null)
      : cell,
  );
}

/** The whole summary as terminal text, ending with a newline. */
export function summaryText(summary: Summary, options: TextOptions = {}): string {
  const color = options.color === true;
  const m = markup(color);
  const paint = directionPaint(color);
  const out: string[] = [];
  const block = (title: string, lines: readonly string[]): void => {
    if (lines.length === 0) return;
    out.push("", m.strong(title), ...lines);
  };

  if (options.stale) out.push(STALE_NOTE);
  out.push(m.strong(terminalSafe(titleLine(summary))));
  out.push(headline(summary, m));
  block(
    "Filed jointly by",
    jointFilerLines(summary, m).map((l) => `  ${l}`),
  );

  block(
    "Trades",
    summary.groups.flatMap((g) =>
      groupLines(g, m).map((l, i) =>
        i === 0 ? `  ${paint(l, g.acquiredDisposed)}` : `      ${l}`,
      ),
    ),
  );
  if (summary.transactions.length > 0) block("Rows", rowTable(summary, color));

  const plan = planLine(summary);
  const late = lateLine(summary);
  if (plan || late) {
    out.push("");
    if (plan) out.push(plan);
    if (plan && summary.plan10b51.used && summary.plan10b51.evidence) {
      out.push(`  "${terminalSafe(clip(summary.plan10b51.evidence, CLIP.note))}"`);
    }
    if (late) out.push(late);
  }

  block(
    "Holdings after",
    summary.holdingsAfter.map((h) => `  ${holdingLine(h, m)}`),
  );
  block(
    "Options and warrants held",
    summary.derivativesHeld.map((d) => `  ${derivativeLine(d, m)}`),
  );
  out.push("", contextParts(summary, m).join(" \u00b7 "));
  if (options.url) out.push(terminalSafe(options.url));
  // The reading notes (how rows were read, cross-checks) last: read after the facts, if at all.
  block(
    "Warnings",
    summary.warnings.map((w) => `  \u26a0 ${terminalSafe(w)}`),
  );
  return `${out.join("\n")}\n`;
}
