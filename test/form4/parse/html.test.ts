import { describe, expect, it } from "vitest";
import { Form4ParseError } from "../../../src/form4/errors.js";
import { type Filing, ROW_FACT_KEYS, type Row } from "../../../src/form4/model.js";
import { parseHtml } from "../../../src/form4/parse/html.js";
import { parseXml } from "../../../src/form4/parse/xml.js";
import { form4FixtureNames, readForm4Fixture } from "../../fixtures.js";

/** Row facts the rendering shows (codeFormType and equitySwap it does not). */
const ROW_FIELDS = ["table", "kind", "index", ...ROW_FACT_KEYS, "problems"] as const;

/**
 * Every field the rendered page shows, compared one by one: the result lists the fields that
 * differ ("rows[3].price: ..."), so a failure says where. Not shown by the page, so not compared:
 * source, schemaVersion, accessionNumber, filedDate, codeFormType, equitySwap.
 */
function differences(html: Filing, xml: Filing): string[] {
  const out: string[] = [];
  const same = (path: string, a: unknown, b: unknown) => {
    if (JSON.stringify(a) !== JSON.stringify(b)) {
      out.push(`${path}: html ${JSON.stringify(a)} vs xml ${JSON.stringify(b)}`);
    }
  };
  same("formType", html.formType, xml.formType);
  same("periodOfReport", html.periodOfReport, xml.periodOfReport);
  same("dateOfOriginalSubmission", html.dateOfOriginalSubmission, xml.dateOfOriginalSubmission);
  // The page always draws the Section 16 box; an absent element renders as an empty box.
  same("notSubjectToSection16", html.notSubjectToSection16, xml.notSubjectToSection16 ?? false);
  same("aff10b5One", html.aff10b5One, xml.aff10b5One);
  for (const key of ["cik", "name", "ticker"] as const) {
    same(`issuer.${key}`, html.issuer[key], xml.issuer[key]);
  }
  same("owners.length", html.owners.length, xml.owners.length);
  xml.owners.forEach((owner, i) => {
    for (const key of ["cik", "name", "roles", "title", "otherText"] as const) {
      same(`owners[${i}].${key}`, html.owners[i]?.[key], owner[key]);
    }
  });
  same("rows.length", html.rows.length, xml.rows.length);
  xml.rows.forEach((row, i) => {
    for (const key of ROW_FIELDS) same(`rows[${i}].${key}`, html.rows[i]?.[key], row[key]);
  });
  same("footnotes", html.footnotes, xml.footnotes);
  same("remarks", html.remarks, xml.remarks);
  same("signatures", html.signatures, xml.signatures);
  same("problems", html.problems, xml.problems);
  return out;
}

function brief(row: Row | undefined) {
  return row
    ? [
        row.security.value,
        row.date.value,
        row.code.value,
        row.acquiredDisposed.value,
        row.shares.value,
        row.price.value,
        row.sharesOwnedAfter.value,
        row.ownership.value,
      ]
    : null;
}

describe("parseHtml reads every HTML fixture", () => {
  const names = form4FixtureNames().filter((n) => n.endsWith(".html"));

  it("has the three renderings", () => {
    expect(names).toEqual([
      "0001127602-15-028697.html",
      "evbn-sullivan-2023-01-24.html",
      "scwo-melkote-2025-04-30.html",
    ]);
  });

  it.each(names)("%s", (name) => {
    const f = parseHtml(readForm4Fixture(name));
    expect(f.source).toBe("html");
    expect(f.rows.length).toBeGreaterThan(0);
    expect(f.problems).toEqual([]);
    expect(f.rows.flatMap((r) => r.problems)).toEqual([]);
  });
});

describe("parseHtml gives what parseXml gives for the same filing", () => {
  it.each(["scwo-melkote-2025-04-30", "0001127602-15-028697"])("%s", (name) => {
    const html = parseHtml(readForm4Fixture(`${name}.html`));
    const xml = parseXml(readForm4Fixture(`${name}.xml`));
    expect(differences(html, xml)).toEqual([]);
    // What the page cannot show stays unknown.
    expect(html.schemaVersion).toBeNull();
    expect(html.accessionNumber).toBeNull();
    expect(html.filedDate).toBeNull();
    expect(html.rows.every((r) => r.codeFormType === null && r.equitySwap === null)).toBe(true);
  });

  it("the comparison notices a difference and names the field", () => {
    const xml = parseXml(readForm4Fixture("scwo-melkote-2025-04-30.xml"));
    const html = parseHtml(
      readForm4Fixture("scwo-melkote-2025-04-30.html").replace(
        '$</span><span class="SmallFormData">0.33',
        '$</span><span class="SmallFormData">0.38',
      ),
    );
    expect(differences(html, xml)).toEqual([
      'rows[1].exercisePrice: html {"value":0.38,"footnoteIds":[]} vs xml {"value":0.33,"footnoteIds":[]}',
    ]);
  });
});

describe("parseHtml on Brin (X03 rendering, 20 rows)", () => {
  const f = parseHtml(readForm4Fixture("0001127602-15-028697.html"));

  it("reads the weighted-average prices with their footnotes", () => {
    const sales = f.rows.filter((r) => r.code.value === "S");
    expect(sales).toHaveLength(17);
    expect(sales[0]?.price).toEqual({ value: 634.4608, footnoteIds: ["F2"] });
    expect(sales[16]?.price).toEqual({ value: 656.1295, footnoteIds: ["F18"] });
    expect(sales.every((r) => r.security.footnoteIds.join() === "F1")).toBe(true);
  });

  it("tells the holding row from the transactions", () => {
    const holding = f.rows.find((r) => r.kind === "holding");
    expect(holding).toMatchObject({
      table: "nonDerivative",
      index: 0,
      security: { value: "Class C Capital Stock" },
      date: { value: null },
      code: { value: null },
      shares: { value: null },
      sharesOwnedAfter: { value: 21169379 },
      ownership: { value: "D" },
    });
  });

  it("reads the (D) column of Table II and the footnote-only dates", () => {
    const conversion = f.rows.find((r) => r.table === "derivative");
    expect(conversion).toMatchObject({
      kind: "transaction",
      index: 0,
      security: { value: "Class B Common Stock" },
      exercisePrice: { value: 0 },
      code: { value: "C" },
      shares: { value: 16670, footnoteIds: [] },
      acquiredDisposed: { value: "D" },
      exerciseDate: { value: null, footnoteIds: ["F19"] },
      expirationDate: { value: null, footnoteIds: ["F20"] },
      underlyingSecurity: { value: "Class A Common Stock" },
      underlyingShares: { value: 16670 },
      sharesOwnedAfter: { value: 21109310 },
    });
  });

  it("has no 10b5-1 checkbox in this older rendering", () => {
    expect(f.aff10b5One).toBeNull();
    expect(f.remarks).toMatch(/^Form 4 Filing 1 of 2 .* Rule 10b5-1 Trading Plan .* of, Google\.$/);
  });
});

describe("parseHtml on evbn-sullivan-2023-01-24 (HTML only)", () => {
  const f = parseHtml(readForm4Fixture("evbn-sullivan-2023-01-24.html"));

  it("reads the header boxes", () => {
    expect(f.formType).toBe("4");
    expect(f.issuer).toEqual({ cik: "0000842518", name: "EVANS BANCORP INC", ticker: "EVBN" });
    expect(f.owners).toEqual([
      {
        cik: "0001057067",
        name: "SULLIVAN NORA B",
        roles: ["director"],
        title: null,
        otherText: null,
      },
    ]);
    expect(f.periodOfReport).toBe("2023-01-24");
    expect(f.dateOfOriginalSubmission).toBeNull();
    expect(f.notSubjectToSection16).toBe(false);
    expect(f.aff10b5One).toBeNull();
  });

  it("reads the one grant, a fractional holding after it, and no Table II rows", () => {
    expect(f.rows).toHaveLength(1);
    expect(f.rows[0]).toMatchObject({
      table: "nonDerivative",
      kind: "transaction",
      index: 0,
      security: { value: "Common Stock", footnoteIds: [] },
      date: { value: "2023-01-24", footnoteIds: [] },
      deemedDate: { value: null, footnoteIds: [] },
      code: { value: "A", footnoteIds: [] },
      shares: { value: 519, footnoteIds: ["F1"] },
      acquiredDisposed: { value: "A", footnoteIds: [] },
      price: { value: 39.52, footnoteIds: [] },
      sharesOwnedAfter: { value: 5381.2, footnoteIds: [] },
      ownership: { value: "D", footnoteIds: [] },
      nature: { value: null, footnoteIds: [] },
      problems: [],
    });
  });

  it("reads footnotes, empty remarks and the signature", () => {
    expect(f.footnotes).toEqual([
      {
        id: "F1",
        text: "The Restricted Stock shall be vested according to the following schedule: 100% of the shares of Common Stock subject, to the Restricted Stock Award will vest on the first anniversary of the date of the award.",
      },
    ]);
    expect(f.remarks).toBeNull();
    expect(f.signatures).toEqual([
      { name: "/s/Jessica L. Brosius, Attorney in Fact for Nora B. Sullivan", date: "2023-01-26" },
    ]);
  });
});

describe("parseHtml on changed pages", () => {
  const scwo = readForm4Fixture("scwo-melkote-2025-04-30.html");

  it("reads an amendment date as form 4/A", () => {
    const amended = scwo.replace(
      "(Month/Day/Year)</span><br>\n</td>",
      '(Month/Day/Year)</span><br><span class="FormData">04/29/2025</span>\n</td>',
    );
    const f = parseHtml(amended);
    expect(f.formType).toBe("4/A");
    expect(f.dateOfOriginalSubmission).toBe("2025-04-29");
  });

  it("reads checked header boxes", () => {
    // The empty boxes hold two no-break spaces.
    const boxes = scwo.replaceAll("<tr><td>\u00a0\u00a0</td></tr>", "<tr><td>X</td></tr>");
    expect(boxes).not.toBe(scwo);
    const f = parseHtml(boxes);
    expect(f.notSubjectToSection16).toBe(true);
    expect(f.aff10b5One).toBe(true);
  });

  it("says when a joint filing shows only one reporting person", () => {
    const joint = scwo
      .replace(
        '<td width="15%" align="center"><span class="FormData">X</span></td>\n<td width="85%" class="MedSmallFormText">Form filed by One',
        '<td width="15%" align="center"></td>\n<td width="85%" class="MedSmallFormText">Form filed by One',
      )
      .replace(
        '<td width="15%" align="center"></td>\n<td width="85%" class="MedSmallFormText">Form filed by More',
        '<td width="15%" align="center"><span class="FormData">X</span></td>\n<td width="85%" class="MedSmallFormText">Form filed by More',
      );
    expect(joint).not.toBe(scwo);
    expect(parseHtml(joint).problems).toEqual([
      "the form is filed by more than one reporting person, but only one could be read from the page",
    ]);
  });

  it("keeps a row whose cell is damaged and says what is wrong", () => {
    const f = parseHtml(
      scwo.replace(
        '<span class="FormData">757,756</span><span',
        '<span class="FormData">757.756.1</span><span',
      ),
    );
    expect(f.rows[0]?.shares).toEqual({ value: null, footnoteIds: ["F1"] });
    expect(f.rows[0]?.problems).toEqual(['Table I row 1: shares "757.756.1" is not a number']);
    expect(f.rows[0]?.price.value).toBe(0);
  });

  it("reads a page cut off inside a row up to the cut, and says so", () => {
    const brin = readForm4Fixture("0001127602-15-028697.html");
    const ad = '<td align="center"><span class="FormData">D</span></td>';
    const cut = brin.slice(0, brin.indexOf(ad, brin.indexOf(">532<")) + ad.length);
    const f = parseHtml(cut);
    expect(f.rows).toHaveLength(2);
    const row = f.rows[1];
    expect(brief(row)).toEqual([
      "Class A Common Stock",
      "2015-10-02",
      "S",
      "D",
      532,
      null,
      null,
      null,
    ]);
    expect(row?.problems).toEqual([
      "Table I row 2: the row is cut off or damaged at the price (column 8), so the rest of it was not read",
    ]);
    expect(f.problems).toContain(
      "the page ends without the signature block, so it may be cut off: rows, footnotes or remarks may be missing",
    );
  });

  it("reads a row that lost a cell by what the cells look like", () => {
    const brin = readForm4Fixture("0001127602-15-028697.html");
    // The second row's empty deemed-date cell goes: every later cell moves one column left.
    const at = brin.indexOf('<td align="center"></td>', brin.indexOf(">532<") - 300);
    const f = parseHtml(brin.slice(0, at) + brin.slice(at + '<td align="center"></td>'.length));
    expect(brief(f.rows[1])).toEqual([
      "Class A Common Stock",
      "2015-10-02",
      "S",
      "D",
      532,
      634.4608,
      16138,
      "D",
    ]);
  });

  it("reports a footnote the page refers to but does not give", () => {
    const f = parseHtml(scwo.replace(/<tr><td class="FootnoteData">1\. .*<\/td><\/tr>/, ""));
    expect(f.footnotes).toEqual([]);
    expect(f.problems).toEqual(["footnote F1 is referred to but not given"]);
  });

  function errorOf(html: string): Form4ParseError {
    try {
      parseHtml(html);
    } catch (e) {
      if (e instanceof Form4ParseError) return e;
      throw e;
    }
    throw new Error("parseHtml did not throw");
  }

  it("says when there is no table", () => {
    const e = errorOf("<html><body><p>Nothing to see</p></body></html>");
    expect(e.message).toMatch(/^no Table I or Table II found/);
    expect(e.form).toBe("html");
  });

  it("says when the issuer box is missing", () => {
    const e = errorOf(scwo.replace("2. Issuer Name <b>and</b> Ticker", "Issuer"));
    expect(e.message).toBe(
      'could not find the issuer name and ticker (expected "2. Issuer Name and Ticker or Trading Symbol")',
    );
  });

  it("says when the reporting person is missing", () => {
    const e = errorOf(scwo.replace("1. Name and Address of Reporting Person", "Name"));
    expect(e.message).toMatch(/could not find the reporting person's name/);
  });

  it("says which row cannot be read at all", () => {
    const damaged = scwo.replace(
      /<tbody><tr>\n<td align="left"><span class="FormData">Common Stock[\s\S]*?<\/tr><\/tbody>/,
      "<tbody><tr><td>Common Stock</td><td>757,756</td></tr></tbody>",
    );
    const e = errorOf(damaged);
    expect(e.message).toBe("row 1 of Table I has 2 columns, expected at least 3 (the form has 11)");
    expect(e.where).toBe("Table I row 1");
  });

  it("refuses a Form 5 rendering", () => {
    expect(errorOf(scwo.replace(">FORM 4<", ">FORM 5<")).message).toBe(
      "this is a Form 5, not a Form 4",
    );
  });
});

describe("a page cut off before any row", () => {
  it("is the typed error, not a filing with no trades", () => {
    const page = readForm4Fixture("0001127602-15-028697.html");
    const cut = page.slice(0, page.indexOf("Table I - Non-Derivative") + 200);
    expect(() => parseHtml(cut)).toThrow(Form4ParseError);
  });
});
