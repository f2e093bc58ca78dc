import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../src/db/client.js";
import { distributionOrder, placementProblems, readPlacements } from "../src/db/placement.js";
import { createReadyDatabase, engine, type TestDatabase } from "./helpers/db.js";

/**
 * The schema distributes on Citus (docs/scaling.md), checked without Citus: a fresh database is
 * migrated and its catalogue (pg_class, pg_index, pg_constraint, pg_trigger, table comments) is
 * compared with the placements the tables declare.
 */
let tdb: TestDatabase;
let db: Db;
beforeAll(async () => {
  ({ tdb, db } = await createReadyDatabase());
});
afterAll(async () => {
  await db?.close();
  await tdb?.dispose();
});

describe(`the schema distributes on Citus (${engine})`, () => {
  it("every table declares its placement, and the catalogue keeps Citus's rules", async () => {
    expect(await placementProblems(db)).toEqual([]);
  });

  it("declares the design: locality by province, registries by person, small tables everywhere", async () => {
    const declared = Object.fromEntries(
      (await readPlacements(db)).map((t) => [
        t.table,
        t.placement?.kind === "distributed"
          ? `${t.placement.column}${t.placement.colocateWith ? ` with ${t.placement.colocateWith}` : ""}`
          : t.placement?.kind,
      ]),
    );
    expect(declared).toMatchObject({
      dossiers: "province_code",
      dossier_actions: "province_code with dossiers",
      outbox: "province_code with dossiers",
      outbox_archive: "province_code with dossiers",
      inbox: "province_code with dossiers",
      notifications: "province_code with dossiers",
      dossier_files: "province_code with dossiers",
      correction_requests: "province_code with dossiers",
      correction_cases: "province_code with dossiers",
      dossier_registry_alerts: "province_code with dossiers",
      payments: "province_code with dossiers",
      payment_callbacks: "province_code with dossiers",
      results: "province_code with dossiers",
      ratings: "province_code with dossiers",
      kpi_facts: "province_code with dossiers",
      kpi_daily: "province_code with dossiers",
      kpi_monthly: "province_code with dossiers",
      kpi_province_monthly: "province_code with dossiers",
      dossier_imports: "province_code with dossiers",
      otp_challenges: "province_code with dossiers",
      otp_sends: "province_code with dossiers",
      agency_sequences: "province_code with dossiers",
      idempotency_keys: "province_code with dossiers",
      audit_log: "province_code with dossiers",
      message_log: "province_code with dossiers",
      ledger_heads: "province_code with dossiers",
      ledger_checkpoints: "province_code with dossiers",
      persons: "personal_number",
      civil_status_records: "personal_number with persons",
      registry_corrections: "personal_number with persons",
      health_insurance_cards: "personal_number with persons",
      allowances: "personal_number with persons",
      birth_notices: "personal_number with persons",
      death_notices: "household_id with households",
      access_log: "subject_number with persons",
      applicant_results: "applicant_number with persons",
      households: "id",
      provinces: "reference",
      communes: "reference",
      procedure_versions: "reference",
      officers: "reference",
      api_clients: "reference",
      agency_keys: "reference",
      schema_migrations: "coordinator",
      seed_runs: "coordinator",
      oidc_payloads: "coordinator",
      web_sessions: "coordinator",
      demo_sms: "coordinator",
      linked_group_versions: "reference",
      linked_groups: "province_code with dossiers",
      linked_group_steps: "province_code with dossiers",
    });
  });

  it("citus:distribute's order: reference tables, then each group's first table, each after what it points at", async () => {
    const tables = await readPlacements(db);
    const { rows } = await db.query<{ from: string; to: string }>(
      `select conrelid::regclass::text as "from", confrelid::regclass::text as "to" from pg_constraint
       where contype = 'f' and connamespace = 'public'::regnamespace`,
    );
    const order = distributionOrder(
      tables,
      rows.map((r) => [r.from, r.to] as const),
    ).map((t) => t.table);
    const at = (t: string) => order.indexOf(t);
    expect(order.slice(0, 7).sort()).toEqual([
      "agency_keys",
      "api_clients",
      "communes",
      "linked_group_versions",
      "officers",
      "procedure_versions",
      "provinces",
    ]);
    expect(at("provinces")).toBeLessThan(at("communes"));
    expect(at("officers")).toBeLessThan(at("api_clients"));
    for (const member of ["dossier_actions", "payments", "results", "audit_log"])
      expect(at("dossiers")).toBeLessThan(at(member));
    for (const member of ["civil_status_records", "access_log"])
      expect(at("persons")).toBeLessThan(at(member));
    expect(at("households")).toBeLessThan(at("death_notices"));
    expect(at("linked_groups")).toBeLessThan(at("linked_group_steps"));
    expect(order).not.toContain("web_sessions");
  });

  it("fails on a table without a declaration, a unique key without the distribution column, and more", async () => {
    await db.exec(`
      create table scratch_undeclared (id text primary key);
      create table scratch_notes (id uuid not null, province_code text, note text);
      comment on table scratch_notes is 'placement: distributed by province_code colocate with dossiers';
      create unique index scratch_notes_id on scratch_notes (id);
    `);
    await db.exec(`
      create table scratch_ref (code text primary key, province_code text, dossier_id uuid,
        foreign key (province_code, dossier_id) references dossiers (province_code, id));
      comment on table scratch_ref is 'placement: reference';
      create table scratch_log (id bigint generated always as identity, province_code text not null,
        primary key (province_code, id));
      comment on table scratch_log is 'placement: distributed by province_code colocate with persons';
      create table scratch_slots (id uuid not null, province_code text not null, code text,
        primary key (province_code, id), exclude (code with =));
      comment on table scratch_slots is 'placement: distributed by province_code colocate with dossiers';
      create schema scratch_elsewhere;
      create table scratch_elsewhere.notes (id text primary key);
    `);
    try {
      expect((await placementProblems(db)).sort()).toEqual(
        [
          "scratch_undeclared: no placement declared (comment on table scratch_undeclared is 'placement: …')",
          "scratch_notes.province_code: distribution column is nullable",
          "scratch_notes: unique index scratch_notes_id (id) lacks the distribution column province_code",
          "scratch_ref: foreign key scratch_ref_province_code_dossier_id_fkey to dossiers: a reference table points at a distributed table",
          "scratch_log.id: identity column on a distributed table (use a sequence default)",
          "scratch_log.province_code: type text differs from persons.personal_number",
          "scratch_slots: exclusion constraint scratch_slots_code_excl (code) lacks the distribution column province_code",
          "scratch_elsewhere.notes: a table outside the public schema (placements are declared and distributed in public only)",
        ].sort(),
      );
    } finally {
      await db.exec(
        "drop table scratch_undeclared, scratch_notes, scratch_ref, scratch_log, scratch_slots; drop schema scratch_elsewhere cascade",
      );
    }
    expect(await placementProblems(db)).toEqual([]);
  });

  it("lists a trigger on a distributed table that nobody allowed", async () => {
    await db.exec(`
      create function scratch_touch() returns trigger language plpgsql as $$ begin return new; end $$;
      create trigger scratch_touch before update on dossiers for each row execute function scratch_touch();
    `);
    try {
      expect(await placementProblems(db)).toEqual([
        "dossiers: trigger scratch_touch on a distributed table is not in ALLOWED_TRIGGERS",
      ]);
    } finally {
      await db.exec("drop trigger scratch_touch on dossiers; drop function scratch_touch()");
    }
  });

  it("the sentinel province '00' is declared where rows of no place live, and is no province", async () => {
    const sentinels = (await readPlacements(db))
      .filter((t) => t.placement?.kind === "distributed" && t.placement.sentinel !== null)
      .map((t) => t.table);
    expect(sentinels.sort()).toEqual([
      "agency_inbox",
      "audit_log",
      "inbox",
      "ledger_checkpoints",
      "ledger_heads",
      "message_log",
      "outbox",
      "outbox_archive",
      "payment_callbacks",
    ]);
    const { rows } = await db.query("select 1 from provinces where code = '00'");
    expect(rows).toEqual([]);
  });
});
