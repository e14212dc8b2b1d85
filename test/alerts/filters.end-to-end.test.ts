// The filters that need more than one filing, end to end through the Bolt app and the poller:
// a cluster of two insiders, a first buy against a repeat buyer (from the insider's own filing
// list on the EDGAR stand-in), a 4/A threaded under its original, a filing that cannot be read,
// and EDGAR faults that delay alerts without losing or doubling them.
//
// The recorded set has no two real purchases of one issuer within a week, nor a 4/A with its
// original, so some filings here are made from real ones and say so: the HBNC purchase (director
// Swinehart, 2014) with another reporting owner swapped in, or filed again; the PANW 4/A (2021)
// with its original rebuilt from it. Accession numbers of made filings are made up.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readForm4Fixture } from "../fixtures.js";
import { type RunningApp, startApp } from "../slack/harness.js";
import { type EdgarStandIn, STAND_IN_USER_AGENT, startEdgarStandIn } from "../stand-ins/edgar.js";
import { alertsIn, feedReads, serveFiling, serveSubmissions, slash, until } from "./helpers.js";

const POLL_MS = 150;

/** The ownership XML inside a recorded submission .txt. */
function xmlOf(txt: string): string {
  const m = /<XML>\r?\n?([\s\S]*?)<\/XML>/.exec(txt);
  if (!m?.[1]) throw new Error("no <XML> in the submission");
  return m[1];
}

const HBNC_CIK = "706129";
const SWINEHART = { cik: "0001137693", name: "SWINEHART ROBERT E" };
const DOE = { cik: "0009990001", name: "DOE JANE Q" };
const HBNC_A = "0001137693-14-000001"; // real: Swinehart buys $20,450, filed 2014-04-24
const HBNC_B = "0009990001-14-000001"; // made: the same purchase by another director, 2014-04-25
const HBNC_C = "0001137693-14-000002"; // made: Swinehart's purchase filed again, 2014-04-28

const PANW_CIK = "1327567";
const PANW_ORIGINAL = "0001409324-21-000001"; // made from the real 4/A: the Form 4 it amends
const PANW_AMENDMENT = "0001409324-21-000002"; // the real 4/A (original filed 2021-12-15)
const KTOS_BROKEN = "0001094718-14-000009"; // made: a Kratos filing cut off mid-document

describe("clusters, first buys, amendments and faults, end to end", () => {
  let edgar: EdgarStandIn;
  let run: RunningApp;

  beforeAll(async () => {
    edgar = await startEdgarStandIn();
    const hbnc = xmlOf(readForm4Fixture(`${HBNC_A}.txt`));
    const doe = hbnc
      .replace(
        `<rptOwnerCik>${SWINEHART.cik}</rptOwnerCik>`,
        `<rptOwnerCik>${DOE.cik}</rptOwnerCik>`,
      )
      .replace(
        `<rptOwnerName>${SWINEHART.name}</rptOwnerName>`,
        `<rptOwnerName>${DOE.name}</rptOwnerName>`,
      );
    expect(doe).not.toBe(hbnc);
    serveFiling(edgar, { cik: HBNC_CIK, accession: HBNC_B, xml: doe, filed: "2014-04-25" });
    serveFiling(edgar, { cik: HBNC_CIK, accession: HBNC_C, xml: hbnc, filed: "2014-04-28" });
    // Each insider's own filing list (data.sec.gov submissions of their CIK).
    serveSubmissions(edgar, SWINEHART.cik, SWINEHART.name, [
      { accession: HBNC_A, filed: "2014-04-24", document: `${HBNC_A}.txt` },
      { accession: HBNC_C, filed: "2014-04-28", document: "form4.xml" },
    ]);
    serveSubmissions(edgar, DOE.cik, DOE.name, [
      { accession: HBNC_B, filed: "2014-04-25", document: "form4.xml" },
    ]);

    const amendment = readForm4Fixture("panw-eschenbach-2021-12-14-4A.xml");
    const original = amendment
      .replace("<documentType>4/A</documentType>", "<documentType>4</documentType>")
      .replace(/<dateOfOriginalSubmission>[^<]*<\/dateOfOriginalSubmission>/, "");
    serveFiling(edgar, {
      cik: PANW_CIK,
      accession: PANW_ORIGINAL,
      xml: original,
      filed: "2021-12-15",
    });
    serveFiling(edgar, {
      cik: PANW_CIK,
      accession: PANW_AMENDMENT,
      xml: amendment,
      filed: "2021-12-16",
      form: "4/A",
    });

    const ktos = xmlOf(readForm4Fixture("0001094718-14-000001.txt"));
    const cut = ktos.slice(0, ktos.indexOf("<nonDerivativeTable>") + 60);
    serveFiling(edgar, { cik: "1069258", accession: KTOS_BROKEN, xml: cut, filed: "2014-05-06" });

    run = await startApp({ mode: "http", edgar, alerts: { intervalMs: POLL_MS } });
    await feedReads(edgar, 1);
    await slash(run, "alert clusters", "C0CLUSTER");
    await slash(run, "alert first-buys", "C0FIRST");
    await slash(run, "alert PANW", "C0PANW");
    await slash(run, "alert KTOS", "C0BROKEN");
  });
  afterAll(async () => {
    await run?.close();
    await edgar?.close();
  });

  it("a second insider's purchase within 7 days is one cluster post naming both, with the total", async () => {
    edgar.feed.publish(HBNC_A);
    await until(() => alertsIn(run.slack.calls, "C0FIRST").length >= 1, "the first buy");
    edgar.feed.publish(HBNC_B);
    await until(() => alertsIn(run.slack.calls, "C0CLUSTER").length >= 1, "the cluster");
    edgar.feed.publish(HBNC_C);
    await until(() => alertsIn(run.slack.calls, "C0FIRST").length >= 2, "the second first buy");
    await feedReads(edgar, 4);

    const clusters = alertsIn(run.slack.calls, "C0CLUSTER");
    expect(clusters).toHaveLength(1);
    const text = JSON.stringify(clusters[0]?.body.blocks);
    expect(text).toContain("Cluster buy at HORIZON BANCORP /IN/ (HBNC)");
    expect(text).toContain("2 insiders bought in the open market within 7 days, $40,900 in all");
    expect(text).toContain("*Robert E. Swinehart*: 1,000 shares, $20,450");
    expect(text).toContain("*Jane Q. Doe*: 1,000 shares, $20,450");
  });

  it("first buys: each insider's first purchase at HBNC, not Swinehart's repeat", () => {
    const firsts = alertsIn(run.slack.calls, "C0FIRST").map((c) => JSON.stringify(c.body.blocks));
    expect(firsts).toHaveLength(2);
    expect(firsts[0]).toContain("Alert: first-buys");
    expect(firsts[0]).toContain(HBNC_A);
    expect(firsts[1]).toContain(HBNC_B);
    expect(firsts.join()).not.toContain(HBNC_C);
    // Their filing lists were read (cached), and with the User-Agent.
    const lists = edgar.requests.filter((r) => r.path.startsWith("/submissions/CIK"));
    expect(lists.map((r) => r.path).sort()).toEqual(
      [`/submissions/CIK${DOE.cik}.json`, `/submissions/CIK${SWINEHART.cik}.json`].sort(),
    );
  });

  it("a 4/A is a reply in the thread of the alert for the filing it amends", async () => {
    edgar.feed.publish(PANW_ORIGINAL);
    await until(() => alertsIn(run.slack.calls, "C0PANW").length >= 1, "the original");
    edgar.feed.publish(PANW_AMENDMENT, { form: "4/A" });
    await until(() => alertsIn(run.slack.calls, "C0PANW").length >= 2, "the amendment");
    const [original, amendment] = alertsIn(run.slack.calls, "C0PANW");
    expect(original?.body.thread_ts).toBeUndefined();
    // The stand-in gives each post a ts; the amendment names the original's.
    expect(typeof amendment?.body.thread_ts).toBe("string");
    const amendmentText = JSON.stringify(amendment?.body.blocks);
    expect(amendmentText).toContain("Amendment (Form 4/A)");
    expect(amendmentText).toContain("of the filing alerted above (filed Dec 15, 2021)");
    expect(amendmentText).toContain("Form 4/A");
  });

  it("a filing that cannot be read is posted as 'could not be read' with its link", async () => {
    edgar.feed.publish(KTOS_BROKEN);
    await until(() => alertsIn(run.slack.calls, "C0BROKEN").length >= 1, "the unreadable filing");
    await feedReads(edgar, 3);
    const posts = alertsIn(run.slack.calls, "C0BROKEN");
    expect(posts).toHaveLength(1);
    const text = JSON.stringify(posts[0]?.body.blocks);
    expect(text).toContain("could not be read");
    expect(text).toContain(
      `${edgar.url}/Archives/edgar/data/1069258/000109471814000009/${KTOS_BROKEN}-index.htm`,
    );
  });

  it("EDGAR failing on the feed and on the document delays the alert, never loses or doubles it", async () => {
    edgar.fault("/cgi-bin/browse-edgar", { kind: "status", status: 503, times: 3 });
    edgar.fault(/0001094718-14-000001\.txt$/, {
      kind: "status",
      status: 429,
      retryAfter: "0",
      times: 3,
    });
    edgar.feed.publish("0001094718-14-000001");
    await until(() => alertsIn(run.slack.calls, "C0BROKEN").length >= 2, "the delayed alert");
    await feedReads(edgar, 4);
    expect(alertsIn(run.slack.calls, "C0BROKEN")).toHaveLength(2);
    expect(JSON.stringify(alertsIn(run.slack.calls, "C0BROKEN")[1]?.body.blocks)).toContain(
      "Deanna H. Lund",
    );
    expect(edgar.maxPerSecond()).toBeLessThanOrEqual(10);
    expect(edgar.requests.every((r) => r.userAgent === STAND_IN_USER_AGENT)).toBe(true);
  });
});
