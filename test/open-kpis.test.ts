// Over 400 lines: the open KPI API's contract (names, CSV, refusals, series, index, OpenAPI) and the must-hold of a new action, on one server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OPEN_KPI_COLUMNS } from "../src/domain/api/kpis.js";
import { dailySnapshot, rebuildKpis } from "../src/modules/metrics/index.js";
import { engine } from "./helpers/db.js";
import { BIRTH_VALUES, people } from "./helpers/fixtures.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

/**
 * GET /api/open/kpis (KPIS.md's JSON names, CSV, bilingual 400s, the OpenAPI document), and the
 * Must-hold: an officer's new action changes the right figures on the open API within 5 s (the
 * rollups move in the action's transaction). The server's clock starts at 2026-11-04 09:00 (UTC+7).
 */
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s?.close();
});

const DAY = "from=2026-11-01&to=2026-11-30";
const open = (query: string, headers: Record<string, string> = {}) =>
  fetch(`${s.baseUrl}/api/open/kpis?${query}`, { headers });
const figures = async (query: string) => (await (await open(query)).json()) as Record<string, unknown>;

describe(`GET /api/open/kpis (${engine})`, () => {
  it("answers exactly KPIS.md's JSON names with the place and period, and no personal data", async () => {
    const res = await open(`level=commune&code=20194&${DAY}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual([...OPEN_KPI_COLUMNS].sort());
    expect(body).toMatchObject({ level: "commune", code: "20194", from: "2026-11-01", to: "2026-11-30" });
    expect(await figures(`level=national&${DAY}`)).toMatchObject({ level: "national", code: null });
  });

  it("the nation with an empty code= (a form's empty field): the national figures, code null, JSON and CSV", async () => {
    const res = await open(`level=national&code=&${DAY}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(await figures(`level=national&${DAY}`));
    const csv = await open(`level=national&code=&${DAY}&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-disposition")).toContain("kpis-national-2026-11-01-2026-11-30.csv");
    expect((await csv.text()).split("\r\n")[1]?.startsWith("national,,2026-11-01,2026-11-30,")).toBe(true);
    const index = await fetch(`${s.baseUrl}/api/open/index766?level=national&code=&${DAY}`);
    expect(index.status).toBe(200);
    expect(((await index.json()) as { code: unknown }).code).toBeNull();
  });

  it("downloads CSV with ?format=csv or Accept: text/csv", async () => {
    for (const res of [
      await open(`level=province&code=48&${DAY}&format=csv`),
      await open(`level=province&code=48&${DAY}`, { accept: "text/csv" }),
    ]) {
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
      expect(res.headers.get("content-disposition")).toContain("kpis-province-48-2026-11-01-2026-11-30.csv");
      const [header, values] = (await res.text()).split("\r\n");
      expect(header).toBe(OPEN_KPI_COLUMNS.join(","));
      expect(values?.startsWith("province,48,2026-11-01,2026-11-30,")).toBe(true);
    }
    // Every CSV the app serves starts with the UTF-8 byte order mark (Excel reads "Hà Nội" right).
    for (const path of [
      `kpis?level=province&code=48&${DAY}&format=csv`,
      `kpis/table?level=commune&code=48&${DAY}&format=csv`,
      `index766?level=province&code=48&${DAY}&format=csv`,
    ]) {
      const bytes = new Uint8Array(await (await fetch(`${s.baseUrl}/api/open/${path}`)).arrayBuffer());
      expect([...bytes.slice(0, 3)], path).toEqual([0xef, 0xbb, 0xbf]);
      // Once: the header's first name follows.
      expect(String.fromCharCode(bytes[3] ?? 0), path).toMatch(/[a-z]/);
    }
    // A narrowed file says so in its name: it never passes for the whole.
    const narrowed = await open(`level=national&${DAY}&agency=cong-an&procedure=1.004222&format=csv`);
    expect(narrowed.headers.get("content-disposition")).toContain(
      'filename="kpis-national-1.004222-cong-an-2026-11-01-2026-11-30.csv"',
    );
  });

  it.each([
    ["level=city&from=2026-11-01&to=2026-11-30", "VALIDATION_FAILED"],
    ["level=national&from=2026-11-30&to=2026-11-01", "KPI_PERIOD_INVALID"],
    ["level=national&from=2026-02-30&to=2026-03-01", "KPI_PERIOD_INVALID"],
    ["level=national&from=20261101&to=2026-11-30", "KPI_PERIOD_INVALID"],
    ["level=national&from=2000-01-01&to=2026-11-30", "KPI_PERIOD_INVALID"],
    ["level=national&from=0000-01-01&to=0001-01-01", "KPI_PERIOD_INVALID"],
    ["level=national&from=1899-12-31&to=1900-01-31", "KPI_PERIOD_INVALID"],
    ["level=province&from=2026-11-01&to=2026-11-30", "KPI_PLACE_INVALID"],
    // An empty code is ignored for the nation only.
    ["level=province&code=&from=2026-11-01&to=2026-11-30", "KPI_PLACE_INVALID"],
    ["level=commune&code=&from=2026-11-01&to=2026-11-30", "KPI_PLACE_INVALID"],
    ["level=national&code=48&from=2026-11-01&to=2026-11-30", "KPI_PLACE_INVALID"],
    ["level=commune&code=48&from=2026-11-01&to=2026-11-30", "KPI_PLACE_INVALID"],
    ["level=province&code=99&from=2026-11-01&to=2026-11-30", "UNKNOWN_PROVINCE"],
    ["level=commune&code=99999&from=2026-11-01&to=2026-11-30", "UNKNOWN_COMMUNE"],
    ["level=national&to=2026-11-30", "VALIDATION_FAILED"],
    ["level=national&from=2026-11-01&to=2026-11-30&agency=tu-phap", "KPI_AGENCY_UNKNOWN"],
    // A mistyped parameter is refused, never answered with the un-narrowed figures.
    ["level=national&from=2026-11-01&to=2026-11-30&agncy=ubnd", "VALIDATION_FAILED"],
  ])("?%s → 400 %s, in Vietnamese and English", async (query, code) => {
    const res = await open(query);
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { code: string; messageVi: string; messageEn: string } };
    expect(error.code).toBe(code);
    expect(error.messageVi.length).toBeGreaterThan(0);
    expect(error.messageEn.length).toBeGreaterThan(0);
  });

  it("lists every province, or every commune of a province, with names, in JSON or CSV", async () => {
    const provinces = (await (
      await open(`level=province&${DAY}`.replace("level", "level"), {})
    ).json()) as unknown;
    expect(provinces).toBeDefined();
    const table = (await (await fetch(`${s.baseUrl}/api/open/kpis/table?level=province&${DAY}`)).json()) as {
      rows: Array<Record<string, unknown>>;
    };
    expect(table.rows).toHaveLength(34);
    expect(table.rows.find((r) => r.code === "48")).toMatchObject({ level: "province", name: "Đà Nẵng" });
    const communes = await fetch(`${s.baseUrl}/api/open/kpis/table?level=commune&code=48&${DAY}&format=csv`);
    expect(communes.headers.get("content-type")).toMatch(/^text\/csv/);
    const lines = (await communes.text()).trim().split("\r\n");
    // A table's CSV names each place (Vietnamese, English) after its code.
    expect(lines[0]).toBe(["level", "code", "name", "nameEn", ...OPEN_KPI_COLUMNS.slice(2)].join(","));
    expect(lines.some((l) => l.startsWith("commune,20194,Hải Vân,Hai Van,2026-11-01,2026-11-30,"))).toBe(
      true,
    );
    // A table's place rule is its own: the nation's provinces (no code), a province's communes
    // (its 2-digit code); the refusal says so, not the single-place rule of /kpis.
    for (const q of ["level=commune", "level=commune&code=20194", "level=province&code=48"]) {
      const bad = await fetch(`${s.baseUrl}/api/open/kpis/table?${q}&${DAY}`);
      expect(bad.status, q).toBe(400);
      const { error } = (await bad.json()) as {
        error: { code: string; messageVi: string; messageEn: string };
      };
      expect(error.code, q).toBe("KPI_TABLE_PLACE_INVALID");
      expect(error.messageVi).toContain("mã tỉnh");
      expect(error.messageEn).toContain("province code");
    }
  });

  it("from 2026-12-02, version 2026.12-domain: every DOMAIN.md indicator, the not measured with null and out of measuredPoints, in JSON and CSV", async () => {
    // Its last day: from 2026-12-03, 2026.12-complaints applies (below).
    const query = "level=province&code=48&from=2026-11-01&to=2026-12-02";
    const card = (await (await fetch(`${s.baseUrl}/api/open/index766?${query}`)).json()) as {
      version: string;
      measuredPoints: number;
      groups: Array<{ id: string; indicators: Array<Record<string, unknown>> }>;
    };
    expect(card.version).toBe("2026.12-domain");
    const indicators = card.groups.flatMap((g) => g.indicators);
    expect(indicators.map((i) => i.id)).toEqual([
      "publicity.apology",
      "progress.onTime",
      "progress.averageTime",
      "online.procedures",
      "online.submitted",
      "online.feeProcedures",
      "online.paidOnline",
      "digitisation.electronicResult",
      "digitisation.digitised",
      "digitisation.reuse",
      "digitisation.population",
      "satisfaction.complaintsOnTime",
      "satisfaction.766",
    ]);
    expect(indicators.find((i) => i.id === "satisfaction.complaintsOnTime")).toMatchObject({
      measured: false,
      value: null,
      score: null,
      fullAt: null,
      points: 9,
    });
    expect(card.measuredPoints).toBeLessThanOrEqual(91);
    const csv = (await (await fetch(`${s.baseUrl}/api/open/index766?${query}&format=csv`)).text()).split(
      "\r\n",
    );
    expect(csv).toHaveLength(1 + 13 + 1);
    expect(csv.find((l) => l.startsWith("satisfaction,satisfaction.complaintsOnTime,"))).toMatch(
      /^satisfaction,satisfaction\.complaintsOnTime,,,,9,,".*",false,false$/,
    );
  });

  it("from 2026-12-03, version 2026.12-complaints: the complaints handled on time measured; none due costs nothing", async () => {
    const card = (await (
      await fetch(`${s.baseUrl}/api/open/index766?level=province&code=48&from=2026-11-01&to=2026-12-31`)
    ).json()) as { version: string; groups: Array<{ indicators: Array<Record<string, unknown>> }> };
    expect(card.version).toBe("2026.12-complaints");
    const i = card.groups.flatMap((g) => g.indicators).find((x) => x.id === "satisfaction.complaintsOnTime");
    expect(i).toMatchObject({
      measured: true,
      value: null,
      fullAt: 1,
      points: 9,
      figure: "complaintsOnTimeShare",
    });
    expect(i?.lost ?? 0).toBe(0);
    // The starter catalogue: 11 procedures, 9 offered fully online (not the certified copy, not marriage).
    expect(card.groups.flatMap((g) => g.indicators).find((x) => x.id === "online.procedures")).toMatchObject({
      value: 9 / 11,
      figure: "proceduresFullyOnlineShare",
      lostDrill: null,
    });
  });

  it("gives the Decision 766 index of a place, versioned", async () => {
    const res = await fetch(`${s.baseUrl}/api/open/index766?level=province&code=48&${DAY}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { version: string; groups: Array<{ id: string; points: number }> };
    expect(body.version).toBe("2022.1-draft");
    expect(body.groups.map((g) => g.points)).toEqual([18, 20, 22, 22, 18]);
  });

  it("downloads the Decision 766 index as CSV: a line per indicator, the JSON's values, its own file name", async () => {
    const query = `level=province&code=48&${DAY}`;
    const card = (await (await fetch(`${s.baseUrl}/api/open/index766?${query}`)).json()) as {
      groups: Array<{ id: string; indicators: Array<Record<string, unknown>> }>;
    };
    // Each source in Vietnamese and in English, as the JSON has them.
    expect(card.groups[0]?.indicators[0]?.sourceVi).toMatch(/Quyết định/);
    const header = "group,indicator,value,threshold,points,max,lost,source_vi,source_en,confirmed,measured";
    // The first indicator's line, written by hand: no value yet (no late dossier), full at 1, 18
    // points, the sources as the JSON has them, quoted (RFC 4180: they hold commas).
    const apology = card.groups[0]?.indicators[0] ?? {};
    const first = `publicity,publicity.apology,,1,,18,,"${apology.sourceVi}","${apology.source}",false,true`;
    for (const res of [
      await fetch(`${s.baseUrl}/api/open/index766?${query}&format=csv`),
      await fetch(`${s.baseUrl}/api/open/index766?${query}`, { headers: { accept: "text/csv" } }),
    ]) {
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
      expect(res.headers.get("content-disposition")).toBe(
        'attachment; filename="index766-province-48-2026-11-01-2026-11-30.csv"',
      );
      const lines = (await res.text()).split("\r\n");
      expect(lines[0]).toBe(header);
      expect(lines[1]).toBe(first);
      expect(lines).toHaveLength(1 + 7 + 1);
    }
    // An unknown parameter is refused as on /api/open/kpis, never answered as if absent.
    const typo = await fetch(`${s.baseUrl}/api/open/index766?${query}&fromat=csv`);
    expect(typo.status).toBe(400);
    expect(((await typo.json()) as { error: { code: string } }).error.code).toBe("VALIDATION_FAILED");
  });

  it("GET /api/open/kpis/months: one request, each month's figures exactly /api/open/kpis's for it", async () => {
    for (const place of [
      "level=national",
      "level=commune&code=20194",
      "level=province&code=48&agency=ubnd",
    ]) {
      // 12 months, the first and the last cut to the period.
      const reads: string[] = [];
      const stop = s.db.observe((sql) => {
        if (/^\s*select[\s\S]*from "kpi_(daily|monthly|province_monthly)"/i.test(sql)) reads.push(sql);
      });
      const res = await fetch(`${s.baseUrl}/api/open/kpis/months?${place}&from=2025-12-15&to=2026-11-20`);
      stop();
      expect(res.status, place).toBe(200);
      // One statement for the 12 months' rollups (grouped by month), one for November's pending
      // complaints (the period is not yet past on 2026-11-04), never one per month.
      expect(reads, place).toHaveLength(2);
      const series = (await res.json()) as {
        from: string;
        to: string;
        months: Array<Record<string, unknown>>;
      };
      expect(series).toMatchObject({ from: "2025-12-15", to: "2026-11-20" });
      expect(series.months.map((m) => `${m.from}..${m.to}`)).toEqual([
        "2025-12-15..2025-12-31",
        ...Array.from({ length: 10 }, (_, i) => {
          const m = String(i + 1).padStart(2, "0");
          const last = new Date(Date.UTC(2026, i + 1, 0)).toISOString().slice(0, 10);
          return `2026-${m}-01..${last}`;
        }),
        "2026-11-01..2026-11-20",
      ]);
      for (const m of series.months)
        expect(m, `${place} ${m.from}`).toEqual(await figures(`${place}&from=${m.from}&to=${m.to}`));
    }
    for (const [query, code] of [
      ["level=national&from=2023-01-01&to=2026-11-30", "KPI_PERIOD_INVALID"],
      ["level=national&from=2026-01-01&to=2026-11-30&procedure=9.999999", "KPI_PROCEDURE_UNKNOWN"],
      ["level=province&from=2026-01-01&to=2026-11-30", "KPI_PLACE_INVALID"],
    ]) {
      const bad = await fetch(`${s.baseUrl}/api/open/kpis/months?${query}`);
      expect(bad.status, query).toBe(400);
      expect(((await bad.json()) as { error: { code: string } }).error.code, query).toBe(code);
    }
  });

  it("is in the OpenAPI document", async () => {
    const doc = (await (await fetch(`${s.baseUrl}/openapi.json`)).json()) as {
      paths: Record<string, { get?: { parameters?: Array<{ name: string }> } }>;
    };
    const get = doc.paths["/api/open/kpis"]?.get;
    expect(get?.parameters?.map((p) => p.name).sort()).toEqual([
      "agency",
      "code",
      "format",
      "from",
      "level",
      "procedure",
      "to",
    ]);
    // The index answers CSV too, and says so.
    const index = doc.paths["/api/open/index766"]?.get as
      | {
          parameters?: Array<{ name: string }>;
          responses?: Record<string, { content?: Record<string, unknown> }>;
        }
      | undefined;
    expect(index?.parameters?.map((p) => p.name)).toContain("format");
    expect(doc.paths["/api/open/kpis/months"]?.get?.parameters?.map((p) => p.name).sort()).toEqual([
      "agency",
      "code",
      "from",
      "level",
      "procedure",
      "to",
    ]);
    expect(Object.keys(index?.responses?.["200"]?.content ?? {}).sort()).toEqual([
      "application/json",
      "text/csv",
    ]);
  });
});

describe(`a new action moves the open figures (${engine})`, () => {
  it("an officer issues a result: finished +1 in the commune, its province and the nation within 5 s; the rebuild agrees", async () => {
    const mother = new Browser(s.baseUrl);
    await mother.signIn(people.mother.pn);
    const id = (await mother.send<{ id: string }>("POST", "/api/dossiers", { procedureCode: "1.001193" }))
      .body.id;
    const submitted = await mother.send<{ status: string }>(
      "POST",
      `/api/dossiers/${id}/submit`,
      { values: BIRTH_VALUES },
      { "idempotency-key": "kpis-0001" },
    );
    expect(submitted.body.status).toBe("submitted");
    const officer = async (login: string) => {
      const b = new Browser(s.baseUrl);
      await b.signIn(login);
      return b;
    };
    const act = async (b: Browser, action: string) =>
      (await b.send<{ status: string }>("POST", `/api/dossiers/${id}/actions`, { action })).body.status;
    const receiver = await officer("motcua.20194");
    const approver = await officer("lanhdao.20194");
    const places = [
      `level=commune&code=20194&${DAY}`,
      `level=province&code=48&${DAY}`,
      `level=national&${DAY}`,
      // The birth registration's agency (the commune People's Committee), here and in the nation.
      `level=commune&code=20194&${DAY}&agency=ubnd`,
      `level=national&${DAY}&agency=ubnd`,
    ];
    const before = await Promise.all(places.map(figures));
    const police = `level=commune&code=20194&${DAY}&agency=cong-an`;
    const policeBefore = await figures(police);
    expect(await act(receiver, "receive")).toBe("received");
    const received = await Promise.all(places.map(figures));
    for (const [i, f] of received.entries()) expect(f.received).toBe(Number(before[i]?.received) + 1);
    expect(await act(await officer("chuyenvien.20194"), "forward")).toBe("in_processing");
    expect(await act(approver, "approve")).toBe("approved");
    const unchanged = await figures(`level=commune&code=20197&${DAY}`);
    const requestedAt = Date.now();
    expect(await act(approver, "issue_result")).toBe("result_issued");
    // From the action's answer (its transaction committed, the rollups with it) to the open figures.
    const issuedAt = Date.now();
    let after = await Promise.all(places.map(figures));
    while (
      after.some((f, i) => f.finished !== Number(before[i]?.finished) + 1) &&
      Date.now() - issuedAt < 5000
    ) {
      await new Promise((r) => setTimeout(r, 100));
      after = await Promise.all(places.map(figures));
    }
    const visibleAfter = Date.now() - issuedAt;
    console.log(
      `issue_result answered in ${issuedAt - requestedAt} ms; figures moved ${visibleAfter} ms after`,
    );
    expect(visibleAfter).toBeLessThan(5000);
    for (const [i, f] of after.entries()) {
      expect(f.finished).toBe(Number(before[i]?.finished) + 1);
      expect(f.onTime).toBe(Number(before[i]?.onTime) + 1);
    }
    expect(await figures(`level=commune&code=20197&${DAY}`)).toEqual(unchanged);
    // Another agency's figures of the same commune do not move.
    expect(await figures(police)).toEqual(policeBefore);
    // The citizen's rating reaches the figures too.
    expect(await act(receiver, "return_result")).toBe("result_returned");
    expect((await mother.send("POST", `/api/dossiers/${id}/rating`, { score: 5 })).status).toBeLessThan(300);
    const rated = await figures(`level=commune&code=20194&${DAY}`);
    expect(rated.rated).toBe(Number(before[0]?.rated) + 1);
    // The month by month series (the dashboard's trend) has the same figures, not zeros.
    const series = (await (
      await fetch(`${s.baseUrl}/api/open/kpis/months?level=commune&code=20194&from=2026-10-01&to=2026-11-30`)
    ).json()) as { months: Array<Record<string, unknown>> };
    expect(series.months[1]).toEqual(rated);
    expect(series.months[1]?.finished).toBeGreaterThan(0);
    // Drill-down: the dossier behind the figure, for the leaders whose jurisdiction holds it.
    type Drill = { total: number; items: Array<{ id: string; link: string; onTime: boolean }> };
    const drill = (b: Browser, q: string) => b.send<Drill>("GET", `/api/leader/kpis/dossiers?${q}&${DAY}`);
    const mine = await drill(approver, "figure=onTimeShare&level=commune&code=20194");
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((i) => i.id)).toContain(id);
    expect(mine.body.items.find((i) => i.id === id)).toMatchObject({
      onTime: true,
      link: `/can-bo/ho-so/${id}`,
    });
    expect(
      (await drill(approver, "figure=onTimeShare&part=rest&level=commune&code=20194")).body.items.map(
        (i) => i.id,
      ),
    ).not.toContain(id);
    // The Decision 766 indicators of 2026.12 follow the live action too: the mother's details came
    // from the population registry (its prefill), the result is electronic, no fee.
    for (const figure of ["populationDataShare", "electronicResultShare"])
      expect(
        (await drill(approver, `figure=${figure}&level=commune&code=20194`)).body.items.map((i) => i.id),
        figure,
      ).toContain(id);
    expect(
      (await drill(approver, "figure=paidOnlineShare&part=rest&level=commune&code=20194")).body.items.map(
        (i) => i.id,
      ),
    ).not.toContain(id);
    const leader = await officer("lanhdao.tinh.48");
    expect((await drill(leader, "figure=finished&level=province&code=48&limit=1")).body).toMatchObject({
      total: Number(after[1]?.finished),
    });
    expect((await drill(approver, "figure=finished&level=province&code=48")).status).toBe(403);
    expect((await drill(leader, "figure=finished&level=province&code=01")).status).toBe(403);
    // The national viewer lists them too, without a link to the dossier's page (its personal data).
    const national = await drill(await officer("quocgia"), "figure=finished&level=national");
    expect(national.status).toBe(200);
    expect(national.body.items.find((i) => i.id === id)?.link).toBeNull();
    expect((await drill(approver, "figure=bogus&level=national")).status).toBe(400);
    const incremental = await dailySnapshot(s.db);
    await rebuildKpis(s.db);
    expect(await dailySnapshot(s.db)).toEqual(incremental);
  });
});
