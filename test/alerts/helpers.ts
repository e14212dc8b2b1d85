import type { EdgarStandIn } from "../stand-ins/edgar.js";
import type { SlackCall } from "../stand-ins/slack.js";

// The alert tests type commands as every end-to-end test does.
export { openHome, slash } from "../slack/harness.js";

/** Posts to `channel` (chat.postMessage), in order. */
export function alertsIn(calls: readonly SlackCall[], channel: string): SlackCall[] {
  return calls.filter((c) => c.method === "chat.postMessage" && c.body.channel === channel);
}

/** Waits until `check` holds (polling every 20 ms), or fails after `timeoutMs`. */
export async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Resolves after the stand-in has answered `n` more feed requests (so `n - 1` whole polls ran). */
export async function feedReads(edgar: EdgarStandIn, n: number): Promise<void> {
  const count = () => edgar.requests.filter((r) => r.path.includes("action=getcurrent")).length;
  const target = count() + n;
  await until(() => count() >= target, `${n} more reads of the feed`);
}

/**
 * Serves an ownership XML as a filing EDGAR would have: the document in its folder and the
 * header page giving its form and filing date (`filed` YYYY-MM-DD).
 */
export function serveFiling(
  edgar: EdgarStandIn,
  filing: { cik: string; accession: string; xml: string; filed: string; form?: string },
): void {
  const folder = `/Archives/edgar/data/${Number(filing.cik)}/${filing.accession.replace(/-/g, "")}/`;
  edgar.addFile(`${folder}form4.xml`, filing.xml);
  const day = filing.filed.replace(/-/g, "");
  edgar.addFile(
    `${folder}${filing.accession}-index-headers.html`,
    `<SEC-HEADER>${filing.accession}.hdr.sgml : ${day}\n<ACCESSION-NUMBER>${filing.accession}\n<TYPE>${filing.form ?? "4"}\n<FILING-DATE>${day}\n</SEC-HEADER>\n`,
  );
}

/** An insider's filing list (data.sec.gov submissions) naming these Form 4s, newest first. */
export function serveSubmissions(
  edgar: EdgarStandIn,
  cik: string,
  name: string,
  filings: { accession: string; filed: string; form?: string; document?: string }[],
): void {
  const sorted = [...filings].sort((a, b) => b.filed.localeCompare(a.filed));
  const recent = {
    accessionNumber: sorted.map((f) => f.accession),
    filingDate: sorted.map((f) => f.filed),
    form: sorted.map((f) => f.form ?? "4"),
    primaryDocument: sorted.map((f) => f.document ?? ""),
  };
  edgar.addFile(
    `/submissions/CIK${cik.padStart(10, "0")}.json`,
    JSON.stringify({ cik, name, tickers: [], filings: { recent, files: [] } }),
  );
}
