// `/form4 history` end to end in HTTP mode: a signed slash command into the real Bolt app, the real
// EDGAR client against the EDGAR stand-in serving the synthetic busy issuer (100 filings built from
// real ones, test/stand-ins/busy-issuer.ts), and the Slack stand-in recording the progress note,
// the file upload (files.getUploadURLExternal, the upload, files.completeUploadExternal) and the
// message; then the Details button opens the modal listing every filing read.
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHART_HEIGHT, CHART_WIDTH } from "../../src/history/chart-spec.js";
import { addBusyIssuer, BUSY_TICKER, type BuiltFiling } from "../stand-ins/busy-issuer.js";
import { type EdgarStandIn, startEdgarStandIn } from "../stand-ins/edgar.js";
import { type SlackCall, signedHeaders, slashCommandBody, TEAM_ID } from "../stand-ins/slack.js";
import { type RunningApp, SIGNING_SECRET, startApp } from "./harness.js";

const UNTIL = "2026-11-30";
const NOW = Date.parse(`${UNTIL}T16:00:00Z`);

let edgar: EdgarStandIn;
let built: BuiltFiling[];
let run: RunningApp;

beforeAll(async () => {
  edgar = await startEdgarStandIn({ tickers: [BUSY_TICKER] });
  built = addBusyIssuer(edgar, { until: UNTIL }).filings;
  run = await startApp({ mode: "http", edgar, now: () => NOW, slowNoticeMs: 300 });
});
afterAll(async () => {
  await run.close();
  await edgar.close();
});

function post(body: string): Promise<Response> {
  return fetch(run.eventsUrl, {
    method: "POST",
    headers: signedHeaders(SIGNING_SECRET, body),
    body,
  });
}

function command(text: string, responseId: string): Promise<Response> {
  return post(slashCommandBody({ text, response_url: run.slack.responseUrl(responseId) }));
}

const answered = (id: string, type: "in_channel" | "ephemeral") => (c: SlackCall) =>
  c.method === "response_url" && c.responseId === id && c.body.response_type === type;

describe("/form4 history, end to end", () => {
  it("says it is reading, then posts the table and the uploaded chart in one message", async () => {
    const res = await command("history BUSY 3m", "h3m");
    expect(res.status).toBe(200);
    const answer = await run.slack.waitFor(answered("h3m", "in_channel"), 30_000);
    const posts = run.slack.calls.filter(
      (c) => c.method === "response_url" && c.responseId === "h3m",
    );
    // Cold: one request per filing at 10 a second, so the note came first, with the count.
    const inWindow = built.filter((b) => b.filedDate >= "2026-08-31").length;
    expect(posts).toHaveLength(2);
    expect(posts[0]?.body.response_type).toBe("ephemeral");
    // The note counts the filings still to read when it goes out (300 ms in, some may be read).
    const note = /Reading (\d+) filings of BUSY from EDGAR, about \d+ s/.exec(
      JSON.stringify(posts[0]?.body),
    );
    expect(note).not.toBeNull();
    expect(Number(note?.[1])).toBeGreaterThan(0);
    expect(Number(note?.[1])).toBeLessThanOrEqual(inWindow);

    // The upload: URL asked for, bytes sent, upload completed; a PNG of the chart's size.
    expect(run.slack.uploads).toHaveLength(1);
    const upload = run.slack.uploads[0];
    expect(upload?.completed).toBe(true);
    expect(upload?.bytes?.length).toBe(upload?.declaredLength);
    const png = PNG.sync.read(upload?.bytes as Buffer);
    expect([png.width, png.height]).toEqual([CHART_WIDTH, CHART_HEIGHT]);
    expect(upload?.altText).toMatch(
      /^Bar chart of BUSY insiders: open-market \$ bought and sold per month/,
    );
    const order = run.slack.calls.map((c) => c.method);
    expect(order.indexOf("files.getUploadURLExternal")).toBeLessThan(
      order.indexOf("files.completeUploadExternal"),
    );

    // One message: the totals, the image (by the uploaded file's id), the insiders, Details.
    const blocks = answer.body.blocks as { type: string; [k: string]: unknown }[];
    expect(blocks.map((b) => b.type)).toEqual([
      "header",
      "section",
      "image",
      ...blocks.slice(3, -1).map(() => expect.any(String)),
      "actions",
    ]);
    const image = blocks.find((b) => b.type === "image") as unknown as {
      slack_file: { id: string };
      alt_text: string;
    };
    expect(image.slack_file.id).toBe(upload?.fileId);
    expect(image.alt_text).toBe(upload?.altText);
    const text = JSON.stringify(blocks);
    expect(text).toContain("BUSY insiders, last 3 months");
    expect(text).toMatch(/Net open-market −\$[\d.]+M/);
    expect(text).toContain(`Read from ${inWindow} Form 4 filings`);
    expect(text).toContain("Sundar Pichai");
    expect(text).toMatch(/100% of the shares under 10b5-1/);
  });

  it("warm, it answers at once: no progress note, nothing fetched from EDGAR again", async () => {
    const before = edgar.requests.length;
    await command("history BUSY 3m", "warm");
    await run.slack.waitFor(answered("warm", "in_channel"), 10_000);
    expect(
      run.slack.calls.filter((c) => c.method === "response_url" && c.responseId === "warm"),
    ).toHaveLength(1);
    expect(edgar.requests.length).toBe(before);
  });

  it("Details opens a modal listing every filing read, each with its EDGAR link", async () => {
    const answer = run.slack.calls.find(answered("h3m", "in_channel")) as SlackCall;
    const actions = (
      answer.body.blocks as { type: string; elements?: { action_id: string; value: string }[] }[]
    ).find((b) => b.type === "actions");
    const button = actions?.elements?.[0];
    expect(button?.action_id).toBe("history_details");
    const trigger = run.slack.trigger();
    const payload = {
      type: "block_actions",
      team: { id: TEAM_ID, domain: "stand-in" },
      user: { id: "U0ANALYST", team_id: TEAM_ID },
      api_app_id: "A0STANDIN",
      token: "verification-token-unused",
      trigger_id: trigger,
      channel: { id: "C0CHANNEL" },
      response_url: run.slack.responseUrl("details"),
      actions: [
        {
          type: "button",
          action_id: button?.action_id,
          value: button?.value,
          block_id: "b",
          action_ts: "1.2",
        },
      ],
    };
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    expect((await post(body)).status).toBe(200);
    const open = await run.slack.waitFor((c) => c.method === "views.open");
    expect(open.body.trigger_id).toBe(trigger);
    const view = JSON.stringify(open.body.view);
    const inWindow = built.filter((b) => b.filedDate >= "2026-08-31");
    for (const f of inWindow) {
      expect(view).toContain(
        `${f.accessionNumber.replace(/-/g, "")}/${f.accessionNumber}-index.htm`,
      );
    }
  });

  it("without files:write the message still goes, saying why the chart is missing", async () => {
    run.slack.failNext("files.getUploadURLExternal", "missing_scope");
    await command("history BUSY 3m", "noscope");
    const answer = await run.slack.waitFor(answered("noscope", "in_channel"), 10_000);
    const blocks = answer.body.blocks as { type: string }[];
    expect(blocks.some((b) => b.type === "image")).toBe(false);
    expect(JSON.stringify(blocks)).toContain("the app needs the files:write scope");
    expect(JSON.stringify(blocks)).toContain("Sundar Pichai");
  });

  it("a chart upload Slack rate-limits (429, Retry-After: 1) is tried again after 1 s, and shown", async () => {
    run.slack.rateLimitNext("files.completeUploadExternal", 1);
    const uploadsBefore = run.slack.uploads.length;
    await command("history BUSY 3m", "limited-upload");
    const answer = await run.slack.waitFor(answered("limited-upload", "in_channel"), 15_000);
    const completes = run.slack.calls.filter((c) => c.method === "files.completeUploadExternal");
    const [refused, taken] = completes.slice(-2);
    expect(refused?.refused).toBe("ratelimited");
    expect(taken?.refused).toBeUndefined();
    expect((taken?.at ?? 0) - (refused?.at ?? 0)).toBeGreaterThanOrEqual(1000 - 5);
    // Each try is a fresh upload; the one Slack refused to complete is left unshared.
    const fresh = run.slack.uploads.slice(uploadsBefore);
    expect(fresh.map((u) => u.completed)).toEqual([false, true]);
    const image = (answer.body.blocks as { type: string; slack_file?: { id: string } }[]).find(
      (b) => b.type === "image",
    );
    expect(image?.slack_file?.id).toBe(fresh[1]?.fileId);
    expect(run.slack.earlyRetries).toBe(0);
  });

  it("a ticker EDGAR does not know is said, to the person only", async () => {
    await command("history ZZZQ", "unknown");
    const reply = await run.slack.waitFor(
      (c) => c.method === "response_url" && c.responseId === "unknown",
    );
    expect(reply.body.response_type).toBe("ephemeral");
    expect(JSON.stringify(reply.body)).toContain("can't find a company with the ticker *ZZZQ*");
  });
});
