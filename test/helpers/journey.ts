import { expect } from "vitest";
import { Browser } from "./server.js";

/** A test's signed-in browsers by name ("mother", "receiver"…); an unknown name throws. */
export type Browsers = (name: string) => Browser;

/** Signs each login in with a browser of its own on `baseUrl`; returns them by the names given. */
export async function signInEach(baseUrl: string, logins: Record<string, string>): Promise<Browsers> {
  const as: Record<string, Browser> = {};
  for (const [name, login] of Object.entries(logins)) {
    as[name] = new Browser(baseUrl);
    await as[name].signIn(login);
  }
  return (name) => {
    const x = as[name];
    if (!x) throw new Error(`no browser ${name}`);
    return x;
  };
}

/**
 * The commune officers' whole path for a submitted dossier: received (receiver), forwarded
 * (specialist), approved and its result issued (leader), returned (receiver); each must answer 200.
 */
export async function decide(b: Browsers, id: string): Promise<void> {
  for (const [who, action] of [
    ["receiver", "receive"],
    ["specialist", "forward"],
    ["leader", "approve"],
    ["leader", "issue_result"],
    ["receiver", "return_result"],
  ] as const) {
    const r = await b(who).send<{ error?: unknown }>("POST", `/api/dossiers/${id}/actions`, { action });
    expect(r.status, `${action}: ${JSON.stringify(r.body.error)}`).toBe(200);
  }
}
