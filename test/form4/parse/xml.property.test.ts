// Properties of the XML and submission readers on damaged input: whatever comes in, parseFiling
// returns a Filing or throws Form4ParseError (never another exception, never a hang), and every
// number in a returned Filing's rows is written in the input (never a made-up number).

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Form4ParseError } from "../../../src/form4/errors.js";
import type { Filing } from "../../../src/form4/model.js";
import { parseFiling } from "../../../src/form4/parse/index.js";
import { form4FixtureNames, readForm4Fixture } from "../../fixtures.js";

const RUNS = { numRuns: 200 };

/** XML and full-submission fixtures (the HTML ones belong to the rendered-page reader). */
const fixtures = form4FixtureNames()
  .filter((name) => !name.endsWith(".html"))
  .map((name) => ({ name, text: readForm4Fixture(name) }));

/**
 * Every number written in the text, separators removed ("1,332,742" → 1332742, "0.00" → 0).
 * Numeric character references (&#49; is "1") count as what they write.
 */
function numbersWritten(raw: string): Set<number> {
  const text = raw.replace(/&#(x[0-9a-f]+|\d+);/gi, (ref, code: string) => {
    const n =
      code[0] === "x" || code[0] === "X" ? Number.parseInt(code.slice(1), 16) : Number(code);
    return n > 0 && n < 0x110000 ? String.fromCodePoint(n) : ref;
  });
  const found = new Set<number>();
  for (const token of text.match(/\d[\d,]*(?:\.\d+)?|\.\d+/g) ?? []) {
    found.add(Number(token.replace(/,/g, "")));
  }
  return found;
}

const NUMERIC = [
  "shares",
  "price",
  "sharesOwnedAfter",
  "valueOwnedAfter",
  "exercisePrice",
  "underlyingShares",
] as const;

/** Parse; a Form4ParseError is a fine answer (null), anything else fails the property. */
function readOrRefuse(input: string | Uint8Array): Filing | null {
  try {
    return parseFiling(input);
  } catch (error) {
    if (error instanceof Form4ParseError) return null;
    throw error;
  }
}

function expectNoMadeUpNumbers(filing: Filing | null, input: string): void {
  if (!filing) return;
  const written = numbersWritten(input);
  for (const row of filing.rows) {
    for (const key of NUMERIC) {
      const value = row[key].value;
      if (value !== null) expect(written.has(Math.abs(value)), `${key} ${value}`).toBe(true);
    }
  }
}

function check(input: string): void {
  expectNoMadeUpNumbers(readOrRefuse(input), input);
}

// Pieces of real Form 4 markup, so random inputs get past the first checks.
const FRAGMENTS = [
  '<?xml version="1.0"?>',
  "<ownershipDocument>",
  "</ownershipDocument>",
  "<documentType>4</documentType>",
  "<issuer><issuerName>X Corp</issuerName></issuer>",
  "<reportingOwner><reportingOwnerId><rptOwnerName>Doe</rptOwnerName></reportingOwnerId></reportingOwner>",
  "<nonDerivativeTable>",
  "</nonDerivativeTable>",
  "<nonDerivativeTransaction>",
  "</nonDerivativeTransaction>",
  "<derivativeHolding>",
  "</derivativeHolding>",
  "<transactionAmounts><transactionShares><value>",
  "</value></transactionShares></transactionAmounts>",
  "<transactionPricePerShare>",
  "</transactionPricePerShare>",
  "<value>",
  "</value>",
  '<footnoteId id="F1"/>',
  "<![CDATA[",
  "]]>",
  "<!--",
  "-->",
  "&amp;",
  "&#49;",
  "<SEC-DOCUMENT>",
  "<SEC-HEADER>",
  "CONFORMED SUBMISSION TYPE:\t4\n",
  "ACCESSION NUMBER:\t0000001234-20-000001\n",
  "<DOCUMENT>\n<TYPE>4\n",
  "</DOCUMENT>",
  "<XML>",
  "</XML>",
  "<SUBMISSION>",
  "-----BEGIN PRIVACY-ENHANCED MESSAGE-----\n",
  "\n",
];

const markupSoup = fc
  .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 12 })), { maxLength: 40 })
  .map((parts) => parts.join(""));

/** A fixture's text and a position in it (uniform over the text, not biased towards its start). */
const fixtureAndPosition = fc
  .constantFrom(...fixtures)
  .chain(({ text }) => fc.tuple(fc.constant(text), fc.integer({ min: 0, max: text.length - 1 })));

describe("parseFiling never throws anything but Form4ParseError, never invents a number", () => {
  it("has XML and submission fixtures to work on", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(50);
  });

  it("on arbitrary strings", () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), check), RUNS);
  });

  it("on arbitrary soups of Form 4 markup", () => {
    fc.assert(fc.property(markupSoup, check), RUNS);
  });

  it("on arbitrary bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const filing = readOrRefuse(bytes);
        expect(filing).toBeNull(); // random bytes are never a Form 4
      }),
      RUNS,
    );
  });

  it("on every fixture truncated at a random point", () => {
    fc.assert(
      fc.property(fixtureAndPosition, ([text, at]) => check(text.slice(0, at))),
      RUNS,
    );
  });

  it("on every fixture with one random character deleted, replaced or inserted", () => {
    const chars = fc.constantFrom(..."<>/=\"'&;#!?-_ \n\r\t0123456789.,$()aAdDiIsSxX".split(""));
    fc.assert(
      fc.property(
        fixtureAndPosition,
        fc.constantFrom("delete", "replace", "insert"),
        chars,
        ([text, i], how, c) => {
          const mutated =
            how === "delete"
              ? text.slice(0, i) + text.slice(i + 1)
              : how === "replace"
                ? text.slice(0, i) + c + text.slice(i + 1)
                : text.slice(0, i) + c + text.slice(i);
          check(mutated);
        },
      ),
      RUNS,
    );
  });

  it("reads every untouched fixture (the properties above start from working inputs)", () => {
    for (const { name, text } of fixtures) {
      const filing = readOrRefuse(text);
      expect(filing, name).not.toBeNull();
      expectNoMadeUpNumbers(filing, text);
    }
  });
});
