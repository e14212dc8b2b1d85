// A command's replies within Slack's response_url limits (5 posts, 30 minutes), falling back on
// the Web API, and the Retry-After waits: fast unit tests with fakes and a fake clock.
import { webApi } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import {
  commandReplies,
  RESPONSE_URL_LIFETIME_MS,
  RESPONSE_URL_MARGIN_MS,
  type ReplyClient,
} from "../../src/slack/command-replies.js";
import { honouringRetryAfter, retryAfterMs } from "../../src/slack/retry-after.js";

interface Sent {
  via: string;
  args: Record<string, unknown>;
}

function harness(
  options: {
    /** The response_url refuses from this post on (1-based), with Bolt's RespondError. */
    refuseFrom?: number;
    failEphemeral?: string;
    failDm?: string;
    now?: () => number;
    client?: boolean;
  } = {},
) {
  const sent: Sent[] = [];
  const logs: string[] = [];
  let posts = 0;
  const respond = async (message: unknown) => {
    posts += 1;
    if (options.refuseFrom !== undefined && posts >= options.refuseFrom) {
      throw Object.assign(new Error("Failed to respond to the response_url: 404 Not Found"), {
        code: "slack_bolt_respond_error",
        statusCode: 404,
      });
    }
    sent.push({ via: "response_url", args: message as Record<string, unknown> });
    return new Response("ok");
  };
  const slackError = (error: string) => Object.assign(new Error(error), { data: { error } });
  const client: ReplyClient = {
    chat: {
      postMessage: async (args) => {
        if (String(args.channel).startsWith("U") && options.failDm) {
          throw slackError(options.failDm);
        }
        sent.push({ via: "chat.postMessage", args: args as unknown as Record<string, unknown> });
        return { ok: true };
      },
      postEphemeral: async (args) => {
        if (options.failEphemeral) throw slackError(options.failEphemeral);
        sent.push({ via: "chat.postEphemeral", args: args as unknown as Record<string, unknown> });
        return { ok: true };
      },
    },
  };
  const replies = commandReplies({
    respond: respond as never,
    client: options.client === false ? null : client,
    channel: "C0CHANNEL",
    user: "U0ANALYST",
    what: "/form4 ASTI",
    logger: { warn: (m) => logs.push(`warn ${m}`), error: (m) => logs.push(`error ${m}`) },
    ...(options.now ? { now: options.now } : {}),
  });
  return { replies, sent, logs };
}

const eph = (text: string) => ({ response_type: "ephemeral" as const, text });
const inChannel = (text: string) => ({ response_type: "in_channel" as const, text });

describe("a command's replies within Slack's response_url limits", () => {
  it("never makes a 6th post: past 5, answers go through the Web API; notes keep one post for the answer", async () => {
    const h = harness();
    expect(await h.replies.note(eph("note 1"))).toBe("response_url");
    expect(await h.replies.answer(eph("answer 2"))).toBe("response_url");
    expect(await h.replies.note(eph("note 3"))).toBe("response_url");
    expect(await h.replies.note(eph("note 4"))).toBe("response_url");
    // One post left: a note would take the answer's.
    expect(await h.replies.note(eph("note 5"))).toBe("dropped");
    expect(await h.replies.answer(inChannel("answer 5"))).toBe("response_url");
    expect(h.replies.uses).toBe(5);
    expect(await h.replies.answer(inChannel("answer 6"))).toBe("channel");
    expect(await h.replies.answer(eph("answer 7"))).toBe("ephemeral");
    expect(h.replies.uses).toBe(5);
    expect(h.sent.map((s) => [s.via, s.args.text])).toEqual([
      ["response_url", "note 1"],
      ["response_url", "answer 2"],
      ["response_url", "note 3"],
      ["response_url", "note 4"],
      ["response_url", "answer 5"],
      ["chat.postMessage", "answer 6"],
      ["chat.postEphemeral", "answer 7"],
    ]);
    const channelPost = h.sent[5]?.args;
    expect(channelPost?.channel).toBe("C0CHANNEL");
    expect(h.sent[6]?.args).toMatchObject({ channel: "C0CHANNEL", user: "U0ANALYST" });
  });

  it("a refused response_url (404) is not tried again; the answer goes to the person instead", async () => {
    const h = harness({ refuseFrom: 1 });
    expect(await h.replies.answer(eph("unknown ticker"))).toBe("ephemeral");
    expect(await h.replies.answer(eph("again"))).toBe("ephemeral");
    // One refused post; the second answer did not try the response_url again.
    expect(h.replies.uses).toBe(1);
    expect(h.logs.join("\n")).toMatch(/did not take post 1 \(HTTP 404\)/);
  });

  it("after 30 minutes (less a margin) the response_url is left alone", async () => {
    let now = 1_000_000;
    const h = harness({ now: () => now });
    now += RESPONSE_URL_LIFETIME_MS - RESPONSE_URL_MARGIN_MS - 1;
    expect(await h.replies.answer(eph("just in time"))).toBe("response_url");
    now += 1;
    expect(await h.replies.note(eph("note"))).toBe("dropped");
    expect(await h.replies.answer(inChannel("digest posted"))).toBe("channel");
    expect(h.replies.uses).toBe(1);
  });

  it("when Slack will not take the ephemeral either, the answer comes as a direct message", async () => {
    const h = harness({ refuseFrom: 1, failEphemeral: "not_in_channel" });
    expect(await h.replies.answer({ ...eph("Here is the digest."), blocks: [] })).toBe("dm");
    const dm = h.sent.at(-1);
    expect(dm?.via).toBe("chat.postMessage");
    expect(dm?.args.channel).toBe("U0ANALYST");
    expect(String(dm?.args.text)).toContain(
      "(your `/form4 ASTI` in <#C0CHANNEL>) Here is the digest.",
    );
    expect(JSON.stringify(dm?.args.blocks)).toContain("in <#C0CHANNEL>");
    expect(h.logs.join("\n")).toMatch(
      /chat.postEphemeral did not take the answer \(not_in_channel\)/,
    );
  });

  it("an answer no way could carry is logged as lost, never thrown", async () => {
    const h = harness({ refuseFrom: 1, failEphemeral: "not_in_channel", failDm: "user_not_found" });
    expect(await h.replies.answer(eph("x"))).toBe("lost");
    expect(h.logs.join("\n")).toMatch(/could not be sent at all: user_not_found/);
    const noClient = harness({ refuseFrom: 1, client: false });
    expect(await noClient.replies.answer(eph("x"))).toBe("lost");
  });
});

describe("Retry-After", () => {
  const limited = (seconds: number) => new webApi.WebAPIRateLimitedError(seconds);

  it("reads the WebClient's rate-limited error and nothing else", () => {
    expect(retryAfterMs(limited(3))).toBe(3000);
    expect(retryAfterMs(new Error("ratelimited"))).toBeNull();
    expect(retryAfterMs(null)).toBeNull();
  });

  it("waits each Retry-After in full and tries again, up to the most it may wait", async () => {
    let calls = 0;
    const waits: number[] = [];
    const started = performance.now();
    const result = await honouringRetryAfter(
      async () => {
        calls += 1;
        if (calls < 3) throw limited(0.05);
        return "posted";
      },
      { maxWaitMs: 1000, onWait: (ms) => waits.push(ms) },
    );
    expect(result).toBe("posted");
    expect(waits).toEqual([50, 50]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(95);

    // A Retry-After past what is left is the caller's to handle, at once.
    const long = honouringRetryAfter(
      async () => {
        throw limited(30);
      },
      { maxWaitMs: 10_000 },
    );
    await expect(long).rejects.toMatchObject({ retryAfter: 30 });
    // Other errors are not retried.
    let tries = 0;
    await expect(
      honouringRetryAfter(
        async () => {
          tries += 1;
          throw new Error("channel_not_found");
        },
        { maxWaitMs: 10_000 },
      ),
    ).rejects.toThrow("channel_not_found");
    expect(tries).toBe(1);
  });

  it("a shutdown stops the wait at once", async () => {
    const halt = new AbortController();
    const started = performance.now();
    const waiting = honouringRetryAfter(
      async () => {
        throw limited(20);
      },
      { maxWaitMs: 60_000, signal: halt.signal },
    );
    setTimeout(() => halt.abort(), 30);
    await expect(waiting).rejects.toMatchObject({ retryAfter: 20 });
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
