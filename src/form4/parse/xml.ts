// Reader for EDGAR's XML Form 4 (`<ownershipDocument>`, schema X0202 … X0609) into the Filing model.
// One pass over a lean tree built straight from htmlparser2's Tokenizer (xml-tree.ts), element by
// element; no DOM, no selector engine (the benchmark holds this reader to within 2x of the
// Tokenizer alone).
//
// Unreadable structure (not XML, truncated, damaged tags, missing issuer/owner) throws one
// Form4ParseError. A single unreadable value becomes null plus a plain-words entry in the row's
// (or the filing's) `problems`: never a guess, never silently dropped.

import { Form4ParseError } from "../errors.js";
import {
  type AcquiredDisposed,
  emptyRow,
  type Fact,
  type Filing,
  type Footnote,
  type FormType,
  type Issuer,
  type OwnershipForm,
  type ReportingOwner,
  ROW_FACT_KEYS,
  type Role,
  type Row,
  type Signature,
  type Table,
} from "../model.js";
import { cleanText, parseDate, parseFlag, parseNumber } from "./values.js";
import { lineAt, readXmlTree, type XmlChild, XmlElement, XmlMarkup, xmlText } from "./xml-tree.js";

type Element = XmlElement;

function isTag(node: XmlChild): node is XmlElement {
  return node instanceof XmlElement;
}

const ROOT = "ownershipDocument";

/** Read an EDGAR `ownershipDocument` (Form 4 or 4/A). Throws Form4ParseError when it cannot. */
export function parseXml(xml: string): Filing {
  const text = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  const early = new EarlyRows();
  const { document, unclosed } = readXmlTree(text, early.onclose);
  const root = findRoot(document.children, text);
  if (unclosed.includes(root)) {
    throw xmlError(`the XML ends before </${ROOT}> (truncated?)`, "end of input");
  }
  const broken = unclosed[0];
  if (broken) {
    const line = lineAt(text, broken.start);
    throw xmlError(
      `the XML is damaged: <${broken.name}> on line ${line} has no matching </${broken.name}>`,
      `line ${line}`,
    );
  }
  return readDocument(root, early.rows);
}

const TABLE_ELEMENTS: Record<string, Table> = {
  nonDerivativeTable: "nonDerivative",
  derivativeTable: "derivative",
};

/**
 * Table rows read as soon as their element ends, and their subtree let go: a 3,000-row filing's
 * tree would otherwise outgrow V8's young generation and be copied by every scavenge (the reason
 * the cost per KB rose past 1,000 rows). Rows are numbered as readTable numbers them; readTable
 * takes them from here in document order, with every check it makes.
 */
class EarlyRows {
  readonly rows = new Map<Element, Row>();
  private readonly counts = new Map<Element, { transaction: number; holding: number }>();

  readonly onclose = (el: Element, parent: Element, depth: number): void => {
    // <ownershipDocument> (1) > <nonDerivativeTable> (2) > <nonDerivativeTransaction> (3).
    if (depth !== 3) return;
    const table = TABLE_ELEMENTS[parent.name];
    const shape = ROW_KINDS[el.name];
    if (!table || !shape || shape.table !== table) return;
    let counts = this.counts.get(parent);
    if (!counts) {
      counts = { transaction: 0, holding: 0 };
      this.counts.set(parent, counts);
    }
    const index = counts[shape.kind]++;
    this.rows.set(el, readRow(el, shape.table, shape.kind, index));
    el.children.length = 0;
  };
}

function xmlError(message: string, where: string | null = null): Form4ParseError {
  return new Form4ParseError(message, { form: "xml", where });
}

/** The single root element; only white space, comments and the XML declaration may surround it. */
function findRoot(nodes: XmlChild[], text: string): Element {
  let root: Element | null = null;
  for (const node of nodes) {
    if (isTag(node)) {
      if (root) {
        throw xmlError(
          `unexpected <${node.name}> after </${ROOT}> (line ${lineAt(text, node.start)})`,
        );
      }
      if (node.name !== ROOT) {
        throw xmlError(`expected an <${ROOT}> root element, found <${node.name}>`, "root element");
      }
      root = node;
    } else if (typeof node === "string" && node.trim() !== "") {
      const where = root ? `after </${ROOT}>` : `before <${ROOT}>`;
      throw xmlError(`unexpected text ${where}: "${excerpt(node)}"`, where);
    }
  }
  if (!root) throw xmlError(`expected an <${ROOT}> root element, found none`, "root element");
  return root;
}

/** Everything read at the document level, before the final checks. */
interface DocumentParts {
  schemaVersion: string | null;
  documentType: string | null;
  periodOfReport: string | null;
  dateOfOriginalSubmission: string | null;
  notSubjectToSection16: boolean | null;
  aff10b5One: boolean | null;
  issuer: Issuer | null;
  issuerFound: boolean;
  owners: ReportingOwner[];
  nonDerivative: Row[];
  derivative: Row[];
  footnotes: Footnote[];
  remarks: string | null;
  signatures: Signature[];
  problems: string[];
}

function readDocument(root: Element, early: ReadonlyMap<Element, Row>): Filing {
  const parts: DocumentParts = {
    schemaVersion: null,
    documentType: null,
    periodOfReport: null,
    dateOfOriginalSubmission: null,
    notSubjectToSection16: null,
    aff10b5One: null,
    issuer: null,
    issuerFound: false,
    owners: [],
    nonDerivative: [],
    derivative: [],
    footnotes: [],
    remarks: null,
    signatures: [],
    problems: [],
  };
  const problems = parts.problems;
  const counters = { owners: 0, signatures: 0 };

  for (const el of root.children) {
    if (!isTag(el)) continue;
    switch (el.name) {
      case "schemaVersion":
        parts.schemaVersion = ownText(el) || null;
        break;
      case "documentType":
        parts.documentType = ownText(el);
        break;
      case "periodOfReport":
        parts.periodOfReport = documentDate(el, "periodOfReport", problems);
        break;
      case "dateOfOriginalSubmission":
        parts.dateOfOriginalSubmission = documentDate(el, "dateOfOriginalSubmission", problems);
        break;
      case "notSubjectToSection16":
        parts.notSubjectToSection16 = documentFlag(el, "notSubjectToSection16", problems);
        break;
      case "aff10b5One":
        parts.aff10b5One = documentFlag(el, "aff10b5One", problems);
        break;
      case "issuer":
        if (!parts.issuerFound) parts.issuer = readIssuer(el, problems);
        parts.issuerFound = true;
        break;
      case "reportingOwner":
        counters.owners++;
        parts.owners.push(readOwner(el, counters.owners, problems));
        break;
      case "nonDerivativeTable":
        readTable(el, "nonDerivative", parts.nonDerivative, problems, early);
        break;
      case "derivativeTable":
        readTable(el, "derivative", parts.derivative, problems, early);
        break;
      case "footnotes":
        readFootnotes(el, parts.footnotes, problems);
        break;
      case "remarks":
        parts.remarks = ownText(el) || null;
        break;
      case "ownerSignature": {
        counters.signatures++;
        const signature = readSignature(el, counters.signatures, problems);
        if (signature) parts.signatures.push(signature);
        break;
      }
      default:
        // Elements of other forms or later schema versions carry nothing the model holds.
        break;
    }
  }

  const formType = readFormType(parts.documentType);
  if (!parts.issuerFound) throw xmlError("no <issuer> in the ownershipDocument", "issuer");
  if (!parts.issuer) throw xmlError("no <issuer> / issuerName", "issuer");
  if (parts.owners.length === 0) {
    throw xmlError(
      "no reporting owner (<reportingOwner>) in the ownershipDocument",
      "reportingOwner",
    );
  }

  const rows = parts.nonDerivative.concat(parts.derivative);
  checkFootnoteReferences(rows, parts.footnotes, problems);

  return {
    source: "xml",
    schemaVersion: parts.schemaVersion,
    formType,
    accessionNumber: null,
    periodOfReport: parts.periodOfReport,
    filedDate: null,
    dateOfOriginalSubmission: parts.dateOfOriginalSubmission,
    notSubjectToSection16: parts.notSubjectToSection16,
    aff10b5One: parts.aff10b5One,
    issuer: parts.issuer,
    owners: parts.owners,
    rows,
    footnotes: parts.footnotes,
    remarks: parts.remarks,
    signatures: parts.signatures,
    problems,
  };
}

const OTHER_FORMS: Record<string, string> = {
  "3": "Form 3",
  "3/A": "Form 3/A",
  "5": "Form 5",
  "5/A": "Form 5/A",
};

function readFormType(documentType: string | null): FormType {
  if (documentType === null || documentType === "") {
    throw xmlError("no <documentType> in the ownershipDocument", "documentType");
  }
  const compact = documentType.replace(/\s+/g, "").toUpperCase();
  if (compact === "4") return "4";
  if (compact === "4/A" || compact === "4A") return "4/A";
  const other = OTHER_FORMS[compact] ?? OTHER_FORMS[compact.replace(/^(\d)A$/, "$1/A")];
  if (other) {
    throw xmlError(
      `this is a ${other}, not a Form 4 (documentType is "${documentType}")`,
      "documentType",
    );
  }
  throw xmlError(
    `documentType is "${excerpt(documentType)}": expected 4 or 4/A (a Form 4)`,
    "documentType",
  );
}

// ---------------------------------------------------------------- document-level values

/** Text of an element that holds text directly (no <value> wrapper), cleaned. */
function ownText(el: Element): string {
  // cleanText scans once and makes no new string when the text is already clean (nearly always).
  return cleanText(xmlText(el));
}

function documentDate(el: Element, name: string, problems: string[]): string | null {
  const raw = ownText(el);
  if (raw === "") return null;
  const date = parseDate(raw);
  if (date === null) problems.push(`${name} "${excerpt(raw)}" is not a real date`);
  return date;
}

/** A checkbox: 1/0 or true/false. Empty or absent → null (not stated). */
function documentFlag(el: Element, name: string, problems: string[]): boolean | null {
  const raw = ownText(el);
  if (raw === "") return null;
  const flag = parseFlag(raw);
  if (flag === null) problems.push(`${name} "${excerpt(raw)}" is not 1/0 or true/false`);
  return flag;
}

function readCik(raw: string, who: string, problems: string[]): string | null {
  if (raw === "") return null;
  if (/^\d{1,10}$/.test(raw)) return raw.padStart(10, "0");
  problems.push(`${who} CIK "${excerpt(raw)}" is not a number`);
  return null;
}

const NO_TICKER = new Set(["", "n/a", "na", "none", "-", "--"]);

function readIssuer(el: Element, problems: string[]): Issuer | null {
  let cik = "";
  let name = "";
  let ticker = "";
  for (const child of el.children) {
    if (!isTag(child)) continue;
    if (child.name === "issuerCik") cik = ownText(child);
    else if (child.name === "issuerName") name = ownText(child);
    else if (child.name === "issuerTradingSymbol") ticker = ownText(child);
  }
  if (name === "") return null;
  return {
    cik: readCik(cik, "issuer", problems),
    name,
    ticker: NO_TICKER.has(ticker.toLowerCase()) ? null : ticker,
  };
}

const ROLE_FLAGS: Record<string, Role> = {
  isDirector: "director",
  isOfficer: "officer",
  isTenPercentOwner: "tenPercentOwner",
  isOther: "other",
};

function readOwner(el: Element, n: number, problems: string[]): ReportingOwner {
  let cik = "";
  let name = "";
  const roles: Role[] = [];
  let title: string | null = null;
  let otherText: string | null = null;
  for (const part of el.children) {
    if (!isTag(part)) continue;
    if (part.name === "reportingOwnerId") {
      for (const child of part.children) {
        if (!isTag(child)) continue;
        if (child.name === "rptOwnerCik") cik = ownText(child);
        else if (child.name === "rptOwnerName") name = ownText(child);
      }
    } else if (part.name === "reportingOwnerRelationship") {
      for (const child of part.children) {
        if (!isTag(child)) continue;
        const role = ROLE_FLAGS[child.name];
        if (role) {
          const raw = ownText(child);
          const flag = parseFlag(raw);
          if (flag === true) roles.push(role);
          else if (flag === null) {
            problems.push(
              `reporting owner ${n}: ${child.name} "${excerpt(raw)}" is not 1/0 or true/false`,
            );
          }
        } else if (child.name === "officerTitle") title = ownText(child) || null;
        else if (child.name === "otherText") otherText = ownText(child) || null;
      }
    }
  }
  if (name === "") {
    throw xmlError(`reporting owner ${n} has no name (<rptOwnerName>)`, `reportingOwner ${n}`);
  }
  // Keep the form's order (director, officer, 10% owner, other) whatever the document order.
  roles.sort((a, b) => ROLE_ORDER.indexOf(a) - ROLE_ORDER.indexOf(b));
  return { cik: readCik(cik, `reporting owner ${n}`, problems), name, roles, title, otherText };
}

const ROLE_ORDER: Role[] = ["director", "officer", "tenPercentOwner", "other"];

function readFootnotes(el: Element, footnotes: Footnote[], problems: string[]): void {
  for (const child of el.children) {
    if (!isTag(child) || child.name !== "footnote") continue;
    const id = cleanText(child.attribs?.id ?? "");
    const text = ownText(child);
    if (id === "") {
      problems.push(`a footnote has no id: "${excerpt(text)}"`);
      continue;
    }
    if (footnotes.some((f) => f.id === id)) problems.push(`footnote ${id} is given twice`);
    footnotes.push({ id, text });
  }
}

function readSignature(el: Element, n: number, problems: string[]): Signature | null {
  let name = "";
  let rawDate = "";
  for (const child of el.children) {
    if (!isTag(child)) continue;
    if (child.name === "signatureName") name = ownText(child);
    else if (child.name === "signatureDate") rawDate = ownText(child);
  }
  const date = rawDate === "" ? null : parseDate(rawDate);
  if (rawDate !== "" && date === null) {
    problems.push(`signature ${n}: date "${excerpt(rawDate)}" is not a real date`);
  }
  if (name === "") {
    problems.push(`signature ${n} has no name`);
    return null;
  }
  return { name, date };
}

function checkFootnoteReferences(rows: Row[], footnotes: Footnote[], problems: string[]): void {
  const known = new Set(footnotes.map((f) => f.id));
  const missing = new Set<string>();
  for (const row of rows) {
    for (const key of ROW_FACT_KEYS) {
      for (const id of row[key].footnoteIds) if (!known.has(id)) missing.add(id);
    }
  }
  for (const id of missing) problems.push(`footnote ${id} is referred to but not given`);
}

// ---------------------------------------------------------------- table rows

const ROW_KINDS: Record<string, { table: Table; kind: Row["kind"] }> = {
  nonDerivativeTransaction: { table: "nonDerivative", kind: "transaction" },
  nonDerivativeHolding: { table: "nonDerivative", kind: "holding" },
  derivativeTransaction: { table: "derivative", kind: "transaction" },
  derivativeHolding: { table: "derivative", kind: "holding" },
};

function readTable(
  el: Element,
  table: Table,
  rows: Row[],
  problems: string[],
  early: ReadonlyMap<Element, Row>,
): void {
  let transactions = 0;
  let holdings = 0;
  for (const child of el.children) {
    if (!isTag(child)) continue;
    const shape = ROW_KINDS[child.name];
    if (!shape) continue;
    if (shape.table !== table) {
      // Schema-invalid: which table's totals it belongs to is unclear, so it is not counted.
      problems.push(`a <${child.name}> inside <${el.name}> was not read (wrong table)`);
      continue;
    }
    const index = shape.kind === "transaction" ? transactions++ : holdings++;
    rows.push(early.get(child) ?? readRow(child, shape.table, shape.kind, index));
  }
}

/** Where a row's problems are said to be, for a person: "Table I row 3", "Table II holding 1". */
function rowLabel(table: Table, kind: Row["kind"], index: number): string {
  const t = table === "nonDerivative" ? "Table I" : "Table II";
  return `${t} ${kind === "transaction" ? "row" : "holding"} ${index + 1}`;
}

/** Reads one `<value>`-wrapped field of a row into a Fact, noting what it cannot read. */
class RowReader {
  constructor(
    readonly row: Row,
    readonly label: string,
  ) {}

  problem(text: string): void {
    this.row.problems.push(`${this.label}: ${text}`);
  }

  /** `<x><value>…</value><footnoteId id="F1"/></x>` → raw value (null when absent/empty) + ids. */
  valueOf(el: Element, field: string): { raw: string | null; footnoteIds: string[] } {
    let raw: string | null = null;
    let values = 0;
    const footnoteIds: string[] = [];
    for (const child of el.children) {
      if (isTag(child)) {
        if (child.name === "value") {
          values++;
          raw = ownText(child);
        } else if (child.name === "footnoteId") {
          this.footnoteId(child, field, footnoteIds);
        } else {
          this.problem(`${field} holds an unexpected <${child.name}>`);
        }
      } else if (isStrayContent(child)) {
        this.problem(`${field} holds text outside <value>: "${excerpt(strayText(child))}"`);
      }
    }
    if (values > 1) {
      this.problem(`${field} states ${values} values`);
      raw = null;
    }
    return { raw: raw === "" ? null : raw, footnoteIds };
  }

  footnoteId(el: Element, field: string, ids: string[]): void {
    const id = cleanText(el.attribs?.id ?? "");
    if (id === "") this.problem(`${field} has a footnote reference without an id`);
    else if (!ids.includes(id)) ids.push(id);
  }

  text(el: Element, field: string): Fact<string> {
    const { raw, footnoteIds } = this.valueOf(el, field);
    return { value: raw, footnoteIds };
  }

  number(el: Element, field: string): Fact<number> {
    const { raw, footnoteIds } = this.valueOf(el, field);
    const value = parseNumber(raw);
    if (raw !== null && value === null) this.problem(`${field} "${excerpt(raw)}" is not a number`);
    return { value, footnoteIds };
  }

  date(el: Element, field: string): Fact<string> {
    const { raw, footnoteIds } = this.valueOf(el, field);
    const value = parseDate(raw);
    if (raw !== null && value === null)
      this.problem(`${field} "${excerpt(raw)}" is not a real date`);
    return { value, footnoteIds };
  }

  acquiredDisposed(el: Element): Fact<AcquiredDisposed> {
    const { raw, footnoteIds } = this.valueOf(el, "acquired/disposed");
    const code = raw?.toUpperCase() ?? null;
    if (code === "A" || code === "D") return { value: code, footnoteIds };
    if (raw !== null) {
      this.problem(`acquired/disposed "${excerpt(raw)}" is not A (acquired) or D (disposed)`);
    }
    return { value: null, footnoteIds };
  }

  ownership(el: Element): Fact<OwnershipForm> {
    const { raw, footnoteIds } = this.valueOf(el, "ownership");
    const form = raw?.toUpperCase() ?? null;
    if (form === "D" || form === "I") return { value: form, footnoteIds };
    if (raw !== null) {
      this.problem(`ownership "${excerpt(raw)}" is not D (direct) or I (indirect)`);
    }
    return { value: null, footnoteIds };
  }
}

/** Non-white-space text (or CDATA) where only elements belong: the trace of a damaged tag. */
function isStrayContent(node: XmlChild): boolean {
  if (typeof node === "string") return node.trim() !== "";
  return node instanceof XmlMarkup && node.kind === "cdata";
}

function strayText(node: XmlChild): string {
  if (typeof node === "string") return node;
  return node instanceof XmlMarkup ? node.data : xmlText(node);
}

function readRow(el: Element, table: Table, kind: Row["kind"], index: number): Row {
  const row = emptyRow(table, kind, index);
  const r = new RowReader(row, rowLabel(table, kind, index));
  for (const part of el.children) {
    if (!isTag(part)) continue;
    switch (part.name) {
      case "securityTitle":
        row.security = r.text(part, "security");
        break;
      case "conversionOrExercisePrice":
        row.exercisePrice = r.number(part, "exercise price");
        break;
      case "transactionDate":
        row.date = r.date(part, "date");
        break;
      case "deemedExecutionDate":
        row.deemedDate = r.date(part, "deemed execution date");
        break;
      case "transactionCoding":
        readCoding(part, row, r);
        break;
      case "transactionAmounts":
        readAmounts(part, row, r);
        break;
      case "exerciseDate":
        row.exerciseDate = r.date(part, "exercise date");
        break;
      case "expirationDate":
        row.expirationDate = r.date(part, "expiration date");
        break;
      case "underlyingSecurity":
        readUnderlying(part, row, r);
        break;
      case "postTransactionAmounts":
        readPostAmounts(part, row, r);
        break;
      case "ownershipNature":
        readOwnershipNature(part, row, r);
        break;
      default:
        // transactionTimeliness and the like: nothing the model holds.
        break;
    }
  }
  return row;
}

function readCoding(el: Element, row: Row, r: RowReader): void {
  let code: string | null = null;
  const footnoteIds: string[] = [];
  for (const child of el.children) {
    if (!isTag(child)) continue;
    const raw = ownText(child);
    switch (child.name) {
      case "transactionFormType":
        row.codeFormType = raw || null;
        break;
      case "transactionCode":
        if (/^[A-Za-z]$/.test(raw)) code = raw.toUpperCase();
        else if (raw !== "") r.problem(`transaction code "${excerpt(raw)}" is not a code letter`);
        break;
      case "equitySwapInvolved":
        row.equitySwap = raw === "" ? null : parseFlag(raw);
        if (raw !== "" && row.equitySwap === null) {
          r.problem(`equitySwapInvolved "${excerpt(raw)}" is not 1/0 or true/false`);
        }
        break;
      case "footnoteId":
        r.footnoteId(child, "transaction code", footnoteIds);
        break;
      default:
        break;
    }
  }
  row.code = { value: code, footnoteIds };
}

function readAmounts(el: Element, row: Row, r: RowReader): void {
  for (const child of el.children) {
    if (!isTag(child)) continue;
    switch (child.name) {
      case "transactionShares":
        row.shares = r.number(child, "shares");
        break;
      case "transactionTotalValue": {
        // Some derivative rows state a dollar amount instead of a number of securities. The model
        // has no place for it, and it must never pass for shares: say so in the row.
        const total = r.number(child, "total value");
        if (total.value !== null) {
          r.problem(
            `the amount is stated as a total value of ${total.value}, not as a number of securities`,
          );
        }
        break;
      }
      case "transactionPricePerShare":
        row.price = r.number(child, "price");
        break;
      case "transactionAcquiredDisposedCode":
        row.acquiredDisposed = r.acquiredDisposed(child);
        break;
      default:
        break;
    }
  }
}

function readUnderlying(el: Element, row: Row, r: RowReader): void {
  for (const child of el.children) {
    if (!isTag(child)) continue;
    switch (child.name) {
      case "underlyingSecurityTitle":
        row.underlyingSecurity = r.text(child, "underlying security");
        break;
      case "underlyingSecurityShares":
        row.underlyingShares = r.number(child, "underlying shares");
        break;
      case "underlyingSecurityValue": {
        const value = r.number(child, "underlying value");
        if (value.value !== null) {
          r.problem(
            `the underlying amount is stated as a value of ${value.value}, not as a number of shares`,
          );
        }
        break;
      }
      default:
        break;
    }
  }
}

function readPostAmounts(el: Element, row: Row, r: RowReader): void {
  for (const child of el.children) {
    if (!isTag(child)) continue;
    if (child.name === "sharesOwnedFollowingTransaction") {
      row.sharesOwnedAfter = r.number(child, "shares owned after");
    } else if (child.name === "valueOwnedFollowingTransaction") {
      row.valueOwnedAfter = r.number(child, "value owned after");
    }
  }
}

function readOwnershipNature(el: Element, row: Row, r: RowReader): void {
  for (const child of el.children) {
    if (!isTag(child)) continue;
    if (child.name === "directOrIndirectOwnership") row.ownership = r.ownership(child);
    else if (child.name === "natureOfOwnership") row.nature = r.text(child, "nature of ownership");
  }
}

/** A short, one-line quote of what the input said, for messages. */
function excerpt(raw: string): string {
  const s = cleanText(raw);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}
