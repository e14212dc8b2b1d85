// A summary for a terminal: the same content as the Slack message, as aligned plain text.
// No mrkdwn, and no ANSI escapes unless asked for. Filer text is stripped of control characters
// so a filing cannot move the cursor, clear the screen or recolour the terminal.

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
  /** Bold headings with ANSI escapes (for a terminal that wants them). Off by default. */
  color?: boolean;
}

/** C0/C1 control characters (ESC included) and bidi overrides, which could rewrite a terminal line. */
const CONTROL_CHARS = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu;

/** Filer text → one clean line for a terminal. */
export function terminalSafe(s: string): string {
  return s.replace(/[\r\n\t]+/g, " ").replace(CONTROL_CHARS, "");
}

function markup(color: boolean): Markup {
  return {
    text: terminalSafe,
    strong: color ? (s) => `\u001b[1m${s}\u001b[22m` : (s) => s,
  };
}

/** Columns padded to the widest cell; the last column is not padded. */
function table(rows: readonly string[][], indent = "  "): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, [...cell].length);
    });
  }
  return rows.map(
    (row) =>
      indent +
      row
        .map((cell, i) =>
          i === row.length - 1 ? cell : cell + " ".repeat((widths[i] ?? 0) - [...cell].length),
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

function rowTable(summary: Summary): string[] {
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
  return table([head, ...rows]);
}

/** The whole summary as terminal text, ending with a newline. */
export function summaryText(summary: Summary, options: TextOptions = {}): string {
  const m = markup(options.color === true);
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
      groupLines(g, m).map((l, i) => (i === 0 ? `  ${l}` : `      ${l}`)),
    ),
  );
  if (summary.transactions.length > 0) block("Rows", rowTable(summary));

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
  block(
    "Warnings",
    summary.warnings.map((w) => `  \u26a0 ${terminalSafe(w)}`),
  );

  out.push("", contextParts(summary, m).join(" \u00b7 "));
  if (options.url) out.push(terminalSafe(options.url));
  return `${out.join("\n")}\n`;
}
