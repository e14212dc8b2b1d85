// The one entry point of the Form 4 engine: decide from the CONTENT (never a file name or a
// Content-Type) which of EDGAR's forms the input is, and hand it to that reader.

import { decodeFilingBytes, stripBom } from "../decode.js";
import { Form4ParseError } from "../errors.js";
import { checkFootnotes, checkInputSize } from "../limits.js";
import type { Filing, InputForm } from "../model.js";
import { parseHtml } from "./html.js";
import { parseSubmission } from "./submission.js";
import { parseText } from "./text.js";
import { parseXml } from "./xml.js";

export { Form4ParseError } from "../errors.js";
export type {
  AcquiredDisposed,
  Fact,
  Filing,
  Footnote,
  FormType,
  InputForm,
  Issuer,
  OwnershipForm,
  ReportingOwner,
  Role,
  Row,
  Signature,
  Table,
} from "../model.js";
export { parseHtml, parseSubmission, parseText, parseXml };

export const NOT_A_FORM4 =
  "not a Form 4: expected EDGAR's XML, a full submission .txt, the rendered HTML page or text copied from it";

/** Read a Form 4 in any of the forms people get it in. Throws Form4ParseError otherwise. */
export function parseFiling(input: string | Uint8Array): Filing {
  // Bytes are checked before decoding (never fewer bytes than characters), text as it is.
  checkInputSize(input.length);
  const text = typeof input === "string" ? stripBom(input) : decodeFilingBytes(input);
  const filing = read(text);
  checkFootnotes(filing);
  return filing;
}

function read(text: string): Filing {
  switch (detectForm(text)) {
    case "submission":
      return parseSubmission(text);
    case "xml":
      return parseXml(text);
    case "html":
      return parseHtml(text);
    case "text":
      return parseText(text);
    default:
      throw new Form4ParseError(NOT_A_FORM4);
  }
}

/** How far in the markers of the structured forms must appear (they open the document). */
const HEAD = 4096;

/**
 * Which reader this content is for, or null when it is none of EDGAR's Form 4 forms.
 * A Form 3/5 in XML is still "xml": its reader says precisely what it is.
 */
export function detectForm(input: string): InputForm | null {
  const text = stripBom(input);
  const start = skipWhiteSpace(text, 0);
  const head = text.slice(start, start + HEAD);

  if (SUBMISSION_START.test(head)) return "submission";
  const root = firstElementName(text, start);
  if (root === "ownershipDocument") return "xml";
  if (root !== null && root.toLowerCase() === "html") {
    return FORM4_HTML.test(text) || STATEMENT.test(text) ? "html" : null;
  }
  if (STATEMENT.test(text) || TABLE_ONE.test(text)) return "text";
  return null;
}

const SUBMISSION_START =
  /^(?:-----BEGIN PRIVACY-ENHANCED MESSAGE-----|<SEC-DOCUMENT>|<SEC-HEADER>|<SUBMISSION>|<IMS-DOCUMENT>)/i;
const STATEMENT = /STATEMENT\s+OF\s+CHANGES\s+IN\s+BENEFICIAL\s+OWNERSHIP/i;
const TABLE_ONE = /Table\s+I\s*[-\u2013\u2014]+\s*Non-Derivative\s+Securities/i;
const FORM4_HTML = /<title>\s*SEC\s+FORM\s+4\b/i;

function skipWhiteSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/.test(text.charAt(i))) i++;
  return i;
}

/**
 * Name of the first element, skipping the XML declaration, processing instructions, comments
 * and a DOCTYPE. Null when the text does not start with markup.
 */
function firstElementName(text: string, from: number): string | null {
  let i = from;
  for (;;) {
    i = skipWhiteSpace(text, i);
    if (text.charCodeAt(i) !== 60 /* < */) return null;
    if (text.startsWith("<?", i)) {
      const end = text.indexOf("?>", i + 2);
      if (end === -1) return null;
      i = end + 2;
    } else if (text.startsWith("<!--", i)) {
      const end = text.indexOf("-->", i + 4);
      if (end === -1) return null;
      i = end + 3;
    } else if (text.startsWith("<!", i)) {
      const end = text.indexOf(">", i + 2);
      if (end === -1) return null;
      i = end + 1;
    } else {
      const name = /^<([A-Za-z_][\w.:-]*)/.exec(text.slice(i, i + 200))?.[1];
      return name ?? null;
    }
  }
}
