/**
 * A stand-in for SEC EDGAR, for tests: a real HTTP server on 127.0.0.1 (port 0) serving recorded
 * files at EDGAR's real paths. Nothing leaves the machine.
 *
 *   const edgar = await startEdgarStandIn();
 *   edgar.url        "http://127.0.0.1:PORT": set EDGAR_WWW_URL and EDGAR_DATA_URL both to it
 *   edgar.config     a ready EdgarConfig for that ({ userAgent, wwwUrl, dataUrl })
 *   edgar.requests   every request, in order: { path, at (performance.now() ms), userAgent }
 *   edgar.maxPerSecond()   the most requests that arrived within any 1000 ms
 *   edgar.fault("/submissions/", { kind: "status", status: 503, times: 2 })   the next 2 matching
 *                    requests answer 503 (match: a path prefix, or a RegExp on path + query)
 *   edgar.clearFaults()   (also ends a throttle block)
 *   edgar.addFile("/Archives/edgar/data/1/000000000124000001/doc4.xml", xml)   serve more files
 *   edgar.feed.publish("0001137693-14-000001")   put a filing the stand-in serves on top of the
 *                    live feed (getcurrent Atom, below), as EDGAR does: an Issuer entry and a
 *                    Reporting entry per owner, read from the filing itself; returns when (ms)
 *   edgar.feed.entries()   how many entries the feed has
 *   await edgar.close()
 *
 * Faults (each for the next `times` matching requests, default: until clearFaults()):
 *   { kind: "status", status: 429 | 500 | 503 | …, retryAfter?: "1" }   that status (+ Retry-After)
 *   { kind: "slow", delayMs }          answer normally after a delay
 *   { kind: "truncated" }              Content-Length of the whole body, half of it, then the socket drops
 *   { kind: "oversize", bytes?, declareLength? }   a huge body (default 16 MiB, chunked)
 *   { kind: "redirect", location }     302 to `location` (e.g. another host)
 *   { kind: "reset" }                  the connection is dropped without an answer
 *   { kind: "hang" }                   the request is taken and nothing is ever sent back (until close())
 *   { kind: "html200" }                200 with an HTML error page (EDGAR's front end does this), for any path
 *   { kind: "body", body, contentType? }   200 with this body instead of the file
 *   { kind: "throttle", blockMs? }     EDGAR's throttle: 403 with its "Request Rate Threshold Exceeded"
 *                                      page, and from then on every request gets it until no
 *                                      request has come for blockMs (default 10 minutes; each
 *                                      request during the block extends it, as on EDGAR)
 *
 * As on EDGAR, a daily index (/Archives/edgar/daily-index/…) that is not there (not published yet)
 * answers 403, not 404. With { throttleOverRate: true } the stand-in throttles by itself as soon as
 * more than 10 requests arrive within 1000 ms.
 *
 * What it serves (see test/fixtures/edgar/README.md):
 *   /files/company_tickers.json            the shared recorded ticker map (+ options.tickers)
 *   /submissions/CIK##########.json        test/fixtures/edgar/submissions (ASTI, made up), and
 *                                          the recorded Tesla page
 *   /Archives/edgar/data/<cik>/<acc>/…     the seed filing (ASTI) rebuilt in test/fixtures/edgar;
 *                                          every shared form4 fixture SOURCES.md gives a sec.gov URL
 *                                          for, at that URL (the XML inside a .txt also at its
 *                                          <FILENAME>); index.json generated per folder; a filing
 *                                          is served under every CIK it names (as EDGAR does)
 *   /cgi-bin/browse-edgar?action=getcurrent&type=4&…&count=N&start=M&output=atom
 *                                          the live feed: what tests published, newest first, on
 *                                          top of the recorded sample feed (100 entries, 2025-12-12)
 * Requests without a User-Agent naming an e-mail address get 403, as on EDGAR.
 */

import { readdirSync, readFileSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";
import type { EdgarConfig } from "../../src/config.js";
import { API_DIR, FORM4_DIR, OWN_FIXTURES_DIR, SOURCES_FILE } from "../fixtures.js";

export type EdgarFault =
  | { kind: "status"; status: number; retryAfter?: string; times?: number }
  | { kind: "slow"; delayMs: number; times?: number }
  | { kind: "truncated"; times?: number }
  | { kind: "oversize"; bytes?: number; declareLength?: boolean; times?: number }
  | { kind: "redirect"; location: string; times?: number }
  | { kind: "reset"; times?: number }
  | { kind: "hang"; times?: number }
  | { kind: "html200"; times?: number }
  | { kind: "body"; body: string; contentType?: string; times?: number }
  | { kind: "throttle"; blockMs?: number; times?: number };

/** EDGAR's throttle page (its title and gist as EDGAR words them). */
export const THROTTLE_PAGE = `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />
<title>SEC.gov | Request Rate Threshold Exceeded</title>
</head>
<body>
<div id="header">U.S. Securities and Exchange Commission</div>
<div id="content">
<h1>Your Request Originates from an Undeclared Automated Tool</h1>
<p>To allow for equitable access to all users, SEC reserves the right to limit requests originating from undeclared automated tools. Your request has been identified as part of a network of automated tools outside of the acceptable policy and will be managed until action is taken to declare your traffic.</p>
<p>Please declare your traffic by updating your user agent to include company specific information.</p>
<p>Current guidelines limit users to a total of no more than 10 requests per second, regardless of the number of machines used to submit requests. Once the rate of requests has dropped below the threshold for 10 minutes, the user may resume accessing content on SEC.gov.</p>
<p>Reference ID: 0.stand-in</p>
</div>
</body>
</html>
`;

/** An HTML error page EDGAR's front end may answer with status 200. */
export const HTML_ERROR_PAGE = `<!DOCTYPE html>
<html lang="en">
<head><title>SEC.gov | We're sorry, this page is temporarily unavailable</title></head>
<body><h1>We're sorry</h1><p>The page you requested is temporarily unavailable. Please try again later.</p></body>
</html>
`;

/** EDGAR's answer for a daily index not published yet (its archive store denies the unknown key). */
const ACCESS_DENIED =
  '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>\n';

export interface EdgarRequest {
  /** Path and query, e.g. "/submissions/CIK0001350102.json". */
  path: string;
  /** performance.now() when the request arrived (ms, monotonic). */
  at: number;
  userAgent: string | null;
}

export interface EdgarStandInOptions {
  /** Extra entries merged into company_tickers.json. */
  tickers?: { cik: number; ticker: string; title: string }[];
  /** Throttle (as the "throttle" fault) as soon as more than 10 requests arrive within 1000 ms. */
  throttleOverRate?: boolean;
  /** How long a throttle block lasts after the last request (default 10 minutes). */
  throttleBlockMs?: number;
}

/** The live feed (getcurrent) the stand-in serves; tests add filings to it while the app runs. */
export interface CurrentFeedStandIn {
  /**
   * Puts a filing the stand-in serves on top of the feed: the form, issuer and owners come from
   * its document. `acceptedAt`: the entry's time (default now). Returns performance.now().
   */
  publish(accession: string, options?: { acceptedAt?: Date; form?: "4" | "4/A" }): number;
  /** Entries on the feed (two or more per filing). */
  entries(): number;
}

export interface EdgarStandIn {
  url: string;
  feed: CurrentFeedStandIn;
  config: EdgarConfig;
  requests: EdgarRequest[];
  maxPerSecond(): number;
  /** Requests answered with the throttle page so far. */
  throttled(): number;
  fault(match: string | RegExp, fault: EdgarFault): void;
  clearFaults(): void;
  addFile(path: string, body: string | Uint8Array, contentType?: string): void;
  close(): Promise<void>;
}

export const STAND_IN_USER_AGENT = "form4 tests tests@example.com";

/** Seed filing (made-up accession, see test/fixtures/edgar/README.md). */
export const ASTI = {
  cik: "0001350102",
  ticker: "ASTI",
  accessionNumber: "0001350102-07-000099",
  folder: "/Archives/edgar/data/1350102/000135010207000099/",
} as const;

/**
 * A real Form 4 of another issuer (Nicholas-Applegate fund, NCV) that the stand-in ALSO lists and
 * serves under ASTI's CIK, so tests see a Form 4 where the company asked about is not the issuer.
 */
export const CROSS_LISTED = {
  accessionNumber: "0001240812-07-000005",
  underCik: "1350102",
} as const;

interface Served {
  body: Buffer;
  type: string;
}

interface Folder {
  /** The CIK whose folder holds the files (numeric form, as in EDGAR paths). */
  home: string;
  /** Every CIK the filing is served under. */
  ciks: Set<string>;
  filedDate: string | null;
}

const TYPES: Record<string, string> = {
  json: "application/json",
  xml: "text/xml",
  txt: "text/plain",
  htm: "text/html",
  html: "text/html",
  idx: "text/plain",
};

function contentType(path: string): string {
  const ext = /\.([a-z]+)$/i.exec(path)?.[1]?.toLowerCase() ?? "";
  // EDGAR serves its renderings (xslF345X0N/….xml) as HTML.
  if (/\/xsl[^/]+\/[^/]+\.xml$/i.test(path)) return "text/html";
  return TYPES[ext] ?? "application/octet-stream";
}

const ARCHIVE = /^\/Archives\/edgar\/data\/(\d+)\/(\d{18})(?:\/(.*))?$/;
const FLAT_TXT = /^\/Archives\/edgar\/data\/(\d+)\/(\d{10})-(\d{2})-(\d{6})\.txt$/;

/** A path inside a filing folder (or the old flat `<cik>/<accession>.txt`), taken apart. */
function archivePath(path: string): { cik: string; acc18: string; rest: string } | null {
  const m = ARCHIVE.exec(path);
  if (m) return { cik: String(Number(m[1])), acc18: m[2] ?? "", rest: m[3] ?? "" };
  const flat = FLAT_TXT.exec(path);
  if (!flat) return null;
  return {
    cik: String(Number(flat[1])),
    acc18: `${flat[2]}${flat[3]}${flat[4]}`,
    rest: `${flat[2]}-${flat[3]}-${flat[4]}.txt`,
  };
}

/** The parts of a full submission .txt the stand-in needs. */
function submissionParts(txt: string) {
  const header = (label: string) =>
    new RegExp(`^\\s*${label}:\\s*(\\S+)`, "m").exec(txt)?.[1] ?? null;
  const documents: { type: string; filename: string; xml: string | null }[] = [];
  for (const part of txt.split(/<DOCUMENT>/).slice(1)) {
    const type = /<TYPE>([^\r\n<]+)/.exec(part)?.[1]?.trim() ?? "";
    const filename = /<FILENAME>([^\r\n<]+)/.exec(part)?.[1]?.trim() ?? "";
    const xml = /<XML>\r?\n?([\s\S]*?)<\/XML>/.exec(part)?.[1] ?? null;
    documents.push({ type, filename, xml });
  }
  return {
    accession: header("ACCESSION NUMBER"),
    type: header("CONFORMED SUBMISSION TYPE"),
    period: header("CONFORMED PERIOD OF REPORT"),
    filed: header("FILED AS OF DATE"),
    documentCount: header("PUBLIC DOCUMENT COUNT"),
    documents,
  };
}

/** EDGAR's `-index-headers.html` (the .hdr.sgml) built from a .txt's header fields. */
function headersPage(txt: string): string | null {
  const p = submissionParts(txt);
  if (!p.accession || !p.type) return null;
  const lines = [
    `<SEC-HEADER>${p.accession}.hdr.sgml : ${p.filed ?? ""}`,
    `<ACCESSION-NUMBER>${p.accession}`,
    `<TYPE>${p.type}`,
    p.documentCount ? `<PUBLIC-DOCUMENT-COUNT>${p.documentCount}` : null,
    p.period ? `<PERIOD>${p.period}` : null,
    p.filed ? `<FILING-DATE>${p.filed}` : null,
    "</SEC-HEADER>",
  ];
  return `${lines.filter((l) => l !== null).join("\n")}\n`;
}

/** CIKs an ownership document names (issuer and reporting owners), numeric form. */
function namedCiks(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/<(?:issuerCik|rptOwnerCik)>\s*(\d+)\s*</g)) {
    out.push(String(Number(m[1])));
  }
  return out;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...walk(full));
    else out.push(full);
  }
  return out;
}

/** Rows of SOURCES.md's form4 table that give a sec.gov URL: file → path under the folder. */
function sourcesUrls(): { file: string; cik: string; acc18: string; name: string }[] {
  const text = readFileSync(SOURCES_FILE, "utf8");
  const out: { file: string; cik: string; acc18: string; name: string }[] = [];
  for (const line of text.split("\n")) {
    const file = /^\| `form4\/([^`]+)`/.exec(line)?.[1];
    const url = /https:\/\/www\.sec\.gov\/Archives\/edgar\/data\/(\d+)\/(\d{18})\/(\S*)/.exec(line);
    if (!file || !url || file.endsWith(".nc")) continue; // EDGAR serves the .txt, not the .nc
    out.push({ file, cik: url[1] ?? "", acc18: url[2] ?? "", name: url[3] ?? "" });
  }
  return out;
}

class Archive {
  readonly files = new Map<string, Served>();
  readonly folders = new Map<string, Folder>();

  add(path: string, body: string | Uint8Array, type = contentType(path)): void {
    const buffer = typeof body === "string" ? Buffer.from(body, "utf8") : Buffer.from(body);
    const m = ARCHIVE.exec(path);
    if (m) {
      const [, cik = "", acc18 = ""] = m;
      const home = String(Number(cik));
      const folder = this.folders.get(acc18) ?? { home, ciks: new Set([home]), filedDate: null };
      this.folders.set(acc18, folder);
      // One place per filing: files added under another CIK land in the filing's home folder.
      path = `/Archives/edgar/data/${folder.home}/${acc18}/${m[3] ?? ""}`;
      const text = buffer.toString("utf8");
      for (const c of namedCiks(text)) folder.ciks.add(c);
      const filed = /<FILING-DATE>(\d{8})|FILED AS OF DATE:\s*(\d{8})/.exec(text);
      const d = filed?.[1] ?? filed?.[2];
      if (d) folder.filedDate = `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}`;
    }
    this.files.set(path, { body: buffer, type });
  }

  /** The file for a request path, with a filing reachable under every CIK it names. */
  lookup(path: string): Served | null {
    const direct = this.files.get(path);
    if (direct) return direct;
    const target = archivePath(path);
    if (!target) return null;
    const folder = this.folders.get(target.acc18);
    if (!folder?.ciks.has(target.cik)) return null;
    const file = this.files.get(
      `/Archives/edgar/data/${folder.home}/${target.acc18}/${target.rest}`,
    );
    if (file) return file;
    return target.rest === "index.json" ? this.indexJson(target.cik, target.acc18, folder) : null;
  }

  /** The folder's index.json, in EDGAR's shape, listing the files directly in it. */
  private indexJson(cik: string, acc18: string, folder: Folder): Served {
    const home = `/Archives/edgar/data/${folder.home}/${acc18}/`;
    const modified = folder.filedDate ? `${folder.filedDate} 00:00:00` : "";
    const item = [...this.files.entries()]
      .filter(([p]) => p.startsWith(home) && !p.slice(home.length).includes("/"))
      .map(([p, f]) => ({
        "last-modified": modified,
        name: p.slice(home.length),
        type: "text.gif",
        size: String(f.body.length),
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const directory = {
      item,
      name: `/Archives/edgar/data/${cik}/${acc18}`,
      "parent-dir": `/Archives/edgar/data/${cik}`,
    };
    return {
      body: Buffer.from(JSON.stringify({ directory }, null, 2)),
      type: "application/json",
    };
  }
}

function buildArchive(options: EdgarStandInOptions): Archive {
  const archive = new Archive();
  const ownDir = `${OWN_FIXTURES_DIR}edgar/`;
  for (const full of walk(ownDir)) {
    const path = `/${relative(ownDir, full).split("\\").join("/")}`;
    if (path === "/README.md") continue;
    archive.add(path, readFileSync(full));
  }

  // The shared form4 fixtures at their sec.gov paths. Real .xml files first, so a document
  // extracted from a .txt never replaces a recorded one.
  const rows = sourcesUrls().sort(
    (a, b) => Number(a.file.endsWith(".txt")) - Number(b.file.endsWith(".txt")),
  );
  const txtByAcc = new Map<string, string>();
  for (const row of rows) {
    if (row.file.endsWith(".txt"))
      txtByAcc.set(row.acc18, readFileSync(`${FORM4_DIR}${row.file}`, "utf8"));
  }
  for (const row of rows) {
    const folder = `/Archives/edgar/data/${row.cik}/${row.acc18}/`;
    const body = readFileSync(`${FORM4_DIR}${row.file}`);
    let name = row.name;
    if (name === "") {
      // A folder URL: name the XML as its .txt does, else "form4.xml" (real name not recorded).
      const txt = txtByAcc.get(row.acc18);
      const doc = txt ? submissionParts(txt).documents.find((d) => /^4(\/A)?$/.test(d.type)) : null;
      name = doc?.filename || "form4.xml";
    }
    archive.add(folder + name, body);
    if (row.file.endsWith(".txt")) {
      const text = body.toString("utf8");
      for (const doc of submissionParts(text).documents) {
        if (doc.xml && doc.filename && !archive.files.has(folder + doc.filename)) {
          archive.add(folder + doc.filename, doc.xml);
        }
      }
      const headers = headersPage(text);
      const accession = submissionParts(text).accession;
      if (headers && accession) archive.add(`${folder}${accession}-index-headers.html`, headers);
    }
  }
  archive.folders
    .get(CROSS_LISTED.accessionNumber.replace(/-/g, ""))
    ?.ciks.add(CROSS_LISTED.underCik);

  // A real 8-K folder listing (not a Form 4), and the recorded Tesla filing list.
  archive.add(
    "/Archives/edgar/data/1648960/000121390024004875/index.json",
    readFileSync(`${API_DIR}0001213900-24-004875-index.json`),
  );
  archive.add("/submissions/CIK0001318605.json", readFileSync(`${API_DIR}CIK0001318605.json`));

  const tickers = readFileSync(`${API_DIR}company_tickers.json`);
  if (options.tickers?.length) {
    const map = JSON.parse(tickers.toString("utf8")) as Record<string, unknown>;
    let i = Object.keys(map).length;
    for (const t of options.tickers)
      map[String(i++)] = { cik_str: t.cik, ticker: t.ticker, title: t.title };
    archive.add("/files/company_tickers.json", JSON.stringify(map));
  } else {
    archive.add("/files/company_tickers.json", tickers);
  }
  return archive;
}

/** What the feed needs of a filing, from the document the stand-in serves for it. */
function feedParties(archive: Archive, accession: string) {
  const acc18 = accession.replace(/-/g, "");
  const folder = archive.folders.get(acc18);
  if (!folder) throw new Error(`stand-in: no filing ${accession} to publish on the feed`);
  const home = `/Archives/edgar/data/${folder.home}/${acc18}/`;
  const docs = [...archive.files.entries()]
    .filter(([p]) => p.startsWith(home) && /\.(xml|txt)$/i.test(p))
    .map(([, f]) => f.body.toString("utf8"));
  const text = docs.find((d) => /<ownershipDocument/i.test(d)) ?? docs[0] ?? "";
  const tag = (name: string, within = text) =>
    new RegExp(`<${name}>\\s*([^<]*?)\\s*</${name}>`).exec(within)?.[1] ?? "";
  const owners = [...text.matchAll(/<reportingOwnerId>([\s\S]*?)<\/reportingOwnerId>/g)].map(
    (m) => ({ cik: tag("rptOwnerCik", m[1]), name: tag("rptOwnerName", m[1]) }),
  );
  return {
    form: tag("documentType") || "4",
    issuer: { cik: tag("issuerCik"), name: tag("issuerName") },
    owners,
    filed: folder.filedDate,
  };
}

function xmlText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** EDGAR's Atom entry for one side (Issuer or Reporting) of a filing. */
function feedEntry(
  form: string,
  accession: string,
  party: { cik: string; name: string },
  side: "Issuer" | "Reporting",
  filed: string,
  updated: string,
  url: string,
): string {
  const cik10 = party.cik.padStart(10, "0");
  const href = `${url}/Archives/edgar/data/${Number(party.cik)}/${accession.replace(/-/g, "")}/${accession}-index.htm`;
  return [
    "<entry>",
    `<title>${xmlText(form)} - ${xmlText(party.name)} (${cik10}) (${side})</title>`,
    `<link rel="alternate" type="text/html" href="${href}"/>`,
    '<summary type="html">',
    ` &lt;b&gt;Filed:&lt;/b&gt; ${filed} &lt;b&gt;AccNo:&lt;/b&gt; ${accession} &lt;b&gt;Size:&lt;/b&gt; 10 KB`,
    "</summary>",
    `<updated>${updated}</updated>`,
    `<category scheme="https://www.sec.gov/" label="form type" term="${xmlText(form)}"/>`,
    `<id>urn:tag:sec.gov,2008:accession-number=${accession}</id>`,
    "</entry>",
  ].join("\n");
}

/** EDGAR's time with its offset, as the feed writes it (Eastern, -05:00 here). */
function feedTime(at: Date): string {
  const eastern = new Date(at.getTime() - 5 * 3600_000);
  return `${eastern.toISOString().slice(0, 19)}-05:00`;
}

function feedPage(entries: readonly string[], start: number, count: number): string {
  const head = [
    '<?xml version="1.0" encoding="ISO-8859-1" ?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    "<title>Latest Filings</title>",
    '<link rel="self" href="/cgi-bin/browse-edgar?action=getcurrent"/>',
    "<id>https://www.sec.gov/cgi-bin/browse-edgar?action=getcurrent</id>",
    "<author><name>Webmaster</name><email>webmaster@sec.gov</email></author>",
    `<updated>${feedTime(new Date())}</updated>`,
  ];
  return `${[...head, ...entries.slice(start, start + count), "</feed>"].join("\n")}\n`;
}

/** The recorded sample feed's entries, as they were served. */
function recordedFeedEntries(): string[] {
  const text = readFileSync(`${API_DIR}getcurrent-type4-2025-12-12.atom.xml`, "latin1");
  return [...text.matchAll(/<entry>[\s\S]*?<\/entry>/g)].map((m) => m[0]);
}

interface ActiveFault {
  match: string | RegExp;
  fault: EdgarFault;
  left: number;
}

export async function startEdgarStandIn(options: EdgarStandInOptions = {}): Promise<EdgarStandIn> {
  const archive = buildArchive(options);
  const requests: EdgarRequest[] = [];
  // Newest first, as EDGAR lists them.
  let feedEntries = recordedFeedEntries();
  let faults: ActiveFault[] = [];
  const timers = new Set<NodeJS.Timeout>();
  /** Responses held open by "hang", ended by close(). */
  const hanging = new Set<ServerResponse>();
  /** The throttle block: until when (performance.now() ms) every request gets the throttle page. */
  let blockedUntil = 0;
  let throttledCount = 0;
  const blockMs = options.throttleBlockMs ?? 10 * 60_000;
  /** Arrival times in the last second, for throttleOverRate. */
  const recent: number[] = [];

  const later = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  const takeFault = (path: string): EdgarFault | null => {
    const active = faults.find((f) =>
      typeof f.match === "string" ? path.startsWith(f.match) : f.match.test(path),
    );
    if (!active) return null;
    active.left -= 1;
    if (active.left <= 0) faults = faults.filter((f) => f !== active);
    return active.fault;
  };

  const send = (req: IncomingMessage, res: ServerResponse, file: Served) => {
    const gzip =
      /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? "")) && file.body.length > 1024;
    const body = gzip ? gzipSync(file.body) : file.body;
    res.writeHead(200, {
      "Content-Type": file.type,
      "Content-Length": body.length,
      ...(gzip ? { "Content-Encoding": "gzip" } : {}),
    });
    res.end(body);
  };

  const oversize = async (
    res: ServerResponse,
    fault: Extract<EdgarFault, { kind: "oversize" }>,
  ) => {
    const total = fault.bytes ?? 16 * 1024 * 1024;
    res.writeHead(200, {
      "Content-Type": "application/json",
      ...(fault.declareLength ? { "Content-Length": total } : {}),
    });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    while (sent < total && !res.destroyed) {
      const piece = chunk.subarray(0, Math.min(chunk.length, total - sent));
      sent += piece.length;
      if (!res.write(piece)) {
        await new Promise<void>((resolve) => {
          const done = () => {
            res.off("drain", done);
            res.off("close", done);
            resolve();
          };
          res.on("drain", done);
          res.on("close", done);
        });
      }
    }
    res.end();
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? "/";
    const userAgent = req.headers["user-agent"] ?? null;
    const at = performance.now();
    requests.push({ path, at, userAgent });
    const pathname = new URL(path, "http://stand-in").pathname;

    if (options.throttleOverRate) {
      recent.push(at);
      while (recent.length > 0 && at - (recent[0] ?? 0) >= 1000) recent.shift();
      if (recent.length > 10) blockedUntil = Math.max(blockedUntil, at + blockMs);
    }
    const throttle = (extend: number) => {
      // Each request during the block extends it, as on EDGAR.
      blockedUntil = Math.max(blockedUntil, at + extend);
      throttledCount++;
      res.writeHead(403, { "Content-Type": "text/html" });
      res.end(THROTTLE_PAGE);
    };
    if (at < blockedUntil) {
      throttle(blockMs);
      return;
    }

    const fault = takeFault(path);
    if (fault?.kind === "throttle") {
      throttle(fault.blockMs ?? blockMs);
      return;
    }
    if (fault?.kind === "hang") {
      hanging.add(res);
      res.on("close", () => hanging.delete(res));
      return;
    }
    if (fault?.kind === "html200") {
      res.writeHead(200, { "Content-Type": "text/html" });
      res.end(HTML_ERROR_PAGE);
      return;
    }
    if (fault?.kind === "body") {
      res.writeHead(200, { "Content-Type": fault.contentType ?? "text/html" });
      res.end(fault.body);
      return;
    }
    if (fault?.kind === "reset") {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === "status") {
      res.writeHead(fault.status, {
        "Content-Type": "text/plain",
        ...(fault.retryAfter !== undefined ? { "Retry-After": fault.retryAfter } : {}),
      });
      res.end(`stand-in fault: HTTP ${fault.status}`);
      return;
    }
    if (fault?.kind === "redirect") {
      res.writeHead(302, { Location: fault.location });
      res.end();
      return;
    }
    if (fault?.kind === "oversize") {
      await oversize(res, fault);
      return;
    }
    if (fault?.kind === "slow") await later(fault.delayMs);
    if (res.destroyed) return;

    if (!userAgent || !/\S+@\S+\.\S+/.test(userAgent)) {
      res.writeHead(403, { "Content-Type": "text/plain" });
      res.end("Your Request Originates from an Undeclared Automated Tool");
      return;
    }
    if (pathname === "/cgi-bin/browse-edgar") {
      const query = new URL(path, "http://stand-in").searchParams;
      if (query.get("action") === "getcurrent" && query.get("output") === "atom") {
        const count = Math.min(100, Math.max(1, Number(query.get("count") ?? 40) || 40));
        const start = Math.max(0, Number(query.get("start") ?? 0) || 0);
        send(req, res, {
          body: Buffer.from(feedPage(feedEntries, start, count), "latin1"),
          type: "application/atom+xml",
        });
        return;
      }
    }
    const file = archive.lookup(pathname);
    if (!file && pathname.startsWith("/Archives/edgar/daily-index/")) {
      res.writeHead(403, { "Content-Type": "application/xml" });
      res.end(ACCESS_DENIED);
      return;
    }
    if (!file) {
      res.writeHead(404, { "Content-Type": "text/plain" });
      res.end("Not Found");
      return;
    }
    if (fault?.kind === "truncated") {
      res.writeHead(200, { "Content-Type": file.type, "Content-Length": file.body.length });
      res.write(file.body.subarray(0, Math.floor(file.body.length / 2)));
      await later(20);
      req.socket.destroy();
      return;
    }
    send(req, res, file);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    config: { userAgent: STAND_IN_USER_AGENT, wwwUrl: url, dataUrl: url },
    requests,
    feed: {
      publish(accession, publishOptions = {}) {
        const parties = feedParties(archive, accession);
        const form = publishOptions.form ?? parties.form;
        const at = publishOptions.acceptedAt ?? new Date();
        const filed = parties.filed ?? at.toISOString().slice(0, 10);
        const updated = feedTime(at);
        const entries = [
          feedEntry(form, accession, parties.issuer, "Issuer", filed, updated, url),
          ...parties.owners.map((o) =>
            feedEntry(form, accession, o, "Reporting", filed, updated, url),
          ),
        ];
        // EDGAR lists the Reporting entry first, then the Issuer.
        feedEntries = [...entries.reverse(), ...feedEntries];
        return performance.now();
      },
      entries: () => feedEntries.length,
    },
    maxPerSecond() {
      const at = requests.map((r) => r.at).sort((a, b) => a - b);
      let best = 0;
      let start = 0;
      for (let i = 0; i < at.length; i++) {
        while ((at[i] ?? 0) - (at[start] ?? 0) >= 1000) start++;
        best = Math.max(best, i - start + 1);
      }
      return best;
    },
    throttled() {
      return throttledCount;
    },
    fault(match, fault) {
      faults.push({ match, fault, left: fault.times ?? Number.POSITIVE_INFINITY });
    },
    clearFaults() {
      faults = [];
      blockedUntil = 0;
    },
    addFile(path, body, type) {
      archive.add(path, body, type);
    },
    async close() {
      for (const r of hanging) r.destroy();
      hanging.clear();
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
