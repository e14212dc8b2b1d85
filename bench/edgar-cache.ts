// The EDGAR cache's size per 1,000 filings, as the market digest fills it: 1,000 Form 4 bodies (the
// recorded fixtures, .txt submissions and XML, cycled, each under its own URL) written through the
// product's caches (src/edgar/cache.ts) into a fresh SQLite file and a fresh Redis. Reports the raw
// bytes, the SQLite file's growth, Redis's memory for the keys, and the brotli CPU per filing
// (process CPU, the libuv pool included; median and spread of 5 rounds). From these: what 30 days
// (the default EDGAR_CACHE_DAYS) and a year of market digests (~1,000 filings a SEC business day)
// take. Run alone: `npm run build && node dist/bench/edgar-cache.js`.

import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import KeyvSqlite from "@keyv/sqlite";
import { Redis } from "ioredis";
import { compress, redisEdgarCache, sqliteEdgarCache } from "../src/edgar/cache.js";
import { FORM4_DIR } from "../test/fixtures.js";
import { startRedis } from "../test/helpers/redis.js";
import { type Distribution, distribution, round, roundDistribution } from "./stats.js";
import type { BenchStep } from "./steps.js";

export interface EdgarCacheResult {
  filings: number;
  /** Bodies as EDGAR sent them, KB per 1,000 filings. */
  rawKB: number;
  /** Brotli bodies alone, KB per 1,000. */
  compressedKB: number;
  /** Growth of the SQLite file (rows, index, pages), KB per 1,000. */
  sqliteKB: number;
  /** Redis memory for the keys (MEMORY USAGE summed), KB per 1,000; null without redis-server. */
  redisKB: number | null;
  /** Brotli CPU per filing, ms. */
  compressCpuMs: Distribution;
  /** At 1,000 filings a day: the default 30 days, and 252 SEC business days. */
  thirtyDaysMB: number;
  yearMB: number;
}

const FILINGS = 1000;
const BUSINESS_DAYS_A_YEAR = 252;

function bodies(): string[] {
  const names = readdirSync(FORM4_DIR).filter((n) => /\.(txt|xml)$/.test(n));
  const all = names.map((n) => readFileSync(join(FORM4_DIR, n), "utf8"));
  return Array.from({ length: FILINGS }, (_, i) => all[i % all.length] as string);
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

export async function runEdgarCache(options: { rounds?: number } = {}): Promise<EdgarCacheResult> {
  const docs = bodies();
  const url = (i: number) =>
    `https://www.sec.gov/Archives/edgar/data/${1000 + i}/0000000000-26-${String(i).padStart(6, "0")}.txt`;
  const rawBytes = docs.reduce((n, d) => n + Buffer.byteLength(d), 0);

  const perFiling: number[] = [];
  let compressedBytes = 0;
  for (let r = 0; r < (options.rounds ?? 5); r++) {
    const t0 = cpuMs();
    let bytes = 0;
    for (const d of docs) bytes += (await compress(d)).length;
    perFiling.push((cpuMs() - t0) / FILINGS);
    compressedBytes = bytes;
  }

  const dir = mkdtempSync(join(tmpdir(), "form4-bench-cache-"));
  let sqliteBytes: number;
  try {
    const path = join(dir, "cache.sqlite");
    const cache = await sqliteEdgarCache(path);
    await cache.close();
    const db = new KeyvSqlite({ uri: `sqlite://${path}` });
    await db.query("PRAGMA journal_mode=WAL");
    await db.disconnect();
    const sizeOf = () =>
      ["", "-wal"].reduce(
        (n, s) => n + (statSync(path + s, { throwIfNoEntry: false })?.size ?? 0),
        0,
      );
    const empty = sizeOf();
    const filled = await sqliteEdgarCache(path);
    for (let i = 0; i < FILINGS; i++) {
      await filled.set(url(i), { body: docs[i] as string, fetchedAt: Date.now() });
    }
    await filled.close();
    const check = new KeyvSqlite({ uri: `sqlite://${path}` });
    await check.query("PRAGMA wal_checkpoint(TRUNCATE)");
    await check.disconnect();
    sqliteBytes = sizeOf() - empty;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  let redisBytes: number | null = null;
  try {
    const server = await startRedis();
    const client = new Redis(server.url);
    try {
      const cache = redisEdgarCache(client);
      for (let i = 0; i < FILINGS; i++) {
        await cache.set(url(i), { body: docs[i] as string, fetchedAt: Date.now() });
      }
      let total = 0;
      for (let i = 0; i < FILINGS; i++) {
        total += Number(await client.memory("USAGE", `form4:edgar-cache:${url(i)}`));
      }
      redisBytes = total;
      for (let i = 0; i < FILINGS; i++) await client.del(`form4:edgar-cache:${url(i)}`);
    } finally {
      client.disconnect();
      await server.stop();
    }
  } catch {
    redisBytes = null; // no redis-server here: said as n/a
  }

  const kb = (b: number) => round(b / 1024, 0);
  const perDayMB = Math.max(sqliteBytes, redisBytes ?? 0) / 1024 / 1024;
  return {
    filings: FILINGS,
    rawKB: kb(rawBytes),
    compressedKB: kb(compressedBytes),
    sqliteKB: kb(sqliteBytes),
    redisKB: redisBytes === null ? null : kb(redisBytes),
    compressCpuMs: roundDistribution(distribution(perFiling), 3),
    thirtyDaysMB: round(perDayMB * 30, 0),
    yearMB: round(perDayMB * BUSINESS_DAYS_A_YEAR, 0),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${JSON.stringify(await runEdgarCache(), null, 2)}\n`);
}

/** The EDGAR cache's size and CPU as a registered step (`npm run bench -- --only edgar-cache`). */
export const edgarCacheStep: BenchStep = {
  name: "edgar-cache",
  description: "EDGAR cache: size per 1,000 filings in SQLite and Redis, brotli CPU",
  timeoutMs: 3 * 60_000,
  async run({ quick }) {
    const c = await runEdgarCache({ rounds: quick ? 2 : 5 });
    return {
      lines: [
        `edgar-cache: per 1,000 filings ${c.rawKB} KB as sent, ${c.compressedKB} KB brotli, ${c.sqliteKB} KB in SQLite, ${c.redisKB === null ? "Redis not measured (no redis-server)" : `${c.redisKB} KB in Redis`}; brotli ${c.compressCpuMs.median} ms CPU a filing; ${c.thirtyDaysMB} MB for 30 days`,
      ],
      result: c,
    };
  },
};
