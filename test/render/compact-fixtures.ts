// The six real filings the compact surfaces are measured on (README "Compact cards"): the seed, a
// big multi-row sale, a joint filing, a derivative-heavy grant, a 4/A and a purchase.
import { parseFiling } from "../../src/form4/parse/index.js";
import { summarize } from "../../src/form4/summarize.js";
import type { Summary } from "../../src/form4/summary.js";
import { readForm4Fixture, readSeed } from "../fixtures.js";

export const COMPACT_FIXTURES = {
  seed: () => readSeed(),
  "big multi-row sale": () => readForm4Fixture("goog-pichai-2018-09-19.xml"),
  "joint filing": () => readForm4Fixture("0000921895-26-002677.txt"),
  "derivative-heavy grant": () => readForm4Fixture("0001062993-23-011116.xml"),
  "4/A": () => readForm4Fixture("panw-eschenbach-2021-12-14-4A.xml"),
  purchase: () => readForm4Fixture("0000929638-23-001482.xml"),
} as const;

export type CompactFixture = keyof typeof COMPACT_FIXTURES;

export function compactSummary(name: CompactFixture): Summary {
  return summarize(parseFiling(COMPACT_FIXTURES[name]()));
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
