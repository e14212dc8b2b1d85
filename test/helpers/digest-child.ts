// A digest in a process of its own, for the crash test (test/digest/crash.test.ts), which kills it
// with SIGKILL at random points: the real DigestRunner, a real SQLite file, and the real Slack
// WebClient posting to the Slack stand-in. EDGAR is the scripted source (the same filings in every
// run). Every write of the channel's cursor is appended to a progress file with its instant, so the
// test can tell which posted messages the store had recorded when the process died.
//
//   node dist/test/helpers/digest-child.js
//   env: CHILD_STORE (SQLite file), CHILD_SLACK_API_URL, CHILD_SLACK_TOKEN, CHILD_PROGRESS (file),
//   CHILD_LEASE_MS
import { appendFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { webApi } from "@slack/bolt";
import { DigestRunner, postWithSlack } from "../../src/digest/runner.js";
import { getWatchlist, watch } from "../../src/digest/watchlists.js";
import { createStore, type Store } from "../../src/store.js";
import { nyTime, ScriptedEdgar } from "../digest/scripted-edgar.js";

export const CRASH_CHANNEL = "C0CRASH";
export const CRASH_TICKERS = 20;
export const CRASH_FILINGS_PER_TICKER = 10;

export function crashAccessions(): string[] {
  const all: string[] = [];
  for (let t = 1; t <= CRASH_TICKERS; t++) {
    for (let k = 1; k <= CRASH_FILINGS_PER_TICKER; k++) all.push(accession(t, k));
  }
  return all;
}

function accession(t: number, k: number): string {
  return `00000000${String(t).padStart(2, "0")}-20-${String(k).padStart(6, "0")}`;
}

const now = () => nyTime("2020-11-24 12:00");

function scriptedEdgar(): { edgar: ScriptedEdgar; tickers: string[] } {
  const edgar = new ScriptedEdgar(now);
  const tickers: string[] = [];
  for (let t = 1; t <= CRASH_TICKERS; t++) {
    const ticker = `T${String(t).padStart(2, "0")}X`;
    tickers.push(ticker);
    const company = edgar.addCompany(ticker, String(1000 + t).padStart(10, "0"), `Company ${t}`);
    for (let k = 1; k <= CRASH_FILINGS_PER_TICKER; k++) {
      edgar.file({
        company,
        accession: accession(t, k),
        filedDate: "2020-11-24",
        visibleAt: nyTime("2020-11-24 08:00"),
        fixture: k % 2 ? "msft-hogan-2024-03-11.xml" : "0001209191-22-024552.xml",
      });
    }
  }
  return { edgar, tickers };
}

/** The store, with each cursor write reported to the progress file once it is done. */
function reporting(store: Store, progress: string): Store {
  return {
    ...store,
    kv: (namespace, options) =>
      new Proxy(store.kv(namespace, options), {
        get(target, property, receiver) {
          const value = Reflect.get(target, property, receiver);
          if (property === "set") {
            return async (key: string, ...rest: unknown[]) => {
              const done = await (value as (...a: unknown[]) => Promise<boolean>).call(
                target,
                key,
                ...rest,
              );
              if (key === `cursor:${CRASH_CHANNEL}`) {
                appendFileSync(
                  progress,
                  `recorded ${performance.timeOrigin + performance.now()}\n`,
                );
              }
              return done;
            };
          }
          return typeof value === "function" ? value.bind(target) : value;
        },
      }),
  };
}

async function child(): Promise<void> {
  const file = process.env.CHILD_STORE ?? "";
  const progress = process.env.CHILD_PROGRESS ?? "";
  const store = await createStore(`sqlite://${file}`);
  const { edgar, tickers } = scriptedEdgar();
  // The first run of a fresh file sets the channel up; the test kills only after "started".
  if ((await getWatchlist(store, CRASH_CHANNEL)).length === 0) {
    await watch(store, edgar, CRASH_CHANNEL, tickers, now());
  }
  const client = new webApi.WebClient(process.env.CHILD_SLACK_TOKEN ?? "xoxb-crash-test", {
    slackApiUrl: process.env.CHILD_SLACK_API_URL ?? "",
    retryConfig: { retries: 0 },
  });
  const runner = new DigestRunner({
    store: reporting(store, progress),
    source: edgar,
    post: postWithSlack(client),
    now,
    leaseMs: Number(process.env.CHILD_LEASE_MS ?? "300"),
  });
  appendFileSync(progress, "started\n");
  const outcome = await runner.runNow(CRASH_CHANNEL, 30_000);
  appendFileSync(progress, `outcome ${outcome.status} ${outcome.posted}\n`);
  await store.close();
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await child();
}
