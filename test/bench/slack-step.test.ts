// The benchmark's Slack step against the real app process: a "Looking up…" note is a progress
// note and the answer after it is what is timed; a slow answer is counted as unanswered, never
// thrown. (Needs the build: the app process is dist/bench/app-process.js, as `npm test` builds.)
import { afterAll, beforeAll, expect, it } from "vitest";
import { AppProcess, misses, slashCommand } from "../../bench/slack.js";
import { type EdgarStandIn, startEdgarStandIn } from "../stand-ins/edgar.js";
import { type SlackStandIn, startSlackStandIn } from "../stand-ins/slack.js";

let edgar: EdgarStandIn;
let slack: SlackStandIn;
let app: AppProcess;

beforeAll(async () => {
  edgar = await startEdgarStandIn();
  slack = await startSlackStandIn();
  app = new AppProcess({
    edgarUrl: edgar.url,
    edgarUserAgent: edgar.config.userAgent,
    slackApiUrl: slack.url,
  });
}, 30_000);
afterAll(async () => {
  await app.stop().catch(() => []);
  await Promise.all([edgar.close(), slack.close()]);
});

it("EDGAR slow past the note's 1.5 s: the note, then the answer, timed as the answer", async () => {
  await app.fresh();
  edgar.fault("/files/company_tickers.json", { kind: "slow", delayMs: 2500, times: 1 });
  const outcome = await slashCommand(app, slack, "ASTI");
  expect(outcome).toMatchObject({ ok: true, noted: true });
  if (outcome.ok) expect(outcome.value.resultMs).toBeGreaterThan(2500);
  expect(misses([outcome])).toEqual({ unanswered: 0, failed: 0, problems: [] });
}, 30_000);

it("an answer slower than the wait is counted as unanswered, not thrown", async () => {
  await app.fresh();
  edgar.fault("/files/company_tickers.json", { kind: "hang", times: 1 });
  const outcome = await slashCommand(app, slack, "ASTI", 2000);
  expect(outcome).toMatchObject({ ok: false, unanswered: true, noted: true });
  expect(misses([outcome])).toEqual({
    unanswered: 1,
    failed: 0,
    problems: ["no answer within 2 s"],
  });
}, 30_000);
