// `npm start` runs the built bot; a missing or outdated build is said, with the fix, not rebuilt.
import { execFile } from "node:child_process";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** A folder laid out like the checkout: bin/start.js, src/, and (optionally) a stand-in dist/. */
function checkout(withBuild: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), "form4-start-"));
  mkdirSync(join(dir, "bin"));
  copyFileSync(join(ROOT, "bin/start.js"), join(dir, "bin/start.js"));
  mkdirSync(join(dir, "src/slack"), { recursive: true });
  writeFileSync(join(dir, "src/slack/app.ts"), "export {};\n");
  if (withBuild) {
    mkdirSync(join(dir, "dist/src"), { recursive: true });
    // Stands in for the built bot: says it ran.
    writeFileSync(
      join(dir, "dist/src/main.js"),
      'export async function runFromCommandLine() { process.stdout.write("bot ran\\n"); }\n',
    );
  }
  return dir;
}

function start(dir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(dir, "bin/start.js")], { cwd: dir }, (error, stdout, stderr) =>
      resolve({
        code: error ? Number((error as { code?: number }).code ?? -1) : 0,
        stdout,
        stderr,
      }),
    );
  });
}

describe("bin/start.js (npm start)", () => {
  it("package.json's start runs it, with no prestart compiling", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.start).toBe("node bin/start.js");
    expect(pkg.scripts.prestart).toBeUndefined();
    expect(pkg.scripts.prepare).toMatch(/tsc/);
  });

  it("runs the build when it is newer than src/", async () => {
    const dir = checkout(true);
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(dir, "src/slack/app.ts"), old, old);
    expect(await start(dir)).toEqual({ code: 0, stdout: "bot ran\n", stderr: "" });
  });

  it("says the build is missing, and how to make it", async () => {
    const run = await start(checkout(false));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/not built.*npm run build/);
  });

  it("warns when src/ changed after the build, and still runs the build", async () => {
    const dir = checkout(true);
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(dir, "dist/src/main.js"), old, old);
    const run = await start(dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("bot ran\n");
    expect(run.stderr).toMatch(/src\/ changed after the last build.*npm run build/);
  });
});
