import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, loadEdgarConfig, loadSlackConfig } from "../src/config.js";

describe("loadEdgarConfig", () => {
  it("refuses to reach the real EDGAR without a User-Agent, naming the variable", () => {
    expect(() => loadEdgarConfig({})).toThrow(ConfigError);
    expect(() => loadEdgarConfig({})).toThrow(/SEC_USER_AGENT/);
  });

  it("rejects a User-Agent without an e-mail address", () => {
    expect(() => loadEdgarConfig({ SEC_USER_AGENT: "just a name" })).toThrow(/e-mail/);
  });

  it("allows a local stand-in without a User-Agent and trims trailing slashes", () => {
    const c = loadEdgarConfig({
      EDGAR_WWW_URL: "http://127.0.0.1:9999/",
      EDGAR_DATA_URL: "http://127.0.0.1:9999",
    });
    expect(c.wwwUrl).toBe("http://127.0.0.1:9999");
    expect(c.userAgent).toMatch(/@/);
  });

  it("rejects a non-http EDGAR URL", () => {
    expect(() => loadEdgarConfig({ SEC_USER_AGENT: "a b@c.de", EDGAR_WWW_URL: "ftp://x" })).toThrow(
      /EDGAR_WWW_URL/,
    );
  });
});

describe("loadConfig", () => {
  it("defaults to an SQLite file under ./data", () => {
    expect(loadConfig({ SEC_USER_AGENT: "a b@c.de" }).storeUrl).toBe("sqlite://data/form4.sqlite");
  });
  it("rejects an unknown store scheme", () => {
    expect(() => loadConfig({ SEC_USER_AGENT: "a b@c.de", STORE_URL: "mongo://x" })).toThrow(
      /STORE_URL/,
    );
  });
});

describe("loadSlackConfig", () => {
  it("needs a bot token", () => {
    expect(() => loadSlackConfig({})).toThrow(/SLACK_BOT_TOKEN/);
  });
  it("needs a signing secret in HTTP mode only", () => {
    expect(() => loadSlackConfig({ SLACK_BOT_TOKEN: "xoxb-1" })).toThrow(/SLACK_SIGNING_SECRET/);
    const socket = loadSlackConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" });
    expect(socket.appToken).toBe("xapp-1");
    expect(socket.port).toBe(3000);
  });
  it("rejects a malformed port", () => {
    expect(() =>
      loadSlackConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s", PORT: "abc" }),
    ).toThrow(/PORT/);
  });
});
