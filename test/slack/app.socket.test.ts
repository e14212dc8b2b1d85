// End to end in Socket Mode: the app opens its connection through the Slack stand-in
// (apps.connections.open at SLACK_API_URL, then the WebSocket), receives envelopes, acks them over
// the socket, and reaches EDGAR through the real client against the EDGAR stand-in.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ASTI, type EdgarStandIn, startEdgarStandIn } from "../stand-ins/edgar.js";
import { TEAM_ID } from "../stand-ins/slack.js";
import {
  expectSeedCard,
  expectSeedNumbers,
  type RunningApp,
  startApp,
  waitForLog,
} from "./harness.js";

const SEED_INDEX = `https://www.sec.gov${ASTI.folder}0001350102-07-000099-index.htm`;

function slashCommand(run: RunningApp, text: string, responseId: string) {
  return {
    token: "verification-token-unused",
    team_id: TEAM_ID,
    team_domain: "stand-in",
    channel_id: "C0CHANNEL",
    channel_name: "insiders",
    user_id: "U0ANALYST",
    user_name: "analyst",
    command: "/form4",
    text,
    api_app_id: "A0STANDIN",
    response_url: run.slack.responseUrl(responseId),
    trigger_id: "1.2.3",
  };
}

function linkSharedCallback(urls: string[], eventId: string) {
  return {
    token: "verification-token-unused",
    team_id: TEAM_ID,
    api_app_id: "A0STANDIN",
    type: "event_callback",
    event_id: eventId,
    event_time: 1700000000,
    event: {
      type: "link_shared",
      channel: "C0CHANNEL",
      is_bot_user_member: true,
      user: "U0ANALYST",
      message_ts: "1700000000.000100",
      links: urls.map((url) => ({ domain: "sec.gov", url })),
      event_ts: "1700000000.000200",
    },
    authorizations: [{ team_id: TEAM_ID, user_id: "UBOT0FORM4", is_bot: true }],
  };
}

describe("Slack app in Socket Mode, end to end", () => {
  let edgar: EdgarStandIn;
  let run: RunningApp;

  beforeEach(async () => {
    edgar = await startEdgarStandIn();
    run = await startApp({ mode: "socket", edgar });
    await run.slack.socketConnected();
  });
  afterEach(async () => {
    await run.close();
    await edgar.close();
  });

  it("opens the connection with the app token through SLACK_API_URL", () => {
    const open = run.slack.calls.find((c) => c.method === "apps.connections.open");
    expect(open?.token).toBe("xapp-stand-in-app-token");
  });

  it("acks /form4 ASTI over the socket, then posts the seed filing's summary", async () => {
    const id = run.slack.pushEnvelope("slash_commands", slashCommand(run, "ASTI", "asti"));
    const ack = await run.slack.waitForAck(id);
    expect(ack.payload).toEqual({});
    const answer = await run.slack.waitFor(
      (c) => c.responseId === "asti" && c.body.response_type === "in_channel",
    );
    expectSeedNumbers(JSON.stringify(answer.body));
  });

  it("answers /form4 help in the ack itself", async () => {
    const id = run.slack.pushEnvelope("slash_commands", slashCommand(run, "help", "help"));
    const ack = await run.slack.waitForAck(id);
    expect(ack.payload).toMatchObject({ response_type: "ephemeral" });
    expect(String(ack.payload.text)).toContain("How to use /form4");
    expect(edgar.requests).toEqual([]);
  });

  it("unfurls a shared link once, however often the envelope is retried", async () => {
    const callback = linkSharedCallback([SEED_INDEX], "EvSocket");
    const first = run.slack.pushEnvelope("events_api", callback);
    expect((await run.slack.waitForAck(first)).payload).toEqual({});
    const unfurl = await run.slack.waitFor((c) => c.method === "chat.unfurl");
    expectSeedCard(JSON.stringify(unfurl.body.unfurls));
    const fetches = edgar.requests.length;

    const retry = run.slack.pushEnvelope("events_api", callback, { retryAttempt: 1 });
    await run.slack.waitForAck(retry);
    await waitForLog(run.logger, /EvSocket already handled/);
    expect(run.slack.calls.filter((c) => c.method === "chat.unfurl")).toHaveLength(1);
    expect(edgar.requests.length).toBe(fetches);
  });
});
