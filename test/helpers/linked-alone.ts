import { afterAll, beforeAll } from "vitest";
import { people } from "./fixtures.js";
import { BIRTH_REGISTRATION_ACTIONS, signedIn } from "./linked.js";
import { type Browser, startTestServer, type TestServer } from "./server.js";
import * as split from "./split-parents.js";

/** A step of the group page (GET /api/linked-applications/:id) as the "Nộp riêng" suites read it. */
export type AloneStep = {
  key: string;
  state: string;
  dossierId: string | null;
  procedureVi: string;
  procedureEn: string;
  mayFileAlone: boolean;
  words: { vi: string };
  alone: { dossierId: string; status: string; resultNumber: string | null } | null;
};

/**
 * A server for the "Nộp riêng" suites (delivery by hand): the fixtures' mother, the split parents'
 * mother and the officers who register a birth at Hải Vân, signed in. `view` reads a group page as
 * `who`, `act` is an officer's action, `fileAlone` taps "Nộp riêng" on a step, `drain` delivers what is due.
 */
export function aloneSuite<G extends { steps: Array<{ key: string }> }, E>() {
  let s: TestServer;
  const sessions = new Map<string, Browser>();
  beforeAll(async () => {
    s = await startTestServer({}, { delivery: "manual" });
    await split.addSplitParents(s.db);
    const logins = [
      people.mother.pn,
      split.splitMother.pn,
      ...BIRTH_REGISTRATION_ACTIONS.map(([who]) => who),
    ];
    for (const login of new Set(logins)) sessions.set(login, await signedIn(s, login));
  }, 120_000);
  afterAll(async () => s?.close());
  const b = (who: string) => sessions.get(who) as Browser;
  return {
    server: () => s,
    b,
    view: async (who: string, id: string) =>
      (await b(who).send<G>("GET", `/api/linked-applications/${id}`)).body,
    step: (g: G, key: string) => g.steps.find((x) => x.key === key) as G["steps"][number],
    fileAlone: (who: string, id: string, key: string) =>
      b(who).send<E & { id: string }>("POST", `/api/linked-applications/${id}/steps/${key}/alone`),
    /** Officer `who` takes `action` on a dossier (with its reason: a refusal). */
    act: (who: string, dossier: string, action: string, reason?: string) =>
      b(who).send<{ status: string }>("POST", `/api/dossiers/${dossier}/actions`, {
        action,
        ...(reason ? { reason } : {}),
      }),
    drain: async () => {
      for (let i = 0; i < 4; i++) await s.drain();
    },
  };
}
