// users.conversations through Slack's real WebClient against the Slack stand-in, page by page.
import { webApi } from "@slack/bolt";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { userChannels } from "../../src/slack/user-channels.js";
import { type SlackStandIn, startSlackStandIn } from "../stand-ins/slack.js";

describe("userChannels", () => {
  let slack: SlackStandIn;
  let client: webApi.WebClient;
  beforeEach(async () => {
    slack = await startSlackStandIn();
    client = new webApi.WebClient("xoxb-user-channels", {
      slackApiUrl: slack.url,
      retryConfig: { retries: 0 },
    });
  });
  afterEach(async () => {
    await slack.close();
  });

  it("lists a user's public and private channels across pages, in order", async () => {
    const channels = Array.from({ length: 450 }, (_, i) =>
      i % 3 === 0 ? `G${String(i).padStart(6, "0")}` : `C${String(i).padStart(6, "0")}`,
    );
    slack.setUserChannels("U0ANALYST", channels);
    slack.setUserChannels("U0SOMEONE", ["C0NOTMINE"]);
    expect(await userChannels(client, "U0ANALYST")).toEqual(channels);
    const calls = slack.calls.filter((c) => c.method === "users.conversations");
    expect(calls).toHaveLength(3);
    for (const call of calls) {
      expect(call.body).toMatchObject({
        user: "U0ANALYST",
        types: "public_channel,private_channel",
        exclude_archived: "true",
        limit: "200",
      });
    }
    expect(calls[0]?.body.cursor).toBeUndefined();
    expect(calls[1]?.body.cursor).toEqual(expect.any(String));
  });

  it("gives an empty list for a user in no channel, and throws what Slack refused", async () => {
    expect(await userChannels(client, "U0NEWBIE")).toEqual([]);
    slack.failNext("users.conversations", "missing_scope");
    await expect(userChannels(client, "U0ANALYST")).rejects.toThrow(/missing_scope/);
  });

  it("stops after 10 pages (2,000 channels)", async () => {
    slack.setUserChannels(
      "U0EVERYWHERE",
      Array.from({ length: 2500 }, (_, i) => `C${i}`),
    );
    expect(await userChannels(client, "U0EVERYWHERE")).toHaveLength(2000);
  });
});
