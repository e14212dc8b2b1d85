// The built CLI as people run it (`npx form4 ASTI`, `npx form4 summarize <link>`), as a child
// process, against the EDGAR stand-in on 127.0.0.1: the real client, store and engine.
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SummaryJson } from "../src/render/json.js";
import { type EdgarStandIn, startEdgarStandIn } from "./stand-ins/edgar.js";

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL("../", import.meta.url));
const BIN = join(ROOT, "bin/form4.js");
const SEED_FOLDER = "/Archives/edgar/data/1350102/000135010207000099/";

let edgar: EdgarStandIn;
let storeDir: string;

beforeAll(async () => {
  edgar = await startEdgarStandIn();
  storeDir = mkdtempSync(join(tmpdir(), "form4-cli-"));
});
afterAll(async () => {
  await edgar.close();
});

async function form4(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = {
    PATH: process.env.PATH ?? "",
    SEC_USER_AGENT: "form4 tests tests@example.com",
    EDGAR_WWW_URL: edgar.url,
    EDGAR_DATA_URL: edgar.url,
    STORE_URL: `sqlite://${join(storeDir, "cli.sqlite")}`,
  };
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { cwd: storeDir, env });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

describe("form4 <TICKER> against the EDGAR stand-in", () => {
  it("prints the seed filing's summary for ASTI", async () => {
    const { code, stdout, stderr } = await form4("ASTI", "--limit", "1");
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain(
      "Ashutosh Misra (SVP Operations & Corp. Affairs) sold 1,500 ASTI shares at avg $16.81",
    );
    expect(stdout).toContain("Common Stock: 42,800 direct");
    expect(stdout).toContain("0001350102-07-000099");
    // The fifth row states neither shares nor price: inferred, and said to be.
    expect(stdout).toContain("200 shares inferred from holdings change, price not reported");
    expect(stdout).toContain("range $16.76–$16.96");
    expect(stdout).toContain("adopted Jun 22, 2007");
    expect(stdout).toContain("4,000 Class B Warrants");
    const sent = edgar.requests.filter((r) => r.path.startsWith("/"));
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((r) => r.userAgent === "form4 tests tests@example.com")).toBe(true);
  });

  it("serves the filing from the store on a second run, without asking EDGAR for it again", async () => {
    await form4("summarize", `${edgar.url}${SEED_FOLDER}`);
    const before = edgar.requests.filter((r) => r.path.startsWith(SEED_FOLDER)).length;
    const { code, stdout } = await form4("summarize", `${edgar.url}${SEED_FOLDER}`, "--json");
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as SummaryJson;
    expect(json.accessionNumber).toBe("0001350102-07-000099");
    expect(json.totals.S).toMatchObject({ shares: 1500, pricedShares: 1300, minPrice: 16.76 });
    expect(json.totals.S?.averagePrice).toBeCloseTo(16.8138, 4);
    expect(json.transactions[4]).toMatchObject({ inferred: true, shares: 200, price: null });
    expect(edgar.requests.filter((r) => r.path.startsWith(SEED_FOLDER)).length).toBe(before);
  });

  it("says an unknown ticker in one line, exit 1", async () => {
    const { code, stdout, stderr } = await form4("ZZZZQ");
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toMatch(/ZZZZQ/);
  });

  it("refuses a link to another host without fetching anything", async () => {
    const count = edgar.requests.length;
    const { code, stderr } = await form4("summarize", "https://example.com/Archives/x.xml");
    expect(code).not.toBe(0);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(edgar.requests.length).toBe(count);
  });
});
