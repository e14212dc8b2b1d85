// The read pool: filings read in worker threads give what reading them in-process gives, the
// reader's errors come back as Form4ParseError, and a filing over the time budget is stopped
// without stopping the pool.

import { afterAll, describe, expect, it } from "vitest";
import { closeReadPool, readFilingBounded } from "../../src/engine/pool.js";
import { Form4ParseError } from "../../src/form4/errors.js";
import { readFiling } from "../../src/form4/read.js";
import { readForm4Fixture, readSeed } from "../fixtures.js";

afterAll(closeReadPool);

describe("readFilingBounded", () => {
  it("reads in a worker exactly what readFiling reads in-process", async () => {
    const seed = readSeed();
    const options = { accessionNumber: "0001179110-07-016964", filedDate: "2007-11-14" };
    expect(await readFilingBounded(seed, options)).toEqual(readFiling(seed, options));
    const xml = readForm4Fixture("msft-hogan-2024-03-11.xml");
    expect(await readFilingBounded(new TextEncoder().encode(xml))).toEqual(readFiling(xml));
  });

  it("applies EDGAR's accession number and filed date the same way", async () => {
    const xml = readForm4Fixture("msft-hogan-2024-03-11.xml");
    const { filing, summary } = await readFilingBounded(xml, {
      accessionNumber: "0001234567-24-000001",
      filedDate: "2024-03-13",
    });
    expect(filing.accessionNumber).toBe("0001234567-24-000001");
    expect(summary.accessionNumber).toBe("0001234567-24-000001");
    expect(summary.filedDate).toBe("2024-03-13");
  });

  it("gives the reader's error back as a Form4ParseError with its plain message", async () => {
    const error = await readFilingBounded("hello").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Form4ParseError);
    expect((error as Error).message).toMatch(/^not a Form 4/);
  });

  it("stops a filing over the budget, says so, and reads the next one", async () => {
    // A real filing padded with 8 MB of comment, with a budget no read of it can meet, stands in
    // for a pattern nobody thought of.
    const xml = readForm4Fixture("msft-hogan-2024-03-11.xml");
    const padded = xml.replace(
      "</ownershipDocument>",
      `<!--${"x".repeat(8_000_000)}--></ownershipDocument>`,
    );
    const started = Date.now();
    const error = await readFilingBounded(padded, { deadlineMs: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Form4ParseError);
    expect((error as Form4ParseError).message).toBe(
      "reading the filing took longer than 1 ms; it was stopped and is not read",
    );
    expect((error as Form4ParseError).where).toBe("time budget");
    expect(Date.now() - started).toBeLessThan(5_000);
    const again = await readFilingBounded(xml);
    expect(again.summary.issuer.name).toBe("MICROSOFT CORP");
  });
});
