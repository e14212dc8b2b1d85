// Can the bot post in a channel? What one conversations.info answer decides (src/slack/channel-check.ts).
import type { webApi } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { getAccess } from "../../src/channel-access.js";
import { checkAndRecord, checkCanPost } from "../../src/slack/channel-check.js";
import { createStore } from "../../src/store.js";

function platformError(code: string): Error {
  return Object.assign(new Error(`An API error occurred: ${code}`), {
    code: "slack_webapi_platform_error",
    data: { ok: false, error: code },
  });
}

function client(answer: webApi.ConversationsInfoResponse | Error) {
  return {
    conversations: {
      info: async () => {
        if (answer instanceof Error) throw answer;
        return answer;
      },
    },
  };
}

const channel = (c: Record<string, unknown>, scopes?: string[]) =>
  client({
    ok: true,
    channel: { id: "C1", ...c },
    ...(scopes ? { response_metadata: { scopes } } : {}),
  } as webApi.ConversationsInfoResponse);

describe("checkCanPost", () => {
  it("a private channel the bot is not in: channel_not_found (Slack hides it)", async () => {
    expect(await checkCanPost(client(platformError("channel_not_found")), "C1")).toBe(
      "channel_not_found",
    );
  });

  it("archived, whether or not the bot is in it", async () => {
    expect(await checkCanPost(channel({ is_archived: true, is_member: true }), "C1")).toBe(
      "is_archived",
    );
  });

  it("a member can post; a public channel without membership needs chat:write.public", async () => {
    expect(await checkCanPost(channel({ is_member: true }), "C1")).toBeNull();
    expect(
      await checkCanPost(channel({ is_member: false }, ["chat:write", "chat:write.public"]), "C1"),
    ).toBeNull();
    expect(await checkCanPost(channel({ is_member: false }, ["chat:write"]), "C1")).toBe(
      "not_in_channel",
    );
    // No scopes header: the manifest's scopes, which have chat:write.public.
    expect(await checkCanPost(channel({ is_member: false }), "C1")).toBeNull();
  });

  it("what Slack would not say (missing_scope, a DM, an outage) is unknown, and logged", async () => {
    const warned: string[] = [];
    const log = { warn: (m: string) => warned.push(m) };
    expect(await checkCanPost(client(platformError("missing_scope")), "D1", log)).toBe("unknown");
    expect(await checkCanPost(client(new Error("socket hang up")), "C1", log)).toBe("unknown");
    expect(warned).toHaveLength(2);
  });
});

describe("checkAndRecord", () => {
  it("records a refusal with who set it up, clears it once the check passes, keeps it when unknown", async () => {
    const store = await createStore("memory://");
    const deps = { store, now: () => 1000 };
    expect(
      await checkAndRecord(deps, client(platformError("channel_not_found")), "T1:C1", "U1"),
    ).toBe("channel_not_found");
    expect(await getAccess(store, "T1:C1")).toEqual({
      problem: "channel_not_found",
      since: 1000,
      checkedAt: 1000,
      users: ["U1"],
    });
    expect(await checkAndRecord(deps, client(platformError("ratelimited")), "T1:C1", null)).toBe(
      "unknown",
    );
    expect(await getAccess(store, "T1:C1")).not.toBeNull();
    expect(await checkAndRecord(deps, channel({ is_member: true }), "T1:C1", null)).toBeNull();
    expect(await getAccess(store, "T1:C1")).toBeNull();
    await store.close();
  });
});
