import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedHistory } from "../src/cli/history.js";
import { localDate, localInstant } from "../src/domain/calendar/index.js";
import { engine } from "./helpers/db.js";
import { needsPoppler, pdfText } from "./helpers/poppler.js";
import { Browser, startTestServer, TEST_START, type TestServer } from "./helpers/server.js";

/**
 * Issue 14 (review): the demo's seeded finished dossiers have a real signed result. An imported
 * dossier whose result the old system issued electronically gets it on first request, through the
 * app's own issuance (`issueResult`), dated the approver's action: the officer downloads the PDF,
 * anyone verifies it by number; one the old system returned on paper says so (RESULT_ON_PAPER).
 */
let s: TestServer;
const officer = () => new Browser(s.baseUrl);
let chuyenvien: Browser;
type Row = { id: string; code: string; electronic: boolean; at: Date };
let rows: Row[] = [];
beforeAll(async () => {
  s = await startTestServer();
  await seedHistory(s.db, {
    seed: 1,
    now: TEST_START,
    months: 2,
    perCommuneMonth: 12,
    communes: [{ code: "20194", provinceCode: "48" }],
  });
  rows = (
    await s.db.query<Row>(
      `select d.id, d.code, (a.payload->>'electronic')::boolean as electronic, a.at
       from dossiers d join dossier_actions a on a.dossier_id = d.id and a.province_code = d.province_code
       where d.created_by_kind = 'import' and a.action = 'issue_result' order by d.code`,
    )
  ).rows;
  chuyenvien = officer();
  await chuyenvien.signIn("chuyenvien.20194");
}, 300_000);
afterAll(async () => s?.close());

describe(`seeded finished dossiers have their signed result (${engine})`, () => {
  it("the officer downloads the result PDF of a seeded dossier; verification by number finds it", async () => {
    const d = rows.find((r) => r.electronic) as Row;
    expect(d).toBeDefined();
    const r = await chuyenvien.send<{
      number: string;
      downloadUrl: string;
      verifyUrl: string;
      issuedAt: string;
    }>("GET", `/api/dossiers/${d.id}/result`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.number).toBe(`KQ-${d.code}`);
    expect(new Date(r.body.issuedAt).getTime()).toBe(new Date(d.at).getTime());
    const pdf = await chuyenvien.fetch(r.body.downloadUrl);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    // Asked twice, or by two at once: one result, the same document.
    const again = await Promise.all([
      chuyenvien.fetch(r.body.downloadUrl),
      chuyenvien.send<{ number: string }>("GET", `/api/dossiers/${d.id}/result`),
    ]);
    expect(Buffer.from(await again[0].arrayBuffer()).equals(bytes)).toBe(true);
    const n = await s.db.query<{ n: number }>(
      "select count(*)::int as n from results where dossier_id = $1",
      [d.id],
    );
    expect(n.rows[0]?.n).toBe(1);
    // Anyone verifies it: by the number and code of its QR link, and by the file itself.
    const url = new URL(r.body.verifyUrl);
    const number = decodeURIComponent(url.pathname.split("/xac-minh/")[1] ?? "");
    const byNumber = await fetch(
      `${s.baseUrl}/api/results/${encodeURIComponent(number)}?t=${url.searchParams.get("t")}`,
    );
    expect(await byNumber.json()).toMatchObject({ valid: true, number: `KQ-${d.code}` });
    const byFile = await fetch(`${s.baseUrl}/api/results/verify`, {
      method: "POST",
      headers: { "content-type": "application/pdf" },
      body: bytes,
    });
    expect(await byFile.json()).toMatchObject({ valid: true, number: `KQ-${d.code}` });
  });

  it("a seeded dossier whose result was returned on paper says so, with a code", async () => {
    const d = rows.find((r) => !r.electronic) as Row;
    expect(d).toBeDefined();
    const r = await chuyenvien.send<{ error: { code: string; messageVi: string; messageEn: string } }>(
      "GET",
      `/api/dossiers/${d.id}/result`,
    );
    // 409, not 404: the dossier has a result, a paper one; there is nothing electronic to give.
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe("RESULT_ON_PAPER");
    expect(r.body.error.messageVi).toBe(
      "Kết quả của hồ sơ này là bản giấy, nhận tại Bộ phận Tiếp nhận và Trả kết quả; hồ sơ không có kết quả điện tử để tải về.",
    );
    expect(r.body.error.messageEn).toBe(
      "This dossier's result is a paper document, collected at the one-stop counter; there is no electronic result to download.",
    );
    const pdf = await chuyenvien.fetch(`/api/dossiers/${d.id}/result.pdf`);
    expect(pdf.status).toBe(409);
    // The OpenAPI document says so.
    const doc = (await (await fetch(`${s.baseUrl}/openapi.json`)).json()) as {
      paths: Record<string, { get: { description?: string; responses: Record<string, unknown> } }>;
    };
    const route = doc.paths["/api/dossiers/{id}/result"]?.get;
    expect(Object.keys(route?.responses ?? {})).toContain("409");
    expect(route?.description).toContain("409 RESULT_ON_PAPER");
  });

  it("a seeded dossier names its applicant, a person of the registry, in the queue and on the officer's screen", async () => {
    const queue = await chuyenvien.send<{
      items: { id: string; applicantNumber: string; applicantName: string | null }[];
    }>("GET", "/api/officer/dossiers?limit=50");
    expect(queue.status).toBe(200);
    expect(queue.body.items.length).toBeGreaterThan(0);
    const registry = new Map(
      (
        await s.db.query<{ pn: string; name: string }>(
          "select personal_number as pn, full_name as name from persons",
        )
      ).rows.map((p) => [p.pn, p.name]),
    );
    for (const item of queue.body.items)
      expect(item.applicantName).toBe(registry.get(item.applicantNumber) ?? null);
    expect(queue.body.items.every((i) => i.applicantName !== null)).toBe(true);
    // The holder is named by the officer account's name, not its username: claim an open dossier.
    // (a seeded dossier of the commune's agency, held by this officer: the generated history may hold
    // no open dossier to claim, so the holder is set as a claim would set it)
    const seeded = (
      await s.db.query<{ id: string; pn: string }>(
        `select id, applicant_number as pn from dossiers
         where created_by_kind = 'import' and agency_code like 'UB.20194.%' order by code limit 1`,
      )
    ).rows[0];
    expect(seeded).toBeDefined();
    const id = seeded?.id ?? "";
    const claimedNumber = seeded?.pn ?? "";
    await s.db.query("update dossiers set assignee = 'chuyenvien.20194' where id = $1", [id]);
    const view = await chuyenvien.send<{ assignee: string; assigneeName: string; applicantName: string }>(
      "GET",
      `/api/dossiers/${id}`,
    );
    const officer = await s.db.query<{ name: string }>(
      "select full_name as name from officers where username = 'chuyenvien.20194'",
    );
    expect(view.body.assignee).toBe("chuyenvien.20194");
    expect(view.body.assigneeName).toBe(officer.rows[0]?.name);
    expect(view.body.assigneeName).not.toContain("chuyenvien");
    expect(view.body.applicantName).toBe(registry.get(claimedNumber));
    expect(view.body.applicantName).toBeTruthy();
  });

  it("every seeded result is signed in office hours, Vietnam time", () => {
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      const at = new Date(r.at);
      const day = localDate(at);
      const inHours =
        (at >= localInstant(day, "07:30") && at < localInstant(day, "11:30")) ||
        (at >= localInstant(day, "13:00") && at < localInstant(day, "17:00"));
      expect(inHours, `${r.code} signed at ${at.toISOString()}`).toBe(true);
    }
  });

  it.runIf(needsPoppler)(
    "a seeded result's PDF names the applicant and says its content is on paper",
    async () => {
      const d = rows.find((r) => r.electronic) as Row;
      const r = await chuyenvien.send<{ downloadUrl: string }>("GET", `/api/dossiers/${d.id}/result`);
      const pdf = Buffer.from(await (await chuyenvien.fetch(r.body.downloadUrl)).arrayBuffer());
      const text = pdfText(pdf).replace(/\s+/g, " ");
      const applicant = await s.db.query<{ name: string }>(
        "select applicant_name as name from dossiers where id = $1",
        [d.id],
      );
      const name = applicant.rows[0]?.name ?? "";
      expect(name).not.toBe("");
      expect(text).toContain(`Người yêu cầu: ${name}`);
      expect(text).toContain("Nội dung chi tiết của giấy tờ này được cấp trên bản giấy");
      expect(text).not.toMatch(/0[0-6] giờ|2[0-3] giờ|1[89] giờ/);
    },
  );
});
