// Was the Form 4 filed late? Section 16(a)(2)(C): before the end of the second business day after
// the transaction, business days per the SEC's Rule 0-3 (federal holidays, not NYSE closures). Pure.

import { businessDaysBetween, InvalidDateError } from "./calendar.js";
import type { Filing } from "./model.js";
import type { PreparedRow } from "./summarize-rows.js";
import type { LateFiling, SummaryWarning } from "./summary.js";
import { FILING, warning } from "./warnings.js";

export const DEADLINE_BUSINESS_DAYS = 2;
/** Gifts became reportable on Form 4 within two business days from this date (they were Form 5 items). */
export const GIFTS_ON_FORM4_FROM = "2023-02-27";

/**
 * Rows that may wait for Form 5 and are therefore not held to the two-day deadline: rows marked as
 * Form 5 transactions, small acquisitions (L), inheritance (W), and gifts before 2023-02-27.
 */
function deferrable(row: PreparedRow): boolean {
  if (row.row.codeFormType === "5") return true;
  if (row.code === "L" || row.code === "W") return true;
  const date = row.row.date.value;
  return row.code === "G" && date !== null && date < GIFTS_ON_FORM4_FROM;
}

/** The date the deadline runs from: the deemed execution date when stated (Rule 16a-3(g)(2)). */
function executionDate(row: PreparedRow): string | null {
  return row.row.deemedDate.value ?? row.row.date.value;
}

function earliestOf(dates: readonly string[]): string | null {
  return [...dates].sort()[0] ?? null;
}

export function lateFiling(
  filing: Filing,
  rows: readonly PreparedRow[],
  filedDate: string | null,
): { late: LateFiling | null; warnings: SummaryWarning[] } {
  const warnings: SummaryWarning[] = [];
  let filed = filedDate;
  if (filing.formType === "4/A") {
    // An amendment is always filed after the original; what counts is when the original was filed.
    if (filing.dateOfOriginalSubmission === null) {
      warnings.push(
        warning(
          "original-date-missing",
          FILING,
          "Form 4/A: the original filing date is not stated, so whether the report was late is not judged",
        ),
      );
      return { late: null, warnings };
    }
    filed = filing.dateOfOriginalSubmission;
  }
  if (filed === null) return { late: null, warnings };

  const transactions = rows.filter((r) => r.row.kind === "transaction");
  const all = transactions.map(executionDate).filter((d) => d !== null);
  const bound = transactions
    .filter((r) => !deferrable(r))
    .map(executionDate)
    .filter((d) => d !== null);
  const from = earliestOf(bound) ?? earliestOf(all);
  if (from === null) return { late: null, warnings };

  let businessDays: number;
  try {
    businessDays = businessDaysBetween(from, filed);
  } catch (e) {
    if (!(e instanceof InvalidDateError)) throw e;
    warnings.push(
      warning(
        "filed-date-invalid",
        FILING,
        `Filed date "${filed}" is not a date; whether the report was late is not judged`,
      ),
    );
    return { late: null, warnings };
  }
  if (businessDays < 0) {
    warnings.push(
      warning(
        "filed-before-trade",
        FILING,
        `The filing date (${filed}) is before the earliest transaction date (${from}); the dates in the filing look wrong`,
      ),
    );
    return { late: { businessDays, late: false }, warnings };
  }
  return {
    late: { businessDays, late: bound.length > 0 && businessDays > DEADLINE_BUSINESS_DAYS },
    warnings,
  };
}
