#!/usr/bin/env node
// `npm start`: runs the bot as built in dist/ (compiled once, by `npm ci` / `npm run build`), so a
// start or a crash-restart costs no compiling. A missing or outdated build is said, with the fix,
// instead of being rebuilt behind the person's back.
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const built = join(root, "dist", "src", "main.js");

/** The newest modification time of the .ts files under `dir` (0 when there are none). */
function newestSource(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

if (!existsSync(built)) {
  process.stderr.write(
    "form4: the bot is not built (dist/src/main.js is missing). Run `npm run build` (or `npm ci`), then `npm start`.\n",
  );
  process.exit(1);
}
if (newestSource(join(root, "src")) > statSync(built).mtimeMs) {
  // Still started: the build works, it is only older than the code beside it.
  process.stderr.write(
    "form4: warning: src/ changed after the last build, so this runs the older build in dist/. Run `npm run build` to include the changes.\n",
  );
}
const { runFromCommandLine } = await import(built);
await runFromCommandLine();
