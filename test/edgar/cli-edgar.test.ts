// `form4 ASTI` and `form4 summarize <link>` through the CLI's runCli with the real EDGAR stack,
// against the EDGAR stand-in.
import Keyv from "keyv";
import { afterAll, beforeAll, expect, it } from "vitest";
import { runCli } from "../../src/cli.js";
import { createEdgarStack } from "../../src/edgar/stack.js";
import { ASTI, type EdgarStandIn, startEdgarStandIn } from "../stand-ins/edgar.js";

let edgar: EdgarStandIn;
beforeAll(async () => {
  edgar = await startEdgarStandIn();
});
afterAll(() => edgar.close());

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const { source } = createEdgarStack({ config: edgar.config, cache: new Keyv() });
  const code = await runCli(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: {},
    source,
  });
  return { code, stdout, stderr };
}

it("form4 ASTI prints the seed filing's summary", async () => {
  const { code, stdout, stderr } = await cli(["ASTI"]);
  expect(stderr).toBe("");
  expect(code).toBe(0);
  expect(stdout).toContain("1,500");
  expect(stdout).toContain("$16.81");
  expect(stdout).toContain(ASTI.accessionNumber);
});

it("form4 ASTI --json carries the seed's numbers", async () => {
  const { code, stdout } = await cli(["ASTI", "--limit", "1", "--json"]);
  expect(code).toBe(0);
  const [summary] = JSON.parse(stdout) as {
    accessionNumber: string;
    issuer: { ticker: string };
    totals: Record<string, { shares: number; pricedShares: number; averagePrice: number }>;
  }[];
  expect(summary?.accessionNumber).toBe(ASTI.accessionNumber);
  expect(summary?.issuer.ticker).toBe("ASTI");
  expect(summary?.totals.S?.shares).toBe(1500);
  expect(summary?.totals.S?.pricedShares).toBe(1300);
  expect(summary?.totals.S?.averagePrice).toBeCloseTo(16.8138, 4);
});

it("form4 summarize <EDGAR link> and an unknown ticker", async () => {
  const link = `${edgar.url}${ASTI.folder}xslF345X02/doc4.xml`;
  const ok = await cli(["summarize", link, "--json"]);
  expect(ok.code).toBe(0);
  expect((JSON.parse(ok.stdout) as { accessionNumber: string }).accessionNumber).toBe(
    ASTI.accessionNumber,
  );
  const bad = await cli(["ZZZZQ"]);
  expect(bad.code).toBe(1);
  expect(bad.stderr).toBe('form4: no company with ticker "ZZZZQ" on EDGAR\n');
});
