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

describe("OAuth and the new variables", () => {
  const secrets = { SLACK_CLIENT_ID: "1.2", SLACK_CLIENT_SECRET: "c", SLACK_STATE_SECRET: "st" };

  it("turns on distribution when all three OAuth variables are set; no bot token needed", () => {
    const c = loadSlackConfig({ ...secrets, SLACK_SIGNING_SECRET: "s" });
    expect(c.oauth).toEqual({ clientId: "1.2", clientSecret: "c", stateSecret: "st" });
    expect(c.botToken).toBeNull();
  });

  it("names each missing OAuth variable when only some are set", () => {
    let error: unknown;
    try {
      loadSlackConfig({ SLACK_CLIENT_ID: "1.2", SLACK_SIGNING_SECRET: "s" });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.variable)).toEqual([
      "SLACK_CLIENT_SECRET",
      "SLACK_STATE_SECRET",
    ]);
  });

  it("reads HEALTH_PORT and LOG_FORMAT", () => {
    const s = loadSlackConfig({
      SLACK_BOT_TOKEN: "xoxb-1",
      SLACK_APP_TOKEN: "xapp-1",
      HEALTH_PORT: "8080",
    });
    expect(s.healthPort).toBe(8080);
    expect(
      loadSlackConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" }).healthPort,
    ).toBeNull();
    expect(loadConfig({ SEC_USER_AGENT: "a b@c.de" }).logFormat).toBe("json");
    expect(loadConfig({ SEC_USER_AGENT: "a b@c.de", LOG_FORMAT: "Pretty" }).logFormat).toBe(
      "pretty",
    );
  });
});

describe("EDGAR_CACHE_DAYS", () => {
  it("defaults to 30 days, takes a positive number, and says what is wrong otherwise", () => {
    expect(loadConfig({ SEC_USER_AGENT: "a b@c.de" }).edgarCacheDays).toBe(30);
    expect(loadConfig({ SEC_USER_AGENT: "a b@c.de", EDGAR_CACHE_DAYS: "365" }).edgarCacheDays).toBe(
      365,
    );
    for (const bad of ["0", "-1", "a month", "4000"]) {
      expect(() => loadConfig({ SEC_USER_AGENT: "a b@c.de", EDGAR_CACHE_DAYS: bad })).toThrow(
        /EDGAR_CACHE_DAYS must be a number of days above 0 and at most 3650/,
      );
    }
  });
});
