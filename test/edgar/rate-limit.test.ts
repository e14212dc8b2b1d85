// The SEC's limit, measured where the SEC measures it: at the server, as requests arrive.
import Keyv from "keyv";
import { afterAll, beforeAll, expect, it } from "vitest";
import { EdgarClient, FOREVER } from "../../src/edgar/client.js";
import { ASTI, type EdgarStandIn, startEdgarStandIn } from "../stand-ins/edgar.js";

let edgar: EdgarStandIn;
beforeAll(async () => {
  edgar = await startEdgarStandIn();
});
afterAll(() => edgar.close());

it("50 concurrent asks from two clients never exceed 10 requests in any second at EDGAR", async () => {
  // Two clients on the same EDGAR share the process-wide limiter (commands, unfurls, digests).
  const clients = [0, 1].map(
    () => new EdgarClient({ config: edgar.config, cache: new Keyv(), backoffMs: 20 }),
  );
  const asks = Array.from({ length: 50 }, (_, i) => {
    const c = clients[i % 2] as EdgarClient;
    return c.get(c.wwwUrl(`${ASTI.folder}doc4.xml?ask=${i}`), FOREVER);
  });
  const answers = await Promise.all(asks);
  expect(answers.every((a) => a.body.includes("<ownershipDocument>"))).toBe(true);
  expect(edgar.requests).toHaveLength(50);
  expect(edgar.maxPerSecond()).toBeGreaterThanOrEqual(1);
  expect(edgar.maxPerSecond()).toBeLessThanOrEqual(10);
});
