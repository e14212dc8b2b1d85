// Where the CLI keeps what it fetched from EDGAR when STORE_URL does not say: the per-user cache
// folder of the XDG Base Directory spec ($XDG_CACHE_HOME, else ~/.cache), never the folder the
// command happens to run in.

import { homedir } from "node:os";
import { isAbsolute, join } from "node:path";

type Env = Record<string, string | undefined>;

export const CACHE_FILE = "edgar.sqlite";

/** $XDG_CACHE_HOME/form4, else ~/.cache/form4 (a relative XDG_CACHE_HOME is ignored, as the spec says). */
export function cacheDir(env: Env): string {
  const xdg = env.XDG_CACHE_HOME?.trim();
  if (xdg && isAbsolute(xdg)) return join(xdg, "form4");
  const home = env.HOME?.trim() || homedir();
  return join(home, ".cache", "form4");
}

/** The store the CLI opens for EDGAR lookups: STORE_URL when set, else a SQLite file in cacheDir. */
export function cliStoreUrl(env: Env): string {
  const configured = env.STORE_URL?.trim();
  if (configured) return configured;
  return `sqlite://${join(cacheDir(env), CACHE_FILE)}`;
}
