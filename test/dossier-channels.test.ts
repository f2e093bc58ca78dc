import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import { people } from "./helpers/fixtures.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

type View = {
  id: string;
  code: string | null;
  status: string;
  channel: string;
  createdBy: string;
  communeCode: string | null;
  provinceCode: string;
  fields: Array<{ key: string; value: unknown; readOnly: boolean }>;
  error?: { code: string };
};

const MARITAL = "LOCAL.XAC-NHAN-TTHN";
const VALUES = {
  "person.maritalStatus": "married", // what the civil-status registry holds of the couple
  purpose: "Để đăng ký kết hôn",
  copies: 1,
  "declaration.sworn": true,
};

let s: TestServer;
const browsers: Record<string, Browser> = {};
beforeAll(async () => {
  s = await startTestServer();
  for (const login of [
    "buudien.20194",
    "motcua.20194",
    "motcua.20197",
    "chuyenvien.20194",
    people.father.pn,
    people.mother.pn,
  ]) {
    browsers[login] = new Browser(s.baseUrl);
    await browsers[login].signIn(login);
  }
});
afterAll(async () => s?.close());

const as = (login: string) => browsers[login] as Browser;

const send = (
  b: Browser,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) => b.send<View>(method, path, body, headers);

async function denied(action: string, resource: string): Promise<number> {
  const { rows } = await s.db.query<{ n: number }>(
    "select count(*)::int as n from audit_log where outcome = 'denied' and action = $1 and resource = $2",
    [action, resource],
  );
  return rows[0]?.n ?? 0;
}

describe(`channels: online on behalf and counter (${engine})`, () => {
  it("a postal agent files for a citizen present; nothing is prefilled or submitted until the citizen confirms", async () => {
    const agent = as("buudien.20194");
    const created = await send(agent, "POST", "/api/dossiers", {
      procedureCode: MARITAL,
      applicantNumber: people.father.pn,
    });
    expect(created.status).toBe(201);
    expect(created.body.channel).toBe("online_on_behalf");
    expect(created.body.fields.find((f) => f.key === "person.fullName")?.value).toBeNull();
    const early = await send(agent, "POST", `/api/dossiers/${created.body.id}/submit`, { values: VALUES });
    expect(early.status).toBe(409);
    expect(await denied("dossier.submit", `dossier:${created.body.id}`)).toBe(1);
    // Another citizen cannot confirm it; the applicant can.
    expect(
      (await send(as(people.mother.pn), "POST", `/api/dossiers/${created.body.id}/confirm`)).status,
    ).toBe(404);
    const confirmed = await send(as(people.father.pn), "POST", `/api/dossiers/${created.body.id}/confirm`);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.fields.find((f) => f.key === "person.fullName")).toMatchObject({
      value: people.father.name,
      readOnly: true,
    });
    const submitted = await send(agent, "POST", `/api/dossiers/${created.body.id}/submit`, {
      values: VALUES,
    });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({
      status: "submitted",
      channel: "online_on_behalf",
      createdBy: "buudien.20194",
    });
    // The citizen sees it among their own dossiers.
    const mine = (await (await as(people.father.pn).fetch("/api/me/dossiers")).json()) as {
      items: Array<{ id: string; channel: string }>;
    };
    expect(mine.items).toContainEqual(
      expect.objectContaining({ id: created.body.id, channel: "online_on_behalf" }),
    );
  });

  it("an agent cannot see dossiers filed by others", async () => {
    const own = await send(as(people.mother.pn), "POST", "/api/dossiers", { procedureCode: MARITAL });
    expect((await as("buudien.20194").fetch(`/api/dossiers/${own.body.id}`)).status).toBe(404);
  });

  it("a one-stop officer records a paper dossier at the counter and receives it at once", async () => {
    const rec = as("motcua.20194");
    const created = await send(rec, "POST", "/api/dossiers", {
      procedureCode: MARITAL,
      applicantNumber: people.mother.pn,
    });
    expect(created.body.channel).toBe("counter");
    expect(created.body.fields.find((f) => f.key === "person.fullName")?.value).toBe(people.mother.name);
    const submitted = await send(rec, "POST", `/api/dossiers/${created.body.id}/submit`, { values: VALUES });
    expect(submitted.body.status).toBe("submitted");
    const received = await send(rec, "POST", `/api/dossiers/${created.body.id}/actions`, {
      action: "receive",
    });
    expect(received.body.status).toBe("received");
    // A second receive names the status in words, never its code.
    const again = await rec.send<{
      error: { code: string; details: Array<{ messageVi: string; messageEn: string }> };
    }>("POST", `/api/dossiers/${created.body.id}/actions`, { action: "receive" });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("ILLEGAL_TRANSITION");
    expect(again.body.error.details[0]).toMatchObject({
      messageVi: "Hồ sơ đang ở trạng thái “đã tiếp nhận”.",
      messageEn: "The dossier's status is “received”.",
    });
  });

  it("a counter takes in a resident of another commune of the province (phi địa giới), in its own commune", async () => {
    const other = await send(as("motcua.20197"), "POST", "/api/dossiers", {
      procedureCode: MARITAL,
      applicantNumber: people.mother.pn,
    });
    expect(other.status, JSON.stringify(other.body)).toBe(201);
    expect(other.body).toMatchObject({ channel: "counter", communeCode: "20197", provinceCode: "48" });
    expect(other.body.fields.find((f) => f.key === "person.fullName")?.value).toBe(people.mother.name);
    // Addressed to the counter's commune, where it is filed and decided (not her residence's).
    expect(other.body.fields.find((f) => f.key === "authority.commune")?.value).toBe("20197");
  });

  it("online, the application is addressed to the commune the citizen files at; at home it stays the registry's", async () => {
    const home = await send(as(people.mother.pn), "POST", "/api/dossiers", { procedureCode: MARITAL });
    const homeField = home.body.fields.find((f) => f.key === "authority.commune");
    expect(homeField?.value).toBe(home.body.communeCode);
    expect(homeField?.readOnly).toBe(true);
    const chosen = await send(as(people.mother.pn), "POST", "/api/dossiers", {
      procedureCode: MARITAL,
      communeCode: "20197",
    });
    expect(chosen.status, JSON.stringify(chosen.body)).toBe(201);
    expect(chosen.body.communeCode).toBe("20197");
    const field = chosen.body.fields.find((f) => f.key === "authority.commune");
    expect(field?.value).toBe("20197");
    expect(field?.readOnly).toBe(false);
  });

  it("a resident of another province is refused with a reason and a code, an unknown number is named", async () => {
    type Refusal = { error: { code: string; messageVi: string; details: Array<{ messageVi: string }> } };
    const far = await as("motcua.20194").send<Refusal>("POST", "/api/dossiers", {
      procedureCode: MARITAL,
      applicantNumber: people.capital.pn,
    });
    expect(far.status).toBe(403);
    expect(far.body.error.code).toBe("COUNTER_OTHER_PROVINCE");
    expect(far.body.error.details[0]?.messageVi).toBe(
      `Công dân có số định danh ${people.capital.pn} cư trú ở tỉnh, thành phố khác; bộ phận một cửa chỉ tiếp nhận hồ sơ của người cư trú trong tỉnh, thành phố của mình. Hãy hướng dẫn công dân nộp trực tuyến hoặc tại bộ phận một cửa nơi cư trú.`,
    );
    expect(await denied("dossier.create", `procedure:${MARITAL}`)).toBe(1);
    const unknown = await as("motcua.20194").send<Refusal>("POST", "/api/dossiers", {
      procedureCode: MARITAL,
      applicantNumber: "048190999999",
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("APPLICANT_NOT_FOUND");
    expect(unknown.body.error.messageVi).toMatch(/^Không tìm thấy công dân có số định danh 048190999999 /);
  });
});

describe(`queue and refusals are audited (${engine})`, () => {
  it("the queue lists the jurisdiction's dossiers by due date with counts per status", async () => {
    const q = (await (await as("motcua.20194").fetch("/api/officer/dossiers?limit=10")).json()) as {
      items: Array<{ status: string; dueAt: string | null }>;
      total: number;
      byStatus: Record<string, number>;
    };
    expect(q.total).toBe(2);
    expect(q.byStatus).toEqual({ submitted: 1, received: 1 });
    expect(q.items[0]?.status).toBe("received");
    const other = (await (await as("motcua.20197").fetch("/api/officer/dossiers")).json()) as {
      total: number;
    };
    expect(other.total).toBe(0);
    const received = (await (
      await as("motcua.20194").fetch("/api/officer/dossiers?status=received")
    ).json()) as { total: number };
    expect(received.total).toBe(1);
  });

  it("the officer finds a dossier by its code in any case, with spaces around, or by a part of it", async () => {
    const { rows } = await s.db.query<{ code: string }>(
      "select code from dossiers where status = 'received' and commune_code = '20194'",
    );
    const code = rows[0]?.code as string;
    const tail = code.slice(-11); // "261201-0001": the day and the sequence
    const search = async (q: string) =>
      (
        (await (
          await as("motcua.20194").fetch(`/api/officer/dossiers?q=${encodeURIComponent(q)}`)
        ).json()) as {
          items: Array<{ code: string }>;
        }
      ).items.map((i) => i.code);
    for (const [typed, found] of [
      [code, [code]],
      [code.toLowerCase(), [code]],
      [`  ${code}  `, [code]],
      [tail, [code]],
      [`${tail}9`, []],
    ] as const)
      expect(await search(typed), typed).toEqual(found);
    // Another jurisdiction finds nothing by the same part.
    expect(
      (
        (await (await as("motcua.20197").fetch(`/api/officer/dossiers?q=${tail}`)).json()) as {
          total: number;
        }
      ).total,
    ).toBe(0);
  });

  it("acting outside the jurisdiction or in the wrong status is refused, audited, and writes nothing", async () => {
    const { rows } = await s.db.query<{ id: string; last_seq: number }>(
      "select id, last_seq from dossiers where status = 'received'",
    );
    const d = rows[0] as { id: string; last_seq: number };
    const outside = await send(as("motcua.20197"), "POST", `/api/dossiers/${d.id}/actions`, {
      action: "forward",
    });
    expect(outside.status).toBe(404);
    const wrongStatus = await send(as("motcua.20194"), "POST", `/api/dossiers/${d.id}/actions`, {
      action: "return_result",
    });
    expect(wrongStatus.status).toBe(409);
    expect(wrongStatus.body.error?.code).toBe("ILLEGAL_TRANSITION");
    expect(await denied("dossier.forward", `dossier:${d.id}`)).toBe(1);
    expect(await denied("dossier.return_result", `dossier:${d.id}`)).toBe(1);
    const after = await s.db.query<{ last_seq: number }>("select last_seq from dossiers where id = $1", [
      d.id,
    ]);
    expect(after.rows[0]?.last_seq).toBe(d.last_seq);
  });
});
