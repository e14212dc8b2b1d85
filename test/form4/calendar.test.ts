import { describe, expect, it } from "vitest";
import {
  addBusinessDays,
  businessDaysBetween,
  calendarDaysBetween,
  federalHolidays,
  InvalidDateError,
  isBusinessDay,
  isMarketDay,
  isSecBusinessDay,
  marketHolidays,
  nextBusinessDayOnOrAfter,
} from "../../src/form4/calendar.js";

const dates = (list: { date: string }[]) => list.map((h) => h.date);

// OPM's published federal holiday schedules (observed dates).
describe("federalHolidays (OPM schedules)", () => {
  it("2021: Juneteenth observed on Friday June 18, Christmas on the 24th, New Year 2022 on Dec 31", () => {
    expect(dates(federalHolidays(2021))).toEqual([
      "2021-01-01",
      "2021-01-18",
      "2021-02-15",
      "2021-05-31",
      "2021-06-18",
      "2021-07-05",
      "2021-09-06",
      "2021-10-11",
      "2021-11-11",
      "2021-11-25",
      "2021-12-24",
      "2021-12-31",
    ]);
  });

  it("2022: no January 1 (observed the year before)", () => {
    expect(dates(federalHolidays(2022))).toEqual([
      "2022-01-17",
      "2022-02-21",
      "2022-05-30",
      "2022-06-20",
      "2022-07-04",
      "2022-09-05",
      "2022-10-10",
      "2022-11-11",
      "2022-11-24",
      "2022-12-26",
    ]);
  });

  it("2023", () => {
    expect(dates(federalHolidays(2023))).toEqual([
      "2023-01-02",
      "2023-01-16",
      "2023-02-20",
      "2023-05-29",
      "2023-06-19",
      "2023-07-04",
      "2023-09-04",
      "2023-10-09",
      "2023-11-10",
      "2023-11-23",
      "2023-12-25",
    ]);
  });

  it("2024 (plus the Christmas Eve executive-order closure)", () => {
    expect(dates(federalHolidays(2024))).toEqual([
      "2024-01-01",
      "2024-01-15",
      "2024-02-19",
      "2024-05-27",
      "2024-06-19",
      "2024-07-04",
      "2024-09-02",
      "2024-10-14",
      "2024-11-11",
      "2024-11-28",
      "2024-12-24",
      "2024-12-25",
    ]);
  });

  it("2025 (plus the Carter day of mourning and Christmas Eve / Dec 26 closures)", () => {
    expect(dates(federalHolidays(2025))).toEqual([
      "2025-01-01",
      "2025-01-09",
      "2025-01-20",
      "2025-02-17",
      "2025-05-26",
      "2025-06-19",
      "2025-07-04",
      "2025-09-01",
      "2025-10-13",
      "2025-11-11",
      "2025-11-27",
      "2025-12-24",
      "2025-12-25",
      "2025-12-26",
    ]);
  });

  it("2026: Independence Day observed Friday July 3", () => {
    expect(dates(federalHolidays(2026))).toEqual([
      "2026-01-01",
      "2026-01-19",
      "2026-02-16",
      "2026-05-25",
      "2026-06-19",
      "2026-07-03",
      "2026-09-07",
      "2026-10-12",
      "2026-11-11",
      "2026-11-26",
      "2026-12-25",
    ]);
  });

  it("names observed days as such", () => {
    expect(federalHolidays(2023).find((h) => h.date === "2023-11-10")?.name).toBe(
      "Veterans Day (observed)",
    );
    expect(federalHolidays(2021).find((h) => h.date === "2021-12-31")?.name).toBe(
      "New Year's Day (observed)",
    );
  });

  it("has no Juneteenth before 2021 and no MLK day before 1986", () => {
    expect(dates(federalHolidays(2020))).not.toContain("2020-06-19");
    expect(federalHolidays(1985).some((h) => h.name.startsWith("Birthday of Martin"))).toBe(false);
    expect(federalHolidays(1986).some((h) => h.date === "1986-01-20")).toBe(true);
  });

  it("puts Veterans Day on the fourth Monday of October in 1971-1977", () => {
    expect(dates(federalHolidays(1975))).toContain("1975-10-27");
    expect(dates(federalHolidays(1975))).not.toContain("1975-11-11");
  });
});

// NYSE's published holiday calendars.
describe("marketHolidays (NYSE calendars)", () => {
  it("2022: Saturday New Year not made up on Friday Dec 31, 2021; Juneteenth on Monday June 20", () => {
    expect(dates(marketHolidays(2022))).toEqual([
      "2022-01-17",
      "2022-02-21",
      "2022-04-15",
      "2022-05-30",
      "2022-06-20",
      "2022-07-04",
      "2022-09-05",
      "2022-11-24",
      "2022-12-26",
    ]);
    expect(dates(marketHolidays(2021))).not.toContain("2021-12-31");
    expect(isMarketDay("2021-12-31")).toBe(true);
  });

  it("2024", () => {
    expect(dates(marketHolidays(2024))).toEqual([
      "2024-01-01",
      "2024-01-15",
      "2024-02-19",
      "2024-03-29",
      "2024-05-27",
      "2024-06-19",
      "2024-07-04",
      "2024-09-02",
      "2024-11-28",
      "2024-12-25",
    ]);
  });

  it("2025 (with the January 9 closure for President Carter)", () => {
    expect(dates(marketHolidays(2025))).toEqual([
      "2025-01-01",
      "2025-01-09",
      "2025-01-20",
      "2025-02-17",
      "2025-04-18",
      "2025-05-26",
      "2025-06-19",
      "2025-07-04",
      "2025-09-01",
      "2025-11-27",
      "2025-12-25",
    ]);
  });

  it("2026", () => {
    expect(dates(marketHolidays(2026))).toEqual([
      "2026-01-01",
      "2026-01-19",
      "2026-02-16",
      "2026-04-03",
      "2026-05-25",
      "2026-06-19",
      "2026-07-03",
      "2026-09-07",
      "2026-11-26",
      "2026-12-25",
    ]);
  });

  it("2027: Juneteenth on Friday June 18, Independence Day on Monday July 5, Christmas on Dec 24", () => {
    expect(dates(marketHolidays(2027))).toEqual([
      "2027-01-01",
      "2027-01-18",
      "2027-02-15",
      "2027-03-26",
      "2027-05-31",
      "2027-06-18",
      "2027-07-05",
      "2027-09-06",
      "2027-11-25",
      "2027-12-24",
    ]);
  });

  it("2023: Sunday New Year moves to Monday January 2", () => {
    expect(dates(marketHolidays(2023))[0]).toBe("2023-01-02");
  });

  it("knows the unscheduled closures", () => {
    for (const d of [
      "2001-09-11",
      "2001-09-12",
      "2001-09-13",
      "2001-09-14",
      "2004-06-11",
      "2007-01-02",
      "2012-10-29",
      "2012-10-30",
      "2018-12-05",
      "2025-01-09",
    ]) {
      expect(isMarketDay(d), d).toBe(false);
    }
    expect(isMarketDay("2001-09-17")).toBe(true);
  });
});

describe("SEC business days versus market days", () => {
  it("Good Friday is an SEC business day but not a market day", () => {
    expect(isSecBusinessDay("2024-03-29")).toBe(true);
    expect(isMarketDay("2024-03-29")).toBe(false);
  });

  it("Columbus Day and Veterans Day are market days but not SEC business days", () => {
    expect(isSecBusinessDay("2024-10-14")).toBe(false);
    expect(isMarketDay("2024-10-14")).toBe(true);
    expect(isSecBusinessDay("2024-11-11")).toBe(false);
    expect(isMarketDay("2024-11-11")).toBe(true);
  });

  it("weekends are neither", () => {
    expect(isSecBusinessDay("2024-06-01")).toBe(false);
    expect(isMarketDay("2024-06-02")).toBe(false);
    expect(isBusinessDay("2024-06-03", "market")).toBe(true);
    expect(isBusinessDay("2024-06-03")).toBe(true);
  });

  it("Hurricane Sandy closed the market, not the SEC calendar", () => {
    expect(isMarketDay("2012-10-29")).toBe(false);
    expect(isSecBusinessDay("2012-10-29")).toBe(true);
  });
});

describe("businessDaysBetween", () => {
  it("counts the days after the first date up to and including the second", () => {
    expect(businessDaysBetween("2007-11-13", "2007-11-14")).toBe(1);
    expect(businessDaysBetween("2007-11-13", "2007-11-13")).toBe(0);
    expect(businessDaysBetween("2007-11-14", "2007-11-13")).toBe(-1);
  });

  it("skips weekends", () => {
    // Friday trade, filed Tuesday: Monday and Tuesday.
    expect(businessDaysBetween("2024-06-07", "2024-06-11")).toBe(2);
  });

  it("a trade before Good Friday counts Good Friday as an SEC business day", () => {
    // Thu 2024-03-28 → Fri (Good Friday), Mon, Tue.
    expect(businessDaysBetween("2024-03-28", "2024-04-02")).toBe(3);
    expect(businessDaysBetween("2024-03-28", "2024-04-02", "market")).toBe(2);
  });

  it("a trade before Columbus Day does not count Columbus Day", () => {
    // Fri 2024-10-11 → (Mon holiday) Tue, Wed.
    expect(businessDaysBetween("2024-10-11", "2024-10-16")).toBe(2);
    expect(businessDaysBetween("2024-10-11", "2024-10-16", "market")).toBe(3);
  });

  it("skips the observed New Year's Day on Friday, December 31, 2021", () => {
    expect(businessDaysBetween("2021-12-30", "2022-01-03")).toBe(1);
    expect(businessDaysBetween("2021-12-30", "2022-01-03", "market")).toBe(2);
  });
});

describe("addBusinessDays", () => {
  it("moves over weekends and holidays", () => {
    expect(addBusinessDays("2024-06-07", 2)).toBe("2024-06-11");
    expect(addBusinessDays("2024-07-03", 1)).toBe("2024-07-05");
    expect(addBusinessDays("2024-11-27", 1, "market")).toBe("2024-11-29");
    expect(addBusinessDays("2024-03-28", 1)).toBe("2024-03-29");
    expect(addBusinessDays("2024-03-28", 1, "market")).toBe("2024-04-01");
  });

  it("goes backwards with a negative count and stays put with zero", () => {
    expect(addBusinessDays("2024-06-11", -2)).toBe("2024-06-07");
    expect(addBusinessDays("2024-06-08", 0)).toBe("2024-06-08");
  });

  it("is the inverse of businessDaysBetween", () => {
    for (const start of ["2024-12-20", "2025-01-06", "2026-06-30", "2023-11-08"]) {
      for (const n of [1, 2, 3, 7, 20]) {
        expect(businessDaysBetween(start, addBusinessDays(start, n))).toBe(n);
        expect(businessDaysBetween(start, addBusinessDays(start, n, "market"), "market")).toBe(n);
      }
    }
  });

  it("rejects fractional counts", () => {
    expect(() => addBusinessDays("2024-06-07", 1.5)).toThrow(RangeError);
  });
});

describe("helpers", () => {
  it("nextBusinessDayOnOrAfter", () => {
    expect(nextBusinessDayOnOrAfter("2024-06-08")).toBe("2024-06-10");
    expect(nextBusinessDayOnOrAfter("2024-06-10")).toBe("2024-06-10");
    expect(nextBusinessDayOnOrAfter("2024-12-24")).toBe("2024-12-26");
    expect(nextBusinessDayOnOrAfter("2024-12-24", "market")).toBe("2024-12-24");
  });

  it("calendarDaysBetween", () => {
    expect(calendarDaysBetween("2007-06-22", "2007-11-13")).toBe(144);
    expect(calendarDaysBetween("2024-03-01", "2024-02-28")).toBe(-2);
  });

  it("rejects dates that are not YYYY-MM-DD or not real", () => {
    expect(() => isSecBusinessDay("2024-02-30")).toThrow(InvalidDateError);
    expect(() => isMarketDay("11/13/2007")).toThrow(InvalidDateError);
    expect(() => businessDaysBetween("2024-01-01", "")).toThrow(InvalidDateError);
  });
});
