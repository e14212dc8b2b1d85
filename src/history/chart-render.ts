// The history chart drawn: Vega-Lite spec → Vega scene → SVG (vega, no browser) → PNG (resvg, a
// native renderer shipped in its npm package). The font is Inter from an npm package, so the
// picture is the same on every machine, with nothing to install beside npm's packages.

import { createRequire } from "node:module";
import { Resvg } from "@resvg/resvg-js";
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { CHART_FONT, CHART_HEIGHT, CHART_WIDTH, historyChartSpec } from "./chart-spec.js";
import type { History } from "./model.js";

const require = createRequire(import.meta.url);
const FONT_FILES = ["400Regular/Inter_400Regular.ttf", "600SemiBold/Inter_600SemiBold.ttf"].map(
  (f) => require.resolve(`@expo-google-fonts/inter/${f}`),
);

/**
 * Inter's average advance widths (em) by kind of character, measured with resvg on the font files
 * above. Vega lays out labels and legends by text width; without a browser canvas it guesses 0.8 em
 * a character, which pushes legends off the picture and cuts labels short.
 */
const INTER_EM = { lower: 0.54, upper: 0.69, digit: 0.59, space: 0.28, narrow: 0.32, other: 0.62 };

function interWidth(text: string, fontSize: number, weight: unknown): number {
  let em = 0;
  for (const ch of text) {
    if (/[a-z]/.test(ch)) em += INTER_EM.lower;
    else if (/[A-Z]/.test(ch)) em += INTER_EM.upper;
    else if (/[0-9$]/.test(ch)) em += INTER_EM.digit;
    else if (ch === " ") em += INTER_EM.space;
    else if (/[.,:;'!|()\-ilI]/.test(ch)) em += INTER_EM.narrow;
    else em += INTER_EM.other;
  }
  const bold = Number(weight) >= 600 || weight === "bold" ? 1.03 : 1;
  return em * fontSize * bold;
}

interface TextItem {
  fontSize?: number;
  fontWeight?: unknown;
  text?: unknown;
}

let metricsSet = false;
/** Vega's text measuring, once per process: Inter's widths (Vega allows a user-defined width). */
function useInterMetrics(): void {
  if (metricsSet) return;
  const metrics = (vega as unknown as { textMetrics: { width: unknown } }).textMetrics;
  metrics.width = (item: TextItem, text: unknown) =>
    interWidth(String(text ?? item.text ?? "").trim(), item.fontSize ?? 11, item.fontWeight);
  metricsSet = true;
}

/** Vega-Lite's warnings go nowhere: the spec is ours and tested, not a person's input. */
const QUIET = {
  level: () => QUIET,
  error: () => QUIET,
  warn: () => QUIET,
  info: () => QUIET,
  debug: () => QUIET,
};

export interface RenderedChart {
  svg: string;
  png: Buffer;
  width: number;
  height: number;
}

/** The Vega view of a Vega-Lite spec, run (no renderer: the scene is made, nothing drawn). */
export async function chartView(spec: Record<string, unknown>): Promise<vega.View> {
  useInterMetrics();
  const compiled = compile(spec as unknown as TopLevelSpec, { logger: QUIET }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  await view.runAsync();
  return view;
}

export async function specToSvg(spec: Record<string, unknown>): Promise<string> {
  const view = await chartView(spec);
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export function svgToPng(svg: string, width = CHART_WIDTH): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: "width", value: width },
    background: "#FFFFFF",
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: CHART_FONT },
  });
  return resvg.render().asPng();
}

/** The history's chart as SVG and as a PNG of CHART_WIDTH × CHART_HEIGHT pixels. */
export async function renderHistoryChart(history: History): Promise<RenderedChart> {
  const svg = await specToSvg(historyChartSpec(history));
  const png = svgToPng(svg);
  return { svg, png, width: CHART_WIDTH, height: CHART_HEIGHT };
}
