import { homedir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cacheDir, cliStoreUrl } from "../../src/cli/cache-dir.js";

describe("the CLI's cache folder", () => {
  it("is $XDG_CACHE_HOME/form4, else ~/.cache/form4; a relative XDG_CACHE_HOME is ignored", () => {
    expect(cacheDir({ XDG_CACHE_HOME: "/var/cache/me", HOME: "/home/me" })).toBe(
      "/var/cache/me/form4",
    );
    expect(cacheDir({ HOME: "/home/me" })).toBe("/home/me/.cache/form4");
    expect(cacheDir({ XDG_CACHE_HOME: "cache", HOME: "/home/me" })).toBe("/home/me/.cache/form4");
    expect(cacheDir({})).toBe(join(homedir(), ".cache", "form4"));
  });

  it("STORE_URL, when set, says where instead", () => {
    expect(cliStoreUrl({ HOME: "/home/me" })).toBe("sqlite:///home/me/.cache/form4/edgar.sqlite");
    expect(cliStoreUrl({ HOME: "/home/me", STORE_URL: "redis://r:6379" })).toBe("redis://r:6379");
  });
});
