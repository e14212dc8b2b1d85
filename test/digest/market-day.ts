// A day of EDGAR for the market digest tests: a daily form index in EDGAR's layout listing the real
// shared Form 4 fixtures (each under its issuer's and its first filer's CIK, as EDGAR lists them),
// a 4/A, and real lines of other forms that are never served. Filings the stand-in does not already
// serve at their EDGAR paths (XML-only fixtures) are wrapped in a full submission under a made-up
// accession and added to the stand-in. The expected top purchases and sales are computed here
// straight from the ownership XML, independently of the product's readers and summarize().
import { readFileSync } from "node:fs";
import { dailyIndexPath } from "../../src/edgar/links.js";
import type { FormType } from "../../src/form4/model.js";
import { API_DIR, FORM4_DIR, form4FixtureNames, SOURCES_FILE } from "../fixtures.js";
import type { EdgarStandIn } from "../stand-ins/edgar.js";

export interface ExpectedTrade {
  accessionNumber: string;
  value: number;
}

export interface MarketDay {
  form4Count: number;
  purchases: ExpectedTrade[];
  sales: ExpectedTrade[];
  /** Accessions of the distinct Form 4s listed. */
  accessions: string[];
}

interface Listed {
  form: FormType;
  accession: string;
  issuerCik: string;
  issuerName: string;
  ownerCik: string | null;
  ownerName: string;
  xml: string;
}

const tag = (xml: string, name: string) =>
  new RegExp(`<${name}>\\s*([^<]*?)\\s*</${name}>`).exec(xml)?.[1] ?? null;

function number(raw: string | null): number | null {
  if (raw === null || raw.trim() === "") return null;
  const n = Number(raw.replace(/,/g, ""));
  return Number.isFinite(n) ? n : null;
}

/** Σ shares × price of the Table I rows with code P or S that state both. */
export function openMarketValue(xml: string, code: "P" | "S"): number {
  const table = /<nonDerivativeTable>([\s\S]*?)<\/nonDerivativeTable>/.exec(xml)?.[1] ?? "";
  let sum = 0;
  for (const m of table.matchAll(
    /<nonDerivativeTransaction>([\s\S]*?)<\/nonDerivativeTransaction>/g,
  )) {
    const row = m[1] ?? "";
    if (tag(row, "transactionCode") !== code) continue;
    const shares = number(/<transactionShares>\s*<value>([^<]*)<\/value>/.exec(row)?.[1] ?? null);
    const price = number(
      /<transactionPricePerShare>\s*<value>([^<]*)<\/value>/.exec(row)?.[1] ?? null,
    );
    if (shares !== null && price !== null) sum += shares * price;
  }
  return sum;
}

function listed(xml: string, accession: string): Listed {
  const form = tag(xml, "documentType") === "4/A" ? "4/A" : "4";
  return {
    form,
    accession,
    issuerCik: String(Number(tag(xml, "issuerCik"))),
    issuerName: tag(xml, "issuerName") ?? "",
    ownerCik: tag(xml, "rptOwnerCik") ? String(Number(tag(xml, "rptOwnerCik"))) : null,
    ownerName: tag(xml, "rptOwnerName") ?? "",
    xml,
  };
}

/** The .txt fixtures SOURCES.md gives a sec.gov URL for: EDGAR (and the stand-in) serve them. */
function servedSubmissions(): { file: string; accession: string }[] {
  const sources = readFileSync(SOURCES_FILE, "utf8");
  const out: { file: string; accession: string }[] = [];
  for (const m of sources.matchAll(
    /`form4\/(\d{10}-\d{2}-\d{6})\.txt`[^\n]*?https:\/\/www\.sec\.gov\/Archives\/edgar\/data\/\d+\/\d{18}\/\1\.txt/g,
  )) {
    out.push({ file: `${m[1]}.txt`, accession: m[1] ?? "" });
  }
  return out;
}

function wrap(accession: string, xml: string, date: string): string {
  const d = date.replace(/-/g, "");
  return [
    `<SEC-DOCUMENT>${accession}.txt : ${d}`,
    `<SEC-HEADER>${accession}.hdr.sgml : ${d}`,
    `ACCESSION NUMBER:\t\t${accession}`,
    `CONFORMED SUBMISSION TYPE:\t${tag(xml, "documentType") ?? "4"}`,
    "PUBLIC DOCUMENT COUNT:\t\t1",
    `FILED AS OF DATE:\t\t${d}`,
    "</SEC-HEADER>",
    "<DOCUMENT>",
    `<TYPE>${tag(xml, "documentType") ?? "4"}`,
    "<SEQUENCE>1",
    "<FILENAME>doc4.xml",
    "<TEXT>",
    "<XML>",
    xml.replace(/^<\?xml[^>]*>\s*/, ""),
    "</XML>",
    "</TEXT>",
    "</DOCUMENT>",
    "</SEC-DOCUMENT>",
    "",
  ].join("\n");
}

function indexLine(form: string, company: string, cik: string, date: string, file: string) {
  return `${form.padEnd(12)}${company.slice(0, 61).padEnd(62)}${cik.padEnd(12)}${date.replace(/-/g, "").padEnd(12)}${file}`;
}

/**
 * Serve the index of `date` on the stand-in (and the filings it needs); return what the market
 * digest must find. `copies` more filings repeat fixtures under new accessions (an insider who
 * filed twice), to pass 50 distinct Form 4s.
 */
export function serveMarketDay(edgar: EdgarStandIn, date: string, copies = 6): MarketDay {
  const filings: Listed[] = [];
  const served = servedSubmissions();
  const servedAccessions = new Set(served.map((s) => s.accession));
  for (const s of served) {
    const text = readFileSync(`${FORM4_DIR}${s.file}`, "utf8");
    const xml = /<XML>\s*([\s\S]*?)<\/XML>/.exec(text)?.[1] ?? "";
    filings.push(listed(xml, s.accession));
  }
  let serial = 0;
  const serve = (accession: string, xml: string, body: string) => {
    const l = listed(xml, accession);
    // Under every CIK it names, as EDGAR serves it.
    for (const cik of [l.issuerCik, l.ownerCik]) {
      if (cik === null) continue;
      edgar.addFile(
        `/Archives/edgar/data/${cik}/${accession.replace(/-/g, "")}/${accession}.txt`,
        body,
      );
    }
    filings.push(l);
  };
  const addWrapped = (xml: string) => {
    serial++;
    const accession = `0009999999-${date.slice(2, 4)}-${String(serial).padStart(6, "0")}`;
    serve(accession, xml, wrap(accession, xml, date));
  };
  /** A fixture named .xml that is really a whole submission: served as EDGAR's .txt, as it is. */
  const addSubmission = (text: string) => {
    const accession = /ACCESSION NUMBER:\s*(\d{10}-\d{2}-\d{6})/.exec(text)?.[1] ?? "";
    serve(accession, /<XML>\s*([\s\S]*?)<\/XML>/.exec(text)?.[1] ?? "", text);
  };
  const xmlOnly = form4FixtureNames().filter(
    (n) => n.endsWith(".xml") && !servedAccessions.has(n.replace(/\.xml$/, "")),
  );
  for (const name of xmlOnly) {
    const text = readFileSync(`${FORM4_DIR}${name}`, "utf8");
    if (text.startsWith("<SEC-DOCUMENT>")) addSubmission(text);
    else addWrapped(text);
  }
  const market = filings.filter(
    (f) => f.form === "4" && (openMarketValue(f.xml, "S") > 0 || openMarketValue(f.xml, "P") > 0),
  );
  for (let i = 0; i < copies && market.length > 0; i++) {
    addWrapped((market[(i * 5) % market.length] as Listed).xml);
  }

  // EDGAR's layout: header, rule, lines by form type then company name.
  const real = readFileSync(`${API_DIR}form.20200318.idx`, "utf8").split("\n");
  const ruleAt = real.findIndex((l) => /^-{20,}/.test(l));
  const header = real.slice(0, ruleAt + 1).map((l) => l.replace("Mar 18, 2020", date));
  const others = real.slice(ruleAt + 1, ruleAt + 21).filter((l) => l.trim() !== "");
  const lines: { form: string; company: string; text: string }[] = others.map((text) => ({
    form: text.slice(0, 12).trim(),
    company: text.slice(12, 74).trim(),
    text,
  }));
  for (const f of filings) {
    const file = `edgar/data/${f.issuerCik}/${f.accession}.txt`;
    lines.push({
      form: f.form,
      company: f.issuerName,
      text: indexLine(f.form, f.issuerName, f.issuerCik, date, file),
    });
    if (f.ownerCik) {
      lines.push({
        form: f.form,
        company: f.ownerName,
        text: indexLine(
          f.form,
          f.ownerName,
          f.ownerCik,
          date,
          `edgar/data/${f.ownerCik}/${f.accession}.txt`,
        ),
      });
    }
  }
  lines.sort((a, b) => a.form.localeCompare(b.form) || a.company.localeCompare(b.company));
  edgar.addFile(
    dailyIndexPath(date),
    [...header, ...lines.map((l) => l.text), ""].join("\n"),
    "text/plain",
  );

  const originals = filings.filter((f) => f.form === "4");
  const top = (code: "P" | "S") =>
    originals
      .map((f) => ({ accessionNumber: f.accession, value: openMarketValue(f.xml, code) }))
      .filter((t) => t.value > 0)
      .sort((a, b) => b.value - a.value || a.accessionNumber.localeCompare(b.accessionNumber))
      .slice(0, 10);
  return {
    form4Count: originals.length,
    purchases: top("P"),
    sales: top("S"),
    accessions: originals.map((f) => f.accession),
  };
}
