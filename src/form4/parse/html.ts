// Reads EDGAR's HTML rendering of a Form 4 (the xslF345X0N/….xml page people open in a browser):
// the header boxes, Table I and Table II, footnotes, remarks and signatures. The page does not
// show the schema version, the accession number or the filing date; those stay null. Pure.

import { type AnyNode, type Document, type Element, isTag, isText } from "domhandler";
import { findAll, findOne, getAttributeValue, prevElementSibling } from "domutils";
import { Form4ParseError } from "../errors.js";
import type {
  Filing,
  Footnote,
  FormType,
  Issuer,
  ReportingOwner,
  Role,
  Row,
  Signature,
  Table,
} from "../model.js";
import { parseHtmlDom } from "./bounded-dom.js";
import { type Cell, cellFromText, footnoteFromLine, tickerOrNull } from "./rendered-cells.js";
import { numberRows, readRenderedRow, unknownFootnoteProblems } from "./rendered-rows.js";
import { textOf, walk } from "./tree.js";
import { cleanText, firstBracket, parseDate } from "./values.js";

const FORM = "html" as const;

/** The page: its DOM, and the start of every label-holding element's text (see headsOf). */
interface Page {
  root: Document;
  heads: Map<Element, string>;
}

const LABEL = {
  name: /^1\.\s*Name and Address of Reporting Person\s*\**/i,
  issuer: /^2\.\s*Issuer Name and Ticker or Trading Symbol/i,
  earliest: /^3\.\s*Date of Earliest Transaction\s*(?:\(Month\/Day\/Year\))?/i,
  amendment: /^4\.\s*If Amendment,?\s*Date (?:of\s*)?Original Filed\s*(?:\(Month\/Day\/Year\))?/i,
  relationship: /^5\.\s*Relationship of Reporting Person/i,
};

const TABLE_HEADING: Record<Table, RegExp> = {
  nonDerivative: /^Table I\b.*Non-?Derivative/i,
  derivative: /^Table II\b.*Derivative/i,
};

const ROLE_LABEL: [RegExp, Role][] = [
  [/^Director$/i, "director"],
  [/^Officer \(give title below\)$/i, "officer"],
  [/^10% Owner$/i, "tenPercentOwner"],
  [/^Other \(specify below\)$/i, "other"],
];
const ROLE_ORDER: Role[] = ["director", "officer", "tenPercentOwner", "other"];

const SIGNATURE_LABEL = /^\**\s*Signature of Reporting Person/i;

/** EDGAR's rendered Form 4 page → Filing. Throws Form4ParseError. */
export function parseHtml(html: string): Filing {
  // htmlparser2 builds the tree (a third of parse5's cost, and bounded in depth); the reader
  // walks it directly (domutils), without a selector engine.
  const root = parseHtmlDom(html);
  const $: Page = { root, heads: headsOf(root) };
  const problems: string[] = [];

  const tableI = findTable($, "nonDerivative");
  const tableII = findTable($, "derivative");
  if (!tableI && !tableII) {
    throw new Form4ParseError(
      'no Table I or Table II found (expected a table headed "Table I - Non-Derivative Securities Acquired, Disposed of, or Beneficially Owned")',
      { form: FORM },
    );
  }
  const issuer = readIssuer($);
  const owners = readOwners($, problems);
  const earliest = boxDate($, LABEL.earliest, "date of earliest transaction", problems);
  const original = boxDate($, LABEL.amendment, "date the original was filed", problems);

  const rows = numberRows([
    ...readRows(tableI, "nonDerivative"),
    ...readRows(tableII, "derivative"),
  ]);
  const { footnotes, remarks } = readExplanations($, problems);
  problems.push(...unknownFootnoteProblems(rows, footnotes));
  const signatures = readSignatures($);
  // Every rendering ends with the signature block; without it the page was cut off somewhere.
  if (findLabels($, SIGNATURE_LABEL).length === 0) {
    // Cut off before a single row: a summary would say "no trades" when the rows were lost.
    if (rows.length === 0) {
      throw new Form4ParseError(
        "the page ends before any row of Table I or Table II and has no signature block: it looks cut off",
        { form: FORM },
      );
    }
    problems.push(
      "the page ends without the signature block, so it may be cut off: rows, footnotes or remarks may be missing",
    );
  }

  return {
    source: FORM,
    schemaVersion: null,
    formType: readFormType($, original),
    accessionNumber: null,
    periodOfReport: earliest,
    filedDate: null,
    dateOfOriginalSubmission: original,
    notSubjectToSection16: checkbox($, /^Check this box if no longer subject to Section 16/i),
    aff10b5One: checkbox($, /^Check this box .*Rule 10b5-1\(c\)/i),
    issuer,
    owners,
    rows,
    footnotes,
    remarks,
    signatures,
    problems,
  };
}

function text(el: Element): string {
  return cleanText(textOf(el));
}

/** How much of an element's text a label needs (the 10b5-1 sentence is the longest). */
const HEAD = 400;

/**
 * The start of every element's text, collected in one walk: labels are found by how an element's
 * text begins, and reading each element's whole text for each label would read the page again
 * and again. Only elements that can hold a label are kept (and cleaned).
 */
function headsOf(root: Document): Map<Element, string> {
  const map = new Map<Element, string>();
  // Post-order without recursion: each element's text start is its children's, joined (up to
  // twice HEAD characters, as much as a label needs).
  const texts = new Map<AnyNode, string>();
  const append = (node: AnyNode, part: string) => {
    const parent = node.parent;
    if (!parent || part === "") return;
    const sofar = texts.get(parent) ?? "";
    if (sofar.length < HEAD * 2) texts.set(parent, sofar + part);
  };
  walk(
    root,
    (node) => {
      if (isText(node)) append(node, node.data);
      return undefined;
    },
    (node) => {
      const raw = texts.get(node) ?? "";
      texts.delete(node);
      if (isTag(node) && LABEL_TAGS.has(node.name)) map.set(node, cleanText(raw).slice(0, HEAD));
      append(node, raw);
    },
  );
  return map;
}

/** The innermost elements whose text starts with `label`, in document order. */
function findLabels($: Page, label: RegExp): Element[] {
  const matched: Element[] = [];
  for (const [el, head] of $.heads) {
    if (label.test(head)) matched.push(el);
  }
  // An element whose child also matches is only the box around the label.
  const outer = new Set<unknown>();
  for (const el of matched) {
    for (let p = el.parent; p; p = p.parent) outer.add(p);
  }
  // The walk lists an element after its children, so elements that do not nest are in document
  // order, and only such (innermost) elements are kept.
  return matched.filter((el) => !outer.has(el));
}

const LABEL_TAGS = new Set(["span", "b", "td", "th", "div", "p", "font", "u", "i"]);

/** The element itself or its nearest ancestor named one of `names` (what CSS `closest` finds). */
function closest(el: Element, names: ReadonlySet<string>): Element | null {
  for (let node: AnyNode | null = el; node; node = node.parent) {
    if (isTag(node) && names.has(node.name)) return node;
  }
  return null;
}

const CELL = new Set(["td", "th"]);
const TABLE = new Set(["table"]);
const ROW = new Set(["tr"]);

/** Every element named `name` inside `el` (not `el` itself), in document order. */
function inside(el: Element, name: string): Element[] {
  return findAll((e) => e.name === name, el.children);
}

/** The first element named `name` inside `el`, or null. */
function firstInside(el: Element, name: string): Element | null {
  return findOne((e) => e.name === name, el.children);
}

/** The element's child elements named `name`. */
function childrenNamed(el: Element, name: string): Element[] {
  return el.children.filter((c): c is Element => isTag(c) && c.name === name);
}

/** The box (table cell) that holds a label. */
function boxOf(label: Element): Element {
  return closest(label, CELL) ?? label;
}

/** The text in a box after its label. */
function boxRest($: Page, label: RegExp): string | null {
  const [first] = findLabels($, label);
  if (!first) return null;
  return cleanText(text(boxOf(first)).replace(label, ""));
}

function findTable($: Page, table: Table): Element | null {
  const [heading] = findLabels($, TABLE_HEADING[table]);
  return heading ? closest(heading, TABLE) : null;
}

function readIssuer($: Page): Issuer {
  const fail = () =>
    new Form4ParseError(
      'could not find the issuer name and ticker (expected "2. Issuer Name and Ticker or Trading Symbol")',
      { form: FORM, where: "box 2" },
    );
  const [label] = findLabels($, LABEL.issuer);
  if (!label) throw fail();
  const box = boxOf(label);
  const link = firstInside(box, "a");
  const rest = cleanText(text(box).replace(LABEL.issuer, ""));
  const bracket = firstBracket(rest);
  const name = link ? text(link) : cleanText(rest.split("[")[0] ?? "");
  if (name === "") throw fail();
  return {
    cik: cikFrom(link ? getAttributeValue(link, "href") : undefined),
    name,
    ticker: bracket ? tickerOrNull(bracket.inside) : null,
  };
}

/** EDGAR links the names to `browse-edgar?action=getcompany&CIK=0001295032`. */
function cikFrom(href: string | undefined): string | null {
  const m = /[?&]CIK=(\d{1,10})(?:&|$)/i.exec(href ?? "");
  return m?.[1] ? m[1].padStart(10, "0") : null;
}

function readOwners($: Page, problems: string[]): ReportingOwner[] {
  const relationships = findLabels($, LABEL.relationship).map((label) =>
    readRelationship(boxOf(label)),
  );
  const owners: ReportingOwner[] = [];
  findLabels($, LABEL.name).forEach((label, k) => {
    const box = boxOf(label);
    const link = firstInside(box, "a");
    let name = link ? text(link) : "";
    if (name === "") {
      // The first cell of a table in the box ("table td").
      const cell = findOne(
        (e) => e.name === "td" && closest(e, TABLE) !== closest(box, TABLE),
        box.children,
      );
      name = cell ? text(cell) : "";
    }
    if (name === "" || /^\(Last\)/i.test(name)) return;
    const relationship = relationships[k];
    if (!relationship) {
      problems.push(
        `could not find the relationship boxes of reporting person ${k + 1} (${name}); roles unknown`,
      );
    } else if (relationship.roles.length === 0) {
      problems.push(`no relationship box is checked for ${name}`);
    }
    owners.push({
      cik: cikFrom(link ? getAttributeValue(link, "href") : undefined),
      name,
      roles: relationship?.roles ?? [],
      title: relationship?.title ?? null,
      otherText: relationship?.otherText ?? null,
    });
  });
  if (owners.length === 0) {
    throw new Form4ParseError(
      'could not find the reporting person\'s name (expected "1. Name and Address of Reporting Person")',
      { form: FORM, where: "box 1" },
    );
  }
  if (owners.length === 1 && checkbox($, /^Form filed by More than One Reporting Person/i)) {
    problems.push(
      "the form is filed by more than one reporting person, but only one could be read from the page",
    );
  }
  return owners;
}

interface Relationship {
  roles: Role[];
  title: string | null;
  otherText: string | null;
}

/** Box 5: "X" in the cell before a role's label; the title and "other" text on the row below. */
function readRelationship(box: Element): Relationship {
  const roles: Role[] = [];
  const free: string[][] = [];
  for (const tr of inside(box, "tr")) {
    const tds = childrenNamed(tr, "td");
    const texts = tds.map(text);
    let isBoxRow = false;
    texts.forEach((t, i) => {
      const role = ROLE_LABEL.find(([re]) => re.test(t))?.[1];
      if (!role) return;
      isBoxRow = true;
      const mark = texts[i - 1];
      if (mark !== undefined && /^X$/i.test(mark) && !roles.includes(role)) roles.push(role);
    });
    if (!isBoxRow) {
      // One cell per value (newer pages) or both values in one cell, one <span> each (older).
      const spans = inside(tr, "span");
      free.push(
        tds.length === 1 && spans.length > 0
          ? spans.map(text)
          : texts.filter((_t, i) => tds.length < 4 || i % 2 === 1),
      );
    }
  }
  roles.sort((a, b) => ROLE_ORDER.indexOf(a) - ROLE_ORDER.indexOf(b));
  const values = free.flat();
  const filled = values.filter((v) => v !== "");
  let title: string | null = null;
  let otherText: string | null = null;
  if (values.length >= 2) {
    title = values[0] || null;
    otherText = values[1] || null;
  } else if (filled[0]) {
    if (!roles.includes("officer") && roles.includes("other")) otherText = filled[0];
    else title = filled[0];
  }
  return { roles, title, otherText };
}

function boxDate($: Page, label: RegExp, what: string, problems: string[]): string | null {
  const rest = boxRest($, label);
  if (!rest) return null;
  const date = parseDate(rest);
  if (date === null) problems.push(`the ${what} "${rest}" is not a date`);
  return date;
}

function readFormType($: Page, original: string | null): FormType {
  const names = findAll(hasFormNameClass, $.root.children).map(text);
  const named = names.map((n) => /^FORM\s+(\d)(\/A)?$/i.exec(n)).find((m) => m !== null);
  if (named && named[1] !== "4") {
    throw new Form4ParseError(`this is a Form ${named[1]}${named[2] ?? ""}, not a Form 4`, {
      form: FORM,
    });
  }
  return original !== null || named?.[2] ? "4/A" : "4";
}

/** class="FormName" (one of the element's classes), as CSS `.FormName` selects it. */
function hasFormNameClass(el: Element): boolean {
  const classes = el.attribs.class;
  return classes?.includes("FormName") === true && classes.split(/\s+/).includes("FormName");
}

/** A checkbox of the page's header: the box is the cell before the sentence. Null when absent. */
function checkbox($: Page, sentence: RegExp): boolean | null {
  const [label] = findLabels($, sentence);
  if (!label) return null;
  const before = prevElementSibling(boxOf(label));
  return before !== null && before.name === "td" && /^X$/i.test(text(before));
}

/** A <td> as a Cell: its text, with each <sup>(n)</sup> as a marker. */
const CELL_BREAKS = new Set(["td", "th", "tr", "table", "tbody", "thead", "div", "p", "br", "li"]);

function cellOf(td: Element): Cell {
  let raw = "";
  walk(
    td,
    (node) => {
      if (isText(node)) raw += node.data;
      // A cell or block inside the cell (damaged markup htmlparser2 nests as written) is a word
      // apart: "6<td>5.3495" must never read as 65.3495.
      else if (isTag(node) && node !== td && CELL_BREAKS.has(node.name)) raw += " ";
      if (isTag(node) && node.name === "sup") {
        raw += ` ${supText(textOf(node))} `;
        return false;
      }
      return undefined;
    },
    (node) => {
      if (isTag(node) && node !== td && CELL_BREAKS.has(node.name)) raw += " ";
    },
  );
  return cellFromText(raw);
}

function supText(text: string): string {
  // Markers: "1", "(1)", "1, 2", "(1)(2)"; each at most three digits.
  const tokens = text
    .replace(/[(),;]/g, " ")
    .trim()
    .split(/\s+/);
  if (!tokens.every((t) => /^\d{1,3}$/.test(t))) return text;
  return tokens.map((n) => `(${n})`).join(" ");
}

function readRows(table: Element | null, kind: Table): Row[] {
  if (!table) return [];
  // The table's own rows, not those of a table nested in a cell.
  const rows = inside(table, "tr")
    .filter((tr) => closest(tr, TABLE) === table)
    .map((tr) => childrenNamed(tr, "td"))
    .filter((tds) => tds.length > 0);
  return rows.map((tds, i) =>
    readRenderedRow(kind, tds.map(cellOf), i + 1, { form: FORM, trustPositions: true }),
  );
}

/** "Explanation of Responses": numbered footnotes, then "Remarks:" and its text. */
function readExplanations(
  $: Page,
  problems: string[],
): { footnotes: Footnote[]; remarks: string | null } {
  const footnotes: Footnote[] = [];
  const remarks: string[] = [];
  const [label] = findLabels($, /^Explanation of Responses/i);
  if (!label) return { footnotes, remarks: null };
  const table = closest(label, TABLE);
  let inRemarks = false;
  for (const td of table ? inside(table, "td") : []) {
    const t = text(td);
    if (t === "" || /^Explanation of Responses/i.test(t)) continue;
    if (/^Remarks:?$/i.test(t)) {
      inRemarks = true;
      continue;
    }
    if (inRemarks) {
      remarks.push(t);
      continue;
    }
    const footnote = footnoteFromLine(t);
    if (!footnote) {
      problems.push(`a footnote without its number: "${t.slice(0, 80)}"`);
    } else if (footnotes.some((f) => f.id === footnote.id)) {
      problems.push(`footnote ${footnote.id} is given twice; the first text is kept`);
    } else {
      footnotes.push(footnote);
    }
  }
  const joined = cleanText(remarks.join(" "));
  return { footnotes, remarks: joined === "" ? null : joined };
}

/** Underlined name and date cells on the rows above "** Signature of Reporting Person". */
function readSignatures($: Page): Signature[] {
  const [label] = findLabels($, SIGNATURE_LABEL);
  if (!label) return [];
  const labelRow = closest(label, ROW);
  const table = closest(label, TABLE);
  const signatures: Signature[] = [];
  for (const tr of table ? inside(table, "tr") : []) {
    if (tr === labelRow) break;
    const underlined = inside(tr, "u").map(text);
    const [name, date] = underlined;
    if (name) signatures.push({ name, date: date ? parseDate(date) : null });
  }
  return signatures;
}
