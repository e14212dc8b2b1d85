#!/usr/bin/env node
// The CLI is compiled to dist/ by `npm ci` / `npm install` (the prepare script) and by `npm test`.
import "../dist/src/cli.js";
