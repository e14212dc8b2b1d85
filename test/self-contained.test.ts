// The repository stands alone: a fresh clone in a folder with nothing beside it (no shared folder)
// holds every fixture the tests and the README's example read. The clone's own test/fixtures.ts
// is loaded there (compiled with TypeScript's transpiler) and every path it names is read.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
let folder: string;
let clone: string;

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), "form4-clone-"));
  clone = join(folder, "form4");
  // The committed tree only (what a person cloning gets), nothing else in `folder`.
  execFileSync("git", ["clone", "--quiet", "--depth", "1", pathToFileURL(ROOT).href, clone]);
}, 60_000);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

describe("a fresh clone with nothing beside it", () => {
  it("has nothing beside it", () => {
    expect(readdirSync(folder)).toEqual(["form4"]);
  });

  it("loads the test suite's fixtures from inside the clone", async () => {
    const source = readFileSync(join(clone, "test/fixtures.ts"), "utf8");
    const compiled = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    const file = join(clone, "test/fixtures.loaded.mjs");
    writeFileSync(file, compiled);
    const fixtures = (await import(pathToFileURL(file).href)) as typeof import("./fixtures.js");

    for (const dir of [fixtures.RECORDED_DIR, fixtures.FORM4_DIR, fixtures.API_DIR]) {
      expect(dir.startsWith(clone)).toBe(true);
      expect(existsSync(dir)).toBe(true);
    }
    const names = fixtures.form4FixtureNames();
    expect(names.length).toBeGreaterThan(10);
    for (const name of names) expect(fixtures.readForm4Fixture(name).length).toBeGreaterThan(0);
    expect(fixtures.readSeed()).toContain("Ascent Solar Technologies");
    expect(existsSync(join(fixtures.OWN_FIXTURES_DIR, "edgar"))).toBe(true);

    // Every recorded filing names its EDGAR source.
    const sources = readFileSync(fixtures.SOURCES_FILE, "utf8");
    for (const name of names) expect(sources).toContain(name);
  });

  // Spelled in parts so that this file, which looks for it, is not itself a match for the checks.
  const OUTSIDE_FOLDER = ["..", "shared"].join("/");

  it("no source, test or bench file reaches outside the repository for fixtures", () => {
    const offenders = ["src", "test", "bench"]
      .flatMap((dir) => filesUnder(join(clone, dir)))
      .filter((f) => /\.(ts|js|mjs)$/.test(f) && !f.endsWith("self-contained.test.ts"))
      .filter((f) => readFileSync(f, "utf8").includes(OUTSIDE_FOLDER));
    expect(offenders).toEqual([]);
  });
});
