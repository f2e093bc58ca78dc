import { type ChildProcess, spawn } from "node:child_process";

export type Child = { proc: ChildProcess; output(): string; exited: Promise<number | null> };

/** Runs one of our CLIs (`src/cli/<name>.ts`) as a separate Node process with its own environment. */
export function runCli(name: string, args: string[], env: Record<string, string | undefined>): Child {
  return runScript(`src/cli/${name}.ts`, args, { HOME: process.env.HOME, LOG_LEVEL: "warn", ...env });
}

/** Runs a TypeScript file as a separate Node process with PATH and `env` alone, its output collected. */
export function runScript(file: string, args: string[], env: Record<string, string | undefined>): Child {
  const proc = spawn(process.execPath, ["--import", "tsx", file, ...args], {
    env: { PATH: process.env.PATH, ...env },
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

/**
 * Starts test/helpers/external-agency.ts (an agency run outside the platform, on 127.0.0.1) with
 * `env` (AGENCY_ID, AGENCY_KEY, OTHER_KEY, TRUSTED) and waits until it listens; `url` is its base.
 */
export async function startExternalAgency(env: Record<string, string>): Promise<Child & { url: string }> {
  const child = runScript("test/helpers/external-agency.ts", [], env);
  await waitFor(
    () => /LISTENING \d+/.test(child.output()),
    30_000,
    "the external agency to listen",
    child.output,
  );
  return { ...child, url: `http://127.0.0.1:${/LISTENING (\d+)/.exec(child.output())?.[1]}` };
}
