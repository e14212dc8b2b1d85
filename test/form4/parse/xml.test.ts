import { describe, expect, it } from "vitest";
import { Form4ParseError } from "../../../src/form4/errors.js";
import type { Filing, Row } from "../../../src/form4/model.js";
import { parseXml } from "../../../src/form4/parse/xml.js";
import { form4FixtureNames, readForm4Fixture } from "../../fixtures.js";

/** Fixtures that really are a bare ownershipDocument (some .xml names hold a full submission). */
const xmlFixtures = form4FixtureNames().filter((name) =>
  /^(?:\s|<\?xml[^>]*\?>)*<ownershipDocument>/.test(readForm4Fixture(name)),
);

function fixture(name: string): Filing {
  return parseXml(readForm4Fixture(name));
}

function rowsOf(filing: Filing, table: Row["table"], kind: Row["kind"]): Row[] {
  return filing.rows.filter((r) => r.table === table && r.kind === kind);
}

function only<T>(items: T[]): T {
  expect(items).toHaveLength(1);
  const [item] = items;
  if (item === undefined) throw new Error("unreachable");
  return item;
}

function at<T>(items: T[], i: number): T {
  const item = items[i];
  if (item === undefined) throw new Error(`no item ${i}`);
  return item;
}

function thrown(run: () => unknown): Form4ParseError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(Form4ParseError);
    return error as Form4ParseError;
  }
  throw new Error("expected a Form4ParseError, nothing was thrown");
}

/** A small, valid ownershipDocument; `parts` replace or add the pieces a test is about. */
function doc(
  parts: { head?: string; owner?: string; tables?: string; tail?: string } = {},
): string {
  const head =
    parts.head ??
    "<schemaVersion>X0508</schemaVersion><documentType>4</documentType><periodOfReport>2024-05-01</periodOfReport>";
  const owner =
    parts.owner ??
    `<reportingOwner><reportingOwnerId><rptOwnerCik>123</rptOwnerCik><rptOwnerName>Doe Jane</rptOwnerName></reportingOwnerId>
     <reportingOwnerRelationship><isDirector>1</isDirector><isOfficer>0</isOfficer></reportingOwnerRelationship></reportingOwner>`;
  return `<?xml version="1.0"?>
<ownershipDocument>
${head}
<issuer><issuerCik>0000001234</issuerCik><issuerName>Example Corp</issuerName><issuerTradingSymbol>EXM</issuerTradingSymbol></issuer>
${owner}
${parts.tables ?? ""}
${parts.tail ?? ""}
</ownershipDocument>
`;
}

function sale(amounts: string, extra = ""): string {
  return `<nonDerivativeTable><nonDerivativeTransaction>
  <securityTitle><value>Common Stock</value></securityTitle>
  <transactionDate><value>2024-05-01</value></transactionDate>
  <transactionCoding><transactionFormType>4</transactionFormType><transactionCode>S</transactionCode><equitySwapInvolved>0</equitySwapInvolved></transactionCoding>
  <transactionAmounts>${amounts}</transactionAmounts>
  ${extra}
</nonDerivativeTransaction></nonDerivativeTable>`;
}

describe("parseXml on every bare XML fixture", () => {
  it("finds the XML fixtures", () => {
    expect(xmlFixtures.length).toBeGreaterThanOrEqual(20);
  });

  it.each(xmlFixtures)("%s reads as a Form 4 with an issuer, owners and clean rows", (name) => {
    const filing = fixture(name);
    expect(filing.source).toBe("xml");
    expect(["4", "4/A"]).toContain(filing.formType);
    expect(filing.issuer.name).not.toBe("");
    expect(filing.owners.length).toBeGreaterThan(0);
    expect(filing.rows.length).toBeGreaterThan(0);
    expect(filing.problems).toEqual([]);
    for (const row of filing.rows) expect(row.problems).toEqual([]);
  });

  it("reads every schema version met in the fixtures", () => {
    const versions = new Set(xmlFixtures.map((name) => fixture(name).schemaVersion));
    expect([...versions].sort()).toEqual(["X0306", "X0407", "X0508", "X0609"]);
  });
});

describe("document-level fields", () => {
  it("reads a 4/A with its date of original submission and remarks", () => {
    const f = fixture("panw-eschenbach-2021-12-14-4A.xml");
    expect(f.formType).toBe("4/A");
    expect(f.dateOfOriginalSubmission).toBe("2021-12-15");
    expect(f.periodOfReport).toBe("2021-12-14");
    expect(f.notSubjectToSection16).toBe(false);
    expect(f.remarks).toBe(
      "The sole purpose of this amendment is to add the Reporting Person's Power of Attorney as Exhibit 24.",
    );
    expect(f.issuer).toEqual({ cik: "0001327567", name: "Palo Alto Networks Inc", ticker: "PANW" });
    expect(f.owners).toEqual([
      {
        cik: "0001409324",
        name: "Eschenbach Carl M.",
        roles: ["director"],
        title: null,
        otherText: null,
      },
    ]);
    expect(f.signatures).toEqual([
      {
        name: "/s/ Elizabeth Villalobos, Attorney-in-Fact for Carl M. Eschenbach",
        date: "2022-01-13",
      },
    ]);
    // Entities are decoded (&quot;).
    expect(f.footnotes[0]?.text).toMatch(
      /^Each share is represented by a Restricted Stock Unit \("RSU"\)\./,
    );
  });

  it("reads aff10b5One as true, false, or null when the element is absent", () => {
    expect(fixture("bdx-feld-2025-12-26.xml").aff10b5One).toBe(true);
    expect(fixture("arwr-olukotun-2025-12-19.xml").aff10b5One).toBe(true);
    expect(fixture("msft-hogan-2024-03-11.xml").aff10b5One).toBe(false);
    expect(fixture("scwo-melkote-2025-04-30.xml").aff10b5One).toBe(false); // written "false"
    expect(fixture("panw-eschenbach-2021-12-14-4A.xml").aff10b5One).toBeNull(); // X0306: no element
  });

  it("reads remarks, and an empty <remarks> as null", () => {
    expect(fixture("bdx-feld-2025-12-26.xml").remarks).toBe(
      "This reported transaction was made pursuant to a Rule 10b5-1 plan adopted by the reporting person on February 7, 2025.",
    );
    expect(fixture("arec-golden-properties-2024-07-19.xml").remarks).toBeNull();
  });

  it("reads booleans written true/false and dates with a time-zone suffix", () => {
    const f = fixture("arec-golden-properties-2024-07-19.xml");
    expect(f.periodOfReport).toBe("2024-07-19");
    expect(f.notSubjectToSection16).toBe(false);
    expect(f.owners[0]?.roles).toEqual(["tenPercentOwner"]);
    expect(f.signatures).toEqual([{ name: "/s/ Alex Lau", date: "2024-07-19" }]);
    const row = only(f.rows);
    expect(row.date.value).toBe("2024-07-19");
    expect(row.equitySwap).toBe(false);
    // The filing's odd P code with a D disposition is kept as stated, not "corrected".
    expect(row.code.value).toBe("P");
    expect(row.acquiredDisposed.value).toBe("D");
    expect(row.shares.value).toBe(800000);
    expect(row.price.value).toBe(0.67);
    expect(row.sharesOwnedAfter.value).toBe(14389960);
  });

  it("reads several reporting owners in order", () => {
    const f = fixture("0000921895-25-001190.xml");
    expect(f.owners.map((o) => [o.cik, o.name, o.roles, o.title, o.otherText])).toEqual([
      ["0001959730", "Fund 1 Investments, LLC", ["tenPercentOwner"], null, null],
      ["0002052009", "PLP Funds Master Fund LP", ["tenPercentOwner"], null, null],
      ["0001580144", "Pleasant Lake Partners LLC", ["tenPercentOwner"], null, null],
    ]);
  });

  it("reads an officer title with entities decoded", () => {
    const f = fixture("msft-hogan-2024-03-11.xml");
    expect(f.owners[0]).toMatchObject({
      roles: ["officer"],
      title: "EVP, Chief Human Resources Off",
    });
  });
});

describe("table rows", () => {
  it("reads fractional shares exactly as written", () => {
    const row = only(fixture("msft-hogan-2024-03-11.xml").rows);
    expect(row).toMatchObject({ table: "nonDerivative", kind: "transaction", index: 0 });
    expect(row.shares).toEqual({ value: 21955.333, footnoteIds: [] });
    expect(row.price).toEqual({ value: 403.96, footnoteIds: [] });
    expect(row.sharesOwnedAfter).toEqual({ value: 159763.8199, footnoteIds: [] });
    expect(row.code).toEqual({ value: "S", footnoteIds: [] });
    expect(row.codeFormType).toBe("4");
    expect(row.ownership).toEqual({ value: "D", footnoteIds: [] });
  });

  it("reads holding rows beside transactions, with the nature of indirect ownership", () => {
    const f = fixture("0000320121-23-000040.xml");
    const tx = rowsOf(f, "nonDerivative", "transaction");
    expect(tx).toHaveLength(3);
    expect(at(tx, 0).price).toEqual({ value: 2.36, footnoteIds: ["F1"] });
    expect(at(tx, 0).nature).toEqual({
      value: "By Haley E. Schaufeld Irr Trust",
      footnoteIds: ["F2"],
    });
    const holdings = rowsOf(f, "nonDerivative", "holding");
    expect(
      holdings.map((h) => [h.index, h.sharesOwnedAfter.value, h.ownership.value, h.nature.value]),
    ).toEqual([
      [0, 255449, "I", "By Fredrick D. Schaufeld Rev. Trust"],
      [1, 250000, "I", "By FDS New River Farm 2017 Irrevocable Trust"],
      [2, 181498, "I", "River Farm Investments, LLC"],
      [3, 91297, "D", null],
    ]);
    for (const h of holdings) {
      expect([h.code.value, h.shares.value, h.price.value, h.date.value]).toEqual([
        null,
        null,
        null,
        null,
      ]);
    }
  });

  it("reads derivative holdings with exercise price, dates and underlying", () => {
    const f = fixture("0001062993-23-011116.xml");
    const holdings = rowsOf(f, "derivative", "holding");
    expect(holdings.map((r) => r.index)).toEqual([0, 1, 2]);
    const first = at(holdings, 0);
    expect(first.security.value).toBe("Stock Option (Right to Buy)");
    expect(first.exercisePrice).toEqual({ value: 3.95, footnoteIds: [] });
    expect(first.exerciseDate).toEqual({ value: "2021-05-14", footnoteIds: [] });
    expect(first.expirationDate).toEqual({ value: null, footnoteIds: ["F1"] });
    expect(first.underlyingSecurity).toEqual({ value: "Common Stock", footnoteIds: [] });
    expect(first.underlyingShares).toEqual({ value: 25087, footnoteIds: [] });
    expect(first.sharesOwnedAfter.value).toBe(25087);
    expect(at(holdings, 1).exercisePrice.value).toBe(2.15);
  });

  it("reads a derivative exercise with its underlying and an expiration date", () => {
    const f = fixture("0001610717-23-000035.xml");
    const row = only(rowsOf(f, "derivative", "transaction"));
    expect(row.security.value).toBe("Stock Option (right to buy)");
    expect(row.exercisePrice.value).toBe(1.16);
    expect(row.code.value).toBe("M");
    expect(row.shares.value).toBe(200000);
    expect(row.price).toEqual({ value: 0, footnoteIds: [] }); // a stated 0 stays 0
    expect(row.acquiredDisposed.value).toBe("D");
    expect(row.exerciseDate).toEqual({ value: null, footnoteIds: ["F2"] });
    expect(row.expirationDate.value).toBe("2027-06-12");
    expect(row.underlyingSecurity.value).toBe("Class A Common Stock");
    expect(row.underlyingShares.value).toBe(200000);
    expect(row.sharesOwnedAfter.value).toBe(0);
  });

  it("puts Table I rows first, then Table II, each in document order", () => {
    const f = fixture("mvis-markham-2026-06-08.xml");
    const tables = f.rows.map((r) => r.table);
    expect(tables.indexOf("derivative")).toBeGreaterThan(tables.lastIndexOf("nonDerivative"));
    const tx = rowsOf(f, "nonDerivative", "transaction");
    expect(tx.map((r) => r.index)).toEqual(tx.map((_, i) => i));
    expect(
      tx.slice(0, 3).map((r) => [r.shares.value, r.price.value, r.sharesOwnedAfter.value]),
    ).toEqual([
      [150000, 0, 622308],
      [118800, 0, 741108],
      [77905, 0.3621, at(tx, 2).sharesOwnedAfter.value],
    ]);
  });

  it("keeps footnote ids on the transaction coding", () => {
    const xml = doc({
      tables: `<nonDerivativeTable><nonDerivativeTransaction>
        <securityTitle><value>Common Stock</value></securityTitle>
        <transactionCoding><transactionFormType>4</transactionFormType><transactionCode>S</transactionCode>
          <equitySwapInvolved>false</equitySwapInvolved><footnoteId id="F1"/></transactionCoding>
        <transactionAmounts><transactionShares><value>100</value></transactionShares></transactionAmounts>
      </nonDerivativeTransaction></nonDerivativeTable>`,
      tail: `<footnotes><footnote id="F1">Sold under a Rule 10b5-1 plan.</footnote></footnotes>`,
    });
    const row = only(parseXml(xml).rows);
    expect(row.code).toEqual({ value: "S", footnoteIds: ["F1"] });
    expect(row.equitySwap).toBe(false);
  });

  it("reads a value given only as a footnote as null with that footnote", () => {
    const xml = doc({
      tables: sale(
        `<transactionShares><value>100</value></transactionShares>
         <transactionPricePerShare><footnoteId id="F2"/></transactionPricePerShare>`,
      ),
      tail: `<footnotes><footnote id="F2">Price ranged from $10.00 to $10.50.</footnote></footnotes>`,
    });
    const row = only(parseXml(xml).rows);
    expect(row.price).toEqual({ value: null, footnoteIds: ["F2"] });
    expect(row.problems).toEqual([]);
  });

  it("reads valueOwnedFollowingTransaction into valueOwnedAfter, leaving shares owned unknown", () => {
    const xml = doc({
      tables: sale(
        "<transactionShares><value>100</value></transactionShares>",
        `<postTransactionAmounts><valueOwnedFollowingTransaction><value>25,000</value>
         </valueOwnedFollowingTransaction></postTransactionAmounts>`,
      ),
    });
    const row = only(parseXml(xml).rows);
    expect(row.valueOwnedAfter).toEqual({ value: 25000, footnoteIds: [] });
    expect(row.sharesOwnedAfter.value).toBeNull();
  });

  it("never passes a transaction total value or underlying value off as shares", () => {
    const xml = doc({
      tables: `<derivativeTable><derivativeTransaction>
        <securityTitle><value>Phantom Units</value></securityTitle>
        <transactionAmounts><transactionTotalValue><value>5000</value></transactionTotalValue>
          <transactionAcquiredDisposedCode><value>A</value></transactionAcquiredDisposedCode></transactionAmounts>
        <underlyingSecurity><underlyingSecurityTitle><value>Common Stock</value></underlyingSecurityTitle>
          <underlyingSecurityValue><value>5000</value></underlyingSecurityValue></underlyingSecurity>
      </derivativeTransaction></derivativeTable>`,
    });
    const row = only(parseXml(xml).rows);
    expect(row.shares.value).toBeNull();
    expect(row.underlyingShares.value).toBeNull();
    expect(row.problems).toEqual([
      "Table II row 1: the amount is stated as a total value of 5000, not as a number of securities",
      "Table II row 1: the underlying amount is stated as a value of 5000, not as a number of shares",
    ]);
  });
});

describe("damaged values become null plus a problem, never a guess", () => {
  it("reports an unreadable number", () => {
    const xml = doc({
      tables: sale(
        `<transactionShares><value>12a</value></transactionShares>
         <transactionPricePerShare><value>10.25</value></transactionPricePerShare>`,
      ),
    });
    const row = only(parseXml(xml).rows);
    expect(row.shares.value).toBeNull();
    expect(row.price.value).toBe(10.25);
    expect(row.problems).toEqual(['Table I row 1: shares "12a" is not a number']);
  });

  it("reports an impossible date", () => {
    const xml = doc({
      tables: `<nonDerivativeTable><nonDerivativeTransaction>
        <securityTitle><value>Common Stock</value></securityTitle>
        <transactionDate><value>2007-02-30</value></transactionDate>
      </nonDerivativeTransaction></nonDerivativeTable>`,
    });
    const row = only(parseXml(xml).rows);
    expect(row.date.value).toBeNull();
    expect(row.problems).toEqual(['Table I row 1: date "2007-02-30" is not a real date']);
  });

  it("reports unknown codes, A/D and D/I values", () => {
    const xml = doc({
      tables: `<derivativeTable><derivativeHolding>
        <securityTitle><value>Option</value></securityTitle>
        <transactionCoding><transactionCode>7</transactionCode></transactionCoding>
        <transactionAmounts><transactionAcquiredDisposedCode><value>X</value></transactionAcquiredDisposedCode></transactionAmounts>
        <ownershipNature><directOrIndirectOwnership><value>Q</value></directOrIndirectOwnership></ownershipNature>
      </derivativeHolding></derivativeTable>`,
    });
    const row = only(parseXml(xml).rows);
    expect([row.code.value, row.acquiredDisposed.value, row.ownership.value]).toEqual([
      null,
      null,
      null,
    ]);
    expect(row.problems).toEqual([
      'Table II holding 1: transaction code "7" is not a code letter',
      'Table II holding 1: acquired/disposed "X" is not A (acquired) or D (disposed)',
      'Table II holding 1: ownership "Q" is not D (direct) or I (indirect)',
    ]);
  });

  it("reports text outside <value> (the trace of a damaged tag) and keeps the value unknown", () => {
    const xml = doc({ tables: sale("<transactionShares>value>100</transactionShares>") });
    const row = only(parseXml(xml).rows);
    expect(row.shares.value).toBeNull();
    expect(row.problems).toEqual(['Table I row 1: shares holds text outside <value>: "value>100"']);
  });

  it("reports footnotes referred to but not given, and document-level bad values", () => {
    const xml = doc({
      head: "<documentType>4</documentType><periodOfReport>2024-13-01</periodOfReport><aff10b5One>maybe</aff10b5One>",
      tables: sale('<transactionShares><value>5</value><footnoteId id="F9"/></transactionShares>'),
    });
    const f = parseXml(xml);
    expect(f.periodOfReport).toBeNull();
    expect(f.aff10b5One).toBeNull();
    expect(f.problems).toEqual([
      'periodOfReport "2024-13-01" is not a real date',
      'aff10b5One "maybe" is not 1/0 or true/false',
      "footnote F9 is referred to but not given",
    ]);
  });

  it("treats empty elements as not stated, without problems", () => {
    const xml = doc({
      tables: sale(
        `<transactionShares><value></value></transactionShares><transactionPricePerShare/>`,
        "<deemedExecutionDate></deemedExecutionDate>",
      ),
    });
    const row = only(parseXml(xml).rows);
    expect(row.shares.value).toBeNull();
    expect(row.price.value).toBeNull();
    expect(row.deemedDate.value).toBeNull();
    expect(row.problems).toEqual([]);
  });
});

describe("issuer and owner details", () => {
  it.each(["n/a", "NONE", "", "None"])("reads ticker %j as no ticker", (ticker) => {
    const xml = doc().replace("<issuerTradingSymbol>EXM<", `<issuerTradingSymbol>${ticker}<`);
    expect(parseXml(xml).issuer.ticker).toBeNull();
  });

  it("collapses white space (incl. non-breaking and Unicode spaces) in names and values", () => {
    const spaced = doc().replace(
      "Example Corp",
      "  Soci\u00e9t\u00e9\u00a0\u00a0G\u00e9n\u00e9rale\u2003 SA\n",
    );
    expect(parseXml(spaced).issuer.name).toBe("Soci\u00e9t\u00e9 G\u00e9n\u00e9rale SA");
    const doubled = doc().replace("Doe Jane", "Doe  Jane\t");
    expect(parseXml(doubled).owners[0]?.name).toBe("Doe Jane");
  });

  it("pads CIKs to 10 digits and orders roles as the form does", () => {
    const xml = doc({
      owner: `<reportingOwner><reportingOwnerId><rptOwnerCik>42</rptOwnerCik><rptOwnerName>Roe Rick</rptOwnerName></reportingOwnerId>
        <reportingOwnerRelationship><isOther>true</isOther><isDirector>true</isDirector>
        <officerTitle></officerTitle><otherText>Member of 13(d) group</otherText></reportingOwnerRelationship></reportingOwner>`,
    });
    expect(parseXml(xml).owners).toEqual([
      {
        cik: "0000000042",
        name: "Roe Rick",
        roles: ["director", "other"],
        title: null,
        otherText: "Member of 13(d) group",
      },
    ]);
  });
});

describe("unreadable documents throw one Form4ParseError", () => {
  it("rejects a Form 3 and a Form 5, saying what they are", () => {
    const form3 = doc({ head: "<documentType>3</documentType>" });
    expect(thrown(() => parseXml(form3)).message).toBe(
      'this is a Form 3, not a Form 4 (documentType is "3")',
    );
    const form5 = doc({ head: "<documentType>5</documentType>" });
    expect(thrown(() => parseXml(form5)).message).toMatch(/^this is a Form 5, not a Form 4/);
  });

  it("rejects an unknown or missing documentType", () => {
    expect(thrown(() => parseXml(doc({ head: "<documentType>10-K</documentType>" }))).message).toBe(
      'documentType is "10-K": expected 4 or 4/A (a Form 4)',
    );
    expect(thrown(() => parseXml(doc({ head: "" }))).message).toBe(
      "no <documentType> in the ownershipDocument",
    );
  });

  it("rejects a document without issuer name or reporting owner", () => {
    expect(thrown(() => parseXml(doc().replace("Example Corp", ""))).message).toBe(
      "no <issuer> / issuerName",
    );
    expect(thrown(() => parseXml(doc({ owner: "" }))).message).toMatch(/^no reporting owner/);
    const nameless = doc().replace("<rptOwnerName>Doe Jane</rptOwnerName>", "");
    expect(thrown(() => parseXml(nameless)).message).toBe(
      "reporting owner 1 has no name (<rptOwnerName>)",
    );
  });

  it("rejects a truncated document", () => {
    const full = readForm4Fixture("msft-hogan-2024-03-11.xml");
    const cut = full.slice(0, full.indexOf("</ownershipDocument>"));
    const error = thrown(() => parseXml(cut));
    expect(error.message).toBe("the XML ends before </ownershipDocument> (truncated?)");
    expect(error.form).toBe("xml");
  });

  it("rejects a damaged end tag, saying where", () => {
    const full = readForm4Fixture("msft-hogan-2024-03-11.xml");
    const damaged = full.replace("403.96</value>", "403.96</valeu>");
    const error = thrown(() => parseXml(damaged));
    expect(error.message).toMatch(
      /^the XML is damaged: <value> on line \d+ has no matching <\/value>$/,
    );
    expect(error.where).toMatch(/^line \d+$/);
  });

  it("numbers rows per table element and leaves a row of the wrong table out, saying so", () => {
    // Rows are read as their element ends (a long filing never holds its whole tree): the
    // numbering and the wrong-table check must be those of the document as a whole.
    const row = (code: string, shares: number) =>
      `<nonDerivativeTransaction><securityTitle><value>Common Stock</value></securityTitle>
       <transactionCoding><transactionCode>${code}</transactionCode></transactionCoding>
       <transactionAmounts><transactionShares><value>${shares}</value></transactionShares>
       <transactionPricePerShare><value>x</value></transactionPricePerShare></transactionAmounts>
       </nonDerivativeTransaction>`;
    const f = parseXml(
      doc({
        tables: `<nonDerivativeTable>${row("S", 1)}<derivativeTransaction/>${row("S", 2)}
          <nonDerivativeHolding><securityTitle><value>Common Stock</value></securityTitle></nonDerivativeHolding>
          </nonDerivativeTable><nonDerivativeTable>${row("P", 3)}</nonDerivativeTable>`,
      }),
    );
    expect(f.rows.map((r) => [r.kind, r.index, r.shares.value])).toEqual([
      ["transaction", 0, 1],
      ["transaction", 1, 2],
      ["holding", 0, null],
      ["transaction", 0, 3],
    ]);
    expect(f.rows.map((r) => r.problems[0])).toEqual([
      'Table I row 1: price "x" is not a number',
      'Table I row 2: price "x" is not a number',
      undefined,
      'Table I row 1: price "x" is not a number',
    ]);
    expect(f.problems).toContain(
      "a <derivativeTransaction> inside <nonDerivativeTable> was not read (wrong table)",
    );
  });

  it("rejects an empty element its parent's end tag closes, and says on which line", () => {
    // `<value></securityTitle>`: the value's end tag is missing, not the value itself.
    const full = readForm4Fixture("msft-hogan-2024-03-11.xml");
    const at = full.indexOf("<securityTitle>");
    const open = full.indexOf("<value>", at);
    const close = full.indexOf("</securityTitle>", at);
    const damaged = `${full.slice(0, open)}<value>${full.slice(close)}`;
    const error = thrown(() => parseXml(damaged));
    const line = full.slice(0, open).split("\n").length;
    expect(error.message).toBe(
      `the XML is damaged: <value> on line ${line} has no matching </value>`,
    );
    expect(error.where).toBe(`line ${line}`);
  });

  it("reads entities, CDATA and comments inside values as the text they stand for", () => {
    const f = parseXml(
      doc().replace("Example Corp", "A &amp; B<!-- note --> &#67;orp <![CDATA[& Sons]]>"),
    );
    expect(f.issuer.name).toBe("A & B Corp & Sons");
  });

  it("rejects another root element, text around the root, and non-XML", () => {
    expect(thrown(() => parseXml("<edgarSubmission></edgarSubmission>")).message).toBe(
      "expected an <ownershipDocument> root element, found <edgarSubmission>",
    );
    expect(thrown(() => parseXml(`junk ${doc()}`)).message).toMatch(/^unexpected text before/);
    expect(thrown(() => parseXml("")).message).toBe(
      "expected an <ownershipDocument> root element, found none",
    );
    expect(thrown(() => parseXml(`${doc()}<ownershipDocument/>`)).message).toMatch(
      /^unexpected <ownershipDocument> after/,
    );
  });

  it("accepts a byte-order mark, leading white space and comments around the root", () => {
    const f = parseXml(`\ufeff  \n<!-- saved from EDGAR -->${doc()}<!-- end -->\n`);
    expect(f.issuer.name).toBe("Example Corp");
  });
});
