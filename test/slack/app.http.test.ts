// End to end in HTTP mode: signed requests into the real Bolt app, the real EDGAR client and
// Form4Source against the EDGAR stand-in, and every Slack call recorded by the Slack stand-in.
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { OWN_FIXTURES_DIR } from "../fixtures.js";
import { ASTI, type EdgarStandIn, startEdgarStandIn } from "../stand-ins/edgar.js";
import {
  eventBody,
  type SlackCall,
  signedHeaders,
  slashCommandBody,
  TEAM_ID,
} from "../stand-ins/slack.js";
import {
  expectSeedCard,
  expectSeedNumbers,
  type RunningApp,
  SIGNING_SECRET,
  startApp,
  waitForLog,
} from "./harness.js";

const SEED_INDEX = `https://www.sec.gov${ASTI.folder}0001350102-07-000099-index.htm`;
const SEED_TXT = `https://www.sec.gov${ASTI.folder}0001350102-07-000099.txt`;
/** A real Form 4 from the shared fixtures (AIR, Jessica A. Garascia), at its sec.gov URL. */
const AIR_TXT =
  "https://www.sec.gov/Archives/edgar/data/1750/000112760225001055/0001127602-25-001055.txt";
/** A real 8-K: a sec.gov filing link that is not a Form 4. */
const EIGHT_K =
  "https://www.sec.gov/Archives/edgar/data/1648960/000121390024004875/0001213900-24-004875-index.htm";

function post(url: string, body: string, headers: Record<string, string>): Promise<Response> {
  return fetch(url, { method: "POST", headers, body });
}

function command(run: RunningApp, text: string, responseId: string, secret = SIGNING_SECRET) {
  const body = slashCommandBody({ text, response_url: run.slack.responseUrl(responseId) });
  return post(run.eventsUrl, body, signedHeaders(secret, body));
}

function linkSharedEvent(urls: string[], extra: Record<string, unknown> = {}) {
  return {
    type: "link_shared",
    channel: "C0CHANNEL",
    is_bot_user_member: true,
    user: "U0ANALYST",
    message_ts: "1700000000.000100",
    links: urls.map((url) => ({ domain: "sec.gov", url })),
    event_ts: "1700000000.000200",
    ...extra,
  };
}

function sendEvent(run: RunningApp, body: string, retryNum?: number) {
  return post(
    run.eventsUrl,
    body,
    signedHeaders(SIGNING_SECRET, body, {
      contentType: "application/json",
      ...(retryNum === undefined ? {} : { retryNum }),
    }),
  );
}

const inChannel = (id: string) => (c: SlackCall) =>
  c.method === "response_url" && c.responseId === id && c.body.response_type === "in_channel";

describe("Slack app over HTTP, end to end", () => {
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

  it("checks the bot token at start-up (auth.test) and listens on the port it reports", () => {
    expect(run.slack.calls[0]).toMatchObject({
      method: "auth.test",
      token: "xoxb-stand-in-bot-token",
    });
    expect(run.eventsUrl).toMatch(/^http:\/\/127\.0\.0\.1:[1-9]\d*\/slack\/events$/);
  });

  it("/form4 ASTI: acks empty at once, then posts the seed filing's summary in the channel", async () => {
    const res = await command(run, "ASTI", "asti");
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");
    const answer = await run.slack.waitFor(inChannel("asti"));
    expectSeedNumbers(JSON.stringify(answer.body));
    const blocks = answer.body.blocks as { type: string }[];
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(blocks)).toContain("filing_details");
    // ASTI is the issuer of one filing in the stand-in's listing; the other Form 4 listed under
    // its CIK (another issuer's) is not shown, and the person is told how many there are.
    expect(answer.body.text).toMatch(/Found 1 Form 4 filing with ASTI/);
    expect(JSON.stringify(answer.body)).not.toContain("NICHOLAS");
  });

  it("acks before a slow EDGAR answers, says 'looking up', then answers", async () => {
    await run.close();
    run = await startApp({ mode: "http", edgar, slowNoticeMs: 200 });
    const delayMs = 2500;
    edgar.fault("/submissions/", { kind: "slow", delayMs, times: 1 });

    const res = await command(run, "ASTI", "slow");
    const ackedAt = performance.now();
    expect(res.status).toBe(200);
    expect(run.slack.calls.some(inChannel("slow"))).toBe(false);

    const answer = await run.slack.waitFor(inChannel("slow"));
    expectSeedNumbers(JSON.stringify(answer.body));
    const slowRequest = edgar.requests.find((r) => r.path.startsWith("/submissions/"));
    expect(slowRequest).toBeDefined();
    // EDGAR could not have answered before the request arrived plus the stand-in's delay.
    expect(ackedAt).toBeLessThan((slowRequest?.at ?? 0) + delayMs);

    const posts = run.slack.calls.filter((c) => c.responseId === "slow");
    expect(posts.map((p) => p.body.response_type)).toEqual(["ephemeral", "in_channel"]);
    expect(posts[0]?.body.text).toMatch(/Looking up ASTI on EDGAR/);
  });

  it("refuses a bad signature and a timestamp over 5 minutes old with 401, doing no work", async () => {
    const forged = await command(run, "ASTI", "forged", "not-the-signing-secret");
    expect(forged.status).toBe(401);

    const body = slashCommandBody({ text: "ASTI", response_url: run.slack.responseUrl("stale") });
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const replayed = await post(
      run.eventsUrl,
      body,
      signedHeaders(SIGNING_SECRET, body, { timestamp: sixMinutesAgo }),
    );
    expect(replayed.status).toBe(401);

    const event = eventBody(linkSharedEvent([SEED_INDEX]));
    const unsignedEvent = await post(run.eventsUrl, event, { "content-type": "application/json" });
    expect(unsignedEvent.status).toBe(401);

    // A properly signed request right after is served: the server is fine, and had nothing to do.
    const help = await command(run, "help", "help");
    expect(help.status).toBe(200);
    expect(await help.text()).toContain("How to use /form4");
    expect(run.slack.calls.filter((c) => c.method !== "auth.test")).toEqual([]);
    expect(edgar.requests).toEqual([]);
  });

  it("refuses a timestamp over 5 minutes in the future with 401, and runs a replayed request once", async () => {
    const body = slashCommandBody({ text: "ASTI", response_url: run.slack.responseUrl("ahead") });
    const sixMinutesAhead = Math.floor(Date.now() / 1000) + 6 * 60;
    const ahead = await post(
      run.eventsUrl,
      body,
      signedHeaders(SIGNING_SECRET, body, { timestamp: sixMinutesAhead }),
    );
    expect(ahead.status).toBe(401);

    // The same signed request twice within its window (a replay): the second is acked and dropped.
    const once = slashCommandBody({ text: "ASTI", response_url: run.slack.responseUrl("once") });
    const headers = signedHeaders(SIGNING_SECRET, once);
    expect((await post(run.eventsUrl, once, headers)).status).toBe(200);
    await run.slack.waitFor(inChannel("once"));
    expect((await post(run.eventsUrl, once, headers)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(run.slack.calls.filter((c) => c.responseId === "once")).toHaveLength(1);
    expect(run.slack.calls.some((c) => c.responseId === "ahead")).toBe(false);
  });

  it("tells an unknown ticker and a non-Form-4 link in words, only to the person", async () => {
    await command(run, "ZZZZQ", "unknown");
    const unknown = await run.slack.waitFor((c) => c.responseId === "unknown");
    expect(unknown.body.response_type).toBe("ephemeral");
    expect(unknown.body.text).toMatch(/can't find a company with the ticker \*ZZZZQ\*/);

    await command(run, EIGHT_K, "eightk");
    const eightK = await run.slack.waitFor((c) => c.responseId === "eightk");
    expect(eightK.body.response_type).toBe("ephemeral");
    expect(eightK.body.text).toMatch(/not a Form 4: that filing is an 8-K/);
    expect(JSON.stringify(eightK.body)).not.toMatch(/\bat .+\.(ts|js):\d+/);
  });

  it("tells the person when EDGAR is not answering (nothing cached)", async () => {
    edgar.fault("/", { kind: "status", status: 503 });
    await command(run, "ASTI", "down");
    const down = await run.slack.waitFor((c) => c.responseId === "down");
    expect(down.body.response_type).toBe("ephemeral");
    expect(down.body.text).toMatch(/EDGAR is not answering/);
  });

  it("tells the person when EDGAR throttles, and sends EDGAR nothing more during the block", async () => {
    edgar.fault("/", { kind: "throttle", times: 1 });
    await command(run, "ASTI", "throttled");
    const first = await run.slack.waitFor((c) => c.responseId === "throttled");
    expect(first.body.response_type).toBe("ephemeral");
    expect(first.body.text).toMatch(/EDGAR has paused this app for going over its request rate/);
    expect(first.body.text).toMatch(/for 10 minutes \(until \d\d:\d\d UTC\)/);
    const before = edgar.requests.length;
    await command(run, "ASTI", "again");
    const again = await run.slack.waitFor((c) => c.responseId === "again");
    expect(again.body.text).toMatch(/EDGAR has paused this app/);
    expect(edgar.requests.length).toBe(before);
  });

  it("a hung EDGAR (no bytes at all): the cached copy, marked, within about 8 s", async () => {
    let now = Date.now();
    await run.close();
    run = await startApp({ mode: "http", edgar, edgarNow: () => now });
    await command(run, "ASTI", "warm");
    await run.slack.waitFor(inChannel("warm"));
    now += 10 * 60 * 1000; // the filing list is no longer fresh
    edgar.fault("/", { kind: "hang" });
    const started = performance.now();
    await command(run, "ASTI", "hung");
    const answer = await run.slack.waitFor(inChannel("hung"), 15_000);
    const took = performance.now() - started;
    expect(JSON.stringify(answer.body)).toMatch(/EDGAR is not answering; this is a cached copy/);
    expectSeedNumbers(JSON.stringify(answer.body));
    expect(took).toBeGreaterThan(7500);
    expect(took).toBeLessThan(9500);
  }, 30_000);

  it("answers from the cache, marked as such, when EDGAR stops answering", async () => {
    let now = Date.now();
    await run.close();
    run = await startApp({ mode: "http", edgar, edgarNow: () => now });
    await command(run, "ASTI", "fresh");
    const fresh = await run.slack.waitFor(inChannel("fresh"));
    expect(JSON.stringify(fresh.body)).not.toMatch(/cached copy/);

    now += 10 * 60 * 1000; // the company's filing list is no longer fresh
    edgar.fault("/", { kind: "status", status: 503 });
    await command(run, "ASTI", "cached");
    const cached = await run.slack.waitFor(inChannel("cached"));
    expect(JSON.stringify(cached.body)).toMatch(/EDGAR is not answering; this is a cached copy/);
    expectSeedNumbers(JSON.stringify(cached.body));
  });

  it("publishes the Home tab when a person opens it", async () => {
    const event = {
      type: "app_home_opened",
      user: "U0ANALYST",
      channel: "D0HOME",
      tab: "home",
      event_ts: "1.2",
    };
    await sendEvent(run, eventBody(event));
    const publish = await run.slack.waitFor((c) => c.method === "views.publish");
    expect(publish.body.user_id).toBe("U0ANALYST");
    expect(JSON.stringify(publish.body.view)).toContain("/form4 ASTI");
  });

  it("acknowledges a click on View on EDGAR", async () => {
    const payload = {
      type: "block_actions",
      team: { id: TEAM_ID, domain: "stand-in" },
      user: { id: "U0ANALYST" },
      api_app_id: "A0STANDIN",
      token: "verification-token-unused",
      trigger_id: "1.2.3",
      channel: { id: "C0CHANNEL" },
      response_url: run.slack.responseUrl("click"),
      actions: [{ type: "button", action_id: "view_on_edgar", block_id: "b", action_ts: "1.2" }],
    };
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const res = await post(run.eventsUrl, body, signedHeaders(SIGNING_SECRET, body));
    // Without an ack Bolt would answer 404 after 3 seconds.
    expect(res.status).toBe(200);
  });

  it("unfurls the seed link in a posted message with the seed's numbers", async () => {
    const res = await sendEvent(
      run,
      eventBody(linkSharedEvent([SEED_INDEX]), { eventId: "EvSeed" }),
    );
    expect(res.status).toBe(200);
    const unfurl = await run.slack.waitFor((c) => c.method === "chat.unfurl");
    expect(unfurl.body).toMatchObject({ channel: "C0CHANNEL", ts: "1700000000.000100" });
    const unfurls = unfurl.body.unfurls as Record<string, { blocks: unknown[] }>;
    expect(Object.keys(unfurls)).toEqual([SEED_INDEX]);
    expectSeedCard(JSON.stringify(unfurls[SEED_INDEX]));
  });

  it("unfurls several links of one message at once; a sec.gov link that is not a Form 4 gets none", async () => {
    const urls = [SEED_INDEX, SEED_TXT, AIR_TXT, EIGHT_K];
    await sendEvent(run, eventBody(linkSharedEvent(urls), { eventId: "EvMany" }));
    const unfurl = await run.slack.waitFor((c) => c.method === "chat.unfurl");
    const unfurls = unfurl.body.unfurls as Record<string, { blocks: unknown[] }>;
    expect(Object.keys(unfurls).sort()).toEqual([SEED_INDEX, SEED_TXT, AIR_TXT].sort());
    expectSeedCard(JSON.stringify(unfurls[SEED_TXT]));
    expect(JSON.stringify(unfurls[AIR_TXT])).toContain("Garascia");
    expect(run.slack.calls.filter((c) => c.method === "chat.unfurl")).toHaveLength(1);
  });

  it("unfurls every link form the EDGAR client understands", async () => {
    const forms = [
      SEED_INDEX,
      `https://www.sec.gov${ASTI.folder}`,
      "https://sec.gov/Archives/edgar/data/1350102/0001350102-07-000099/",
      `https://www.sec.gov${ASTI.folder}xslF345X02/doc4.xml`,
      `https://www.sec.gov${ASTI.folder}doc4.xml`,
      SEED_TXT,
      "https://www.sec.gov/cgi-bin/browse-edgar?action=getcompany&CIK=0001350102&type=4",
      "https://www.sec.gov/edgar/browse/?CIK=1350102",
    ];
    await sendEvent(run, eventBody(linkSharedEvent(forms), { eventId: "EvForms" }));
    const unfurl = await run.slack.waitFor((c) => c.method === "chat.unfurl");
    const unfurls = unfurl.body.unfurls as Record<string, { blocks: unknown[] }>;
    expect(Object.keys(unfurls).sort()).toEqual([...forms].sort());
    for (const url of forms) expectSeedCard(JSON.stringify(unfurls[url]));
  });

  it("unfurls a link in the composer by unfurl_id and source", async () => {
    const event = linkSharedEvent([SEED_INDEX], {
      channel: "COMPOSER",
      message_ts: "U0ANALYST-909b5454-75f8-4ac4-b325-1b40e230bbd8",
      unfurl_id: "U0ANALYST-909b5454-75f8-4ac4-b325-1b40e230bbd8",
      source: "composer",
    });
    await sendEvent(run, eventBody(event, { eventId: "EvComposer" }));
    const unfurl = await run.slack.waitFor((c) => c.method === "chat.unfurl");
    expect(unfurl.body).toMatchObject({
      unfurl_id: "U0ANALYST-909b5454-75f8-4ac4-b325-1b40e230bbd8",
      source: "composer",
    });
    expect(unfurl.body).not.toHaveProperty("channel");
    expectSeedCard(JSON.stringify(unfurl.body.unfurls));
  });

  it("handles Slack's retry of an event once: no second unfurl, no second EDGAR fetch", async () => {
    const body = eventBody(linkSharedEvent([AIR_TXT]), { eventId: "EvRetried" });
    await sendEvent(run, body);
    await run.slack.waitFor((c) => c.method === "chat.unfurl");
    const fetchesAfterFirst = edgar.requests.length;
    expect(fetchesAfterFirst).toBeGreaterThan(0);

    const retry = await sendEvent(run, body, 1);
    expect(retry.status).toBe(200);
    const second = await sendEvent(run, body, 2);
    expect(second.status).toBe(200);
    // Both retries were received and recognised (the listener logs each one it skips).
    await waitForLog(run.logger, /EvRetried already handled/, 2);

    expect(run.slack.calls.filter((c) => c.method === "chat.unfurl")).toHaveLength(1);
    expect(edgar.requests.length).toBe(fetchesAfterFirst);
  });

  it("renders a filer's name that tries to ping or link inert (the injection case)", async () => {
    // The seed filing served again under a made-up accession, its owner renamed by an attacker.
    const seedDir = `${OWN_FIXTURES_DIR}edgar${ASTI.folder}`;
    const folder = "/Archives/edgar/data/1350102/000135010207000666/";
    const xml = readFileSync(`${seedDir}doc4.xml`, "utf8").replace(
      "<rptOwnerName>Misra Ashutosh</rptOwnerName>",
      "<rptOwnerName>&lt;!channel&gt; &lt;https://evil.example|click here&gt; *urgent*</rptOwnerName>",
    );
    const headers = readFileSync(`${seedDir}0001350102-07-000099-index-headers.html`, "utf8")
      .replaceAll("0001350102-07-000099", "0001350102-07-000666")
      .replace("<CONFORMED-NAME>Misra Ashutosh", "<CONFORMED-NAME>&lt;!channel&gt;");
    edgar.addFile(`${folder}doc4.xml`, xml);
    edgar.addFile(`${folder}0001350102-07-000666-index-headers.html`, headers);
    const link = `https://www.sec.gov${folder}0001350102-07-000666-index.htm`;

    await command(run, link, "evil");
    const answer = await run.slack.waitFor(inChannel("evil"));
    await sendEvent(run, eventBody(linkSharedEvent([link]), { eventId: "EvEvil" }));
    const unfurl = await run.slack.waitFor((c) => c.method === "chat.unfurl");

    for (const json of [JSON.stringify(answer.body), JSON.stringify(unfurl.body.unfurls)]) {
      expect(json).toContain("&lt;!channel&gt;");
      expect(json).not.toContain("<!channel>");
      expect(json).not.toContain("<https://evil.example");
      expect(json).not.toContain("*urgent*");
      // The numbers are still the filing's.
      expect(json).toContain("sold 1,500 shares");
    }
  });
});
