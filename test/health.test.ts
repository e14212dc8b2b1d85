// GET /healthz through the bot as `npm start` runs it: on PORT in HTTP mode, on HEALTH_PORT in
// Socket Mode; the state of Slack, the store and EDGAR (last success, throttled or not).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { HealthReport } from "../src/health.js";
import { type RunningBot, startBot } from "../src/main.js";
import { recordingLogger } from "./slack/doubles.js";
import { type EdgarStandIn, startEdgarStandIn } from "./stand-ins/edgar.js";
import {
  type SlackStandIn,
  signedHeaders,
  slashCommandBody,
  startSlackStandIn,
} from "./stand-ins/slack.js";

const SECRET = "health-test-signing-secret";
let slack: SlackStandIn;
let edgar: EdgarStandIn;
let bot: RunningBot | null = null;

beforeEach(async () => {
  slack = await startSlackStandIn();
  edgar = await startEdgarStandIn();
});
afterEach(async () => {
  await bot?.stop();
  bot = null;
  await slack.close();
  await edgar.close();
});

function env(extra: Record<string, string> = {}) {
  return {
    SLACK_BOT_TOKEN: "xoxb-health-test",
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slack.url,
    PORT: "0",
    EDGAR_WWW_URL: edgar.url,
    EDGAR_DATA_URL: edgar.url,
    SEC_USER_AGENT: "form4 tests tests@example.com",
    STORE_URL: "memory://",
    LOG_LEVEL: "error",
    ...extra,
  };
}

async function health(port: number | undefined): Promise<{ status: number; report: HealthReport }> {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  return { status: res.status, report: (await res.json()) as HealthReport };
}

async function lookUp(port: number | undefined, text: string, id: string): Promise<void> {
  const body = slashCommandBody({ text, response_url: slack.responseUrl(id) });
  await fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: "POST",
    headers: signedHeaders(SECRET, body),
    body,
  });
  await slack.waitFor((c) => c.responseId === id && c.body.replace_original !== true, 15_000);
}

describe("GET /healthz", () => {
  it("HTTP mode: on PORT, 200 with Slack, the store and EDGAR's last success", async () => {
    bot = await startBot(env(), recordingLogger());
    const fresh = await health(bot.port);
    expect(fresh.status).toBe(200);
    expect(fresh.report).toMatchObject({
      status: "ok",
      slack: { mode: "http", connected: null, installs: "token" },
      store: { ok: true, kind: "memory" },
      edgar: { lastSuccessAt: null, throttled: false, throttledUntil: null },
    });

    await lookUp(bot.port, "ASTI 1", "h1");
    const after = await health(bot.port);
    expect(after.report.edgar.lastSuccessAt).not.toBeNull();
    expect(Date.now() - Date.parse(after.report.edgar.lastSuccessAt ?? "")).toBeLessThan(30_000);
  });

  it("says when EDGAR throttles us (its 10-minute block)", async () => {
    bot = await startBot(env(), recordingLogger());
    edgar.fault(/./, { kind: "throttle" });
    await lookUp(bot.port, "ASTI 1", "h2");
    const { status, report } = await health(bot.port);
    expect(status).toBe(200);
    expect(report.edgar.throttled).toBe(true);
    expect(Date.parse(report.edgar.throttledUntil ?? "") - Date.now()).toBeGreaterThan(60_000);
    expect(report.edgar.lastFailure).toBe("HTTP 403");
  });

  it("Socket Mode: on HEALTH_PORT, saying whether the connection to Slack is up", async () => {
    const logger = recordingLogger();
    bot = await startBot(env({ SLACK_APP_TOKEN: "xapp-health", HEALTH_PORT: "0" }), logger);
    await slack.socketConnected();
    expect(bot.httpPort).toBeGreaterThan(0);
    expect(logger.lines).toContainEqual({
      level: "info",
      text: `form4 is running (Socket Mode; /healthz on :${bot.httpPort})`,
    });
    const { status, report } = await health(bot.httpPort);
    expect(status).toBe(200);
    expect(report.slack).toEqual({ mode: "socket", connected: true, installs: "token" });
  });

  it("Socket Mode without HEALTH_PORT serves nothing over HTTP", async () => {
    bot = await startBot(env({ SLACK_APP_TOKEN: "xapp-health" }), recordingLogger());
    expect(bot.httpPort).toBeUndefined();
  });
});
