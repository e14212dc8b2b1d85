// Reads plain text copied from EDGAR's rendered Form 4 page: a browser copy (cells separated by
// tabs, or by runs of spaces) or a markdown-ish copy (\* \_ \$ escapes, <sup>(1)</sup> markers,
// checkboxes drawn as "\_\_\_"). Pure.

import { Form4ParseError } from "../errors.js";
import type { Filing, FormType, ReportingOwner, Role, Row, Signature, Table } from "../model.js";
import { cellFromText, footnoteFromLine, tickerOrNull } from "./rendered-cells.js";
import { numberRows, readRenderedRow, unknownFootnoteProblems } from "./rendered-rows.js";
import { cleanText, firstBracket, parseDate } from "./values.js";

const FORM = "text" as const;

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  "#39": "'",
};

/** The numbered boxes of the form's header. */
const LABEL = {
  name: /^1\.\s*Name and Address of Reporting Person\s*\**/i,
  issuer: /^2\.\s*Issuer Name and Ticker or Trading Symbol/i,
  earliest: /^3\.\s*Date of Earliest Transaction\s*(?:\(Month\/Day\/Year\))?/i,
  amendment: /^4\.\s*If Amendment,?\s*Date (?:of\s*)?Original Filed\s*(?:\(Month\/Day\/Year\))?/i,
};

const TABLE_HEADING: Record<Table, RegExp> = {
  nonDerivative: /^Table I\b.*Non-?Derivative/i,
  derivative: /^Table II\b.*Derivative/i,
};

/** Lines after which the tables (and footnotes) are over. */
const END_OF_TABLES =
  /^(?:Explanation of Responses|Remarks\b|Reminder:|Note: File three copies|Persons who respond|\**\s*Signature of Reporting Person|\**\s*If the form is filed by more than one|\**\s*Intentional misstatements)/i;

/** Sub-headings of the table columns, as the rendering prints them. */
const SUBHEADINGS = new Set([
  "code",
  "v",
  "amount",
  "(a) or (d)",
  "price",
  "(a)",
  "(d)",
  "date exercisable",
  "expiration date",
  "title",
  "amount or number of shares",
]);

const BOX =
  /Director|10% Owner|Officer \(give title below\)|Other \(specify below\)|Form filed by One Reporting Person|Form filed by More than One Reporting Person/gi;

interface Segment {
  line: number;
  text: string;
}

/** Plain text copied from EDGAR's rendering of a Form 4 → Filing. Throws Form4ParseError. */
export function parseText(text: string): Filing {
  const lines = normalizeLines(text);
  const segments = lines.flatMap((line, i) =>
    splitCells(line)
      .map((c) => cleanText(c))
      .filter((c) => c !== "")
      .map((c) => ({ line: i, text: c })),
  );
  const problems: string[] = [];

  const headingAt = (table: Table) => lines.findIndex((l) => TABLE_HEADING[table].test(l.trim()));
  const tableI = headingAt("nonDerivative");
  const tableII = headingAt("derivative");
  if (tableI < 0 && tableII < 0) {
    throw new Form4ParseError(
      'no Table I or Table II found (expected a line "Table I - Non-Derivative Securities Acquired, Disposed of, or Beneficially Owned")',
      { form: FORM },
    );
  }
  const firstTable = Math.min(...[tableI, tableII].filter((i) => i >= 0));
  const header = segments.filter((s) => s.line < firstTable);

  const issuer = readIssuer(header);
  const marks = checkboxMarks(lines.slice(0, firstTable));
  const owners = readOwners(lines, header, firstTable, marks, problems);
  const earliest = readBoxDate(header, LABEL.earliest, "date of earliest transaction", problems);
  const original = readBoxDate(header, LABEL.amendment, "date the original was filed", problems);
  const formType = readFormType(header, original);

  const rows = numberRows([
    ...readTable(lines, "nonDerivative", tableI, tableII),
    ...readTable(lines, "derivative", tableII, tableI),
  ]);
  const lastTable = Math.max(tableI, tableII);
  if (!lines.some((l, i) => i > lastTable && END_OF_TABLES.test(l.trim()))) {
    // Cut off before a single row: a summary would say "no trades" when the rows were lost.
    if (rows.length === 0) {
      throw new Form4ParseError(
        'the text ends before any row of Table I or Table II (nothing follows the table headings, not even "Explanation of Responses"): it looks cut off',
        { form: FORM },
      );
    }
    problems.push(
      'the text ends inside the tables (nothing follows them, not even "Explanation of Responses"), so rows may be missing',
    );
  }
  const footnotes = readFootnotes(lines, problems);
  const { remarks, signatures } = readClosing(lines, firstTable);
  problems.push(...unknownFootnoteProblems(rows, footnotes));

  return {
    source: FORM,
    schemaVersion: null,
    formType,
    accessionNumber: null,
    periodOfReport: earliest,
    filedDate: readFiledDate(header),
    dateOfOriginalSubmission: original,
    notSubjectToSection16: readBox(
      lines,
      /Check this box if no longer subject to Section 16/i,
      marks,
    ),
    aff10b5One: readBox(lines, /Check this box.*Rule 10b5-1\(c\)/i, marks),
    issuer,
    owners,
    rows,
    footnotes,
    remarks,
    signatures,
    problems,
  };
}

/**
 * Undo what copying did: markdown emphasis and escapes, <sup> markers, a few HTML entities,
 * CRLF. Spaces at either end of a line go; tabs stay (they separate cells, empty ones too).
 */
function normalizeLines(input: string): string[] {
  let s = input.replace(/\r\n?/g, "\n").replace(/[\u00a0\u2007\u202f]/g, " ");
  // "S <sup>(1)</sup>" → "S (1)": one space, so a run of spaces still means a new cell.
  // (The look-behind starts a match only where a run of spaces starts: linear in long runs.)
  s = s.replace(/(?<! ) *<sup>\s*\(?\s*(\d{1,3})\s*\)?\s*<\/sup>/gi, " ($1)");
  s = s.replace(/<\/?[a-z][a-z0-9]*(?:\s[^<>\n]*)?\/?>/gi, " ");
  s = s.replace(/&(amp|lt|gt|quot|apos|nbsp|#39);/g, (_m, e: string) => ENTITIES[e] ?? " ");
  // Emphasis markers go; an escaped character stays as itself. "\." before a digit is left
  // alone so that no number appears that the text does not spell out.
  // Inside a number an asterisk is no emphasis: "16*92" and "1*.77" stay as written (deleting it
  // would make 1692 or 1.77, numbers the text does not spell out).
  s = s.replace(/(?<!\\)\*+/g, (stars: string, at: number, all: string) =>
    isInsideNumber(all.charCodeAt(at - 1), all.charCodeAt(at + stars.length)) ? stars : "",
  );
  s = s.replace(/\\([\\`*_{}[\]()#+\-!$<>|~&'"])/g, "$1").replace(/\\\.(?!\d)/g, ".");
  return s.split("\n").map((line) =>
    trimSpaces(line)
      .replace(/^#{1,6} +/, "")
      .replace(/^[-•] +/, ""),
  );
}

/** Spaces (not tabs) off both ends, without a regex that rescans a long run of spaces. */
function trimSpaces(line: string): string {
  let start = 0;
  let end = line.length;
  while (start < end && line.charCodeAt(start) === 32) start++;
  while (end > start && line.charCodeAt(end - 1) === 32) end--;
  return line.slice(start, end);
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Digits or a number's "." / "," on both sides of a spot, and a digit on at least one. */
function isInsideNumber(before: number, after: number): boolean {
  const numeric = (c: number) => isDigit(c) || c === 46 || c === 44;
  return numeric(before) && numeric(after) && (isDigit(before) || isDigit(after));
}

/** Cells of a line: tab-separated when the copy kept tabs, else separated by 2+ spaces. */
function splitCells(line: string): string[] {
  if (line.includes("\t")) return line.split("\t");
  return line.trim().split(/ {2,}/);
}

function isLabelLike(text: string): boolean {
  return (
    /^\d{1,2}[A-Z]?\.\s/.test(text) ||
    /^\((?:Last|First|Middle|Street|City|State|Zip|Check|Print|Month)/i.test(text) ||
    /^(?:Table I|OMB|Check this box|Form filed by|Explanation of Responses|Remarks)/i.test(text) ||
    boxesOnLine(text).length > 0
  );
}

/** The text in a header box: after the label in the same cell, or the next cell. */
function boxValue(header: readonly Segment[], label: RegExp): { value: string | null; at: number } {
  const at = header.findIndex((s) => label.test(s.text));
  if (at < 0) return { value: null, at };
  const seg = header[at];
  const rest = cleanText((seg?.text ?? "").replace(label, "").replace(/^[\s*:]+/, ""));
  if (rest !== "") return { value: rest, at };
  const next = header[at + 1];
  if (next && !isLabelLike(next.text)) return { value: next.text, at };
  return { value: null, at };
}

function readIssuer(header: readonly Segment[]): Filing["issuer"] {
  const fail = () =>
    new Form4ParseError(
      'could not find the issuer name and ticker (expected "2. Issuer Name and Ticker or Trading Symbol")',
      { form: FORM, where: "box 2" },
    );
  const at = header.findIndex((s) => LABEL.issuer.test(s.text));
  if (at < 0) throw fail();
  const parts: string[] = [];
  const rest = cleanText((header[at]?.text ?? "").replace(LABEL.issuer, ""));
  if (rest !== "") parts.push(rest);
  // The name and "[TICKER]" may sit on one line or two.
  for (let i = at + 1; i < header.length && parts.length < 3; i++) {
    if (parts.join(" ").includes("]")) break;
    const seg = header[i];
    if (!seg || isLabelLike(seg.text)) break;
    parts.push(seg.text);
  }
  const joined = parts.join(" ");
  const found = firstBracket(joined);
  // "Name [TICKER]": a "]" before the "[" means the brackets are not the ticker's.
  const m = found !== null && !found.before.includes("]") ? found : null;
  const name = cleanText(m ? m.before : (parts[0] ?? ""));
  if (name === "") throw fail();
  return { cik: null, name, ticker: m ? tickerOrNull(m.inside) : null };
}

interface BoxMark {
  label: string;
  mark: string;
}

/**
 * Checkbox labels on a line with what stands before each ("X", "___" or nothing). A line with
 * any other words between or after the labels is not a line of boxes ("Managing Director" is an
 * officer title), so it gives none.
 */
function boxesOnLine(line: string): BoxMark[] {
  const flat = line.replace(/\t/g, " ");
  const out: BoxMark[] = [];
  let from = 0;
  for (const m of flat.matchAll(BOX)) {
    const start = m.index ?? 0;
    const mark = flat.slice(from, start).trim();
    if (!isMark(mark)) return [];
    out.push({ label: m[0].toLowerCase(), mark });
    from = start + m[0].length;
  }
  return flat.slice(from).trim() === "" ? out : [];
}

function isMark(text: string): boolean {
  return text === "" || CROSS.test(text) || /^_+$/.test(text);
}

/** How this copy draws checkboxes, judged from the relationship and joint-filing boxes. */
interface CheckboxMarks {
  /** Unchecked boxes are drawn "___", so a bare label is the checked one. */
  underscores: boolean;
  /** Checked boxes show an "X" (and unchecked ones nothing). */
  crosses: boolean;
}

const CROSS = /^(?:\[?[xX✓✔☒☑]\]?|\([xX]\))$/;

function lastWord(mark: string): string {
  return mark.split(/\s+/).pop() ?? "";
}

function checkboxMarks(headerLines: readonly string[]): CheckboxMarks {
  const marks = headerLines.flatMap((l) => boxesOnLine(l));
  return {
    underscores: marks.some((b) => /^_{2,}$/.test(b.mark)),
    crosses: marks.some((b) => CROSS.test(b.mark)),
  };
}

function readOwners(
  lines: readonly string[],
  header: readonly Segment[],
  firstTable: number,
  style: CheckboxMarks,
  problems: string[],
): ReportingOwner[] {
  const names: string[] = [];
  header.forEach((seg, i) => {
    if (!LABEL.name.test(seg.text)) return;
    const value = boxValue(header.slice(i), LABEL.name).value;
    if (value !== null && !/^\(Last\)/i.test(value)) names.push(value);
  });
  if (names.length === 0) {
    throw new Form4ParseError(
      'could not find the reporting person\'s name (expected "1. Name and Address of Reporting Person")',
      { form: FORM, where: "box 1" },
    );
  }

  // The relationship boxes: a "Director / 10% Owner" line and an "Officer / Other" line, then the
  // officer title (or the "other" text) on the line after, one such group per reporting person.
  const headerLines = lines.slice(0, firstTable);
  // A copy that draws unchecked boxes as "___" leaves the checked one bare.
  const checked = (mark: string) =>
    CROSS.test(mark) || (mark === "" && style.underscores && !style.crosses);
  const groups: { roles: Role[]; title: string | null; otherText: string | null }[] = [];
  let searchFrom = 0;
  headerLines.forEach((line, i) => {
    const boxes = boxesOnLine(line);
    if (!boxes.some((b) => b.label.startsWith("officer") || b.label.startsWith("other"))) return;
    const found = new Map<string, boolean>();
    for (let j = Math.max(searchFrom, i - 3); j < i; j++) {
      const above = boxesOnLine(headerLines[j] ?? "");
      if (above.some((b) => b.label === "director" || b.label === "10% owner")) {
        for (const b of above) found.set(b.label, checked(b.mark));
      }
    }
    for (const b of boxes) found.set(b.label, checked(b.mark));
    const roles: Role[] = [];
    if (found.get("director")) roles.push("director");
    if (found.get("officer (give title below)")) roles.push("officer");
    if (found.get("10% owner")) roles.push("tenPercentOwner");
    if (found.get("other (specify below)")) roles.push("other");
    const { title, otherText } = readTitleLine(headerLines[i + 1] ?? "", roles);
    groups.push({ roles, title, otherText });
    searchFrom = i + 2;
  });

  const joint = headerLines
    .flatMap((l) => boxesOnLine(l))
    .some((b) => b.label === "form filed by more than one reporting person" && checked(b.mark));
  if (joint && names.length === 1) {
    problems.push(
      "the form is filed by more than one reporting person, but only one could be read from the text",
    );
  }

  return names.map((name, k) => {
    const group = groups[k];
    if (!group) {
      problems.push(
        `could not find the relationship boxes of reporting person ${k + 1} (${name}); roles unknown`,
      );
      return { cik: null, name, roles: [], title: null, otherText: null };
    }
    if (group.roles.length === 0) {
      problems.push(`no relationship box is checked for ${name}`);
    }
    return { cik: null, name, ...group };
  });
}

function readTitleLine(
  line: string,
  roles: readonly Role[],
): { title: string | null; otherText: string | null } {
  const none = { title: null, otherText: null };
  if (line.trim() === "" || boxesOnLine(line).length > 0) return none;
  const cells = splitCells(line)
    .map((c) => cleanText(c))
    .filter((c) => c !== "");
  if (cells.length === 0 || cells.some((c) => isLabelLike(c) || isDateLikeCell(c))) return none;
  const [first, second] = cells;
  if (first && second) return { title: first, otherText: second };
  if (!first) return none;
  if (!roles.includes("officer") && roles.includes("other"))
    return { title: null, otherText: first };
  return { title: first, otherText: null };
}

function isDateLikeCell(text: string): boolean {
  return parseDate(text) !== null;
}

function readBoxDate(
  header: readonly Segment[],
  label: RegExp,
  what: string,
  problems: string[],
): string | null {
  const { value } = boxValue(header, label);
  if (value === null) return null;
  const date = parseDate(value);
  if (date === null) problems.push(`the ${what} "${value}" is not a date`);
  return date;
}

function readFormType(header: readonly Segment[], original: string | null): FormType {
  const forms = header.flatMap((s) => {
    const m = /^(?:SEC\s+)?Form\s+(\d)(\/A)?$/i.exec(s.text);
    return m ? [`${m[1]}${m[2] ? "/A" : ""}`] : [];
  });
  const other = forms.find((f) => !f.startsWith("4"));
  if (other && !forms.some((f) => f.startsWith("4"))) {
    throw new Form4ParseError(`this is a Form ${other}, not a Form 4`, { form: FORM });
  }
  return original !== null || forms.includes("4/A") ? "4/A" : "4";
}

/** A page header such as "November 14, 2007" above the form: the date EDGAR filed it. */
function readFiledDate(header: readonly Segment[]): string | null {
  const formStart = header.findIndex(
    (s) => LABEL.name.test(s.text) || /^STATEMENT OF/i.test(s.text),
  );
  const top = formStart < 0 ? header : header.slice(0, formStart);
  for (const s of top) {
    if (/^[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}$/.test(s.text)) {
      const date = parseDate(s.text);
      if (date) return date;
    }
  }
  return null;
}

/**
 * A single checkbox: "X" before its text → true, "___" → false. Nothing before it is false in a
 * copy that shows its checked boxes as "X", and unknown otherwise (the box may have been lost).
 */
function readBox(lines: readonly string[], text: RegExp, style: CheckboxMarks): boolean | null {
  const at = lines.findIndex((l) => text.test(l));
  if (at < 0) return null;
  const line = (lines[at] ?? "").replace(/\t/g, " ");
  const start = line.search(/Check this box/i);
  const before = line.slice(0, Math.max(0, start)).trim() || (lines[at - 1] ?? "").trim();
  const last = lastWord(before);
  if (CROSS.test(last)) return true;
  if (/^_{2,}$/.test(last)) return false;
  return style.crosses && !style.underscores ? false : null;
}

function isHeadingLine(cells: readonly string[]): boolean {
  const nonEmpty = cells.map((c) => cleanText(c)).filter((c) => c !== "");
  if (nonEmpty.length === 0) return true;
  if (
    nonEmpty.some((c) =>
      /\(Instr\.|\(Month\/Day\/Year\)|^\(e\.g\.|Title of (?:Derivative )?Security/i.test(c),
    )
  ) {
    return true;
  }
  return nonEmpty.every((c) => SUBHEADINGS.has(c.toLowerCase()));
}

function readTable(lines: readonly string[], table: Table, start: number, other: number): Row[] {
  if (start < 0) return [];
  const rows: Row[] = [];
  let rowNumber = 0;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const trimmed = line.trim();
    if (i === other || END_OF_TABLES.test(trimmed)) break;
    if (TABLE_HEADING.nonDerivative.test(trimmed) || TABLE_HEADING.derivative.test(trimmed)) break;
    const cells = splitCells(line);
    if (isHeadingLine(cells)) continue;
    rowNumber++;
    rows.push(
      readRenderedRow(
        table,
        cells.map((c) => cellFromText(c)),
        rowNumber,
        { form: FORM, trustPositions: false },
      ),
    );
  }
  return rows;
}

function readFootnotes(lines: readonly string[], problems: string[]): Filing["footnotes"] {
  const start = lines.findIndex((l) => /^Explanation of Responses/i.test(l.trim()));
  if (start < 0) return [];
  const footnotes: Filing["footnotes"] = [];
  let last: Filing["footnotes"][number] | null = null;
  for (let i = start + 1; i < lines.length; i++) {
    const line = cleanText((lines[i] ?? "").replace(/\t/g, " "));
    if (line === "") {
      last = null;
      continue;
    }
    if (/^Remarks\b/i.test(line) || isSignatureLine(lines[i] ?? "")) break;
    if (END_OF_TABLES.test(line) && !/^Explanation/i.test(line)) {
      // The form's own instructions ("* If the form is filed by ...") sit among the footnotes.
      if (/If the form is filed by more than one|Intentional misstatements/i.test(line)) {
        last = null;
        continue;
      }
      break;
    }
    const footnote = footnoteFromLine(line);
    if (footnote) {
      if (footnotes.some((f) => f.id === footnote.id)) {
        problems.push(`footnote ${footnote.id} is given twice; the first text is kept`);
        last = null;
        continue;
      }
      footnotes.push(footnote);
      last = footnote;
    } else if (last) {
      // A footnote that ran over onto the next line.
      last.text = cleanText(`${last.text} ${line}`);
    }
  }
  return footnotes;
}

function isSignatureLine(line: string): boolean {
  const trimmed = cleanText(line.replace(/\t/g, " "));
  if (/^\/s\//i.test(trimmed)) return true;
  const cells = splitCells(line)
    .map((c) => cleanText(c))
    .filter((c) => c !== "");
  const last = cells[cells.length - 1];
  return (
    cells.length >= 2 && last !== undefined && parseDate(last) !== null && !isLabelLike(trimmed)
  );
}

function signatureFrom(line: string): Signature {
  const cells = splitCells(line)
    .map((c) => cleanText(c))
    .filter((c) => c !== "");
  const last = cells[cells.length - 1] ?? "";
  if (cells.length >= 2 && parseDate(last) !== null) {
    return { name: cells.slice(0, -1).join(" "), date: parseDate(last) };
  }
  const m = /^(.*\S)\s+(\d{1,2}\/\d{1,2}\/\d{4})$/.exec(cells.join(" "));
  if (m?.[1] && m[2]) return { name: m[1], date: parseDate(m[2]) };
  return { name: cells.join(" "), date: null };
}

/** Remarks and the signature lines above "** Signature of Reporting Person". */
function readClosing(
  lines: readonly string[],
  firstTable: number,
): { remarks: string | null; signatures: Signature[] } {
  const after = (i: number) => i > firstTable;
  const label = lines.findIndex((l, i) => after(i) && /Signature of Reporting Person/i.test(l));
  const signatureAt: number[] = [];
  if (label >= 0) {
    for (let i = label - 1; i > firstTable; i--) {
      const line = lines[i] ?? "";
      if (line.trim() === "") {
        if (signatureAt.length > 0) break;
        continue;
      }
      if (!isSignatureLine(line)) break;
      signatureAt.unshift(i);
    }
  } else {
    lines.forEach((l, i) => {
      if (after(i) && /^\/s\//i.test(l.trim())) signatureAt.push(i);
    });
  }
  const signatures = signatureAt.map((i) => signatureFrom(lines[i] ?? ""));

  const start = lines.findIndex((l, i) => after(i) && /^Remarks\s*:?/i.test(l.trim()));
  if (start < 0) return { remarks: null, signatures };
  const body: string[] = [(lines[start] ?? "").trim().replace(/^Remarks\s*:?/i, "")];
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (signatureAt.includes(i) || i === label) break;
    if (END_OF_TABLES.test(line.trim())) break;
    body.push(line.replace(/\t/g, " "));
  }
  // One line, white space collapsed, as the XML reader gives remarks.
  const remarks = cleanText(body.join(" "));
  return { remarks: remarks === "" ? null : remarks, signatures };
}
