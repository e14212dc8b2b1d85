// The roles an alert can name ("by ceo,cfo"), read from the reporting owner's officer title and
// the director / 10% owner boxes of the form. Pure.

import type { SummaryOwner } from "../form4/summary.js";

export const ROLE_WORDS = [
  "ceo",
  "cfo",
  "coo",
  "cto",
  "president",
  "chair",
  "director",
  "officer",
  "10%",
] as const;
export type RoleWord = (typeof ROLE_WORDS)[number];

const ALIASES: Record<string, RoleWord> = {
  ceo: "ceo",
  cfo: "cfo",
  coo: "coo",
  cto: "cto",
  president: "president",
  chair: "chair",
  chairman: "chair",
  chairwoman: "chair",
  chairperson: "chair",
  director: "director",
  directors: "director",
  officer: "officer",
  officers: "officer",
  "10%": "10%",
  "10%-owner": "10%",
  "10%owner": "10%",
  owner: "10%",
  "10-percent": "10%",
};

/** "CEO", "Chairman", "10%" → the role word; null when unknown. */
export function roleWordOf(raw: string): RoleWord | null {
  return ALIASES[raw.trim().toLowerCase()] ?? null;
}

// Officer titles as filers write them: "Chief Executive Officer", "CEO & President", "EVP, CFO".
const TITLE_PATTERNS: Partial<Record<RoleWord, RegExp>> = {
  ceo: /\bchief\s+executive\b|\bc\.?e\.?o\b/i,
  cfo: /\bchief\s+financial\b|\bc\.?f\.?o\b|\bprincipal\s+financial\b/i,
  coo: /\bchief\s+operating\b|\bc\.?o\.?o\b/i,
  cto: /\bchief\s+technology\b|\bc\.?t\.?o\b/i,
  // "President", not "Vice President" / "SVP".
  president: /(?<!vice[\s-]*)\b(president\b|pres\.)/i,
  chair: /\bchair(man|woman|person)?\b/i,
};

/** Does this reporting owner hold the role? */
export function ownerHasRole(owner: SummaryOwner, role: RoleWord): boolean {
  if (role === "director") return owner.roles.includes("director");
  if (role === "10%") return owner.roles.includes("tenPercentOwner");
  if (role === "officer") return owner.roles.includes("officer");
  const pattern = TITLE_PATTERNS[role];
  const title = owner.title ?? "";
  if (!pattern) return false;
  // A board chair often ticks only "Director" and writes the title in "Other".
  return pattern.test(title);
}

/** Any owner with any of the roles (an empty list: everyone). */
export function ownersMatch(owners: readonly SummaryOwner[], roles: readonly RoleWord[]): boolean {
  if (roles.length === 0) return true;
  return owners.some((o) => roles.some((r) => ownerHasRole(o, r)));
}
