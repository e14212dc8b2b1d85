// The app under test, in a process of its own as in production: the real Bolt app over HTTP with
// the real EDGAR client and Form4Source, pointed at the stand-ins the benchmark runs in its own
// process. Driven over IPC by bench/slack.ts:
//   { kind: "start" }   a fresh app: new in-memory store (nothing cached), new EDGAR stack and
//                       10-a-second limiter (a quiet process) → { kind: "started", port }
//   { kind: "memory" }  → { kind: "memory", rss, heapUsed } (after a full GC)
//   { kind: "stop" }    → { kind: "stopped", log }: lines logged at warn or above, then exits

import type { SlackConfig } from "../src/config.js";
import { DigestRunner } from "../src/digest/runner.js";
import { createRequestLimiter } from "../src/edgar/limiter.js";
import { createEdgarStack } from "../src/edgar/stack.js";
import { createApp, type SlackApp } from "../src/slack/app.js";
import { createLogger } from "../src/slack/logger.js";
import { createStore, type Store } from "../src/store.js";
import { collectGarbage } from "./stats.js";

export const BENCH_SIGNING_SECRET = "bench-signing-secret-0123456789ab";

export interface AppProcessConfig {
  edgarUrl: string;
  edgarUserAgent: string;
  slackApiUrl: string;
}

export type AppRequest = { kind: "start" } | { kind: "memory" } | { kind: "stop" };
export type AppReply =
  | { kind: "started"; port: number }
  | { kind: "memory"; rss: number; heapUsed: number }
  | { kind: "stopped"; log: string[] }
  | { kind: "failed"; error: string };

async function main(config: AppProcessConfig): Promise<void> {
  const log: string[] = [];
  const logger = createLogger("warn", (line) => {
    log.push(line);
  });
  let current: { app: SlackApp; store: Store } | null = null;

  const stopCurrent = async () => {
    if (!current) return;
    await current.app.stop();
    await current.store.close();
    current = null;
  };

  const start = async (): Promise<number> => {
    await stopCurrent();
    const store = await createStore("memory://");
    const { source } = createEdgarStack({
      config: {
        userAgent: config.edgarUserAgent,
        wwwUrl: config.edgarUrl,
        dataUrl: config.edgarUrl,
      },
      cache: store.kv("edgar", { throwOnErrors: false }),
      limiter: createRequestLimiter(),
    });
    const slack: SlackConfig = {
      botToken: "xoxb-bench-bot-token",
      appToken: null,
      signingSecret: BENCH_SIGNING_SECRET,
      port: 0,
      apiUrl: config.slackApiUrl,
    };
    const app = createApp({
      slack,
      deps: { source, store, logger },
      // Built as the app builds it, never started: no digest is due during the benchmark.
      digest: (post) => new DigestRunner({ store, source, post }),
      logLevel: "warn",
    });
    const started = await app.start();
    current = { app, store };
    return started.port ?? 0;
  };

  const send = (reply: AppReply) => process.send?.(reply);

  process.on("message", (message: AppRequest) => {
    const handle = async (): Promise<void> => {
      if (message.kind === "start") {
        send({ kind: "started", port: await start() });
      } else if (message.kind === "memory") {
        collectGarbage();
        const m = process.memoryUsage();
        send({ kind: "memory", rss: m.rss, heapUsed: m.heapUsed });
      } else {
        await stopCurrent();
        send({ kind: "stopped", log });
        process.disconnect();
      }
    };
    handle().catch((error: unknown) => {
      send({ kind: "failed", error: error instanceof Error ? error.message : String(error) });
    });
  });
}

const raw = process.env.FORM4_BENCH_APP;
if (raw) await main(JSON.parse(raw) as AppProcessConfig);
