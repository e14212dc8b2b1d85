// The history chart: its data are the aggregation's, the bars' heights follow them (checked on the
// Vega scene before anything is drawn), and the PNG is a real picture of the stated size.
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { chartView, renderHistoryChart } from "../../src/history/chart-render.js";
import {
  CHART_HEIGHT,
  CHART_WIDTH,
  chartAltText,
  chartData,
  historyChartSpec,
} from "../../src/history/chart-spec.js";
import { OTHERS } from "../../src/history/model.js";
import { busyHistory } from "./busy-history.js";

const history = busyHistory();

interface SceneItem {
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  datum?: Record<string, unknown>;
  items?: SceneItem[];
  name?: string;
  marktype?: string;
}

/** The items of every mark named `name` in the scene (Vega may split one mark into groups). */
function markItems(node: SceneItem, name: string): SceneItem[] {
  if (node.name === name) return node.items ?? [];
  return (node.items ?? []).flatMap((child) => markItems(child, name));
}

describe("the chart's data", () => {
  const rows = chartData(history);

  it("per month and kind, the bars add up to the aggregation's month buckets", () => {
    expect(history.openMarket.boughtValue).toBeGreaterThan(0);
    expect(history.openMarket.planSoldValue).toBeGreaterThan(0);
    for (const bucket of history.months) {
      const of = (kind: string) =>
        rows
          .filter((r) => r.month === bucket.month && r.kind === kind)
          .reduce((t, r) => t + r.value, 0);
      expect(of("buy")).toBeCloseTo(bucket.openMarket.boughtValue, 4);
      expect(-(of("sale") + of("planSale"))).toBeCloseTo(bucket.openMarket.soldValue, 4);
      expect(-of("planSale")).toBeCloseTo(bucket.openMarket.planSoldValue, 4);
    }
  });

  it("per insider, the named ones' bars add up to the table's $ traded", () => {
    for (const insider of history.insiders.slice(0, history.chartInsiders.length)) {
      const total = rows
        .filter((r) => r.insider === insider.name)
        .reduce((t, r) => t + Math.abs(r.value), 0);
      expect(total).toBeCloseTo(insider.tradedValue, 4);
    }
    const others = history.insiders.slice(history.chartInsiders.length);
    const othersTotal = rows
      .filter((r) => r.insider === OTHERS)
      .reduce((t, r) => t + Math.abs(r.value), 0);
    expect(othersTotal).toBeCloseTo(
      others.reduce((t, i) => t + i.tradedValue, 0),
      4,
    );
  });

  it("the spec carries exactly these rows", () => {
    const spec = historyChartSpec(history) as {
      layer: { name?: string; data: { values: unknown[] } }[];
    };
    const bars = spec.layer.find((l) => l.name === "bars");
    expect(bars?.data.values).toEqual(rows);
  });

  it("says what it shows in its alt text", () => {
    const alt = chartAltText(history);
    expect(alt).toContain("BUSY");
    expect(alt).toMatch(
      /Bought \$[\d.]+M \(bars up\), sold \$[\d.]+M, of which \$[\d.]+M under 10b5-1 plans/,
    );
    expect(alt).toContain(history.chartInsiders[0]);
  });
});

describe("the drawn bars", () => {
  it("are as tall as their $, on one scale, sales below the axis and buys above", async () => {
    const view = await chartView(historyChartSpec(history));
    const items = markItems(
      (view.scenegraph() as unknown as { root: SceneItem }).root,
      "bars_marks",
    );
    const rows = chartData(history);
    expect(items).toHaveLength(rows.length);
    const perDollar = items.map((i) => (i.height ?? 0) / Math.abs(Number(i.datum?.value)));
    const scale = perDollar[0] ?? 0;
    expect(scale).toBeGreaterThan(0);
    for (const p of perDollar) expect(Math.abs(p - scale) / scale).toBeLessThan(1e-6);
    // The zero line: every buy ends on it from above, every sale stacks from it downwards.
    const zero = Math.min(
      ...items
        .filter((i) => Number(i.datum?.value) < 0)
        .map((i) => i.y ?? Number.POSITIVE_INFINITY),
    );
    for (const i of items) {
      if (Number(i.datum?.value) > 0)
        expect((i.y ?? 0) + (i.height ?? 0)).toBeLessThanOrEqual(zero + 1e-6);
      else expect(i.y ?? 0).toBeGreaterThanOrEqual(zero - 1e-6);
    }
    // The tallest month's sales stack is as tall as the largest month's $ sold.
    const biggest = Math.max(...history.months.map((m) => m.openMarket.soldValue));
    const byMonth = new Map<string, number>();
    for (const i of items) {
      if (Number(i.datum?.value) >= 0) continue;
      const m = String(i.datum?.month);
      byMonth.set(m, (byMonth.get(m) ?? 0) + (i.height ?? 0));
    }
    expect(Math.max(...byMonth.values())).toBeCloseTo(biggest * scale, 3);
    view.finalize();
  });
});

describe("the PNG", () => {
  it("is a valid PNG of the stated size, not blank, with the insiders' colours in it", async () => {
    const chart = await renderHistoryChart(history);
    expect(chart.png.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
    const png = PNG.sync.read(chart.png);
    expect([png.width, png.height]).toEqual([CHART_WIDTH, CHART_HEIGHT]);
    let white = 0;
    const colours = new Set<string>();
    for (let i = 0; i < png.data.length; i += 4) {
      const [r, g, b] = [png.data[i], png.data[i + 1], png.data[i + 2]];
      if (r === 255 && g === 255 && b === 255) white++;
      colours.add(`${r},${g},${b}`);
    }
    const pixels = png.width * png.height;
    expect(white / pixels).toBeLessThan(0.9);
    expect(colours.size).toBeGreaterThan(50);
    // The first three insiders' colours (Okabe–Ito blue, orange, green) are drawn (the first
    // two all under 10b5-1 plans, so lighter over the red band; the third at full strength).
    expect(colours.has("0,158,115")).toBe(true);
    // The SVG names the font the PNG was drawn with, and the title is in it.
    expect(chart.svg).toContain("Inter");
    expect(chart.svg).toContain("BUSY insiders");
  });
});

describe("a window without open-market trades", () => {
  it("draws the bands and says so, with no bars and no insiders' legend", async () => {
    const empty = {
      ...history,
      insiders: [],
      chartInsiders: [],
      months: history.months.map((m) => ({ ...m, series: [] })),
    };
    expect(chartData(empty)).toEqual([]);
    const chart = await renderHistoryChart(empty);
    expect(chart.svg).toContain("No open-market purchases or sales in this window");
    const png = PNG.sync.read(chart.png);
    expect([png.width, png.height]).toEqual([CHART_WIDTH, CHART_HEIGHT]);
  });
});
