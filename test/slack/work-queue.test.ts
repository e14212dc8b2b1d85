import { describe, expect, it } from "vitest";
import { WorkQueue } from "../../src/slack/work-queue.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("WorkQueue", () => {
  it("runs at most `concurrency` jobs at once, all of them in the end", async () => {
    const work = new WorkQueue({ concurrency: 3 });
    let running = 0;
    let most = 0;
    let done = 0;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        work.add({
          name: `job ${i}`,
          run: async () => {
            running++;
            most = Math.max(most, running);
            await sleep(5);
            running--;
            done++;
          },
        }),
      ),
    );
    expect(most).toBe(3);
    expect(done).toBe(20);
  });

  it("drain: finishes what it can within the grace period, tells the rest, takes no more", async () => {
    const work = new WorkQueue({ concurrency: 1 });
    const told: string[] = [];
    const answered: string[] = [];
    const job = (name: string, ms: number) =>
      work.add({
        name,
        run: async (signal) => {
          await sleep(ms);
          if (!signal.aborted) answered.push(name);
        },
        abandon: async () => {
          told.push(name);
        },
      });
    const quick = job("quick", 20);
    const stuck = job("stuck", 10_000);
    // Queued behind the stuck one: never starts before the grace period ends.
    const queued = job("queued", 10);
    const result = await work.drain(200);
    expect(result).toEqual({ finished: 1, abandoned: 2 });
    expect(answered).toEqual(["quick"]);
    expect(told.sort()).toEqual(["queued", "stuck"]);
    // Those waiting on the abandoned jobs are let go.
    await Promise.all([quick, stuck, queued]);
    expect(work.accepting).toBe(false);
    expect(await work.add({ name: "late", run: async () => {} })).toBe(false);
    expect(answered).toEqual(["quick"]);
  });

  it("a failing job is logged and does not stop the others", async () => {
    const errors: string[] = [];
    const work = new WorkQueue({
      logger: { warn() {}, error: (m: string) => errors.push(m) },
    });
    let ran = false;
    await work.add({
      name: "boom",
      run: async () => {
        throw new Error("boom");
      },
    });
    await work.add({
      name: "fine",
      run: async () => {
        ran = true;
      },
    });
    expect(errors).toEqual(["boom failed"]);
    expect(ran).toBe(true);
  });
});
