import { execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { listChannels, stateKv } from "../src/digest/state.js";
import { getWatchlist } from "../src/digest/watchlists.js";
import { readPoolOpen } from "../src/engine/pool.js";
import { main, type RunningBot, startBot } from "../src/main.js";
import { createStore } from "../src/store.js";
import { recordingLogger } from "./slack/doubles.js";
import { expectSeedNumbers } from "./slack/harness.js";
import { ASTI, type EdgarStandIn, startEdgarStandIn } from "./stand-ins/edgar.js";
import {
  type SlackStandIn,
  signedHeaders,
  slashCommandBody,
  startSlackStandIn,
  TEAM_ID,
} from "./stand-ins/slack.js";

const SECRET = "main-test-signing-secret";

/** Everything `npm start` reads, pointed at the stand-ins. */
function envFor(slack: SlackStandIn, edgar: EdgarStandIn, extra: Record<string, string> = {}) {
  return {
    SLACK_BOT_TOKEN: "xoxb-main-test",
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

async function mainLines(env: Record<string, string>): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await main(env, (line) => lines.push(line));
  return { code, lines };
}

describe("main: configuration a person must fix stops start-up, every problem in one message", () => {
  const base = {
    EDGAR_WWW_URL: "http://127.0.0.1:9",
    EDGAR_DATA_URL: "http://127.0.0.1:9",
    STORE_URL: "memory://",
  };
  const slackBase = { ...base, SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s" };

  it.each([
    [
      { ...base, SLACK_SIGNING_SECRET: "s" },
      /^SLACK_BOT_TOKEN is not set; copy the Bot User OAuth Token/,
    ],
    [{ ...slackBase, SLACK_BOT_TOKEN: "xoxp-user-token" }, /^SLACK_BOT_TOKEN must be a bot token/],
    [{ ...base, SLACK_BOT_TOKEN: "xoxb-1" }, /^SLACK_SIGNING_SECRET is not set.*SLACK_APP_TOKEN/],
    [{ ...slackBase, PORT: "http" }, /^PORT must be a port number/],
    [{ ...slackBase, HEALTH_PORT: "99999" }, /^HEALTH_PORT must be a port number/],
    [
      { ...base, SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xoxb-wrong" },
      /^SLACK_APP_TOKEN must be an app-level token/,
    ],
    [{ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s" }, /^SEC_USER_AGENT is not set/],
    [{ ...slackBase, STORE_URL: "mysql://db" }, /^STORE_URL must start with sqlite:\/\//],
    [{ ...slackBase, LOG_FORMAT: "xml" }, /^LOG_FORMAT must be one of json, pretty/],
  ])("one problem, one line: %o", async (env, message) => {
    const { code, lines } = await mainLines(env);
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]?.split("\n")).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(lines[0]).toMatch(/README/);
  });

  it("lists every missing or malformed variable at once, each with its fix", async () => {
    const { code, lines } = await mainLines({
      SLACK_BOT_TOKEN: "xoxp-user",
      SLACK_APP_TOKEN: "nope",
      PORT: "-1",
      LOG_LEVEL: "loud",
      STORE_URL: "mongo://x",
      SLACK_CLIENT_ID: "123.456",
    });
    expect(code).toBe(1);
    const [message] = lines;
    expect(lines).toHaveLength(1);
    const rows = (message ?? "").split("\n");
    expect(rows[0]).toMatch(/^8 problems in the configuration .*README\.md/);
    expect(rows.slice(1).map((r) => r.replace(/^ {2}- (\S+) .*$/, "$1"))).toEqual([
      "LOG_LEVEL",
      "STORE_URL",
      "SEC_USER_AGENT",
      "SLACK_CLIENT_SECRET",
      "SLACK_STATE_SECRET",
      "SLACK_BOT_TOKEN",
      "SLACK_APP_TOKEN",
      "PORT",
    ]);
    // Each with what to do, not only what is wrong.
    expect(message).toContain("App Credentials");
    expect(message).toContain("OAuth & Permissions");
    expect(message).toContain("your name and e-mail");
  });

  it("says so when Slack rejects the bot token", async () => {
    const slack = await startSlackStandIn();
    const edgar = await startEdgarStandIn();
    try {
      slack.failNext("auth.test", "invalid_auth");
      const { code, lines } = await mainLines(envFor(slack, edgar));
      expect(code).toBe(1);
      expect(lines).toEqual([
        expect.stringMatching(/^Slack rejected SLACK_BOT_TOKEN \(invalid_auth\)/),
      ]);
    } finally {
      await slack.close();
      await edgar.close();
    }
  });

  it("Slack unreachable is one line naming the URL it tried (no retries' warnings first)", async () => {
    const edgar = await startEdgarStandIn();
    // A port nobody listens on: take a free one and give it back.
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const { port } = closed.address() as AddressInfo;
    await new Promise((r) => closed.close(r));
    try {
      const apiUrl = `http://127.0.0.1:${port}/api/`;
      const lines: string[] = [];
      const logged: string[] = [];
      const env = {
        SLACK_BOT_TOKEN: "xoxb-main-test",
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: apiUrl,
        PORT: "0",
        EDGAR_WWW_URL: edgar.url,
        EDGAR_DATA_URL: edgar.url,
        STORE_URL: "memory://",
        LOG_LEVEL: "debug",
      };
      const logger = recordingLogger();
      await expect(startBot(env, logger)).rejects.toThrow(
        new RegExp(`^Could not reach Slack at ${apiUrl}auth\\.test: .*ECONNREFUSED`),
      );
      logged.push(...logger.lines.filter((l) => l.level === "warn").map((l) => l.text));
      expect(logged).toEqual([]);
      const code = await main(env, (line) => lines.push(line));
      expect(code).toBe(1);
      expect(lines).toHaveLength(1);
      expect(lines[0]?.split("\n")).toHaveLength(1);
    } finally {
      await edgar.close();
    }
  });

  it("prints the message alone, no stack trace, from the built program (child process)", async () => {
    const root = fileURLToPath(new URL("../", import.meta.url));
    // An empty working directory: no .env to load.
    const cwd = mkdtempSync(join(tmpdir(), "form4-main-"));
    const env = { PATH: process.env.PATH ?? "", ...base };
    const result = await promisify(execFile)(process.execPath, [join(root, "dist/src/main.js")], {
      cwd,
      env,
    }).then(
      () => ({ code: 0, stderr: "" }),
      (err: { code?: number; stderr?: string }) => ({
        code: err.code ?? -1,
        stderr: err.stderr ?? "",
      }),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      [
        '2 problems in the configuration (.env or the environment) (see README.md, "Configuration"):',
        "  - SLACK_BOT_TOKEN is not set; copy the Bot User OAuth Token (xoxb-…) from your app's OAuth & Permissions page",
        "  - SLACK_SIGNING_SECRET is not set; it is needed in HTTP mode (Basic Information → Signing Secret), or set SLACK_APP_TOKEN for Socket Mode",
        "",
      ].join("\n"),
    );
  });
});

describe("startBot: everything npm start starts, against the stand-ins", () => {
  let slack: SlackStandIn;
  let edgar: EdgarStandIn;
  let bot: RunningBot | null = null;

  afterEach(async () => {
    await bot?.stop();
    bot = null;
    await slack.close();
    await edgar.close();
  });

  it("on its first start, moves a single-workspace store's records under the token's team", async () => {
    slack = await startSlackStandIn();
    edgar = await startEdgarStandIn();
    const dir = mkdtempSync(join(tmpdir(), "form4-migrate-"));
    const storeUrl = `sqlite://${join(dir, "state.sqlite")}`;
    const old = await createStore(storeUrl);
    await stateKv(old).set("channels", ["C0DESK"]);
    await stateKv(old).set("watchlist:C0DESK", [
      { ticker: "ASTI", cik: ASTI.cik, name: "Ascent Solar", addedAt: 1 },
    ]);
    await old.close();

    const logger = recordingLogger();
    bot = await startBot(envFor(slack, edgar, { STORE_URL: storeUrl, LOG_LEVEL: "info" }), logger);
    await bot.stop();
    bot = null;
    expect(logger.lines).toContainEqual({
      level: "info",
      text: `Moved the records of 1 channel(s) under workspace ${TEAM_ID}`,
    });
    const after = await createStore(storeUrl);
    try {
      expect(await listChannels(after)).toEqual([`${TEAM_ID}:C0DESK`]);
      expect((await getWatchlist(after, `${TEAM_ID}:C0DESK`)).map((w) => w.ticker)).toEqual([
        "ASTI",
      ]);
    } finally {
      await after.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("runs in HTTP mode on the port it reports and answers /form4 ASTI with the seed filing", async () => {
    slack = await startSlackStandIn();
    edgar = await startEdgarStandIn();
    const logger = recordingLogger();
    bot = await startBot(envFor(slack, edgar, { LOG_LEVEL: "info" }), logger);
    expect(bot.mode).toBe("http");
    expect(logger.lines).toContainEqual({
      level: "info",
      text: `form4 is running (HTTP on :${bot.port} at /slack/events; /healthz)`,
    });

    const body = slashCommandBody({ text: "asti", response_url: slack.responseUrl("main") });
    const res = await fetch(`http://127.0.0.1:${bot.port}/slack/events`, {
      method: "POST",
      headers: signedHeaders(SECRET, body),
      body,
    });
    expect(res.status).toBe(200);
    const answer = await slack.waitFor(
      (c) => c.responseId === "main" && c.body.response_type === "in_channel",
    );
    expectSeedNumbers(JSON.stringify(answer.body));
    expect(edgar.requests.some((r) => r.path.startsWith(ASTI.folder))).toBe(true);

    // Stopping (what SIGTERM does) ends the filing reader's worker threads after the drain.
    expect(readPoolOpen()).toBe(true);
    await bot.stop();
    bot = null;
    expect(readPoolOpen()).toBe(false);
  });

  it("runs in Socket Mode when SLACK_APP_TOKEN is set", async () => {
    slack = await startSlackStandIn();
    edgar = await startEdgarStandIn();
    const logger = recordingLogger();
    bot = await startBot(
      envFor(slack, edgar, { SLACK_APP_TOKEN: "xapp-main-test", LOG_LEVEL: "info" }),
      logger,
    );
    expect(bot.mode).toBe("socket");
    expect(logger.lines).toContainEqual({ level: "info", text: "form4 is running (Socket Mode)" });
    await slack.socketConnected();
  });

  it("starts the digest runner with the app, posts digest now through the app's client, stops it with the app", async () => {
    slack = await startSlackStandIn();
    edgar = await startEdgarStandIn();
    bot = await startBot(envFor(slack, edgar), recordingLogger());
    const next = bot.runner.nextTick();
    expect(next).toBeInstanceOf(Date);
    // The runner ticks at the start of every minute.
    expect(next?.getUTCSeconds()).toBe(0);

    const port = bot.port;
    const command = async (text: string, id: string) => {
      const body = slashCommandBody({ text, response_url: slack.responseUrl(id) });
      const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
        method: "POST",
        headers: signedHeaders(SECRET, body),
        body,
      });
      expect(res.status).toBe(200);
      return (await slack.waitFor((c) => c.responseId === id)).body.text;
    };
    expect(await command("watch ASTI", "watch")).toContain("Watching *ASTI*");
    expect(await command("digest now", "now")).toBe("Here is the digest.");
    const posted = await slack.waitFor((c) => c.method === "chat.postMessage");
    expect(posted.token).toBe("xoxb-main-test");
    expect(posted.body).toMatchObject({
      channel: "C0CHANNEL",
      text: "No insider filings for ASTI since they were added.",
    });

    const { runner } = bot;
    await bot.stop();
    bot = null;
    expect(runner.nextTick()).toBeNull();
  });
});

describe("npm start with the embedded defaults (built program, child process)", () => {
  it("keeps its state in ./data/form4.sqlite, serves watch, and stops cleanly on SIGTERM", async () => {
    const slack = await startSlackStandIn();
    const edgar = await startEdgarStandIn();
    const root = fileURLToPath(new URL("../", import.meta.url));
    const cwd = mkdtempSync(join(tmpdir(), "form4-start-"));
    // No STORE_URL: the default applies.
    const { STORE_URL: _unset, ...env } = envFor(slack, edgar, { LOG_LEVEL: "info" });
    const child = spawn(process.execPath, [join(root, "dist/src/main.js")], {
      cwd,
      env: { PATH: process.env.PATH ?? "", ...env },
      stdio: ["ignore", "ignore", "pipe"],
    });
    try {
      let stderr = "";
      const port = await new Promise<number>((resolve, reject) => {
        child.stderr.setEncoding("utf8");
        child.stderr.on("data", (chunk: string) => {
          stderr += chunk;
          const m = /form4 is running \(HTTP on :(\d+) at \/slack\/events/.exec(stderr);
          if (m?.[1]) resolve(Number(m[1]));
        });
        child.on("exit", (code) => reject(new Error(`exited ${code} before running: ${stderr}`)));
      });
      expect(existsSync(join(cwd, "data", "form4.sqlite"))).toBe(true);

      const body = slashCommandBody({ text: "watch ASTI", response_url: slack.responseUrl("w") });
      const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
        method: "POST",
        headers: signedHeaders(SECRET, body),
        body,
      });
      expect(res.status).toBe(200);
      const answer = await slack.waitFor((c) => c.responseId === "w");
      expect(answer.body.text).toContain("Watching *ASTI*");

      const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect(stderr).toMatch(/SIGTERM: stopping/);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      rmSync(cwd, { recursive: true, force: true });
      await slack.close();
      await edgar.close();
    }
  });
});
