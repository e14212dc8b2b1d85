// The engine in CPU time, stage by stage, next to named floors: what each reader costs over the
// least any reader of its form can cost, on the shared fixtures, plus a scaling line of one XML
// filing at 1 to 3,000 rows. CPU time (process.cpuUsage), not the wall clock, so other work on a
// shared machine moves the figures little; every figure is the median of repeated batches, with
// the spread (p10–p90) beside it.
//
// Floors (the tokenizers the readers build on, with callbacks that do nothing):
//   xml, submission  htmlparser2 `Tokenizer` (xmlMode) — the tokenizer alone, not its Parser
//   html             parse5 `Tokenizer`, and htmlparser2's `Tokenizer` beside it
//   text             a line split

import { setImmediate as yieldToLoop } from "node:timers/promises";
import { Tokenizer } from "htmlparser2";
import { parseHtmlDom } from "../src/form4/parse/bounded-dom.js";
import { detectForm, parseFiling } from "../src/form4/parse/index.js";
import { readXmlTree } from "../src/form4/parse/xml-tree.js";
import { summarize } from "../src/form4/summarize.js";
import { form4FixtureNames, readForm4Fixture, readSeed } from "../test/fixtures.js";
import { htmlFloor, insideXml } from "./floors.js";
import type { BenchStep, StepContext } from "./steps.js";

// ------------------------------------------------------------------------------------ floors

const noop = () => {};
const NO_CALLBACKS = {
  onattribdata: noop,
  onattribentity: noop,
  onattribend: noop,
  onattribname: noop,
  oncdata: noop,
  onclosetag: noop,
  oncomment: noop,
  ondeclaration: noop,
  onend: noop,
  onopentagend: noop,
  onopentagname: noop,
  onprocessinginstruction: noop,
  onselfclosingtag: noop,
  ontext: noop,
  ontextentity: noop,
};

function htmlparser2Tokenizer(text: string, xmlMode: boolean): void {
  const t = new Tokenizer({ xmlMode, decodeEntities: true }, NO_CALLBACKS);
  t.write(text);
  t.end();
}

// ------------------------------------------------------------------------------------ stages

type Stage = { name: string; run: (text: string) => unknown; floor?: boolean };

function parsed(text: string) {
  return parseFiling(text);
}

function parsedAndSummarized(text: string) {
  const filing = parseFiling(text);
  return summarize(filing, { filedDate: filing.filedDate });
}

const STAGES: Record<string, Stage[]> = {
  xml: [
    {
      name: "htmlparser2 Tokenizer (floor)",
      run: (t) => htmlparser2Tokenizer(t, true),
      floor: true,
    },
    { name: "tree (readXmlTree)", run: readXmlTree },
    { name: "parse (parseFiling)", run: parsed },
    { name: "parse + summarize", run: parsedAndSummarized },
  ],
  submission: [
    {
      name: "htmlparser2 Tokenizer of the <XML> (floor)",
      run: (t) => {
        for (const x of insideXml(t)) htmlparser2Tokenizer(x, true);
      },
      floor: true,
    },
    { name: "parse (parseFiling)", run: parsed },
    { name: "parse + summarize", run: parsedAndSummarized },
  ],
  html: [
    { name: "parse5 Tokenizer (floor)", run: htmlFloor, floor: true },
    { name: "htmlparser2 Tokenizer", run: (t) => htmlparser2Tokenizer(t, false) },
    { name: "tree (htmlparser2 DOM)", run: parseHtmlDom },
    { name: "parse (parseFiling)", run: parsed },
    { name: "parse + summarize", run: parsedAndSummarized },
  ],
  text: [
    { name: "line split (floor)", run: (t) => t.split(/\r\n|\r|\n/).length, floor: true },
    { name: "parse (parseFiling)", run: parsed },
    { name: "parse + summarize", run: parsedAndSummarized },
  ],
};

// ------------------------------------------------------------------------------------ timing

function cpuMicros(): number {
  const u = process.cpuUsage();
  return u.user + u.system;
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export interface Spread {
  /** CPU ms of one batch (every input of the form once): median, p10, p90. */
  median: number;
  p10: number;
  p90: number;
  repeats: number;
}

function spread(samples: number[]): Spread {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    median: quantile(sorted, 0.5),
    p10: quantile(sorted, 0.1),
    p90: quantile(sorted, 0.9),
    repeats: sorted.length,
  };
}

/**
 * CPU ms per batch for each stage, in the steady state a long-running bot reads in (the CLI's
 * one-shot cost, start-up included, is the startup step's). Each stage first runs for
 * `warmMicros` of CPU: until then V8 is still compiling (its compiler threads count in the
 * process's CPU time) and one cold batch can cost four times a warm one. The stages then take
 * turns batch by batch, so a burst of other work on the machine falls on all of them; a batch is
 * repeated until it has run for `minBatchMicros` of CPU, so the clock's resolution and a single
 * garbage collection matter little.
 */
async function measure(
  texts: readonly string[],
  stages: readonly Stage[],
  repeats: number,
  signal: AbortSignal,
  warmMicros: number,
): Promise<Spread[]> {
  const minBatchMicros = 20_000;
  // How many times a batch must run to last minBatchMicros, from the warm-up's own rate.
  const loops = stages.map((stage) => {
    const t0 = cpuMicros();
    let batches = 0;
    do {
      for (const t of texts) stage.run(t);
      batches++;
    } while (cpuMicros() - t0 < warmMicros && !signal.aborted);
    const once = Math.max(1, (cpuMicros() - t0) / batches);
    return Math.max(1, Math.ceil(minBatchMicros / once));
  });
  const samples = stages.map(() => [] as number[]);
  for (let r = 0; r < repeats && !signal.aborted; r++) {
    stages.forEach((stage, i) => {
      const n = loops[i] as number;
      const t0 = cpuMicros();
      for (let k = 0; k < n; k++) for (const t of texts) stage.run(t);
      samples[i]?.push((cpuMicros() - t0) / 1000 / n);
    });
    await yieldToLoop();
  }
  return samples.map(spread);
}

// ------------------------------------------------------------------------------------ scaling

/** One XML filing with its Table I transaction repeated to `rows` rows (holdings chained). */
export function xmlWithRows(rows: number): string {
  const xml = readForm4Fixture("msft-hogan-2024-03-11.xml");
  const open = xml.indexOf("<nonDerivativeTransaction>");
  const close = xml.indexOf("</nonDerivativeTransaction>") + "</nonDerivativeTransaction>".length;
  const one = xml.slice(open, close);
  return `${xml.slice(0, open)}${one.repeat(rows)}${xml.slice(close)}`;
}

export const SCALING_ROWS = [1, 10, 100, 1000, 3000];

// ------------------------------------------------------------------------------------ the step

export interface FormFigures {
  form: string;
  files: number;
  kb: number;
  stages: { name: string; cpuMsPerBatch: Spread; ratioToFloor: number }[];
}

export interface ScalingPoint {
  rows: number;
  kb: number;
  floorUsPerKb: number;
  engineUsPerKb: number;
  ratio: number;
}

export interface EngineCpuResult {
  forms: FormFigures[];
  scaling: ScalingPoint[];
}

function inputsByForm(): Map<string, string[]> {
  const texts = form4FixtureNames()
    .filter((name) => /\.(xml|txt|nc|html?)$/i.test(name))
    .map((name) => readForm4Fixture(name));
  texts.push(readSeed());
  const byForm = new Map<string, string[]>();
  for (const text of texts) {
    const form = detectForm(text);
    if (form === null) continue;
    const list = byForm.get(form) ?? [];
    list.push(text);
    byForm.set(form, list);
  }
  return byForm;
}

const sig = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

export async function runEngineCpu(context: StepContext): Promise<EngineCpuResult> {
  const repeats = context.quick ? 5 : 31;
  const warmMicros = context.quick ? 50_000 : 400_000;
  const forms: FormFigures[] = [];
  for (const [form, texts] of inputsByForm()) {
    const stages = STAGES[form];
    if (!stages) continue;
    context.progress(`engine: ${form} (${texts.length} files)`);
    // Every input must read: a benchmark of a failing parse measures the wrong thing.
    for (const t of texts) parsedAndSummarized(t);
    const figures = await measure(texts, stages, repeats, context.signal, warmMicros);
    const floor = figures[stages.findIndex((s) => s.floor)] as Spread;
    forms.push({
      form,
      files: texts.length,
      kb: texts.reduce((s, t) => s + t.length, 0) / 1024,
      stages: stages.map((s, i) => ({
        name: s.name,
        cpuMsPerBatch: figures[i] as Spread,
        ratioToFloor: (figures[i] as Spread).median / floor.median,
      })),
    });
  }
  const scaling: ScalingPoint[] = [];
  for (const rows of SCALING_ROWS) {
    if (context.signal.aborted) break;
    context.progress(`engine: scaling, ${rows} rows`);
    const text = xmlWithRows(rows);
    const [floor, engine] = await measure(
      [text],
      [STAGES.xml?.[0] as Stage, STAGES.xml?.[3] as Stage],
      context.quick ? 3 : 11,
      context.signal,
      warmMicros,
    );
    const kb = text.length / 1024;
    scaling.push({
      rows,
      kb,
      floorUsPerKb: ((floor as Spread).median * 1000) / kb,
      engineUsPerKb: ((engine as Spread).median * 1000) / kb,
      ratio: (engine as Spread).median / (floor as Spread).median,
    });
  }
  return { forms, scaling };
}

export function engineCpuLines(r: EngineCpuResult): string[] {
  const lines = [
    "Engine, CPU time (process.cpuUsage), median of repeated batches [p10–p90], ratio to the named floor",
  ];
  for (const f of r.forms) {
    lines.push(`  ${f.form}: ${f.files} files, ${f.kb.toFixed(0)} KB`);
    for (const s of f.stages) {
      const c = s.cpuMsPerBatch;
      lines.push(
        `    ${s.name.padEnd(44)} ${sig(c.median).padStart(7)} ms [${sig(c.p10)}–${sig(c.p90)}]  ${s.ratioToFloor.toFixed(2)}× floor  (n=${c.repeats})`,
      );
    }
  }
  lines.push(
    "  scaling, one XML filing (parse + summarize vs htmlparser2 Tokenizer), CPU µs per KB:",
  );
  for (const p of r.scaling) {
    lines.push(
      `    ${String(p.rows).padStart(5)} rows ${p.kb.toFixed(0).padStart(6)} KB  engine ${sig(p.engineUsPerKb).padStart(6)} µs/KB  floor ${sig(p.floorUsPerKb).padStart(5)} µs/KB  ${p.ratio.toFixed(2)}×`,
    );
  }
  return lines;
}

export const engineStep: BenchStep = {
  name: "engine",
  description: "engine CPU per stage vs named floors, and the 1–3,000-row scaling line",
  timeoutMs: 10 * 60_000,
  async run(context) {
    const result = await runEngineCpu(context);
    return { lines: engineCpuLines(result), result };
  },
};
