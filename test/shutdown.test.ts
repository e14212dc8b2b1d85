// SIGTERM with work in flight, in a real child process (the built program, npm start's code):
// it stops taking work, finishes what it can within the grace period, tells the people whose
// answers could not be finished (through their response_url), gives back the digest's lease and
// exits 0, all within about 10 s.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { channelKey } from "../src/channel-key.js";
import { digestClaimKey } from "../src/digest/claims.js";
import { createStore } from "../src/store.js";
import { ASTI, type EdgarStandIn, startEdgarStandIn } from "./stand-ins/edgar.js";
import {
  type SlackStandIn,
  signedHeaders,
  slashCommandBody,
  startSlackStandIn,
  TEAM_ID,
} from "./stand-ins/slack.js";

const SECRET = "shutdown-test-signing-secret";
const TSLA_SUBMISSIONS = "/submissions/CIK0001318605.json";
const ASTI_SUBMISSIONS = `/submissions/CIK${ASTI.cik}.json`;

let slack: SlackStandIn;
let edgar: EdgarStandIn;
let child: ChildProcess | null = null;
const dir = mkdtempSync(join(tmpdir(), "form4-shutdown-"));

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await slack?.close();
  await edgar?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("SIGTERM with 6 lookups and a digest now in flight (built program, child process)", () => {
  it("answers what it can, tells the rest, refuses new work, releases the lease, exits 0", async () => {
    slack = await startSlackStandIn();
    edgar = await startEdgarStandIn();
    const root = fileURLToPath(new URL("../", import.meta.url));
    const store = join(dir, "form4.sqlite");
    child = spawn(process.execPath, [join(root, "dist/src/main.js")], {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? "",
        SLACK_BOT_TOKEN: "xoxb-shutdown-test",
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: slack.url,
        PORT: "0",
        EDGAR_WWW_URL: edgar.url,
        EDGAR_DATA_URL: edgar.url,
        SEC_USER_AGENT: "form4 tests tests@example.com",
        STORE_URL: `sqlite://${store}`,
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    const running = child;
    const port = await new Promise<number>((resolve, reject) => {
      running.stderr?.setEncoding("utf8");
      running.stderr?.on("data", (chunk: string) => {
        stderr += chunk;
        const m = /form4 is running \(HTTP on :(\d+) at \/slack\/events/.exec(stderr);
        if (m?.[1]) resolve(Number(m[1]));
      });
      running.on("exit", (code) => reject(new Error(`exited ${code} before running: ${stderr}`)));
    });
    const exited = new Promise<number | null>((resolve) => running.on("exit", resolve));
    const command = async (text: string, id: string) => {
      const body = slashCommandBody({ text, response_url: slack.responseUrl(id) });
      const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
        method: "POST",
        headers: signedHeaders(SECRET, body),
        body,
      });
      expect(res.status).toBe(200);
      return res.text();
    };
    const answers = (id: string) =>
      slack.calls.filter((c) => c.responseId === id).map((c) => String(c.body.text));

    await command("watch TSLA", "watch");
    await slack.waitFor((c) => c.responseId === "watch");
    // ASTI's EDGAR answers slowly (the lookups finish within the grace period); Tesla's never
    // answers (people's lookups get EDGAR's deadline; the digest, background work, waits on).
    edgar.fault(ASTI_SUBMISSIONS, { kind: "slow", delayMs: 2500 });
    edgar.fault(TSLA_SUBMISSIONS, { kind: "hang" });
    for (let i = 1; i <= 3; i++) {
      await command("ASTI", `asti-${i}`);
      await command("TSLA", `tsla-${i}`);
    }
    await command("digest now", "digest");
    const inFlight = (path: string) => edgar.requests.some((r) => r.path.startsWith(path));
    while (!inFlight(ASTI_SUBMISSIONS) || !inFlight(TSLA_SUBMISSIONS)) {
      await new Promise((r) => setTimeout(r, 20));
    }

    const signalled = Date.now();
    running.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 300));
    // New work during shutdown is turned away in the ack itself.
    expect(await command("ASTI", "late")).toContain("I am restarting");

    expect(await exited).toBe(0);
    const took = Date.now() - signalled;
    expect(took).toBeLessThan(11_000);
    expect(stderr).toMatch(/SIGTERM: stopping/);

    for (let i = 1; i <= 3; i++) {
      // Finished in full.
      const asti = slack.calls.filter((c) => c.responseId === `asti-${i}`);
      expect(asti.some((c) => c.body.response_type === "in_channel")).toBe(true);
      // Told, one way or the other: EDGAR's deadline, or the shutdown.
      expect(answers(`tsla-${i}`).join("\n")).toMatch(/not answering|restarted before/);
    }
    expect(answers("digest").join("\n")).toMatch(
      /restarted before I could finish `\/form4 digest now`/,
    );
    expect(stderr).toMatch(/Shutdown: \d+ answer\(s\) finished, [1-9]\d* not finished/);

    // The digest's lease was given back: another instance can take the channel at once.
    const after = await createStore(`sqlite://${store}`);
    const key = digestClaimKey(channelKey(TEAM_ID, "C0CHANNEL"));
    try {
      // (The lease was taken: the key is the one the digest uses.)
      expect(stderr).not.toMatch(/lease .* lost/);
      expect(await after.acquire(key, "next-instance", 60_000)).toBe(true);
    } finally {
      await after.close();
    }
  }, 60_000);
});
