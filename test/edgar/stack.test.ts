import { expect, it } from "vitest";
import { memoryCache } from "../../src/edgar/stack.js";

it("memoryCache keeps at most maxEntries, forgetting the least recently used", async () => {
  const cache = memoryCache(2);
  await cache.set("a", 1);
  await cache.set("b", 2);
  expect(await cache.get("a")).toBe(1); // a is now more recent than b
  await cache.set("c", 3);
  expect(await cache.get("b")).toBeUndefined();
  expect(await cache.get("a")).toBe(1);
  expect(await cache.get("c")).toBe(3);
});
