// Totals per transaction code (Table I) and trade groups (per table, code and direction). Pure.
//
// A missing price is unknown, never $0: such rows count in `shares` but not in `pricedShares`,
// `averagePrice` or `value`. A stated $0 (grants) is a price of $0 and counts. Missing shares that
// cannot be inferred are counted in `unknownShareRows`, so no total passes for more than it is.

import { describeCode, mirrorsTableI } from "./codes.js";
import type { AcquiredDisposed, Table } from "./model.js";
import type { PreparedRow } from "./summarize-rows.js";
import type { CodeTotals, TradeGroup } from "./summary.js";

/** The totals key for rows without a transaction code. */
export const NO_CODE_KEY = "?";

interface Accumulator {
  shares: number;
  unknownShareRows: number;
  pricedShares: number;
  value: number;
  minPrice: number | null;
  maxPrice: number | null;
}

function emptyAccumulator(): Accumulator {
  return {
    shares: 0,
    unknownShareRows: 0,
    pricedShares: 0,
    value: 0,
    minPrice: null,
    maxPrice: null,
  };
}

function add(acc: Accumulator, row: PreparedRow): void {
  const price = row.row.price.value;
  if (row.shares !== null) acc.shares += row.shares;
  else acc.unknownShareRows++;
  if (price !== null) {
    // A weighted-average row's real trades went as low / high as the footnote's range.
    const low = row.priceRange?.min ?? price;
    const high = row.priceRange?.max ?? price;
    acc.minPrice = acc.minPrice === null ? low : Math.min(acc.minPrice, low);
    acc.maxPrice = acc.maxPrice === null ? high : Math.max(acc.maxPrice, high);
    if (row.shares !== null) {
      acc.pricedShares += row.shares;
      acc.value += row.shares * price;
    }
  }
}

// Sums of decimal prices carry binary noise (21857.999999999996); money and share counts are
// rounded back to what the filing's decimals can express.
function clean(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

function finish(acc: Accumulator): CodeTotals {
  const value = clean(acc.value);
  const pricedShares = clean(acc.pricedShares);
  return {
    shares: clean(acc.shares),
    pricedShares,
    averagePrice: pricedShares > 0 ? value / pricedShares : null,
    minPrice: acc.minPrice,
    maxPrice: acc.maxPrice,
    value,
    unknownShareRows: acc.unknownShareRows,
  };
}

function transactions(rows: readonly PreparedRow[]): PreparedRow[] {
  return rows.filter((r) => r.row.kind === "transaction");
}

/** Table I totals keyed by transaction code (all owners together), codes in first-seen order. */
export function codeTotals(rows: readonly PreparedRow[]): Record<string, CodeTotals> {
  const accs = new Map<string, Accumulator>();
  for (const row of transactions(rows)) {
    if (row.row.table !== "nonDerivative") continue;
    const key = row.code ?? NO_CODE_KEY;
    const acc = accs.get(key) ?? emptyAccumulator();
    add(acc, row);
    accs.set(key, acc);
  }
  const out: Record<string, CodeTotals> = {};
  for (const [key, acc] of accs) out[key] = finish(acc);
  return out;
}

interface GroupBuilder {
  table: Table;
  code: string | null;
  acquiredDisposed: AcquiredDisposed | null;
  acc: Accumulator;
  securities: string[];
  dates: Set<string>;
  rowCount: number;
  inferredShares: number;
  unpricedShares: number;
  plans: (boolean | null)[];
  order: number;
}

/** All true → true, all false → false, anything mixed or unknown → null. */
function groupPlan(plans: readonly (boolean | null)[]): boolean | null {
  if (plans.length > 0 && plans.every((p) => p === true)) return true;
  if (plans.length > 0 && plans.every((p) => p === false)) return false;
  return null;
}

/**
 * Trades grouped by table, code and direction, for people to read: Table I first, then Table II,
 * the largest value first within each table (then the most shares, then document order).
 */
export function tradeGroups(
  rows: readonly PreparedRow[],
  planByRow: ReadonlyMap<PreparedRow, boolean | null>,
): TradeGroup[] {
  const builders = new Map<string, GroupBuilder>();
  for (const row of transactions(rows)) {
    const key = `${row.row.table}|${row.code ?? ""}|${row.acquiredDisposed ?? ""}`;
    let b = builders.get(key);
    if (!b) {
      b = {
        table: row.row.table,
        code: row.code,
        acquiredDisposed: row.acquiredDisposed,
        acc: emptyAccumulator(),
        securities: [],
        dates: new Set(),
        rowCount: 0,
        inferredShares: 0,
        unpricedShares: 0,
        plans: [],
        order: builders.size,
      };
      builders.set(key, b);
    }
    add(b.acc, row);
    if (row.security !== null && !b.securities.includes(row.security))
      b.securities.push(row.security);
    if (row.row.date.value !== null) b.dates.add(row.row.date.value);
    b.rowCount++;
    if (row.inferred && row.shares !== null) b.inferredShares += row.shares;
    if (row.row.price.value === null && row.shares !== null) b.unpricedShares += row.shares;
    b.plans.push(planByRow.get(row) ?? null);
  }
  const built = [...builders.values()].map((b) => ({
    order: b.order,
    group: {
      table: b.table,
      code: b.code,
      description: describeCode(b.code),
      acquiredDisposed: b.acquiredDisposed,
      securities: b.securities,
      dates: [...b.dates].sort(),
      rowCount: b.rowCount,
      inferredShares: clean(b.inferredShares),
      unpricedShares: clean(b.unpricedShares),
      plan10b51: groupPlan(b.plans),
      ...finish(b.acc),
      mirrored: false,
      exercisedFrom: [],
      vesting: false,
    } satisfies TradeGroup,
  }));
  built.sort((x, y) => {
    if (x.group.table !== y.group.table) return x.group.table === "nonDerivative" ? -1 : 1;
    if (x.group.value !== y.group.value) return y.group.value - x.group.value;
    if (x.group.shares !== y.group.shares) return y.group.shares - x.group.shares;
    return x.order - y.order;
  });
  const groups = built.map((b) => b.group);
  pairExercises(groups);
  return groups;
}

// Restricted / performance stock units: what vests, rather than being exercised.
const UNITS =
  /\b(?:restricted\s+stock\s+units?|RSUs?|PSUs?|performance(?:[-\s]+based)?\s+(?:restricted\s+)?(?:share|stock)\s+units?|(?:deferred\s+|phantom\s+)?stock\s+units?)\b/i;

function isUnits(securities: readonly string[]): boolean {
  return securities.length > 0 && securities.every((s) => UNITS.test(s));
}

function sameDays(a: TradeGroup, b: TradeGroup): boolean {
  return a.dates.length === 0 || b.dates.length === 0 || a.dates.some((d) => b.dates.includes(d));
}

/**
 * An exercise or conversion is one event told twice: the derivative given up (Table II, D) and
 * what it gave (Table I or Table II, A), on the same day. The given-up side is marked `mirrored`,
 * the acquired side learns what it came from, and units that vest are told apart from options.
 */
function pairExercises(groups: TradeGroup[]): void {
  const given = groups.filter(
    (g) => g.table === "derivative" && mirrorsTableI(g.code) && g.acquiredDisposed !== "A",
  );
  const gained = groups.filter(
    (g) => mirrorsTableI(g.code) && g.acquiredDisposed !== "D" && !given.includes(g),
  );
  for (const source of given) {
    const results = gained.filter((g) => sameDays(source, g));
    if (isUnits(source.securities)) source.vesting = true;
    if (results.length === 0) continue;
    source.mirrored = true;
    for (const r of results) {
      for (const s of source.securities) if (!r.exercisedFrom.includes(s)) r.exercisedFrom.push(s);
    }
  }
  for (const g of gained) if (isUnits(g.exercisedFrom)) g.vesting = true;
}
