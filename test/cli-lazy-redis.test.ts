// A CLI lookup on EDGAR (STORE_URL sqlite:// or memory://) never loads the Redis client: ioredis
// and redis-semaphore are imported only when STORE_URL names Redis. The built CLI as people run it,
// as a child process against the EDGAR stand-in, reports at exit which of them it loaded.
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type EdgarStandIn, startEdgarStandIn } from "./stand-ins/edgar.js";

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL("../", import.meta.url));
const BIN = join(ROOT, "bin/form4.js");
const SEED_FOLDER = "/Archives/edgar/data/1350102/000135010207000099/";

let edgar: EdgarStandIn;
let dir: string;
let report: string;

beforeAll(async () => {
  edgar = await startEdgarStandIn();
  dir = mkdtempSync(join(tmpdir(), "form4-lazy-"));
  report = join(dir, "report.mjs");
  // CommonJS packages imported from ESM still land in the CommonJS module cache.
  writeFileSync(
    report,
    [
      'import { createRequire } from "node:module";',
      "const require = createRequire(import.meta.url);",
      'process.on("exit", () => {',
      "  const loaded = Object.keys(require.cache)",
      "    .map((p) => /[\\\\/]node_modules[\\\\/]((?:@[^\\\\/]+[\\\\/])?[^\\\\/]+)[\\\\/]/.exec(p)?.[1])",
      "    .filter(Boolean);",
      '  process.stderr.write("loaded: " + [...new Set(loaded)].sort().join(" ") + "\\n");',
      "});",
    ].join("\n"),
  );
});
afterAll(async () => {
  await edgar.close();
});

async function packagesLoaded(storeUrl: string): Promise<string[]> {
  const env = {
    PATH: process.env.PATH ?? "",
    SEC_USER_AGENT: "form4 tests tests@example.com",
    EDGAR_WWW_URL: edgar.url,
    EDGAR_DATA_URL: edgar.url,
    STORE_URL: storeUrl,
    NODE_OPTIONS: `--import=${pathToFileURL(report).href}`,
  };
  const { stdout, stderr } = await run(
    process.execPath,
    [BIN, "summarize", `${edgar.url}${SEED_FOLDER}`, "--json"],
    { cwd: dir, env },
  );
  expect(JSON.parse(stdout)).toMatchObject({ accessionNumber: "0001350102-07-000099" });
  const line = /^loaded: (.*)$/m.exec(stderr)?.[1];
  expect(line, stderr).toBeDefined();
  return (line ?? "").split(" ");
}

it("sqlite://: the filing, and neither ioredis nor redis-semaphore loaded", async () => {
  const loaded = await packagesLoaded(`sqlite://${join(dir, "cli.sqlite")}`);
  expect(loaded).toContain("sqlite3"); // the report sees what was loaded
  expect(loaded).not.toContain("ioredis");
  expect(loaded).not.toContain("redis-semaphore");
});

it("memory://: the filing, without the Redis client or SQLite", async () => {
  const loaded = await packagesLoaded("memory://");
  expect(loaded).not.toContain("ioredis");
  expect(loaded).not.toContain("redis-semaphore");
  expect(loaded).not.toContain("sqlite3");
});
