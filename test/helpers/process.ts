import { type ChildProcess, spawn } from "node:child_process";

export type Child = { proc: ChildProcess; output(): string; exited: Promise<number | null> };

/** Runs one of our CLIs (`src/cli/<name>.ts`) as a separate Node process with its own environment. */
export function runCli(name: string, args: string[], env: Record<string, string | undefined>): Child {
  const proc = spawn(process.execPath, ["--import", "tsx", `src/cli/${name}.ts`, ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  proc.stdout?.on("data", (d) => {
    out += d;
  });
  proc.stderr?.on("data", (d) => {
    out += d;
  });
  const exited = new Promise<number | null>((resolve) => proc.on("exit", (code) => resolve(code)));
  return { proc, output: () => out, exited };
}

export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
  output?: () => string,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}${output ? `:\n${output().slice(-2000)}` : ""}`);
}
