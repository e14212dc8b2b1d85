import { describe, expect, it } from "vitest";
import { messageProblems } from "../../src/render/block-limits.js";
import { DETAILS_ACTION_ID, parseDetailsButtonValue } from "../../src/render/card.js";
import { cardReply, listReply, unfurlBlocks } from "../../src/slack/filing-replies.js";
import { fakeFiling } from "./doubles.js";

describe("filing replies", () => {
  it("one filing is the compact card; its Details button names where EDGAR has it", () => {
    const filing = fakeFiling("Misra Ashutosh");
    const reply = cardReply(filing);
    expect(messageProblems(reply)).toEqual([]);
    const json = JSON.stringify(reply.blocks);
    expect(json).toContain("view_on_edgar");
    expect(json).toContain(DETAILS_ACTION_ID);
    const actions = reply.blocks.at(-1);
    const details = actions?.type === "actions" ? actions.elements[0] : undefined;
    const value = details && "value" in details ? String(details.value) : "";
    expect(parseDetailsButtonValue(value)).toEqual({
      cik: "0001350102",
      accessionNumber: "0001350102-07-000099",
      primaryDocument: null,
    });
  });

  it("an unfurl is the card without View on EDGAR", () => {
    const json = JSON.stringify(unfurlBlocks(fakeFiling("Misra Ashutosh")));
    expect(json).toContain(DETAILS_ACTION_ID);
    expect(json).not.toContain("view_on_edgar");
  });

  it("a ticker's filings are one message, one line each with its Details button, ticker once", () => {
    const filings = Array.from({ length: 10 }, (_, i) =>
      fakeFiling(`Owner${i} Person`, `0001350102-07-0000${String(i).padStart(2, "0")}`),
    );
    const reply = listReply("ASTI", "Ascent Solar Technologies, Inc.", filings, ["a note"]);
    expect(messageProblems(reply)).toEqual([]);
    expect(reply.blocks).toHaveLength(1 + 1 + 10);
    const json = JSON.stringify(reply.blocks);
    expect(json.match(/\*ASTI\*/g)).toHaveLength(1);
    expect(json.match(new RegExp(DETAILS_ACTION_ID, "g"))).toHaveLength(10);
    expect(json).toContain("a note");
    expect(json).toContain("Owner0 Person");
    expect(json).toContain("Owner9 Person");
  });
});
