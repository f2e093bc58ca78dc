import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import { minimalPdf } from "./helpers/files.js";
import { A, people } from "./helpers/fixtures.js";
import { type Browsers, signInEach } from "./helpers/journey.js";
import { startTestServer, type TestServer } from "./helpers/server.js";

/**
 * Corrections reach each registry's owner, not only the population registry's (issue 11 point 3):
 * a value prefilled from the residence registry (the relationship to the head) goes to the commune
 * police and is applied there; a child's health-insurance card number goes to social security of
 * the province and is applied in the insurance registry. Each open dossier that reused the old
 * value is found through the index of reused values (not a scan of every prefill) and alerted.
 */
type Field = { key: string; value: unknown; provenance: { registry: string } | null };
type View = { id: string; code: string | null; status: string; fields: Field[]; error?: { code: string } };
type Case = { provinceCode: string; id: number; ownerAgency: string; ownerUnit: string; fieldKey: string };
type Alerts = { items: Array<{ fieldKey: string; oldValue: string; newValue: string }> };

const OLD_CARD = "HS4480000000103"; // the fixture child's card
const NEW_CARD = "HS4480000000113";
let s: TestServer;
let b: Browsers;

beforeAll(async () => {
  s = await startTestServer({}, { delivery: "manual" });
  b = await signInEach(s.baseUrl, {
    mother: people.mother.pn,
    receiver: "motcua.20194",
    police: "congan.20194", // the owner of the residence registry (src/domain/agencies.ts)
    bhxh: "bhxh.tinh.48", // the owner of the insurance registry
  });
  // The fixture child's birth, registered from a notice naming the mother: her `child` for prefill.
  await s.db.query(
    `insert into birth_notices (personal_number, id, province_code, commune_code, mother_number, father_number,
       child_sex, birth_at, facility, registered, child_number)
     values ($1, 'GCS-2015-0001', '48', $2, $1, $3, 'M', '2015-09-01T08:00:00+07:00', 'Bệnh viện', true, $4)`,
    [people.mother.pn, A.commune, people.father.pn, people.child.pn],
  );
});
afterAll(async () => s?.close());

async function drainAll() {
  for (let i = 0; i < 4; i++) await s.drain();
}
async function submitted(code: string, values: Record<string, unknown>, upload?: string): Promise<View> {
  const d = await b("mother").send<View>("POST", "/api/dossiers", { procedureCode: code });
  expect(d.status).toBe(201);
  if (upload) {
    const up = await b("mother").fetch(`/api/dossiers/${d.body.id}/components/${upload}`, {
      method: "PUT",
      headers: {
        "content-type": "application/pdf",
        "x-filename": "giay-khai-sinh.pdf",
        "x-csrf-token": await b("mother").csrf(),
      },
      body: new Uint8Array(minimalPdf()),
    });
    expect(up.status).toBe(201);
  }
  const r = await b("mother").send<View>("POST", `/api/dossiers/${d.body.id}/submit`, { values });
  expect(r.status, JSON.stringify(r.body.error)).toBe(200);
  return r.body;
}
async function fileAndAccept(who: string, dossier: View, fieldKey: string, claimedValue: string) {
  const r = await b("mother").send("POST", `/api/dossiers/${dossier.id}/corrections`, {
    fieldKey,
    claimedValue,
    note: "Thông tin trong cơ sở dữ liệu chưa đúng.",
  });
  expect(r.status).toBe(201);
  await drainAll();
  const q = await b(who).send<{ items: Case[] }>("GET", "/api/workspace/corrections");
  const c = q.body.items.find((x) => x.fieldKey === fieldKey);
  if (!c) throw new Error(`no case for ${fieldKey}`);
  const decided = await b(who).send<{ status: string }>(
    "POST",
    `/api/workspace/corrections/${c.provinceCode}/${c.id}/decision`,
    { outcome: "accepted" },
  );
  expect(decided.status).toBe(200);
  await drainAll();
  return c;
}
const history = async (pn: string, registry: string) =>
  (
    await s.db.query(
      `select attribute, old_value as old, new_value as new from registry_corrections
       where personal_number = $1 and registry = $2`,
      [pn, registry],
    )
  ).rows;

describe(`corrections of the residence and insurance registries, each by its owner (${engine})`, () => {
  it("the relationship to the head comes from the residence registry; corrected by the commune police", async () => {
    const d = await submitted("1.004222", { request: "join_household", "household.headConsent": true });
    const field = d.fields.find((f) => f.key === "household.relationshipToHead");
    expect(field?.value).toBe("vợ");
    expect(field?.provenance?.registry).toBe("residence");
    const c = await fileAndAccept("police", d, "household.relationshipToHead", "vợ chủ hộ");
    expect(c).toMatchObject({ ownerAgency: "cong-an", ownerUnit: A.commune });
    const p = await s.db.query("select relationship_to_head as rel from persons where personal_number = $1", [
      people.mother.pn,
    ]);
    expect(p.rows).toEqual([{ rel: "vợ chủ hộ" }]);
    expect(await history(people.mother.pn, "residence")).toEqual([
      { attribute: "relationshipToHead", old: "vợ", new: "vợ chủ hộ" },
    ]);
    const alerts = await b("receiver").send<Alerts>("GET", `/api/dossiers/${d.id}/registry-alerts`);
    expect(alerts.body.items).toEqual([
      expect.objectContaining({
        fieldKey: "household.relationshipToHead",
        oldValue: "vợ",
        newValue: "vợ chủ hộ",
      }),
    ]);
  });

  it("the child's card number comes from the insurance registry; corrected by social security", async () => {
    const d = await submitted(
      "LOCAL.BHYT-TE",
      {
        "child.nationality": "VN",
        "child.birthRegistrationCommune": A.commune,
        "healthcare.facility": "Trạm y tế phường Hải Vân",
      },
      "birthExtract", // the 2015 birth was registered on paper: no electronic result to reuse
    );
    const field = d.fields.find((f) => f.key === "child.healthInsuranceNumber");
    expect(field?.value).toBe(OLD_CARD);
    expect(field?.provenance?.registry).toBe("health_insurance");
    const indexed = await s.db.query(
      "select field_key as k from dossier_reused_values where personal_number = $1 and registry = 'health_insurance'",
      [people.child.pn],
    );
    expect(indexed.rows).toEqual([{ k: "child.healthInsuranceNumber" }]);
    const c = await fileAndAccept("bhxh", d, "child.healthInsuranceNumber", NEW_CARD);
    expect(c).toMatchObject({ ownerAgency: "bhxh", ownerUnit: "48" });
    const cards = await s.db.query(
      "select card_number as card from health_insurance_cards where personal_number = $1",
      [people.child.pn],
    );
    expect(cards.rows).toEqual([{ card: NEW_CARD }]);
    expect(await history(people.child.pn, "health_insurance")).toEqual([
      { attribute: "healthInsuranceNumber", old: OLD_CARD, new: NEW_CARD },
    ]);
    const alerts = await b("receiver").send<Alerts>("GET", `/api/dossiers/${d.id}/registry-alerts`);
    expect(alerts.body.items).toEqual([
      expect.objectContaining({
        fieldKey: "child.healthInsuranceNumber",
        oldValue: OLD_CARD,
        newValue: NEW_CARD,
      }),
    ]);
  });
});
