import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import { people } from "./helpers/fixtures.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

/**
 * Forms that forgive (issue 14 point 4): a value the form refuses while the draft auto-saves is
 * kept with the draft, as typed, with its message (server-side: another device, or the tab closed
 * and opened again, shows it), and never counts as an answer.
 */
type Field = {
  key: string;
  value: unknown;
  refused?: { value: unknown; code?: string; messageVi: string; messageEn: string };
};
type View = { id: string; status: string; fields: Field[] };
type Err = { error: { code: string; details?: Array<{ field: string }> } };

const COUNT = "applicant.marriageCount";
let s: TestServer;
let phone: Browser;
let laptop: Browser;
let id: string;
beforeAll(async () => {
  s = await startTestServer();
  phone = new Browser(s.baseUrl);
  await phone.signIn(people.neighbour.pn);
  laptop = new Browser(s.baseUrl);
  await laptop.signIn(people.neighbour.pn);
  id = (await phone.send<View>("POST", "/api/dossiers", { procedureCode: "LOCAL.KET-HON" })).body.id;
});
afterAll(async () => s?.close());

const field = (v: View, key: string) => v.fields.find((f) => f.key === key) as Field;

describe(`a refused value is kept with the draft (${engine})`, () => {
  it("saved with keepRefused: the rest saved, the refused value kept as typed with its message, no answer", async () => {
    await phone.send("PUT", `/api/dossiers/${id}/form`, { values: { [COUNT]: 1 } });
    const r = await phone.send<View>("PUT", `/api/dossiers/${id}/form`, {
      values: { [COUNT]: "một", "partner.fullName": "Trần Văn Hùng" },
      keepRefused: true,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const count = field(r.body, COUNT);
    // The earlier answer (1) is not kept behind the refused one: the field holds no answer.
    expect(count.value).toBeNull();
    expect(count.refused?.value).toBe("một");
    expect(count.refused?.messageVi).toMatch(/số/);
    expect(count.refused?.messageEn).toMatch(/number/i);
    expect(field(r.body, "partner.fullName").value).toBe("Trần Văn Hùng");
    const stored = await s.db.query<{ form: Record<string, unknown>; refused: Record<string, unknown> }>(
      "select form, refused from dossiers where id = $1",
      [id],
    );
    expect(stored.rows[0]?.form[COUNT]).toBeNull();
    expect(Object.keys(stored.rows[0]?.refused ?? {})).toEqual([COUNT]);
  });

  it("a commune name typed and left without a pick is kept as typed, asking for a pick; the earlier pick is no answer", async () => {
    const worker = new Browser(s.baseUrl);
    await worker.signIn(people.worker.pn);
    const stay = (await worker.send<View>("POST", "/api/dossiers", { procedureCode: "LOCAL.DK-TAM-TRU" }))
      .body.id;
    await worker.send("PUT", `/api/dossiers/${stay}/form`, { values: { "stay.commune": "20242" } });
    const r = await worker.send<View>("PUT", `/api/dossiers/${stay}/form`, {
      values: { "stay.commune": "hai chau" },
      keepRefused: true,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const commune = field(r.body, "stay.commune");
    expect(commune.value).toBeNull();
    expect(commune.refused).toMatchObject({ value: "hai chau", code: "COMMUNE_NOT_PICKED" });
    expect(commune.refused?.messageVi).toContain("chưa chọn xã, phường trong danh sách");
    const again = await worker.send<View>("GET", `/api/dossiers/${stay}`);
    expect(field(again.body, "stay.commune").refused?.value).toBe("hai chau");
  });

  it("another device opening the draft sees it again, with its message", async () => {
    const r = await laptop.send<View>("GET", `/api/dossiers/${id}`);
    expect(field(r.body, COUNT).refused).toMatchObject({ value: "một" });
    expect(field(r.body, COUNT).value).toBeNull();
  });

  it("without keepRefused the save is refused whole, as before (nothing written)", async () => {
    const r = await phone.send<Err>("PUT", `/api/dossiers/${id}/form`, { values: { [COUNT]: "hai" } });
    expect([r.status, r.body.error.code]).toEqual([400, "FORM_INVALID"]);
    const v = await phone.send<View>("GET", `/api/dossiers/${id}`);
    expect(field(v.body, COUNT).refused?.value).toBe("một");
  });

  it("a submission with the refused value is refused naming the field; a valid value replaces it", async () => {
    const sub = await phone.send<Err>("POST", `/api/dossiers/${id}/submit`, { values: { [COUNT]: "một" } });
    expect(sub.status).toBe(400);
    expect(sub.body.error.details?.map((d) => d.field)).toContain(`form.${COUNT}`);
    const r = await phone.send<View>("PUT", `/api/dossiers/${id}/form`, {
      values: { [COUNT]: 2 },
      keepRefused: true,
    });
    expect(field(r.body, COUNT)).toMatchObject({ value: 2 });
    expect(field(r.body, COUNT).refused).toBeUndefined();
    const stored = await s.db.query<{ refused: Record<string, unknown> }>(
      "select refused from dossiers where id = $1",
      [id],
    );
    expect(stored.rows[0]?.refused).toEqual({});
  });

  it("a valid value saved without keepRefused clears the value kept refused for that field (review D10)", async () => {
    const kept = await phone.send<View>("PUT", `/api/dossiers/${id}/form`, {
      values: { [COUNT]: "ba", "partner.fullName": "Trần Văn Hùng" },
      keepRefused: true,
    });
    expect(field(kept.body, COUNT).refused?.value).toBe("ba");
    const r = await phone.send<View>("PUT", `/api/dossiers/${id}/form`, { values: { [COUNT]: 3 } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(field(r.body, COUNT)).toMatchObject({ value: 3 });
    expect(field(r.body, COUNT).refused).toBeUndefined();
    const again = await laptop.send<View>("GET", `/api/dossiers/${id}`);
    expect(field(again.body, COUNT).refused).toBeUndefined();
    const stored = await s.db.query<{ refused: Record<string, unknown> }>(
      "select refused from dossiers where id = $1",
      [id],
    );
    expect(stored.rows[0]?.refused).toEqual({});
  });

  it("a key the form does not have is named in words, the key only in details[].field (review D11)", async () => {
    const r = await phone.send<{
      error: {
        code: string;
        details: Array<{ field: string; messageVi: string; messageEn: string; code?: string }>;
      };
    }>("PUT", `/api/dossiers/${id}/form`, { values: { "applicant.nickname": "Bé" } });
    expect([r.status, r.body.error.code]).toEqual([400, "FORM_INVALID"]);
    expect(r.body.error.details).toEqual([
      {
        field: "form.applicant.nickname",
        messageVi: "Một trường không có trong biểu mẫu này; giá trị đó không được nhận.",
        messageEn: "A field that is not in this form; that value is not accepted.",
        code: "UNKNOWN_FIELD",
      },
    ]);
  });
});
