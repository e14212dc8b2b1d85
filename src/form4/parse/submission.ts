// Reader for EDGAR's full submission: the SGML `.txt` (<SEC-DOCUMENT>/<SEC-HEADER>, with or without
// the -----BEGIN PRIVACY-ENHANCED MESSAGE----- wrapper, possibly re-indented) and the dissemination
// feed's `.nc` (<SUBMISSION><ACCESSION-NUMBER>…). Finds the Form 4 document, reads its XML with
// parseXml, and adds what only the header knows: accession number and filing date.
// Plain string scanning (indexOf, line-anchored regexes without nested quantifiers): linear time
// on any input.

import { Form4ParseError } from "../errors.js";
import { type Filing, type FormType, isFormType } from "../model.js";
import { normalizeAccession, parseDate } from "./values.js";
import { parseXml } from "./xml.js";

/** Read a full submission whose Form 4 / 4/A document carries EDGAR's XML. */
export function parseSubmission(text: string): Filing {
  const firstDocument = text.indexOf("<DOCUMENT>");
  const header = readHeader(firstDocument === -1 ? text : text.slice(0, firstDocument));

  if (header.type !== null && formType(header.type) === null) {
    throw submissionError(`this submission is a ${header.type}, not a Form 4`, "submission type");
  }
  if (firstDocument === -1) {
    throw submissionError("the submission has no <DOCUMENT> (truncated?)", "documents");
  }

  const xml = extractForm4Xml(text, firstDocument);
  let filing: Filing;
  try {
    filing = parseXml(unwrapEdgarLines(xml));
  } catch (error) {
    if (error instanceof Form4ParseError) {
      throw submissionError(`in the Form 4 document: ${error.message}`, error.where);
    }
    throw error;
  }
  filing.source = "submission";
  filing.accessionNumber = header.accessionNumber;
  filing.filedDate = header.filedDate;
  return filing;
}

function submissionError(message: string, where: string | null): Form4ParseError {
  return new Form4ParseError(message, { form: "submission", where });
}

interface Header {
  /** CONFORMED SUBMISSION TYPE (.txt) or the first <TYPE> (.nc), as written. */
  type: string | null;
  accessionNumber: string | null;
  filedDate: string | null;
}

function readHeader(head: string): Header {
  const type =
    headerLine(head, /^[ \t]*CONFORMED SUBMISSION TYPE:([^\r\n]*)/m) ??
    headerLine(head, /<TYPE>([^\r\n<]*)/);
  const accession =
    headerLine(head, /^[ \t]*ACCESSION NUMBER:([^\r\n]*)/m) ??
    headerLine(head, /<ACCESSION-NUMBER>([^\r\n<]*)/) ??
    headerLine(head, /<SEC-DOCUMENT>([\d-]+)/);
  const filed =
    headerLine(head, /^[ \t]*FILED AS OF DATE:([^\r\n]*)/m) ??
    headerLine(head, /<FILING-DATE>([^\r\n<]*)/);
  return {
    type,
    accessionNumber: accession === null ? null : normalizeAccession(accession),
    filedDate: parseDate(filed),
  };
}

function headerLine(head: string, pattern: RegExp): string | null {
  const value = pattern.exec(head)?.[1]?.trim();
  return value ? value : null;
}

/** "4" / "4/A" for a Form 4 type as EDGAR writes it, else null. */
function formType(raw: string): FormType | null {
  const compact = raw.replace(/\s+/g, "").toUpperCase();
  return isFormType(compact) ? compact : null;
}

/** The text between <XML> and </XML> of the first <DOCUMENT> whose <TYPE> is 4 or 4/A. */
function extractForm4Xml(text: string, firstDocument: number): string {
  const otherTypes: string[] = [];
  for (let start = firstDocument; start !== -1; ) {
    const next = text.indexOf("<DOCUMENT>", start + 1);
    const closing = text.indexOf("</DOCUMENT>", start);
    const end = closing !== -1 && (next === -1 || closing < next) ? closing : next;
    const document = text.slice(start, end === -1 ? text.length : end);
    const type = headerLine(document, /<TYPE>([^\r\n<]*)/);
    if (type !== null && formType(type) !== null) return xmlPart(document);
    otherTypes.push(type ?? "(no type)");
    start = next;
  }
  throw submissionError(
    `the submission has no Form 4 document (found ${otherTypes.join(", ")})`,
    "documents",
  );
}

function xmlPart(document: string): string {
  const open = document.indexOf("<XML>");
  if (open === -1) {
    throw submissionError(
      "the Form 4 document has no <XML> part (a paper-era text filing cannot be read)",
      "Form 4 document",
    );
  }
  const close = document.indexOf("</XML>", open);
  if (close === -1) {
    throw submissionError("the submission ends before </XML> (truncated?)", "Form 4 document");
  }
  return document.slice(open + "<XML>".length, close);
}

/**
 * EDGAR's `.txt` assembly breaks any line longer than 1023 characters by inserting a line end
 * after character 1023, even inside a tag (0001225259-06-000003 has `</fo` + newline + `otnote>`).
 * A line of exactly 1023 characters is that signature: join it with the next line. Real XML lines
 * of exactly that length that end for a reason would lose only a white-space character.
 */
export function unwrapEdgarLines(text: string): string {
  if (text.length < EDGAR_LINE_LIMIT) return text;
  const parts: string[] = [];
  let lineStart = 0;
  let copiedTo = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    const breakLength = c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
    if (i - lineStart === EDGAR_LINE_LIMIT) {
      parts.push(text.slice(copiedTo, i));
      copiedTo = i + breakLength;
    }
    i += breakLength - 1;
    lineStart = i + 1;
  }
  if (parts.length === 0) return text;
  parts.push(text.slice(copiedTo));
  return parts.join("");
}

const EDGAR_LINE_LIMIT = 1023;
