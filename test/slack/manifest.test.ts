// The manifest must declare what the app uses. It is YAML; these checks read its lines, which is
// enough for the flat lists Slack's manifest format uses.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { REDIRECT_PATH } from "../../src/slack/app.js";
import { BOT_SCOPES } from "../../src/slack/scopes.js";

const manifest = readFileSync(new URL("../../manifest.yml", import.meta.url), "utf8");
const lines = manifest.split("\n").filter((l) => !l.trimStart().startsWith("#"));

function listUnder(key: string): string[] {
  const start = lines.findIndex((l) => l.trim() === `${key}:`);
  expect(start, `${key} in manifest.yml`).toBeGreaterThanOrEqual(0);
  const items: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const m = /^\s*- (.+)$/.exec(line);
    if (!m?.[1]) break;
    items.push(m[1].trim());
  }
  return items;
}

describe("manifest.yml", () => {
  it("asks for exactly the bot scopes the app uses", () => {
    expect(listUnder("bot").sort()).toEqual(
      [
        "chat:write",
        "chat:write.public",
        "commands",
        "links:read",
        "links:write",
        // files.uploadV2 (the /form4 history chart)
        "files:write",
        // users.conversations (Home tab: the watchlists of the user's public and private channels)
        "channels:read",
        "groups:read",
      ].sort(),
    );
  });

  it("asks for the scopes the OAuth install asks for (src/slack/scopes.ts)", () => {
    expect(listUnder("bot").sort()).toEqual([...BOT_SCOPES].sort());
  });

  it("names the OAuth redirect URL (a placeholder host) Bolt serves", () => {
    expect(listUnder("redirect_urls")).toEqual([`https://YOUR-HOST${REDIRECT_PATH}`]);
  });

  it("subscribes to the events the listeners handle", () => {
    expect(listUnder("bot_events").sort()).toEqual([
      "app_home_opened",
      "app_uninstalled",
      "link_shared",
      "member_joined_channel",
      "tokens_revoked",
    ]);
  });

  it("unfurls sec.gov, declares /form4 with a usage hint, Socket Mode and interactivity on", () => {
    expect(listUnder("unfurl_domains")).toEqual(["sec.gov"]);
    expect(manifest).toMatch(/- command: \/form4\n\s+description: .+\n\s+usage_hint: ".+"/);
    // Slack cuts a slash command's description at 100 characters and shows the hint as typed.
    const description = /- command: \/form4\n\s+description: (.+)/.exec(manifest)?.[1] ?? "";
    expect(description.length).toBeLessThanOrEqual(100);
    expect(manifest).toMatch(/usage_hint: ".*watch TICKER.*digest at HH:MM.*"/);
    expect(manifest).toMatch(/socket_mode_enabled: true/);
    expect(manifest).toMatch(/interactivity:\n\s+is_enabled: true/);
    expect(manifest).toMatch(/home_tab_enabled: true/);
  });

  it("has no messages tab, and so no read-only messages tab either", () => {
    expect(manifest).toMatch(/messages_tab_enabled: false/);
    expect(manifest).toMatch(/messages_tab_read_only_enabled: false/);
  });
});
