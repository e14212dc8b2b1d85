// One decoding of a filing's bytes: the same bytes read alike from a file (the CLI) and from an
// EDGAR response (the client, then the engine), with a BOM, with UTF-8, and with old ISO-8859-1
// text whose bytes 0x80–0x9F are not windows-1252's curly quotes.
import Keyv from "keyv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli.js";
import { filingDocumentPath } from "../../src/edgar/links.js";
import { createEdgarStack } from "../../src/edgar/stack.js";
import { decodeFilingBytes } from "../../src/form4/decode.js";
import { readForm4Fixture } from "../fixtures.js";
import { type EdgarStandIn, startEdgarStandIn } from "../stand-ins/edgar.js";

const FIXTURE = "0000320121-23-000040.xml";
const CIK = "0000320121";

/** The fixture with its issuer's name and remarks replaced by `name` and `remarks`, as bytes. */
function filingBytes(encode: (s: string) => Uint8Array, name: string, remarks: string) {
  const xml = readForm4Fixture(FIXTURE)
    .replace("<issuerName>TELOS CORP</issuerName>", `<issuerName>${name}</issuerName>`)
    .replace("<remarks></remarks>", `<remarks>${remarks}</remarks>`);
  return encode(xml);
}

const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const utf8WithBom = (s: string) =>
  new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(s)]);

const CASES = [
  {
    what: "ISO-8859-1 with bytes 0x80–0x9F",
    bytes: filingBytes(
      latin1,
      "Soci\u00e9t\u00e9 \u0093TELOS\u0094 \u0080",
      "Sold \u0085 via trust",
    ),
    name: "Soci\u00e9t\u00e9 \u0093TELOS\u0094 \u0080",
    remarks: "Sold \u0085 via trust",
  },
  {
    what: "UTF-8 with a BOM",
    bytes: filingBytes(
      utf8WithBom,
      "Soci\u00e9t\u00e9 \u201cTELOS\u201d \u20ac",
      "Sold \u2026 via trust",
    ),
    name: "Soci\u00e9t\u00e9 \u201cTELOS\u201d \u20ac",
    remarks: "Sold \u2026 via trust",
  },
];

describe("decodeFilingBytes", () => {
  it("UTF-8 without its BOM; otherwise each byte its own code point", () => {
    expect(decodeFilingBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x41, 0xc3, 0xa9]))).toBe("A\u00e9");
    expect(decodeFilingBytes(new Uint8Array([0x41, 0x80, 0x93, 0x9f, 0xe9]))).toBe(
      "A\u0080\u0093\u009f\u00e9",
    );
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect([...decodeFilingBytes(all)].map((c) => c.charCodeAt(0))).toEqual([...all]);
  });
});

describe("the same bytes from a file and from EDGAR", () => {
  let edgar: EdgarStandIn;
  beforeAll(async () => {
    edgar = await startEdgarStandIn();
  });
  afterAll(() => edgar.close());

  async function cliJson(argv: string[], file?: Uint8Array): Promise<Record<string, unknown>> {
    let stdout = "";
    let stderr = "";
    const { source } = createEdgarStack({ config: edgar.config, cache: new Keyv() });
    const code = await runCli([...argv, "--json"], {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
      env: {},
      source,
      readFile: async () => {
        if (!file) throw Object.assign(new Error("no such file"), { code: "ENOENT" });
        return file;
      },
    });
    expect(stderr).toBe("");
    expect(code).toBe(0);
    return JSON.parse(stdout) as Record<string, unknown>;
  }

  CASES.forEach(({ what, bytes, name, remarks }, i) => {
    it(`${what}: the EDGAR client's body, the CLI's file and the CLI's EDGAR link read alike`, async () => {
      const accession = `0000320121-26-00000${i + 1}`;
      const path = filingDocumentPath(CIK, accession, "form4.xml");
      edgar.addFile(path, bytes, "application/xml");

      const { client } = createEdgarStack({ config: edgar.config, cache: new Keyv() });
      const body = (await client.get(client.wwwUrl(path), 0)).body;
      expect(body).toBe(decodeFilingBytes(bytes));
      expect(body.charCodeAt(0)).not.toBe(0xfeff);

      const fromFile = await cliJson(["summarize", "filing.xml"], bytes);
      const fromEdgar = await cliJson(["summarize", `${edgar.url}${path}`]);
      expect((fromFile.issuer as { name: string }).name).toBe(name);
      expect(fromFile.remarks).toBe(remarks);
      // What EDGAR's folder adds (where the filing is, and its accession number) aside, the same.
      const { accessionNumber, url, ...fileRest } = fromFile;
      const { accessionNumber: a2, url: u2, ...edgarRest } = fromEdgar;
      expect(a2).toBe(accession);
      expect(edgarRest).toEqual(fileRest);
    });
  });
});
