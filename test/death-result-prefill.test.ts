import { describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import { deathGroupSuite, registerDeath } from "./helpers/death-group.js";
import { GRANDFATHER } from "./helpers/journey.js";

/**
 * Issue 12 (M1): the father registers his father's death on its own (no linked group), the
 * registry takes it in (no notice fills a form any more); the funeral allowance's single form is
 * filled with the deceased from that registration's result, read-only, the result named as the
 * source, and the death extract replaced by it. Once filed, a second start is refused at once.
 */
type Field = {
  key: string;
  value: unknown;
  readOnly?: boolean;
  provenance: { sourceVi: string; sourceEn: string } | null;
};
type Dossier = { id: string; code: string | null; fields: Field[]; resultNumber?: string | null };

const suite = deathGroupSuite<{ key: string; state: string; dossierId: string | null }, { steps: [] }>();
const { b } = suite;
const start = (procedureCode: string) =>
  b("father").send<Dossier & { error: { code: string; details: Array<{ dossier?: { code: string } }> } }>(
    "POST",
    "/api/dossiers",
    { procedureCode },
  );

describe(`a single form after a death registered on its own (${engine})`, () => {
  let death = "";
  it("the death registered alone: the allowance's form has the deceased from its result, with the source", async () => {
    const draft = await start("LOCAL.KHAI-TU");
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const filed = await b("father").send("POST", `/api/dossiers/${draft.body.id}/submit`, {
      values: { "requester.relationship": "child", "declaration.sworn": true },
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(200);
    death = draft.body.id;
    await registerDeath(b, suite.server(), death);
    const result = (await b("father").send<{ resultNumber: string }>("GET", `/api/dossiers/${death}`)).body;
    expect(result.resultNumber).toMatch(/^KQ-/);

    const funeral = await start("LOCAL.MAI-TANG-PHI");
    expect(funeral.status, JSON.stringify(funeral.body)).toBe(201);
    const f = (k: string) => funeral.body.fields.find((x) => x.key === k);
    expect(f("deceased.fullName")?.value).toBe(GRANDFATHER.name);
    expect(f("deceased.personalNumber")?.value).toBe(GRANDFATHER.pn);
    expect(f("deceased.birthDate")?.value).toBe(GRANDFATHER.birth);
    expect(f("deceased.diedDate")?.value).toBe("2026-11-04");
    expect(f("deceased.fullName")?.provenance?.sourceVi).toBe(
      `kết quả đăng ký khai tử ${result.resultNumber}`,
    );
    expect(f("deceased.fullName")?.provenance?.sourceEn).toBe(
      `the result of death registration ${result.resultNumber}`,
    );
    // The organiser's relationship as he declared it on the registration.
    expect(f("organiser.relationship")?.value).toBe("child");
  });

  it("the allowance filed: starting it again is refused at once, naming it", async () => {
    const mine = await b("father").send<{
      items: Array<{ id: string; procedureCode: string; status: string }>;
    }>("GET", "/api/me/dossiers?limit=50");
    const draft = mine.body.items.find(
      (d) => d.procedureCode === "LOCAL.MAI-TANG-PHI" && d.status === "draft",
    );
    const filed = await b("father").send<{ code: string }>("POST", `/api/dossiers/${draft?.id}/submit`, {
      values: {
        "deceased.category": "elderly",
        "payout.method": "bank",
        "payout.accountNumber": "0123456789",
        "payout.bank": "Ngân hàng thử nghiệm",
        "declaration.sworn": true,
      },
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(200);
    const again = await start("LOCAL.MAI-TANG-PHI");
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("DUPLICATE_LIFE_EVENT");
    expect(again.body.error.details[0]?.dossier?.code).toBe(filed.body.code);
  });
});
