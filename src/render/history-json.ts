// `form4 history --json`: the history as the contract in docs/history-json.md lists it. Numbers
// stay numbers, dates YYYY-MM-DD, unknown is null; $ are over priced rows only (the unpriced
// shares are counted beside them, never as $0).

import type { History, InsiderHistory, OpenMarket } from "../history/model.js";
import { holdingKeys, num } from "./json.js";

function openMarket(om: OpenMarket) {
  return {
    boughtShares: num(om.boughtShares),
    boughtValue: num(om.boughtValue),
    soldShares: num(om.soldShares),
    soldValue: num(om.soldValue),
    planSoldShares: num(om.planSoldShares),
    planSoldValue: num(om.planSoldValue),
    trades: om.trades,
    unpricedShares: num(om.unpricedShares),
    unknownShareRows: om.unknownShareRows,
  };
}

function insider(i: InsiderHistory) {
  return {
    key: i.key,
    name: i.name,
    role: i.role || null,
    jointWith: [...i.jointWith],
    openMarket: openMarket(i.openMarket),
    tradedValue: num(i.tradedValue),
    netValue: num(i.netValue),
    holdings: i.holdings
      ? {
          filedDate: i.holdings.filedDate || null,
          accessionNumber: i.holdings.accessionNumber,
          positions: i.holdings.positions.map(holdingKeys),
        }
      : null,
    activity: i.activity.map((a) => ({
      kind: a.kind,
      table: a.table,
      shares: num(a.shares),
      rows: a.rows,
    })),
    filings: i.filings,
    firstTradeDate: i.firstTradeDate,
    lastTradeDate: i.lastTradeDate,
  };
}

export function historyJson(history: History) {
  return {
    company: {
      cik: history.company.cik,
      name: history.company.name,
      ticker: history.company.ticker,
    },
    window: { ...history.window },
    openMarket: openMarket(history.openMarket),
    netValue: num(history.netValue),
    filingsRead: history.filings.length,
    filingsCounted: history.filingsCounted,
    insiders: history.insiders.map(insider),
    months: history.months.map((m) => ({
      month: m.month,
      openMarket: openMarket(m.openMarket),
      series: m.series.map((s) => ({ insider: s.insider, kind: s.kind, value: num(s.value) })),
    })),
    chartInsiders: [...history.chartInsiders],
    filings: history.filings.map((f) => ({
      accessionNumber: f.accessionNumber,
      form: f.form,
      filedDate: f.filedDate || null,
      url: f.url,
      insider: f.insider,
      rowsInWindow: f.rowsInWindow,
      replacedBy: f.replacedBy,
      replaces: f.replaces,
    })),
    unread: history.unread.map((u) => ({ ...u })),
    cut: history.cut ? { ...history.cut } : null,
    notIssuer: history.notIssuer,
  };
}
