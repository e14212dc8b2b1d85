// The Slack stand-in's file upload, driven by Slack's own WebClient (files.uploadV2): it answers
// as Slack does, records the bytes, and refuses a completion whose bytes never came.
import { webApi } from "@slack/bolt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SlackStandIn, startSlackStandIn } from "../stand-ins/slack.js";

let slack: SlackStandIn;
let client: InstanceType<typeof webApi.WebClient>;

beforeAll(async () => {
  slack = await startSlackStandIn();
  client = new webApi.WebClient("xoxb-stand-in-bot-token", {
    slackApiUrl: slack.url,
    retryConfig: { retries: 0 },
  });
});
afterAll(() => slack.close());

describe("the stand-in's files.uploadV2 flow", () => {
  it("URL, bytes, completion: the file is recorded whole, with its alt text", async () => {
    const bytes = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10, 1, 2, 3, 4]);
    const result = (await client.files.uploadV2({
      file: bytes,
      filename: "chart.png",
      title: "A chart",
      alt_text: "What it shows",
    })) as unknown as { files: { files: { id: string }[] }[] };
    const id = result.files[0]?.files[0]?.id;
    const upload = slack.uploads.find((u) => u.fileId === id);
    expect(upload).toMatchObject({
      filename: "chart.png",
      declaredLength: bytes.length,
      altText: "What it shows",
      completed: true,
      title: "A chart",
      channelId: null,
    });
    expect(upload?.bytes).toEqual(bytes);
    expect(slack.calls.map((c) => c.method)).toEqual([
      "files.getUploadURLExternal",
      "upload",
      "files.completeUploadExternal",
    ]);
  });

  it("refuses to complete a file whose bytes never came", async () => {
    const url = (await client.files.getUploadURLExternal({ filename: "x.png", length: 10 })) as {
      file_id: string;
    };
    await expect(
      client.files.completeUploadExternal({ files: [{ id: url.file_id, title: "x" }] }),
    ).rejects.toMatchObject({ data: { error: "upload_incomplete" } });
    await expect(
      client.files.completeUploadExternal({ files: [{ id: "F0NOSUCH", title: "x" }] }),
    ).rejects.toMatchObject({ data: { error: "file_not_found" } });
  });
});
