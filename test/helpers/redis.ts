// A real redis-server for tests: REDIS_URL when set (e.g. CI's own), otherwise one started here on a
// free port with no persistence, killed by stop(). redis-server must be installed (apt-get install
// redis-server; .ci/run does).
import { type ChildProcess, spawn } from "node:child_process";
import { createServer, Socket } from "node:net";

export interface TestRedis {
  url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** One PING over a raw socket; true on +PONG. */
async function ping(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = new Socket();
    const finish = (ok: boolean) => {
      socket.destroy();
      done(ok);
    };
    socket.setTimeout(500, () => finish(false));
    socket.once("error", () => finish(false));
    socket.connect(port, "127.0.0.1", () => socket.write("PING\r\n"));
    socket.once("data", (data) => finish(data.toString().startsWith("+PONG")));
  });
}

export async function startRedis(): Promise<TestRedis> {
  const configured = process.env.REDIS_URL?.trim();
  if (configured) return { url: configured, stop: async () => {} };
  const port = await freePort();
  const child: ChildProcess = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let spawnError: Error | null = null;
  child.once("error", (error) => {
    spawnError = error;
  });
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  for (let i = 0; i < 100; i++) {
    if (spawnError) {
      throw new Error(
        `cannot start redis-server (${(spawnError as Error).message}); install it: apt-get install redis-server`,
      );
    }
    if (await ping(port)) {
      return {
        url: `redis://127.0.0.1:${port}`,
        async stop() {
          if (child.exitCode === null) child.kill("SIGTERM");
          await exited;
        },
      };
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill("SIGKILL");
  throw new Error(`redis-server on port ${port} did not answer PING within 5 s`);
}
