import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import { A, people } from "./helpers/fixtures.js";
import { startTestServer, type TestServer } from "./helpers/server.js";

/**
 * Prefill reads "the newest" record of a kind (migration 341): where two are equally new, the same
 * one every time (its own key decides), so a dossier's create and its submit read the same facts
 * (docs/scaling.md, PREFILL_TAMPERED on Citus); and a marriage the register records as ended is no
 * longer read as the person's marriage.
 */
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
}, 120_000);
afterAll(async () => s?.close());

type Prefill = { birthNotice: { id: string } | null; marriedTo: string | null };
const prefill = async (pn: string, needs: string[]) =>
  (await s.db.query<{ r: Prefill }>("select registry_prefill($1, $2::text[], '{}'::jsonb) as r", [pn, needs]))
    .rows[0]?.r as Prefill;

describe(`prefill reads one record where two are equally new (${engine})`, () => {
  it("two unregistered birth notices of one instant: the one with the greater id, every time", async () => {
    // The smaller id first: a plan that keeps the first row met would pick it.
    for (const id of ["GCS-TIE-0001", "GCS-TIE-0002"]) {
      await s.db.query(
        `insert into birth_notices (personal_number, id, province_code, commune_code, mother_number, father_number,
           child_sex, birth_at, weight_grams, facility)
         values ($1, $2, '48', $3, $1, $4, 'F', '2026-11-29T01:00:00Z', 3100, 'Bệnh viện Phụ sản - Nhi Đà Nẵng')`,
        [people.mother.pn, id, A.commune, people.father.pn],
      );
    }
    for (let i = 0; i < 3; i++) {
      expect((await prefill(people.mother.pn, ["birthNotice"])).birthNotice?.id).toBe("GCS-TIE-0002");
    }
  });

  it("a marriage noted as ended by a divorce is not the person's marriage any more", async () => {
    expect((await prefill(people.mother.pn, ["marriageRecord"])).marriedTo).toBe(people.father.pn);
    await s.db.query(
      `update civil_status_records set ended_on = '2026-06-01', end_cause = 'divorce', judgement_number = '12/2026/HNGĐ-ST'
       where personal_number = $1 and kind = 'marriage'`,
      [people.mother.pn],
    );
    expect((await prefill(people.mother.pn, ["marriageRecord"])).marriedTo).toBeNull();
  });
});
