import { describe, expect, it } from "vitest";
import { Form4ParseError } from "../../../src/form4/errors.js";
import type { Filing, Row } from "../../../src/form4/model.js";
import { parseSubmission, unwrapEdgarLines } from "../../../src/form4/parse/submission.js";
import { parseXml } from "../../../src/form4/parse/xml.js";
import { form4FixtureNames, readForm4Fixture } from "../../fixtures.js";

/** Full submissions by content: .txt and .nc, and the .xml-named files that hold one. */
const submissionFixtures = form4FixtureNames().filter((name) =>
  /^\s*(?:-----BEGIN PRIVACY-ENHANCED MESSAGE-----|<SEC-DOCUMENT>|<SUBMISSION>)/.test(
    readForm4Fixture(name),
  ),
);

function fixture(name: string): Filing {
  return parseSubmission(readForm4Fixture(name));
}

function only<T>(items: T[]): T {
  expect(items).toHaveLength(1);
  const [item] = items;
  if (item === undefined) throw new Error("unreachable");
  return item;
}

function rowsOf(filing: Filing, table: Row["table"], kind: Row["kind"]): Row[] {
  return filing.rows.filter((r) => r.table === table && r.kind === kind);
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

const MINIMAL_XML = `<?xml version="1.0"?>
<ownershipDocument>
<schemaVersion>X0306</schemaVersion><documentType>4/A</documentType>
<periodOfReport>2014-01-02</periodOfReport><dateOfOriginalSubmission>2014-01-04</dateOfOriginalSubmission>
<issuer><issuerCik>0000001234</issuerCik><issuerName>Example Corp</issuerName><issuerTradingSymbol>EXM</issuerTradingSymbol></issuer>
<reportingOwner><reportingOwnerId><rptOwnerName>Doe Jane</rptOwnerName></reportingOwnerId></reportingOwner>
FOOTNOTES
</ownershipDocument>`;

/** A small SGML submission around `documents` (each [type, body]). */
function submission(type: string, documents: [string, string][]): string {
  const docs = documents
    .map(
      ([t, body]) =>
        `<DOCUMENT>\n<TYPE>${t}\n<SEQUENCE>1\n<FILENAME>doc.xml\n<TEXT>\n${body}\n</TEXT>\n</DOCUMENT>`,
    )
    .join("\n");
  return `<SEC-DOCUMENT>0000001234-14-000001.txt : 20140105
<SEC-HEADER>0000001234-14-000001.hdr.sgml : 20140105
ACCESSION NUMBER:\t\t0000001234-14-000001
CONFORMED SUBMISSION TYPE:\t${type}
PUBLIC DOCUMENT COUNT:\t\t${documents.length}
FILED AS OF DATE:\t\t20140105
</SEC-HEADER>
${docs}
</SEC-DOCUMENT>
`;
}

function xmlDocument(footnotes = ""): string {
  return `<XML>\n${MINIMAL_XML.replace("FOOTNOTES", footnotes)}\n</XML>`;
}

describe("parseSubmission on every full-submission fixture", () => {
  it("finds the .txt, .nc and submission-holding .xml fixtures", () => {
    expect(submissionFixtures.length).toBeGreaterThanOrEqual(30);
    expect(submissionFixtures).toContain("0001562180-25-000280.nc");
    expect(submissionFixtures).toContain("jblu-clements-2025-03-10.xml");
  });

  it.each(submissionFixtures)("%s reads with accession number and filing date", (name) => {
    const filing = fixture(name);
    expect(filing.source).toBe("submission");
    expect(filing.accessionNumber).toMatch(/^\d{10}-\d{2}-\d{6}$/);
    if (/^\d{10}-\d{2}-\d{6}\./.test(name)) expect(filing.accessionNumber).toBe(name.slice(0, 20));
    expect(filing.filedDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(filing.issuer.name).not.toBe("");
    expect(filing.owners.length).toBeGreaterThan(0);
    expect(filing.problems).toEqual([]);
    for (const row of filing.rows) expect(row.problems).toEqual([]);
  });

  it("reads the oldest schema (X0202) too", () => {
    const versions = new Set(submissionFixtures.map((name) => fixture(name).schemaVersion));
    expect(versions.has("X0202")).toBe(true);
  });
});

describe("the header and the wrappers", () => {
  it("reads a PEM-wrapped .txt", () => {
    const f = fixture("0001179110-07-016964.txt");
    expect(f.accessionNumber).toBe("0001179110-07-016964");
    expect(f.filedDate).toBe("2007-08-17");
    expect(f.schemaVersion).toBe("X0202");
    expect(f.issuer).toEqual({ cik: "0000820237", name: "GEN PROBE INC", ticker: "GPRO" });
    expect(f.owners[0]).toMatchObject({
      name: "HULL CARL",
      roles: ["officer"],
      title: "EVP and COO",
    });
    const option = only(rowsOf(f, "derivative", "transaction"));
    expect(option.security.value).toBe("Employee Stock Option (Right to Buy)");
    expect(option.exercisePrice.value).toBe(60.82);
    expect(option.shares.value).toBe(35000);
    expect(option.expirationDate.value).toBe("2014-08-15");
  });

  it("reads the dissemination .nc form (CR line ends, all tags on one line)", () => {
    const f = fixture("0001562180-25-000280.nc");
    expect(f.accessionNumber).toBe("0001562180-25-000280");
    expect(f.filedDate).toBe("2025-01-08");
    expect(f.issuer).toEqual({ cik: "0001860782", name: "2seventy bio, Inc.", ticker: "TSVT" });
    expect(f.owners).toEqual([
      {
        cik: "0002009134",
        name: "Snow Jessica",
        roles: ["officer"],
        title: "See Remarks",
        otherText: null,
      },
    ]);
    expect(f.notSubjectToSection16).toBe(false);
    expect(f.aff10b5One).toBe(false);
    expect(f.remarks).toBe("Title: Senior Vice President of Quality and Enabling Functions");
    expect(f.footnotes.map((n) => n.id)).toEqual(["F1", "F2"]);
    const option = only(rowsOf(f, "derivative", "transaction"));
    expect(option.underlyingShares.value).toBe(70750);
  });

  it("reads a re-indented copy (header lines and XML shifted right)", () => {
    const f = fixture("0001790565-23-000009.txt");
    expect(f.accessionNumber).toBe("0001790565-23-000009");
    expect(f.filedDate).toBe("2023-07-31");
    expect(f.issuer.ticker).toBe("TSLA");
    expect(f.aff10b5One).toBe(true);
    expect(f.owners[0]?.name).toBe("Baglino Andrew D");
  });

  it("ignores other documents such as the EX-24 power of attorney", () => {
    const f = fixture("0001127602-25-001055.txt");
    expect(f.issuer.ticker).toBe("AIR");
    expect(f.owners[0]?.name).toBe("Garascia Jessica A.");
    expect(f.rows.length).toBe(1);
  });

  it("reads a 4/A submission", () => {
    const f = parseSubmission(submission("4/A", [["4/A", xmlDocument()]]));
    expect(f.formType).toBe("4/A");
    expect(f.dateOfOriginalSubmission).toBe("2014-01-04");
    expect(f.accessionNumber).toBe("0000001234-14-000001");
    expect(f.filedDate).toBe("2014-01-05");
  });
});

describe("Form 4 details read through a submission", () => {
  it("reads five reporting owners and five signatures", () => {
    const f = fixture("0000921895-26-002677.txt");
    expect(f.owners.map((o) => o.name)).toEqual([
      "Pale Fire Capital SE",
      "Pale Fire Capital SICAV a.s.",
      "Pale Fire Capital investicni spolecnost a.s.",
      "Senkypl Dusan",
      "Barta Jan",
    ]);
    expect(f.signatures).toHaveLength(5);
    expect(f.signatures[4]?.name).toBe("By: /s/ Jan Barta");
    const rows = rowsOf(f, "nonDerivative", "transaction");
    expect(
      rows.map((r) => [r.date.value, r.shares.value, r.price.value, r.sharesOwnedAfter.value]),
    ).toEqual([
      ["2026-09-25", 1332742, 5.0639, 27806415],
      ["2026-09-29", 1000000, 4.6062, 28806415],
    ]);
    expect(rows[0]?.nature.value).toBe("By Pale Fire Capital SICAV a.s.");
  });

  it("reads prices given only as a footnote as unknown, with the footnote (JBLU RSUs)", () => {
    const row = only(fixture("jblu-clements-2025-03-10.xml").rows);
    expect(row).toMatchObject({ table: "derivative", kind: "transaction", index: 0 });
    expect(row.price).toEqual({ value: null, footnoteIds: ["F1"] });
    expect(row.exercisePrice).toEqual({ value: null, footnoteIds: ["F1"] });
    expect(row.exerciseDate).toEqual({ value: null, footnoteIds: ["F2"] });
    expect(row.expirationDate).toEqual({ value: null, footnoteIds: ["F2"] });
    expect(row.shares).toEqual({ value: 110474, footnoteIds: [] });
    expect(row.underlyingShares.value).toBe(110474);
    expect(row.sharesOwnedAfter.value).toBe(294910);
    expect(row.code).toEqual({ value: "A", footnoteIds: [] });
  });

  it("reads fractional shares and a footnote-only price next to a stated $0 (HPQ)", () => {
    const f = fixture("0001179706-14-000057.txt");
    const holding = only(rowsOf(f, "nonDerivative", "holding"));
    expect(holding.sharesOwnedAfter).toEqual({ value: 14472, footnoteIds: ["F1"] });
    const deferred = only(rowsOf(f, "nonDerivative", "transaction"));
    expect(deferred.shares.value).toBe(14273.9165);
    expect(deferred.price).toEqual({ value: 0, footnoteIds: ["F2"] });
    expect(deferred.sharesOwnedAfter.value).toBe(26032.6435);
    expect(deferred.nature).toEqual({ value: "By Merrill Lynch", footnoteIds: ["F2"] });
    const rsu = only(rowsOf(f, "derivative", "transaction"));
    expect(rsu.price).toEqual({ value: null, footnoteIds: ["F4"] });
    expect(rsu.shares).toEqual({ value: 14225.8819, footnoteIds: ["F4"] });
  });

  it("reads a holding of indirect shares with its trust (WDAY)", () => {
    const f = fixture("wday-eschenbach-2025-03-05.xml");
    const tx = only(rowsOf(f, "nonDerivative", "transaction"));
    expect(tx.shares).toEqual({ value: 11084, footnoteIds: ["F1"] });
    expect(tx.price.value).toBe(253.63);
    const holding = only(rowsOf(f, "nonDerivative", "holding"));
    expect(holding.sharesOwnedAfter.value).toBe(13972);
    expect(holding.nature).toEqual({
      value: "Eschenbach Family Trust dtd 4/15/2014, Carl Eschenbach Jr and Ana Eschenbach TTEE",
      footnoteIds: ["F3"],
    });
  });

  it.each(["0000921895-25-001190", "0001610717-23-000035", "0000704051-14-000037"])(
    "%s: the .txt and the .xml give the same model apart from source, accession and filing date",
    (accession) => {
      const fromTxt = parseSubmission(readForm4Fixture(`${accession}.txt`));
      const fromXml = parseXml(readForm4Fixture(`${accession}.xml`));
      expect(fromTxt.accessionNumber).toBe(accession);
      expect(fromXml.accessionNumber).toBeNull();
      expect({ ...fromTxt, source: "xml", accessionNumber: null, filedDate: null }).toEqual(
        fromXml,
      );
    },
  );
});

describe("EDGAR's 1023-character line wrap", () => {
  it("reads the footnote whose </footnote> EDGAR split across two lines", () => {
    const raw = readForm4Fixture("0001225259-06-000003.txt");
    expect(raw).toContain("</fo\notnote>"); // the damage is really there
    const f = fixture("0001225259-06-000003.txt");
    const note = only(f.footnotes);
    expect(note.id).toBe("F1");
    expect(note.text).toMatch(/^Each phantom share represents the value of a share/);
    expect(note.text).toMatch(/upon the termination of Mr\. Robson's employment\.$/);
    expect(note.text).not.toMatch(/[\n<>]/);
    expect(f.rows.map((r) => [r.table, r.code.value, r.shares.value])).toEqual([
      ["nonDerivative", "M", 809.7166],
      ["nonDerivative", "D", 809.7166],
      ["derivative", "M", 809.7166],
    ]);
    expect(f.rows[2]?.sharesOwnedAfter.value).toBe(809.7165);
  });

  it("joins any line of exactly 1023 characters with the next, however often", () => {
    const text = "x".repeat(3000);
    const wrapped = `${text.slice(0, 1023)}\n${text.slice(1023, 2046)}\r\n${text.slice(2046)}\nend`;
    expect(unwrapEdgarLines(wrapped)).toBe(`${text}\nend`);
  });

  it("leaves other line lengths alone", () => {
    const lines = [`${"a".repeat(1022)}`, `${"b".repeat(1024)}`, "c"].join("\n");
    expect(unwrapEdgarLines(lines)).toBe(lines);
  });

  it("reads a long footnote wrapped in the middle of a word and of a tag", () => {
    const words = "the reporting person disclaims beneficial ownership except to the extent of";
    const long = Array.from({ length: 40 }, () => words).join(" ");
    const line = `<footnotes><footnote id="F1">${long}</footnote></footnotes>`;
    const cuts: string[] = [];
    for (let i = 0; i < line.length; i += 1023) cuts.push(line.slice(i, i + 1023));
    expect(cuts.length).toBeGreaterThan(2);
    const f = parseSubmission(submission("4", [["4", xmlDocument(cuts.join("\n"))]]));
    expect(f.footnotes).toEqual([{ id: "F1", text: long }]);
  });
});

describe("submissions that are not a readable Form 4", () => {
  it("names the form of another submission type", () => {
    const eightK = submission("8-K", [["8-K", "<html><body>Current report</body></html>"]]);
    const error = thrown(() => parseSubmission(eightK));
    expect(error.message).toBe("this submission is a 8-K, not a Form 4");
    expect(error.form).toBe("submission");
    const nc =
      "<SUBMISSION>\r<ACCESSION-NUMBER>0000001234-25-000001\r<TYPE>10-Q\r<FILING-DATE>20250101\r<DOCUMENT>\r<TYPE>10-Q\r</DOCUMENT>\r</SUBMISSION>\r";
    expect(thrown(() => parseSubmission(nc)).message).toBe(
      "this submission is a 10-Q, not a Form 4",
    );
  });

  it("says when no document is a Form 4", () => {
    const text = submission("4", [["EX-24", "power of attorney"]]).replace(
      /CONFORMED SUBMISSION TYPE:[^\n]*\n/,
      "",
    );
    expect(thrown(() => parseSubmission(text)).message).toBe(
      "the submission has no Form 4 document (found EX-24)",
    );
  });

  it("says when the submission is cut before </XML>", () => {
    const full = readForm4Fixture("0001137693-14-000001.txt");
    const cut = full.slice(0, full.indexOf("</XML>"));
    expect(thrown(() => parseSubmission(cut)).message).toBe(
      "the submission ends before </XML> (truncated?)",
    );
    expect(thrown(() => parseSubmission(full.slice(0, full.indexOf("<DOCUMENT>")))).message).toBe(
      "the submission has no <DOCUMENT> (truncated?)",
    );
  });

  it("says when the Form 4 document carries no XML", () => {
    const text = submission("4", [["4", "FORM 4 typed as plain text"]]);
    expect(thrown(() => parseSubmission(text)).message).toMatch(
      /^the Form 4 document has no <XML> part/,
    );
  });

  it("passes on what the XML reader found, as a submission error", () => {
    const text = submission("4", [
      ["4", xmlDocument().replace("<documentType>4/A", "<documentType>5")],
    ]);
    const error = thrown(() => parseSubmission(text));
    expect(error.message).toBe(
      'in the Form 4 document: this is a Form 5, not a Form 4 (documentType is "5")',
    );
    expect(error.form).toBe("submission");
    expect(error.where).toBe("documentType");
  });
});
