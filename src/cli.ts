// The `form4` command line. `runCli` does the work against injected I/O (tests call it directly);
// the few lines at the bottom run it when this module is the program (bin/form4.js imports it).
//
//   form4 summarize <file> [--json]            a Form 4 on disk, in any form EDGAR serves
//   form4 summarize <link|accession> [--json]  a filing on EDGAR (needs a Form4Source)
//   form4 <TICKER> [--limit N] [--json]        a company's latest Form 4s (needs a Form4Source)
//   form4 history <TICKER> [...]               an insider history and its chart (src/history/cli.ts)

// Only what every call needs is imported here; the engine, EDGAR client and store load when the
// input needs them (summarizing an XML file never loads cheerio, a store backend or Redis).
import { existsSync, readFileSync } from "node:fs";
import { readFile, realpath } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { cliStoreUrl } from "./cli/cache-dir.js";
import { type OutputStream, showProgress, wantsColor } from "./cli/terminal.js";
import { ConfigError } from "./config.js";
import { EdgarError } from "./edgar/errors.js";
import type { FetchedFiling, Form4Source } from "./edgar/types.js";
import { Form4ParseError } from "./form4/errors.js";
import type { Summary } from "./form4/summary.js";

export interface CliIo {
  /** `isTTY` decides colour (stdout) and the progress line (stderr). */
  stdout: OutputStream;
  stderr: OutputStream;
  env: Record<string, string | undefined>;
  /** What `--version` prints. */
  version?: string;
  /** How the CLI reaches EDGAR. Commands that need EDGAR say so when it is absent. */
  source?: Form4Source;
  /** Opens a source on first need (the program opens the store and the EDGAR client lazily, so
   * summarizing a file needs no configuration). Ignored when `source` is given. */
  openSource?: () => Promise<Form4Source>;
  /** Reads a file's bytes (defaults to node:fs). */
  readFile?: (path: string) => Promise<Uint8Array>;
}

export const DEFAULT_LIMIT = 5;
export const MAX_LIMIT = 40;

export const USAGE = `Usage:
  form4 summarize <file> [--json|--blocks]    summarize a Form 4 file (EDGAR XML, full
                                              submission .txt, the rendered HTML page, or
                                              text copied from it)
  form4 summarize <link|accession> [--json|--blocks]   summarize a filing on EDGAR
  form4 <TICKER> [--limit N] [--json|--blocks]         the company's latest Form 4s (default ${DEFAULT_LIMIT}, max ${MAX_LIMIT})
  form4 history <TICKER> [--since 1y|YYYY-MM-DD] [--until YYYY-MM-DD] [--json] [--chart FILE.png]
                                              the company's insider history (default the last
                                              12 months, by transaction date) and its chart
  form4 --help                                this text
  form4 --version                             the version

Options:
  --json       print the summary as JSON (see docs/json-contract.md)
  --blocks     print the Slack message /form4 posts ({"text", "blocks"}, for Block Kit Builder)
  --limit N    how many filings for a ticker
  --color      colour even when the output is not a terminal (or NO_COLOR is set)
  --no-color   no colour, even on a terminal

Reads .env in the current folder. Looking up EDGAR needs SEC_USER_AGENT ("Your Name you@example.com");
fetched filings are cached in $XDG_CACHE_HOME/form4 (~/.cache/form4), or where STORE_URL says.
`;

/** A mistake in how the command was called: exit code 2, one line. */
class UsageError extends Error {
  override readonly name = "UsageError";
}

/** `form4` with nothing after it. */
class BareCall extends Error {
  override readonly name = "BareCall";
}

/** Input we could not use (missing file, unreadable filing, EDGAR lookup failed): exit code 1. */
class InputError extends Error {
  override readonly name = "InputError";
}

const ACCESSION = /^\d{10}-?\d{2}-?\d{6}$/;
const LINK = /^(https?:\/\/|(www\.)?sec\.gov\/)/i;
const TICKER = /^[A-Za-z][A-Za-z0-9]{0,9}(?:[.-][A-Za-z0-9]{1,4})?$/;

interface Options {
  json: boolean;
  blocks: boolean;
  color: boolean;
  noColor: boolean;
  limit: string | undefined;
  help: boolean;
  version: boolean;
}

function parse(argv: readonly string[]): { positionals: string[]; options: Options } {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: "boolean", default: false },
        blocks: { type: "boolean", default: false },
        color: { type: "boolean", default: false },
        "no-color": { type: "boolean", default: false },
        limit: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
        version: { type: "boolean", short: "V", default: false },
      },
    });
    return {
      positionals,
      options: {
        json: values.json === true,
        blocks: values.blocks === true,
        color: values.color === true,
        noColor: values["no-color"] === true,
        limit: values.limit,
        help: values.help === true,
        version: values.version === true,
      },
    };
  } catch (err) {
    // parseArgs explains itself ("Unknown option '--x'"); keep the first sentence.
    const text = err instanceof Error ? (err.message.split(". ")[0] ?? err.message) : String(err);
    throw new UsageError(text);
  }
}

function parseLimit(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_LIMIT;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > MAX_LIMIT) {
    throw new UsageError(`--limit must be a whole number from 1 to ${MAX_LIMIT}, got "${raw}"`);
  }
  return Number(raw);
}

async function readBytes(io: CliIo, path: string): Promise<Uint8Array | null> {
  const read = io.readFile ?? ((p: string) => readFile(p));
  try {
    return await read(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return null;
    if (code === "EISDIR") throw new InputError(`not a file: ${path}`);
    if (code === "EACCES" || code === "EPERM")
      throw new InputError(`cannot read ${path}: permission denied`);
    throw new InputError(`cannot read ${path}: ${(err as Error).message}`);
  }
}

async function needSource(io: CliIo): Promise<Form4Source> {
  if (!io.source && io.openSource) io.source = await io.openSource();
  if (!io.source) {
    throw new InputError(
      "looking filings up on EDGAR is not available in this build; pass a file (form4 summarize <file>)",
    );
  }
  return io.source;
}

interface Printable {
  summary: Summary;
  url: string | null;
  stale: boolean;
  /** Where EDGAR has it (the Details button), when it was fetched from EDGAR. */
  ref: FetchedFiling["ref"] | null;
}

function fromFetched(f: FetchedFiling): Printable {
  return { summary: f.summary, url: f.url, stale: f.stale, ref: f.ref };
}

/** The Slack message /form4 posts: one filing's card, or the list for several. */
async function printBlocks(
  io: CliIo,
  items: readonly Printable[],
  asList: boolean,
  ticker: string | null,
): Promise<void> {
  const key = (i: Printable) =>
    i.ref
      ? {
          cik: i.ref.cik,
          accessionNumber: i.ref.accessionNumber,
          primaryDocument: i.ref.primaryDocument,
        }
      : undefined;
  let message: { text: string; blocks: unknown[] };
  if (asList) {
    const { filingListMessage } = await import("./render/filing-list.js");
    message = filingListMessage({
      ticker: ticker ?? "",
      company: null,
      filings: items.map((i) => ({
        summary: i.summary,
        url: i.url,
        key: key(i) ?? null,
        stale: i.stale,
      })),
    });
  } else {
    const { filingCard } = await import("./render/card.js");
    const [item] = items;
    if (!item) return;
    const k = key(item);
    message = filingCard(item.summary, {
      url: item.url,
      stale: item.stale,
      ...(k ? { key: k } : {}),
    });
  }
  io.stdout.write(`${JSON.stringify({ text: message.text, blocks: message.blocks }, null, 2)}\n`);
}

async function print(
  io: CliIo,
  items: readonly Printable[],
  options: Options,
  asList: boolean,
  ticker: string | null = null,
): Promise<void> {
  if (options.blocks) {
    await printBlocks(io, items, asList, ticker);
    return;
  }
  if (options.json) {
    const { summaryJson } = await import("./render/json.js");
    const json = items.map((i) => summaryJson(i.summary));
    io.stdout.write(`${JSON.stringify(asList ? json : json[0], null, 2)}\n`);
    return;
  }
  const { summaryText } = await import("./render/text.js");
  const color = wantsColor(options, io.env, io.stdout);
  const texts = items.map((i) => summaryText(i.summary, { url: i.url, stale: i.stale, color }));
  io.stdout.write(texts.join(`\n${"-".repeat(60)}\n\n`));
}

/** A lookup on EDGAR, with the progress line on a terminal while it takes its time. */
async function lookUp<T>(io: CliIo, label: string, work: (source: Form4Source) => Promise<T>) {
  const progress = showProgress(io.stderr, label);
  try {
    return await work(await needSource(io));
  } finally {
    progress.stop();
  }
}

async function summarizeCommand(target: string, io: CliIo, options: Options): Promise<void> {
  if (!LINK.test(target)) {
    const bytes = await readBytes(io, target);
    if (bytes !== null) {
      // In-process, not the bot's worker pool: the person at the terminal chose this file and can
      // stop it, the engine is linear-time and capped (form4/limits.ts), and a worker would load
      // the engine a second time (about 2.7x the CPU of node -e 0 instead of 2.1x).
      const { readFiling } = await import("./form4/read.js");
      const { summary } = readFiling(bytes);
      await print(io, [{ summary, url: null, stale: false, ref: null }], options, false);
      return;
    }
    if (!ACCESSION.test(target)) throw new InputError(`no such file: ${target}`);
  }
  const fetched = await lookUp(io, `fetching ${target} from EDGAR`, (s) => s.resolve(target));
  if (fetched.length === 0) throw new InputError(`no Form 4 found for ${target}`);
  await print(io, fetched.map(fromFetched), options, fetched.length > 1);
}

async function tickerCommand(ticker: string, io: CliIo, options: Options): Promise<void> {
  const limit = parseLimit(options.limit);
  const result = await lookUp(io, `looking up ${ticker}'s Form 4 filings on EDGAR`, (s) =>
    s.latestForTicker(ticker, limit),
  );
  // Filings EDGAR listed but we could not read are said, never silently dropped.
  for (const s of result.skipped ?? []) {
    io.stderr.write(`form4: skipped ${s.ref.accessionNumber}: ${oneLine(s.reason)}\n`);
  }
  await print(io, result.filings.map(fromFetched), options, true, ticker);
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}

async function run(argv: readonly string[], io: CliIo): Promise<void> {
  if (argv[0] === "history") {
    // Its own options (--since, --until, --chart), read by src/history/cli.ts, loaded only here
    // (the chart libraries are the heaviest part of the program).
    const { historyCommand } = await import("./history/cli.js");
    await historyCommand(argv.slice(1), {
      stdout: io.stdout,
      stderr: io.stderr,
      needSource: () => needSource(io),
      usageError: (m) => new UsageError(m),
      inputError: (m) => new InputError(m),
      wantsColor: (flags) => wantsColor(flags, io.env, io.stdout),
      progress: (label) => showProgress(io.stderr, label),
    });
    return;
  }
  const { positionals, options } = parse(argv);
  const [command, ...rest] = positionals;
  if (options.json && options.blocks) throw new UsageError("--json and --blocks: choose one");
  if (options.help || command === "help") {
    io.stdout.write(USAGE);
    return;
  }
  if (options.version) {
    io.stdout.write(`form4 ${io.version ?? "(unknown version)"}\n`);
    return;
  }
  // A bare `form4` is a call that does nothing: the usage, and the exit code of a wrong call.
  if (command === undefined) throw new BareCall();
  if (command === "summarize") {
    if (options.limit !== undefined)
      throw new UsageError("--limit goes with a ticker, not summarize");
    const [target, ...extra] = rest;
    if (target === undefined)
      throw new UsageError("summarize needs a file, an EDGAR link or an accession number");
    if (extra.length > 0)
      throw new UsageError(`summarize takes one argument; unexpected "${extra[0]}"`);
    await summarizeCommand(target, io, options);
    return;
  }
  if (TICKER.test(command)) {
    if (rest.length > 0)
      throw new UsageError(`unexpected "${rest[0]}" after the ticker (use --limit N)`);
    await tickerCommand(command.toUpperCase(), io, options);
    return;
  }
  throw new UsageError(`unknown command "${command}"`);
}

/**
 * Runs the CLI. Returns the exit code: 0 done, 1 input we could not use (one line on stderr saying
 * what is wrong), 2 a usage mistake. Never throws, never prints a stack trace.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    await run(argv, io);
    return 0;
  } catch (err) {
    if (err instanceof BareCall) {
      io.stderr.write(USAGE);
      return 2;
    }
    if (err instanceof UsageError) {
      io.stderr.write(`form4: ${oneLine(err.message)} (see form4 --help)\n`);
      return 2;
    }
    if (
      err instanceof InputError ||
      err instanceof Form4ParseError ||
      err instanceof EdgarError ||
      err instanceof ConfigError ||
      (err instanceof Error && err.name === "StoreError") // store.js is loaded only for lookups
    ) {
      io.stderr.write(`form4: ${oneLine(err.message)}\n`);
      return 1;
    }
    const message = err instanceof Error ? err.message : String(err);
    io.stderr.write(`form4: unexpected error: ${oneLine(message)}\n`);
    return 1;
  }
}

/** true when this module is the program: run directly, or through bin/form4.js (also via npx). */
async function isMain(): Promise<boolean> {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  const self = fileURLToPath(import.meta.url);
  const bin = fileURLToPath(new URL("../../bin/form4.js", import.meta.url));
  try {
    const real = await realpath(entry);
    return real === self || real === bin;
  } catch {
    return false;
  }
}

/** The version in package.json (two folders up from dist/src/cli.js and from src/cli.ts). */
function packageVersion(): string | undefined {
  for (const up of ["../package.json", "../../package.json"]) {
    const path = fileURLToPath(new URL(up, import.meta.url));
    if (!existsSync(path)) continue;
    const pkg = JSON.parse(readFileSync(path, "utf8")) as { name?: string; version?: string };
    if (pkg.name === "form4") return pkg.version;
  }
  return undefined;
}

if (await isMain()) {
  // `form4 … | head` closes the pipe early; that is the reader's choice, not an error to report.
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw err;
  });
  // .env in the working directory, as `npm start` reads it; variables already set win.
  if (existsSync(".env")) process.loadEnvFile(".env");
  let store: { close(): Promise<void> } | null = null;
  process.exitCode = await runCli(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    version: packageVersion(),
    // EDGAR answers are cached in the per-user cache folder, or in the bot's store when STORE_URL
    // names one, so a filing fetched once is not fetched again.
    openSource: async () => {
      const [{ loadConfig }, { openEdgarStack }] = await Promise.all([
        import("./config.js"),
        import("./edgar/stack.js"),
      ]);
      const config = loadConfig(process.env);
      const opened = await openEdgarStack({
        config: config.edgar,
        storeUrl: cliStoreUrl(process.env),
        cacheDays: config.edgarCacheDays,
      });
      store = opened;
      return opened.source;
    },
  });
  await (store as { close(): Promise<void> } | null)?.close();
}
