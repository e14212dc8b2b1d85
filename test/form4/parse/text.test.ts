import * as cheerio from "cheerio";
import type { AnyNode } from "domhandler";
import { describe, expect, it } from "vitest";
import { Form4ParseError } from "../../../src/form4/errors.js";
import type { Filing, Row } from "../../../src/form4/model.js";
import { parseHtml } from "../../../src/form4/parse/html.js";
import { parseText } from "../../../src/form4/parse/text.js";
import { readForm4Fixture, readSeed } from "../../fixtures.js";

/** The facts of a row that people read, in one comparable line. */
function brief(row: Row) {
  return [
    row.security.value,
    row.date.value,
    row.code.value,
    row.acquiredDisposed.value,
    row.shares.value,
    row.price.value,
    row.sharesOwnedAfter.value,
    row.ownership.value,
  ];
}

const SEED_ROWS = [
  ["Common Stock", "2007-11-13", "S", "D", 700, 16.76, 43600, "D"],
  ["Common Stock", "2007-11-13", "S", "D", 200, 16.77, 43400, "D"],
  ["Common Stock", "2007-11-13", "S", "D", 300, 16.92, 43100, "D"],
  ["Common Stock", "2007-11-13", "S", "D", 100, 16.96, 43000, "D"],
  [null, "2007-11-13", "S", "D", null, null, 42800, "D"],
];

const F1 =
  "The sales reported in this Form 4 were effected pursuant to a Rule 10b5-1 trading plan adopted by the reporting person on June 22, 2007.";
const F2 =
  "Mr. Misra also holds the following securities: 4,000 Class B Warrants; vested options to purchase 25,000 shares of common stock; and unvested options to purchase 5,000 shares of common stock.";

/** Everything the seed states, field by field; shared by the copies of it below. */
function expectSeed(f: Filing) {
  expect(f.source).toBe("text");
  expect(f.formType).toBe("4");
  expect(f.issuer).toEqual({ cik: null, name: "Ascent Solar Technologies, Inc.", ticker: "ASTI" });
  expect(f.owners).toEqual([
    {
      cik: null,
      name: "Misra Ashutosh",
      roles: ["officer"],
      title: "SVP Operations & Corp. Affairs",
      otherText: null,
    },
  ]);
  expect(f.periodOfReport).toBe("2007-11-13");
  expect(f.dateOfOriginalSubmission).toBeNull();
  expect(f.rows.map(brief)).toEqual(SEED_ROWS);
  expect(f.rows.every((r) => r.table === "nonDerivative" && r.kind === "transaction")).toBe(true);
  expect(f.rows.map((r) => r.index)).toEqual([0, 1, 2, 3, 4]);
  for (const row of f.rows) {
    expect(row.code.footnoteIds).toEqual(["F1"]);
    expect(row.sharesOwnedAfter.footnoteIds).toEqual(["F2"]);
    expect(row.shares.footnoteIds).toEqual([]);
    expect(row.price.footnoteIds).toEqual([]);
    expect(row.deemedDate.value).toBeNull();
    expect(row.nature.value).toBeNull();
    expect(row.valueOwnedAfter.value).toBeNull();
    // Table II facts stay empty on Table I rows.
    expect(row.exercisePrice.value).toBeNull();
    expect(row.underlyingShares.value).toBeNull();
  }
  expect(f.rows.slice(0, 4).every((r) => r.problems.length === 0)).toBe(true);
  expect(f.rows[4]?.problems).toEqual([
    "Table I row 5: security title, shares and price are missing",
  ]);
  expect(f.footnotes).toEqual([
    { id: "F1", text: F1 },
    { id: "F2", text: F2 },
  ]);
  expect(f.remarks).toBeNull();
  expect(f.signatures).toEqual([]);
  expect(f.problems).toEqual([]);
}

/** The seed as a plain browser copy: no markdown escapes, no <sup>, no emphasis. */
function plainCopy(markdown: string): string {
  return markdown
    .replace(/<sup>(.*?)<\/sup>/g, "$1")
    .replace(/\\([*_$])/g, "$1")
    .replace(/\*\*/g, "")
    .replace(/\*see\*/g, "see")
    .replace(/^## /gm, "")
    .replace(/^- /gm, "");
}

describe("parseText on the seed (ASTI, Misra, 2007-11-14)", () => {
  const seed = readSeed();

  it("reads every field the copy states", () => {
    const f = parseText(seed);
    expectSeed(f);
    expect(f.filedDate).toBe("2007-11-14");
    expect(f.schemaVersion).toBeNull();
    expect(f.accessionNumber).toBeNull();
    // The copy dropped the Section 16 box altogether: unknown, not "unchecked".
    expect(f.notSubjectToSection16).toBeNull();
    expect(f.aff10b5One).toBeNull();
  });

  it("keeps the damaged fifth row and invents nothing for it", () => {
    const row = parseText(seed).rows[4];
    expect(row?.security).toEqual({ value: null, footnoteIds: [] });
    expect(row?.shares).toEqual({ value: null, footnoteIds: [] });
    expect(row?.price).toEqual({ value: null, footnoteIds: [] });
    expect(row?.sharesOwnedAfter).toEqual({ value: 42800, footnoteIds: ["F2"] });
  });

  it("reads a plain copy without markdown", () => {
    const plain = plainCopy(seed);
    expect(plain).not.toContain("\\");
    expect(plain).not.toContain("<sup>");
    const f = parseText(plain);
    expectSeed(f);
    expect(f.filedDate).toBe("2007-11-14");
  });

  it("reads CRLF line ends, trailing blanks and tabs turned into runs of spaces", () => {
    const spaced = seed.replace(/\t/g, "    ").replace(/\n/g, "  \r\n");
    expectSeed(parseText(spaced));
    expectSeed(parseText(plainCopy(seed).replace(/\t/g, "   ")));
  });

  it("reads checkboxes marked with X instead of underscores", () => {
    const marked = plainCopy(seed)
      .replace("___ Director ___ 10% Owner", "Director\t10% Owner")
      .replace(" Officer (give title below) ___ Other", "X\tOfficer (give title below)\tOther")
      .replace("___ Form filed by More", "Form filed by More");
    expect(marked).not.toContain("___");
    expect(parseText(marked).owners[0]?.roles).toEqual(["officer"]);
    const director = marked.replace("Director\t10% Owner", "X\tDirector\tX\t10% Owner");
    expect(parseText(director).owners[0]?.roles).toEqual([
      "director",
      "officer",
      "tenPercentOwner",
    ]);
  });

  it("does not take an officer title for a line of boxes", () => {
    for (const title of [
      "Managing Director",
      "Director of Operations",
      "Officer, 10% Owner Relations",
    ]) {
      const f = parseText(seed.replace("SVP Operations & Corp. Affairs", title));
      expect(f.owners[0]).toMatchObject({ roles: ["officer"], title });
    }
  });

  it("reads a checked box among underscores wherever it stands", () => {
    const director = seed.replace("\\_\\_\\_ Director", "Director");
    expect(parseText(director).owners[0]?.roles).toEqual(["director", "officer"]);
  });

  it("says when a joint filing shows only one reporting person", () => {
    const joint = seed
      .replace(
        " Form filed by One Reporting Person",
        " \\_\\_\\_ Form filed by One Reporting Person",
      )
      .replace("\\_\\_\\_ Form filed by More", "Form filed by More");
    expect(joint).not.toBe(seed);
    expect(parseText(joint).problems).toEqual([
      "the form is filed by more than one reporting person, but only one could be read from the text",
    ]);
  });

  it("reads an amendment date as form 4/A", () => {
    const amended = seed.replace(
      "4. If Amendment, Date Original Filed(Month/Day/Year)\n",
      "4. If Amendment, Date Original Filed(Month/Day/Year)\n\n11/10/2007\n",
    );
    const f = parseText(amended);
    expect(f.formType).toBe("4/A");
    expect(f.dateOfOriginalSubmission).toBe("2007-11-10");
  });

  it("reads holding rows and Table II rows laid out like the page", () => {
    const withHolding = seed
      .replace(
        "\t11/13/2007\t\tS <sup>(1)</sup>\tD\t\t42,800",
        "Common Stock\t\t\t\t\t\t1,000\tI\tBy Trust\n\t11/13/2007\t\tS <sup>(1)</sup>\tD\t\t42,800",
      )
      .replace(
        "\n\n\n\n## Explanation",
        [
          "",
          "**Table II - Derivative Securities Acquired, Disposed of, or Beneficially Owned**",
          "Stock Option (right to buy)\t$ 5.00\t11/13/2007\t\tM\t\t\t1,000 <sup>(2)</sup>\t11/13/2007\t06/30/2012\tCommon Stock\t1,000\t$ 0\t24,000\tD\t",
          "Class B Warrant\t$ 6.60\t\t\t\t\t\t\t<sup>(2)</sup>\t12/31/2010\tCommon Stock\t4,000\t\t4,000\tD\t",
          "",
          "## Explanation",
        ].join("\n"),
      );
    const f = parseText(withHolding);
    const holding = f.rows[4];
    expect(holding?.kind).toBe("holding");
    expect(holding?.index).toBe(0);
    expect(brief(holding as Row)).toEqual([
      "Common Stock",
      null,
      null,
      null,
      null,
      null,
      1000,
      "I",
    ]);
    expect(holding?.nature.value).toBe("By Trust");
    expect(holding?.problems).toEqual([]);
    expect(f.rows[5]?.index).toBe(4);

    const [option, warrant] = f.rows.filter((r) => r.table === "derivative");
    expect(option).toMatchObject({
      kind: "transaction",
      index: 0,
      security: { value: "Stock Option (right to buy)" },
      exercisePrice: { value: 5 },
      date: { value: "2007-11-13" },
      code: { value: "M" },
      shares: { value: 1000, footnoteIds: ["F2"] },
      acquiredDisposed: { value: "D" },
      exerciseDate: { value: "2007-11-13" },
      expirationDate: { value: "2012-06-30" },
      underlyingSecurity: { value: "Common Stock" },
      underlyingShares: { value: 1000 },
      price: { value: 0 },
      sharesOwnedAfter: { value: 24000 },
      ownership: { value: "D" },
      problems: [],
    });
    expect(warrant).toMatchObject({
      kind: "holding",
      index: 0,
      exercisePrice: { value: 6.6 },
      exerciseDate: { value: null, footnoteIds: ["F2"] },
      expirationDate: { value: "2010-12-31" },
      underlyingShares: { value: 4000 },
      price: { value: null, footnoteIds: [] },
      sharesOwnedAfter: { value: 4000 },
      problems: [],
    });
  });

  it("reads remarks and signatures", () => {
    const closing = seed.replace(
      "\nNote: File three copies",
      [
        "",
        "Remarks:",
        "Exhibit 24 - Power of Attorney",
        "",
        "/s/ Ashutosh Misra\t11/14/2007",
        "\\*\\* Signature of Reporting Person\tDate",
        "",
        "Note: File three copies",
      ].join("\n"),
    );
    const f = parseText(closing);
    expect(f.remarks).toBe("Exhibit 24 - Power of Attorney");
    expect(f.signatures).toEqual([{ name: "/s/ Ashutosh Misra", date: "2007-11-14" }]);
    expect(f.footnotes.map((n) => n.id)).toEqual(["F1", "F2"]);
  });
});

describe("parseText on damaged copies", () => {
  const seed = readSeed();

  it("reports a shares/price cell it cannot split and keeps the row", () => {
    const f = parseText(seed.replace("\\$ 200 16.77", "\\$ 200"));
    const row = f.rows[1];
    expect(row?.shares.value).toBeNull();
    expect(row?.price.value).toBeNull();
    expect(row?.problems).toEqual([
      'Table I row 2: one amount "200" where shares and price belong; it is not clear which, so neither was read',
    ]);
    expect(f.rows).toHaveLength(5);
  });

  it("reports values that are not what their column holds", () => {
    const f = parseText(seed.replace("Common Stock\t11/13/2007", "Common Stock\t13/45/2007"));
    expect(f.rows[0]?.date.value).toBeNull();
    expect(f.rows[0]?.problems).toEqual([
      'Table I row 1: transaction date "13/45/2007" is not a date',
    ]);
  });

  it("reports a footnote marker whose text is missing", () => {
    const f = parseText(seed.replace(/^- \(2\).*$/m, ""));
    expect(f.footnotes.map((n) => n.id)).toEqual(["F1"]);
    expect(f.problems).toEqual(["footnote F2 is referred to but not given"]);
  });

  it("says when the text ends inside the tables", () => {
    const f = parseText(
      seed.slice(0, seed.indexOf("Common Stock\t11/13/2007\t\tS <sup>(1)</sup>\tD\t\\$ 300")),
    );
    expect(f.rows).toHaveLength(2);
    expect(f.problems).toContain(
      'the text ends inside the tables (nothing follows them, not even "Explanation of Responses"), so rows may be missing',
    );
  });

  it("does not read amounts when the ownership column is gone", () => {
    const f = parseText(seed.replace("43,100 <sup>(2)</sup>\tD", "43,100 <sup>(2)</sup>"));
    const row = f.rows[2];
    expect(row?.shares.value).toBeNull();
    expect(row?.price.value).toBeNull();
    expect(row?.sharesOwnedAfter.value).toBeNull();
    expect(row?.problems).toContain(
      "Table I row 3: could not find the ownership form (D or I), so the amounts were not read",
    );
  });
});

describe("parseText errors", () => {
  const seed = readSeed();

  function errorOf(text: string): Form4ParseError {
    try {
      parseText(text);
    } catch (e) {
      if (e instanceof Form4ParseError) return e;
      throw e;
    }
    throw new Error("parseText did not throw");
  }

  it("says when there is no table", () => {
    const e = errorOf("Hello, this is not a Form 4.");
    expect(e.message).toMatch(/^no Table I or Table II found/);
    expect(e.form).toBe("text");
  });

  it("says when the issuer box is missing", () => {
    const e = errorOf(seed.replace("2. Issuer Name and Ticker or Trading Symbol", ""));
    expect(e.message).toBe(
      'could not find the issuer name and ticker (expected "2. Issuer Name and Ticker or Trading Symbol")',
    );
  });

  it("says when the reporting person is missing", () => {
    const e = errorOf(seed.replace("1. Name and Address of Reporting Person", ""));
    expect(e.message).toMatch(/could not find the reporting person's name/);
  });

  it("says which row cannot be read at all", () => {
    const e = errorOf(seed.replace(/^.*300 16\.92.*$/m, "Common\tStock"));
    expect(e.message).toBe("row 3 of Table I has 2 columns, expected at least 3 (the form has 11)");
    expect(e.where).toBe("Table I row 3");
  });

  it("refuses another form", () => {
    const form5 = seed.replace(" Form 4  ", " Form 5  ").replace("**FORM 4**", "**FORM 5**");
    expect(errorOf(form5).message).toBe("this is a Form 5, not a Form 4");
  });
});

const BLOCK = new Set([
  "table",
  "thead",
  "tbody",
  "tr",
  "div",
  "p",
  "hr",
  "body",
  "h1",
  "h2",
  "li",
]);

/**
 * What a browser puts on the clipboard when a person selects a rendered page and copies it:
 * table cells separated by tabs, rows and blocks by line breaks, <sup>(1)</sup> as "(1)".
 */
function browserCopy(html: string): string {
  const $ = cheerio.load(html);
  $("head, style, script, title").remove();
  const out: string[] = [];
  const walk = (node: AnyNode) => {
    if (node.type === "text") {
      out.push(node.data.replace(/\s+/g, " "));
      return;
    }
    if (!("children" in node)) return;
    const name = "name" in node ? node.name : "";
    if (name === "br") out.push("\n");
    if ((name === "td" || name === "th") && $(node).prevAll("td, th").length > 0) out.push("\t");
    if (BLOCK.has(name)) out.push("\n");
    for (const child of node.children) walk(child);
    if (BLOCK.has(name)) out.push("\n");
  };
  for (const node of $.root().toArray()) walk(node);
  return out
    .join("")
    .replace(/ *\t */g, "\t")
    .replace(/ *\n */g, "\n")
    .replace(/\n+/g, "\n")
    .trim();
}

describe("parseText on browser copies of the rendered pages", () => {
  it.each(["scwo-melkote-2025-04-30", "0001127602-15-028697", "evbn-sullivan-2023-01-24"])(
    "%s reads as the page does, but for what a copy cannot carry",
    (name) => {
      const html = readForm4Fixture(`${name}.html`);
      const copy = browserCopy(html);
      // A real copy: tab-separated cells, no markup left.
      expect(copy).toMatch(/\tD\t/);
      expect(copy).not.toMatch(/<[a-z]/i);
      const text = parseText(copy);
      const page = parseHtml(html);
      // The CIKs live in the page's links, which a copy loses.
      expect(text.issuer).toEqual({ ...page.issuer, cik: null });
      expect(text.owners).toEqual(page.owners.map((o) => ({ ...o, cik: null })));
      expect({ ...text, source: "html", issuer: page.issuer, owners: page.owners }).toEqual(page);
    },
  );

  it("reads Brin's 20 rows, the holding and the conversion from the copy", () => {
    const f = parseText(browserCopy(readForm4Fixture("0001127602-15-028697.html")));
    expect(f.rows).toHaveLength(20);
    expect(f.rows.filter((r) => r.kind === "holding").map(brief)).toEqual([
      ["Class C Capital Stock", null, null, null, null, null, 21169379, "D"],
    ]);
    expect(f.rows[1]?.price).toEqual({ value: 634.4608, footnoteIds: ["F2"] });
    expect(f.owners[0]?.roles).toEqual(["director", "officer", "tenPercentOwner"]);
    expect(f.owners[0]?.title).toBe("Co-Founder");
  });

  it("reads the copy with its tabs turned into runs of spaces", () => {
    const copy = browserCopy(readForm4Fixture("evbn-sullivan-2023-01-24.html")).replace(
      /\t/g,
      "   ",
    );
    const f = parseText(copy);
    expect(f.rows.map(brief)).toEqual([
      ["Common Stock", "2023-01-24", "A", "A", 519, 39.52, 5381.2, "D"],
    ]);
    expect(f.rows[0]?.shares.footnoteIds).toEqual(["F1"]);
    expect(f.issuer.name).toBe("EVANS BANCORP INC");
    expect(f.owners[0]?.roles).toEqual(["director"]);
  });
});

describe("a copy cut off before any row", () => {
  it("is the typed error, not a filing with no trades", () => {
    const seed = readSeed();
    const cut = seed.slice(0, seed.indexOf("Common Stock\t11/13/2007"));
    expect(() => parseText(cut)).toThrow(Form4ParseError);
    expect(() => parseText(cut)).toThrow(/cut off/);
  });
  it("keeps the rows it has, with a warning, when cut off after some of them", () => {
    const seed = readSeed();
    const cut = seed.slice(
      0,
      seed.indexOf("Common Stock\t11/13/2007\t\tS <sup>(1)</sup>\tD\t\\$ 300"),
    );
    const filing = parseText(cut);
    expect(filing.rows).toHaveLength(2);
    expect(filing.problems.join("\n")).toMatch(/rows may be missing/);
  });
});
