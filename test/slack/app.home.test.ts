// The Home tab's buttons end to end: a block_actions payload into the real Bolt app removes a
// ticker from a channel the person is in (and only then), and republishes their Home.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type EdgarStandIn, startEdgarStandIn } from "../stand-ins/edgar.js";
import { signedHeaders, slashCommandBody, TEAM_ID } from "../stand-ins/slack.js";
import { type RunningApp, SIGNING_SECRET, startApp } from "./harness.js";

function post(run: RunningApp, body: string): Promise<Response> {
  return fetch(run.eventsUrl, {
    method: "POST",
    headers: signedHeaders(SIGNING_SECRET, body),
    body,
  });
}

function click(run: RunningApp, actionId: string, value: string): Promise<Response> {
  const payload = {
    type: "block_actions",
    team: { id: TEAM_ID, domain: "stand-in" },
    user: { id: "U0ANALYST", username: "analyst", team_id: TEAM_ID },
    api_app_id: "A0STANDIN",
    token: "verification-token-unused",
    trigger_id: run.slack.trigger(),
    container: { type: "view", view_id: "V1" },
    view: { id: "V1", type: "home" },
    actions: [{ type: "button", action_id: actionId, block_id: "b1", value, action_ts: "1.2" }],
  };
  return post(run, new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
}

describe("Home tab buttons, end to end", () => {
  let edgar: EdgarStandIn;
  let run: RunningApp;

  beforeEach(async () => {
    edgar = await startEdgarStandIn();
    run = await startApp({ mode: "http", edgar });
    run.slack.setUserChannels("U0ANALYST", ["C0CHANNEL"]);
    await post(
      run,
      slashCommandBody({ text: "watch ASTI", response_url: run.slack.responseUrl("watch") }),
    );
    await run.slack.waitFor((c) => c.responseId === "watch");
  });
  afterEach(async () => {
    await run.close();
    await edgar.close();
  });

  it("Remove ASTI: unwatched in the channel, the Home republished saying so", async () => {
    const res = await click(run, "home_unwatch_0", "C0CHANNEL|ASTI");
    expect(res.status).toBe(200);
    const publish = await run.slack.waitFor((c) => c.method === "views.publish");
    const json = JSON.stringify(publish.body.view);
    expect(json).toContain("<#C0CHANNEL>: ");
    expect(json).toMatch(/ASTI/);
    expect(json).toContain("None of your channels watches a ticker yet");
  });

  it("a channel the person is not in: nothing changes", async () => {
    await click(run, "home_unwatch_0", "C0ELSEWHERE|ASTI");
    const publish = await run.slack.waitFor((c) => c.method === "views.publish");
    const json = JSON.stringify(publish.body.view);
    expect(json).toContain("a channel you are not in; nothing was changed");
    // ASTI is still watched in C0CHANNEL: its Remove button is still there.
    expect(json).toContain('"value":"C0CHANNEL|ASTI"');
  });
});

describe("Home tab text", () => {
  it("every <placeholder> is escaped, so Slack does not read it as a link or mention", async () => {
    const { homeView } = await import("../../src/slack/home.js");
    const json = JSON.stringify(homeView([]));
    expect(json).toContain("&lt;EDGAR link or accession number&gt;");
    // No raw "<" in any text: Slack would eat it (links, mentions) and the placeholder with it.
    for (const text of json.match(/"text":"[^"]*"/g) ?? []) expect(text).not.toMatch(/<[^#@!]/);
  });
});
