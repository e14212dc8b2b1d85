// 1. Engine: parse + summarize every fixture, many times, next to the floor (floors.ts) over the
// same text. Engine and floor runs alternate, so noise from other work on the machine hits both.

import { Buffer } from "node:buffer";
import type { InputForm } from "../src/form4/model.js";
import { detectForm, parseFiling } from "../src/form4/parse/index.js";
import { summarize } from "../src/form4/summarize.js";
import { form4FixtureNames, readForm4Fixture, readSeed } from "../test/fixtures.js";
import { FLOOR_NAMES, FLOORS, TREE_NAMES, TREES } from "./floors.js";
import { type Distribution, distribution, nowMs, round, roundDistribution } from "./stats.js";

export interface Input {
  name: string;
  form: InputForm;
  text: string;
  bytes: number;
}

export interface FormResult {
  form: InputForm;
  files: number;
  bytes: number;
  floor: string;
  runs: number;
  /** Engine time per filing (batch time / files), ms. */
  engineMsPerFiling: Distribution;
  floorMsPerFiling: Distribution;
  /** The tree the reader walks, built and nothing else (null for text, read line by line). */
  tree: string | null;
  treeMsPerFiling: Distribution | null;
  /** Median tree batch time / median floor batch time. */
  treeRatio: number | null;
  filingsPerSecond: number;
  mbPerSecond: number;
  floorMbPerSecond: number;
  /** Median engine batch time / median floor batch time. */
  ratio: number;
  /** The filing with the highest ratio of its own medians. */
  worst: { name: string; engineMs: number; floorMs: number; ratio: number };
}

export interface EngineResult {
  warmupRuns: number;
  forms: FormResult[];
}

const FORM_ORDER: InputForm[] = ["xml", "submission", "html", "text"];

/** Every shared Form 4 fixture and the seed, with the form the engine detects. */
export function loadInputs(): Input[] {
  const named = form4FixtureNames()
    .filter((name) => /\.(xml|txt|nc|html?)$/i.test(name))
    .map((name) => ({ name, text: readForm4Fixture(name) }));
  named.push({ name: "seed: asti-form4-2007-11-14.txt", text: readSeed() });
  const inputs: Input[] = [];
  for (const { name, text } of named) {
    const form = detectForm(text);
    if (form === null) throw new Error(`bench: ${name} is not a Form 4 the engine recognizes`);
    inputs.push({ name, form, text, bytes: Buffer.byteLength(text, "utf8") });
  }
  return inputs;
}

/** What the engine does for one filing; the returned number keeps the work from being optimized away. */
export function engine(text: string): number {
  const filing = parseFiling(text);
  const summary = summarize(filing, { filedDate: filing.filedDate });
  return summary.transactions.length + filing.rows.length;
}

export interface EngineOptions {
  warmupRuns: number;
  /** At least this many measured runs per form… */
  minRuns: number;
  /** …and more while the form's time budget lasts, up to maxRuns. */
  maxRuns: number;
  budgetMsPerForm: number;
}

export function runEngine(inputs: Input[], options: EngineOptions): EngineResult {
  // Every input must read: a benchmark of a failing parse would measure the wrong thing.
  for (const input of inputs) engine(input.text);
  let sink = 0;
  const forms: FormResult[] = [];
  for (const form of FORM_ORDER) {
    const batch = inputs.filter((i) => i.form === form);
    if (batch.length === 0) continue;
    const floor = FLOORS[form];
    const tree = TREES[form];
    const perFileEngine = batch.map(() => [] as number[]);
    const perFileFloor = batch.map(() => [] as number[]);
    const engineRuns: number[] = [];
    const floorRuns: number[] = [];
    const treeRuns: number[] = [];

    const once = (record: boolean) => {
      let engineTotal = 0;
      let floorTotal = 0;
      let treeTotal = 0;
      batch.forEach((input, k) => {
        const t0 = nowMs();
        sink += engine(input.text);
        const t1 = nowMs();
        floor(input.text);
        const t2 = nowMs();
        tree?.(input.text);
        const t3 = nowMs();
        engineTotal += t1 - t0;
        floorTotal += t2 - t1;
        treeTotal += t3 - t2;
        if (record) {
          perFileEngine[k]?.push(t1 - t0);
          perFileFloor[k]?.push(t2 - t1);
        }
      });
      if (record) {
        engineRuns.push(engineTotal);
        floorRuns.push(floorTotal);
        treeRuns.push(treeTotal);
      }
    };

    for (let i = 0; i < options.warmupRuns; i++) once(false);
    const started = nowMs();
    while (
      engineRuns.length < options.minRuns ||
      (engineRuns.length < options.maxRuns && nowMs() - started < options.budgetMsPerForm)
    ) {
      once(true);
    }

    const files = batch.length;
    const bytes = batch.reduce((s, i) => s + i.bytes, 0);
    const engineRun = distribution(engineRuns);
    const floorRun = distribution(floorRuns);
    const treeRun = distribution(treeRuns);
    const perFiling = (d: Distribution): Distribution => ({
      n: d.n,
      median: d.median / files,
      p99: d.p99 / files,
      min: d.min / files,
      max: d.max / files,
    });
    let worst = { name: "", engineMs: 0, floorMs: 0, ratio: 0 };
    batch.forEach((input, k) => {
      const e = distribution(perFileEngine[k] ?? []).median;
      const f = distribution(perFileFloor[k] ?? []).median;
      if (e / f > worst.ratio) worst = { name: input.name, engineMs: e, floorMs: f, ratio: e / f };
    });
    forms.push({
      form,
      files,
      bytes,
      floor: FLOOR_NAMES[form],
      runs: engineRuns.length,
      engineMsPerFiling: roundDistribution(perFiling(engineRun), 4),
      floorMsPerFiling: roundDistribution(perFiling(floorRun), 4),
      tree: TREE_NAMES[form],
      treeMsPerFiling: tree ? roundDistribution(perFiling(treeRun), 4) : null,
      treeRatio: tree ? round(treeRun.median / floorRun.median, 2) : null,
      filingsPerSecond: round((files * 1000) / engineRun.median, 0),
      mbPerSecond: round(bytes / 1e6 / (engineRun.median / 1000), 2),
      floorMbPerSecond: round(bytes / 1e6 / (floorRun.median / 1000), 2),
      ratio: round(engineRun.median / floorRun.median, 2),
      worst: {
        name: worst.name,
        engineMs: round(worst.engineMs, 4),
        floorMs: round(worst.floorMs, 4),
        ratio: round(worst.ratio, 2),
      },
    });
  }
  if (sink === -1) console.log(sink); // never true; keeps `sink` alive
  return { warmupRuns: options.warmupRuns, forms };
}
