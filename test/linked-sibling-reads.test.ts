import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import { A, addDeceased, deathGroupApplication, people } from "./helpers/fixtures.js";
import { Browser, clockFrom, startTestServer, type TestServer } from "./helpers/server.js";

/**
 * A linked group's sibling steps are read-only context for another agency's officer (issue 12
 * point 7, src/domain/agencies.ts): of the death group filed with all four procedures, the
 * province social-security officer (survivor benefit) cannot open the death registration's dossier
 * (its form, the deceased's and the declarant's data), and the commune civil-status officer
 * cannot open the funeral allowance's (its bank account): 403 OTHER_AGENCY in both languages,
 * no access-log row. Both still see, in their own step's group context, the sibling's agency,
 * status, clock and result number. The officers not attached to an agency (the one-stop desk, the
 * commune's leader) read every step of their commune as before, each read logged.
 */
type ErrorBody = { error?: { code: string; messageVi: string; messageEn: string } };
type Step = { key: string; state: string; dossierId: string | null };
type Group = { steps: Step[] };
type Context = {
  steps: Array<{
    key: string;
    agency: string | null;
    state: string;
    status: string | null;
    code: string | null;
    dueAt: string | null;
    resultNumber: string | null;
    current: boolean;
  }>;
};

const deceased = { pn: "048040000104", name: "Nguyễn Văn Cường", birth: "1940-02-10" };
const account = "0123456789";
let s: TestServer;
const as: Record<string, Browser> = {};
const b = (who: string) => as[who] as Browser;
const logins = [
  people.father.pn,
  "motcua.20194",
  "hotich.20194",
  "xahoi.20194",
  "lanhdao.20194",
  "bhxh.tinh.48",
];

beforeAll(async () => {
  s = await startTestServer(
    {},
    { now: clockFrom(new Date("2026-11-05T09:00:00+07:00")), delivery: "manual" },
  );
  await addDeceased(s.db, deceased, { household: "HA-1", notice: "GBT-TEST-0001", commune: A.commune });
  for (const login of logins) {
    as[login] = new Browser(s.baseUrl);
    await as[login].signIn(login);
  }
}, 120_000);
afterAll(async () => s?.close());

const act = (who: string, id: string, action: string) =>
  b(who).send<{ status: string } & ErrorBody>("POST", `/api/dossiers/${id}/actions`, { action });
const read = (who: string, path: string) => b(who).send<ErrorBody & Record<string, unknown>>("GET", path);
const logged = async (actor: string, id: string) =>
  (
    await s.db.query<{ resource: string }>(
      "select resource from access_log where actor_id = $1 and resource like $2 order by resource",
      [actor, `dossier:${id}%`],
    )
  ).rows.map((r) => r.resource);
async function drainAll() {
  for (let i = 0; i < 6; i++) await s.drain();
}

describe(`another agency's officer sees a sibling step's status, not its dossier (${engine})`, () => {
  const ids: Record<string, string> = {};
  it("the death group with all four steps: death registered, the funeral allowance paid to the bank account", async () => {
    const app = deathGroupApplication(account);
    const filed = await b(people.father.pn).send<{ id: string }>("POST", "/api/linked-applications", {
      ...app,
      members: ["deregistration", "funeral", "survivor"],
      values: {
        ...app.values,
        survivor: {
          "benefit.kind": "one_time",
          "payout.method": "bank",
          "payout.accountNumber": account,
          "payout.bank": "Ngân hàng thử nghiệm",
        },
      },
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const group = async () =>
      (await b(people.father.pn).send<Group>("GET", `/api/linked-applications/${filed.body.id}`)).body;
    const death = (await group()).steps.find((x) => x.key === "death")?.dossierId as string;
    expect((await act("motcua.20194", death, "receive")).status).toBe(200);
    for (const action of ["forward", "approve", "issue_result"])
      expect((await act("hotich.20194", death, action)).status).toBe(200);
    await drainAll();
    for (const x of (await group()).steps) ids[x.key] = x.dossierId as string;
    expect(Object.keys(ids).sort()).toEqual(["death", "deregistration", "funeral", "survivor"]);
    for (const action of ["forward", "approve", "issue_result"])
      expect((await act("xahoi.20194", ids.funeral as string, action)).status).toBe(200);
    await drainAll();
    const paid = await read("xahoi.20194", `/api/dossiers/${ids.funeral}/disbursement`);
    expect([paid.status, paid.body.state]).toEqual([200, "paid"]);
  });

  it("the social-security officer cannot read the death registration's dossier; sees its status in the group", async () => {
    const death = ids.death as string;
    for (const path of [`/api/dossiers/${death}`, `/api/dossiers/${death}/notifications`]) {
      const r = await read("bhxh.tinh.48", path);
      expect([path, r.status, r.body.error?.code]).toEqual([path, 403, "OTHER_AGENCY"]);
      expect(r.body.error?.messageVi).toContain("cơ quan khác");
      expect(r.body.error?.messageEn).toContain("another agency");
      expect(JSON.stringify(r.body)).not.toContain(deceased.name);
    }
    expect(await logged("bhxh.tinh.48", death)).toEqual([]);
    // Its own step opens, and its group context names the death step's agency, status and result.
    expect((await read("bhxh.tinh.48", `/api/dossiers/${ids.survivor}`)).status).toBe(200);
    const ctx = await b("bhxh.tinh.48").send<Context>("GET", `/api/dossiers/${ids.survivor}/linked-group`);
    expect(ctx.status).toBe(200);
    const step = ctx.body.steps.find((x) => x.key === "death");
    expect(step).toMatchObject({ agency: "ubnd", state: "done", status: "result_issued", current: false });
    expect(step?.resultNumber).toMatch(/\S/);
    expect(step?.code).toMatch(/^UB\./);
    expect(JSON.stringify(ctx.body)).not.toContain(deceased.name);
  });

  it("the civil-status officer cannot see the funeral allowance's bank account; sees its status in the group", async () => {
    const funeral = ids.funeral as string;
    for (const path of [
      `/api/dossiers/${funeral}`,
      `/api/dossiers/${funeral}/disbursement`,
      `/api/dossiers/${funeral}/result`,
    ]) {
      const r = await read("hotich.20194", path);
      expect([path, r.status, r.body.error?.code]).toEqual([path, 403, "OTHER_AGENCY"]);
      expect(JSON.stringify(r.body)).not.toContain(account.slice(-4));
    }
    expect(await logged("hotich.20194", funeral)).toEqual([]);
    const ctx = await b("hotich.20194").send<Context>("GET", `/api/dossiers/${ids.death}/linked-group`);
    expect(ctx.status).toBe(200);
    const step = ctx.body.steps.find((x) => x.key === "funeral");
    expect(step).toMatchObject({ agency: "van-hoa-xa-hoi", state: "done", status: "result_issued" });
    expect(step?.resultNumber).toMatch(/\S/);
    expect(JSON.stringify(ctx.body)).not.toContain(account);
    // The death registration is the civil-status officer's own: read in full, and logged as before.
    expect((await read("hotich.20194", `/api/dossiers/${ids.death}`)).status).toBe(200);
    expect(await logged("hotich.20194", ids.death as string)).toContain(`dossier:${ids.death}`);
  });

  it("the one-stop desk and the commune's leader (no agency) still read every step in full, logged", async () => {
    for (const who of ["motcua.20194", "lanhdao.20194"]) {
      const r = await read(who, `/api/dossiers/${ids.funeral}`);
      expect([who, r.status]).toEqual([who, 200]);
      expect(JSON.stringify(r.body)).toContain(account);
      expect(await logged(who, ids.funeral as string)).toContain(`dossier:${ids.funeral}`);
      const d = await read(who, `/api/dossiers/${ids.funeral}/disbursement`);
      expect([who, d.status]).toEqual([who, 200]);
    }
  });
});
