// Names and roles as people read them. EDGAR writes a person "Last First Middle [Suffix]"
// ("Misra Ashutosh", "SCAFF WILLIAM E JR"); people read "Ashutosh Misra", "William E. Scaff Jr.".
// Entities ("Fund 1 Investments, LLC", "GOLDEN PROPERTIES LTD.") stay exactly as filed.

import type { Role } from "../form4/model.js";
import type { SummaryOwner } from "../form4/summary.js";

/** Words that make a reporting owner a company, fund or trust rather than a person. */
const ENTITY_WORDS = new Set([
  "LLC",
  "LC",
  "LP",
  "LLP",
  "LLLP",
  "INC",
  "INCORPORATED",
  "CORP",
  "CORPORATION",
  "COMPANY",
  "LTD",
  "LIMITED",
  "PLC",
  "AG",
  "GMBH",
  "SICAV",
  "FUND",
  "FUNDS",
  "TRUST",
  "TRUSTS",
  "CAPITAL",
  "PARTNERS",
  "PARTNERSHIP",
  "HOLDING",
  "HOLDINGS",
  "MANAGEMENT",
  "INVESTMENT",
  "INVESTMENTS",
  "GROUP",
  "FOUNDATION",
  "ASSOCIATES",
  "ADVISORS",
  "ADVISERS",
  "VENTURES",
  "BANK",
  "ENTERPRISES",
  "EQUITY",
  "SECURITIES",
  "ESTATE",
  "OPPORTUNITY",
  "OPPORTUNITIES",
]);
/** Legal-form abbreviations that only count when written with dots ("S.A.", "a.s."): "SA" alone could be a name. */
const DOTTED_ENTITY = new Set(["SA", "AS", "NV", "BV", "SE", "CO", "LP", "LLC", "PC"]);

/** Suffixes that follow the given names: "JR" → "Jr.". */
const SUFFIXES: Record<string, string> = {
  JR: "Jr.",
  SR: "Sr.",
  II: "II",
  III: "III",
  IV: "IV",
  MD: "M.D.",
  PHD: "Ph.D.",
  ESQ: "Esq.",
  CPA: "CPA",
};

/**
 * Surname particles that belong to the last name when they come first: "VAN DER BERG JOHN".
 * Only unambiguous ones: "Le", "Di", "Da" are also whole surnames ("Le John" is John Le).
 */
const PARTICLES = new Set(["VAN", "VON", "DER", "DEN", "TER", "TEN"]);

function bare(token: string): string {
  return token.replace(/[.,]/g, "").toUpperCase();
}

/** true when the name reads as a company, fund or trust (kept as filed). */
export function isEntityName(name: string): boolean {
  if (/\d|&|\//.test(name)) return true;
  const tokens = name.split(/[\s,]+/).filter(Boolean);
  return tokens.some((t, i) => {
    const b = bare(t);
    if (ENTITY_WORDS.has(b)) return true;
    // "S.A.", "a.s.", "N.V."; "SE" as the last word of three or more ("Pale Fire Capital SE").
    if (
      DOTTED_ENTITY.has(b) &&
      (/\./.test(t) || (b === "SE" && i === tokens.length - 1 && i >= 2))
    ) {
      return true;
    }
    return false;
  });
}

/** Title-case one word written in capitals: "MCKENNA" → "McKenna", "O'BRIEN" → "O'Brien". */
function titleWord(word: string): string {
  const roman = bare(word);
  if (/^(II|III|IV)$/.test(roman)) return roman;
  return word
    .toLowerCase()
    .replace(/(^|[-'\u2019])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase())
    .replace(/^Mc(\p{L})/u, (_m, ch: string) => `Mc${ch.toUpperCase()}`);
}

/** A single letter is an initial and gets its period: "E" → "E.". */
function initial(word: string): string {
  return /^\p{L}$/u.test(word) ? `${word}.` : word;
}

/**
 * A reporting owner's name for display. People: "Misra Ashutosh" → "Ashutosh Misra",
 * "SCAFF WILLIAM E JR" → "William E. Scaff Jr.", "Misra, Ashutosh" → "Ashutosh Misra";
 * capitals are title-cased (mixed case is kept as written: "McGuinness JoAnn M" → "JoAnn M.
 * McGuinness"). Entities are returned as filed (white space tidied).
 */
export function displayName(filed: string, signatureNames: readonly string[] = []): string {
  const name = filed.replace(/\s+/g, " ").trim();
  if (name === "" || isEntityName(name)) return name;
  const allCaps = !/\p{Ll}/u.test(name);
  const fix = (w: string): string => initial(allCaps ? titleWord(w) : w);
  // EDGAR asks for "Last First", but some filers write "Sergey Brin"; a signature "… for Sergey
  // Brin" shows the name is already in reading order.
  if (signedInReadingOrder(name, signatureNames)) return name.split(" ").map(fix).join(" ");

  // "Last, First Middle[, Jr.]"
  let last: string[];
  let given: string[];
  const comma = name.split(",").map((p) => p.trim());
  let tokens = name.replace(/,/g, " ").split(" ").filter(Boolean);

  const suffixes: string[] = [];
  while (tokens.length > 2) {
    const s = SUFFIXES[bare(tokens[tokens.length - 1] ?? "")];
    if (!s) break;
    suffixes.unshift(s);
    tokens = tokens.slice(0, -1);
  }
  if (tokens.length < 2) return allCaps ? tokens.map(fix).concat(suffixes).join(" ") : name;

  const commaLast = comma.length >= 2 && comma[0] ? comma[0].split(" ").filter(Boolean) : null;
  if (commaLast && commaLast.length < tokens.length) {
    last = commaLast;
    given = tokens.slice(commaLast.length);
  } else {
    let n = 1;
    while (n < tokens.length - 1 && PARTICLES.has(bare(tokens[n - 1] ?? ""))) n += 1;
    last = tokens.slice(0, n);
    given = tokens.slice(n);
  }
  const lastText = last.map((w) => (allCaps ? titleWord(w) : w)).join(" ");
  return [...given.map(fix), lastText, ...suffixes].join(" ");
}

const ROLE_WORDS: Record<Role, string> = {
  director: "Director",
  officer: "Officer",
  tenPercentOwner: "10% owner",
  other: "Other",
};

/**
 * What the owner is to the issuer: "Director, CEO", "SVP Operations & Corp. Affairs", "10% owner".
 * The officer title is used as filed; "Officer" only when no title is given. Empty when no role.
 */
export function roleText(owner: Pick<SummaryOwner, "roles" | "title">): string {
  const title = owner.title?.replace(/\s+/g, " ").trim() || null;
  const parts: string[] = [];
  if (owner.roles.includes("director")) parts.push(ROLE_WORDS.director);
  if (title) parts.push(title);
  else if (owner.roles.includes("officer")) parts.push(ROLE_WORDS.officer);
  if (owner.roles.includes("tenPercentOwner")) parts.push(ROLE_WORDS.tenPercentOwner);
  if (owner.roles.includes("other") && parts.length === 0) parts.push(ROLE_WORDS.other);
  return parts.join(", ");
}

function wordsOf(s: string): string {
  return ` ${s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()} `;
}

/** true when a signature line contains the filed name, word for word, in the order filed. */
function signedInReadingOrder(name: string, signatureNames: readonly string[]): boolean {
  const filed = wordsOf(name);
  if (filed.trim().split(" ").length < 2) return false;
  return signatureNames.some((s) => wordsOf(s).includes(filed));
}

/**
 * Who filed, for a headline: one name, "A and B", or "A and 4 others" for a group filing.
 * Names are display names (not escaped: callers escape for their medium).
 */
export function ownersPhrase(
  owners: readonly Pick<SummaryOwner, "name">[],
  signatureNames: readonly string[] = [],
): string {
  const names = owners.map((o) => displayName(o.name, signatureNames)).filter((n) => n !== "");
  const first = names[0];
  if (first === undefined) return "The reporting person";
  if (names.length === 1) return first;
  if (names.length === 2) return `${first} and ${names[1]}`;
  return `${first} and ${names.length - 1} others`;
}

/** The role shown next to `ownersPhrase`: the owners' common role, or "" when they differ. */
export function ownersRole(owners: readonly Pick<SummaryOwner, "roles" | "title">[]): string {
  const roles = [...new Set(owners.map((o) => roleText(o)))];
  return roles.length === 1 ? (roles[0] ?? "") : "";
}
