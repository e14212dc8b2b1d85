// `form4 history` as people run it: the built CLI as a child process against the EDGAR stand-in
// serving the synthetic busy issuer (100 filings built from real ones).
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHART_HEIGHT, CHART_WIDTH } from "../../src/history/chart-spec.js";
import type { historyJson } from "../../src/render/history-json.js";
import { addBusyIssuer, BUSY_TICKER } from "../stand-ins/busy-issuer.js";
import { type EdgarStandIn, startEdgarStandIn } from "../stand-ins/edgar.js";
import { BUSY_UNTIL, busyExpected } from "./busy-history.js";

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BIN = join(ROOT, "bin/form4.js");

let edgar: EdgarStandIn;
let dir: string;

beforeAll(async () => {
  edgar = await startEdgarStandIn({ tickers: [BUSY_TICKER] });
  addBusyIssuer(edgar, { until: BUSY_UNTIL });
  dir = mkdtempSync(join(tmpdir(), "form4-history-cli-"));
});
afterAll(() => edgar.close());

async function form4(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = {
    PATH: process.env.PATH ?? "",
    SEC_USER_AGENT: "form4 tests tests@example.com",
    EDGAR_WWW_URL: edgar.url,
    EDGAR_DATA_URL: edgar.url,
    STORE_URL: `sqlite://${join(dir, "cli.sqlite")}`,
  };
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { cwd: dir, env });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

type HistoryJson = ReturnType<typeof historyJson>;

describe("form4 history", () => {
  it("--json: the totals follow the filings' rows; --chart writes the PNG", async () => {
    const chart = join(dir, "busy.png");
    const { code, stdout, stderr } = await form4(
      "history",
      "BUSY",
      "--until",
      BUSY_UNTIL,
      "--json",
      "--chart",
      chart,
    );
    expect(code).toBe(0);
    expect(stderr).toContain(`chart written to ${chart}`);
    const json = JSON.parse(stdout) as HistoryJson;
    const expected = busyExpected();
    expect(json.window).toEqual({ since: "2025-12-01", until: BUSY_UNTIL });
    expect(json.filingsRead).toBe(100);
    expect(json.filingsCounted).toBe(99);
    expect(json.openMarket.soldValue).toBeCloseTo(expected.total.soldValue, 2);
    expect(json.openMarket.boughtValue).toBeCloseTo(expected.total.boughtValue, 2);
    expect(json.openMarket.planSoldShares).toBeCloseTo(expected.total.planSoldShares, 4);
    expect(json.netValue).toBeCloseTo(expected.total.boughtValue - expected.total.soldValue, 2);
    expect(json.months).toHaveLength(12);
    expect(json.insiders[0]?.tradedValue).toBeGreaterThanOrEqual(
      json.insiders[1]?.tradedValue ?? 0,
    );
    const png = PNG.sync.read(readFileSync(chart));
    expect([png.width, png.height]).toEqual([CHART_WIDTH, CHART_HEIGHT]);
  });

  it("prints the table in the terminal, 10b5-1 share and holdings included", async () => {
    const { code, stdout } = await form4("history", "busy", "--until", BUSY_UNTIL, "--since", "6m");
    expect(code).toBe(0);
    expect(stdout).toContain(
      "Busy Example Corp (BUSY) · insider history May 31, 2026 – Nov 30, 2026",
    );
    expect(stdout).toMatch(/Insider\s+Role\s+Bought\s+Sold\s+10b5-1\s+Trades\s+Net\s+Holds after/);
    expect(stdout).toMatch(
      /Sundar Pichai\s+Director, CEO, Google LLC\s+-\s+[\d,]+ sh \$[\d.]+M\s+100%/,
    );
    expect(stdout).toContain("Other activity");
    expect(stdout).toMatch(/Net open-market −\$[\d.]+M: bought/);
  });

  it("says what is wrong with a bad call (exit 2) or an unknown ticker (exit 1)", async () => {
    expect((await form4("history")).code).toBe(2);
    const since = await form4("history", "BUSY", "--since", "7x");
    expect(since.code).toBe(2);
    expect(since.stderr).toContain("--since must be a length (3m, 6m, 1y, 2y");
    expect((await form4("history", "BUSY", "--chart", "out.jpg")).code).toBe(2);
    expect(
      (await form4("history", "BUSY", "--since", "2026-12-01", "--until", "2026-01-01")).code,
    ).toBe(2);
    const unknown = await form4("history", "NOSUCHCO");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.split("\n").filter(Boolean)).toHaveLength(1);
  });
});
