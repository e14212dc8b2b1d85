import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { type CliIo, runCli } from "../src/cli.js";
import { DEFAULT_EDGAR_WWW_URL } from "../src/config.js";
import { EdgarError } from "../src/edgar/errors.js";
import type { FetchedFiling, Form4Source } from "../src/edgar/types.js";
import type { Filing } from "../src/form4/model.js";
import { messageProblems } from "../src/render/block-limits.js";
import type { SummaryJson } from "../src/render/json.js";
import { FORM4_DIR, SEED_FILE } from "./fixtures.js";
import { seedSummary } from "./render/build-summary.js";

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL("../", import.meta.url));
const BIN = join(ROOT, "bin/form4.js");

/** Runs the built CLI (dist/, built by `npm test` before vitest) as people do. */
async function form4(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

describe("form4 summarize <seed> (built CLI, child process)", () => {
  it("prints the summary as text", async () => {
    const { code, stdout, stderr } = await form4("summarize", SEED_FILE);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain("Ascent Solar Technologies, Inc. (ASTI)");
    expect(stdout).toContain(
      "Ashutosh Misra (SVP Operations & Corp. Affairs) sold 1,500 ASTI shares at avg $16.81 (over the 1,300 priced shares)",
    );
    expect(stdout).toContain("range $16.76\u2013$16.96");
    expect(stdout).toContain("200 shares inferred from holdings change, price not reported");
    expect(stdout).toContain("Common Stock: 42,800 direct");
    expect(stdout).toContain("adopted Jun 22, 2007");
    expect(stdout).toContain("4,000 Class B Warrants");
    expect(stdout).not.toContain("\u001b");
  });

  it("prints the --json contract with the seed numbers", async () => {
    const { code, stdout, stderr } = await form4("summarize", SEED_FILE, "--json");
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as SummaryJson;

    expect(json.formType).toBe("4");
    expect(json.issuer).toMatchObject({ name: "Ascent Solar Technologies, Inc.", ticker: "ASTI" });
    expect(json.owners).toHaveLength(1);
    expect(json.owners[0]).toMatchObject({
      name: "Misra Ashutosh",
      roles: ["officer"],
      title: "SVP Operations & Corp. Affairs",
    });

    const sales = json.transactions.filter((t) => t.code === "S");
    expect(sales.map((t) => [t.date, t.shares, t.price, t.sharesOwnedAfter, t.inferred])).toEqual([
      ["2007-11-13", 700, 16.76, 43_600, false],
      ["2007-11-13", 200, 16.77, 43_400, false],
      ["2007-11-13", 300, 16.92, 43_100, false],
      ["2007-11-13", 100, 16.96, 43_000, false],
      ["2007-11-13", 200, null, 42_800, true],
    ]);
    expect(sales.every((t) => t.acquiredDisposed === "D" && t.ownership === "D")).toBe(true);

    const s = json.totals.S;
    expect(s?.shares).toBe(1500);
    expect(s?.pricedShares).toBe(1300);
    expect(s?.averagePrice).toBeCloseTo(16.81, 2);
    expect(s?.minPrice).toBe(16.76);
    expect(s?.maxPrice).toBe(16.96);
    expect(s?.value).toBe(21_858);

    expect(json.plan10b51).toMatchObject({
      used: true,
      source: "footnote",
      adoptionDate: "2007-06-22",
    });
    // The contract's fields; additions after them are welcome.
    expect(json.holdingsAfter).toMatchObject([
      { security: "Common Stock", ownership: "D", nature: null, shares: 42_800 },
    ]);

    const held = json.derivativesHeld.map((d) => [d.shares, d.source]);
    expect(held).toEqual([
      [4000, "footnote"],
      [25_000, "footnote"],
      [5000, "footnote"],
    ]);
    expect(json.derivativesHeld[0]?.security).toMatch(/Class B Warrants/i);
    expect(json.derivativesHeld.slice(1).map((d) => d.note)).toEqual(["vested", "unvested"]);
  });

  it("prints --blocks: the Slack message /form4 posts, as {text, blocks}", async () => {
    const { code, stdout, stderr } = await form4("summarize", SEED_FILE, "--blocks");
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const message = JSON.parse(stdout) as { text: string; blocks: { type: string }[] };
    expect(Object.keys(message)).toEqual(["text", "blocks"]);
    expect(message.text).toContain("$21,858 ASTI Ashutosh Misra");
    expect(messageProblems(message as Parameters<typeof messageProblems>[0])).toEqual([]);
    expect(JSON.stringify(message.blocks)).toContain("sold 1,500 shares at avg $16.81");
    // No reading notes in a channel post: they are counted, and listed in Details.
    expect(stdout).not.toContain("Table I row 5");

    const both = await form4("summarize", SEED_FILE, "--blocks", "--json");
    expect(both.code).toBe(2);
    expect(both.stderr).toBe("form4: --json and --blocks: choose one (see form4 --help)\n");
  });

  it("prints --json for an XML filing", async () => {
    const { code, stdout, stderr } = await form4(
      "summarize",
      join(FORM4_DIR, "msft-hogan-2024-03-11.xml"),
      "--json",
    );
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as SummaryJson;
    expect(json.source).toBe("xml");
    expect(json.issuer.ticker).toBe("MSFT");
    expect(json.owners[0]?.name).toBe("Hogan Kathleen T");
    expect(json.transactions.length).toBeGreaterThan(0);
    for (const t of json.transactions) {
      expect(t.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(typeof t.shares === "number" || t.shares === null).toBe(true);
    }
    expect(Object.keys(json).slice(0, 11)).toEqual([
      "formType",
      "accessionNumber",
      "issuer",
      "owners",
      "transactions",
      "totals",
      "plan10b51",
      "holdingsAfter",
      "derivativesHeld",
      "lateFiling",
      "warnings",
    ]);
  });
});

describe("form4 with bad input (built CLI)", () => {
  const dir = mkdtempSync(join(tmpdir(), "form4-cli-"));

  it("says in one line that a file is not a Form 4", async () => {
    const bad = join(dir, "not-a-form4.txt");
    writeFileSync(bad, "Dear shareholders,\nthis is a letter, not a filing.\n");
    const { code, stdout, stderr } = await form4("summarize", bad);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(stderr).toMatch(/^form4: not a Form 4/);
    expect(stderr).not.toMatch(/\bat .+:\d+:\d+/); // no stack trace
  });

  it("says in one line that a file does not exist", async () => {
    const missing = join(dir, "missing.xml");
    const { code, stdout, stderr } = await form4("summarize", missing);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe(`form4: no such file: ${missing}\n`);
  });

  it("says in one line that a directory is not a file", async () => {
    const { code, stderr } = await form4("summarize", dir);
    expect(code).toBe(1);
    expect(stderr).toBe(`form4: not a file: ${dir}\n`);
  });

  it("prints usage for --help, and exit 2 with one line for a wrong call", async () => {
    const help = await form4("--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("form4 summarize <file> [--json|--blocks]");
    expect(help.stdout).toContain("form4 <TICKER> [--limit N] [--json|--blocks]");

    const wrong = await form4("summarize", SEED_FILE, "--jsn");
    expect(wrong.code).toBe(2);
    expect(wrong.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(wrong.stderr).toMatch(/^form4: Unknown option '--jsn'.*\(see form4 --help\)$/m);
  });
});

// ---- runCli in-process, with a Form4Source double (no network) ----

function captured(source?: Form4Source): CliIo & { out: () => string; err: () => string } {
  let out = "";
  let err = "";
  return {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    env: {},
    ...(source ? { source } : {}),
    out: () => out,
    err: () => err,
  };
}

const EMPTY_FILING: Filing = {
  source: "xml",
  schemaVersion: null,
  formType: "4",
  accessionNumber: null,
  periodOfReport: null,
  filedDate: null,
  dateOfOriginalSubmission: null,
  notSubjectToSection16: null,
  aff10b5One: null,
  issuer: { cik: null, name: "Ascent Solar Technologies, Inc.", ticker: "ASTI" },
  owners: [],
  rows: [],
  footnotes: [],
  remarks: null,
  signatures: [],
  problems: [],
};

function fetched(accessionNumber: string): FetchedFiling {
  return {
    ref: {
      accessionNumber,
      cik: "0001350102",
      form: "4",
      filedDate: "2007-11-14",
      primaryDocument: null,
    },
    filing: EMPTY_FILING,
    summary: { ...seedSummary(), accessionNumber },
    url: `${DEFAULT_EDGAR_WWW_URL}/Archives/edgar/data/1350102/${accessionNumber.replace(/-/g, "")}/`,
    stale: false,
  };
}

function sourceDouble(calls: string[]): Form4Source {
  return {
    company: async (ticker) => ({ cik: "0001350102", name: "Ascent Solar", ticker }),
    latestForTicker: async (ticker, limit) => {
      calls.push(`latest ${ticker} ${limit}`);
      if (ticker === "NOPE") throw new EdgarError("unknownTicker", "no company with ticker NOPE");
      return {
        company: { cik: "0001350102", name: "Ascent Solar", ticker },
        filings: [fetched("0001179110-07-016964"), fetched("0001179110-07-016965")],
        skipped: [
          {
            ref: {
              accessionNumber: "0001179110-07-000001",
              cik: "1",
              form: "4",
              filedDate: "",
              primaryDocument: null,
            },
            reason: "not a Form 4:\nbroken",
          },
        ],
      };
    },
    listSince: async () => [],
    listFiled: async () => [],
    fetch: async (ref) => fetched(ref.accessionNumber),
    resolve: async (target) => {
      calls.push(`resolve ${target}`);
      return [{ ...fetched("0001179110-07-016964"), stale: true }];
    },
  };
}

describe("runCli with EDGAR (Form4Source double)", () => {
  it("summarizes a ticker's latest filings as a JSON array, saying what was skipped", async () => {
    const calls: string[] = [];
    const io = captured(sourceDouble(calls));
    expect(await runCli(["asti", "--limit", "2", "--json"], io)).toBe(0);
    expect(calls).toEqual(["latest ASTI 2"]);
    const json = JSON.parse(io.out()) as SummaryJson[];
    expect(json.map((j) => j.accessionNumber)).toEqual([
      "0001179110-07-016964",
      "0001179110-07-016965",
    ]);
    expect(io.err()).toBe("form4: skipped 0001179110-07-000001: not a Form 4: broken\n");
  });

  it("summarizes an accession number or link through the source, marking a cached copy", async () => {
    const calls: string[] = [];
    const io = captured(sourceDouble(calls));
    expect(await runCli(["summarize", "0001179110-07-016964"], io)).toBe(0);
    expect(calls).toEqual(["resolve 0001179110-07-016964"]);
    expect(io.out()).toContain("EDGAR is not answering; this is a cached copy.");
    expect(io.out()).toContain(
      `${DEFAULT_EDGAR_WWW_URL}/Archives/edgar/data/1350102/000117911007016964/`,
    );

    const link = `${DEFAULT_EDGAR_WWW_URL}/Archives/edgar/data/1350102/000117911007016964/`;
    expect(await runCli(["summarize", link, "--json"], captured(sourceDouble(calls)))).toBe(0);
    expect(calls.at(-1)).toBe(`resolve ${link}`);
  });

  it("reports an EDGAR failure in one line with exit 1", async () => {
    const io = captured(sourceDouble([]));
    expect(await runCli(["NOPE"], io)).toBe(1);
    expect(io.err()).toBe("form4: no company with ticker NOPE\n");
    expect(io.out()).toBe("");
  });

  it("says when EDGAR is not available rather than failing obscurely", async () => {
    const io = captured();
    expect(await runCli(["ASTI"], io)).toBe(1);
    expect(io.err()).toMatch(/^form4: looking filings up on EDGAR is not available/);
  });

  it("rejects wrong calls with exit 2", async () => {
    for (const argv of [
      ["ASTI", "--limit", "0"],
      ["ASTI", "--limit", "x"],
      ["summarize"],
      ["$$$"],
    ]) {
      const io = captured(sourceDouble([]));
      expect(await runCli(argv, io)).toBe(2);
      expect(io.err().trimEnd().split("\n")).toHaveLength(1);
      expect(io.out()).toBe("");
    }
  });
});
