import { expect } from "vitest";
import { A, addDeceased, people } from "./fixtures.js";
import { Browser, clockFrom, startTestServer, type TestServer } from "./server.js";

/** A test's signed-in browsers by name ("mother", "receiver"…); an unknown name throws. */
export type Browsers = (name: string) => Browser;

/** The fixture family's citizens by the names the tests give their browsers (`signedIn`). */
export const FAMILY = { mother: people.mother.pn, father: people.father.pn, worker: people.worker.pn };

/** Signs each login in with a browser of its own on `baseUrl`: the browsers by the names given. */
export async function signedIn(
  baseUrl: string,
  logins: Record<string, string>,
): Promise<Record<string, Browser>> {
  const as: Record<string, Browser> = {};
  for (const [name, login] of Object.entries(logins)) {
    as[name] = new Browser(baseUrl);
    await as[name].signIn(login);
  }
  return as;
}

/** Signs each login in with a browser of its own on `baseUrl`; returns them by the names given. */
export async function signInEach(baseUrl: string, logins: Record<string, string>): Promise<Browsers> {
  const as = await signedIn(baseUrl, logins);
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

/** The grandfather of household HA-1, who died on 2026-11-04; the hospital sent his death notice. */
export const GRANDFATHER = { pn: "048040000104", name: "Nguyễn Văn Cường", birth: "1940-02-10" };

/**
 * The death group's server: the morning after the grandfather's death (2026-11-05 09:00 in
 * Vietnam), outbox delivered by `drain()` only, his notice GBT-TEST-0001 waiting; the father and the
 * commune's receiver, specialist and leader signed in.
 */
export async function startDeathGroupServer(
  env: Record<string, string> = {},
): Promise<{ s: TestServer; as: Record<string, Browser> }> {
  const s = await startTestServer(env, {
    now: clockFrom(new Date("2026-11-05T09:00:00+07:00")),
    delivery: "manual",
  });
  await addDeceased(s.db, GRANDFATHER, { household: "HA-1", notice: "GBT-TEST-0001", commune: A.commune });
  const as = await signedIn(s.baseUrl, {
    father: people.father.pn,
    receiver: "motcua.20194",
    specialist: "chuyenvien.20194",
    leader: "lanhdao.20194",
  });
  return { s, as };
}
