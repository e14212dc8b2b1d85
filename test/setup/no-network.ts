// Tests never touch the internet: every TCP connection a test process opens must go to the
// loopback (the stand-ins, the test Redis). Anything else fails at once, before a packet leaves,
// so a stray live URL is a failing test rather than a silent request to sec.gov or slack.com.
import net from "node:net";

export class NetworkInTestError extends Error {
  override readonly name = "NetworkInTestError";
}

const LOOPBACK = /^(?:127(?:\.\d{1,3}){3}|::1|::ffff:127(?:\.\d{1,3}){3}|localhost)$/i;

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.test(host.replace(/^\[|\]$/g, ""));
}

/** The host a Socket#connect call names, or null for a local IPC path. */
export function connectTarget(args: readonly unknown[]): string | null {
  // Node calls socket.connect([options, callback]) internally, people call it with options or a port.
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (typeof first === "number" || (typeof first === "string" && /^\d+$/.test(first))) {
    return typeof args[1] === "string" ? args[1] : "localhost";
  }
  if (typeof first === "string") return null; // an IPC path
  if (typeof first === "object" && first !== null) {
    const options = first as { path?: string; host?: string };
    if (options.path) return null;
    return options.host ?? "localhost";
  }
  return "localhost";
}

const originalConnect = net.Socket.prototype.connect;

export const guardedConnect = function (this: net.Socket, ...args: unknown[]) {
  const host = connectTarget(args);
  if (host !== null && !isLoopbackHost(host)) {
    throw new NetworkInTestError(`tests may only connect to 127.0.0.1, not to ${host}`);
  }
  return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;

net.Socket.prototype.connect = guardedConnect;
