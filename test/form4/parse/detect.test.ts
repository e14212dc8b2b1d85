import { describe, expect, it } from "vitest";
import { decodeFilingBytes } from "../../../src/form4/decode.js";
import { Form4ParseError } from "../../../src/form4/errors.js";
import { detectForm, NOT_A_FORM4, parseFiling } from "../../../src/form4/parse/index.js";
import { form4FixtureNames, readForm4Fixture, readSeed } from "../../fixtures.js";

function thrown(run: () => unknown): Form4ParseError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(Form4ParseError);
    return error as Form4ParseError;
  }
  throw new Error("expected a Form4ParseError, nothing was thrown");
}

const OWNERSHIP = (documentType: string) => `<ownershipDocument>
<schemaVersion>X0306</schemaVersion><documentType>${documentType}</documentType>
<periodOfReport>2020-01-02</periodOfReport>
<issuer><issuerCik>0000001234</issuerCik><issuerName>Example Corp</issuerName><issuerTradingSymbol>EXM</issuerTradingSymbol></issuer>
<reportingOwner><reportingOwnerId><rptOwnerName>Doe Jane</rptOwnerName></reportingOwnerId></reportingOwner>
</ownershipDocument>`;

const EIGHT_K = `<SEC-DOCUMENT>0000001234-20-000001.txt : 20200102
<SEC-HEADER>0000001234-20-000001.hdr.sgml : 20200102
ACCESSION NUMBER:\t\t0000001234-20-000001
CONFORMED SUBMISSION TYPE:\t8-K
FILED AS OF DATE:\t\t20200102
</SEC-HEADER>
<DOCUMENT>
<TYPE>8-K
<TEXT>
<html><body>Item 5.02 Departure of Directors</body></html>
</TEXT>
</DOCUMENT>
</SEC-DOCUMENT>
`;

/** The form each fixture really is, judged from its first bytes (names can mislead: see jblu). */
function expectedForm(name: string): string {
  const head = readForm4Fixture(name).trimStart();
  if (/^(?:-----BEGIN PRIVACY|<SEC-DOCUMENT>|<SUBMISSION>)/.test(head)) return "submission";
  if (/^(?:<\?xml[^>]*\?>\s*)?<ownershipDocument>/.test(head)) return "xml";
  if (/^<!DOCTYPE html/i.test(head)) return "html";
  return "unknown";
}

describe("detectForm on the fixtures", () => {
  it.each(form4FixtureNames())("%s", (name) => {
    const form = expectedForm(name);
    expect(form).not.toBe("unknown");
    expect(detectForm(readForm4Fixture(name))).toBe(form);
  });

  it("decides by content, not by name: .xml files that hold a submission", () => {
    expect(detectForm(readForm4Fixture("jblu-clements-2025-03-10.xml"))).toBe("submission");
    expect(detectForm(readForm4Fixture("zip-travers-2025-03-15.xml"))).toBe("submission");
  });

  it("reads text copied from the rendered page (the seed filing) as text", () => {
    expect(detectForm(readSeed())).toBe("text");
  });
});

describe("detectForm on small samples", () => {
  it.each([
    ["a bare ownershipDocument", OWNERSHIP("4"), "xml"],
    ["with XML declaration and BOM", `\ufeff<?xml version="1.0"?>\n${OWNERSHIP("4")}`, "xml"],
    ["after white space and a comment", `\n\n  <!-- copy -->\n${OWNERSHIP("4")}`, "xml"],
    ["a Form 3 XML (its reader says what it is)", OWNERSHIP("3"), "xml"],
    [
      "a PEM-wrapped submission",
      `-----BEGIN PRIVACY-ENHANCED MESSAGE-----\n${EIGHT_K}`,
      "submission",
    ],
    ["an 8-K submission (its reader says what it is)", EIGHT_K, "submission"],
    ["a .nc submission", "<SUBMISSION>\r<ACCESSION-NUMBER>0000001234-25-000001\r", "submission"],
    [
      "EDGAR's HTML rendering",
      "<html><head><title>SEC FORM 4</title></head><body>STATEMENT OF CHANGES IN BENEFICIAL OWNERSHIP</body></html>",
      "html",
    ],
    [
      "an HTML page with the Form 4 title only",
      "<!DOCTYPE html>\n<html><head><title>SEC FORM\n 4</title></head><body></body></html>",
      "html",
    ],
    [
      "pasted text with the title",
      "FORM 4\nSTATEMENT OF CHANGES IN BENEFICIAL OWNERSHIP\n1. Name and Address",
      "text",
    ],
    [
      "pasted text with Table I only",
      "Table I - Non-Derivative Securities Acquired, Disposed of, or Beneficially Owned\nCommon Stock",
      "text",
    ],
  ])("%s → %s", (_label, input, form) => {
    expect(detectForm(input)).toBe(form);
  });

  it.each([
    ["empty input", ""],
    ["white space", "  \n\t "],
    [
      "another XML document",
      '<?xml version="1.0"?><edgarSubmission><form>144</form></edgarSubmission>',
    ],
    ["an unrelated HTML page", "<html><body>Quarterly results</body></html>"],
    ["plain prose", "Insiders bought shares last week."],
    ["JSON", '{"form":"4"}'],
    ["an unterminated declaration", "<?xml version="],
  ])("%s → null", (_label, input) => {
    expect(detectForm(input)).toBeNull();
  });
});

describe("parseFiling", () => {
  it("reads XML and submissions by content", () => {
    expect(parseFiling(readForm4Fixture("msft-hogan-2024-03-11.xml")).source).toBe("xml");
    const jblu = parseFiling(readForm4Fixture("jblu-clements-2025-03-10.xml"));
    expect(jblu.source).toBe("submission");
    expect(jblu.accessionNumber).toBe("0001158463-25-000044");
  });

  it("hands EDGAR's HTML rendering and copied text to their readers", () => {
    expect(parseFiling(readForm4Fixture("scwo-melkote-2025-04-30.html")).source).toBe("html");
    expect(parseFiling(readSeed()).source).toBe("text");
  });

  it("rejects a Form 3 XML and an 8-K submission, saying what they are", () => {
    expect(thrown(() => parseFiling(OWNERSHIP("3"))).message).toBe(
      'this is a Form 3, not a Form 4 (documentType is "3")',
    );
    expect(thrown(() => parseFiling(EIGHT_K)).message).toBe(
      "this submission is a 8-K, not a Form 4",
    );
  });

  it("rejects anything else with one plain message", () => {
    const error = thrown(() => parseFiling("hello"));
    expect(error.message).toBe(NOT_A_FORM4);
    expect(error.message).toBe(
      "not a Form 4: expected EDGAR's XML, a full submission .txt, the rendered HTML page or text copied from it",
    );
    expect(error.form).toBeNull();
  });

  it("reads bytes as UTF-8 (with or without BOM)", () => {
    const xml = OWNERSHIP("4").replace("Example Corp", "Société Générale");
    const utf8 = new TextEncoder().encode(xml);
    expect(parseFiling(utf8).issuer.name).toBe("Société Générale");
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]);
    expect(parseFiling(withBom).issuer.name).toBe("Société Générale");
  });

  it("falls back to Latin-1 for bytes that are not UTF-8", () => {
    const xml = OWNERSHIP("4").replace("Example Corp", "Soci\u00e9t\u00e9 G\u00e9n\u00e9rale");
    const latin1 = Uint8Array.from(xml, (c) => c.charCodeAt(0));
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(latin1)).toThrow();
    expect(parseFiling(latin1).issuer.name).toBe("Société Générale");
    // Byte 0x93 is a C1 control in Latin-1 (not windows-1252's curly quote).
    expect(decodeFilingBytes(new Uint8Array([0x41, 0x93, 0xe9]))).toBe("A\u0093\u00e9");
  });

  it("reads a fixture given as bytes exactly as given as text", () => {
    const text = readForm4Fixture("0001562180-25-000280.nc");
    expect(parseFiling(new TextEncoder().encode(text))).toEqual(parseFiling(text));
  });
});
