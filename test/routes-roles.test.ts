// Over 400 lines: one table of every route, row by row, so a route's allowed roles read beside its neighbours'.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PERSON_FIELDS } from "../src/modules/exchange/index.js";
import { WEB_DIST } from "../src/server/web.js";
import { engine } from "./helpers/db.js";
import { PDF } from "./helpers/files.js";
import { people } from "./helpers/fixtures.js";
import {
  actorOfRole,
  type Body,
  type Client,
  type Reply,
  ROLES,
  type Role,
  signInAll,
} from "./helpers/roles.js";
import { startTestServer, type TestServer } from "./helpers/server.js";

/**
 * Every route of the application × every role. The route list is read from the application as it
 * registers them, so a route added without a row here fails. The dossier under test: a temporary
 * residence registration in commune A (Hải Vân) filed by the postal agent of A for the worker
 * (permanent resident of B, temporary resident of A), confirmed by him, paid, received and decided,
 * its signed result issued. Each personal-data read by anyone but the worker must appear in his
 * access list, once per read.
 */
const NOW = new Date("2026-11-24T02:00:00Z"); // Tuesday 09:00 in Vietnam
const TEMP = "LOCAL.DK-TAM-TRU";
const MARITAL = "LOCAL.XAC-NHAN-TTHN";
const OWNER = people.worker.pn;

let s: TestServer;
let as: Record<Role, Client>;
const registered = new Set<string>();
beforeAll(async () => {
  s = await startTestServer(
    { RATE_LIMIT_SIGNIN_PER_MINUTE: "1000", RATE_LIMIT_PUBLIC_PER_MINUTE: "10000" },
    {
      now: () => NOW,
      onRoute: (r) => {
        for (const m of [r.method].flat()) registered.add(`${m} ${r.url}`);
      },
    },
  );
  as = await signInAll(s);
  t = await fileTheDossier();
}, 240_000);
afterAll(async () => s?.close());

const json = <T>(r: { status: number; text: string }, status: number): T => {
  expect(r.status, r.text).toBe(status);
  return JSON.parse(r.text) as T;
};

type Targets = {
  id: string;
  sha256: string;
  paymentId: string;
  resultNumber: string;
  prefilledKey: string;
  definition: unknown;
};
let t: Targets;

/** The agent of A files for the worker, he confirms, the fee is paid, A receives and decides. */
async function fileTheDossier(): Promise<Targets> {
  const { id } = json<{ id: string }>(
    await as.agentFiler("POST", "/api/dossiers", { json: { procedureCode: TEMP, applicantNumber: OWNER } }),
    201,
  );
  const confirmed = json<{ fields: Array<{ key: string; readOnly: boolean }> }>(
    await as.owner("POST", `/api/dossiers/${id}/confirm`),
    200,
  );
  const { sha256 } = json<{ sha256: string }>(
    await as.agentFiler("PUT", `/api/dossiers/${id}/components/lawfulResidenceProof`, { pdf: PDF }),
    201,
  );
  const values = {
    "stay.commune": "20194",
    "stay.address": "Phòng 7, nhà trọ số 3",
    "stay.until": "2027-03-31",
    "host.consent": true,
  };
  json(await as.agentFiler("POST", `/api/dossiers/${id}/submit`, { json: { values } }), 200);
  const { rows } = await s.db.query<{ id: string }>("select id from payments where dossier_id = $1", [id]);
  const paymentId = rows[0]?.id ?? "";
  expect((await as.anonymous("POST", `/demo-bank/pay/${paymentId}`)).status).toBe(303);
  for (const [who, action] of [
    ["receiverA", "receive"],
    ["receiverA", "forward"],
    ["approverA", "approve"],
    ["approverA", "issue_result"],
  ] as const)
    json(await as[who]("POST", `/api/dossiers/${id}/actions`, { json: { action } }), 200);
  // The residence written back (the police's signed message, on his access list) before any count.
  await s.drain();
  const result = json<{ number: string }>(await as.owner("GET", `/api/dossiers/${id}/result`), 200);
  const proc = json<{ definition: unknown }>(await as.anonymous("GET", `/api/procedures/${MARITAL}`), 200);
  return {
    id,
    sha256,
    paymentId,
    resultNumber: result.number,
    prefilledKey: confirmed.fields.find((f) => f.readOnly)?.key ?? "",
    definition: proc.definition,
  };
}

// ── Who gets what ─────────────────────────────────────────────────────────────────────────────
type Statuses = Record<Role, number>;
const every = (status: number): Statuses => Object.fromEntries(ROLES.map((r) => [r, status])) as Statuses;
const signedIn = (status: number): Statuses => ({ ...every(status), anonymous: 401 });
/** `status` for these roles, `others` for everyone else but the anonymous (401), then `o`. */
const only = (
  status: number,
  roles: readonly Role[],
  others: number,
  o: Partial<Statuses> = {},
): Statuses => ({
  ...every(others),
  ...Object.fromEntries(roles.map((r) => [r, status])),
  anonymous: 401,
  ...o,
});
const citizens = (status: number): Statuses => only(status, ["owner", "otherCitizen"], 403);
const adminOnly = (status: number): Statuses => only(status, ["admin"], 403);
/**
 * A dossier's personal data: its applicant, the agent who filed it, the officers and machine
 * clients whose jurisdiction covers commune A; not found for everyone else; the national viewer
 * and the admin see aggregates only (403); an officer of another agency than the dossier's (the
 * civil-status officer: the dossier is the police's) 403 OTHER_AGENCY, nothing read.
 */
const dossier = (status: number, o: Partial<Statuses> = {}): Statuses =>
  only(
    status,
    ["owner", "receiverA", "specialistA", "approverA", "policeA", "provinceLeader", "agentFiler", "machine"],
    404,
    { national: 403, admin: 403, civilStatusA: 403, ...o },
  );
/** Registry reads by officers: the roles that read personal data, within their jurisdiction. */
const registry = (status: number, o: Partial<Statuses> = {}): Statuses =>
  only(
    status,
    [
      ...ROLES.filter((r) => /^(receiver|specialist|approver|police|civilStatus)[AB]$/.test(r)),
      "provinceLeader",
      "machine",
    ],
    403,
    o,
  );

/** A read of the owner's personal data, as his access list shows it. */
type Read = { resource: string; fields: readonly string[]; purpose?: string };
type Row = {
  path: string;
  body?: Body;
  status: Statuses;
  /** What each successful request by someone other than the owner adds to his access list. */
  reads?: Read | ((role: Role) => Read | undefined);
  /** Runs after every other row (signing out ends the sessions the other rows share). */
  last?: true;
  /** The roles ask one after the other, not at once. */
  serial?: true;
};

const VIEW = ["dossierForm", "dossierComponents", "dossierHistory", "payment"];
const PURPOSE = "purpose=dossier-processing";
/** Those whose queue shows the owner's dossier. */
const QUEUE_SHOWS_OWNER: ReadonlySet<Role> = new Set([
  "receiverA",
  "specialistA",
  "approverA",
  "policeA",
  "provinceLeader",
  "agentFiler",
  "machine",
]);

/** Rows of routes every role gets the same answer from: route → the path asked. */
function forEveryone(status: number, paths: Record<string, string>): Record<string, Row> {
  return Object.fromEntries(
    Object.entries(paths).map(([route, path]) => [route, { path, status: every(status) }]),
  );
}

function table(t: Targets): Record<string, Row> {
  const d = `/api/dossiers/${t.id}`;
  const view: Read = { resource: `dossier:${t.id}`, fields: VIEW };
  const officer = { ...every(403), anonymous: 401 };
  return {
    // Platform and documentation: public.
    ...forEveryone(200, {
      "GET /healthz": "/healthz",
      "GET /readyz": "/readyz",
      // This machine, with DEMO on and no METRICS_TOKEN (test/metrics-access.test.ts: who else).
      "GET /metrics": "/metrics",
      "GET /openapi.json": "/openapi.json",
      "GET /docs": "/docs",
      "HEAD /docs/": "/docs/",
      "GET /docs/json": "/docs/json",
      "GET /docs/yaml": "/docs/yaml",
      "GET /docs/static/swagger-initializer.js": "/docs/static/swagger-initializer.js",
      "GET /docs/static/*": "/docs/static/swagger-ui.css",
      "HEAD /docs/static/*": "/docs/static/swagger-ui.css",
      "GET /assets/base.css": "/assets/base.css",
    }),
    "GET /docs/static/index.html": { path: "/docs/static/index.html", status: every(302) },

    // Sign-in: the demo provider's pages and the relying party.
    "GET /signin/:uid": { path: "/signin/unknown-interaction", status: every(400) },
    "POST /signin/:uid": { path: "/signin/unknown-interaction", body: { json: {} }, status: every(400) },
    "GET /auth/login": { path: "/auth/login", status: every(302) },
    "GET /auth/callback": { path: "/auth/callback", status: every(401) },
    "GET /api/session": { path: "/api/session", status: every(200) },
    "POST /auth/logout": { path: "/auth/logout", status: every(303), last: true },

    // Reference data: public.
    ...forEveryone(200, {
      "GET /api/units/provinces": "/api/units/provinces",
      "GET /api/units/provinces/:code": "/api/units/provinces/48",
      "GET /api/units/province-boundaries": "/api/units/province-boundaries",
      "GET /api/units/communes": "/api/units/communes?province=48",
      "GET /api/units/communes/:code": "/api/units/communes/20194",
      "GET /api/calendar/days": "/api/calendar/days?year=2026",
      "GET /api/calendar/due": "/api/calendar/due?receivedAt=2026-11-24T09:00:00%2B07:00&days=3",
      "GET /api/procedures": "/api/procedures",
      "GET /api/procedures/:code": `/api/procedures/${TEMP}`,
      "GET /api/procedures/:code/versions/:version": `/api/procedures/${TEMP}/versions/1`,
      "GET /api/linked-groups": "/api/linked-groups",
      "GET /api/linked-groups/:code": "/api/linked-groups/birth",
    }),

    // The registries, through exchange: officers who read personal data, in their jurisdiction.
    "GET /api/persons": {
      path: `/api/persons?${PURPOSE}`,
      status: registry(200),
      reads: {
        resource: "persons?commune=",
        fields: ["personalNumber", "fullName", "birthDate", "sex", "permanentResidence"],
      },
    },
    "GET /api/persons/:personalNumber": {
      path: `/api/persons/${OWNER}?${PURPOSE}`,
      status: registry(200),
      reads: { resource: `person:${OWNER}`, fields: PERSON_FIELDS, purpose: "dossier-processing" },
    },
    "GET /api/persons/:personalNumber/records": {
      path: `/api/persons/${OWNER}/records?${PURPOSE}`,
      status: registry(200),
      reads: {
        resource: `person:${OWNER}/records`,
        fields: ["civilStatus", "healthInsurance", "allowances"],
        purpose: "dossier-processing",
      },
    },
    "GET /api/households/:id": {
      // The worker's household is registered in B.
      path: `/api/households/HB-2?${PURPOSE}`,
      status: registry(200, {
        receiverA: 404,
        specialistA: 404,
        approverA: 404,
        policeA: 404,
        civilStatusA: 404,
      }),
      reads: { resource: "household:HB-2", fields: PERSON_FIELDS, purpose: "dossier-processing" },
    },

    // The citizen's own pages.
    "GET /api/me/data": { path: "/api/me/data", status: citizens(200) },
    "GET /api/me/access-log": { path: "/api/me/access-log", status: citizens(200) },
    // The other living members of one's household (a death with no electronic notice): citizens only.
    "GET /api/me/household/relatives": { path: "/api/me/household/relatives", status: citizens(200) },
    // Anyone may ask; a signed-in citizen's own facts go to their own list (purpose "assistant").
    "POST /api/assistant": {
      path: "/api/assistant",
      body: { json: { text: "vừa sinh con" } },
      status: every(200),
    },
    "PUT /api/me/contact": {
      path: "/api/me/contact",
      body: { json: { phone: "0905123456", email: null } },
      status: citizens(200),
    },
    "GET /api/me/dossiers": { path: "/api/me/dossiers", status: citizens(200) },
    "GET /api/me/notifications": { path: "/api/me/notifications", status: citizens(200) },
    // Every listed one read (none is an empty list): idempotent, the citizen's own only.
    "POST /api/me/notifications/read": {
      path: "/api/me/notifications/read",
      body: { json: { all: true } },
      status: citizens(200),
    },
    "GET /api/procedures/:code/prefill": { path: `/api/procedures/${TEMP}/prefill`, status: citizens(200) },

    // Administration.
    "GET /api/admin/officers": { path: "/api/admin/officers", status: adminOnly(200) },
    "POST /api/admin/officers": {
      path: "/api/admin/officers",
      body: {
        json: {
          username: "motcua.kiemtra",
          fullName: "Cán bộ Kiểm Tra",
          role: "receiver",
          jurisdiction: { level: "commune", code: "20194" },
        },
      },
      status: adminOnly(201),
    },
    "PATCH /api/admin/officers/:username": {
      path: "/api/admin/officers/hotich.20197",
      body: { json: { agency: "ubnd" } },
      status: adminOnly(200),
    },
    "GET /api/admin/audit": { path: "/api/admin/audit", status: adminOnly(200) },
    // Delivery: the national queue of messages, and a retry or discard of one (none here: 404).
    "GET /api/admin/outbox": { path: "/api/admin/outbox?view=dead", status: adminOnly(200) },
    "POST /api/admin/outbox/retry": {
      path: "/api/admin/outbox/retry",
      body: { json: { provinceCode: "48", id: 999999999, reason: "Cơ quan nhận đã sửa lỗi." } },
      status: adminOnly(404),
    },
    "POST /api/admin/outbox/discard": {
      path: "/api/admin/outbox/discard",
      body: { json: { provinceCode: "48", id: 999999999, reason: "Không cần gửi nữa." } },
      status: adminOnly(404),
    },
    "POST /api/admin/procedures/validate": {
      path: "/api/admin/procedures/validate",
      body: { json: { definition: t.definition } },
      status: adminOnly(200),
    },
    "POST /api/admin/procedures": {
      path: "/api/admin/procedures",
      body: { json: { definition: t.definition } },
      status: adminOnly(201),
    },
    "POST /api/admin/procedures/:code/versions/:version/publish": {
      // Version 1 is published already.
      path: `/api/admin/procedures/${TEMP}/versions/1/publish`,
      status: adminOnly(409),
    },
    "GET /api/admin/procedures/:code/versions": {
      path: `/api/admin/procedures/${TEMP}/versions`,
      status: adminOnly(200),
    },
    // Linked groups: an invalid definition (400, every problem), version 1 published already (409).
    "POST /api/admin/linked-groups": {
      path: "/api/admin/linked-groups",
      body: { json: { definition: {} } },
      status: adminOnly(400),
    },
    "POST /api/admin/linked-groups/:code/versions/:version/publish": {
      path: "/api/admin/linked-groups/birth/versions/1/publish",
      status: adminOnly(409),
    },
    // A citizen files a linked group for themselves (a member the group lacks: 400); nobody else.
    "POST /api/linked-applications": {
      path: "/api/linked-applications",
      body: { json: { group: "birth", members: ["passport"] } },
      status: citizens(400),
    },
    // A citizen asks what the chosen procedures still need; nobody else (officers: 403).
    "POST /api/linked-applications/questions": {
      path: "/api/linked-applications/questions",
      body: { json: { group: "death", members: ["funeral"] } },
      status: citizens(200),
    },
    // Birth group: where the child may live (the citizen's and the other parent's households);
    // the consents waiting for a head of household; a consent to a group that asks none of them: 404.
    "GET /api/linked-applications/child-homes": {
      path: "/api/linked-applications/child-homes",
      status: citizens(200),
    },
    "GET /api/me/household-consents": { path: "/api/me/household-consents", status: citizens(200) },
    "POST /api/linked-applications/:id/head-consent": {
      path: "/api/linked-applications/48000000-0000-8000-8000-000000000000/head-consent",
      status: citizens(404),
    },
    "POST /api/linked-applications/:id/head-refusal": {
      path: "/api/linked-applications/48000000-0000-8000-8000-000000000000/head-refusal",
      status: citizens(404),
    },
    // Only a group's applicant reminds its head; an unknown group is not found for every citizen.
    "POST /api/linked-applications/:id/head-reminder": {
      path: "/api/linked-applications/48000000-0000-8000-8000-000000000000/head-reminder",
      status: citizens(404),
    },
    // A refused or cancelled step filed on its own: only its group's applicant; unknown: 404 for everyone.
    "POST /api/linked-applications/:id/steps/:step/alone": {
      path: "/api/linked-applications/48000000-0000-8000-8000-000000000000/steps/residence/alone",
      status: citizens(404),
    },
    // Permanent residence into the spouse's household (issue 14): the owner is not married (422),
    // the other citizen lives in his wife's household already (409); a consent to a dossier that
    // asks none of them: 404.
    "GET /api/me/spouse-household": {
      path: "/api/me/spouse-household",
      status: { ...citizens(403), owner: 422, otherCitizen: 409 },
    },
    "POST /api/dossiers/:id/head-consent": {
      path: "/api/dossiers/48000000-0000-8000-8000-000000000000/head-consent",
      status: citizens(404),
    },
    // The head's refusal, with an optional short reason: no dossier waits for these citizens (404).
    "POST /api/dossiers/:id/head-refusal": {
      path: "/api/dossiers/48000000-0000-8000-8000-000000000000/head-refusal",
      body: { json: { reason: "Nhà chật." } },
      status: citizens(404),
    },
    // Only its applicant sees a group application; an unknown one is not found for everyone.
    "GET /api/linked-applications/:id": {
      path: "/api/linked-applications/48000000-0000-8000-8000-000000000000",
      status: signedIn(404),
    },
    // A citizen's own linked applications and offers; an offer that is none of theirs: 409 (closed).
    "GET /api/me/linked-applications": { path: "/api/me/linked-applications", status: citizens(200) },
    "GET /api/me/linked-offers": { path: "/api/me/linked-offers", status: citizens(200) },
    // An offer made to none of them: not found (404 OFFER_NOT_FOUND), like any unknown id.
    "POST /api/linked-offers/:id/decline": {
      path: "/api/linked-offers/48000000-0000-8000-8000-000000000000/decline",
      status: citizens(404),
    },
    // A citizen's own draft of a group's combined form: each citizen starts their own (201); a
    // draft that is none of theirs is not found, read, saved or deleted alike (404).
    "GET /api/me/linked-drafts": { path: "/api/me/linked-drafts?group=birth", status: citizens(200) },
    "POST /api/linked-drafts": {
      path: "/api/linked-drafts",
      body: { json: { group: "birth" } },
      status: citizens(201),
    },
    "GET /api/linked-drafts/:id": {
      path: "/api/linked-drafts/48000000-0000-8000-8000-000000000000",
      status: citizens(404),
    },
    "PUT /api/linked-drafts/:id": {
      path: "/api/linked-drafts/48000000-0000-8000-8000-000000000000",
      body: { json: { state: {} } },
      status: citizens(404),
    },
    "DELETE /api/linked-drafts/:id": {
      path: "/api/linked-drafts/48000000-0000-8000-8000-000000000000",
      status: citizens(404),
    },

    // Dossiers. Every read of the owner's dossier by someone else is in his access list.
    "POST /api/dossiers": {
      // For the mother (commune A): citizens file for themselves, agents and any receiver of her
      // province for her (the counter takes in any resident of the province: COUNTER_REACH).
      path: "/api/dossiers",
      body: { json: { procedureCode: MARITAL, applicantNumber: people.mother.pn } },
      status: {
        ...officer,
        owner: 201,
        otherCitizen: 201,
        receiverA: 201,
        receiverB: 201,
        agentFiler: 201,
        agentOther: 201,
      },
    },
    "GET /api/dossiers/:id": { path: d, status: dossier(200), reads: view },
    // The registry checks of its answers: whoever may see the dossier (the applicant's vital status
    // read). The dossier itself is not read again: the page's own GET logged that view.
    "GET /api/dossiers/:id/eligibility": {
      path: `${d}/eligibility`,
      status: dossier(200),
      reads: {
        resource: `dossier:${t.id}/eligibility`,
        fields: ["vitalStatus"],
        purpose: "eligibility-check",
      },
    },
    // The lifecycle checks the status before the role: anyone with a part in dossiers who may see
    // it gets 409 at this status; a province leader, who only looks, 403; an officer of another
    // agency than the dossier's, 403 (OTHER_AGENCY) before the status.
    "PUT /api/dossiers/:id/form": {
      path: `${d}/form`,
      body: { json: { values: {} } },
      status: dossier(409, { provinceLeader: 403, civilStatusA: 403 }),
      reads: view,
    },
    "POST /api/dossiers/:id/confirm": {
      path: `${d}/confirm`,
      status: { ...citizens(403), owner: 409, otherCitizen: 404 },
      reads: view,
    },
    "POST /api/dossiers/:id/submit": {
      path: `${d}/submit`,
      body: { json: {} },
      status: dossier(409, { provinceLeader: 403, civilStatusA: 403 }),
      reads: view,
    },
    "POST /api/dossiers/:id/actions": {
      path: `${d}/actions`,
      body: { json: { action: "receive" } },
      status: dossier(409, { provinceLeader: 403, civilStatusA: 403 }),
      reads: view,
    },
    "POST /api/dossiers/:id/corrections": {
      path: `${d}/corrections`,
      body: { json: { fieldKey: t.prefilledKey, claimedValue: "Phạm Văn Êm" } },
      status: dossier(201),
      reads: { resource: `dossier:${t.id}`, fields: ["dossierForm"] },
    },
    "POST /api/dossiers/:id/rating": {
      // Only once the result is returned; it is only issued.
      path: `${d}/rating`,
      body: { json: { score: 5 } },
      status: { ...citizens(404), owner: 409 },
    },
    // Feedback and complaints (src/modules/dossiers/complaints.ts): the applicant files one (her
    // own dossier only); whoever may see the dossier reads them; an officer who acts on it answers
    // (this complaint id is on no dossier: 404 COMPLAINT_NOT_FOUND once the lifecycle lets him).
    "POST /api/dossiers/:id/complaints": {
      path: `${d}/complaints`,
      body: { json: { text: "Tôi chưa nhận được bản giấy." } },
      status: { ...citizens(404), owner: 201 },
      serial: true,
    },
    "GET /api/dossiers/:id/complaints": {
      path: `${d}/complaints`,
      status: dossier(200),
      reads: { resource: `dossier:${t.id}/complaints`, fields: ["dossierHistory"] },
    },
    "POST /api/dossiers/:id/complaints/:complaintId/answer": {
      path: `${d}/complaints/48000000-0000-8000-8000-000000000000/answer`,
      body: { json: { text: "Đã gửi bản giấy qua bưu điện." } },
      status: dossier(404, { owner: 403, agentFiler: 403, provinceLeader: 403, civilStatusA: 403 }),
      reads: view,
    },
    "POST /api/dossiers/:id/assign": {
      path: `${d}/assign`,
      // Officers who act on dossiers claim it (the machine client as its agency officer).
      body: { json: { assignee: "me" } },
      // An officer of another agency (civil status; the dossier is the police's): 403 OTHER_AGENCY.
      status: dossier(200, { owner: 403, provinceLeader: 403, agentFiler: 403, civilStatusA: 403 }),
      reads: view,
    },
    "PUT /api/dossiers/:id/components/:key": {
      path: `${d}/components/lawfulResidenceProof`,
      body: { pdf: PDF },
      status: dossier(409, {
        receiverA: 403,
        specialistA: 403,
        approverA: 403,
        policeA: 403,
        civilStatusA: 403,
        provinceLeader: 403,
        machine: 403,
      }),
    },
    "GET /api/dossiers/:id/files/:sha256": {
      path: `${d}/files/${t.sha256}`,
      status: dossier(200),
      reads: { resource: `dossier:${t.id}/file:${t.sha256}`, fields: ["dossierFile"] },
    },
    "POST /api/dossiers/:id/otp": {
      path: `${d}/otp`,
      status: dossier(403, { agentFiler: 409 }),
    },
    "POST /api/dossiers/:id/otp/verify": {
      path: `${d}/otp/verify`,
      body: { json: { code: "123456" } },
      status: dossier(403, { agentFiler: 409 }),
    },
    // With the open complaints' filter: the owner's complaint (filed above, its answer refused:
    // still open) keeps his dossier in it for those whose queue shows it.
    "GET /api/officer/dossiers": {
      path: "/api/officer/dossiers?complaint=open",
      status: { ...signedIn(200), owner: 403, otherCitizen: 403, national: 403, admin: 403 },
      reads: (role) =>
        QUEUE_SHOWS_OWNER.has(role)
          ? { resource: "dossiers:queue", fields: ["personalNumber", "fullName", "dossierStatus"] }
          : undefined,
    },
    // The owning office's correction queue: every officer who sees personal data (empty but for
    // the offices a correction is addressed to); a decision on a case that is none of theirs: 404.
    "GET /api/workspace/corrections": {
      path: "/api/workspace/corrections",
      status: { ...signedIn(200), owner: 403, otherCitizen: 403, national: 403, admin: 403 },
    },
    "POST /api/workspace/corrections/:provinceCode/:id/decision": {
      path: "/api/workspace/corrections/48/999999999/decision",
      body: { json: { outcome: "rejected", reason: "Không đúng quy định." } },
      status: { ...signedIn(404), owner: 403, otherCitizen: 403, national: 403, admin: 403 },
    },
    "GET /api/leader/overview": {
      path: "/api/leader/overview",
      status: { ...officer, approverA: 200, approverB: 200, provinceLeader: 200, national: 200, admin: 200 },
    },
    // The dossiers behind one number of the leader's own overview: every role that drills, in its
    // own jurisdiction (no personal data, so the national viewer too; not the admin).
    "GET /api/leader/overview/dossiers": {
      path: "/api/leader/overview/dossiers?figure=received",
      status: { ...officer, approverA: 200, approverB: 200, provinceLeader: 200, national: 200, admin: 403 },
    },
    // Linked groups at risk of missing their limit: the leader's view (no personal data).
    "GET /api/leader/linked-groups": {
      path: "/api/leader/linked-groups",
      status: { ...officer, approverA: 200, approverB: 200, provinceLeader: 200, national: 200, admin: 200 },
    },
    // The dossiers (for a complaint figure, the complaints) behind a KPI of commune A: its leaders
    // who may see dossiers (not the aggregate-only roles), in their jurisdiction.
    "GET /api/leader/kpis/dossiers": {
      path: "/api/leader/kpis/dossiers?figure=complaintsOnTimeShare&part=rest&level=commune&code=20194&from=2026-11-01&to=2026-11-30",
      status: { ...officer, approverA: 200, approverB: 403, provinceLeader: 200, national: 200, admin: 403 },
    },
    // The open dossiers behind a count of commune A's forecast: like the drill-down above.
    "GET /api/leader/kpis/open-dossiers": {
      path: "/api/leader/kpis/open-dossiers?part=expected&level=commune&code=20194",
      status: { ...officer, approverA: 200, approverB: 403, provinceLeader: 200, national: 200, admin: 403 },
    },
    // The month-end forecast of commune A: aggregates, so every leader role in its jurisdiction.
    "GET /api/leader/kpis/forecast": {
      path: "/api/leader/kpis/forecast?level=commune&code=20194",
      status: { ...officer, approverA: 200, approverB: 403, provinceLeader: 200, national: 200, admin: 200 },
    },
    // Open data: anyone, signed in or not.
    "GET /api/open/kpis": {
      path: "/api/open/kpis?level=commune&code=20194&from=2026-11-01&to=2026-11-30",
      status: every(200),
    },
    "GET /api/open/kpis/table": {
      path: "/api/open/kpis/table?level=commune&code=48&from=2026-11-01&to=2026-11-30",
      status: every(200),
    },
    "GET /api/open/index766": {
      path: "/api/open/index766?level=province&code=48&from=2026-11-01&to=2026-11-30",
      status: every(200),
    },
    "GET /api/demo/outbox": {
      path: "/api/demo/outbox",
      status: {
        ...citizens(200),
        receiverA: 200,
        specialistA: 200,
        approverA: 200,
        policeA: 200,
        civilStatusA: 200,
        receiverB: 200,
        specialistB: 200,
        approverB: 200,
        admin: 200,
      },
    },

    // Fees and results.
    "GET /api/dossiers/:id/registry-alerts": {
      path: `${d}/registry-alerts`,
      status: dossier(200),
      reads: { resource: `dossier:${t.id}`, fields: ["dossierForm"] },
    },
    "GET /api/dossiers/:id/payment": {
      path: `${d}/payment`,
      status: dossier(200),
      reads: { resource: `dossier:${t.id}/payment`, fields: ["payment"] },
    },
    // An allowance's transfer to the bank: none for this dossier (404, nothing read), same gate.
    "GET /api/dossiers/:id/disbursement": { path: `${d}/disbursement`, status: dossier(404) },
    // Correcting a flagged transfer: the paying agency's officers and specialists (DISBURSEMENT_FIXERS);
    // none to correct for this dossier (404 within their jurisdiction and beyond), 403 for every other role.
    "POST /api/dossiers/:id/disbursement/resend": {
      path: `${d}/disbursement/resend`,
      body: { json: { reason: "Công dân cung cấp tài khoản khác." } },
      // Another agency's officer (civil status) is refused at the dossier's gate (OTHER_AGENCY).
      status: only(404, ["specialistA", "specialistB", "policeA", "machine"], 403),
    },
    // The applicant's own correction of a stopped transfer: citizens only (officers use resend);
    // none to correct for this dossier, and none for another citizen (404).
    "POST /api/dossiers/:id/disbursement/account": {
      path: `${d}/disbursement/account`,
      body: { json: { bank: "Vietcombank", accountNumber: "0123456789", holderName: "Trần Văn Bình" } },
      status: citizens(404),
    },
    // The linked group a dossier is a step of, read-only: none here (null), through the same gate.
    "GET /api/dossiers/:id/linked-group": { path: `${d}/linked-group`, status: dossier(200), reads: view },
    "GET /api/dossiers/:id/payment/receipt": {
      path: `${d}/payment/receipt`,
      status: dossier(200),
      reads: { resource: `dossier:${t.id}/receipt`, fields: ["receipt"] },
    },
    // The refund queue of the jurisdiction (empty here: the fee was paid exactly): fee officers
    // and leaders list it; the one-stop receivers and agency officers record refunds.
    "GET /api/officer/refunds": {
      path: "/api/officer/refunds",
      status: only(
        200,
        // Agency officers (the machine acts as one) handle fees too (REFUND_VIEWERS).
        [
          "receiverA",
          "receiverB",
          "approverA",
          "approverB",
          "policeA",
          "civilStatusA",
          "provinceLeader",
          "machine",
        ],
        403,
      ),
    },
    "POST /api/officer/refunds/:id": {
      path: "/api/officer/refunds/00000000-0000-4000-8000-000000000000",
      body: { json: { refundRef: "HT-0001" } },
      status: only(404, ["receiverA", "receiverB", "policeA", "civilStatusA", "machine"], 403),
    },
    "GET /demo-bank/pay/:id": { path: `/demo-bank/pay/${t.paymentId}`, status: every(200) },
    "POST /demo-bank/pay/:id": { path: `/demo-bank/pay/${t.paymentId}`, status: every(303) },
    // No SMS_GATEWAY_CALLBACK_TOKEN here: no gateway reports to this platform (test/sms-delivery-reports.test.ts).
    "POST /api/sms/delivery-reports": {
      path: "/api/sms/delivery-reports",
      body: { json: { reference: "48-1", status: "delivered" } },
      status: every(404),
    },
    // External agencies' signed messages: the signature is the credential, not the caller's role
    // (test/external-correction.test.ts); a body that is no JWS is refused and logged.
    "POST /api/agency-messages": {
      path: "/api/agency-messages",
      body: { json: "not-a-jws" },
      status: every(400),
    },
    "POST /api/payments/demo-bank/callback": {
      path: "/api/payments/demo-bank/callback",
      body: { json: { paymentId: t.paymentId, amount: 1, bankRef: "FORGED" } },
      status: every(400),
    },
    "GET /api/dossiers/:id/notifications": {
      path: `${d}/notifications`,
      status: dossier(200),
      reads: { resource: `dossier:${t.id}/notifications`, fields: ["notifications"] },
    },
    "GET /api/dossiers/:id/result": {
      path: `${d}/result`,
      status: dossier(200),
      reads: { resource: `dossier:${t.id}/result`, fields: ["result"] },
    },
    "GET /api/dossiers/:id/result.pdf": {
      path: `${d}/result.pdf`,
      status: dossier(200),
      reads: { resource: `dossier:${t.id}/result`, fields: ["result"] },
    },
    // The walk's dossier was never late, so it has no apology slip: not found for those who may
    // see it, the same for the others (test/apology.test.ts downloads a real one).
    "GET /api/dossiers/:id/apology.pdf": { path: `${d}/apology.pdf`, status: dossier(404) },
    "GET /api/results/:number": {
      path: `/api/results/${encodeURIComponent(t.resultNumber)}`,
      status: every(200),
    },
    "POST /api/results/verify": {
      path: "/api/results/verify",
      body: { pdf: PDF },
      status: every(200),
      serial: true,
    },
  };
}

// ── The walk ──────────────────────────────────────────────────────────────────────────────────
/** A route and its row; `roles`: who asks (everyone, but each web-app file once, by the roles in turn). */
type Request = { key: string; method: string; row: Row; roles: readonly Role[] };

/** The built web app's files (hashed names): public, each its own route. */
const isWebAsset = (url: string) =>
  url === "/" || (!url.includes(":") && !url.includes("*") && fs.existsSync(path.join(WEB_DIST, url)));

/**
 * Every registered route with the row that says what each role gets; HEAD answers as its GET. The
 * web app's files (one route each, served alike to all) are asked for by one role each, in turn.
 */
function plan(rows: Record<string, Row>): { requests: Request[]; missing: string[] } {
  const requests: Request[] = [];
  const missing: string[] = [];
  let turn = 0;
  for (const key of registered) {
    const [method = "", url = ""] = key.split(" ");
    const row = rows[key] ?? (method === "HEAD" ? rows[`GET ${url}`] : undefined);
    if (row) requests.push({ key, method, row, roles: ROLES });
    else if (isWebAsset(url))
      requests.push({
        key,
        method,
        row: { path: url, status: every(200) },
        roles: [ROLES[turn++ % ROLES.length] as Role],
      });
    else missing.push(key);
  }
  return { requests, missing };
}

type Entry = { actorKind: string; actorId: string; purpose: string; resource: string; fields: string[] };
type Listed = Entry & { count: number; at: string; firstAt: string };
const entryKey = (e: Entry) =>
  [e.actorKind, e.actorId, e.purpose, e.resource, [...e.fields].sort()].join("|");

/** The owner's access list as he sees it: reads counted per actor, purpose, resource and fields. */
async function ownerAccessList(): Promise<Map<string, Listed>> {
  const list = new Map<string, Listed>();
  for (let offset = 0; ; offset += 200) {
    const page = json<{ items: Listed[]; total: number }>(
      await as.owner("GET", `/api/me/access-log?limit=200&offset=${offset}`),
      200,
    );
    for (const e of page.items) list.set(entryKey(e), e);
    if (offset + 200 >= page.total) return list;
  }
}

const readOf = (row: Row, role: Role) => (typeof row.reads === "function" ? row.reads(role) : row.reads);

describe(`every route × every role (${engine})`, () => {
  let rows: Record<string, Row>;
  let before: Map<string, Listed>;
  const expected = new Map<string, number>();

  it("every route the application registers has a row here, and every row a route", () => {
    rows = table(t);
    const { missing } = plan(rows);
    expect(missing).toEqual([]);
    expect(Object.keys(rows).filter((k) => !registered.has(k))).toEqual([]);
  });

  it("the national viewer and the admin get 403 on every personal-data route; other agents get 404", () => {
    const personal = Object.entries(rows).filter(([, r]) => r.reads);
    expect(personal.length).toBeGreaterThanOrEqual(12);
    for (const [key, r] of personal) {
      expect([key, r.status.national, r.status.admin]).toEqual([key, 403, 403]);
      if (key.includes("/api/dossiers/:id"))
        expect([key, [403, 404].includes(r.status.agentOther)]).toEqual([key, true]);
    }
  });

  it("each role gets the status its row says, on every route", async () => {
    before = await ownerAccessList();
    const mismatches: string[] = [];
    const { requests } = plan(rows);
    for (const { key, method, row, roles } of requests.filter((r) => !r.row.last)) {
      // The roles of one row ask at once (one row at a time); uploads for public verification are
      // capped per address, so that row asks one role at a time.
      const ask = (role: Role) => as[role](method, row.path, row.body);
      const replies = row.serial
        ? await roles.reduce<Promise<Reply[]>>(
            async (acc, role) => [...(await acc), await ask(role)],
            Promise.resolve([]),
          )
        : await Promise.all(roles.map(ask));
      roles.forEach((role, i) => {
        const res = replies[i] as Reply;
        if (res.status !== row.status[role])
          mismatches.push(
            `${key} as ${role}: ${res.status} (expected ${row.status[role]}) ${res.text.slice(0, 120)}`,
          );
        const read = readOf(row, role);
        if (read && role !== "owner" && res.status < 300) {
          const actor = actorOfRole(role);
          const purpose =
            read.purpose ??
            (role === "agentFiler" || role === "agentOther" ? "dossier-filing" : "dossier-processing");
          const k = entryKey({
            actorKind: actor.kind,
            actorId: actor.id,
            purpose,
            ...read,
            fields: [...read.fields],
          });
          expected.set(k, (expected.get(k) ?? 0) + 1);
        }
      });
    }
    expect(mismatches).toEqual([]);
  }, 300_000);

  it("each personal-data read by someone else is in the citizen's access list, once per read", async () => {
    // Each correction request filed above went, signed, to the commune police where he lives:
    // the police received his personal number and the disputed field (once per request).
    await s.drain();
    const filed = await s.db.query<{ n: number }>(
      "select count(*)::int as n from correction_requests where dossier_id = $1",
      [t.id],
    );
    const police = entryKey({
      actorKind: "agency",
      actorId: "cong-an",
      purpose: "agency-exchange",
      resource: `dossier:${t.id}`,
      fields: ["fullName", "personalNumber"],
    });
    expected.set(police, filed.rows[0]?.n ?? 0);
    const after = await ownerAccessList();
    const seen: Record<string, number> = {};
    for (const [k, e] of after) {
      // His own reads of the registries (prefill, my data) are his; his own dossier reads write nothing.
      if (e.actorId === OWNER) {
        expect(e.resource.startsWith("dossier")).toBe(false);
        continue;
      }
      const added = e.count - (before.get(k)?.count ?? 0);
      if (added !== 0) seen[k] = added;
      expect(new Date(e.firstAt).getTime()).toBeLessThanOrEqual(new Date(e.at).getTime());
    }
    expect(seen).toEqual(Object.fromEntries(expected));
  });

  it("signing out answers every role the same", async () => {
    const { requests } = plan(rows);
    const mismatches: string[] = [];
    for (const { key, method, row } of requests.filter((r) => r.row.last)) {
      for (const role of ROLES) {
        const res = await as[role](method, row.path, row.body);
        if (res.status !== row.status[role]) mismatches.push(`${key} as ${role}: ${res.status}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(json<{ principal: unknown }>(await as.owner("GET", "/api/session"), 200).principal).toBeNull();
  });
});
