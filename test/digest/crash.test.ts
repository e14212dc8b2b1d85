// Exactly once through crashes: a digest process killed with SIGKILL at random points while it
// posts (real SQLite file, real Slack WebClient against the Slack stand-in), restarted on the same
// file, posts every filing, and repeats only the one message, if any, that Slack had accepted but
// the store had not recorded when the process died (the window README.md describes).
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crashAccessions } from "../helpers/digest-child.js";
import { type SlackCall, type SlackStandIn, startSlackStandIn } from "../stand-ins/slack.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CHILD = join(ROOT, "dist/test/helpers/digest-child.js");
// Short, so each restart waits little for the dead run's lease; long enough for a loaded machine.
const LEASE_MS = 1000;
const ROUNDS = 6;
const KILLS_PER_ROUND = 2;

let slack: SlackStandIn;
let dir: string;

beforeAll(async () => {
  if (!existsSync(CHILD)) throw new Error(`${CHILD} is missing: run npm run build first`);
  slack = await startSlackStandIn();
  // Slack takes its time to answer a post, so kills also land while a post is in flight.
  slack.setLatency("chat.postMessage", 15);
  dir = mkdtempSync(join(tmpdir(), "form4-crash-"));
});

afterAll(async () => {
  await slack?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Run {
  posts: SlackCall[];
  /** Instants the cursor writes completed. */
  recorded: number[];
  outcome: string | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function accessionsOf(call: SlackCall): string[] {
  const found = JSON.stringify(call.body.blocks).match(/\d{10}-\d{2}-\d{6}(?=-index\.htm)/g) ?? [];
  return [...new Set(found)];
}

/** The posts of one child (each child has its own token), in the order Slack answered them. */
function posts(token: string): SlackCall[] {
  return slack.calls.filter((c) => c.method === "chat.postMessage" && c.token === token);
}

let children = 0;

/** One child on `file`; killed once `killAfterPosts` posts were answered plus `extraMs`, or run to its end. */
async function runChild(
  file: string,
  progress: string,
  kill: { afterPosts: number; extraMs: number } | null,
): Promise<Run> {
  writeFileSync(progress, "");
  children++;
  const token = `xoxb-crash-${children}`;
  const child: ChildProcess = spawn(process.execPath, [CHILD], {
    env: {
      PATH: process.env.PATH ?? "",
      CHILD_STORE: file,
      CHILD_SLACK_API_URL: slack.url,
      CHILD_PROGRESS: progress,
      CHILD_LEASE_MS: String(LEASE_MS),
      CHILD_SLACK_TOKEN: token,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  let done = false;
  void exited.then(() => {
    done = true;
  });
  if (kill) {
    while (!done && !readFileSync(progress, "utf8").includes("started")) await sleep(2);
    while (!done && posts(token).length < kill.afterPosts) await sleep(1);
    await sleep(kill.extraMs);
    child.kill("SIGKILL");
  }
  const code = await exited;
  // A post the child sent just before it died is still answered (and so posted) by Slack.
  await sleep(50);
  if (!kill && code !== 0) throw new Error(`digest child exited ${code}: ${stderr}`);
  const lines = readFileSync(progress, "utf8").split("\n");
  return {
    posts: posts(token),
    recorded: lines.filter((l) => l.startsWith("recorded ")).map((l) => Number(l.slice(9))),
    outcome: lines.find((l) => l.startsWith("outcome "))?.slice(8) ?? null,
  };
}

describe("digest killed with SIGKILL mid-post (SQLite, child processes)", () => {
  it("posts every filing, and repeats only a message Slack took but the store had not recorded", async () => {
    const all = crashAccessions();
    // A clean run first: how many messages a whole digest is, and that it posts each filing once.
    const clean = await runChild(join(dir, "clean.sqlite"), join(dir, "clean.progress"), null);
    expect(clean.outcome).toBe(`posted ${clean.posts.length}`);
    const messages = clean.posts.length;
    expect(messages).toBeGreaterThanOrEqual(4);
    expect(clean.posts.flatMap(accessionsOf).sort()).toEqual([...all].sort());

    const windows: number[] = [];
    let killsInWindow = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const file = join(dir, `round-${round}.sqlite`);
      const runs: Run[] = [];
      for (let k = 0; k < KILLS_PER_ROUND; k++) {
        const afterPosts = Math.floor(Math.random() * messages);
        const extraMs = Math.random() * 25;
        runs.push(
          await runChild(file, join(dir, `r${round}-${k}.progress`), { afterPosts, extraMs }),
        );
      }
      // Run to the end; a run that lost its lease to a stalled event loop stops (as it must), so
      // the next one goes on.
      for (let tries = 0; ; tries++) {
        const last = await runChild(file, join(dir, `r${round}-last${tries}.progress`), null);
        runs.push(last);
        if (last.outcome?.startsWith("posted ")) break;
        expect(tries, `round ${round}: ${last.outcome}`).toBeLessThan(3);
      }

      const counts = new Map<string, number>();
      const mayRepeat = new Map<string, number>();
      for (const run of runs) {
        for (const post of run.posts) {
          for (const a of accessionsOf(post)) counts.set(a, (counts.get(a) ?? 0) + 1);
        }
        // Posts are recorded in order, one cursor write each: the ones past the writes are unrecorded.
        const unrecorded = run.posts.slice(run.recorded.length);
        expect(
          unrecorded.length,
          `round ${round}: at most the message in flight`,
        ).toBeLessThanOrEqual(1);
        if (unrecorded.length > 0) killsInWindow++;
        for (const post of unrecorded) {
          for (const a of accessionsOf(post)) mayRepeat.set(a, (mayRepeat.get(a) ?? 0) + 1);
        }
        run.posts.forEach((post, i) => {
          const at = run.recorded[i];
          if (at !== undefined && post.at !== undefined) windows.push(at - post.at);
        });
      }
      // None missed.
      expect([...counts.keys()].sort(), `round ${round}`).toEqual([...all].sort());
      // None doubled, but for the filings of a message in the window (once per such kill; the
      // progress line can lag the store's write, so "unrecorded" here may have been recorded).
      for (const [a, n] of counts) {
        expect(n, `round ${round}: ${a}`).toBeLessThanOrEqual(1 + (mayRepeat.get(a) ?? 0));
      }
    }
    windows.sort((a, b) => a - b);
    expect(windows.length).toBeGreaterThan(0);
    if (process.env.FORM4_CRASH_REPORT) {
      const at = (q: number) =>
        windows[Math.min(windows.length - 1, Math.floor(q * windows.length))];
      process.stdout.write(
        `crash test: ${ROUNDS * KILLS_PER_ROUND} kills, ${killsInWindow} in the window; window from Slack's answer to the cursor written: median ${at(0.5)?.toFixed(2)} ms, p90 ${at(0.9)?.toFixed(2)} ms, max ${windows.at(-1)?.toFixed(2)} ms over ${windows.length} messages\n`,
      );
    }
  }, 120_000);
});
