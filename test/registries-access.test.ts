import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import { people } from "./helpers/fixtures.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

let s: TestServer;
const as: Record<string, Browser> = {};
beforeAll(async () => {
  s = await startTestServer();
  for (const login of ["motcua.20194", "chuyennganh.tinh.48", "quocgia", "buudien.20194"]) {
    as[login] = new Browser(s.baseUrl);
    await as[login].signIn(login);
  }
  as.father = new Browser(s.baseUrl);
  await as.father.signIn(people.father.pn);
  as.neighbour = new Browser(s.baseUrl);
  await as.neighbour.signIn(people.neighbour.pn);
});
afterAll(async () => s?.close());

const READ = "purpose=dossier-processing";

async function json(res: Response) {
  return (await res.json()) as Record<string, unknown> & {
    error?: { code: string; messageVi: string; messageEn: string };
  };
}

async function deniedCount(): Promise<number> {
  const { rows } = await s.db.query<{ n: number }>(
    "select count(*)::int as n from audit_log where outcome = 'denied'",
  );
  return rows[0]?.n ?? 0;
}

describe(`jurisdiction over personal data (${engine})`, () => {
  it.each([
    ["commune A officer reads a resident of A", "motcua.20194", people.father.pn, 200],
    ["commune A officer reads a temporary resident of A", "motcua.20194", people.worker.pn, 200],
    ["commune A officer cannot read a resident of B", "motcua.20194", people.neighbour.pn, 404],
    ["commune A officer cannot read a resident of Hà Nội", "motcua.20194", people.capital.pn, 404],
    ["province officer reads any resident of the province", "chuyennganh.tinh.48", people.neighbour.pn, 200],
    ["province officer cannot read another province", "chuyennganh.tinh.48", people.capital.pn, 404],
    ["a national KPI viewer may not browse personal data", "quocgia", people.father.pn, 403],
    ["a postal agent may not browse personal data", "buudien.20194", people.father.pn, 403],
  ])("%s → %i", async (_name, login, pn, status) => {
    const before = await deniedCount();
    const res = await as[login]?.fetch(`/api/persons/${pn}?${READ}`);
    expect(res?.status).toBe(status);
    if (status === 200) expect((await json(res as Response)).personalNumber).toBe(pn);
    else {
      const body = await json(res as Response);
      expect(body.error?.code).toBe(status === 404 ? "NOT_FOUND" : "FORBIDDEN");
      expect(body.error?.messageVi).toBeTruthy();
      expect(body.error?.messageEn).toBeTruthy();
      expect(await deniedCount()).toBe(before + 1); // the denied attempt is logged
    }
  });

  it("a citizen cannot use the officer API, even for themselves", async () => {
    const res = await as.father?.fetch(`/api/persons/${people.father.pn}?${READ}`);
    expect(res?.status).toBe(403);
  });

  it("households: officer of A reads A's household, not B's", async () => {
    const ok = await as["motcua.20194"]?.fetch(`/api/households/HA-1?${READ}`);
    expect(ok?.status).toBe(200);
    const hh = (await json(ok as Response)) as {
      members: Array<{ personalNumber: string }>;
      headNumber: string;
    };
    expect(hh.headNumber).toBe(people.father.pn);
    expect(hh.members.map((m) => m.personalNumber).sort()).toEqual(
      [people.father.pn, people.mother.pn, people.child.pn].sort(),
    );
    const no = await as["motcua.20194"]?.fetch(`/api/households/HB-1?${READ}`);
    expect(no?.status).toBe(404);
  });

  it("records (civil status, insurance) follow the same rule", async () => {
    const ok = await as["motcua.20194"]?.fetch(`/api/persons/${people.child.pn}/records?${READ}`);
    const body = (await json(ok as Response)) as {
      civilStatus: unknown[];
      healthInsurance: Array<{ cardNumber: string }>;
    };
    expect(body.civilStatus).toHaveLength(1);
    expect(body.healthInsurance[0]?.cardNumber).toBe("HS4480000000103");
    const no = await as["motcua.20194"]?.fetch(`/api/persons/${people.neighbour.pn}/records?${READ}`);
    expect(no?.status).toBe(404);
  });

  it("officer search is confined to the jurisdiction", async () => {
    const res = await as["motcua.20194"]?.fetch(`/api/persons?${READ}&limit=50`);
    const body = (await json(res as Response)) as { items: Array<{ personalNumber: string }>; total: number };
    expect(body.items.map((p) => p.personalNumber).sort()).toEqual(
      [people.father.pn, people.mother.pn, people.child.pn, people.worker.pn].sort(),
    );
    const other = await as["motcua.20194"]?.fetch(`/api/persons?${READ}&commune=20197`);
    expect(other?.status).toBe(404);
  });
});

describe(`a citizen's own data and access list (${engine})`, () => {
  it("a citizen sees themselves and their household, nobody else's", async () => {
    const res = await as.father?.fetch("/api/me/data");
    const body = (await json(res as Response)) as {
      person: { personalNumber: string };
      household: { members: unknown[] };
      records: unknown;
    };
    expect(body.person.personalNumber).toBe(people.father.pn);
    expect(body.household.members).toHaveLength(3);
    const neighbour = (await json((await as.neighbour?.fetch("/api/me/data")) as Response)) as {
      household: { members: Array<{ personalNumber: string }> };
    };
    expect(neighbour.household.members.map((m) => m.personalNumber)).toEqual([people.neighbour.pn]);
  });

  it("every officer read appears in the citizen's access list with actor, purpose and fields", async () => {
    await as["motcua.20194"]?.fetch(`/api/persons/${people.mother.pn}?purpose=registry-verification`);
    const mother = new Browser(s.baseUrl);
    await mother.signIn(people.mother.pn);
    const log = (await json((await mother.fetch("/api/me/access-log")) as Response)) as {
      items: Array<{
        actorId: string;
        actorRole: string;
        purpose: string;
        fields: string[];
        legalBasis: string;
      }>;
    };
    const entry = log.items.find(
      (e) => e.actorId === "motcua.20194" && e.purpose === "registry-verification",
    );
    expect(entry).toBeDefined();
    expect(entry?.actorRole).toBe("receiver");
    expect(entry?.fields).toContain("fullName");
    expect(entry?.legalBasis).toMatch(/Luật/);
    // The household read by the officer above is there too, and the father's own views of the household.
    expect(log.items.some((e) => e.actorId === "motcua.20194" && e.purpose === "dossier-processing")).toBe(
      true,
    );
    expect(log.items.some((e) => e.actorId === people.father.pn && e.purpose === "household-view")).toBe(
      true,
    );
  });

  it("repeated reads are one line of the access list, with how many and the first and last time", async () => {
    const path = `/api/persons/${people.neighbour.pn}/records?purpose=registry-verification`;
    for (let i = 0; i < 3; i++) expect((await as["chuyennganh.tinh.48"]?.fetch(path))?.status).toBe(200);
    const log = (await json((await as.neighbour?.fetch("/api/me/access-log")) as Response)) as {
      items: Array<{ actorId: string; resource: string; count: number; at: string; firstAt: string }>;
      total: number;
    };
    const lines = log.items.filter(
      (e) => e.actorId === "chuyennganh.tinh.48" && e.resource === `person:${people.neighbour.pn}/records`,
    );
    expect(lines.map((e) => e.count)).toEqual([3]);
    expect(Date.parse(lines[0]?.firstAt ?? "")).toBeLessThanOrEqual(Date.parse(lines[0]?.at ?? ""));
    expect(log.total).toBe(log.items.length);
  });

  it("the access list is the citizen's own: officers cannot call it", async () => {
    const res = await as["motcua.20194"]?.fetch("/api/me/access-log");
    expect(res?.status).toBe(403);
  });
});
