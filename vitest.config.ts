import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Every test file runs with outbound connections limited to the loopback.
    setupFiles: ["test/setup/no-network.ts"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Tests start real HTTP servers on 127.0.0.1; keep parallelism modest on 2 cores.
    maxWorkers: 2,
  },
});
