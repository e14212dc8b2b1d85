// Hostile input: a filer controls what the engine reads. Each input here once took seconds (or
// overflowed the stack, or made up a number); now each reads in time linear in its size, ends in
// a Form4ParseError with a plain message, or reads only numbers the input spells out.
//
// The time bounds are per KB of input and in CPU time of this process, generous enough for a
// loaded 2-core machine (the quadratic versions took 5–20 s on these inputs; the linear ones take
// milliseconds).

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Form4ParseError } from "../../src/form4/errors.js";
import { MAX_ELEMENT_DEPTH, MAX_FOOTNOTE_CHARS, MAX_INPUT_CHARS } from "../../src/form4/limits.js";
import { parseFiling } from "../../src/form4/parse/index.js";
import { summarize } from "../../src/form4/summarize.js";
import type { Summary } from "../../src/form4/summary.js";
import { readForm4Fixture, readSeed } from "../fixtures.js";

/** CPU milliseconds allowed per KB of input, plus a floor for start-up work. */
const MS_PER_KB = 40;
const FLOOR_MS = 750;

function cpuMs(f: () => void): number {
  const start = process.cpuUsage();
  f();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

type Read = { summary: Summary } | { error: Form4ParseError };

/** Parse and summarize within the time bound; anything but a result or a Form4ParseError fails. */
function readBounded(input: string): Read {
  let out: Read | undefined;
  const ms = cpuMs(() => {
    try {
      out = { summary: summarize(parseFiling(input)) };
    } catch (e) {
      if (!(e instanceof Form4ParseError)) throw e;
      out = { error: e };
    }
  });
  const bound = FLOOR_MS + MS_PER_KB * (input.length / 1024);
  expect(ms, `${Math.round(ms)} ms CPU for ${Math.round(input.length / 1024)} KB`).toBeLessThan(
    bound,
  );
  if (out && "summary" in out) numbersAreWritten(out.summary, input);
  return out as Read;
}

/** Every number written in the input, thousands separators removed. */
function numbersIn(input: string): Set<number> {
  const found = new Set<number>();
  for (const m of input.replace(/,/g, "").matchAll(/\d+(?:\.\d+)?|\.\d+/g)) found.add(Number(m[0]));
  return found;
}

/** Each number the summary reads from the filing (not sums or inferences) appears in the input. */
function numbersAreWritten(s: Summary, input: string): void {
  const written = numbersIn(input);
  const check = (what: string, n: number | null) => {
    if (n !== null && !written.has(Math.abs(n))) {
      throw new Error(`${what} = ${n} is not written in the input`);
    }
  };
  s.transactions.forEach((t, i) => {
    if (!t.inferred) check(`transaction ${i} shares`, t.shares);
    check(`transaction ${i} price`, t.price);
    check(`transaction ${i} sharesOwnedAfter`, t.sharesOwnedAfter);
    check(`transaction ${i} exercisePrice`, t.exercisePrice);
    check(`transaction ${i} underlyingShares`, t.underlyingShares);
    check(`transaction ${i} range min`, t.priceRange?.min ?? null);
    check(`transaction ${i} range max`, t.priceRange?.max ?? null);
  });
  s.holdingsAfter.forEach((h, i) => {
    check(`holding ${i}`, h.shares);
  });
  s.derivativesHeld.forEach((d, i) => {
    check(`derivative ${i} shares`, d.shares);
    check(`derivative ${i} exercise price`, d.exercisePrice);
  });
}

function expectSummary(read: Read): Summary {
  if ("error" in read) throw new Error(`expected a summary, got: ${read.error.message}`);
  return read.summary;
}

function expectError(read: Read, message: RegExp): void {
  if (!("error" in read)) throw new Error("expected a Form4ParseError");
  expect(read.error.message).toMatch(message);
}

const XML = readForm4Fixture("0000320121-23-000040.xml");
const PAGE = readForm4Fixture("scwo-melkote-2025-04-30.html");
const SEED = readSeed();

function withFootnote(xml: string, text: string): string {
  return xml.replace(
    /<footnote id="F1">[\s\S]*?<\/footnote>/,
    `<footnote id="F1">${text}</footnote>`,
  );
}

function withRemarks(xml: string, text: string): string {
  return xml.replace(/<remarks>[\s\S]*?<\/remarks>/, `<remarks>${text}</remarks>`);
}

describe("sentence splitting is linear", () => {
  it('reads a 40 KB footnote of "A. A. …" in bounded time', () => {
    const s = expectSummary(readBounded(withFootnote(XML, "A. ".repeat(13_000))));
    expect(s.issuer.name.length).toBeGreaterThan(0);
  });

  it('reads 40 KB of "Mr. Mr. …" in the remarks in bounded time', () => {
    expectSummary(readBounded(withRemarks(XML, "Mr. ".repeat(10_000))));
  });

  it("reads abbreviations and initials mixed with sentence ends", () => {
    const text = "Held by Mr. J. K. Smith Inc. Co. The end. ".repeat(900);
    expectSummary(readBounded(withFootnote(XML, text)));
  });
});

describe("the issuer box is read in linear time", () => {
  it("copied text with 40,000 spaces and no [TICKER]", () => {
    const input = SEED.replace(/\[ASTI\]/, " ".repeat(40_000));
    const read = readBounded(input);
    if ("summary" in read) expect(read.summary.issuer.ticker).toBeNull();
  });

  it('a rendering with "[ " repeated and no "]"', () => {
    const input = PAGE.replace(
      /\[\s*<span class="FormData">SCWO<\/span>\s*\]/,
      "[ ".repeat(25_000),
    );
    expect(input.length).toBeGreaterThan(PAGE.length + 40_000);
    const read = readBounded(input);
    if ("summary" in read) expect(read.summary.issuer.ticker).toBeNull();
  });
});

describe("deep nesting ends in a plain error, never a stack overflow or a hang", () => {
  it("3,000 nested <b> in issuerName (XML)", () => {
    const input = XML.replace(
      /<issuerName>([^<]*)<\/issuerName>/,
      (_m, name: string) =>
        `<issuerName>${"<b>".repeat(3000)}${name}${"</b>".repeat(3000)}</issuerName>`,
    );
    expectError(readBounded(input), /nests elements more than 400 deep/);
  });

  it("5,000 nested elements in a rendering's cell", () => {
    const input = PAGE.replace(
      '<span class="FormData">SCWO</span>',
      `${"<span>".repeat(5000)}SCWO${"</span>".repeat(5000)}`,
    );
    expectError(readBounded(input), /page nests elements more than 400 deep/);
  });

  it("100,000 nested elements", () => {
    const input = PAGE.replace("</body>", `${"<div>".repeat(100_000)}</body>`);
    expectError(readBounded(input), /nests elements more than/);
  });

  it("nesting up to the bound is read", () => {
    const depth = MAX_ELEMENT_DEPTH - 20;
    const input = PAGE.replace(
      '<span class="FormData">SCWO</span>',
      `${"<span>".repeat(depth)}SCWO${"</span>".repeat(depth)}`,
    );
    expect(expectSummary(readBounded(input)).issuer.ticker).toBe("SCWO");
  });
});

describe("no made-up numbers", () => {
  it("a rendering's $ (2) <sup>634.4608</sup> is not the price -4,608", () => {
    const input = PAGE.replace(
      '<span class="SmallFormText">$</span><span class="SmallFormData">0.33</span>',
      '<span class="SmallFormText">$</span> (2) <sup>634.4608</sup>',
    );
    expect(input).not.toBe(PAGE);
    const s = expectSummary(readBounded(input));
    for (const t of s.transactions) expect(t.price === null || t.price >= 0).toBe(true);
  });

  it("a cell opened inside a price (6<td>5.3495) does not join into 65.3495", () => {
    const page = readForm4Fixture("0001127602-15-028697.html");
    const input = page.replace(">655.3495<", ">6<td>5.3495<");
    expect(input).not.toBe(page);
    const s = expectSummary(readBounded(input));
    expect(s.transactions.map((t) => t.price)).not.toContain(65.3495);
  });

  it("copied text's 16*92 is not 1,692", () => {
    const input = SEED.replace("300 16.92", "300 16*92");
    expect(input).not.toBe(SEED);
    const read = readBounded(input);
    if ("summary" in read) {
      expect(read.summary.transactions.map((t) => t.price)).not.toContain(1692);
    }
  });

  it("copied text's 16*.92 is not 16.92 (a property run found 1*.77 read as 1.77)", () => {
    const input = SEED.replace("300 16.92", "300 16*.92");
    expect(input).not.toBe(SEED);
    const read = readBounded(input);
    if ("summary" in read) {
      expect(read.summary.transactions.map((t) => t.price)).not.toContain(16.92);
    }
  });
});

describe("caps on size", () => {
  it("an input over the size bound is refused before it is read", () => {
    const input = `${XML}${" ".repeat(MAX_INPUT_CHARS)}`;
    const ms = cpuMs(() => {
      expect(() => parseFiling(input)).toThrow(
        /the input is too large to be a Form 4: [\d,]+ characters, at most 16,777,216 are read/,
      );
    });
    expect(ms).toBeLessThan(FLOOR_MS);
  });

  it("so are bytes over the bound", () => {
    expect(() => parseFiling(new Uint8Array(MAX_INPUT_CHARS + 1))).toThrow(Form4ParseError);
  });

  it("a footnote over the length bound is named in the error", () => {
    const input = withFootnote(XML, "word ".repeat(MAX_FOOTNOTE_CHARS / 4));
    expectError(readBounded(input), /^footnote F1 is [\d,]+ characters long; at most 65,536/);
  });

  it("remarks over the length bound are named in the error", () => {
    const input = withRemarks(XML, "word ".repeat(MAX_FOOTNOTE_CHARS / 4));
    expectError(readBounded(input), /^the remarks are|^the remarks is/);
  });
});

describe("properties: any hostile repetition reads in bounded time and invents no number", () => {
  const unit = fc.constantFrom(
    "A. ",
    "Mr. ",
    "[ ",
    "  ",
    "(1)",
    "$ ",
    "16*92 ",
    "<sup>634.4608</sup>",
    "1,000,000 ",
    "held by ",
    "pursuant to ",
    "10b5-1 ",
    "prices ranging from $1 to ",
    "not ",
    ". ",
    "<b>",
    "</b>",
    "&amp;",
  );
  const filler = fc
    .tuple(fc.array(unit, { minLength: 1, maxLength: 4 }), fc.integer({ min: 100, max: 4000 }))
    .map(([parts, times]) => parts.join("").repeat(times));
  const where = fc.constantFrom("footnote", "remarks", "issuer", "page", "seed");

  it("holds for fillers placed in footnotes, remarks, the issuer box, a page and copied text", () => {
    fc.assert(
      fc.property(where, filler, (at, text) => {
        const input =
          at === "footnote"
            ? withFootnote(XML, text)
            : at === "remarks"
              ? withRemarks(XML, text)
              : at === "issuer"
                ? XML.replace(/<issuerName>[^<]*/, `<issuerName>${text.replace(/[<&]/g, " ")}`)
                : at === "page"
                  ? PAGE.replace("</td>", `${text}</td>`)
                  : SEED.replace("Ascent Solar", text);
        readBounded(input);
      }),
      { numRuns: 40 },
    );
  });
});
