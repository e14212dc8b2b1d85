// Where the shared, recorded EDGAR files live: ../shared beside the repository (CI clones it so).
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

// Compiled into dist/test/ (for the benchmark), this file still names the source tree's folders.
const TEST_DIR = new URL(
  import.meta.url.includes("/dist/test/") ? "../../test/" : "./",
  import.meta.url,
);
export const SHARED_DIR = fileURLToPath(new URL("../../shared/", TEST_DIR));
export const FORM4_DIR = `${SHARED_DIR}edgar-fixtures/form4/`;
export const API_DIR = `${SHARED_DIR}edgar-fixtures/api/`;
export const SEED_FILE = `${SHARED_DIR}seed/asti-form4-2007-11-14.txt`;
/** Files this repository adds (the seed filing rebuilt in EDGAR's forms, stand-in data). */
export const OWN_FIXTURES_DIR = fileURLToPath(new URL("./fixtures/", TEST_DIR));

export function readForm4Fixture(name: string): string {
  return readFileSync(`${FORM4_DIR}${name}`, "utf8");
}

export function form4FixtureNames(): string[] {
  return readdirSync(FORM4_DIR).sort();
}

export function readSeed(): string {
  return readFileSync(SEED_FILE, "utf8");
}
