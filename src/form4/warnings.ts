// Warnings as data: what kind (a stable code), about which part of the filing, and the sentence
// people read. `Summary.warnings` keeps the sentences (the text form of the contract);
// `Summary.warningDetails` carries all three, so Details and the CLI can group them and a card
// can count them.

import type { SummaryWarning, WarningCode } from "./summary.js";

/** A warning about one part of the filing; `text` is the whole sentence, `where` included. */
export function warning(code: WarningCode, where: string, text: string): SummaryWarning {
  return { code, where, text };
}

/** A warning on a row, phrased "Table I row 3: …" as every row warning is. */
export function rowWarning(code: WarningCode, label: string, rest: string): SummaryWarning {
  return { code, where: label, text: `${label}: ${rest}` };
}

const ROW_PREFIX = /^(Table I{1,2} (?:row|holding) \d+)\b/;

/** A reader's problem sentence (plain text from the parsers), placed where its words say. */
export function readerWarning(text: string): SummaryWarning {
  const where = ROW_PREFIX.exec(text)?.[1] ?? FILING;
  return { code: "unreadable", where, text };
}

/** `where` for warnings about the filing as a whole. */
export const FILING = "filing";
/** `where` for warnings about the Rule 10b5-1 plan. */
export const PLAN = "Rule 10b5-1";

/** Each sentence once, first occurrence kept (two checks may say the same thing). */
export function distinctWarnings(list: readonly SummaryWarning[]): SummaryWarning[] {
  const seen = new Set<string>();
  return list.filter((w) => {
    if (seen.has(w.text)) return false;
    seen.add(w.text);
    return true;
  });
}
