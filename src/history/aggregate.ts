// An issuer's insider history over a window, from the Form 4 / 4/A summaries read: per insider
// open-market shares and $, 10b5-1 sales, holdings after, other activity; the company's net; per
// month buckets for the chart. Pure: no I/O, no clock (the window is passed in).
//
// Amendments replace what they amend (a 4/A with rows restates its original, so the original's
// rows are left out); a joint filing (several reporting owners on one form) is counted once, for
// its first owner (the designated filer), with the others named as co-filers.

import type { Summary, SummaryOwner, SummaryTransaction } from "../form4/summary.js";
import { displayName, roleText } from "../render/names.js";
import { isMirrorRow, type RowKind, rowKind } from "./activity.js";
import {
  type Activity,
  type FilingRead,
  type History,
  type HistoryFilingInput,
  type HistoryInput,
  type InsiderHistory,
  type MonthBucket,
  type MonthSeries,
  type OpenMarket,
  OTHERS,
} from "./model.js";
import { monthsOf } from "./window.js";

/** Insiders named in the chart; the rest are stacked as "Others". */
export const CHART_INSIDERS = 5;

export function emptyOpenMarket(): OpenMarket {
  return {
    boughtShares: 0,
    boughtValue: 0,
    soldShares: 0,
    soldValue: 0,
    planSoldShares: 0,
    planSoldValue: 0,
    trades: 0,
    unpricedShares: 0,
    unknownShareRows: 0,
  };
}

function ownerKey(owner: Pick<SummaryOwner, "cik" | "name">): string {
  const cik = owner.cik?.replace(/^0+/, "");
  return cik ? `cik:${cik}` : `name:${owner.name.replace(/\s+/g, " ").trim().toUpperCase()}`;
}

/** Who filed, as a set: the same people on an original and its amendment. */
function ownersKey(summary: Summary): string {
  return summary.owners.map(ownerKey).sort().join("|");
}

/** A row's date for the window: its transaction date, else the period of report, else filed. */
function rowDate(t: SummaryTransaction, summary: Summary, filedDate: string): string | null {
  return t.date ?? summary.periodOfReport ?? (filedDate || null);
}

interface Counted {
  input: HistoryFilingInput;
  read: FilingRead;
}

/**
 * Which filings count: each accession once; a 4/A with rows replaces the filing it amends (the
 * same reporting owners, filed on the 4/A's date of original submission, or of the same period
 * when that date is not given); an amendment of an amendment replaces that one in turn.
 */
function resolveAmendments(filings: readonly HistoryFilingInput[]): Counted[] {
  // Each accession once (the first copy read).
  const unique = new Map<string, HistoryFilingInput>();
  for (const f of filings) if (!unique.has(f.accessionNumber)) unique.set(f.accessionNumber, f);
  const ordered = [...unique.values()].sort(
    (a, b) =>
      a.filedDate.localeCompare(b.filedDate) || a.accessionNumber.localeCompare(b.accessionNumber),
  );
  const counted: Counted[] = [];
  /** The original filing date each counted filing stands for (its own, or the one it amends). */
  const originalDate = new Map<Counted, string | null>();
  for (const input of ordered) {
    const s = input.summary;
    const entry: Counted = {
      input,
      read: {
        accessionNumber: input.accessionNumber,
        form: input.form,
        filedDate: input.filedDate,
        url: input.url,
        insider: insiderLabel(s),
        rowsInWindow: 0,
        replacedBy: null,
        replaces: null,
      },
    };
    const amendment = input.form === "4/A" || s.formType === "4/A";
    if (amendment && s.transactions.length > 0) {
      const key = ownersKey(s);
      const original = [...counted].reverse().find((c) => {
        if (c.read.replacedBy !== null || ownersKey(c.input.summary) !== key) return false;
        if (s.dateOfOriginalSubmission) {
          return (originalDate.get(c) ?? null) === s.dateOfOriginalSubmission;
        }
        return s.periodOfReport !== null && c.input.summary.periodOfReport === s.periodOfReport;
      });
      if (original) {
        original.read.replacedBy = input.accessionNumber;
        entry.read.replaces = original.read.accessionNumber;
        originalDate.set(entry, originalDate.get(original) ?? null);
      } else {
        originalDate.set(entry, s.dateOfOriginalSubmission);
      }
    } else {
      originalDate.set(entry, amendment ? s.dateOfOriginalSubmission : input.filedDate || null);
    }
    counted.push(entry);
  }
  return counted;
}

function insiderLabel(summary: Summary): string {
  const names = summary.owners.map((o) => displayName(o.name, summary.signatureNames));
  const first = names[0] ?? "The reporting person";
  if (names.length === 1) return first;
  return names.length === 2
    ? `${first} and ${names[1]}`
    : `${first} and ${names.length - 1} others`;
}

interface InsiderAcc {
  history: InsiderHistory;
  activity: Map<string, Activity>;
  /** The latest filing with holdings: filed date and order read. */
  holdingsRank: string;
}

function addTrade(om: OpenMarket, kind: "buy" | "sale", t: SummaryTransaction): number | null {
  om.trades += 1;
  if (t.shares === null) {
    om.unknownShareRows += 1;
    return null;
  }
  const value = t.price === null ? null : t.shares * t.price;
  if (value === null) om.unpricedShares += t.shares;
  if (kind === "buy") {
    om.boughtShares += t.shares;
    om.boughtValue += value ?? 0;
  } else {
    om.soldShares += t.shares;
    om.soldValue += value ?? 0;
    if (t.plan10b51 === true) {
      om.planSoldShares += t.shares;
      om.planSoldValue += value ?? 0;
    }
  }
  return value;
}

export function aggregateHistory(
  input: HistoryInput,
  options: { chartInsiders?: number } = {},
): History {
  const { since, until } = input.window;
  const counted = resolveAmendments(input.filings);
  const insiders = new Map<string, InsiderAcc>();
  const total = emptyOpenMarket();
  const monthTotals = new Map<string, OpenMarket>();
  /** Priced open-market $ by month, insider key and kind, for the chart. */
  const monthValues: { month: string; key: string; kind: MonthSeries["kind"]; value: number }[] =
    [];

  for (const c of counted) {
    if (c.read.replacedBy !== null) continue;
    const s = c.input.summary;
    const first = s.owners[0];
    const key = first ? ownerKey(first) : `filing:${c.input.accessionNumber}`;
    let acc = insiders.get(key);
    if (!acc) {
      acc = {
        history: {
          key,
          name: first ? displayName(first.name, s.signatureNames) : "The reporting person",
          role: first ? roleText(first) : "",
          jointWith: [],
          openMarket: emptyOpenMarket(),
          tradedValue: 0,
          netValue: 0,
          holdings: null,
          activity: [],
          filings: 0,
          firstTradeDate: null,
          lastTradeDate: null,
        },
        activity: new Map(),
        holdingsRank: "",
      };
      insiders.set(key, acc);
    }
    const h = acc.history;
    h.filings += 1;
    // The latest filing's role wins (titles change with promotions).
    if (first && roleText(first)) h.role = roleText(first);
    for (const o of s.owners.slice(1)) {
      const name = displayName(o.name, s.signatureNames);
      if (!h.jointWith.includes(name)) h.jointWith.push(name);
    }
    const rank = `${c.input.filedDate} ${c.input.accessionNumber}`;
    if (s.holdingsAfter.length > 0 && rank >= acc.holdingsRank) {
      acc.holdingsRank = rank;
      h.holdings = {
        filedDate: c.input.filedDate,
        accessionNumber: c.input.accessionNumber,
        positions: s.holdingsAfter,
      };
    }

    for (const t of s.transactions) {
      const date = rowDate(t, s, c.input.filedDate);
      if (date === null || date < since || date > until) continue;
      c.read.rowsInWindow += 1;
      if (h.firstTradeDate === null || date < h.firstTradeDate) h.firstTradeDate = date;
      if (h.lastTradeDate === null || date > h.lastTradeDate) h.lastTradeDate = date;
      const kind: RowKind = rowKind(t);
      if (kind === "buy" || kind === "sale") {
        const month = date.slice(0, 7);
        let mt = monthTotals.get(month);
        if (!mt) {
          mt = emptyOpenMarket();
          monthTotals.set(month, mt);
        }
        const value = addTrade(h.openMarket, kind, t);
        addTrade(total, kind, t);
        addTrade(mt, kind, t);
        if (value !== null && value > 0) {
          const seriesKind = kind === "buy" ? "buy" : t.plan10b51 === true ? "planSale" : "sale";
          monthValues.push({ month, key, kind: seriesKind, value });
        }
        continue;
      }
      // The options given up in an exercise are the Table I shares received, counted there.
      if (isMirrorRow(t)) continue;
      const table = t.table;
      const id = `${kind} ${table}`;
      let a = acc.activity.get(id);
      if (!a) {
        a = { kind, table, shares: 0, rows: 0 };
        acc.activity.set(id, a);
      }
      a.rows += 1;
      a.shares += (table === "derivative" ? (t.underlyingShares ?? t.shares) : t.shares) ?? 0;
    }
  }

  const order = ["grant", "exercise", "taxWithholding", "gift", "other"];
  const list = [...insiders.values()]
    .filter((a) => a.history.openMarket.trades > 0 || a.activity.size > 0)
    .map((a) => {
      const h = a.history;
      h.tradedValue = h.openMarket.boughtValue + h.openMarket.soldValue;
      h.netValue = h.openMarket.boughtValue - h.openMarket.soldValue;
      h.activity = [...a.activity.values()].sort(
        (x, y) =>
          order.indexOf(x.kind) - order.indexOf(y.kind) || x.table.localeCompare(y.table) * -1,
      );
      return h;
    })
    .sort(
      (a, b) =>
        b.tradedValue - a.tradedValue ||
        b.openMarket.boughtShares +
          b.openMarket.soldShares -
          (a.openMarket.boughtShares + a.openMarket.soldShares) ||
        a.name.localeCompare(b.name),
    );

  // The chart names the largest few by $ traded; naming one more beats an "Others" of one.
  const limit = options.chartInsiders ?? CHART_INSIDERS;
  const traded = list.filter((h) => h.tradedValue > 0);
  const named = traded.length <= limit + 1 ? traded : traded.slice(0, limit);
  const labels = chartLabels(named);
  const months: MonthBucket[] = monthsOf(input.window).map((month) => {
    const series = new Map<string, MonthSeries>();
    for (const v of monthValues) {
      if (v.month !== month) continue;
      const insider = labels.get(v.key) ?? OTHERS;
      const id = `${insider}\u0000${v.kind}`;
      const s = series.get(id) ?? { insider, kind: v.kind, value: 0 };
      s.value += v.value;
      series.set(id, s);
    }
    return {
      month,
      openMarket: monthTotals.get(month) ?? emptyOpenMarket(),
      series: [...series.values()],
    };
  });

  const filings = counted
    .map((c) => c.read)
    .sort(
      (a, b) =>
        b.filedDate.localeCompare(a.filedDate) ||
        b.accessionNumber.localeCompare(a.accessionNumber),
    );
  return {
    company: input.company,
    window: input.window,
    insiders: list,
    openMarket: total,
    netValue: total.boughtValue - total.soldValue,
    months,
    chartInsiders: named.map((h) => labels.get(h.key) ?? h.name),
    filings,
    filingsCounted: counted.filter((c) => c.read.replacedBy === null).length,
    unread: input.unread,
    cut: input.cut,
    notIssuer: input.notIssuer,
  };
}

/** Chart labels: the display name, with the role when two named insiders share a name. */
function chartLabels(named: readonly InsiderHistory[]): Map<string, string> {
  const labels = new Map<string, string>();
  const used = new Set<string>([OTHERS]);
  for (const h of named) {
    let label = h.name;
    if (used.has(label)) label = h.role ? `${h.name} (${h.role})` : `${h.name} (${h.key})`;
    for (let i = 2; used.has(label); i++) label = `${h.name} (${i})`;
    used.add(label);
    labels.set(h.key, label);
  }
  return labels;
}
