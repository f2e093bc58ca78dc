import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../src/db/client.js";
import { foldVietnamese } from "../src/domain/text.js";
import { accessLogOf } from "../src/modules/exchange/index.js";
import { createReadyDatabase, engine, type TestDatabase } from "./helpers/db.js";
import { A, people } from "./helpers/fixtures.js";

/**
 * "Dữ liệu của tôi" as a list a person can read (issue 14 review): identical reads (same actor,
 * purpose, dossier and fields) are one line with a count, whatever file or part of the dossier
 * each read; and a citizen recorded without a name is named from the population registry.
 */
describe(`the citizen's access list (${engine})`, () => {
  let tdb: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    ({ tdb, db } = await createReadyDatabase());
    await db.query(
      `insert into persons (personal_number, province_code, full_name, search_name, birth_date, sex, ethnicity,
         birth_registration_old_province, permanent_commune_code, permanent_address)
       values ($1, '48', $2, $3, $4, 'F', 'Kinh', '048', $5, 'Số 1, đường Hải Phòng')
       on conflict do nothing`,
      [subject.pn, subject.name, foldVietnamese(subject.name), subject.birth, A.commune],
    );
  }, 120_000);
  afterAll(async () => {
    await db?.close();
    await tdb?.dispose();
  });
  const subject = people.mother;
  /** One access_log row, as logAccess writes it (the module's writer is not exported). */
  const logged = (
    actor: { kind: string; id: string; role: string | null; name: string },
    purpose: string,
    fields: string[],
    resource: string,
  ) =>
    db.query(
      `insert into access_log (subject_number, province_code, actor_kind, actor_id, actor_role, actor_name,
         purpose, legal_basis, resource, fields)
       values ($1, '48', $2, $3, $4, $5, $6, 'test', $7, $8)`,
      [subject.pn, actor.kind, actor.id, actor.role, actor.name, purpose, resource, fields],
    );
  const agent = { kind: "officer", id: "dvc.agent1", role: "agent", name: "Lê Văn Đại Lý" };

  it("five uploads of one agent filing are one line counted five times", async () => {
    for (const sha of ["a1", "b2", "c3", "d4", "e5"])
      await logged(
        agent,
        "dossier-filing",
        ["dossierFile"],
        `dossier:00000000-0000-4000-8000-000000000001/file:${sha}`,
      );
    // Another dossier's file stays its own line.
    await logged(
      agent,
      "dossier-filing",
      ["dossierFile"],
      "dossier:00000000-0000-4000-8000-000000000002/file:f6",
    );
    const { items } = await accessLogOf(db, subject.pn, { limit: 50, offset: 0 });
    const files = items.filter((e) => e.actorId === "dvc.agent1" && e.fields.includes("dossierFile"));
    expect(files.map((e) => e.count).sort()).toEqual([1, 5]);
    expect(files.every((e) => e.actorName === "Lê Văn Đại Lý")).toBe(true);
  });

  it("a citizen actor recorded without a name is named from the registry", async () => {
    const nameless = { kind: "citizen", id: subject.pn, role: null, name: "" };
    await logged(nameless, "prefill", ["fullName"], `prefill:${subject.pn}`);
    const { items } = await accessLogOf(db, subject.pn, { limit: 50, offset: 0 });
    const own = items.find((e) => e.actorKind === "citizen" && e.actorId === subject.pn);
    expect(own?.actorName).toBe(subject.name);
  });
});
