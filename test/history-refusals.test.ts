import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseHistoryLine } from "../src/domain/history.js";
import { kpiFigures } from "../src/modules/metrics/index.js";
import { createTestDatabase, engine, type TestDatabase } from "./helpers/db.js";
import { runCli } from "./helpers/history.js";

/**
 * A history line refused by the format says why in both languages, each reason its own: a value of
 * the wrong type is not "missing" (zod v4 leaves the input out of its issues), a number out of
 * range says its limit, a line that is not a JSON object says so. An action's role refused by the
 * live lifecycle names the roles that may take it (`TRANSITIONS`, the one rule): a fee paid at the
 * counter is recorded by `system` with `online: false`, never by the receiver. Through
 * `npm run import` each refused line is reported with its number and these words.
 */
const NOW = "2026-12-01T09:00:00+07:00";
const EXAMPLE = JSON.parse(
  fs.readFileSync(new URL("./fixtures/kpis-example.ndjson", import.meta.url), "utf8"),
) as Record<string, unknown> & { actions: Array<Record<string, unknown>> };
const withActions = (change: (a: Array<Record<string, unknown>>) => Array<Record<string, unknown>>) => ({
  ...EXAMPLE,
  actions: change(EXAMPLE.actions),
});
const { fee: _fee, ...withoutFee } = EXAMPLE;

/** A counter dossier with a 50,000 đồng fee recorded right after its receipt, by `role`. */
const counterPaid = (n: number, role: string) => ({
  ...EXAMPLE,
  code: `UB.20194.H48-261005-${String(n).padStart(4, "0")}`,
  channel: "counter",
  fee: 50_000,
  actions: [
    { at: "2026-10-05T08:10:00+07:00", action: "submit", role: "receiver" },
    { at: "2026-10-05T08:15:00+07:00", action: "receive", role: "receiver" },
    { at: "2026-10-05T08:20:00+07:00", action: "record_payment", role, online: false },
  ],
});

const ROLE_REFUSED = {
  vi: 'Trường actions.2.role (hành động thứ 3, record_payment): vai trò receiver không được thực hiện hành động này khi hồ sơ ở trạng thái "đã tiếp nhận"; chỉ vai trò system được thực hiện (phí nộp tại quầy cũng ghi với role "system" và "online": false).',
  en: 'Field actions.2.role (action 3, record_payment): role receiver may not take this action while the dossier is "received"; only role system may (a fee paid at the counter too: role "system" with "online": false).',
};

const REFUSED: Array<[string, unknown, string, string]> = [
  [
    "fee of the wrong type",
    { ...EXAMPLE, fee: "abc" },
    'Trường fee không hợp lệ: sai kiểu, cần một số, nhận được một chuỗi "abc".',
    'Field fee is invalid: wrong type, expected a number, received a string "abc".',
  ],
  ["fee missing", withoutFee, "Thiếu trường bắt buộc fee.", "Missing required field fee."],
  [
    "fee null",
    { ...EXAMPLE, fee: null },
    "Trường fee không hợp lệ: sai kiểu, cần một số, nhận được null.",
    "Field fee is invalid: wrong type, expected a number, received null.",
  ],
  [
    "fee not whole",
    { ...EXAMPLE, fee: 1.5 },
    "Trường fee không hợp lệ: sai kiểu, cần một số nguyên, nhận được một số 1.5.",
    "Field fee is invalid: wrong type, expected an integer, received a number 1.5.",
  ],
  [
    "fee below zero",
    { ...EXAMPLE, fee: -1 },
    "Trường fee không hợp lệ: nhỏ hơn mức tối thiểu 0 (nhận được -1).",
    "Field fee is invalid: less than the minimum 0 (received -1).",
  ],
  [
    "rating above 5",
    { ...EXAMPLE, rating: 9 },
    "Trường rating không hợp lệ: lớn hơn mức tối đa 5 (nhận được 9).",
    "Field rating is invalid: more than the maximum 5 (received 9).",
  ],
  [
    "complaint as text",
    { ...EXAMPLE, complaint: "no" },
    'Trường complaint không hợp lệ: sai kiểu, cần một giá trị true/false, nhận được một chuỗi "no".',
    'Field complaint is invalid: wrong type, expected a boolean (true/false), received a string "no".',
  ],
  [
    "a count as text, nested",
    { ...EXAMPLE, fields: { total: "24", prefilled: 17 } },
    'Trường fields.total không hợp lệ: sai kiểu, cần một số, nhận được một chuỗi "24".',
    'Field fields.total is invalid: wrong type, expected a number, received a string "24".',
  ],
  [
    "channel not one of the list",
    { ...EXAMPLE, channel: "fax" },
    "Trường channel không hợp lệ: giá trị phải là một trong: online, online_on_behalf, counter.",
    "Field channel is invalid: the value must be one of: online, online_on_behalf, counter.",
  ],
  [
    "procedure empty",
    { ...EXAMPLE, procedure: "" },
    "Trường procedure không hợp lệ: không được để trống.",
    "Field procedure is invalid: must not be empty.",
  ],
  [
    "no action",
    { ...EXAMPLE, actions: [] },
    "Trường actions không hợp lệ: cần ít nhất 1 phần tử.",
    "Field actions is invalid: needs at least 1 item.",
  ],
  [
    "an action without its instant",
    withActions((a) => a.map((x, i) => (i === 1 ? { action: x.action, role: x.role } : x))),
    "Thiếu trường bắt buộc actions.1.at.",
    "Missing required field actions.1.at.",
  ],
  [
    "an unknown field",
    { ...EXAMPLE, priority: 1 },
    "Dòng không hợp lệ: có trường không được phép: priority.",
    "The line is invalid: unknown field(s): priority.",
  ],
  [
    "a code of another shape",
    { ...EXAMPLE, code: "X-1" },
    "Trường code không hợp lệ: cần một mã hồ sơ dạng UB.20194.H48-261005-0001.",
    "Field code is invalid: expected a dossier code such as UB.20194.H48-261005-0001.",
  ],
  [
    "a JSON array",
    [EXAMPLE],
    "Dòng phải là một đối tượng JSON ({…}), không phải một mảng.",
    "The line must be a JSON object ({…}), not an array.",
  ],
  [
    "a JSON string",
    "UB.20194.H48-261005-0001",
    "Dòng phải là một đối tượng JSON ({…}), không phải một chuỗi.",
    "The line must be a JSON object ({…}), not a string.",
  ],
  [
    "JSON null",
    null,
    "Dòng phải là một đối tượng JSON ({…}), không phải null.",
    "The line must be a JSON object ({…}), not null.",
  ],
  ["a counter fee recorded by the receiver", counterPaid(2, "receiver"), ROLE_REFUSED.vi, ROLE_REFUSED.en],
];

describe("history lines refused, each with its own reason in Vietnamese and English", () => {
  it.each(REFUSED)("%s", (_name, line, vi, en) => {
    expect(parseHistoryLine(JSON.stringify(line), { now: new Date(NOW) })).toEqual({ ok: false, vi, en });
    expect(vi).not.toMatch(/[Ii]nvalid|expected|received|missing/);
  });

  it.each([
    ["a counter fee recorded by the platform, not online", counterPaid(3, "system")],
    // KPIS.md counts ratings and complaints among finished dossiers only and sets no time for them:
    // an open dossier's rating or complaint is kept and counts once the dossier is decided.
    ["an open dossier with a rating and a complaint", withActions((a) => a.slice(0, 2))],
  ])("accepts %s", (_name, line) => {
    const parsed = parseHistoryLine(JSON.stringify(line), { now: new Date(NOW) });
    expect(parsed.ok ? "ok" : parsed.en).toBe("ok");
  });
});

describe(`npm run import reports each refused line with its number and reason (${engine})`, () => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase("ready");
  });
  afterAll(async () => {
    await tdb?.dispose();
  });

  it("imports the counter fee recorded by the platform; refuses the wrong type, the array and the receiver's payment", async () => {
    const file = path.join(tdb.dataDir, "refusals.ndjson");
    const lines = [
      { ...EXAMPLE, code: "UB.20194.H48-261005-0011", fee: "abc" },
      [EXAMPLE],
      counterPaid(12, "receiver"),
      counterPaid(13, "system"),
    ];
    fs.writeFileSync(file, `${lines.map((l) => JSON.stringify(l)).join("\n")}\n`);
    const run = await runCli(tdb, "import", [file, "--now", NOW]);
    const reported = run.stderr.split("\n").filter((l) => l.startsWith("dòng / line"));
    expect(reported).toEqual([
      'dòng / line 1: Trường fee không hợp lệ: sai kiểu, cần một số, nhận được một chuỗi "abc". / Field fee is invalid: wrong type, expected a number, received a string "abc".',
      "dòng / line 2: Dòng phải là một đối tượng JSON ({…}), không phải một mảng. / The line must be a JSON object ({…}), not an array.",
      `dòng / line 3: ${ROLE_REFUSED.vi} / ${ROLE_REFUSED.en}`,
    ]);
    expect(run.stdout).toContain("Imported 1 dossiers, 0 already present, 3 lines refused");
    const db = await tdb.open();
    try {
      const got = await kpiFigures(
        db,
        { level: "commune", code: "20194" },
        { from: "2026-10-01", to: "2026-10-31" },
      );
      // The counter dossier imported: received, not online, not yet finished.
      expect(got).toMatchObject({ received: 1, onlineShare: 0, finished: 0 });
    } finally {
      await db.close();
    }
  }, 120_000);
});
