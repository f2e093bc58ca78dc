import { afterAll, beforeAll, expect } from "vitest";
import { startDeathGroupServer } from "./journey.js";
import type { Browser, TestServer } from "./server.js";

/** A death group's step as the applicant's page lists it (the fields these tests read). */
export type DeathStep = { key: string; state: string; dossierId: string | null };

/**
 * A describe file's death group server (startDeathGroupServer: the grandfather of household HA-1
 * died, his notice waiting; the father and the commune's officers signed in), started before all
 * and closed after all, with the calls the tests make: a browser by name, an officer's action, the
 * group's page as the father sees it, a step of it.
 */
export function deathGroupSuite<S extends DeathStep, G extends { steps: S[] }>() {
  let s: TestServer | undefined;
  const as: Record<string, Browser> = {};
  beforeAll(async () => {
    const started = await startDeathGroupServer();
    s = started.s;
    Object.assign(as, started.as);
  });
  afterAll(async () => s?.close());
  const b = (who: string) => as[who] as Browser;
  return {
    server: () => s as TestServer,
    b,
    act: (who: string, id: string, action: string, reason?: string) =>
      b(who).send<{ status: string }>("POST", `/api/dossiers/${id}/actions`, {
        action,
        ...(reason ? { reason } : {}),
      }),
    view: async (id: string) => (await b("father").send<G>("GET", `/api/linked-applications/${id}`)).body,
    step: (g: G, key: string) => g.steps.find((x) => x.key === key) as S,
  };
}

/**
 * The death group the father files: the deregistration and the funeral allowance, paid to the bank
 * account `account` at `bank`; his and the deceased's relationships are not asked (the registries know).
 */
export const deathGroupFiling = (account = "0123456789", bank = "Ngân hàng thử nghiệm") => ({
  group: "death",
  members: ["deregistration", "funeral"],
  shared: { "declaration.sworn": true },
  values: {
    funeral: {
      "deceased.category": "elderly",
      "payout.method": "bank",
      "payout.accountNumber": account,
      "payout.bank": bank,
    },
  },
});

/** The commune receives, forwards and approves the death registration `death` and issues its result. */
export async function issueDeathResult(b: (who: string) => Browser, death: string): Promise<void> {
  for (const [who, action] of [
    ["receiver", "receive"],
    ["specialist", "forward"],
    ["leader", "approve"],
    ["leader", "issue_result"],
  ] as const)
    expect((await b(who).send("POST", `/api/dossiers/${death}/actions`, { action })).status).toBe(200);
}

/** The registry takes the death in (the hospital's notice GBT-TEST-0001 registered); the later steps start. */
export async function deathTakenIn(s: TestServer): Promise<void> {
  await s.db.query("update death_notices set registered = true where id = 'GBT-TEST-0001'");
  await s.drain();
}

/** The death registration `death` decided, its result issued and taken in by the registry. */
export async function registerDeath(
  b: (who: string) => Browser,
  s: TestServer,
  death: string,
): Promise<void> {
  await issueDeathResult(b, death);
  await deathTakenIn(s);
}

/**
 * The father files the death group (`deathGroupFiling`); the commune registers the death and the
 * registry takes it in; the later steps start. The group's id.
 */
export async function fileDeathGroupRegistered(
  suite: Pick<ReturnType<typeof deathGroupSuite>, "b" | "server"> & {
    view: (id: string) => Promise<{ steps: DeathStep[] }>;
  },
): Promise<string> {
  const { b, view, server } = suite;
  const filed = await b("father").send<{ id: string }>(
    "POST",
    "/api/linked-applications",
    deathGroupFiling(),
  );
  expect(filed.status, JSON.stringify(filed.body)).toBe(201);
  const death = (await view(filed.body.id)).steps.find((x) => x.key === "death")?.dossierId as string;
  await registerDeath(b, server(), death);
  return filed.body.id;
}
