/**
 * A SYNTHETIC busy issuer for the EDGAR stand-in: "Busy Example Corp" (ticker BUSY, CIK 0009999901,
 * both made up) with 100 Form 4 / 4/A filings over the 12 months before `until`, BUILT from the real
 * recorded filings in test/fixtures/recorded/form4/. Each filing is a real filing's XML with only
 * three things changed: the issuer (CIK, name, ticker) is BUSY's; every date in it is moved by the
 * same number of days (so the filing stays consistent with itself); and it gets a made-up accession
 * number. The reporting owners, their roles, rows, prices, 10b5-1 footnotes and holdings are the
 * real filing's. Two filings are 4/A: one restates an earlier BUSY filing (a real Apple filing with
 * its first row's shares changed and `dateOfOriginalSubmission` added), one is the real PANW 4/A
 * whose original is not listed. One template is a real joint filing (three reporting owners).
 *
 *   const busy = addBusyIssuer(edgar, { until: "2026-11-30" });
 *   busy.filings        what was built: accession, filed date, template, the XML served
 *   options.tickers     pass BUSY_TICKER to startEdgarStandIn so the ticker resolves
 *
 * Served like EDGAR: /submissions/CIK0009999901.json (the newest 60, plus an 8-K and a 10-Q, and
 * `filings.files` naming one older page) and /submissions/CIK0009999901-submissions-001.json (the
 * other 40); each filing's folder holds doc4.xml and its -index-headers.html.
 */
import { readForm4Fixture } from "../fixtures.js";
import type { EdgarStandIn } from "./edgar.js";

export const BUSY = { cik: "0009999901", ticker: "BUSY", name: "Busy Example Corp" } as const;
export const BUSY_TICKER = { cik: 9999901, ticker: BUSY.ticker, title: BUSY.name };

export interface BuiltFiling {
  accessionNumber: string;
  form: "4" | "4/A";
  filedDate: string;
  /** The recorded fixture it was built from. */
  template: string;
  /** The path its XML is served at, and the XML. */
  path: string;
  xml: string;
}

interface Plan {
  template: string;
  /** How many filings, spread evenly over the 12 months. */
  count: number;
  /** Day of the month the trades move to (varied so months are not all alike). */
  day: number;
}

// 98 filings from 13 real templates, plus the two 4/A below: 100.
const PLANS: Plan[] = [
  { template: "goog-pichai-2018-09-19.xml", count: 12, day: 19 }, // CEO, 10b5-1 sales
  { template: "aapl-williams-2019-05-02.xml", count: 12, day: 2 }, // COO, 10b5-1 sales
  { template: "msft-hogan-2024-03-11.xml", count: 6, day: 11 }, // EVP, sales (no plan)
  { template: "snow-scarpelli-2022-12-13.xml", count: 4, day: 13 }, // CFO, exercise + sales
  { template: "0000929638-23-001482.xml", count: 6, day: 11 }, // director, purchase
  { template: "0000320121-23-000040.xml", count: 6, day: 12 }, // director, purchases
  { template: "0000921895-25-001190.xml", count: 4, day: 24 }, // joint filing, 3 owners, purchases
  { template: "arwr-olukotun-2025-12-19.xml", count: 6, day: 19 }, // director, 10b5-1 sales
  { template: "bdx-feld-2025-12-26.xml", count: 6, day: 26 }, // EVP, 10b5-1 sale
  { template: "aosl-li-2025-03-17.xml", count: 12, day: 17 }, // COO, grants + tax withholding
  { template: "zip-travers-2025-03-15.xml", count: 12, day: 15 }, // President, exercises + tax
  { template: "mvis-markham-2026-06-08.xml", count: 8, day: 8 }, // GC, grants, exercises, tax
  { template: "msft-thompson-2022-06-09.xml", count: 4, day: 9 }, // director, RSU grants
];

const DAY_MS = 86_400_000;

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** The same day `k` months after the window's first month (clamped to the month's length). */
function dayInMonth(firstMonth: string, k: number, day: number): string {
  const [y, m] = firstMonth.split("-").map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m - 1 + k + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + k, Math.min(day, last))).toISOString().slice(0, 10);
}

/** The real filing with BUSY as the issuer and every date moved by `shift` days. */
function rebuild(xml: string, shift: number): string {
  return xml
    .replace(/<issuerCik>[^<]*<\/issuerCik>/, `<issuerCik>${BUSY.cik}</issuerCik>`)
    .replace(/<issuerName>[^<]*<\/issuerName>/, `<issuerName>${BUSY.name}</issuerName>`)
    .replace(
      /<issuerTradingSymbol>[^<]*<\/issuerTradingSymbol>/,
      `<issuerTradingSymbol>${BUSY.ticker}</issuerTradingSymbol>`,
    )
    .replace(/\b(\d{4}-\d{2}-\d{2})\b/g, (d) => addDays(d, shift));
}

function periodOf(xml: string): string {
  const p = /<periodOfReport>\s*(\d{4}-\d{2}-\d{2})/.exec(xml)?.[1];
  if (!p) throw new Error("busy issuer: a template without periodOfReport");
  return p;
}

function headerPage(accession: string, form: string, period: string, filed: string): string {
  const compact = (d: string) => d.replace(/-/g, "");
  return [
    `<SEC-HEADER>${accession}.hdr.sgml : ${compact(filed)}`,
    `<ACCESSION-NUMBER>${accession}`,
    `<TYPE>${form}`,
    "<PUBLIC-DOCUMENT-COUNT>1",
    `<PERIOD>${compact(period)}`,
    `<FILING-DATE>${compact(filed)}`,
    "</SEC-HEADER>",
    "",
  ].join("\n");
}

/** Builds the 100 filings with trades in the 12 months up to `until` (YYYY-MM-DD). */
export function buildBusyFilings(until: string): BuiltFiling[] {
  // The first month of the 12 that end with `until`'s month.
  const [uy, um] = until.split("-").map(Number) as [number, number];
  const first = new Date(Date.UTC(uy, um - 12, 1)).toISOString().slice(0, 7);
  const built: Omit<BuiltFiling, "accessionNumber" | "path">[] = [];
  for (const plan of PLANS) {
    const xml = readForm4Fixture(plan.template);
    const period = periodOf(xml);
    for (let i = 0; i < plan.count; i++) {
      // Spread evenly: 6 filings land every other month, 4 every third.
      const k = Math.floor((i * 12) / plan.count) + (plan.count < 12 ? 1 : 0);
      let trade = dayInMonth(first, Math.min(k, 11), plan.day);
      if (trade > until) trade = addDays(until, -3);
      const shift = daysBetween(period, trade);
      built.push({
        form: "4",
        filedDate: addDays(trade, 2),
        template: plan.template,
        xml: rebuild(xml, shift),
      });
    }
  }
  // A 4/A restating the Williams filing of the fourth month: its first row was 13,433 shares,
  // the amendment says 3,433 (so a history that counted both would be 13,433 too high... or low).
  const williams = built.filter((b) => b.template === "aapl-williams-2019-05-02.xml")[3];
  if (!williams) throw new Error("busy issuer: no Williams filing to amend");
  const amended = williams.xml
    .replace("<documentType>4</documentType>", "<documentType>4/A</documentType>")
    .replace(
      /(<periodOfReport>[^<]*<\/periodOfReport>)/,
      `$1\n    <dateOfOriginalSubmission>${williams.filedDate}</dateOfOriginalSubmission>`,
    )
    .replace("<value>13433</value>", "<value>3433</value>");
  built.push({
    form: "4/A",
    filedDate: addDays(williams.filedDate, 9),
    template: "aapl-williams-2019-05-02.xml (amended)",
    xml: amended,
  });
  // The real PANW 4/A, whose original is not among BUSY's filings: it stands on its own.
  const panw = readForm4Fixture("panw-eschenbach-2021-12-14-4A.xml");
  const panwTrade = dayInMonth(first, 6, 14);
  built.push({
    form: "4/A",
    filedDate: addDays(panwTrade, 2),
    template: "panw-eschenbach-2021-12-14-4A.xml",
    xml: rebuild(panw, daysBetween(periodOf(panw), panwTrade)),
  });

  // Accession numbers in filing order (made up: filer prefix 0009999901, sequence).
  built.sort(
    (a, b) => a.filedDate.localeCompare(b.filedDate) || a.template.localeCompare(b.template),
  );
  return built.map((b, i) => {
    const yy = b.filedDate.slice(2, 4);
    const accessionNumber = `${BUSY.cik}-${yy}-${String(i + 1).padStart(6, "0")}`;
    const folder = `/Archives/edgar/data/${Number(BUSY.cik)}/${accessionNumber.replace(/-/g, "")}/`;
    return { ...b, accessionNumber, path: `${folder}doc4.xml` };
  });
}

function listingColumns(
  entries: { accession: string; form: string; filed: string; doc: string }[],
) {
  return {
    accessionNumber: entries.map((e) => e.accession),
    filingDate: entries.map((e) => e.filed),
    form: entries.map((e) => e.form),
    primaryDocument: entries.map((e) => e.doc),
  };
}

/** Serves the busy issuer's filings and listing from `edgar`; returns what it built. */
export function addBusyIssuer(
  edgar: EdgarStandIn,
  options: { until: string },
): { filings: BuiltFiling[] } {
  const filings = buildBusyFilings(options.until);
  for (const f of filings) {
    edgar.addFile(f.path, f.xml);
    const folder = f.path.slice(0, f.path.lastIndexOf("/") + 1);
    edgar.addFile(
      `${folder}${f.accessionNumber}-index-headers.html`,
      headerPage(f.accessionNumber, f.form, periodOf(f.xml), f.filedDate),
    );
  }
  const newestFirst: { accession: string; form: string; filed: string; doc: string }[] = [
    ...filings,
  ]
    .reverse()
    .map((f) => ({
      accession: f.accessionNumber,
      form: f.form,
      filed: f.filedDate,
      doc: "xslF345X05/doc4.xml",
    }));
  const recent = newestFirst.slice(0, 60);
  const older = newestFirst.slice(60);
  // Two listed filings that are not Form 4s (never fetched: the listing's form says so).
  const newest = recent[0]?.filed ?? options.until;
  recent.splice(5, 0, {
    accession: `${BUSY.cik}-26-900001`,
    form: "8-K",
    filed: newest,
    doc: "form8k.htm",
  });
  recent.splice(20, 0, {
    accession: `${BUSY.cik}-26-900002`,
    form: "10-Q",
    filed: newest,
    doc: "busy-10q.htm",
  });
  const olderName = `CIK${BUSY.cik}-submissions-001.json`;
  edgar.addFile(
    `/submissions/CIK${BUSY.cik}.json`,
    JSON.stringify({
      cik: BUSY.cik,
      name: BUSY.name,
      tickers: [BUSY.ticker],
      filings: {
        recent: listingColumns(recent),
        files: [
          {
            name: olderName,
            filingCount: older.length,
            filingFrom: older[older.length - 1]?.filed ?? "",
            filingTo: older[0]?.filed ?? "",
          },
        ],
      },
    }),
  );
  edgar.addFile(`/submissions/${olderName}`, JSON.stringify(listingColumns(older)));
  return { filings };
}
