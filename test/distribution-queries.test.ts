import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Placement, readPlacements } from "../src/db/placement.js";
import { engine } from "./helpers/db.js";
import { BIRTH_VALUES, people } from "./helpers/fixtures.js";
import { nestedReaderCalls, plpgsqlStatements, tableUses } from "./helpers/routing.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

/**
 * Every statement of one citizen-to-officer journey names the distribution key of each
 * distributed table it touches (docs/scaling.md), so that on Citus it runs on one shard. The
 * statements are captured from the database client (`Db.observe`) while the journey runs over
 * HTTP, and read with PostgreSQL's parser (test/helpers/routing.ts). The few statements that
 * are national by nature are listed below with their reason; anything else fails the test. The
 * patterns are matched against the statement with its identifier quotes removed (the query
 * builder quotes every identifier: `"d"."id"` reads `d.id`).
 */
const EXCEPTIONS: ReadonlyArray<{ pattern: RegExp; reason: string }> = [
  {
    pattern: /^select code(, .*)? from dossiers where procedure_code = \$1 and life_event_key = \$2/,
    reason:
      "submit (and the register step) of a birth, death or marriage: one registration per event in the whole country; one index probe per shard (the unique index guards each province)",
  },
  {
    pattern:
      /^select max\(substr\(personal_number, 7\)::int\) as serial from persons where personal_number between \$1::text \|\| '000000'/,
    reason:
      "a registered birth's new personal number: the highest number of its prefix, a range of the distribution key (one index probe per shard), then taken past it under the prefix's serial row",
  },
  {
    pattern:
      /from dossiers as d inner join procedure_versions as pv on .* where d\.applicant_number = \$1 (and not \(d\.status = \$2 and d\.submitted_at is null\) )?order by d\.created_at desc/,
    reason: "the citizen's own dossiers (deleted drafts left out), in every province they filed in",
  },
  {
    pattern:
      /from dossier_actions as a inner join dossiers as d on d\.province_code = a\.province_code and d\.id = a\.dossier_id inner join procedure_versions as pv on .* where d\.applicant_number = \$1/,
    reason: "the citizen's notifications, from their dossiers in every province (a colocated join)",
  },
  {
    pattern:
      /from correction_requests as c inner join dossiers as d on d\.province_code = c\.province_code and d\.id = c\.dossier_id inner join procedure_versions as pv on .* where d\.applicant_number = \$1/,
    reason:
      "the citizen's notifications of correction decisions, from their dossiers in every province (a colocated join)",
  },
  {
    pattern:
      /from notifications as n left join linked_groups as g on g\.province_code = n\.province_code and g\.id = n\.group_id left join dossiers as d on d\.province_code = n\.province_code and d\.id = n\.dossier_id where n\.personal_number = \$1/,
    reason:
      "the in-app copies of the citizen's messages (linked groups' news, a spouse's request to the head), in every province (a partial index on the person's number; colocated joins)",
  },
  {
    pattern: /^select distinct province_code from outbox where state = 'pending'/,
    reason:
      "the dispatcher's look for provinces with messages to deliver (one partial-index probe per shard); it then claims each province's messages by its key",
  },
  {
    pattern:
      /^select procedure_code as code, count\(\*\)::int as n from dossiers where status <> 'draft' group by procedure_code/,
    reason: "the catalogue's most-filed order: a national count",
  },
  {
    pattern: /^select distinct commune_code as commune from households where commune_code is not null/,
    reason: "DEMO only: the demo sign-in page lists first the communes where demo residents live",
  },
];

let s: TestServer;
const statements: string[] = [];
let stop: () => void = () => undefined;
beforeAll(async () => {
  s = await startTestServer();
  stop = s.db.observe((sql) => statements.push(sql.replace(/\s+/g, " ").trim()));
});
afterAll(async () => {
  stop();
  await s?.close();
});

type View = { id: string; code: string | null; status: string };
const TYPED = BIRTH_VALUES;

describe("the statement reader pins a distributed table by its key, as Citus's router would", () => {
  const dist = (column: string, colocateWith: string | null = null) =>
    ({ kind: "distributed", column, colocateWith, sentinel: null }) as const;
  const placements = new Map<string, Placement>([
    ["dossiers", dist("province_code")],
    ["dossier_actions", dist("province_code", "dossiers")],
    ["persons", dist("personal_number")],
    ["procedure_versions", { kind: "reference" }],
  ]);
  it.each([
    ["select * from dossiers where id = $1", "dossiers:false"],
    ["select * from dossiers d where d.province_code = $1 and d.id = $2 for update", "dossiers:true"],
    ["insert into dossiers (id, status) values ($1, $2)", "dossiers:false"],
    ["insert into dossiers (id, province_code) values ($1, $2)", "dossiers:true"],
    ["update dossiers set status = $2 where id = $1", "dossiers:false"],
    ["update dossiers d set status = $3 where d.province_code = $1 and d.id = $2", "dossiers:true"],
    [
      "select a.seq from dossier_actions a join dossiers d on d.province_code = a.province_code and d.id = a.dossier_id where d.province_code = $1",
      "dossier_actions:true dossiers:true",
    ],
    [
      "select a.seq from dossier_actions a join dossiers d on d.id = a.dossier_id where d.province_code = $1",
      "dossier_actions:false dossiers:true",
    ],
    [
      "select (select a.actor_id from dossier_actions a where a.dossier_id = d.id limit 1) from dossiers d where d.province_code = $1",
      "dossier_actions:false dossiers:true",
    ],
    // Correlated on the key only: Citus 13 runs a select-list subquery on every shard.
    [
      "select (select a.actor_id from dossier_actions a where a.province_code = d.province_code and a.dossier_id = d.id limit 1) from dossiers d where d.province_code = $1",
      "dossier_actions:false dossiers:true",
    ],
    [
      "select (select a.actor_id from dossier_actions a where a.province_code = $1 and a.province_code = d.province_code and a.dossier_id = d.id limit 1) from dossiers d where d.province_code = $1",
      "dossier_actions:true dossiers:true",
    ],
    [
      "select g.id from dossiers g where g.province_code = $1 and exists (select 1 from dossier_actions s join dossiers d on d.province_code = s.province_code and d.id = s.dossier_id where s.province_code = g.province_code and d.commune_code = $2)",
      "dossiers:true dossier_actions:false dossiers:false",
    ],
    [
      "select g.id from dossiers g where g.province_code = $1 and exists (select 1 from dossier_actions s join dossiers d on d.province_code = s.province_code and d.id = s.dossier_id where s.province_code = $1 and d.commune_code = $2)",
      "dossiers:true dossier_actions:true dossiers:true",
    ],
    ["select * from persons p where p.personal_number = any($1::bpchar[])", "persons:true"],
    ["select * from procedure_versions where code = $1", ""],
  ])("%s → %s", (sql, expected) => {
    expect(
      tableUses(sql, placements)
        .map((u) => `${u.table}:${u.pinned}`)
        .join(" "),
    ).toBe(expected);
  });
});

describe(`every statement of a journey names its distribution key (${engine})`, () => {
  it("sign in, prefill, file, receive, process, approve, issue, return, reuse the result, rate, leader views", async () => {
    const mother = new Browser(s.baseUrl);
    await mother.signIn(people.mother.pn);
    expect((await mother.send("GET", "/api/procedures/1.001193/prefill")).status).toBe(200);
    const created = await mother.send<View>("POST", "/api/dossiers", { procedureCode: "1.001193" });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const submitted = await mother.send<View>(
      "POST",
      `/api/dossiers/${id}/submit`,
      { values: TYPED },
      { "idempotency-key": "journey-0001" },
    );
    expect(submitted.body.status).toBe("submitted");
    const officer = async (login: string) => {
      const b = new Browser(s.baseUrl);
      await b.signIn(login);
      return b;
    };
    const receiver = await officer("motcua.20194");
    const specialist = await officer("chuyenvien.20194");
    const approver = await officer("lanhdao.20194");
    const province = await officer("lanhdao.tinh.48");
    expect((await receiver.send("GET", "/api/officer/dossiers?limit=20&offset=0")).status).toBe(200);
    expect((await province.send("GET", "/api/officer/dossiers?limit=20&offset=0")).status).toBe(200);
    const act = async (b: Browser, action: string) =>
      (await b.send<View>("POST", `/api/dossiers/${id}/actions`, { action })).body.status;
    expect(await act(receiver, "receive")).toBe("received");
    expect(await act(specialist, "forward")).toBe("in_processing");
    expect(await act(approver, "approve")).toBe("approved");
    expect(await act(approver, "issue_result")).toBe("result_issued");
    expect(await act(receiver, "return_result")).toBe("result_returned");
    // The issued result is filed under the mother (applicant_results): her next dossier reuses it.
    const next = await mother.send<{
      components: Array<{ key: string; state: string; replacedBy: { ref: string } | null }>;
    }>("POST", "/api/dossiers", { procedureCode: "LOCAL.BHYT-TE" });
    expect(next.body.components.find((c) => c.key === "birthExtract")).toMatchObject({
      state: "replaced",
      replacedBy: { ref: submitted.body.code },
    });
    const result = await mother.send<{ number: string }>("GET", `/api/dossiers/${id}/result`);
    expect(result.status).toBe(200);
    expect((await mother.fetch(`/api/results/${encodeURIComponent(result.body.number)}`)).status).toBe(200);
    expect((await mother.send("POST", `/api/dossiers/${id}/rating`, { score: 5 })).status).toBe(201);
    for (const path of [
      "/api/me/dossiers",
      `/api/dossiers/${id}`,
      "/api/me/notifications",
      "/api/me/access-log",
    ])
      expect((await mother.send("GET", path)).status).toBe(200);
    expect((await approver.send("GET", "/api/leader/overview")).status).toBe(200);
    expect((await province.send("GET", "/api/leader/overview")).status).toBe(200);
    expect((await approver.send("GET", "/api/leader/linked-groups")).status).toBe(200);
    expect((await province.send("GET", "/api/leader/linked-groups")).status).toBe(200);
    // Delivery of the journey's messages: SMS to the demo phone, each notification's status.
    await s.drain();
    expect((await mother.send("GET", `/api/dossiers/${id}/notifications`)).status).toBe(200);
    stop();

    const placements = new Map((await readPlacements(s.db)).map((t) => [t.table, t.placement]));
    const unrouted: string[] = [];
    const excepted = new Set<string>();
    let distributed = 0;
    for (const sql of statements) {
      const uses = tableUses(sql, placements);
      if (uses.length === 0) continue;
      distributed++;
      if (uses.every((u) => u.pinned)) continue;
      const exception = EXCEPTIONS.find((e) => e.pattern.test(sql.replaceAll('"', "")));
      if (exception) excepted.add(exception.reason);
      else unrouted.push(`${uses.filter((u) => !u.pinned).map((u) => u.table)}: ${sql}`);
    }
    expect(unrouted).toEqual([]);
    // The journey did touch the distributed tables, and only the listed national reads escaped.
    expect(distributed).toBeGreaterThan(60);
    expect([...excepted].length).toBeLessThanOrEqual(EXCEPTIONS.length);
    console.log(
      `${statements.length} statements, ${distributed} on distributed tables, ` +
        `${[...excepted].length} kinds of listed national reads`,
    );
  });
});

/** The placements, and the schema's PL/pgSQL functions with their definitions. */
async function schemaFunctions() {
  const placements = new Map((await readPlacements(s.db)).map((t) => [t.table, t.placement]));
  const { rows } = await s.db.query<{ name: string; definition: string }>(
    `select p.proname as name, pg_get_functiondef(p.oid) as definition from pg_proc p
     join pg_language l on l.oid = p.prolang
     where p.pronamespace = 'public'::regnamespace and l.lanname = 'plpgsql' order by 1`,
  );
  return { placements, rows };
}

describe(`the schema's PL/pgSQL functions name the distribution key in every query (${engine})`, () => {
  it("prefill's one-call read and the dossier code sequence route each query to one shard", async () => {
    const { placements, rows } = await schemaFunctions();
    const names = rows.map((r) => r.name);
    expect(names).toEqual(
      expect.arrayContaining(["dossier_code_sequence", "registry_person_record", "registry_prefill"]),
    );
    const unrouted: string[] = [];
    let distributed = 0;
    for (const f of rows) {
      const { statements, variables } = plpgsqlStatements(f.definition);
      for (const sql of statements) {
        const uses = tableUses(sql, placements, variables);
        distributed += uses.length;
        for (const u of uses) if (!u.pinned) unrouted.push(`${f.name}: ${u.table}: ${sql}`);
      }
    }
    expect(unrouted).toEqual([]);
    // persons, civil status, households, birth and death notices, cards, agency_sequences.
    expect(distributed).toBeGreaterThanOrEqual(8);
  });

  it("no query on a distributed table calls a function that reads distributed tables (Citus would run it on the shard)", async () => {
    const { placements, rows } = await schemaFunctions();
    const bodies = rows.map((f) => ({ name: f.name, ...plpgsqlStatements(f.definition) }));
    const readers = new Set(
      bodies
        .filter((f) => f.statements.some((sql) => tableUses(sql, placements, f.variables).length > 0))
        .map((f) => f.name),
    );
    expect([...readers]).toEqual(expect.arrayContaining(["registry_person_record", "registry_prefill"]));
    const nested = bodies.flatMap((f) =>
      f.statements.flatMap((sql) =>
        nestedReaderCalls(sql, placements, readers).map((c) => `${f.name} calls ${c} in: ${sql}`),
      ),
    );
    expect(nested).toEqual([]);
    // The check itself: the shape migration 270 had (fixed by migration 300) is caught.
    expect(
      nestedReaderCalls(
        "select registry_person_record(n.child_number, f_child) from birth_notices n where n.personal_number = p_number",
        placements,
        readers,
      ),
    ).toEqual(["registry_person_record"]);
  });
});
