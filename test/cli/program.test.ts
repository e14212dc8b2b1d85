// The built CLI as people run it (bin/form4.js in a child process): .env, --version, a bare call,
// colour and the progress line on a terminal (a pseudo-terminal from util-linux `script`) and not
// when piped, and the per-user cache folder.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FORM4_DIR, SEED_FILE } from "../fixtures.js";
import { type EdgarStandIn, startEdgarStandIn } from "../stand-ins/edgar.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BIN = join(ROOT, "bin/form4.js");
const RED = "\u001b[31m";
/** A real Form 4 with an open-market purchase (P). */
const PURCHASE_FILE = `${FORM4_DIR}0000320121-23-000040.xml`;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI with exactly `env` (and PATH) in `cwd`, output piped. */
function form4(args: string[], env: Record<string, string>, cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd, env: { PATH: process.env.PATH ?? "", ...env } },
      (error, stdout, stderr) => {
        const code = error ? ((error as { code?: number }).code ?? -1) : 0;
        resolve({ code: typeof code === "number" ? code : -1, stdout, stderr });
      },
    );
  });
}

const quote = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;

/** Runs the CLI on a pseudo-terminal (stdout and stderr both a TTY); returns what the terminal showed. */
function form4OnTerminal(args: string[], env: Record<string, string>, cwd: string): Promise<Run> {
  const command = [process.execPath, BIN, ...args].map(quote).join(" ");
  return new Promise((resolve) => {
    execFile(
      "script",
      ["-qec", command, "/dev/null"],
      { cwd, env: { PATH: process.env.PATH ?? "", TERM: "xterm", ...env } },
      (error, stdout) => {
        const code = error ? ((error as { code?: number }).code ?? -1) : 0;
        resolve({ code: typeof code === "number" ? code : -1, stdout, stderr: "" });
      },
    );
  });
}

let edgar: EdgarStandIn;
beforeAll(async () => {
  edgar = await startEdgarStandIn();
});
afterAll(() => edgar.close());

function emptyFolder(): string {
  return mkdtempSync(join(tmpdir(), "form4-cli-"));
}

/** Everything an EDGAR lookup needs, pointed at the stand-in, with the cache in `cache`. */
function edgarEnv(cache: string): Record<string, string> {
  return {
    EDGAR_WWW_URL: edgar.url,
    EDGAR_DATA_URL: edgar.url,
    SEC_USER_AGENT: "form4 cli tests cli@example.com",
    XDG_CACHE_HOME: cache,
  };
}

describe("the CLI behaves like one", () => {
  it("--version prints the package's version", async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
      version: string;
    };
    const run = await form4(["--version"], {}, emptyFolder());
    expect(run).toEqual({ code: 0, stdout: `form4 ${version}\n`, stderr: "" });
  });

  it("a bare form4 prints the usage on stderr and exits 2 (a call that does nothing)", async () => {
    const run = await form4([], {}, emptyFolder());
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^Usage:\n {2}form4 summarize <file>/);
    expect(run.stderr).toContain("form4 --version");
  });

  it("reads .env in the working folder, as npm start does; variables already set win", async () => {
    const cwd = emptyFolder();
    const cache = emptyFolder();
    const env = edgarEnv(cache);
    writeFileSync(
      join(cwd, ".env"),
      `${Object.entries(env)
        .map(([k, v]) => `${k}=${v}`)
        .join("\n")}\n`,
    );
    const before = edgar.requests.length;
    const run = await form4(["ASTI", "--limit", "1"], {}, cwd);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Ascent Solar Technologies");
    expect(edgar.requests.slice(before).every((r) => r.userAgent === env.SEC_USER_AGENT)).toBe(
      true,
    );

    const overridden = await form4(["ASTI"], { SEC_USER_AGENT: "no e-mail here" }, cwd);
    expect(overridden.code).toBe(1);
    expect(overridden.stderr).toMatch(/^form4: SEC_USER_AGENT must name you and an e-mail/);
  });

  it("keeps EDGAR answers in $XDG_CACHE_HOME/form4, never in the working folder", async () => {
    const cwd = emptyFolder();
    const cache = emptyFolder();
    const run = await form4(["ASTI", "--limit", "1"], edgarEnv(cache), cwd);
    expect(run.code).toBe(0);
    expect(existsSync(join(cache, "form4", "edgar.sqlite"))).toBe(true);
    expect(existsSync(join(cwd, "data"))).toBe(false);

    // Cached: the same lookup again asks EDGAR for no filing (only the short-lived lists).
    const before = edgar.requests.length;
    expect((await form4(["ASTI", "--limit", "1"], edgarEnv(cache), cwd)).code).toBe(0);
    expect(edgar.requests.slice(before).some((r) => r.path.endsWith(".xml"))).toBe(false);
  });

  it("without XDG_CACHE_HOME the cache is ~/.cache/form4; STORE_URL overrides both", async () => {
    const home = emptyFolder();
    const { XDG_CACHE_HOME: _, ...env } = edgarEnv("");
    expect((await form4(["ASTI", "--limit", "1"], { ...env, HOME: home }, home)).code).toBe(0);
    expect(existsSync(join(home, ".cache", "form4", "edgar.sqlite"))).toBe(true);

    const elsewhere = join(emptyFolder(), "state.sqlite");
    const other = emptyFolder();
    const run = await form4(
      ["ASTI", "--limit", "1"],
      { ...env, HOME: other, STORE_URL: `sqlite://${elsewhere}` },
      other,
    );
    expect(run.code).toBe(0);
    expect(existsSync(elsewhere)).toBe(true);
    expect(existsSync(join(other, ".cache"))).toBe(false);
  });
});

describe("colour and the progress line", () => {
  it("piped: no colour and no progress line, even when EDGAR is slow", async () => {
    edgar.fault(/submissions/, { kind: "slow", delayMs: 1200, times: 1 });
    const run = await form4(["ASTI", "--limit", "1"], edgarEnv(emptyFolder()), emptyFolder());
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout).not.toContain("\u001b");
  });

  it("--color colours a pipe anyway: the sale rows red", async () => {
    const run = await form4(["summarize", SEED_FILE, "--color"], {}, emptyFolder());
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`${RED}\u001b[1mOpen-market sale\u001b[22m (S)`);
    expect(run.stdout).toContain(`${RED}−700`);
  });

  it("on a terminal: colour by default, sales red and purchases green", async () => {
    const run = await form4OnTerminal(["summarize", SEED_FILE], {}, emptyFolder());
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`${RED}−700`);
    expect(run.stdout).toContain("\u001b[1m");
    const buy = await form4OnTerminal(["summarize", PURCHASE_FILE], {}, emptyFolder());
    expect(buy.code).toBe(0);
    expect(buy.stdout).toContain("\u001b[32m\u001b[1mOpen-market purchase");
  });

  it("on a terminal with NO_COLOR (or --no-color): no colour", async () => {
    for (const [args, env] of [
      [["summarize", SEED_FILE], { NO_COLOR: "1" }],
      [["summarize", SEED_FILE, "--no-color"], {}],
    ] as const) {
      const run = await form4OnTerminal([...args], env, emptyFolder());
      expect(run.code).toBe(0);
      expect(run.stdout).toContain("Open-market sale (S)");
      expect(run.stdout).not.toContain("\u001b[");
    }
  });

  it("on a terminal, a slow lookup shows a progress line on stderr, erased before the answer", async () => {
    edgar.fault(/submissions/, { kind: "slow", delayMs: 1500, times: 1 });
    const run = await form4OnTerminal(
      ["ASTI", "--limit", "1"],
      edgarEnv(emptyFolder()),
      emptyFolder(),
    );
    expect(run.code).toBe(0);
    const progress = run.stdout.indexOf("form4: looking up ASTI's Form 4 filings on EDGAR\u2026");
    const erased = run.stdout.indexOf("\r\u001b[2K", progress + 1);
    const answer = run.stdout.indexOf("Ascent Solar Technologies");
    expect(progress).toBeGreaterThanOrEqual(0);
    expect(erased).toBeGreaterThan(progress);
    expect(answer).toBeGreaterThan(erased);
  });

  it("on a terminal, a quick answer shows no progress line", async () => {
    const run = await form4OnTerminal(["summarize", SEED_FILE], {}, emptyFolder());
    expect(run.stdout).not.toContain("looking up");
    expect(run.stdout).not.toContain("\u001b[2K");
  });
});
