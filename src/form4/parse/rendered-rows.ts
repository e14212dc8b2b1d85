// Reading one row of Table I / Table II of EDGAR's rendered Form 4 into a Row, shared by the HTML
// reader (cells from <td>s) and the pasted-text reader (cells from tab- or space-separated lines).
// A row that does not line up with the form's columns is read by what its cells look like, and
// anything that cannot be told apart is left null with a problem in plain words. Pure.

import { Form4ParseError } from "../errors.js";
import {
  emptyRow,
  type Fact,
  type Footnote,
  fact,
  type InputForm,
  type Row,
  type Table,
} from "../model.js";
import {
  amountsInCell,
  type Cell,
  isAcquiredDisposedLike,
  isAmountLike,
  isCodeLike,
  isDateShaped,
  isOwnershipLike,
  unique,
} from "./rendered-cells.js";
import { parseDate, parseNumber } from "./values.js";

type Field =
  | "security"
  | "date"
  | "deemedDate"
  | "code"
  | "v"
  | "shares"
  | "acquiredDisposed"
  | "price"
  | "sharesOwnedAfter"
  | "ownership"
  | "nature"
  | "exercisePrice"
  | "sharesA"
  | "sharesD"
  | "exerciseDate"
  | "expirationDate"
  | "underlyingSecurity"
  | "underlyingShares";

/** The columns of the official form, left to right. */
const COLUMNS: Record<Table, readonly Field[]> = {
  nonDerivative: [
    "security",
    "date",
    "deemedDate",
    "code",
    "v",
    "shares",
    "acquiredDisposed",
    "price",
    "sharesOwnedAfter",
    "ownership",
    "nature",
  ],
  derivative: [
    "security",
    "exercisePrice",
    "date",
    "deemedDate",
    "code",
    "v",
    "sharesA",
    "sharesD",
    "exerciseDate",
    "expirationDate",
    "underlyingSecurity",
    "underlyingShares",
    "price",
    "sharesOwnedAfter",
    "ownership",
    "nature",
  ],
};

export const TABLE_NAME: Record<Table, string> = {
  nonDerivative: "Table I",
  derivative: "Table II",
};

const LABEL: Record<Field, string> = {
  security: "security title",
  date: "transaction date",
  deemedDate: "deemed execution date",
  code: "transaction code",
  v: "V column",
  shares: "shares",
  acquiredDisposed: "(A) or (D)",
  price: "price",
  sharesOwnedAfter: "shares owned after",
  ownership: "ownership form (D or I)",
  nature: "nature of ownership",
  exercisePrice: "exercise price",
  sharesA: "shares acquired (A)",
  sharesD: "shares disposed of (D)",
  exerciseDate: "date exercisable",
  expirationDate: "expiration date",
  underlyingSecurity: "underlying security",
  underlyingShares: "underlying shares",
};

/** Fewer cells than this and a row cannot be read at all. */
export const MIN_CELLS = 3;

export interface RowOptions {
  form: InputForm;
  /**
   * true when cells come from the page's own <td>s (the HTML reader): a row with the form's
   * column count is read by position even where a cell looks odd.
   */
  trustPositions: boolean;
}

/**
 * One rendered row → Row (index 0; see `numberRows`). `rowNumber` is 1-based within its table,
 * for messages. Throws Form4ParseError when the row has too few cells to read anything.
 */
export function readRenderedRow(
  table: Table,
  cells: readonly Cell[],
  rowNumber: number,
  options: RowOptions,
): Row {
  const name = TABLE_NAME[table];
  const full = COLUMNS[table];
  let cs = [...cells];
  // Copies often carry trailing empty cells; they are nothing but separators.
  while (cs.length > full.length && isBlank(cs[cs.length - 1])) cs = cs.slice(0, -1);
  if (cs.length < MIN_CELLS) {
    throw new Form4ParseError(
      `row ${rowNumber} of ${name} has ${cs.length} column${cs.length === 1 ? "" : "s"}, expected at least ${MIN_CELLS} (the form has ${full.length})`,
      { form: options.form, where: `${name} row ${rowNumber}` },
    );
  }
  const b = new RowBuilder(table, `${name} row ${rowNumber}`, options.trustPositions);
  const layout = chooseLayout(table, cs, options.trustPositions);
  if (layout) {
    layout.fields.forEach((field, i) => {
      const cell = cs[i];
      if (i < layout.count && cell) b.set(field, cell);
    });
    const stop = layout.fields[layout.count];
    if (stop) {
      b.problem(
        `the row is cut off or damaged at the ${LABEL[stop]} (column ${layout.count + 1}), so the rest of it was not read`,
      );
      b.unread(...layout.fields.slice(layout.count));
    }
  } else if (table === "nonDerivative") {
    readLooseTableI(b, cs);
  } else {
    // Table II has too many look-alike columns (dates, amounts) to guess where a cell belongs.
    const first = cs[0];
    if (first && !isDateShaped(first.text) && !isAmountLike(first.text)) b.set("security", first);
    b.problem(
      `has ${cs.length} columns where the form has ${full.length}, so only the title was read`,
    );
    b.skipMissingCheck = true;
  }
  return b.finish();
}

/** Sets `index`: the 0-based position within the row's table and kind, in document order. */
export function numberRows(rows: readonly Row[]): Row[] {
  const counters = new Map<string, number>();
  return rows.map((row) => {
    const key = `${row.table}/${row.kind}`;
    const index = counters.get(key) ?? 0;
    counters.set(key, index + 1);
    return { ...row, index };
  });
}

/** Footnote ids that rows point to but no footnote text defines, in plain words. */
export function unknownFootnoteProblems(
  rows: readonly Row[],
  footnotes: readonly Footnote[],
): string[] {
  const known = new Set(footnotes.map((f) => f.id));
  const missing = new Set<string>();
  for (const row of rows) {
    for (const value of Object.values(row)) {
      if (!isFact(value)) continue;
      for (const id of value.footnoteIds) if (!known.has(id)) missing.add(id);
    }
  }
  return [...missing].map((id) => `footnote ${id} is referred to but not given`);
}

function isFact(value: unknown): value is Fact<unknown> {
  return typeof value === "object" && value !== null && "footnoteIds" in value;
}

function isBlank(cell: Cell | undefined): boolean {
  return !cell || (cell.text === "" && cell.footnoteIds.length === 0);
}

interface Layout {
  fields: readonly Field[];
  /** How many cells, from the left, stand where `fields` says. */
  count: number;
}

/** The form's columns, or the same without the V column and/or the (often trimmed) last column. */
function chooseLayout(table: Table, cs: readonly Cell[], trust: boolean): Layout | null {
  const full = COLUMNS[table];
  const candidates = [
    full,
    full.filter((f) => f !== "nature"),
    full.filter((f) => f !== "v"),
    full.filter((f) => f !== "v" && f !== "nature"),
  ].filter((c) => c.length === cs.length);
  const fitting = candidates.find((c) => c.every((field, i) => fits(field, cs[i]?.text ?? "")));
  if (fitting) return { fields: fitting, count: fitting.length };
  if (trust) {
    // The page's own cells stand where the form puts them, odd content or not.
    if (cs.length === full.length) return { fields: full, count: full.length };
    if (cs.length < full.length) {
      // A page cut off inside a row keeps its cells where the form puts them. A cell that does
      // not look like its column means one went missing and the rest shifted: Table I is then
      // read by what its cells look like, Table II up to that cell.
      let count = 0;
      while (count < cs.length && fits(full[count] ?? "nature", cs[count]?.text ?? "")) count++;
      if (count === cs.length || table === "derivative") return { fields: full, count };
    }
    return null;
  }
  // A copy's cells may have shifted: Table I is then read by what its cells look like.
  const first = candidates[0];
  return table === "derivative" && first ? { fields: first, count: first.length } : null;
}

function fits(field: Field, text: string): boolean {
  if (text === "") return true;
  switch (field) {
    case "v":
      return text === "V";
    case "date":
    case "deemedDate":
      return isDateShaped(text);
    case "code":
      return isCodeLike(text);
    case "acquiredDisposed":
      return isAcquiredDisposedLike(text);
    case "price":
    case "exercisePrice":
      // The rendering writes prices with "$" (and "$" alone before a footnote-only price).
      return /^\$\s*(?:\d|\.\d|$)/.test(text);
    case "ownership":
      return isOwnershipLike(text);
    case "shares":
    case "sharesA":
    case "sharesD":
    case "sharesOwnedAfter":
    case "underlyingShares":
      return isAmountLike(text);
    default:
      return true;
  }
}

/**
 * Table I cells that do not line up with the form (a copy lost empty cells, or mashed Amount,
 * (A)/(D) and Price together as in "D\t$ 700 16.76"): title, dates and code from the left by what
 * they look like, ownership form and shares owned after from the right, and the amounts between.
 */
function readLooseTableI(b: RowBuilder, cs: readonly Cell[]): void {
  const n = cs.length;
  const text = (i: number) => cs[i]?.text ?? "";
  let di = -1;
  if (isOwnershipLike(text(n - 1))) di = n - 1;
  else if (isOwnershipLike(text(n - 2))) di = n - 2;
  const afterIdx = di > 0 ? di - 1 : -1;
  const limit = di >= 0 ? afterIdx : n;

  let i = 0;
  // A row that starts with a date or an amount has lost its title.
  if (!isDateShaped(text(0)) && !isAmountLike(text(0))) {
    b.set("security", cs[0]);
    i = 1;
  }
  const take = (field: Field, accept: (t: string) => boolean) => {
    if (i < limit && accept(text(i))) {
      b.set(field, cs[i]);
      i++;
    }
  };
  take("date", (t) => t === "" || isDateShaped(t));
  take("deemedDate", (t) => t === "" || isDateShaped(t));
  take("code", (t) => t === "" || isCodeLike(t));
  take("v", (t) => t === "V");

  if (di < 0) {
    b.problem("could not find the ownership form (D or I), so the amounts were not read");
    b.unread("shares", "price", "acquiredDisposed", "sharesOwnedAfter", "ownership");
    return;
  }
  b.set("ownership", cs[di]);
  const nature = cs[di + 1];
  if (nature) b.set("nature", nature);
  if (afterIdx >= i) {
    const after = cs[afterIdx];
    if (after?.text.startsWith("$")) {
      b.problem(
        `shares owned after "${after.text}" is a dollar amount where shares belong; not read`,
      );
      b.unread("sharesOwnedAfter");
    } else {
      b.set("sharesOwnedAfter", after);
    }
  }
  readMashedAmounts(b, cs.slice(i, Math.max(i, afterIdx)));
}

/** Amount, (A) or (D) and Price, whatever cells they ended up in. */
function readMashedAmounts(b: RowBuilder, middle: readonly Cell[]): void {
  const adAt = middle.flatMap((c, j) => (isAcquiredDisposedLike(c.text) ? [j] : []));
  if (adAt.length > 1) {
    b.problem("(A) or (D) is given more than once; not read");
    b.unread("acquiredDisposed");
  }
  const ad = adAt.length === 1 ? (adAt[0] ?? -1) : -1;
  if (ad >= 0) b.set("acquiredDisposed", middle[ad]);

  const tokens: { value: number; written: string; ids: string[]; cell: number }[] = [];
  const loneIds: { ids: string[]; cell: number }[] = [];
  for (const [j, cell] of middle.entries()) {
    if (j === ad || adAt.includes(j) || isBlank(cell)) continue;
    const amounts = amountsInCell(cell.raw);
    if (amounts === null) {
      b.problem(`could not read the amounts in "${cell.text}"; shares and price not read`);
      b.unread("shares", "price");
      return;
    }
    if (amounts.length === 0) loneIds.push({ ids: cell.footnoteIds, cell: j });
    for (const a of amounts) tokens.push({ ...a, ids: a.footnoteIds, cell: j });
  }
  const idsBefore = loneIds.filter((l) => ad >= 0 && l.cell < ad).flatMap((l) => l.ids);
  const idsAfter = loneIds.filter((l) => !(ad >= 0 && l.cell < ad)).flatMap((l) => l.ids);

  const [first, second] = tokens;
  if (tokens.length === 2 && first && second) {
    b.setValue("shares", first.value, first.ids);
    b.setValue("price", second.value, [...second.ids, ...idsAfter]);
  } else if (tokens.length === 1 && first && ad >= 0 && first.cell < ad) {
    b.setValue("shares", first.value, first.ids);
    if (idsAfter.length > 0) b.setValue("price", null, idsAfter);
  } else if (tokens.length === 1 && first) {
    b.problem(
      `one amount "${first.written}" where shares and price belong; it is not clear which, so neither was read`,
    );
    b.unread("shares", "price");
  } else if (tokens.length > 2) {
    b.problem(
      `${tokens.length} amounts (${tokens.map((t) => t.written).join(", ")}) where shares and price belong; not read`,
    );
    b.unread("shares", "price");
  } else {
    if (idsBefore.length > 0) b.setValue("shares", null, idsBefore);
    if (idsAfter.length > 0) b.setValue("price", null, idsAfter);
  }
}

type NumberField =
  | "shares"
  | "price"
  | "sharesOwnedAfter"
  | "valueOwnedAfter"
  | "exercisePrice"
  | "underlyingShares";

class RowBuilder {
  readonly row: Row;
  readonly problems: string[] = [];
  private readonly unreadable = new Set<Field>();
  private readonly vIds: string[] = [];
  private sharesA: Cell | null = null;
  private sharesD: Cell | null = null;
  /** A date or code cell had text: the row reports a change, not only a holding. */
  private sawTransaction = false;
  skipMissingCheck = false;

  constructor(
    table: Table,
    private readonly where: string,
    private readonly trustPositions: boolean,
  ) {
    this.row = emptyRow(table, "transaction", 0);
  }

  problem(text: string): void {
    this.problems.push(`${this.where}: ${text}`);
  }

  unread(...fields: Field[]): void {
    for (const f of fields) this.unreadable.add(f);
  }

  setValue(field: NumberField, value: number | null, ids: readonly string[]): void {
    this.row[field] = fact(value, unique([...ids]));
  }

  set(field: Field, cell: Cell | undefined): void {
    if (!cell) return;
    const { text, footnoteIds: ids } = cell;
    const row = this.row;
    switch (field) {
      case "security":
      case "nature":
      case "underlyingSecurity":
        row[field] = fact(text === "" ? null : text, ids);
        return;
      case "date":
      case "deemedDate":
      case "exerciseDate":
      case "expirationDate": {
        if (field === "date" && text !== "") this.sawTransaction = true;
        const value = parseDate(text);
        if (text !== "" && value === null) this.bad(field, text, "is not a date");
        row[field] = fact(value, ids);
        return;
      }
      case "code": {
        if (text !== "") this.sawTransaction = true;
        const m = /^([A-Z])(?:\s*V)?$/.exec(text);
        if (text !== "" && !m) this.bad(field, text, "is not a transaction code");
        row.code = fact(m?.[1] ?? null, [...row.code.footnoteIds, ...ids]);
        return;
      }
      case "v":
        this.vIds.push(...ids);
        return;
      case "acquiredDisposed": {
        const m = /^\(?([AD])\)?$/.exec(text);
        if (text !== "" && !m) this.bad(field, text, "is neither A nor D");
        row.acquiredDisposed = fact(m?.[1] === "A" || m?.[1] === "D" ? m[1] : null, ids);
        return;
      }
      case "ownership": {
        const m = /^\(?([DI])\)?$/.exec(text);
        if (text !== "" && !m) this.bad(field, text, "is neither D nor I");
        row.ownership = fact(m?.[1] === "D" || m?.[1] === "I" ? m[1] : null, ids);
        return;
      }
      case "sharesA":
        this.sharesA = cell;
        return;
      case "sharesD":
        this.sharesD = cell;
        return;
      case "sharesOwnedAfter":
        // The page writes a value owned after (instead of shares) with a "$".
        if (this.trustPositions && text.startsWith("$")) {
          this.number("valueOwnedAfter", field, cell);
          return;
        }
        this.number("sharesOwnedAfter", field, cell);
        return;
      case "shares":
      case "price":
      case "exercisePrice":
      case "underlyingShares":
        this.number(field, field, cell);
        return;
    }
  }

  private number(target: NumberField, field: Field, cell: Cell): void {
    const value = parseNumber(cell.text);
    if (cell.text !== "" && value === null) this.bad(field, cell.text, "is not a number");
    this.row[target] = fact(value, cell.footnoteIds);
  }

  private bad(field: Field, text: string, what: string): void {
    this.problem(`${LABEL[field]} "${text}" ${what}`);
    this.unread(field);
  }

  /** Table II: the amount stands in the (A) or the (D) column. */
  private resolveDerivativeShares(): void {
    const a = this.sharesA;
    const d = this.sharesD;
    if (!a && !d) return;
    const aText = a?.text ?? "";
    const dText = d?.text ?? "";
    const ids = unique([...(a?.footnoteIds ?? []), ...(d?.footnoteIds ?? [])]);
    if (aText !== "" && dText !== "") {
      this.problem(
        `shares stand in both the (A) and the (D) column ("${aText}", "${dText}"); not read`,
      );
      this.unread("shares", "acquiredDisposed");
      this.row.shares = fact<number>(null, ids);
      return;
    }
    const written = aText !== "" ? aText : dText;
    const value = parseNumber(written);
    if (written !== "" && value === null) this.bad("shares", written, "is not a number");
    this.row.shares = fact(value, ids);
    if (aText !== "") this.row.acquiredDisposed = fact("A");
    else if (dText !== "") this.row.acquiredDisposed = fact("D");
  }

  finish(): Row {
    this.resolveDerivativeShares();
    const row = this.row;
    if (this.vIds.length > 0)
      row.code = fact(row.code.value, unique([...row.code.footnoteIds, ...this.vIds]));
    row.kind = this.sawTransaction ? "transaction" : "holding";
    if (!this.skipMissingCheck) this.reportMissing();
    row.problems = this.problems;
    return row;
  }

  private reportMissing(): void {
    const row = this.row;
    const derivative = row.table === "derivative";
    const wanted: Field[] =
      row.kind === "transaction"
        ? derivative
          ? [
              "security",
              "date",
              "code",
              "shares",
              "acquiredDisposed",
              "sharesOwnedAfter",
              "ownership",
            ]
          : [
              "security",
              "date",
              "code",
              "shares",
              "price",
              "acquiredDisposed",
              "sharesOwnedAfter",
              "ownership",
            ]
        : derivative
          ? ["security", "ownership"]
          : ["security", "sharesOwnedAfter", "ownership"];
    const missing = wanted.filter((f) => {
      if (this.unreadable.has(f)) return false;
      if (f === "sharesOwnedAfter") {
        return isEmpty(row.sharesOwnedAfter) && isEmpty(row.valueOwnedAfter);
      }
      const value = factOf(row, f);
      return value !== null && isEmpty(value);
    });
    if (missing.length > 0) {
      const words = missing.map((f) => LABEL[f]);
      const list =
        words.length === 1
          ? (words[0] ?? "")
          : `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
      this.problem(`${list} ${words.length === 1 ? "is" : "are"} missing`);
    }
  }
}

function isEmpty(f: Fact<unknown>): boolean {
  return f.value === null && f.footnoteIds.length === 0;
}

function factOf(row: Row, field: Field): Fact<unknown> | null {
  switch (field) {
    case "security":
    case "date":
    case "deemedDate":
    case "code":
    case "shares":
    case "acquiredDisposed":
    case "price":
    case "sharesOwnedAfter":
    case "ownership":
    case "nature":
    case "exercisePrice":
    case "exerciseDate":
    case "expirationDate":
    case "underlyingSecurity":
    case "underlyingShares":
      return row[field];
    default:
      return null;
  }
}
