import { describe, expect, it } from "vitest";
import {
  displayName,
  isEntityName,
  ownersPhrase,
  ownersRole,
  roleText,
} from "../../src/render/names.js";

describe("displayName", () => {
  it.each([
    ["Misra Ashutosh", "Ashutosh Misra"],
    ["SCAFF WILLIAM E JR", "William E. Scaff Jr."],
    ["Scaff William E JR", "William E. Scaff Jr."],
    ["Eschenbach Carl M.", "Carl M. Eschenbach"],
    ["MCKENNA MICHAEL J", "Michael J. McKenna"],
    ["O'BRIEN PATRICK", "Patrick O'Brien"],
    ["SMITH JOHN III", "John Smith III"],
    ["SMITH-JONES MARY K", "Mary K. Smith-Jones"],
    ["McGuinness JoAnn M", "JoAnn M. McGuinness"],
    ["Elliott J. Keith", "J. Keith Elliott"],
    ["Morrison Randi V", "Randi V. Morrison"],
    ["Misra, Ashutosh", "Ashutosh Misra"],
    ["VAN DER BERG JOHN", "John Van Der Berg"],
    ["SZE JULIA", "Julia Sze"],
    ["  Musk   Elon ", "Elon Musk"],
    ["Madonna", "Madonna"],
    ["", ""],
  ])("%s → %s", (filed, shown) => {
    expect(displayName(filed)).toBe(shown);
  });

  it.each([
    "Fund 1 Investments, LLC",
    "Pale Fire Capital SE",
    "GOLDEN PROPERTIES LTD.",
    "PLP Funds Master Fund LP",
    "Pale Fire Capital investicni spolecnost a.s.",
    "Smith Family Trust",
    "Acme Holdings Inc",
  ])("keeps the entity %s as filed", (name) => {
    expect(isEntityName(name)).toBe(true);
    expect(displayName(name)).toBe(name);
  });

  it("does not take people for entities", () => {
    expect(isEntityName("Misra Ashutosh")).toBe(false);
    expect(isEntityName("Co Maria")).toBe(false);
    expect(isEntityName("Sa Ana")).toBe(false);
  });
});

describe("roleText", () => {
  it("uses the officer title as filed", () => {
    expect(roleText({ roles: ["officer"], title: "SVP Operations & Corp. Affairs" })).toBe(
      "SVP Operations & Corp. Affairs",
    );
  });
  it("names directors first, then the title", () => {
    expect(roleText({ roles: ["director", "officer"], title: "CEO" })).toBe("Director, CEO");
    expect(roleText({ roles: ["director"], title: null })).toBe("Director");
  });
  it("covers 10% owners, untitled officers and others", () => {
    expect(roleText({ roles: ["tenPercentOwner"], title: null })).toBe("10% owner");
    expect(roleText({ roles: ["officer"], title: "  " })).toBe("Officer");
    expect(roleText({ roles: ["director", "tenPercentOwner"], title: null })).toBe(
      "Director, 10% owner",
    );
    expect(roleText({ roles: ["other"], title: null })).toBe("Other");
    expect(roleText({ roles: [], title: null })).toBe("");
  });
});

describe("ownersPhrase", () => {
  const o = (name: string) => ({ name });
  it("names one or two filers, and shortens a group", () => {
    expect(ownersPhrase([o("Misra Ashutosh")])).toBe("Ashutosh Misra");
    expect(ownersPhrase([o("Brin Sergey"), o("Page Larry")])).toBe("Sergey Brin and Larry Page");
    expect(
      ownersPhrase([
        o("Pale Fire Capital SE"),
        o("Pale Fire Capital SICAV a.s."),
        o("Senkypl Dusan"),
        o("Barta Jan"),
        o("Pale Fire Capital investicni spolecnost a.s."),
      ]),
    ).toBe("Pale Fire Capital SE and 4 others");
    expect(ownersPhrase([])).toBe("The reporting person");
  });
  it("shows a role only when every filer has it", () => {
    const ten = { roles: ["tenPercentOwner" as const], title: null };
    const dir = { roles: ["director" as const], title: null };
    expect(ownersRole([ten, ten])).toBe("10% owner");
    expect(ownersRole([ten, dir])).toBe("");
  });
});

describe("names a filer wrote in reading order", () => {
  it("keeps 'Sergey Brin' when a signature is signed for Sergey Brin", () => {
    const signed = ["/s/ Valentina Margulis, as Attorney-in-Fact for Sergey Brin"];
    expect(displayName("Sergey Brin", signed)).toBe("Sergey Brin");
    expect(ownersPhrase([{ name: "Sergey Brin" }], signed)).toBe("Sergey Brin");
  });
  it("still reverses 'Last First' when the signature shows reading order the other way", () => {
    expect(displayName("Musk Elon", ["Elon Musk"])).toBe("Elon Musk");
    expect(displayName("MISRA ASHUTOSH", ["/s/ Ashutosh Misra"])).toBe("Ashutosh Misra");
  });
  it("title-cases an all-caps name signed in reading order", () => {
    expect(displayName("JOHN SMITH", ["/s/ John Smith"])).toBe("John Smith");
  });
});
