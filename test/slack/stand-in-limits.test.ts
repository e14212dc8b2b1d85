// The Slack stand-in's own limits, as real Slack enforces them: a response_url takes 5 posts
// within 30 minutes of the command (then HTTP 404 used_url / expired_url), and a rate-limited Web
// API method answers HTTP 429 with Retry-After past its limit, per channel or per method.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  RateLimiter,
  ResponseUrls,
  SLACK_RATE_LIMITS,
  type SlackStandIn,
  startSlackStandIn,
} from "../stand-ins/slack.js";

describe("the Slack stand-in's response_url and rate limits", () => {
  let slack: SlackStandIn;
  beforeEach(async () => {
    slack = await startSlackStandIn();
  });
  afterEach(async () => {
    await slack.close();
  });

  const postTo = (url: string, text: string) =>
    fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text }),
    });

  it("takes 5 posts to a response_url and refuses the 6th with 404 used_url", async () => {
    const url = slack.responseUrl("five");
    const statuses: number[] = [];
    for (let i = 1; i <= 6; i++) statuses.push((await postTo(url, `post ${i}`)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 404]);
    const seventh = await postTo(url, "post 7");
    expect(seventh.status).toBe(404);
    expect(await seventh.text()).toBe("used_url");
    const posts = slack.calls.filter((c) => c.responseId === "five");
    expect(posts.filter((c) => !c.refused).map((c) => c.body.text)).toEqual([
      "post 1",
      "post 2",
      "post 3",
      "post 4",
      "post 5",
    ]);
    expect(posts.filter((c) => c.refused === "used_url")).toHaveLength(2);
  });

  it("refuses a response_url over 30 minutes after its command with 404 expired_url", async () => {
    const url = slack.responseUrl("old", { ageMs: 30 * 60_000 + 1000 });
    const res = await postTo(url, "too late");
    expect(res.status).toBe(404);
    expect(await res.text()).toBe("expired_url");
    // One issued 29 minutes ago, with 4 posts made, takes exactly one more.
    const late = slack.responseUrl("late", { ageMs: 29 * 60_000, used: 4 });
    expect((await postTo(late, "fifth")).status).toBe(200);
    expect((await postTo(late, "sixth")).status).toBe(404);
  });

  it("answers 429 with Retry-After past a method's limit, per channel, and counts early retries", async () => {
    slack.rateLimit("chat.postMessage", { max: 1, perMs: 1000, by: "channel", retryAfterS: 2 });
    const call = (channel: string) =>
      fetch(`${slack.url}chat.postMessage`, {
        method: "POST",
        headers: {
          authorization: "Bearer xoxb-stand-in",
          "content-type": "application/json",
        },
        body: JSON.stringify({ channel, text: "hi" }),
      });
    const first = await call("C1");
    expect(first.status).toBe(200);
    expect(((await first.json()) as { ok: boolean }).ok).toBe(true);
    const second = await call("C1");
    expect(second.status).toBe(429);
    expect(second.headers.get("retry-after")).toBe("2");
    expect(await second.json()).toEqual({ ok: false, error: "ratelimited" });
    // Another channel has its own allowance.
    expect((await call("C2")).status).toBe(200);
    // Back before the 2 s it was told: refused again, and counted as early.
    expect((await call("C1")).status).toBe(429);
    expect(slack.earlyRetries).toBe(1);
    const refused = slack.calls.filter((c) => c.refused === "ratelimited");
    expect(refused.map((c) => [c.body.channel, c.retryAfter])).toEqual([
      ["C1", 2],
      ["C1", 2],
    ]);
    slack.rateLimit("chat.postMessage", null);
    expect((await call("C1")).status).toBe(200);
  });

  it("rateLimitNext answers one call 429, and Slack's published limits can be put on every method", () => {
    let now = 0;
    const limiter = new RateLimiter(() => now);
    limiter.once("views.update", 3);
    expect(limiter.check("views.update", {})).toBe(3);
    now = 1000; // back after 1 of the 3 s
    expect(limiter.check("views.update", {})).toBeNull();
    expect(limiter.early).toBe(1);
    for (const [method, limit] of Object.entries(SLACK_RATE_LIMITS)) limiter.set(method, limit);
    expect(limiter.check("chat.postMessage", { channel: "C1" })).toBeNull();
    expect(limiter.check("chat.postMessage", { channel: "C1" })).toBe(1);
    expect(limiter.check("chat.postMessage", { channel: "C2" })).toBeNull();
  });

  it("the limiter's window slides and its default Retry-After is the time until a call is taken", () => {
    let now = 0;
    const limiter = new RateLimiter(() => now);
    limiter.set("chat.update", { max: 2, perMs: 60_000 });
    expect(limiter.check("chat.update", {})).toBeNull();
    now = 10_000;
    expect(limiter.check("chat.update", {})).toBeNull();
    now = 20_000;
    expect(limiter.check("chat.update", {})).toBe(40);
    now = 60_000; // the first call left the window
    expect(limiter.check("chat.update", {})).toBeNull();
    expect(limiter.early).toBe(0);
    expect(limiter.check("chat.update", {})).toBe(10);
    now = 65_000; // told to wait 10 s, back after 5
    expect(limiter.check("chat.update", {})).toBe(5);
    expect(limiter.early).toBe(1);
    // Methods without a limit are always taken.
    expect(limiter.check("views.open", {})).toBeNull();
  });

  it("a response_url's 30 minutes run from its command, on the stand-in's clock", () => {
    let now = 0;
    const urls = new ResponseUrls(() => now);
    urls.issue("c");
    now = 30 * 60_000;
    expect(urls.use("c")).toBeNull();
    now += 1;
    expect(urls.use("c")).toBe("expired_url");
  });
});
