// Starts the real Bolt app (src/slack/app.ts) against the Slack stand-in, for end-to-end tests.
import { expect } from "vitest";
import { AlertPoller } from "../../src/alerts/poller.js";
import type { SlackConfig } from "../../src/config.js";
import { DigestRunner } from "../../src/digest/runner.js";
import { createEdgarStack } from "../../src/edgar/stack.js";
import type { Form4Source } from "../../src/edgar/types.js";
import { createApp, type SlackApp } from "../../src/slack/app.js";
import { createStore, type Store } from "../../src/store.js";
import type { EdgarStandIn } from "../stand-ins/edgar.js";
import {
  eventBody,
  type SlackCall,
  type SlackStandIn,
  signedHeaders,
  slashCommandBody,
  startSlackStandIn,
} from "../stand-ins/slack.js";
import { recordingLogger } from "./doubles.js";

export const SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

export interface RunningApp {
  slack: SlackStandIn;
  app: SlackApp;
  store: Store;
  logger: ReturnType<typeof recordingLogger>;
  /** HTTP mode: http://127.0.0.1:PORT/slack/events */
  eventsUrl: string;
  close(): Promise<void>;
}

/**
 * The app in `mode`, reaching EDGAR through the real client and Form4Source against `edgar` (the
 * EDGAR stand-in), or through `source` (a double) for tests of the wiring alone.
 */
export async function startApp(
  options: {
    mode: "http" | "socket";
    slowNoticeMs?: number;
    /** The EDGAR client's clock (cache freshness), to let time pass in a test. */
    edgarNow?: () => number;
    /** The clock of the watchlist and digest commands and of the digest runner. */
    now?: () => number;
    /** Where state lives (default memory://): a SQLite file for restarts, Redis for instances. */
    storeUrl?: string;
    /** A Slack stand-in shared with another instance (default: one of its own, closed with it). */
    slack?: SlackStandIn;
    /** Start the alert poller, reading the feed every `intervalMs` (needs `edgar`). */
    alerts?: { intervalMs: number };
  } & ({ edgar: EdgarStandIn } | { source: Form4Source }),
): Promise<RunningApp> {
  const ownSlack = options.slack === undefined;
  const slack = options.slack ?? (await startSlackStandIn());
  const store = await createStore(options.storeUrl ?? "memory://");
  const stack =
    "edgar" in options
      ? createEdgarStack({
          config: options.edgar.config,
          cache: store.kv("edgar"),
          // Quick retries: a test of a fault should not wait out production backoff.
          backoffMs: 20,
          maxWaitMs: 200,
          retries: 1,
          ...(options.edgarNow ? { now: options.edgarNow } : {}),
        })
      : null;
  const source = stack ? stack.source : "source" in options ? options.source : null;
  if (!source) throw new Error("startApp needs an EDGAR stand-in or a source");
  const now = options.now ?? Date.now;
  const logger = recordingLogger();
  const config: SlackConfig = {
    botToken: "xoxb-stand-in-bot-token",
    appToken: options.mode === "socket" ? "xapp-stand-in-app-token" : null,
    signingSecret: options.mode === "http" ? SIGNING_SECRET : null,
    port: 0,
    apiUrl: slack.url,
  };
  const app = createApp({
    slack: config,
    deps: { source, store, logger, slowNoticeMs: options.slowNoticeMs, now },
    // As main.ts builds it; not started: tests ask for digests with `/form4 digest now`.
    digest: (post) =>
      new DigestRunner({
        store,
        source,
        post,
        now,
        market: stack ? { client: stack.client } : null,
        ...("edgar" in options ? { edgarWwwUrl: options.edgar.config.wwwUrl } : {}),
        logger,
      }),
    alerts:
      stack && options.alerts
        ? (post) =>
            new AlertPoller({
              store,
              source,
              client: stack.client,
              post,
              intervalMs: options.alerts?.intervalMs ?? 1000,
              now,
              logger,
            })
        : null,
    logLevel: "debug",
  });
  const started = await app.start();
  app.alerts?.start();
  return {
    slack,
    app,
    store,
    logger,
    eventsUrl: `http://127.0.0.1:${started.port ?? 0}/slack/events`,
    async close() {
      await app.alerts?.stop();
      await app.stop();
      await store.close();
      if (ownSlack) await slack.close();
    },
  };
}

/** Resolves once the logger has recorded `count` lines matching `pattern`. */
export async function waitForLog(
  logger: RunningApp["logger"],
  pattern: RegExp,
  count = 1,
  timeoutMs = 10_000,
): Promise<void> {
  const started = Date.now();
  while (logger.lines.filter((l) => pattern.test(l.text)).length < count) {
    if (Date.now() - started > timeoutMs) {
      throw new Error(`fewer than ${count} log lines matching ${pattern}`);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The seed filing's headline facts, as every compact surface (card, list line, unfurl) shows them. */
export function expectSeedNumbers(json: string): void {
  expect(json).toContain("Ashutosh Misra");
  expect(json).toContain("SVP Operations &amp; Corp. Affairs");
  expect(json).toContain("*$21,858*");
  expect(json).toContain("sold 1,500 shares");
  expect(json).toContain("avg $16.81");
  expect(json).toContain("over the 1,300 priced shares");
  expect(json).toContain("10b5-1 plan");
  expect(json).toContain("42,800 shares directly after (−3.4% of holdings)");
  // An unknown price is never shown as $0.
  expect(json).not.toMatch(/\$0(\.00)?\b/);
  // Reading notes stay in Details.
  expect(json).not.toContain("Table I row 5");
}

/** The seed's card (one filing, or its unfurl): the headline and its few facts. */
export function expectSeedCard(json: string): void {
  expectSeedNumbers(json);
  expect(json).toContain("$16.76–$16.96");
  expect(json).toContain("plan adopted Jun 22, 2007, 144 days before");
  expect(json).toContain("4,000 Class B Warrants");
  expect(json).toContain("30,000 Options");
  expect(json).toContain("1 row's shares inferred from holdings");
  expect(json).toContain("filing_details");
}

/** The seed's full breakdown (the Details modal): every row, holding, derivative and note. */
export function expectSeedDetails(json: string): void {
  expect(json).toContain("Ashutosh Misra");
  expect(json).toContain("SVP Operations &amp; Corp. Affairs");
  expect(json).toContain("avg $16.81");
  expect(json).toContain("$16.76–$16.96");
  expect(json).toContain("over 1,300 priced shares");
  // The fifth row states neither shares nor price (as in the seed): inferred, and said to be.
  expect(json).toContain("200 shares inferred from holdings change, price not reported");
  expect(json).toContain("42,800");
  expect(json).toContain("adopted Jun 22, 2007");
  expect(json).toContain("4,000 Class B Warrants");
  expect(json).toContain("25,000 Options");
  expect(json).toContain("5,000 Options");
  expect(json).toContain("Table I row 5");
  expect(json).not.toMatch(/\$0(\.00)?\b/);
}

let commandCounter = 0;

/**
 * `/form4 <text>` typed in `channel`, signed, over HTTP: checks the empty ack and resolves to the
 * one answer sent to the command's response_url.
 */
export async function slashCommand(
  run: RunningApp,
  text: string,
  channel = "C0CHANNEL",
  timeoutMs = 10_000,
): Promise<SlackCall> {
  commandCounter += 1;
  const id = `cmd${commandCounter}-${Math.random().toString(36).slice(2)}`;
  const body = slashCommandBody({
    text,
    channel_id: channel,
    response_url: run.slack.responseUrl(id),
  });
  const res = await fetch(run.eventsUrl, {
    method: "POST",
    headers: signedHeaders(SIGNING_SECRET, body),
    body,
  });
  expect(res.status).toBe(200);
  // Acked at once with nothing: the answer comes through the response_url.
  expect(await res.text()).toBe("");
  return run.slack.waitFor((c) => c.responseId === id, timeoutMs);
}

/** `/form4 <text>` typed in `channel`; the text of its answer, checked to be for the person alone. */
export async function slash(run: RunningApp, text: string, channel: string): Promise<string> {
  const answer = await slashCommand(run, text, channel);
  expect(answer.body.response_type).toBe("ephemeral");
  return String(answer.body.text);
}

/** A signed Events API callback with `event`, acked 200. */
export async function sendEvent(run: RunningApp, event: Record<string, unknown>): Promise<void> {
  const body = eventBody(event);
  const res = await fetch(run.eventsUrl, {
    method: "POST",
    headers: signedHeaders(SIGNING_SECRET, body, { contentType: "application/json" }),
    body,
  });
  expect(res.status).toBe(200);
}

/** Opens the Home tab as U0ANALYST; resolves to the view published for them, as JSON text. */
export async function openHome(run: RunningApp): Promise<string> {
  const publishes = () => run.slack.calls.filter((c) => c.method === "views.publish");
  const before = publishes().length;
  await sendEvent(run, {
    type: "app_home_opened",
    user: "U0ANALYST",
    channel: "D0HOME",
    tab: "home",
    event_ts: "1.2",
  });
  await run.slack.waitFor(() => publishes().length > before, 10_000);
  const publish = publishes().at(-1);
  expect(publish?.body.user_id).toBe("U0ANALYST");
  return JSON.stringify(publish?.body.view);
}
