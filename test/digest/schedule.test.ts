import { describe, expect, it } from "vitest";
import { emptyCursor } from "../../src/digest/cursor.js";
import { dueSlot, everyMinute, latestSlot, nextSlot } from "../../src/digest/schedule.js";
import { type DigestSettings, defaultSettings } from "../../src/digest/settings.js";

// Instants written as UTC; New York is UTC-5 in winter (EST) and UTC-4 in summer (EDT).
const at = (iso: string) => Date.parse(iso);
const ny = { time: "18:00", timeZone: "America/New_York" };

describe("latestSlot / nextSlot", () => {
  it("is today's time once it has passed, on a market day", () => {
    // Wed 2020-11-25 18:00 EST = 23:00Z
    expect(latestSlot(ny, at("2020-11-25T23:00:00Z"))).toBe(at("2020-11-25T23:00:00Z"));
    expect(latestSlot(ny, at("2020-11-25T22:59:59Z"))).toBe(at("2020-11-24T23:00:00Z"));
  });

  it("skips Thanksgiving (NYSE closed) and the weekend", () => {
    // Thu 2020-11-26 is Thanksgiving: the latest slot on Thanksgiving evening is Wednesday's.
    expect(latestSlot(ny, at("2020-11-27T01:00:00Z"))).toBe(at("2020-11-25T23:00:00Z"));
    // Friday (half day, still a market day) has its slot.
    expect(latestSlot(ny, at("2020-11-28T12:00:00Z"))).toBe(at("2020-11-27T23:00:00Z"));
    // Sunday: still Friday's. Next is Monday's.
    expect(latestSlot(ny, at("2020-11-29T20:00:00Z"))).toBe(at("2020-11-27T23:00:00Z"));
    expect(nextSlot(ny, at("2020-11-29T20:00:00Z"))).toBe(at("2020-11-30T23:00:00Z"));
    expect(nextSlot(ny, at("2020-11-25T23:00:00Z"))).toBe(at("2020-11-27T23:00:00Z"));
  });

  it("skips Good Friday, a market holiday", () => {
    // Good Friday 2024-03-29: next slot after Thursday's is Monday Apr 1.
    expect(nextSlot(ny, at("2024-03-28T22:00:00Z"))).toBe(at("2024-04-01T22:00:00Z"));
  });

  it("keeps local wall-clock time across the DST change", () => {
    // DST began Sun 2024-03-10: Friday 18:00 EST = 23:00Z, Monday 18:00 EDT = 22:00Z.
    expect(latestSlot(ny, at("2024-03-09T12:00:00Z"))).toBe(at("2024-03-08T23:00:00Z"));
    expect(nextSlot(ny, at("2024-03-09T12:00:00Z"))).toBe(at("2024-03-11T22:00:00Z"));
  });

  it("reads the time in the channel's own time zone", () => {
    const london = { time: "09:30", timeZone: "Europe/London" };
    // Mon 2024-06-03 09:30 BST = 08:30Z
    expect(nextSlot(london, at("2024-06-03T08:00:00Z"))).toBe(at("2024-06-03T08:30:00Z"));
  });
});

describe("dueSlot", () => {
  const settings = (over: Partial<DigestSettings> = {}): DigestSettings => ({
    ...defaultSettings(at("2020-11-01T00:00:00Z")),
    ...over,
  });

  it("is due once per slot", () => {
    const now = at("2020-11-24T23:00:30Z");
    expect(dueSlot(settings(), emptyCursor(), now)).toBe(at("2020-11-24T23:00:00Z"));
    const done = { ...emptyCursor(), lastSlot: at("2020-11-24T23:00:00Z") };
    expect(dueSlot(settings(), done, now)).toBeNull();
    expect(dueSlot(settings(), done, at("2020-11-25T23:00:00Z"))).toBe(at("2020-11-25T23:00:00Z"));
  });

  it("catches up after downtime with the latest missed slot only", () => {
    // Last digest Wednesday; the app comes back Monday morning.
    const cursor = { ...emptyCursor(), lastSlot: at("2020-11-25T23:00:00Z") };
    expect(dueSlot(settings(), cursor, at("2020-11-30T14:00:00Z"))).toBe(
      at("2020-11-27T23:00:00Z"),
    );
  });

  it("does not fire for a time that had passed when it was set", () => {
    const s = settings({ scheduleFrom: at("2020-11-24T23:30:00Z") });
    expect(dueSlot(s, emptyCursor(), at("2020-11-24T23:45:00Z"))).toBeNull();
    expect(dueSlot(s, emptyCursor(), at("2020-11-25T23:00:00Z"))).toBe(at("2020-11-25T23:00:00Z"));
  });

  it("is never due when off, and waits for a retry time", () => {
    const now = at("2020-11-24T23:01:00Z");
    expect(dueSlot(settings({ enabled: false }), emptyCursor(), now)).toBeNull();
    const waiting = {
      ...emptyCursor(),
      retry: { slot: at("2020-11-24T23:00:00Z"), attempts: 1, at: at("2020-11-24T23:10:00Z") },
    };
    expect(dueSlot(settings(), waiting, now)).toBeNull();
    expect(dueSlot(settings(), waiting, at("2020-11-24T23:10:00Z"))).toBe(
      at("2020-11-24T23:00:00Z"),
    );
  });
});

describe("everyMinute", () => {
  it("fires at the start of the next minute, and not once stopped", () => {
    const ticker = everyMinute(
      async () => {},
      () => {},
    );
    const next = ticker.nextRun();
    expect(next?.getSeconds()).toBe(0);
    expect((next?.getTime() ?? 0) - Date.now()).toBeLessThanOrEqual(60_000);
    ticker.stop();
    expect(ticker.nextRun()).toBeNull();
  });
});
