// Reads EDGAR's HTML rendering of a Form 4 (the xslF345X0N/….xml page people open in a browser):
// the header boxes, Table I and Table II, footnotes, remarks and signatures. The page does not
// show the schema version, the accession number or the filing date; those stay null. Pure.

import { createRequire } from "node:module";
import type * as cheerio from "cheerio";
import { type AnyNode, type Element, isTag, isText } from "domhandler";
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

type $ = cheerio.CheerioAPI;

// cheerio is loaded on the first rendered page, not with the engine: the XML and text readers,
// which most inputs use, then start without it (a third of the CLI's start-up time).
const require = createRequire(import.meta.url);
let loadedCheerio: typeof cheerio | null = null;
function cheerioLib(): typeof cheerio {
  loadedCheerio ??= require("cheerio") as typeof cheerio;
  return loadedCheerio;
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
  // htmlparser2 builds the tree (a third of parse5's cost, and bounded in depth); cheerio queries it.
  const $ = cheerioLib().load(parseHtmlDom(html));
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
    ...readRows($, tableI, "nonDerivative"),
    ...readRows($, tableII, "derivative"),
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

function text($: $, el: Element): string {
  return cleanText($(el).text());
}

/** How much of an element's text a label needs (the 10b5-1 sentence is the longest). */
const HEAD = 400;

/**
 * The start of every element's text, collected in one walk: labels are found by how an element's
 * text begins, and reading each element's whole text for each label would read the page again
 * and again.
 */
const heads = new WeakMap<object, Map<Element, string>>();

function headsOf($: $): Map<Element, string> {
  const root = $.root().get(0);
  const cached = root ? heads.get(root) : undefined;
  if (cached) return cached;
  const map = new Map<Element, string>();
  // Post-order without recursion: each element's text start is its children's, joined (up to
  // twice HEAD characters, as much as a label needs).
  const texts = new Map<AnyNode, string>();
  const append = (node: AnyNode, part: string) => {
    const parent = node.parent;
    if (!parent) return;
    const sofar = texts.get(parent) ?? "";
    if (sofar.length < HEAD * 2) texts.set(parent, sofar + part);
  };
  if (root) {
    walk(
      root,
      (node) => {
        if (isText(node)) append(node, node.data);
        return undefined;
      },
      (node) => {
        const raw = texts.get(node) ?? "";
        texts.delete(node);
        if (isTag(node)) map.set(node, cleanText(raw).slice(0, HEAD));
        append(node, raw);
      },
    );
    heads.set(root, map);
  }
  return map;
}

/** The innermost elements whose text starts with `label`, in document order. */
function findLabels($: $, label: RegExp): Element[] {
  const matched: Element[] = [];
  for (const [el, head] of headsOf($)) {
    if (LABEL_TAGS.has(el.name) && label.test(head)) matched.push(el);
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

/** The box (table cell) that holds a label. */
function boxOf($: $, label: Element): cheerio.Cheerio<AnyNode> {
  const td = $(label).closest("td, th");
  return td.length > 0 ? td : $(label);
}

/** The text in a box after its label. */
function boxRest($: $, label: RegExp): string | null {
  const [first] = findLabels($, label);
  if (!first) return null;
  return cleanText(cleanText(boxOf($, first).text()).replace(label, ""));
}

function findTable($: $, table: Table): Element | null {
  const [heading] = findLabels($, TABLE_HEADING[table]);
  const found = heading ? $(heading).closest("table").get(0) : undefined;
  return found && isTag(found) ? found : null;
}

function readIssuer($: $): Issuer {
  const fail = () =>
    new Form4ParseError(
      'could not find the issuer name and ticker (expected "2. Issuer Name and Ticker or Trading Symbol")',
      { form: FORM, where: "box 2" },
    );
  const [label] = findLabels($, LABEL.issuer);
  if (!label) throw fail();
  const box = boxOf($, label);
  const link = box.find("a").first();
  const rest = cleanText(cleanText(box.text()).replace(LABEL.issuer, ""));
  const bracket = firstBracket(rest);
  const name = link.length > 0 ? cleanText(link.text()) : cleanText(rest.split("[")[0] ?? "");
  if (name === "") throw fail();
  return {
    cik: cikFrom(link.attr("href")),
    name,
    ticker: bracket ? tickerOrNull(bracket.inside) : null,
  };
}

/** EDGAR links the names to `browse-edgar?action=getcompany&CIK=0001295032`. */
function cikFrom(href: string | undefined): string | null {
  const m = /[?&]CIK=(\d{1,10})(?:&|$)/i.exec(href ?? "");
  return m?.[1] ? m[1].padStart(10, "0") : null;
}

function readOwners($: $, problems: string[]): ReportingOwner[] {
  const relationships = findLabels($, LABEL.relationship).map((label) =>
    readRelationship($, boxOf($, label)),
  );
  const owners: ReportingOwner[] = [];
  findLabels($, LABEL.name).forEach((label, k) => {
    const box = boxOf($, label);
    const link = box.find("a").first();
    let name = link.length > 0 ? cleanText(link.text()) : "";
    if (name === "") {
      const cell = box.find("table td").first().get(0);
      name = cell ? text($, cell) : "";
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
      cik: cikFrom(link.attr("href")),
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
function readRelationship($: $, box: cheerio.Cheerio<AnyNode>): Relationship {
  const roles: Role[] = [];
  const free: string[][] = [];
  for (const tr of box.find("tr").toArray()) {
    const tds = $(tr).children("td").toArray();
    let isBoxRow = false;
    tds.forEach((td, i) => {
      const role = ROLE_LABEL.find(([re]) => re.test(text($, td)))?.[1];
      if (!role) return;
      isBoxRow = true;
      const mark = tds[i - 1];
      if (mark && /^X$/i.test(text($, mark)) && !roles.includes(role)) roles.push(role);
    });
    if (!isBoxRow) {
      // One cell per value (newer pages) or both values in one cell, one <span> each (older).
      const spans = $(tr).find("span").toArray();
      free.push(
        tds.length === 1 && spans.length > 0
          ? spans.map((s) => text($, s))
          : tds.map((td) => text($, td)).filter((_t, i) => tds.length < 4 || i % 2 === 1),
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

function boxDate($: $, label: RegExp, what: string, problems: string[]): string | null {
  const rest = boxRest($, label);
  if (!rest) return null;
  const date = parseDate(rest);
  if (date === null) problems.push(`the ${what} "${rest}" is not a date`);
  return date;
}

function readFormType($: $, original: string | null): FormType {
  const names = $(".FormName")
    .toArray()
    .map((el) => text($, el));
  const named = names.map((n) => /^FORM\s+(\d)(\/A)?$/i.exec(n)).find((m) => m !== null);
  if (named && named[1] !== "4") {
    throw new Form4ParseError(`this is a Form ${named[1]}${named[2] ?? ""}, not a Form 4`, {
      form: FORM,
    });
  }
  return original !== null || named?.[2] ? "4/A" : "4";
}

/** A checkbox of the page's header: the box is the cell before the sentence. Null when absent. */
function checkbox($: $, sentence: RegExp): boolean | null {
  const [label] = findLabels($, sentence);
  if (!label) return null;
  const box = boxOf($, label).prev("td");
  return /^X$/i.test(cleanText(box.text()));
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

function readRows($: $, table: Element | null, kind: Table): Row[] {
  if (!table) return [];
  const trs = $(table)
    .find("tr")
    .toArray()
    .filter((tr) => $(tr).closest("table").get(0) === table && $(tr).children("td").length > 0);
  return trs.map((tr, i) =>
    readRenderedRow(
      kind,
      $(tr)
        .children("td")
        .toArray()
        .map((td) => cellOf(td)),
      i + 1,
      { form: FORM, trustPositions: true },
    ),
  );
}

/** "Explanation of Responses": numbered footnotes, then "Remarks:" and its text. */
function readExplanations(
  $: $,
  problems: string[],
): { footnotes: Footnote[]; remarks: string | null } {
  const footnotes: Footnote[] = [];
  const remarks: string[] = [];
  const [label] = findLabels($, /^Explanation of Responses/i);
  if (!label) return { footnotes, remarks: null };
  const table = $(label).closest("table");
  let inRemarks = false;
  for (const td of table.find("td").toArray()) {
    const t = text($, td);
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
function readSignatures($: $): Signature[] {
  const [label] = findLabels($, SIGNATURE_LABEL);
  if (!label) return [];
  const labelRow = $(label).closest("tr").get(0);
  const signatures: Signature[] = [];
  for (const tr of $(label).closest("table").find("tr").toArray()) {
    if (tr === labelRow) break;
    const underlined = $(tr)
      .find("u")
      .toArray()
      .map((u) => text($, u));
    const [name, date] = underlined;
    if (name) signatures.push({ name, date: date ? parseDate(date) : null });
  }
  return signatures;
}
