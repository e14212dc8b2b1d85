// The history chart as a Vega-Lite spec: $ bought (up) and sold (down) per month, stacked by
// insider (the top few named, the rest "Others"), 10b5-1 plan sales lighter. Its data are the
// aggregation's month buckets, so the chart and the table never disagree. Pure.

import { formatMoney, formatShares } from "../render/format.js";
import type { History } from "./model.js";
import { OTHERS } from "./model.js";

export const CHART_WIDTH = 1200;
export const CHART_HEIGHT = 640;
/** The font the chart names; the renderer loads its files (src/history/chart-render.ts). */
export const CHART_FONT = "Inter";

/** One bar segment: an insider's $ of one kind in one month; sales negative (drawn down). */
export interface ChartDatum {
  month: string;
  /** "Jan 2026" */
  monthLabel: string;
  insider: string;
  kind: "buy" | "sale" | "planSale";
  /** Dollars; sales negative. */
  value: number;
  /** Stacking order: named insiders first (largest $ nearest the axis), Others last. */
  order: number;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function monthLabel(month: string): string {
  const [y, m] = month.split("-");
  return `${MONTHS[Number(m) - 1] ?? m} ${y}`;
}

/**
 * Colour-blind-friendly categorical colours (Okabe–Ito's darker ones and a purple), none so light
 * that it could pass for a 10b5-1 (lighter) bar of another; Others grey.
 */
const INSIDER_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#6A51A3"];
const OTHERS_COLOUR = "#9AA0A6";
const BUY_TEXT = "#1B7F3B";
const KINDS = ["buy", "sale", "planSale"];
/** 10b5-1 plan sales are drawn lighter than the insider's other trades. */
const PLAN_OPACITY = 0.4;
const SELL_TEXT = "#B3261E";

/** The data rows of the chart, one per month × insider × kind with a $ value. */
export function chartData(history: History): ChartDatum[] {
  const order = new Map(history.chartInsiders.map((name, i) => [name, i]));
  const rows: ChartDatum[] = [];
  for (const bucket of history.months) {
    for (const s of bucket.series) {
      if (s.value <= 0) continue;
      rows.push({
        month: bucket.month,
        monthLabel: monthLabel(bucket.month),
        insider: s.insider,
        kind: s.kind,
        value: s.kind === "buy" ? s.value : -s.value,
        order: (order.get(s.insider) ?? history.chartInsiders.length) * 3 + kindRank(s.kind),
      });
    }
  }
  return rows;
}

function kindRank(kind: ChartDatum["kind"]): number {
  return kind === "buy" ? 0 : kind === "sale" ? 1 : 2;
}

/** The tallest stack up and down, so the axis has room on both sides and the labels fit. */
function extent(rows: readonly ChartDatum[]): { up: number; down: number } {
  const up = new Map<string, number>();
  const down = new Map<string, number>();
  for (const r of rows) {
    const side = r.value >= 0 ? up : down;
    side.set(r.month, (side.get(r.month) ?? 0) + Math.abs(r.value));
  }
  const max = (m: Map<string, number>) => Math.max(0, ...m.values());
  let u = max(up);
  let d = max(down);
  // An empty side still gets a band, so "Bought"/"Sold" and the zero line read at a glance.
  const big = Math.max(u, d, 1);
  u = Math.max(u, big * 0.12);
  d = Math.max(d, big * 0.12);
  return { up: u * 1.08, down: d * 1.08 };
}

function windowText(history: History): string {
  const { since, until } = history.window;
  return `${monthLabel(since.slice(0, 7))} – ${monthLabel(until.slice(0, 7))}`;
}

export function chartTitle(history: History): string {
  const who = history.company.ticker || history.company.name || `CIK ${history.company.cik}`;
  return `${who} insiders: open-market $ bought and sold per month, ${windowText(history)}`;
}

/** What the image shows, for people who cannot see it (Slack's alt text). */
export function chartAltText(history: History): string {
  const om = history.openMarket;
  const net = history.netValue;
  const named =
    history.chartInsiders.length > 0 ? `; named: ${history.chartInsiders.join(", ")}` : "";
  const plan =
    om.planSoldValue > 0 ? `, of which ${formatMoney(om.planSoldValue)} under 10b5-1 plans` : "";
  return (
    `Bar chart of ${chartTitle(history)}. Bought ${formatMoney(om.boughtValue)} (bars up), ` +
    `sold ${formatMoney(om.soldValue)}${plan} (bars down), net ${formatMoney(net)}; ` +
    `stacked by insider${named}.`
  );
}

/** The Vega-Lite spec (v6) for the history chart, `CHART_WIDTH` × `CHART_HEIGHT` pixels in all. */
export function historyChartSpec(history: History): Record<string, unknown> {
  const rows = chartData(history);
  const { up, down } = extent(rows);
  const months = history.months.map((b) => monthLabel(b.month));
  const insiders = [...history.chartInsiders];
  if (rows.some((r) => r.insider === OTHERS)) insiders.push(OTHERS);
  const colours = insiders.map((name, i) =>
    name === OTHERS ? OTHERS_COLOUR : (INSIDER_COLOURS[i % INSIDER_COLOURS.length] as string),
  );
  const om = history.openMarket;
  const subtitle = [
    `Bought ${formatMoney(om.boughtValue)} · sold ${formatMoney(om.soldValue)}` +
      (om.planSoldValue > 0 ? ` (${formatMoney(om.planSoldValue)} under 10b5-1 plans)` : "") +
      ` · net ${formatMoney(history.netValue)}`,
    [
      `From ${history.filingsCounted} Form 4 filings`,
      ...(rows.some((r) => r.kind === "planSale")
        ? ["lighter bars: sold under a Rule 10b5-1 plan"]
        : []),
      ...(om.unpricedShares > 0
        ? [`${formatShares(om.unpricedShares)} shares with no price reported are not in the $`]
        : []),
    ].join(" · "),
  ];
  const yScale = { domain: [-down, up], nice: false, zero: true };
  // The same axis on every layer: Vega-Lite merges the layers' axes, and one null drops it.
  const yAxis = {
    title: "$ per month",
    titleFontSize: 13,
    titleColor: "#5F6368",
    titleFontWeight: 400,
    labelFontSize: 13,
    labelColor: "#3C4043",
    tickCount: 8,
    // Sales are drawn down but are $ sold, not negative $; SI prefixes as people write money
    // ($1.2M, $450K, $3B), whole dollars below $1,000 (d3's "m" would read as millions).
    labelExpr:
      "abs(datum.value) < 1000 ? '$' + format(abs(datum.value), ',.0f') : '$' + replace(replace(format(abs(datum.value), '.3~s'), 'G', 'B'), 'k', 'K')",
    // With nothing drawn the scale has no $ to show.
    labels: rows.length > 0,
    grid: rows.length > 0,
    gridColor: "#E8EAED",
    domain: false,
    ticks: false,
  };
  const x = {
    field: "monthLabel",
    type: "ordinal",
    sort: months,
    scale: { domain: months, paddingInner: 0.25, paddingOuter: 0.15 },
    axis: {
      title: null,
      labelAngle: months.length > 14 ? -45 : 0,
      labelFontSize: 13,
      labelColor: "#3C4043",
      ticks: false,
      domain: false,
    },
  };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    autosize: { type: "fit", contains: "padding" },
    padding: { left: 16, right: 20, top: 16, bottom: 12 },
    background: "#FFFFFF",
    title: {
      text: chartTitle(history),
      subtitle,
      anchor: "start",
      fontSize: 20,
      fontWeight: 600,
      subtitleFontSize: 14,
      subtitleColor: "#5F6368",
      offset: 14,
    },
    config: {
      font: CHART_FONT,
      view: { stroke: null },
      axis: { labelFont: CHART_FONT, titleFont: CHART_FONT },
      legend: { labelFont: CHART_FONT, titleFont: CHART_FONT },
    },
    layer: [
      // Green band above the axis (bought), red below (sold).
      {
        data: {
          values: [
            { y: 0, y2: up, side: "buy" },
            { y: -down, y2: 0, side: "sell" },
          ],
        },
        mark: { type: "rect", opacity: 1 },
        encoding: {
          y: {
            field: "y",
            type: "quantitative",
            scale: yScale,
            axis: yAxis,
          },
          y2: { field: "y2" },
          color: {
            field: "side",
            type: "nominal",
            scale: { domain: ["buy", "sell"], range: ["#F1F8F3", "#FDF2F1"] },
            legend: null,
          },
        },
      },
      {
        data: { values: rows },
        name: "bars",
        mark: { type: "bar", stroke: "#FFFFFF", strokeWidth: 0.75 },
        encoding: {
          x,
          y: {
            field: "value",
            type: "quantitative",
            stack: "zero",
            scale: yScale,
            axis: yAxis,
          },
          color: {
            field: "insider",
            type: "nominal",
            scale: { domain: insiders, range: colours },
            legend:
              insiders.length === 0
                ? null
                : {
                    title: "Insider",
                    orient: "right",
                    direction: "vertical",
                    labelFontSize: 13,
                    titleFontSize: 13,
                    symbolType: "square",
                    symbolSize: 160,
                    labelLimit: 260,
                    columnPadding: 18,
                  },
          },
          opacity: {
            field: "kind",
            type: "nominal",
            sort: KINDS,
            scale: { type: "ordinal", domain: KINDS, range: [1, 1, PLAN_OPACITY] },
            // Said in the subtitle ("lighter bars: …"): the legend names the insiders only.
            legend: null,
          },
          order: { field: "order", type: "quantitative" },
        },
      },
      // The zero line.
      {
        data: { values: [{ y: 0 }] },
        mark: { type: "rule", color: "#3C4043", strokeWidth: 1.2 },
        encoding: { y: { field: "y", type: "quantitative", scale: yScale, axis: yAxis } },
      },
      // "Bought" and "Sold" written in their bands.
      bandLabel(up, "Bought \u2191", BUY_TEXT, "top", yScale, yAxis),
      bandLabel(-down, "Sold \u2193", SELL_TEXT, "bottom", yScale, yAxis),
      // Nothing to draw: said where the bars would be.
      ...(rows.length === 0
        ? [
            {
              data: {
                values: [
                  {
                    y: 0,
                    monthLabel: months[Math.floor((months.length - 1) / 2)],
                    text: "No open-market purchases or sales in this window",
                  },
                ],
              },
              mark: {
                type: "text",
                dy: -18,
                fontSize: 16,
                color: "#5F6368",
                align: months.length % 2 === 0 ? "left" : "center",
              },
              encoding: {
                x,
                y: { field: "y", type: "quantitative", scale: yScale, axis: yAxis },
                text: { field: "text" },
              },
            },
          ]
        : []),
    ],
    resolve: { scale: { color: "independent" } },
  };
}

function bandLabel(
  y: number,
  text: string,
  colour: string,
  baseline: "top" | "bottom",
  yScale: Record<string, unknown>,
  yAxis: Record<string, unknown>,
): Record<string, unknown> {
  return {
    data: { values: [{ y, text }] },
    mark: {
      type: "text",
      align: "left",
      baseline,
      dx: 8,
      dy: baseline === "top" ? 6 : -6,
      fontSize: 14,
      fontWeight: 600,
      color: colour,
    },
    encoding: {
      y: { field: "y", type: "quantitative", scale: yScale, axis: yAxis },
      x: { value: 0 },
      text: { field: "text" },
    },
  };
}
