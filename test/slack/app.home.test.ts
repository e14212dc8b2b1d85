// The Home tab's buttons end to end: a block_actions payload into the real Bolt app removes a
// ticker, or turns off an alert rule, in a channel the person is in (and only then), and
// republishes their Home.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openHome, slash, until } from "../alerts/helpers.js";
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

describe("Home tab: Turn off an alert rule, end to end", () => {
  let edgar: EdgarStandIn;
  let run: RunningApp;

  const publishes = () => run.slack.calls.filter((c) => c.method === "views.publish");
  const lastHome = () => JSON.stringify(publishes().at(-1)?.body.view);
  /** Clicks, and resolves with the Home tab published after it. */
  async function clickHome(actionId: string, value: string): Promise<string> {
    const before = publishes().length;
    expect((await click(run, actionId, value)).status).toBe(200);
    await until(() => publishes().length > before, "the Home republished");
    return lastHome();
  }

  beforeEach(async () => {
    edgar = await startEdgarStandIn();
    run = await startApp({ mode: "http", edgar });
    run.slack.setUserChannels("U0ANALYST", ["C0CHANNEL"]);
    expect(await slash(run, "alert buys over $100k", "C0CHANNEL")).toContain("Alert on");
    expect(await slash(run, "alert clusters", "C0CHANNEL")).toContain("Alert on");
    // A channel the person is not in, with a rule of the same id.
    expect(await slash(run, "alert buys over $100k", "C0ELSEWHERE")).toContain("Alert on");
  });
  afterEach(async () => {
    await run.close();
    await edgar.close();
  });

  it("the button asks first, then turns the rule off as `alert off 1` would, and the Home says so", async () => {
    const home = JSON.parse(await openHome(run)) as {
      blocks: { type: string; elements?: unknown[] }[];
    };
    const offButtons = home.blocks
      .filter((b) => b.type === "actions")
      .flatMap((b) => b.elements as { action_id: string; value: string; confirm?: unknown }[])
      .filter((e) => e.action_id.startsWith("home_alert_off_"));
    expect(offButtons.map((b) => b.value)).toEqual([
      "C0CHANNEL|buys:100000:",
      "C0CHANNEL|clusters",
    ]);
    const buys = offButtons[0];
    // Slack shows this dialog before the click reaches us.
    expect(JSON.stringify(buys?.confirm)).toContain("Turn off this alert?");

    const after = await clickHome(buys?.action_id ?? "", buys?.value ?? "");
    expect(after).toContain(
      "<#C0CHANNEL>: Turned off: open-market buys of $100k or more. 1 alert left here (`/form4 alerts`).",
    );
    expect(after).not.toContain('"value":"C0CHANNEL|buys:100000:"');
    expect(after).toContain('"value":"C0CHANNEL|clusters"');
    // What `/form4 alerts` says in the channel now: only the other rule; the other channel's stays.
    const list = await slash(run, "alerts", "C0CHANNEL");
    expect(list).toContain("1. cluster buys");
    expect(list).not.toContain("open-market buys");
    expect(await slash(run, "alerts", "C0ELSEWHERE")).toContain(
      "1. open-market buys of $100k or more",
    );

    // Clicked again (a second tab still showing it): nothing to turn off, said.
    expect(await clickHome(buys?.action_id ?? "", buys?.value ?? "")).toContain(
      "That alert is already off here.",
    );
  });

  it("a channel the person is not in: refused, the rule stays", async () => {
    expect(await clickHome("home_alert_off_0", "C0ELSEWHERE|buys:100000:")).toContain(
      "a channel you are not in; nothing was changed",
    );
    expect(await slash(run, "alerts", "C0ELSEWHERE")).toContain(
      "1. open-market buys of $100k or more",
    );
    // A forged value that names no rule shape at all changes nothing either.
    expect(await clickHome("home_alert_off_0", "C0CHANNEL|<!channel>")).toContain(
      "nothing was changed",
    );
    expect(await slash(run, "alerts", "C0CHANNEL")).toContain("2. cluster buys");
  });
});
