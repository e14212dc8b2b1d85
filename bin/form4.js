#!/usr/bin/env node
// The CLI is compiled to dist/ by `npm ci` / `npm install` (the prepare script) and by `npm test`.
import { existsSync } from "node:fs";

const built = new URL("../dist/src/cli.js", import.meta.url);
if (existsSync(built)) {
  await import(built.href);
} else {
  process.stderr.write("form4: not built yet (dist/ is missing); run `npm run build` first.\n");
  process.exitCode = 1;
}
