// Rule 10b5-1 trading plans: whether the filing's trades were made under one, when it was adopted,
// and whether the first trade fell inside the cooling-off period. Pure.
//
// The aff10b5One checkbox (forms since April 2023) is the filer's legal statement and wins; the
// footnotes and remarks are read when it is absent, and for the adoption date in any case.

import { calendarDaysBetween } from "./calendar.js";
import { isOpenMarket as isOpenMarketCode } from "./codes.js";
import {
  FootnoteReadings,
  type PlanStatement,
  planAdoptionDate,
  readPlanStatement,
} from "./footnotes.js";
import type { Filing } from "./model.js";
import type { PreparedRow } from "./summarize-rows.js";
import type { Plan10b51, SummaryWarning } from "./summary.js";
import { PLAN, warning } from "./warnings.js";

/** Plans adopted on or after this date fall under the amended Rule 10b5-1(c)(2)(ii) cooling-off. */
export const COOLING_OFF_EFFECTIVE = "2023-02-27";

export interface PlanResult {
  plan: Plan10b51;
  /** Per transaction row: under a plan (true), not (false), or unknown (null). */
  byRow: Map<PreparedRow, boolean | null>;
  warnings: SummaryWarning[];
}

interface Located {
  statement: PlanStatement;
  /** "footnote F1" / "the remarks". */
  where: string;
}

function isOpenMarket(row: PreparedRow): boolean {
  return isOpenMarketCode(row.code);
}

/** YYYY-MM-DD strings sort as text; no locale rules needed (localeCompare is slow). */
function compareDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function earliest(rows: readonly PreparedRow[]): string | null {
  let first: string | null = null;
  for (const r of rows) {
    const d = r.row.date.value;
    if (d !== null && (first === null || d < first)) first = d;
  }
  return first;
}

export function readPlan(
  filing: Filing,
  rows: readonly PreparedRow[],
  footnotes: ReadonlyMap<string, string>,
  readings: FootnoteReadings = new FootnoteReadings(),
): PlanResult {
  const warnings: SummaryWarning[] = [];
  const byFootnote = new Map<string, PlanStatement>();
  for (const [id, text] of footnotes) {
    const s = readPlanStatement(text, readings.sentences);
    if (s) byFootnote.set(id, s);
  }
  const remarks = filing.remarks ? readPlanStatement(filing.remarks, readings.sentences) : null;
  const attached = new Set<string>();
  for (const r of rows) for (const id of r.footnoteIds) attached.add(id);
  const transactions = rows.filter((r) => r.row.kind === "transaction");

  // What each row's own footnotes say: a positive statement wins over a negative one.
  const rowStatement = new Map<PreparedRow, Located>();
  for (const r of transactions) {
    let found: Located | undefined;
    for (const id of r.footnoteIds) {
      const s = byFootnote.get(id);
      if (!s) continue;
      if (s.used) {
        found = { statement: s, where: `footnote ${id}` };
        break;
      }
      found ??= { statement: s, where: `footnote ${id}` };
    }
    if (found) rowStatement.set(r, found);
  }

  // Statements that cover the whole filing: the remarks, or a footnote attached to no row.
  const filingWide: Located[] = [];
  if (remarks) filingWide.push({ statement: remarks, where: "the remarks" });
  for (const [id, s] of byFootnote) {
    if (!attached.has(id)) filingWide.push({ statement: s, where: `footnote ${id}` });
  }
  const wide = filingWide.find((l) => l.statement.used) ?? filingWide[0];
  const anyRowPositive = [...rowStatement.values()].some((l) => l.statement.used);
  const checkbox = filing.aff10b5One;

  const byRow = new Map<PreparedRow, boolean | null>();
  for (const r of transactions) {
    const own = rowStatement.get(r)?.statement;
    let value: boolean | null = null;
    if (checkbox === false) value = false;
    else if (own) value = own.used;
    else if (isOpenMarket(r) && wide?.statement.used) value = true;
    else if (isOpenMarket(r) && checkbox === true && !anyRowPositive) value = true;
    else if (isOpenMarket(r) && wide && !wide.statement.used) value = false;
    byRow.set(r, value);
  }

  // The positive statements, the one covering the earliest trade first.
  const positives: Located[] = [];
  const rowsByDate = [...transactions].sort((a, b) =>
    compareDates(a.row.date.value ?? "9999", b.row.date.value ?? "9999"),
  );
  for (const r of rowsByDate) {
    const l = rowStatement.get(r);
    if (l?.statement.used && !positives.includes(l)) positives.push(l);
  }
  for (const l of filingWide) if (l.statement.used) positives.push(l);
  for (const [id, s] of byFootnote) {
    if (s.used && !positives.some((p) => p.statement === s)) {
      positives.push({ statement: s, where: `footnote ${id}` });
    }
  }
  const negative =
    [...rowStatement.values()].find((l) => !l.statement.used) ??
    filingWide.find((l) => !l.statement.used);

  let used: boolean;
  let source: Plan10b51["source"];
  if (checkbox !== null) {
    used = checkbox;
    source = "checkbox";
    const conflict = positives[0];
    if (checkbox === false && conflict) {
      warnings.push(
        warning(
          "plan-checkbox-conflict",
          PLAN,
          `Rule 10b5-1: the filer left the 10b5-1 box unchecked, but ${conflict.where} says "${conflict.statement.sentence}"; the checkbox is the filer's legal statement, so the trades are shown as not under a plan`,
        ),
      );
    }
  } else if (positives.length > 0) {
    used = true;
    source = "footnote";
  } else if (negative) {
    used = false;
    source = "footnote";
  } else {
    used = false;
    source = null;
  }

  const plan: Plan10b51 = {
    used,
    source,
    adoptionDate: null,
    daysToFirstTrade: null,
    coolingOffDays: null,
    inCoolingOff: null,
    evidence: null,
  };
  if (!used) {
    if (source === "footnote" && negative) plan.evidence = negative.statement.sentence;
    return { plan, byRow, warnings };
  }

  const chosen = positives[0];
  plan.evidence = chosen?.statement.sentence ?? null;
  let adoption =
    chosen?.statement.adoptionDate ??
    positives.find((p) => p.statement.adoptionDate !== null)?.statement.adoptionDate ??
    null;
  if (adoption === null) {
    // A sentence that only says when the plan was adopted, in any footnote or the remarks.
    const texts = [...footnotes.values(), ...(filing.remarks ? [filing.remarks] : [])];
    for (const text of texts) {
      adoption = planAdoptionDate(text, readings.sentences);
      if (adoption) break;
    }
  }
  const dates = [
    ...new Set(positives.map((p) => p.statement.adoptionDate).filter((d) => d !== null)),
  ];
  if (dates.length > 1) {
    warnings.push(
      warning(
        "plan-dates-differ",
        PLAN,
        `Rule 10b5-1: the footnotes name plans adopted on different dates (${dates.join(", ")}); days to first trade are counted from ${adoption}, the plan covering the earliest trade`,
      ),
    );
  }
  plan.adoptionDate = adoption;

  // Trades under the chosen plan: rows marked true whose own statement does not name another plan.
  const underPlan = transactions.filter((r) => {
    if (byRow.get(r) !== true) return false;
    const own = rowStatement.get(r)?.statement.adoptionDate ?? null;
    return own === null || own === adoption;
  });
  const firstTrade = earliest(underPlan);
  if (adoption !== null && firstTrade !== null) {
    plan.daysToFirstTrade = calendarDaysBetween(adoption, firstTrade);
    if (plan.daysToFirstTrade < 0) {
      warnings.push(
        warning(
          "plan-adopted-after-trade",
          PLAN,
          `Rule 10b5-1: the plan is said to be adopted on ${adoption}, after the first trade under it (${firstTrade})`,
        ),
      );
    }
  }
  if (adoption !== null && adoption >= COOLING_OFF_EFFECTIVE) {
    const insider = filing.owners.some(
      (o) => o.roles.includes("officer") || o.roles.includes("director"),
    );
    plan.coolingOffDays = insider ? 90 : 30;
    if (plan.daysToFirstTrade !== null) {
      plan.inCoolingOff = plan.daysToFirstTrade < plan.coolingOffDays;
    }
  }
  return { plan, byRow, warnings };
}
