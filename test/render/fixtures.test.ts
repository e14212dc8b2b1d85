// Every real filing we have, through the real readers and summarize, into every renderer:
// Slack accepts the message, nothing from the filing can ping or link, and the JSON keeps its contract.

import { describe, expect, it } from "vitest";
import { DEFAULT_EDGAR_WWW_URL } from "../../src/config.js";
import { parseFiling } from "../../src/form4/parse/index.js";
import { summarize } from "../../src/form4/summarize.js";
import type { Summary } from "../../src/form4/summary.js";
import { messageProblems } from "../../src/render/block-limits.js";
import { digestLine, summaryMessage, summaryUnfurlBlocks } from "../../src/render/blocks.js";
import { groupPrice, rowLine } from "../../src/render/content.js";
import { summaryJson } from "../../src/render/json.js";
import { summaryText } from "../../src/render/text.js";
import { form4FixtureNames, readForm4Fixture, readSeed } from "../fixtures.js";

const URL = `${DEFAULT_EDGAR_WWW_URL}/Archives/edgar/data/1350102/000117911007016964/`;

const inputs: [string, () => string][] = [
  ["seed", readSeed],
  ...form4FixtureNames().map((name): [string, () => string] => [
    name,
    () => readForm4Fixture(name),
  ]),
];

/** Every mrkdwn string in the blocks (text objects with type "mrkdwn"). */
function mrkdwnTexts(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(mrkdwnTexts);
  if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    if (o.type === "mrkdwn" && typeof o.text === "string") return [o.text];
    return Object.values(o).flatMap(mrkdwnTexts);
  }
  return [];
}

describe.each(inputs)("%s", (_name, read) => {
  // Read on first use, so a filing the engine cannot read fails its tests instead of the whole file.
  let cached: Summary | undefined;
  const get = (): Summary => {
    cached ??= summarize(parseFiling(read()));
    return cached;
  };

  it("renders a Slack message within Block Kit limits", () => {
    const summary = get();
    for (const stale of [false, true]) {
      const message = summaryMessage(summary, { url: URL, stale });
      expect(messageProblems(message)).toEqual([]);
      expect(message.blocks.at(-1)).toMatchObject({ type: "actions" });
    }
    expect(messageProblems({ text: "x", blocks: summaryUnfurlBlocks(summary) })).toEqual([]);
  });

  it("leaves nothing from the filing able to ping, link or format", () => {
    const summary = get();
    const message = summaryMessage(summary, { url: URL });
    for (const text of [message.text, ...mrkdwnTexts(message.blocks)]) {
      expect(text).not.toMatch(/[<>]/);
      expect(text.replace(/&(amp|lt|gt);/g, "")).not.toContain("&");
    }
    const line = digestLine(summary, URL);
    expect(line.replace(`<${URL}|`, "").replace(/\*>/, "*")).not.toMatch(/[<>]/);
  });

  it("never says $0 for a price the filing does not give", () => {
    const summary = get();
    const m = { text: (x: string) => x, strong: (x: string) => x };
    for (const t of summary.transactions) {
      const line = rowLine(t, m, true);
      expect(line.includes("price not reported")).toBe(t.price === null);
      if (t.price !== 0) expect(line).not.toMatch(/ \$0\.00\b/);
    }
    for (const g of summary.groups) {
      expect(groupPrice(g) === "price not reported").toBe(g.pricedShares === 0);
    }
  });

  it("prints terminal text and a JSON object that round-trips", () => {
    const summary = get();
    const text = summaryText(summary, { url: URL });
    expect(text.endsWith("\n")).toBe(true);
    expect([...text].filter((c) => /\p{Cc}/u.test(c) && c !== "\n")).toEqual([]);
    const json = summaryJson(summary);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect(json.transactions).toHaveLength(summary.transactions.length);
  });
});
