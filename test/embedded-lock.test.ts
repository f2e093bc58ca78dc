import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli, waitFor } from "./helpers/process.js";
import { freePort } from "./helpers/server.js";

// This is about the embedded database only, so it runs on PGlite whatever engine CI selects.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mot-lan-lock-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe("exclusive lock on the embedded data directory", { timeout: 150_000 }, () => {
  it("a second server on the same directory exits with a clear message; the first keeps working", async () => {
    const port1 = await freePort();
    const first = runCli("start", [], { DATA_DIR: dataDir, PORT: String(port1), DEMO_SEED: "off" });
    try {
      await waitFor(() => first.output().includes("is running"), 60_000, "first server", first.output);
      const port2 = await freePort();
      const second = runCli("start", [], { DATA_DIR: dataDir, PORT: String(port2), DEMO_SEED: "off" });
      const code = await second.exited;
      expect(code).toBe(1);
      expect(second.output()).toContain(`is in use by process ${first.proc.pid}`);
      expect(second.output()).toContain("đang được tiến trình");
      const res = await fetch(`http://127.0.0.1:${port1}/api/units/provinces?q=da%20nang`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { items: Array<{ code: string }> }).items[0]?.code).toBe("48");
    } finally {
      first.proc.kill("SIGTERM");
      await first.exited;
    }
  });

  it("after the owner is killed (SIGKILL) the stale lock is taken over and data is intact", async () => {
    const port = await freePort();
    const victim = runCli("start", [], { DATA_DIR: dataDir, PORT: String(port), DEMO_SEED: "off" });
    await waitFor(() => victim.output().includes("is running"), 60_000, "server", victim.output);
    victim.proc.kill("SIGKILL");
    await victim.exited;
    const port2 = await freePort();
    const next = runCli("start", [], { DATA_DIR: dataDir, PORT: String(port2), DEMO_SEED: "off" });
    try {
      await waitFor(() => next.output().includes("is running"), 60_000, "restarted server", next.output);
      const res = await fetch(`http://127.0.0.1:${port2}/api/units/communes?limit=1`);
      expect(((await res.json()) as { total: number }).total).toBe(3321);
    } finally {
      next.proc.kill("SIGTERM");
      await next.exited;
    }
  });
});
