import net from "node:net";
import { describe, expect, it } from "vitest";
import { connectTarget, guardedConnect, isLoopbackHost } from "./no-network.js";

// The guard is checked without attempting any outside connection: nothing may leave this machine.
describe("the no-network guard every test file runs under", () => {
  it("is installed on every socket", () => {
    expect(net.Socket.prototype.connect).toBe(guardedConnect);
  });

  it("lets the loopback through and nothing else", () => {
    for (const host of ["127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]"]) {
      expect(isLoopbackHost(host)).toBe(true);
    }
    for (const host of ["www.sec.gov", "data.sec.gov", "slack.com", "10.0.0.1", "192.168.1.1"]) {
      expect(isLoopbackHost(host)).toBe(false);
    }
  });

  it("reads the host from every way Socket#connect is called", () => {
    expect(connectTarget([{ host: "www.sec.gov", port: 443 }])).toBe("www.sec.gov");
    expect(connectTarget([[{ host: "data.sec.gov", port: 443 }, () => {}]])).toBe("data.sec.gov");
    expect(connectTarget([443, "slack.com"])).toBe("slack.com");
    expect(connectTarget([6379])).toBe("localhost");
    expect(connectTarget([{ port: 80 }])).toBe("localhost");
    expect(connectTarget(["/tmp/redis.sock"])).toBeNull();
    expect(connectTarget([{ path: "/tmp/redis.sock" }])).toBeNull();
  });
});
