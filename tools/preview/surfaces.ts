// Every Slack surface the bot posts, built by the real builders from the recorded fixtures, for
// `npm run preview` (JSON and screenshots) and its test. Pure apart from reading the fixtures.
import { DEFAULT_EDGAR_WWW_URL } from "../../src/config.js";
import { homeDigestBlocks } from "../../src/digest/commands.js";
import { buildDigest, type DigestFiling } from "../../src/digest/digest.js";
import { defaultSettings } from "../../src/digest/settings.js";
import { filingIndexPath } from "../../src/edgar/links.js";
import type { FilingRef } from "../../src/edgar/types.js";
import { readFiling } from "../../src/form4/read.js";
import type { Summary } from "../../src/form4/summary.js";
import { summaryMessage } from "../../src/render/blocks.js";
import { type FilingKey, filingCard, filingCardUnfurl } from "../../src/render/card.js";
import { detailsModal } from "../../src/render/details.js";
import { filingListMessage } from "../../src/render/filing-list.js";
import { homeAlertRuleBlocks } from "../../src/render/home.js";
import { HOME_EXTRA_BLOCKS, homeView } from "../../src/slack/home.js";
import {
  COMPACT_FIXTURE_FILES,
  type CompactFixture,
  readCompactFixture,
  readForm4Fixture,
} from "../../test/fixtures.js";
import type { Surface } from "./slack-html.js";

export interface Preview {
  /** File name without extension: "card-seed", "details-joint-filing". */
  name: string;
  surface: Surface;
}

interface Loaded {
  summary: Summary;
  key: FilingKey;
  url: string;
}

const SEED_KEY: FilingKey = {
  cik: "0001350102",
  accessionNumber: "0001350102-07-000099",
  primaryDocument: "xslF345X02/doc4.xml",
};

/** A recorded filing with the key and link it would have had on EDGAR (issuer CIK, accession). */
function load(text: string, file: string | null): Loaded {
  const { summary } = readFiling(text);
  const accession =
    summary.accessionNumber ?? /^(\d{10}-\d{2}-\d{6})/.exec(file ?? "")?.[1] ?? null;
  const key: FilingKey =
    file === null
      ? SEED_KEY
      : {
          cik: summary.issuer.cik ?? "0000000000",
          accessionNumber: accession ?? "0000000000-00-000000",
          primaryDocument: null,
        };
  const url = `${DEFAULT_EDGAR_WWW_URL}${filingIndexPath(key.cik, key.accessionNumber)}`;
  return { summary, key, url };
}

function loadFixture(name: CompactFixture): Loaded {
  return load(readCompactFixture(name), COMPACT_FIXTURE_FILES[name]);
}

function loadFile(file: string): Loaded {
  return load(readForm4Fixture(file), file);
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-");

/** A fixed instant, so the JSON does not change from run to run: 2026-06-09 22:00 UTC. */
const NOW = Date.UTC(2026, 5, 9, 22, 0);

function digestFiling(l: Loaded): DigestFiling {
  const ref: FilingRef = {
    accessionNumber: l.key.accessionNumber,
    cik: l.key.cik,
    form: l.summary.formType,
    filedDate: l.summary.filedDate ?? "2026-06-09",
    primaryDocument: null,
  };
  return { ref, url: l.url, summary: l.summary, problem: null };
}

export function previews(): Preview[] {
  const out: Preview[] = [];
  for (const name of Object.keys(COMPACT_FIXTURE_FILES) as CompactFixture[]) {
    const l = loadFixture(name);
    const card = filingCard(l.summary, { url: l.url, key: l.key });
    out.push({ name: `card-${slug(name)}`, surface: { kind: "message", ...card } });
    const before = summaryMessage(l.summary, { url: l.url });
    out.push({ name: `before-card-${slug(name)}`, surface: { kind: "message", ...before } });
    out.push({
      name: `details-${slug(name)}`,
      surface: { kind: "modal", view: detailsModal(l.summary, { url: l.url }) as never },
    });
  }

  const seed = loadFixture("seed");
  out.push({
    name: "unfurl-seed",
    surface: {
      kind: "unfurl",
      link: seed.url,
      blocks: filingCardUnfurl(seed.summary, { key: seed.key }),
    },
  });

  const aapl = [
    "aapl-levinson-2019-08-12.xml",
    "aapl-williams-2019-05-02.xml",
    "0000320193-22-000061.txt",
  ].map(loadFile);
  const list = filingListMessage({
    ticker: "AAPL",
    company: "Apple Inc.",
    filings: aapl.map((l) => ({ summary: l.summary, url: l.url, key: l.key })),
    notes: ["Found 3 Form 4 filings with AAPL as the issuer."],
  });
  out.push({ name: "list-aapl", surface: { kind: "message", ...list } });

  const goog = ["goog-pichai-2018-09-19.xml", "0001127602-15-028697.xml"].map(loadFile);
  const digest = buildDigest({
    tickers: [
      {
        ticker: "AAPL",
        name: "Apple Inc.",
        companyUrl: null,
        // The first was already posted here as a real-time alert at 14:02 New York time.
        filings: aapl.map((l, i) => ({
          ...digestFiling(l),
          alertedAt: i === 0 ? NOW - (3 * 60 + 58) * 60_000 : null,
        })),
        error: null,
      },
      {
        ticker: "GOOG",
        name: "Alphabet Inc.",
        companyUrl: null,
        filings: goog.map(digestFiling),
        error: null,
      },
      {
        ticker: "ASTI",
        name: "Ascent Solar Technologies, Inc.",
        companyUrl: null,
        filings: [],
        error: null,
      },
    ],
    since: NOW - 24 * 60 * 60 * 1000,
    now: NOW,
    timeZone: "America/New_York",
  });
  digest.forEach((m, i) => {
    out.push({
      name: `digest-${i + 1}`,
      surface: { kind: "message", text: m.text, blocks: m.blocks },
    });
  });

  const watched = (ticker: string, name: string) => ({
    ticker,
    cik: "0000000000",
    name,
    addedAt: NOW,
  });
  const watchlists = homeDigestBlocks(
    [
      {
        channel: "C0INSIDERS",
        watchlist: [watched("AAPL", "Apple Inc."), watched("GOOG", "Alphabet Inc.")],
        settings: defaultSettings(NOW),
      },
      {
        channel: "C0SMALLCAP",
        watchlist: [watched("ASTI", "Ascent Solar Technologies, Inc.")],
        settings: defaultSettings(NOW),
      },
      // A private channel the bot was never invited to: the warning, and no buttons.
      {
        channel: "C0PRIVATE",
        watchlist: [watched("TSLA", "Tesla, Inc.")],
        settings: defaultSettings(NOW),
      },
    ] as never,
    NOW,
    new Map([["C0PRIVATE", "channel_not_found" as const]]),
  );
  const rule = (id: string, label: string) => ({ id, label });
  const alerts = homeAlertRuleBlocks([
    {
      channel: "C0INSIDERS",
      rules: [
        rule("ticker:DKNG", "DKNG"),
        rule("ticker:TSLA", "TSLA"),
        rule("buys:100000:ceo,cfo", "buys over $100k by ceo,cfo"),
        rule("clusters", "clusters"),
      ],
    },
    { channel: "C0SMALLCAP", rules: [rule("first-buys", "first-buys")] },
    {
      channel: "C0PRIVATE",
      rules: [rule("sells:1000000:", "sells over $1M")],
      cannotPost: "channel_not_found",
    },
  ]);
  const home = homeView([...watchlists, { type: "divider" }, ...alerts]);
  out.push({ name: "home", surface: { kind: "home", view: home as never } });

  // A person in many channels: the most watchlists the Home shows, a channel at the most rules,
  // and more alert channels than the blocks left (what is left out is said, never cut silently).
  const busyWatchlists = homeDigestBlocks(
    Array.from({ length: 34 }, (_, i) => ({
      channel: `C0DESK${i}`,
      watchlist: [watched("AAPL", "Apple Inc."), watched("GOOG", "Alphabet Inc.")],
      settings: defaultSettings(NOW),
    })) as never,
    NOW,
    new Map(),
  );
  const busyAlerts = homeAlertRuleBlocks(
    Array.from({ length: 20 }, (_, i) => ({
      channel: `C0DESK${i}`,
      rules:
        i === 0
          ? Array.from({ length: 50 }, (_, k) => rule(`ticker:T${k}`, `T${k}`))
          : [rule("ticker:DKNG", "DKNG"), rule("buys:100000:", "buys over $100k")],
    })),
    HOME_EXTRA_BLOCKS - busyWatchlists.length - 1,
  );
  const busy = homeView(
    [...busyWatchlists, { type: "divider" }, ...busyAlerts],
    "<#C0DESK3>: Turned off: open-market buys of $100k or more. 1 alert left here (`/form4 alerts`).",
  );
  out.push({ name: "home-busy", surface: { kind: "home", view: busy as never } });
  return out;
}
