// EDGAR_POLL_SECONDS: how often alerts read EDGAR's live feed.
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";

const base = { SEC_USER_AGENT: "Jane Doe jane@example.com" };

describe("EDGAR_POLL_SECONDS", () => {
  it("defaults to 30; 0 turns alerts off", () => {
    expect(loadConfig(base).pollSeconds).toBe(30);
    expect(loadConfig({ ...base, EDGAR_POLL_SECONDS: "2" }).pollSeconds).toBe(2);
    expect(loadConfig({ ...base, EDGAR_POLL_SECONDS: "0" }).pollSeconds).toBe(0);
  });

  it("anything but whole seconds up to an hour is a configuration error naming it", () => {
    for (const bad of ["abc", "1.5", "-1", "3601"]) {
      let error: unknown = null;
      try {
        loadConfig({ ...base, EDGAR_POLL_SECONDS: bad });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).message).toContain("EDGAR_POLL_SECONDS");
      expect((error as ConfigError).message).toContain(`"${bad}"`);
    }
  });
});
