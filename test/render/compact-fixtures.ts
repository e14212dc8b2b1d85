// The six real filings the compact surfaces are measured on (COMPACT_FIXTURE_FILES), summarized,
// and what a person sees of blocks.
import { parseFiling } from "../../src/form4/parse/index.js";
import { summarize } from "../../src/form4/summarize.js";
import type { Summary } from "../../src/form4/summary.js";
import { type CompactFixture, readCompactFixture } from "../fixtures.js";

export { COMPACT_FIXTURE_FILES as COMPACT_FIXTURES, type CompactFixture } from "../fixtures.js";

export function compactSummary(name: CompactFixture): Summary {
  return summarize(parseFiling(readCompactFixture(name)));
}

/** Every text a person sees in blocks (mrkdwn and plain_text objects). */
export function visibleTexts(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(visibleTexts);
  if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    if ((o.type === "mrkdwn" || o.type === "plain_text") && typeof o.text === "string") {
      return [o.text];
    }
    return Object.values(o).flatMap(visibleTexts);
  }
  return [];
}

export function visibleLength(value: unknown): number {
  return visibleTexts(value).reduce((n, t) => n + t.length, 0);
}
