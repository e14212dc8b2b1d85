// Many workspaces, end to end: the bot as `npm start` runs it with SLACK_CLIENT_ID /
// SLACK_CLIENT_SECRET / SLACK_STATE_SECRET, installed through /slack/install and
// /slack/oauth_redirect by two workspaces (the Slack stand-in answers oauth.v2.access), each
// watching a ticker in a channel with the same id; each keeps its own watchlist, each digest goes
// out with its workspace's own token, and app_uninstalled for one stops only its digests.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listChannels } from "../../src/digest/state.js";
import { type RunningBot, startBot } from "../../src/main.js";
import { type EdgarStandIn, startEdgarStandIn } from "../stand-ins/edgar.js";
import {
  botTokenOf,
  eventBody,
  type SlackStandIn,
  signedHeaders,
  slashCommandBody,
  startSlackStandIn,
} from "../stand-ins/slack.js";
import { recordingLogger } from "./doubles.js";

const SECRET = "oauth-test-signing-secret";
const CHANNEL = "C0SAME";

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

async function startDistributed(): Promise<{ base: string; bot: RunningBot }> {
  const logger = recordingLogger();
  const started = await startBot(
    {
      SLACK_CLIENT_ID: "1111.2222",
      SLACK_CLIENT_SECRET: "oauth-test-client-secret",
      SLACK_STATE_SECRET: "oauth-test-state-secret",
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.url,
      PORT: "0",
      EDGAR_WWW_URL: edgar.url,
      EDGAR_DATA_URL: edgar.url,
      SEC_USER_AGENT: "form4 tests tests@example.com",
      STORE_URL: "memory://",
      LOG_LEVEL: "info",
    },
    logger,
  );
  bot = started;
  return { base: `http://127.0.0.1:${started.port}`, bot: started };
}

/** A workspace's admin clicks "Add to Slack", approves, and Slack sends them back with a code. */
async function install(base: string, team: string): Promise<void> {
  const start = await fetch(`${base}/slack/install`, { redirect: "manual" });
  expect(start.status).toBe(302);
  const consent = new URL(start.headers.get("location") ?? "");
  expect(consent.searchParams.get("client_id")).toBe("1111.2222");
  expect(consent.searchParams.get("scope")?.split(",")).toContain("commands");
  const state = consent.searchParams.get("state") ?? "";
  const cookie = (start.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const back = await fetch(
    `${base}/slack/oauth_redirect?code=${slack.oauthCode(team)}&state=${encodeURIComponent(state)}`,
    { headers: { cookie }, redirect: "manual" },
  );
  expect(back.status).toBe(200);
}

async function command(base: string, team: string, text: string, id: string): Promise<string> {
  const body = slashCommandBody({
    text,
    team_id: team,
    channel_id: CHANNEL,
    response_url: slack.responseUrl(id),
  });
  const res = await fetch(`${base}/slack/events`, {
    method: "POST",
    headers: signedHeaders(SECRET, body),
    body,
  });
  expect(res.status).toBe(200);
  const answer = await slack.waitFor((c) => c.responseId === id);
  return String(answer.body.text ?? "");
}

describe("OAuth: many workspaces", () => {
  it("installs two workspaces whose same-id channels keep their own watchlists and tokens", async () => {
    const { base, bot: running } = await startDistributed();
    await install(base, "T0ONE");
    await install(base, "T0TWO");
    expect(slack.calls.filter((c) => c.method === "oauth.v2.access")).toHaveLength(2);

    expect(await command(base, "T0ONE", "watch ASTI", "one-watch")).toContain("Watching *ASTI*");
    expect(await command(base, "T0TWO", "watch TSLA", "two-watch")).toContain("Watching *TSLA*");
    const one = await command(base, "T0ONE", "watchlist", "one-list");
    const two = await command(base, "T0TWO", "watchlist", "two-list");
    expect(one).toContain("*ASTI*");
    expect(one).not.toContain("TSLA");
    expect(two).toContain("*TSLA*");
    expect(two).not.toContain("ASTI");

    // Each workspace's digest is posted with its own token, in its own channel C0SAME.
    await command(base, "T0ONE", "digest now", "one-now");
    await command(base, "T0TWO", "digest now", "two-now");
    const posts = slack.calls.filter((c) => c.method === "chat.postMessage");
    expect(posts.map((p) => [p.token, p.body.channel])).toEqual([
      [botTokenOf("T0ONE"), CHANNEL],
      [botTokenOf("T0TWO"), CHANNEL],
    ]);
    expect(String(posts[0]?.body.text)).toContain("ASTI");
    expect(String(posts[1]?.body.text)).toContain("TSLA");

    // T0ONE uninstalls: its token and digests go; T0TWO's stay.
    const uninstalled = eventBody({ type: "app_uninstalled" }, { teamId: "T0ONE" });
    const res = await fetch(`${base}/slack/events`, {
      method: "POST",
      headers: signedHeaders(SECRET, uninstalled, { contentType: "application/json" }),
      body: uninstalled,
    });
    expect(res.status).toBe(200);
    const installations = running.installations;
    for (let i = 0; i < 100 && (await installations?.botToken("T0ONE")); i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(await installations?.botToken("T0ONE")).toBeUndefined();
    expect(await installations?.botToken("T0TWO")).toBe(botTokenOf("T0TWO"));
    expect(await listChannels(running.store)).toEqual([`T0TWO:${CHANNEL}`]);

    // The scheduler no longer looks at T0ONE's channel; T0TWO's digest still goes out.
    const before = slack.calls.length;
    await running.runner.tick();
    expect(slack.calls.slice(before).some((c) => c.token === botTokenOf("T0ONE"))).toBe(false);
    await command(base, "T0TWO", "digest now", "two-again");
    const last = slack.calls.filter((c) => c.method === "chat.postMessage").at(-1);
    expect(last?.token).toBe(botTokenOf("T0TWO"));
  });

  it("refuses an OAuth redirect without the state it issued", async () => {
    const { base } = await startDistributed();
    const res = await fetch(
      `${base}/slack/oauth_redirect?code=${slack.oauthCode("T0BAD")}&state=forged`,
      {
        redirect: "manual",
      },
    );
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(slack.calls.filter((c) => c.method === "oauth.v2.access")).toHaveLength(0);
  });
});
