// `form4 history <TICKER> [--since 1y|YYYY-MM-DD] [--until YYYY-MM-DD] [--json] [--chart FILE.png]`:
// the insider history in the terminal, as JSON, and the chart as a PNG. src/cli.ts hands the
// arguments here and maps the errors to exit codes (usage 2, input 1).

import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import type { Form4Source } from "../edgar/types.js";
import { historyJson } from "../render/history-json.js";
import { historyText } from "../render/history-text.js";
import { renderHistoryChart } from "./chart-render.js";
import type { HistoryWindow } from "./model.js";
import { MAX_HISTORY_FILINGS, readHistory } from "./read.js";
import {
  DEFAULT_WINDOW_MONTHS,
  isoDate,
  MAX_WINDOW_MONTHS,
  parseWindowLength,
  windowOfMonths,
} from "./window.js";

export const HISTORY_USAGE = `Usage:
  form4 history <TICKER> [--since 1y|YYYY-MM-DD] [--until YYYY-MM-DD] [--json] [--chart FILE.png]

The company's insider history over a window of transaction dates: per insider, open-market (P/S)
shares and $ bought and sold, the share sold under 10b5-1 plans, trades, holdings after their
latest filing and other activity; the company's net. Every Form 4 / 4/A filed in the window is read
(at most ${MAX_HISTORY_FILINGS}, the newest), each once and cached, at EDGAR's 10 requests a second.

Options:
  --since 1y|DATE   3m, 6m, 1y, 2y (up to 5 years) or YYYY-MM-DD; default 1y
  --until DATE      the window's last day (YYYY-MM-DD); default today
  --json            the history as JSON (see docs/history-json.md)
  --chart FILE.png  also write the chart: $ bought and sold per month, by insider
  --color, --no-color
`;

export interface HistoryCliIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  needSource(): Promise<Form4Source>;
  usageError(message: string): Error;
  inputError(message: string): Error;
  /** Colour for the text output, from --color / --no-color and the terminal (src/cli/terminal.ts). */
  wantsColor?(flags: { color: boolean; noColor: boolean }): boolean;
  /** A progress line on a terminal while EDGAR is read; `update` replaces its label. */
  progress?(label: string): { stop(): void };
  /** Today (YYYY-MM-DD), the default end of the window; defaults to the UTC date now. */
  today?: () => string;
  writeFile?: (path: string, data: Uint8Array) => Promise<void>;
}

const TICKER = /^[A-Za-z][A-Za-z0-9]{0,9}(?:[.-][A-Za-z0-9]{1,4})?$/;

function parseWindow(
  since: string | undefined,
  until: string | undefined,
  io: HistoryCliIo,
): HistoryWindow {
  const end =
    until === undefined ? (io.today?.() ?? new Date().toISOString().slice(0, 10)) : isoDate(until);
  if (end === null) throw io.usageError(`--until must be a date like 2026-06-30, got "${until}"`);
  if (since === undefined) return windowOfMonths(DEFAULT_WINDOW_MONTHS, end);
  const months = parseWindowLength(since);
  if (months !== null) return windowOfMonths(months, end);
  const start = isoDate(since);
  if (start === null) {
    throw io.usageError(
      `--since must be a length (3m, 6m, 1y, 2y; at most ${MAX_WINDOW_MONTHS / 12} years) or a date like 2025-01-31, got "${since}"`,
    );
  }
  if (start > end) throw io.usageError(`--since ${start} is after --until ${end}`);
  const longest = windowOfMonths(MAX_WINDOW_MONTHS, end).since;
  if (start < longest) {
    throw io.usageError(
      `a history covers at most ${MAX_WINDOW_MONTHS / 12} years: --since ${longest} or later`,
    );
  }
  return { since: start, until: end };
}

export async function historyCommand(args: readonly string[], io: HistoryCliIo): Promise<void> {
  let values: {
    since?: string;
    until?: string;
    json?: boolean;
    chart?: string;
    color?: boolean;
    "no-color"?: boolean;
    help?: boolean;
  };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: {
        since: { type: "string" },
        until: { type: "string" },
        json: { type: "boolean", default: false },
        chart: { type: "string" },
        color: { type: "boolean", default: false },
        "no-color": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (err) {
    const text = err instanceof Error ? (err.message.split(". ")[0] ?? err.message) : String(err);
    throw io.usageError(text);
  }
  if (values.help) {
    io.stdout.write(HISTORY_USAGE);
    return;
  }
  const [ticker, ...extra] = positionals;
  if (ticker === undefined) throw io.usageError("history needs a ticker, like form4 history ASTI");
  if (!TICKER.test(ticker)) throw io.usageError(`"${ticker}" is not a ticker`);
  if (extra.length > 0) throw io.usageError(`unexpected "${extra[0]}" after the ticker`);
  if (values.chart !== undefined && !/\.png$/i.test(values.chart)) {
    throw io.usageError(
      `--chart writes a PNG: give a file name ending in .png, got "${values.chart}"`,
    );
  }
  const window = parseWindow(values.since, values.until, io);

  const source = await io.needSource();
  const label = `reading ${ticker.toUpperCase()}'s Form 4 filings on EDGAR`;
  let progress = io.progress?.(label) ?? { stop() {} };
  let history: Awaited<ReturnType<typeof readHistory>>;
  try {
    history = await readHistory(source, ticker.toUpperCase(), window, {
      onListed: (total) => {
        // Cold, EDGAR's 10 a second is the floor: say how long it may take.
        progress.stop();
        progress =
          io.progress?.(
            `reading ${total} filings (about ${Math.ceil(total / 10)} s when not cached)`,
          ) ?? progress;
      },
    });
  } finally {
    progress.stop();
  }
  if (values.chart !== undefined) {
    const chart = await renderHistoryChart(history);
    try {
      await (io.writeFile ?? writeFile)(values.chart, chart.png);
    } catch (err) {
      throw io.inputError(`cannot write ${values.chart}: ${(err as Error).message}`);
    }
  }
  if (values.json) {
    io.stdout.write(`${JSON.stringify(historyJson(history), null, 2)}\n`);
    if (values.chart !== undefined) io.stderr.write(`form4: chart written to ${values.chart}\n`);
    return;
  }
  io.stdout.write(
    historyText(history, { color: values.color === true, chartFile: values.chart ?? null }),
  );
}
