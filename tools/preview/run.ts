// `npm run preview`: every Slack surface for a set of recorded filings, as Block Kit JSON
// (preview/<name>.json, committed) and as PNGs of an HTML approximation of Slack's layout at a
// desktop (1000 px) and a phone (360 px) width (preview/png/, not committed), screenshot by the
// system's headless Chromium. Prints each surface's blocks, characters and rendered height.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { surfaceHtml } from "./slack-html.js";
import { type Preview, previews } from "./surfaces.js";

const ROOT = fileURLToPath(
  new URL(import.meta.url.includes("/dist/") ? "../../../" : "../../", import.meta.url),
);
const OUT = join(ROOT, "preview");
const PNG = join(OUT, "png");
export const WIDTHS = { desktop: 1000, phone: 360 } as const;
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

function blocksOf(p: Preview): unknown[] {
  const s = p.surface;
  return s.kind === "modal" || s.kind === "home" ? ((s.view.blocks as unknown[]) ?? []) : s.blocks;
}

function visibleLength(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + visibleLength(v), 0);
  if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    if ((o.type === "mrkdwn" || o.type === "plain_text") && typeof o.text === "string")
      return o.text.length;
    return Object.values(o).reduce((n: number, v) => n + visibleLength(v), 0);
  }
  return 0;
}

async function main(): Promise<void> {
  mkdirSync(PNG, { recursive: true });
  const all = previews();
  for (const p of all) {
    const json =
      p.surface.kind === "modal" || p.surface.kind === "home" ? p.surface.view : p.surface;
    writeFileSync(join(OUT, `${p.name}.json`), `${JSON.stringify(json, null, 2)}\n`);
  }
  const profile = mkdtempSync(join(tmpdir(), "form4-preview-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  const rows: string[] = [];
  try {
    const page = await context.newPage();
    // Nothing leaves the machine: the pages are self-contained.
    await page.route("**/*", (route) =>
      route.request().url().startsWith("data:") ? route.continue() : route.abort(),
    );
    for (const p of all) {
      const heights: number[] = [];
      for (const [label, width] of Object.entries(WIDTHS)) {
        await page.setViewportSize({ width, height: 600 });
        await page.setContent(surfaceHtml(p.surface, p.name), { waitUntil: "load" });
        const box = await page.locator("#surface").boundingBox();
        heights.push(Math.round(box?.height ?? 0));
        const path = join(PNG, `${p.name}.${label}.png`);
        if (p.surface.kind === "message" || p.surface.kind === "unfurl") {
          await page.locator("#surface").screenshot({ path });
        } else {
          await page.screenshot({ path, fullPage: true });
        }
      }
      const blocks = blocksOf(p);
      rows.push(
        `${p.name.padEnd(34)} ${String(blocks.length).padStart(3)} blocks ${String(visibleLength(blocks)).padStart(6)} chars ${String(heights[0]).padStart(5)} px desktop ${String(heights[1]).padStart(5)} px phone`,
      );
    }
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
  const table = rows.join("\n");
  writeFileSync(join(OUT, "measurements.txt"), `${table}\n`);
  process.stdout.write(`${table}\nJSON in preview/, PNGs in preview/png/\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`preview: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
