import { describe, expect, it } from "vitest";
import {
  DigestSettingsError,
  getDigestSettings,
  isTimeZone,
  parseDigestTime,
  setDigestMarket,
  setDigestOff,
  setDigestOn,
  setDigestTime,
} from "../../src/digest/settings.js";
import { listChannels } from "../../src/digest/state.js";
import { createStore } from "../../src/store.js";

describe("parseDigestTime", () => {
  it.each([
    ["18:00", "18:00"],
    ["6pm", "18:00"],
    ["6:30 pm", "18:30"],
    ["12am", "00:00"],
    ["12pm", "12:00"],
    ["0930", "09:30"],
    ["7:05", "07:05"],
  ])("%s → %s", (raw, expected) => {
    expect(parseDigestTime(raw)).toBe(expected);
  });

  it.each(["25:00", "18:60", "13pm", "tomorrow", "", "6"])("refuses %j", (raw) => {
    expect(() => parseDigestTime(raw)).toThrow(DigestSettingsError);
  });
});

describe("digest settings in the store", () => {
  it("defaults to 18:00 New York, on, market off; changes are kept", async () => {
    const store = await createStore("memory://");
    const d = await getDigestSettings(store, "C1", 1000);
    expect(d).toMatchObject({
      enabled: true,
      time: "18:00",
      timeZone: "America/New_York",
      market: false,
    });

    const set = await setDigestTime(store, "C1", "7:30am", "Europe/London", 2000);
    expect(set).toMatchObject({
      enabled: true,
      time: "07:30",
      timeZone: "Europe/London",
      scheduleFrom: 2000,
    });
    expect(await listChannels(store)).toEqual(["C1"]);

    await setDigestOff(store, "C1", 3000);
    expect((await getDigestSettings(store, "C1", 4000)).enabled).toBe(false);
    const on = await setDigestOn(store, "C1", 5000);
    expect(on).toMatchObject({ enabled: true, time: "07:30", scheduleFrom: 5000 });
    await setDigestMarket(store, "C1", true, 6000);
    expect((await getDigestSettings(store, "C1", 7000)).market).toBe(true);
    // A time without a zone keeps the zone it had.
    expect((await setDigestTime(store, "C1", "17:00", null, 8000)).timeZone).toBe("Europe/London");
    await store.close();
  });

  it("refuses an unknown time zone and leaves the settings alone", async () => {
    const store = await createStore("memory://");
    await expect(setDigestTime(store, "C1", "18:00", "Mars/Olympus", 1)).rejects.toThrow(
      /not a time zone/,
    );
    expect(isTimeZone("America/Chicago")).toBe(true);
    expect(await listChannels(store)).toEqual([]);
    await store.close();
  });
});
