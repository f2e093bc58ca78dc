import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import type { Db } from "../src/db/client.js";
import { dueAt } from "../src/domain/due.js";
import { ProcedureDefinition } from "../src/domain/procedure.js";
import { STARTER_CATALOGUE } from "../src/modules/catalog/index.js";
import { buildApp } from "../src/server/app.js";
import { createReadyDatabase, engine, type TestDatabase } from "./helpers/db.js";
import { freePort } from "./helpers/server.js";

// Local wall-clock time in Vietnam (UTC+07:00).
const vn = (localIso: string): Date => new Date(`${localIso}:00+07:00`);

describe("receiving a dossier on Wed 29/12/2027 (issue 9): due dates in 2028 come from the data", () => {
  // Thu 30, Fri 31 Dec; Sat 1 Jan 2028 is New Year's Day, compensated on Mon 3 Jan;
  // then Tue 4, Wed 5, Thu 6, Fri 7, Mon 10 Jan. Due at 17:00 local = 10:00Z.
  const expected: Record<number, string> = {
    0: "2027-12-29T10:00:00.000Z",
    1: "2027-12-30T10:00:00.000Z",
    2: "2027-12-31T10:00:00.000Z",
    3: "2028-01-04T10:00:00.000Z",
    5: "2028-01-06T10:00:00.000Z",
    7: "2028-01-10T10:00:00.000Z",
  };
  const procedures = STARTER_CATALOGUE.map((d) => ProcedureDefinition.parse(d));

  it.each(procedures.map((d) => [d.code, d]))("%s", (_code, def) => {
    if (!("workingDays" in def.timeLimit)) throw new Error("starter procedures count working days");
    expect(dueAt(vn("2027-12-29T10:00"), def.timeLimit).toISOString()).toBe(
      expected[def.timeLimit.workingDays],
    );
  });
});

describe(`calendar years over HTTP (${engine})`, () => {
  let tdb: TestDatabase;
  let db: Db;
  let app: FastifyInstance;
  let baseUrl: string;
  let clock = vn("2030-06-01T09:00");

  beforeAll(async () => {
    ({ tdb, db } = await createReadyDatabase());
    const port = await freePort();
    const config = loadConfig({ LOG_LEVEL: "silent", DATA_DIR: tdb.dataDir }, { port, host: "127.0.0.1" });
    app = await buildApp({ config, db, logger: false, now: () => clock });
    await app.listen({ port, host: "127.0.0.1" });
    baseUrl = config.publicUrl;
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
    await tdb?.dispose();
  });

  const due = (receivedAt: string, days: number) =>
    fetch(`${baseUrl}/api/calendar/due?receivedAt=${encodeURIComponent(receivedAt)}&days=${days}`);

  it("a due date in 2028 is computed: received 29/12/2027 10:00, 5 working days", async () => {
    const res = await due("2027-12-29T10:00:00+07:00", 5);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      effectiveReceiptDay: "2027-12-29",
      dueAt: "2028-01-06T10:00:00.000Z",
    });
  });

  it("a due date in 2031 (no data yet) answers 503 CALENDAR_YEAR_MISSING in both languages, not 500", async () => {
    const res = await due("2030-12-30T10:00:00+07:00", 5);
    expect(res.status).toBe(503);
    const body = (await res.json()) as { error: Record<string, unknown> };
    expect(body.error).toMatchObject({ code: "CALENDAR_YEAR_MISSING", status: 503 });
    expect(body.error.messageVi).toContain("Lịch ngày làm việc năm 2031 chưa được cập nhật");
    expect(body.error.messageEn).toContain("working-day calendar of 2031 has not been loaded");
    // The last covered day itself still works.
    expect((await due("2030-12-30T10:00:00+07:00", 1)).status).toBe(200);
  });

  it("/readyz stays 200 and warns once the data ends within 90 days", async () => {
    clock = vn("2030-06-01T09:00");
    const quiet = await fetch(`${baseUrl}/readyz`);
    expect(quiet.status).toBe(200);
    expect(await quiet.json()).toEqual({ status: "ready", database: engine });

    clock = vn("2030-11-01T09:00");
    const warned = await fetch(`${baseUrl}/readyz`);
    expect(warned.status).toBe(200);
    expect(await warned.json()).toEqual({
      status: "ready",
      database: engine,
      warnings: [
        {
          code: "CALENDAR_ENDING",
          messageVi:
            "Lịch ngày làm việc chỉ có dữ liệu đến hết ngày 31/12/2030 (còn 60 ngày). " +
            "Cần cập nhật ngày nghỉ lễ, Tết năm 2031 vào data/calendar/holidays.json.",
          messageEn:
            "The working-day calendar has data only until 31/12/2030 (60 days left). " +
            "Add the holidays of 2031 to data/calendar/holidays.json.",
          lastCoveredDay: "2030-12-31",
          daysLeft: 60,
        },
      ],
    });
  });

  it("exposes when the data ends as a Prometheus gauge", async () => {
    const text = await (await fetch(`${baseUrl}/metrics`)).text();
    // 2030-12-31T17:00:00Z = 00:00 on 1/1/2031 in Vietnam.
    expect(text).toMatch(/^mot_lan_calendar_last_covered_day_seconds 1924966800$/m);
  });
});
