import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseHistoryLine } from "../src/domain/history.js";
import { historyCache, recordHistoryLines } from "../src/modules/dossiers/index.js";
import { engine } from "./helpers/db.js";
import { historyLine } from "./helpers/history.js";
import { needsPoppler, pdfText } from "./helpers/poppler.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

/**
 * The apology slip of an imported dossier (KPIS.md import format: a personal number, no name): it
 * addresses the citizen respectfully by the number, never by the bare number as a name; and its
 * number ("Số: PXL-<dossier code>-1", the longest the platform prints) sits on one line in the
 * Decree 30/2020 header, under the authority, beside the national title. Clock: 2026-11-04 09:00.
 */
let s: TestServer;
let id = "";
let code = "";
beforeAll(async () => {
  s = await startTestServer();
  // Received on 2 November, same-day procedure: late by now, still open.
  const line = historyLine({ n: 4321, commune: "20194", channel: "online", receiveAt: "11-02 09:00" });
  const parsed = parseHistoryLine(JSON.stringify(line), { now: s.now() });
  if (!parsed.ok) throw new Error(parsed.en);
  await s.db.tx((q) => recordHistoryLines(q, [{ n: 1, dossier: parsed.dossier }], historyCache()));
  code = String(line.code);
  const { rows } = await s.db.query<{ id: string }>("select id from dossiers where code = $1", [code]);
  id = rows[0]?.id ?? "";
}, 120_000);
afterAll(async () => {
  await s?.close();
});

describe.runIf(needsPoppler)(`the apology slip of an imported dossier (${engine})`, () => {
  it("addresses the citizen by the personal number respectfully; 'Số:' and the number on one line", async () => {
    const specialist = new Browser(s.baseUrl);
    await specialist.signIn("chuyenvien.20194");
    const res = await specialist.send<{ apology: { slipNumber: string } }>(
      "POST",
      `/api/dossiers/${id}/actions`,
      {
        action: "apologize",
        reason: "Cần xác minh thêm thông tin với cơ quan khác.",
        newDueAt: "2026-11-06T17:00:00+07:00",
      },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const pdf = await specialist.fetch(`/api/dossiers/${id}/apology.pdf`);
    expect(pdf.status).toBe(200);
    const text = pdfText(Buffer.from(await pdf.arrayBuffer()));
    const lines = text.split("\n").map((l) => l.trim());
    // The number whole on the line of "Số:".
    expect(lines).toContain(`Số: PXL-${code}-1`);
    const flat = text.replace(/\s+/g, " ");
    expect(flat).toContain("Kính gửi: Ông/Bà (công dân có số định danh cá nhân 048094604321)");
    expect(flat).not.toMatch(/Ông\/Bà 048094604321/);
    // The Decree 30/2020 header and body, as the results have them.
    for (const part of [
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
      "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
      `Hồ sơ số: ${code}`,
      "Hẹn lại ngày trả kết quả: 06/11/2026",
      "(Đã ký số)",
    ])
      expect(flat).toContain(part);
    expect(flat.indexOf("Số: PXL-")).toBeLessThan(flat.indexOf("PHIẾU XIN LỖI"));
  });
});
