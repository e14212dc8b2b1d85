// Where the recorded EDGAR files live: test/fixtures/recorded/ (real public-domain filings, each
// named with its origin in its SOURCES.md) and the seed example in examples/. Nothing outside the
// repository is read.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

// Compiled into dist/test/ (for the benchmark), this file still names the source tree's folders.
const TEST_DIR = new URL(
  import.meta.url.includes("/dist/test/") ? "../../test/" : "./",
  import.meta.url,
);
export const RECORDED_DIR = fileURLToPath(new URL("./fixtures/recorded/", TEST_DIR));
export const FORM4_DIR = `${RECORDED_DIR}form4/`;
export const API_DIR = `${RECORDED_DIR}api/`;
/** Where each recorded file came from (and its inferred sec.gov URL). */
export const SOURCES_FILE = `${RECORDED_DIR}SOURCES.md`;
export const SEED_FILE = fileURLToPath(new URL("../examples/asti-form4-2007-11-14.txt", TEST_DIR));
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

/**
 * The six real filings the compact Slack surfaces are measured on (README "What a filing looks like
 * in Slack", `npm run preview`): the seed, a big multi-row sale, a joint filing, a
 * derivative-heavy grant, a 4/A and a purchase. null: the seed (examples/).
 */
export const COMPACT_FIXTURE_FILES = {
  seed: null,
  "big multi-row sale": "goog-pichai-2018-09-19.xml",
  "joint filing": "0000921895-26-002677.txt",
  "derivative-heavy grant": "0001062993-23-011116.xml",
  "4/A": "panw-eschenbach-2021-12-14-4A.xml",
  purchase: "0000929638-23-001482.xml",
} as const satisfies Record<string, string | null>;

export type CompactFixture = keyof typeof COMPACT_FIXTURE_FILES;

export function readCompactFixture(name: CompactFixture): string {
  const file = COMPACT_FIXTURE_FILES[name];
  return file === null ? readSeed() : readForm4Fixture(file);
}
