import path from "node:path";
import { readKeyFile } from "../../src/lib/secrets.js";
import { DEMO_MACHINE_CLIENT } from "../../src/modules/identity/index.js";
import { people, registerApiClient } from "./fixtures.js";
import { Browser, machineToken, type TestServer } from "./server.js";

/**
 * Every kind of caller the platform knows, for the dossier filed in commune A (Hải Vân, 20194)
 * for `owner` by the postal agent `agentFiler` (a temporary residence registration: the police's). B is Liên Chiểu (20197), same province (48).
 */
export const ROLES = [
  "owner",
  "otherCitizen",
  "receiverA",
  "specialistA",
  "approverA",
  "policeA",
  "civilStatusA",
  "receiverB",
  "specialistB",
  "approverB",
  "provinceLeader",
  "national",
  "admin",
  "agentFiler",
  "agentOther",
  "machine",
  "anonymous",
] as const;
export type Role = (typeof ROLES)[number];

/** Who signs in for each role (the machine client acts as the province's agency officer). */
export const LOGINS = {
  owner: people.worker.pn,
  otherCitizen: people.father.pn,
  receiverA: "motcua.20194",
  specialistA: "chuyenvien.20194",
  approverA: "lanhdao.20194",
  // Officers of an agency (src/domain/agencies.ts): the dossier is the police's, not civil status's.
  policeA: "congan.20194",
  civilStatusA: "hotich.20194",
  receiverB: "motcua.20197",
  specialistB: "chuyenvien.20197",
  approverB: "lanhdao.20197",
  provinceLeader: "lanhdao.tinh.48",
  national: "quocgia",
  admin: "admin",
  agentFiler: "buudien.20194",
  agentOther: "buudien.20197",
} as const satisfies Partial<Record<Role, string>>;
export const MACHINE_ACTS_AS = "chuyennganh.tinh.48";

/** How each role appears in an access log: actor kind and id. */
export function actorOfRole(role: Role): { kind: string; id: string } {
  if (role === "machine") return { kind: "machine", id: DEMO_MACHINE_CLIENT };
  if (role === "anonymous") return { kind: "anonymous", id: "" };
  const login = LOGINS[role];
  return /^\d{12}$/.test(login) ? { kind: "citizen", id: login } : { kind: "officer", id: login };
}

export type Body = { json: unknown } | { pdf: Buffer };
export type Reply = { status: number; text: string };
export type Client = (method: string, path: string, body?: Body) => Promise<Reply>;

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function init(method: string, body: Body | undefined, headers: Record<string, string>): RequestInit {
  if (!body) return { method, headers };
  if ("pdf" in body)
    return {
      method,
      headers: { ...headers, "content-type": "application/pdf" },
      body: new Uint8Array(body.pdf),
    };
  return {
    method,
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify(body.json),
  };
}

const reply = async (res: Response): Promise<Reply> => ({ status: res.status, text: await res.text() });

/** A signed-in browser (cookie session, CSRF token on writes). */
async function browserClient(baseUrl: string, login: string): Promise<Client> {
  const browser = new Browser(baseUrl);
  await browser.signIn(login);
  const csrf = await browser.csrf();
  return async (method, p, body) =>
    reply(await browser.fetch(p, init(method, body, UNSAFE.has(method) ? { "x-csrf-token": csrf } : {})));
}

/** One client per role, signed in through the real OIDC flow (the machine: client credentials). */
export async function signInAll(s: TestServer): Promise<Record<Role, Client>> {
  const secret = readKeyFile(path.join(s.tdb.dataDir, "keys.json")).demoMachineSecret ?? "";
  await registerApiClient(s.db, DEMO_MACHINE_CLIENT, secret, MACHINE_ACTS_AS);
  const token = await machineToken(s.baseUrl, DEMO_MACHINE_CLIENT, secret);
  const clients: Partial<Record<Role, Client>> = {
    machine: async (method, p, body) =>
      reply(
        await fetch(`${s.baseUrl}${p}`, {
          ...init(method, body, { authorization: `Bearer ${token}` }),
          redirect: "manual",
        }),
      ),
    anonymous: async (method, p, body) =>
      reply(await fetch(`${s.baseUrl}${p}`, { ...init(method, body, {}), redirect: "manual" })),
  };
  for (const [role, login] of Object.entries(LOGINS))
    clients[role as Role] = await browserClient(s.baseUrl, login);
  return clients as Record<Role, Client>;
}
