import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../src/db/client.js";
import { AppError } from "../src/kernel/errors.js";
import {
  createDraft,
  getPublished,
  getVersion,
  listPublished,
  listVersions,
  loadStarterCatalogue,
  type ProcedureVersion,
  publish,
  STARTER_CATALOGUE,
  STARTER_VERSIONS,
} from "../src/modules/catalog/index.js";
import { createReadyDatabase, engine, type TestDatabase } from "./helpers/db.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

const TEMP = "LOCAL.DK-TAM-TRU";
type Json = Record<string, unknown>;

/** A deep copy of a starter definition as plain JSON, to break or change. */
function starter(code: string): Json & { form: Json[]; components: Json[] } {
  const d = STARTER_CATALOGUE.find((s) => s.code === code);
  if (!d) throw new Error(`no starter ${code}`);
  return JSON.parse(JSON.stringify(d));
}

/** Missing name, duplicate field key, condition on an unknown field, upload without a size limit. */
function brokenDefinition() {
  const d = starter(TEMP);
  delete d.nameVi;
  d.form.push({ ...d.form[0] });
  const duplicate = d.form.length - 1;
  d.form.push({
    key: "stay.note",
    labelVi: "Ghi chú",
    labelEn: "Note",
    type: "text",
    visibleWhen: { field: "stay.kind", equals: "rent" },
  });
  const conditioned = d.form.length - 1;
  const { maxBytes: _dropped, ...upload } = d.components[0] ?? {};
  d.components[0] = upload;
  return {
    definition: d,
    expected: ["nameVi", `form.${duplicate}.key`, `form.${conditioned}.visibleWhen`, "components.0"],
  };
}

/** A valid next version of temporary residence registration: new summary, new fee. */
function nextTemporaryResidence(): Json {
  const d = starter(TEMP);
  d.summaryEn = "Register a temporary residence (version 2: the fee is now 8,000 VND).";
  d.fee = { ...(d.fee as Json), amount: 8_000 };
  return d;
}

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

async function countVersions(db: Db): Promise<number> {
  const { rows } = await db.query<{ n: number }>("select count(*)::int as n from procedure_versions");
  return rows[0]?.n ?? 0;
}

describe(`catalogue service (${engine})`, () => {
  let tdb: TestDatabase;
  let db: Db;
  const actor = { id: "admin" };
  beforeAll(async () => {
    ({ tdb, db } = await createReadyDatabase());
  });
  afterAll(async () => {
    await db?.close();
    await tdb?.dispose();
  });

  it("loads the starter catalogue once, each as its starter version (1 unless revised)", async () => {
    await loadStarterCatalogue(db); // the test database may have it already: loading is idempotent
    expect(await loadStarterCatalogue(db)).toEqual([]);
    const { rows } = await db.query<{ code: string; version: number }>(
      "select code, version from procedure_versions where status = 'published' order by code",
    );
    expect(rows).toEqual(
      STARTER_CATALOGUE.map((p) => ({ code: p.code, version: STARTER_VERSIONS[p.code] ?? 1 })).sort((a, b) =>
        a.code < b.code ? -1 : 1,
      ),
    );
    expect(STARTER_VERSIONS["LOCAL.XAC-NHAN-TTHN"]).toBe(3);
    const birth = await getPublished(db, "1.001193");
    expect(birth).toMatchObject({
      version: 1,
      status: "published",
      definition: { nameVi: "Đăng ký khai sinh" },
    });
    expect(birth.publishedAt).toBeInstanceOf(Date);
    // The death group's limits are unconfirmed (DOMAIN.md): version 2 of the funeral allowance and
    // the survivor benefit marks them so; the birth group's procedures keep limits the law gives.
    for (const code of ["LOCAL.MAI-TANG-PHI", "LOCAL.TRO-CAP-TUAT"]) {
      const p = await getPublished(db, code);
      expect([p.version, p.definition.timeLimit.confirmed]).toEqual([STARTER_VERSIONS[code], false]);
    }
    expect((await getPublished(db, "1.001193")).definition.timeLimit.confirmed).toBeUndefined();
  });

  it("a database holding an older starter version publishes the revised one on start and retires the old", async () => {
    // As an installation from before a revision: version 1 of a starter, then the revised starter.
    const base = STARTER_CATALOGUE.find((p) => p.code === "LOCAL.XAC-NHAN-TTHN");
    const code = "LOCAL.TEST-REVISED";
    const v1 = { ...base, code, eligibility: undefined } as (typeof STARTER_CATALOGUE)[number];
    const v2 = { ...base, code } as (typeof STARTER_CATALOGUE)[number];
    const own = await createReadyDatabase(); // its own: the counts of the catalogue stay the starter's
    const db = own.db;
    try {
      expect(await loadStarterCatalogue(db, [v1], {})).toEqual([code]);
      expect(await loadStarterCatalogue(db, [v2], {})).toEqual([]); // version 1 is there: nothing to do
      expect(await loadStarterCatalogue(db, [v2], { [code]: 2 })).toEqual([code]);
      const { rows } = await db.query<{ version: number; status: string }>(
        "select version, status from procedure_versions where code = $1 order by version",
        [code],
      );
      expect(rows).toEqual([
        { version: 1, status: "retired" },
        { version: 2, status: "published" },
      ]);
      expect((await getPublished(db, code)).definition.eligibility).toEqual([
        { person: "applicant", maritalStatus: { field: "person.maritalStatus" } },
      ]);
      expect(await loadStarterCatalogue(db, [v2], { [code]: 2 })).toEqual([]);
    } finally {
      await db.close();
      await own.tdb.dispose();
    }
  });

  it("lists the published versions with their counts", async () => {
    const all = await listPublished(db, { limit: 50, offset: 0 });
    expect(all.total).toBe(STARTER_CATALOGUE.length);
    for (const p of all.items) expect(p.stats.reductionPercent).toBeGreaterThanOrEqual(20);
    const page = await listPublished(db, { limit: 3, offset: 10 });
    expect(page).toMatchObject({ total: 11, items: [{}] });
    expect(await listPublished(db, { q: "xyz khong co", limit: 10, offset: 0 })).toEqual({
      items: [],
      total: 0,
    });
  });

  it.each([
    ["dang ky tam tru", TEMP],
    ["Đăng ký tạm trú", TEMP],
    ["ĐĂNG KÝ TẠM TRÚ", TEMP],
    ["lam giay khai sinh", "1.001193"],
    ["khai sinh cho con", "1.001193"],
    ["bao hiem y te cho be", "LOCAL.BHYT-TE"],
    ["giay xac nhan doc than", "LOCAL.XAC-NHAN-TTHN"],
    ["nhap ho khau", "1.004222"],
    ["xoa ho khau", "LOCAL.XOA-DKTT"],
    ["tien mai tang", "LOCAL.MAI-TANG-PHI"],
    ["ket hon", "LOCAL.KET-HON"],
    ["sao y ban chinh", "LOCAL.CHUNG-THUC-BAN-SAO"],
    ["khai tu", "LOCAL.KHAI-TU"],
  ])("search %j finds %s first", async (q, code) => {
    const r = await listPublished(db, { q, limit: 10, offset: 0 });
    expect(r.items[0]?.code).toBe(code);
  });

  it("refuses an invalid draft with every problem, and writes nothing", async () => {
    const before = await countVersions(db);
    const { definition, expected } = brokenDefinition();
    const err = await rejection(createDraft(db, definition, actor));
    expect(err.code).toBe("PROCEDURE_INVALID");
    const fields = err.details?.map((d) => d.field) ?? [];
    for (const p of expected) expect(fields).toContain(`body.definition.${p}`);
    for (const d of err.details ?? []) expect(d.messageVi.length).toBeGreaterThan(0);
    expect(await countVersions(db)).toBe(before);
  });

  it("drafts, publishes and retires without changing any earlier version", async () => {
    const v1 = await getVersion(db, TEMP, 1);
    const draft = await createDraft(db, nextTemporaryResidence(), actor);
    expect(draft).toMatchObject({ code: TEMP, version: 2, status: "draft", publishedAt: null });
    expect((await getPublished(db, TEMP)).version).toBe(1);
    const published = await publish(db, TEMP, 2, actor);
    expect(published).toMatchObject({ version: 2, status: "published" });
    expect((await getPublished(db, TEMP)).definition.fee.amount).toBe(8_000);
    const old = await getVersion(db, TEMP, 1);
    expect(old.status).toBe("retired");
    expect(old.definition).toEqual(v1.definition);
    expect(old.definitionHash).toBe(v1.definitionHash);
    expect(old.publishedAt).toEqual(v1.publishedAt);
    const again = await rejection(publish(db, TEMP, 2, actor));
    expect(again.code).toBe("PROCEDURE_NOT_PUBLISHED");
    expect((await rejection(publish(db, TEMP, 1, actor))).code).toBe("PROCEDURE_NOT_PUBLISHED");
    expect((await listVersions(db, TEMP)).map((v) => [v.version, v.status, v.createdBy])).toEqual([
      [2, "published", "admin"],
      [1, "retired", "system:starter"],
    ]);
    const { rows } = await db.query<{ action: string }>(
      "select action from audit_log where resource like $1 order by id",
      [`procedure:${TEMP}@2`],
    );
    expect(rows.map((r) => r.action)).toEqual(["procedure.draft", "procedure.publish"]);
  });

  it("refuses to publish a draft older than the published version", async () => {
    const v3 = await createDraft(db, nextTemporaryResidence(), actor);
    const v4 = await createDraft(db, nextTemporaryResidence(), actor);
    await publish(db, TEMP, v4.version, actor);
    expect((await rejection(publish(db, TEMP, v3.version, actor))).code).toBe("PROCEDURE_NOT_PUBLISHED");
    expect((await getPublished(db, TEMP)).version).toBe(v4.version);
  });

  it("numbers concurrent drafts distinctly", async () => {
    const made = await Promise.all([1, 2, 3].map(() => createDraft(db, starter("LOCAL.KET-HON"), actor)));
    const v = STARTER_VERSIONS["LOCAL.KET-HON"] ?? 1;
    expect(made.map((d: ProcedureVersion) => d.version).sort()).toEqual([v + 1, v + 2, v + 3]);
  });

  it("the database itself refuses rewriting or deleting a published or retired version", async () => {
    for (const sql of [
      `update procedure_versions set definition = '{"code":"${TEMP}"}' where code = '${TEMP}' and version = 1`,
      `update procedure_versions set status = 'published' where code = '${TEMP}' and version = 1`,
      `delete from procedure_versions where code = '${TEMP}' and version = 1`,
      `update procedure_versions set definition_hash = repeat('0', 64) where code = '1.001193'`,
    ]) {
      await expect(db.query(sql)).rejects.toThrow();
    }
    expect((await getVersion(db, TEMP, 1)).status).toBe("retired");
  });

  it("a starter procedure whose code is new is inserted once", async () => {
    const extra = { ...starter("LOCAL.CHUNG-THUC-BAN-SAO"), code: "LOCAL.CHUNG-THUC-CHU-KY" };
    const input = extra as unknown as (typeof STARTER_CATALOGUE)[number];
    expect(await loadStarterCatalogue(db, [input])).toEqual(["LOCAL.CHUNG-THUC-CHU-KY"]);
    expect(await loadStarterCatalogue(db, [input])).toEqual([]);
    expect((await getPublished(db, "LOCAL.CHUNG-THUC-CHU-KY")).version).toBe(1);
  });

  it("unknown procedures and versions are NOT_FOUND", async () => {
    expect((await rejection(getPublished(db, "LOCAL.NOTHING"))).code).toBe("NOT_FOUND");
    expect((await rejection(getVersion(db, TEMP, 99))).code).toBe("NOT_FOUND");
    expect((await rejection(listVersions(db, "9.999999"))).code).toBe("NOT_FOUND");
  });
});

type ErrorBody = {
  error: { code: string; status: number; details?: Array<{ field: string; messageVi: string }> };
};
type VersionBody = { code: string; version: number; status: string; definition: Json; stats: Json };

describe(`catalogue API (${engine})`, () => {
  let s: TestServer;
  let admin: Browser;
  let officer: Browser;
  beforeAll(async () => {
    s = await startTestServer();
    await loadStarterCatalogue(s.db); // the server does this at start-up too; it is idempotent
    admin = new Browser(s.baseUrl);
    await admin.signIn("admin");
    officer = new Browser(s.baseUrl);
    await officer.signIn("motcua.20194");
  });
  afterAll(async () => s?.close());

  const post = async (b: Browser, path: string, body: unknown) =>
    b.fetch(path, {
      method: "POST",
      headers: { "content-type": "application/json", "x-csrf-token": await b.csrf() },
      body: JSON.stringify(body),
    });

  it("the application registers the catalogue routes", () => {
    expect(fs.readFileSync("src/server/app.ts", "utf8")).toContain("catalogRoutes");
  });

  it("an admin validating a broken definition gets each problem precisely", async () => {
    const { definition, expected } = brokenDefinition();
    const res = await post(admin, "/api/admin/procedures/validate", { definition });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; problems: Array<{ path: string; messageEn: string }> };
    expect(body.ok).toBe(false);
    const paths = body.problems.map((p) => p.path);
    for (const p of expected) expect(paths).toContain(p);
    expect(
      body.problems.find((p) => p.path === `form.${definition.form.length - 1}.visibleWhen`)?.messageEn,
    ).toMatch(/stay\.kind/);
    const ok = await post(admin, "/api/admin/procedures/validate", { definition: starter(TEMP) });
    expect(await ok.json()).toEqual({ ok: true, problems: [] });
  });

  it("creating a broken definition is refused with 400 PROCEDURE_INVALID and writes nothing", async () => {
    const before = await countVersions(s.db);
    const { definition, expected } = brokenDefinition();
    const res = await post(admin, "/api/admin/procedures", { definition });
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe("PROCEDURE_INVALID");
    const fields = body.error.details?.map((d) => d.field) ?? [];
    for (const p of expected) expect(fields).toContain(`body.definition.${p}`);
    expect(await countVersions(s.db)).toBe(before);
  });

  it("a new version is drafted, published, and served, while version 1 stays as it was", async () => {
    const v1res = await fetch(`${s.baseUrl}/api/procedures/${TEMP}/versions/1`);
    expect(v1res.status).toBe(200);
    const v1 = (await v1res.json()) as VersionBody;
    const created = await post(admin, "/api/admin/procedures", { definition: nextTemporaryResidence() });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ code: TEMP, version: 2, status: "draft" });
    // A draft is not public.
    expect((await fetch(`${s.baseUrl}/api/procedures/${TEMP}/versions/2`)).status).toBe(404);
    expect(((await (await fetch(`${s.baseUrl}/api/procedures/${TEMP}`)).json()) as VersionBody).version).toBe(
      1,
    );

    const published = await post(admin, `/api/admin/procedures/${TEMP}/versions/2/publish`, {});
    expect(published.status).toBe(200);
    expect(await published.json()).toMatchObject({ version: 2, status: "published" });
    const latest = (await (await fetch(`${s.baseUrl}/api/procedures/${TEMP}`)).json()) as VersionBody;
    expect(latest).toMatchObject({ version: 2, status: "published", definition: { fee: { amount: 8_000 } } });
    expect(latest.stats).toMatchObject({ paperFieldCount: 18 });
    const old = (await (await fetch(`${s.baseUrl}/api/procedures/${TEMP}/versions/1`)).json()) as VersionBody;
    expect(old.status).toBe("retired");
    expect(old.definition).toEqual(v1.definition);

    const twice = await post(admin, `/api/admin/procedures/${TEMP}/versions/2/publish`, {});
    expect(twice.status).toBe(409);
    expect(((await twice.json()) as ErrorBody).error.code).toBe("PROCEDURE_NOT_PUBLISHED");
    const versions = await admin.fetch(`/api/admin/procedures/${TEMP}/versions`);
    const items = ((await versions.json()) as { items: VersionBody[] }).items;
    expect(items.map((v) => [v.version, v.status])).toEqual([
      [2, "published"],
      [1, "retired"],
    ]);
  });

  it("non-admins get 403 and anonymous callers 401 on the admin routes", async () => {
    const denied = [
      await post(officer, "/api/admin/procedures/validate", { definition: starter(TEMP) }),
      await post(officer, "/api/admin/procedures", { definition: nextTemporaryResidence() }),
      await post(officer, `/api/admin/procedures/${TEMP}/versions/1/publish`, {}),
      await officer.fetch(`/api/admin/procedures/${TEMP}/versions`),
    ];
    for (const res of denied) {
      expect(res.status).toBe(403);
      expect(((await res.json()) as ErrorBody).error.code).toBe("FORBIDDEN");
    }
    expect((await fetch(`${s.baseUrl}/api/admin/procedures/${TEMP}/versions`)).status).toBe(401);
  });

  it("GET /api/procedures?q=dang ky tam tru lists temporary residence registration first", async () => {
    const res = await fetch(`${s.baseUrl}/api/procedures?q=${encodeURIComponent("dang ky tam tru")}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: Array<{ code: string; stats: Json }>; total: number };
    expect(body.items[0]?.code).toBe(TEMP);
    expect(body.items[0]?.stats).toMatchObject({ paperFieldCount: 18, typedFieldCount: 10 });
    const all = (await (await fetch(`${s.baseUrl}/api/procedures?limit=5`)).json()) as { total: number };
    expect(all.total).toBe(STARTER_CATALOGUE.length);
  });

  it("a malformed code or version is not found (404), like an unknown one", async () => {
    expect((await fetch(`${s.baseUrl}/api/procedures/not-a-code`)).status).toBe(404);
    expect((await fetch(`${s.baseUrl}/api/procedures/${TEMP}/versions/0`)).status).toBe(404);
    expect((await fetch(`${s.baseUrl}/api/procedures/LOCAL.NOTHING`)).status).toBe(404);
  });

  it("the catalogue routes are described in OpenAPI", async () => {
    const doc = (await (await fetch(`${s.baseUrl}/openapi.json`)).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/procedures", "/api/procedures/{code}", "/api/admin/procedures"]),
    );
  });
});
