import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getAccess, recordCannotPost } from "../../../../src/channel-access.js";
import type { DigestRunner, RunOutcome } from "../../../../src/digest/runner.js";
import { memberJoinedChannel } from "../../../../src/slack/listeners/events/member-joined-channel.js";
import { createStore, type Store } from "../../../../src/store.js";
import { recordingLogger } from "../../doubles.js";

describe("member_joined_channel listener", () => {
  let store: Store;
  const held: string[] = [];
  const runner = {
    runHeld: async (channel: string): Promise<RunOutcome> => {
      held.push(channel);
      return { channel, kind: "held", status: "posted", posted: 1 };
    },
  } as unknown as DigestRunner;
  beforeEach(async () => {
    store = await createStore("memory://");
    held.length = 0;
    await recordCannotPost(store, "T0ONE:C0SECRET", "channel_not_found", 1);
  });
  afterEach(() => store.close());

  const join = (user: string, channel = "C0SECRET") =>
    memberJoinedChannel({ store, runner, logger: recordingLogger() })({
      event: { user, channel, team: "T0ONE" },
      context: { botUserId: "U0BOT", teamId: "T0ONE" },
    });

  it("someone else joining changes nothing", async () => {
    await join("U0PERSON");
    expect(await getAccess(store, "T0ONE:C0SECRET")).not.toBeNull();
    expect(held).toEqual([]);
  });

  it("the bot invited where it could not post: the record goes and the held digest is posted", async () => {
    await join("U0BOT");
    expect(await getAccess(store, "T0ONE:C0SECRET")).toBeNull();
    expect(held).toEqual(["T0ONE:C0SECRET"]);
  });

  it("the bot invited where nothing was on record: nothing to post", async () => {
    await join("U0BOT", "C0ELSE");
    expect(held).toEqual([]);
  });
});
