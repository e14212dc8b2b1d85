// An insider history as terminal text: the totals, a table of insiders (open-market $ bought and
// sold, 10b5-1 share, trades, holdings after), their other activity, and notes. Pure.

import type { History, InsiderHistory } from "../history/model.js";
import { CLIP, clip } from "./content.js";
import { formatMoney, formatShares } from "./format.js";
import {
  activityText,
  companyText,
  cutLine,
  filingsLine,
  holdingsText,
  signedMoney,
  totalsLine,
  unknownsText,
  windowText,
} from "./history-content.js";
import { markup, table, terminalSafe } from "./text.js";

function side(shares: number, value: number): string {
  return shares === 0 ? "-" : `${formatShares(shares)} sh ${formatMoney(value)}`;
}

function planShare(i: InsiderHistory): string {
  const om = i.openMarket;
  if (om.soldShares === 0) return "-";
  return `${Math.round((om.planSoldShares / om.soldShares) * 100)}%`;
}

const plain = { text: terminalSafe, strong: (s: string) => s };

export function historyText(
  history: History,
  options: { color?: boolean; chartFile?: string | null } = {},
): string {
  const m = markup(options.color === true);
  const out: string[] = [
    m.strong(`${companyText(history, m)} \u00b7 insider history ${windowText(history)}`),
    totalsLine(history, m),
    filingsLine(history),
    "",
  ];
  if (history.insiders.length === 0) {
    out.push("No insider traded or reported activity in this window.");
  } else {
    const head = ["Insider", "Role", "Bought", "Sold", "10b5-1", "Trades", "Net", "Holds after"];
    const rows = history.insiders.map((i) => [
      terminalSafe(clip(i.name, 40)) +
        (i.jointWith.length > 0 ? ` (+${i.jointWith.length} joint)` : ""),
      terminalSafe(clip(i.role || "-", 36)),
      side(i.openMarket.boughtShares, i.openMarket.boughtValue),
      side(i.openMarket.soldShares, i.openMarket.soldValue),
      planShare(i),
      String(i.openMarket.trades),
      i.openMarket.trades === 0 ? "-" : signedMoney(i.netValue),
      (holdingsText(i, plain) ?? "-").replace(/^holds /, ""),
    ]);
    out.push(
      m.strong("Open-market trades (P/S) by insider, largest $ first"),
      ...table([head, ...rows]),
    );
    const activity = history.insiders
      .map((i) => [i, activityText(i.activity)] as const)
      .filter((x): x is readonly [InsiderHistory, string] => x[1] !== null);
    if (activity.length > 0) {
      out.push("", m.strong("Other activity"));
      for (const [i, text] of activity)
        out.push(`  ${terminalSafe(clip(i.name, CLIP.name))}: ${text}`);
    }
    const joint = history.insiders.filter((i) => i.jointWith.length > 0);
    for (const i of joint) {
      out.push(
        `  ${terminalSafe(i.name)} filed jointly with ${terminalSafe(clip(i.jointWith.join(", "), 200))} (counted once)`,
      );
    }
  }
  const notes = [unknownsText(history.openMarket), cutLine(history)].filter(
    (s): s is string => s !== null,
  );
  for (const u of history.unread)
    notes.push(`${u.accessionNumber} could not be read: ${terminalSafe(clip(u.reason, 200))}`);
  if (notes.length > 0) out.push("", ...notes.map((n) => `\u26a0 ${n}`));
  if (options.chartFile) out.push("", `Chart written to ${terminalSafe(options.chartFile)}`);
  return `${out.join("\n")}\n`;
}
