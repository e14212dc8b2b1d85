// The SEC's ticker map (www.sec.gov/files/company_tickers.json) → companies. Pure.

import { EdgarError } from "./errors.js";
import type { Company } from "./types.js";

/**
 * The key EDGAR files a ticker under: upper case, class suffix after a dash.
 * "brk.b", "BRK/B", "$BRK-B" → "BRK-B".
 */
export function normalizeTicker(raw: string): string {
  return raw.trim().replace(/^\$/, "").toUpperCase().replace(/[./]/g, "-");
}

/** Ticker → company, from the map's `{ "0": { cik_str, ticker, title }, … }` layout. */
export function parseTickerMap(body: string): Map<string, Company> {
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch (error) {
    throw new EdgarError("unavailable", "EDGAR's ticker map could not be read (not JSON)", {
      cause: error,
    });
  }
  if (typeof raw !== "object" || raw === null) {
    throw new EdgarError("unavailable", "EDGAR's ticker map could not be read (unexpected layout)");
  }
  const map = new Map<string, Company>();
  for (const entry of Object.values(raw)) {
    const e = entry as { cik_str?: unknown; ticker?: unknown; title?: unknown };
    const cik =
      typeof e.cik_str === "number" || typeof e.cik_str === "string" ? String(e.cik_str) : "";
    if (!/^\d{1,10}$/.test(cik) || typeof e.ticker !== "string" || e.ticker === "") continue;
    const key = normalizeTicker(e.ticker);
    // The map lists a company's main ticker first; keep the first entry for a ticker.
    if (!map.has(key)) {
      map.set(key, {
        cik: cik.padStart(10, "0"),
        name: typeof e.title === "string" ? e.title : "",
        ticker: e.ticker,
      });
    }
  }
  return map;
}

/** The company for a ticker, or EdgarError("unknownTicker"). */
export function findCompany(map: Map<string, Company>, ticker: string): Company {
  const company = map.get(normalizeTicker(ticker));
  if (!company) {
    throw new EdgarError("unknownTicker", `no company with ticker "${ticker.trim()}" on EDGAR`);
  }
  return company;
}
