import { describe, expect, it } from "vitest";
import { viewOnEdgar } from "../../../../src/slack/listeners/actions/view-on-edgar.js";

describe("view_on_edgar action", () => {
  it("acknowledges the click (Slack opens the link itself)", async () => {
    let acked = 0;
    await viewOnEdgar()({
      ack: async () => {
        acked += 1;
      },
    });
    expect(acked).toBe(1);
  });
});
