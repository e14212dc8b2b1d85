// The Details button end to end: /form4 posts the card or list with its button; a block_actions
// payload (as Slack signs and posts it) into the real Bolt app is acked within Slack's 3 seconds
// and opens the modal with the filing's full breakdown through views.open, fetched again through
// the real EDGAR client (cached) from the EDGAR stand-in.
import { performance } from "node:perf_hooks";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DETAILS_ACTION_ID } from "../../src/render/card.js";
import { DETAILS_CALLBACK_ID } from "../../src/render/details.js";
import { ASTI, type EdgarStandIn, startEdgarStandIn } from "../stand-ins/edgar.js";
import { type SlackCall, signedHeaders, slashCommandBody, TEAM_ID } from "../stand-ins/slack.js";
import { expectSeedDetails, type RunningApp, SIGNING_SECRET, startApp } from "./harness.js";

function post(run: RunningApp, body: string, contentType?: string): Promise<Response> {
  return fetch(run.eventsUrl, {
    method: "POST",
    headers: signedHeaders(SIGNING_SECRET, body, contentType ? { contentType } : {}),
    body,
  });
}

/** A button click as Slack posts it: form-encoded `payload` of a block_actions interaction. */
function clickBody(run: RunningApp, value: string, trigger: string): string {
  const payload = {
    type: "block_actions",
    team: { id: TEAM_ID, domain: "stand-in" },
    user: { id: "U0ANALYST", username: "analyst", team_id: TEAM_ID },
    api_app_id: "A0STANDIN",
    token: "verification-token-unused",
    trigger_id: trigger,
    container: { type: "message", message_ts: "1700000000.000300", channel_id: "C0CHANNEL" },
    channel: { id: "C0CHANNEL", name: "insiders" },
    response_url: run.slack.responseUrl("click"),
    actions: [
      {
        type: "button",
        action_id: DETAILS_ACTION_ID,
        block_id: "b1",
        text: { type: "plain_text", text: "Details" },
        value,
        action_ts: "1700000001.000100",
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** The value of the first Details button in some posted blocks. */
function detailsValue(blocks: unknown): string {
  const found: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") {
      const o = v as Record<string, unknown>;
      if (o.action_id === DETAILS_ACTION_ID && typeof o.value === "string") found.push(o.value);
      Object.values(o).forEach(walk);
    }
  };
  walk(blocks);
  if (!found[0]) throw new Error("no Details button in the blocks");
  return found[0];
}

const opened = (c: SlackCall) => c.method === "views.open";

describe("Details modal, end to end", () => {
  let edgar: EdgarStandIn;
  let run: RunningApp;

  beforeEach(async () => {
    edgar = await startEdgarStandIn();
    run = await startApp({ mode: "http", edgar });
  });
  afterEach(async () => {
    await run.close();
    await edgar.close();
  });

  it("from /form4 ASTI's Details button: acked within 3 s, the modal holds every row and note", async () => {
    const body = slashCommandBody({ text: "ASTI", response_url: run.slack.responseUrl("list") });
    await post(run, body);
    const list = await run.slack.waitFor(
      (c) =>
        c.method === "response_url" &&
        c.responseId === "list" &&
        c.body.response_type === "in_channel",
    );
    const value = detailsValue(list.body.blocks);
    expect(value).toBe(`${ASTI.cik}|${ASTI.accessionNumber}|xslF345X02/doc4.xml`);

    const fetchesBefore = edgar.requests.length;
    const started = performance.now();
    const res = await post(run, clickBody(run, value, run.slack.trigger()));
    const ackMs = performance.now() - started;
    expect(res.status).toBe(200);
    expect(ackMs).toBeLessThan(3000);

    const open = await run.slack.waitFor(opened);
    const view = open.body.view as {
      callback_id: string;
      title: { text: string };
      blocks: unknown[];
    };
    expect(view.callback_id).toBe(DETAILS_CALLBACK_ID);
    expect(view.title.text).toBe("ASTI · Form 4");
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const json = JSON.stringify(view);
    expectSeedDetails(json);
    // Every one of the five rows, numbered.
    for (const n of [1, 2, 3, 4, 5]) expect(json).toContain(`${n}. Nov 13, 2007`);
    // The filing came from the cache the list filled: EDGAR was not asked again.
    expect(edgar.requests.length).toBe(fetchesBefore);
    // No error went back to the person (Slack shows a response_url post as a message).
    expect(run.slack.calls.some((c) => c.responseId === "click")).toBe(false);
  });

  it("when EDGAR is slow: a 'Looking up' modal within the trigger's 3 s, then the breakdown", async () => {
    edgar.fault(/000135010207000099/, { kind: "slow", delayMs: 2500, times: 1 });
    const res = await post(
      run,
      clickBody(run, `${ASTI.cik}|${ASTI.accessionNumber}|`, run.slack.trigger()),
    );
    expect(res.status).toBe(200);
    const open = await run.slack.waitFor(opened);
    expect(open.body.view).toBeDefined();
    expect(JSON.stringify(open.body.view)).toContain("Looking up");
    const update = await run.slack.waitFor((c) => c.method === "views.update", 15_000);
    expect(String(update.body.view_id)).toMatch(/^V/);
    expectSeedDetails(JSON.stringify(update.body.view));
    // Every views.open the app made was accepted (none with an expired trigger).
    const answers = run.slack.calls.filter(opened);
    expect(answers).toHaveLength(1);
  });

  it("a filing EDGAR does not have: the modal says so", async () => {
    const res = await post(
      run,
      clickBody(run, "0001350102|0001350102-07-000777|", run.slack.trigger()),
    );
    expect(res.status).toBe(200);
    const open = await run.slack.waitFor(opened);
    expect(JSON.stringify(open.body.view)).toMatch(/EDGAR has no such filing/);
  });

  it("a value this app did not write: a modal that says so, nothing fetched", async () => {
    const before = edgar.requests.length;
    await post(run, clickBody(run, "<!channel>", run.slack.trigger()));
    const open = await run.slack.waitFor(opened);
    expect(JSON.stringify(open.body.view)).toContain("does not name a filing");
    expect(edgar.requests.length).toBe(before);
  });
});
