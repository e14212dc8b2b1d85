// The "human" readers (rendered HTML, pasted text) on whatever people paste: any input gives a
// Filing or a Form4ParseError, never another exception, and a Filing never holds a number the
// input does not spell out.

import * as cheerio from "cheerio";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Form4ParseError } from "../../../src/form4/errors.js";
import type { Filing } from "../../../src/form4/model.js";
import { parseHtml } from "../../../src/form4/parse/html.js";
import { parseText } from "../../../src/form4/parse/text.js";
import { readForm4Fixture, readSeed } from "../../fixtures.js";

const RUNS = { numRuns: 200 };

const NUMERIC = [
  "shares",
  "price",
  "sharesOwnedAfter",
  "valueOwnedAfter",
  "exercisePrice",
  "underlyingShares",
] as const;

/** Every number written in the input, thousands separators removed. */
function numbersIn(input: string): Set<number> {
  const found = new Set<number>();
  for (const m of input.replace(/,/g, "").matchAll(/\d+(?:\.\d+)?|\.\d+/g)) found.add(Number(m[0]));
  return found;
}

function checkFiling(f: Filing, input: string): void {
  const written = numbersIn(input);
  for (const row of f.rows) {
    for (const key of NUMERIC) {
      const value = row[key].value;
      if (value !== null && !written.has(Math.abs(value))) {
        throw new Error(
          `row ${row.table}/${row.index} ${key} = ${value} is not written in the input`,
        );
      }
    }
    expect(["nonDerivative", "derivative"]).toContain(row.table);
    expect(row.problems.every((p) => typeof p === "string" && p.length > 0)).toBe(true);
  }
  expect(f.issuer.name.length).toBeGreaterThan(0);
  expect(f.owners.length).toBeGreaterThan(0);
}

type Outcome = "filing" | "error";

/** Runs a reader; anything but a Filing or a Form4ParseError fails the property. */
function outcome(parse: (s: string) => Filing, input: string): Outcome {
  let filing: Filing;
  try {
    filing = parse(input);
  } catch (e) {
    if (e instanceof Form4ParseError) {
      expect(e.message.length).toBeGreaterThan(0);
      return "error";
    }
    throw e;
  }
  checkFiling(filing, input);
  return "filing";
}

const seed = readSeed();
const pages = [
  "scwo-melkote-2025-04-30.html",
  "0001127602-15-028697.html",
  "evbn-sullivan-2023-01-24.html",
].map((name) => readForm4Fixture(name));
/** The pages as cheerio's .text() gives them: words without the table's cell structure. */
const pageTexts = pages.map((html) => cheerio.load(html).text());

/** Characters that matter to the readers, so mutations hit separators and markers often. */
const interesting = fc.constantFrom(
  "\t",
  "\n",
  " ",
  "  ",
  "$",
  ",",
  ".",
  "(",
  ")",
  "(1)",
  "X",
  "D",
  "A",
  "I",
  "S",
  "0",
  "7",
  "___",
  "\\",
  "<",
  ">",
  "</td>",
  "<td>",
  "<sup>",
  "",
);

function truncated(doc: string) {
  return fc.nat({ max: doc.length }).map((n) => doc.slice(0, n));
}

function withLinesDeleted(doc: string) {
  const lines = doc.split("\n");
  return fc
    .uniqueArray(fc.nat({ max: lines.length - 1 }), { minLength: 1, maxLength: 12 })
    .map((gone) => lines.filter((_l, i) => !gone.includes(i)).join("\n"));
}

function mutated(doc: string) {
  return fc
    .array(
      fc.tuple(fc.nat({ max: Math.max(0, doc.length - 1) }), fc.oneof(interesting, fc.string())),
      { minLength: 1, maxLength: 8 },
    )
    .map((edits) => {
      let s = doc;
      for (const [at, put] of edits) s = s.slice(0, at) + put + s.slice(at + 1);
      return s;
    });
}

/** Lines built from the form's own words, so the generated text reaches the table readers. */
const formLines = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        "Table I - Non-Derivative Securities Acquired, Disposed of, or Beneficially Owned",
        "Table II - Derivative Securities Acquired, Disposed of, or Beneficially Owned",
        "1. Name and Address of Reporting Person *",
        "2. Issuer Name and Ticker or Trading Symbol",
        "Acme Corp [ACME]",
        "Doe Jane",
        "___ Director X 10% Owner",
        "Officer (give title below) ___ Other (specify below)",
        "Explanation of Responses:",
        "(1) A footnote.",
        "Remarks:",
        "/s/ Jane Doe\t01/02/2024",
        "** Signature of Reporting Person\tDate",
      ),
      fc
        .array(
          fc.oneof(interesting, fc.constantFrom("11/13/2007", "43,600", "$ 16.76", "Common Stock")),
          {
            maxLength: 17,
          },
        )
        .map((cells) => cells.join("\t")),
      fc.string(),
    ),
    { maxLength: 30 },
  )
  .map((lines) => lines.join("\n"));

describe("parseText never throws anything but Form4ParseError and never makes up a number", () => {
  it("on arbitrary strings", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (s) => {
        outcome(parseText, s);
      }),
      RUNS,
    );
  });

  it("on lines made of the form's words", () => {
    fc.assert(
      fc.property(formLines, (s) => {
        outcome(parseText, s);
      }),
      RUNS,
    );
  });

  it("on the seed cut off anywhere", () => {
    fc.assert(
      fc.property(truncated(seed), (s) => {
        outcome(parseText, s);
      }),
      RUNS,
    );
  });

  it("on the seed with lines deleted", () => {
    fc.assert(
      fc.property(withLinesDeleted(seed), (s) => {
        outcome(parseText, s);
      }),
      RUNS,
    );
  });

  it("on the seed with characters changed", () => {
    fc.assert(
      fc.property(mutated(seed), (s) => {
        outcome(parseText, s);
      }),
      RUNS,
    );
  });

  it("on the rendered pages' text and markup, cut off, with lines deleted or characters changed", () => {
    const inputs = fc.oneof(
      ...pageTexts.flatMap((t) => [truncated(t), withLinesDeleted(t), mutated(t)]),
      ...pages.map((html) => mutated(html)),
    );
    fc.assert(
      fc.property(inputs, (s) => {
        outcome(parseText, s);
      }),
      RUNS,
    );
  });
});

describe("parseHtml never throws anything but Form4ParseError and never makes up a number", () => {
  it("on arbitrary strings and markup soup", () => {
    const soup = fc
      .array(
        fc.oneof(
          interesting,
          fc.constantFrom("<table>", "<tr>", "<th>Table I - Non-Derivative</th>"),
          fc.string(),
        ),
        {
          maxLength: 60,
        },
      )
      .map((parts) => parts.join(""));
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 2000 }), soup), (s) => {
        outcome(parseHtml, s);
      }),
      RUNS,
    );
  });

  it("on the pages cut off anywhere", () => {
    fc.assert(
      fc.property(fc.oneof(...pages.map(truncated)), (s) => {
        outcome(parseHtml, s);
      }),
      RUNS,
    );
  });

  it("on the pages with lines deleted", () => {
    fc.assert(
      fc.property(fc.oneof(...pages.map(withLinesDeleted)), (s) => {
        outcome(parseHtml, s);
      }),
      RUNS,
    );
  });

  it("on the pages with characters changed", () => {
    fc.assert(
      fc.property(fc.oneof(...pages.map(mutated)), (s) => {
        outcome(parseHtml, s);
      }),
      RUNS,
    );
  });
});

describe("the properties can fail", () => {
  it("the number check catches a number the input does not spell out", () => {
    const f = parseText(seed);
    expect(() => checkFiling(f, seed.replace("16.76", "16.75"))).toThrow(
      "row nonDerivative/0 price = 16.76 is not written in the input",
    );
  });

  it("whole inputs give Filings, so the properties see real readings", () => {
    expect(outcome(parseText, seed)).toBe("filing");
    for (const html of pages) expect(outcome(parseHtml, html)).toBe("filing");
    expect(outcome(parseText, "")).toBe("error");
  });
});
