import { describe, expect, it } from "vitest";
import { isoDate, monthsOf, parseWindowLength, windowOfMonths } from "../../src/history/window.js";

describe("history windows", () => {
  it("reads 3m, 6m, 1y, 2y (and up to 5 years), nothing else", () => {
    expect(["3m", "6m", "1y", "2y", "18M", "5y"].map(parseWindowLength)).toEqual([
      3, 6, 12, 24, 18, 60,
    ]);
    for (const bad of ["", "0m", "6y", "61m", "1w", "m", "1.5y", "-3m"])
      expect(parseWindowLength(bad)).toBeNull();
  });

  it("ends on the day given and starts the day after the same day N months before", () => {
    expect(windowOfMonths(12, "2026-12-01")).toEqual({ since: "2025-12-02", until: "2026-12-01" });
    expect(windowOfMonths(1, "2026-03-31")).toEqual({ since: "2026-03-01", until: "2026-03-31" });
    expect(windowOfMonths(3, "2024-05-31")).toEqual({ since: "2024-03-01", until: "2024-05-31" });
    expect(windowOfMonths(12, "2024-02-29")).toEqual({ since: "2023-03-01", until: "2024-02-29" });
  });

  it("lists every month it touches", () => {
    expect(monthsOf({ since: "2025-11-15", until: "2026-02-01" })).toEqual([
      "2025-11",
      "2025-12",
      "2026-01",
      "2026-02",
    ]);
  });

  it("takes real dates only", () => {
    expect(isoDate("2025-02-28")).toBe("2025-02-28");
    expect(isoDate("2025-02-30")).toBeNull();
    expect(isoDate("2025-2-3")).toBeNull();
  });
});
