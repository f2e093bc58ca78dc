import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../src/db/client.js";
import { formatInstantShort } from "../src/domain/vietnamese-dates.js";
import { consentAsHead, refuseAsHead } from "../src/modules/linked/index.js";
import { engine } from "./helpers/db.js";
import { registerBirth } from "./helpers/linked.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";
import {
  addSplitParents,
  fileIntoFathersHousehold,
  splitFather,
  splitMother,
} from "./helpers/split-parents.js";

/**
 * Issue 12, birth group, the child to join the father's household: the head (the father) refuses
 * (Law on Residence 2020, Art. 21(1)). The residence step is cancelled with the reason and what
 * the mother can do, in both languages; the birth registration and the insurance card go on; the
 * request leaves the head's list; a refusal cannot turn into a consent.
 */
const mother = splitMother;
const father = splitFather;

type Step = {
  key: string;
  state: string;
  reason: { vi: string; en: string; whatToDoVi?: string; whatToDoEn?: string } | null;
  dossierId: string | null;
};
type Group = {
  steps: Step[];
  childHome: { refusal: { at: string } | null; consent: unknown; waiting: unknown } | null;
};
type ApiError = { error: { code: string; messageVi: string; messageEn: string } };

let s: TestServer;
const as: Record<string, Browser> = {};
const b = (login: string) => as[login] as Browser;
beforeAll(async () => {
  s = await startTestServer({}, { delivery: "manual" });
  await addSplitParents(s.db);
  for (const login of [mother.pn, father.pn, "motcua.20194", "chuyenvien.20194", "lanhdao.20194"]) {
    as[login] = new Browser(s.baseUrl);
    await as[login].signIn(login);
  }
});
afterAll(async () => s?.close());

const group = async (id: string) =>
  (await b(mother.pn).send<Group>("GET", `/api/linked-applications/${id}`)).body;
const step = (g: Group, key: string) => g.steps.find((x) => x.key === key) as Step;

/** The group both describes use (a birth is filed once), filed by the first test. */
let id = "";
/** Test only: the request unanswered again, its residence step waiting (as when filed). */
const unanswer = async (groupId: string) => {
  await s.db.query(
    `update linked_groups set child_home = child_home || '{"consent": null, "refusal": null}'::jsonb where id = $1`,
    [groupId],
  );
  await s.db.query(
    "update linked_group_steps set state = 'waiting', reason = null where group_id = $1 and step_key = 'residence'",
    [groupId],
  );
};

/**
 * The head's two devices at the same moment: both read the request unanswered, one answer is
 * recorded first. The other (in process, its database paused just before its write while the
 * first device's answer goes through the API) gets 409 naming the answer on record, never 404.
 */
describe(`two answers at the same moment, from two devices (${engine})`, () => {
  /** `s.db`, but `before` runs once, just before the first write of the head's answer. */
  const racing = (before: () => Promise<unknown>): Db => {
    let ran = false;
    const first = async () => {
      if (ran) return;
      ran = true;
      await before();
    };
    return new Proxy(s.db, {
      get(target, prop) {
        if (prop === "query")
          return async (text: string, params?: unknown[]) => {
            if (/update linked_groups set child_home = jsonb_set/.test(text)) await first();
            return target.query(text, params);
          };
        // The refusal's write runs in a transaction of its own: the other answer lands before it.
        if (prop === "tx")
          return async (fn: Parameters<Db["tx"]>[0]) => {
            await first();
            return target.tx(fn);
          };
        const v = Reflect.get(target, prop, target);
        return typeof v === "function" ? v.bind(target) : v;
      },
    });
  };
  const asHead = (db: Db) => ({
    db,
    principal: { kind: "citizen" as const, id: father.pn, personalNumber: father.pn, name: father.name },
    now: s.now,
  });
  const env = () => ({ db: s.db, now: s.now });
  const answer = (id: string, kind: "consent" | "refusal") =>
    b(father.pn).send<ApiError>("POST", `/api/linked-applications/${id}/head-${kind}`);
  const lost = async (p: Promise<unknown>) => {
    const e = await p.then(
      () => null,
      (x: unknown) =>
        x as { status: number; code: string; message: string; messages?: { vi: string; en: string } },
    );
    return e && { status: e.status, code: e.code, vi: e.messages?.vi ?? "", en: e.messages?.en ?? "" };
  };

  it("a refusal losing to a refusal: 409 CHILD_HOME_REFUSED naming when; one refusal, one news", async () => {
    id = await fileIntoFathersHousehold(b(mother.pn), "Đỗ Minh Khang");
    let first = 0;
    const e = await lost(
      refuseAsHead(
        env(),
        asHead(racing(async () => (first = (await answer(id, "refusal")).status))),
        id,
        "x",
      ),
    );
    expect(first).toBe(200);
    expect(e).toMatchObject({ status: 409, code: "CHILD_HOME_REFUSED" });
    const at = (await group(id)).childHome?.refusal?.at as string;
    expect(e?.vi).toContain(`không đồng ý cho trẻ vào hộ lúc ${formatInstantShort(at)}`);
    expect(e?.en).toContain(`refused the child joining your household at ${formatInstantShort(at, "en")}`);
    // The applicant is told once (the first device's refusal; the delivery is manual: not drained).
    const news = await s.db.query("select 1 from outbox where key = $1", [`head-refusal:${id}`]);
    expect(news.rows).toHaveLength(1);
  });

  it("a consent losing to a refusal: 409 CHILD_HOME_REFUSED, the refusal stands", async () => {
    await unanswer(id);
    let first = 0;
    const e = await lost(
      consentAsHead(env(), asHead(racing(async () => (first = (await answer(id, "refusal")).status))), id),
    );
    expect(first).toBe(200);
    expect(e).toMatchObject({ status: 409, code: "CHILD_HOME_REFUSED" });
    expect((await group(id)).childHome).toMatchObject({ consent: null, refusal: { at: expect.any(String) } });
  });

  it("a refusal losing to a consent: 409 CHILD_HOME_CONSENTED naming when, the consent stands", async () => {
    await unanswer(id);
    let first = 0;
    const f = await lost(
      refuseAsHead(env(), asHead(racing(async () => (first = (await answer(id, "consent")).status))), id),
    );
    expect(first).toBe(200);
    expect(f).toMatchObject({ status: 409, code: "CHILD_HOME_CONSENTED" });
    const g = await group(id);
    expect(g.childHome).toMatchObject({ consent: { at: expect.any(String) }, refusal: null });
    const consentAt = (g.childHome?.consent as { at: string } | null)?.at ?? "";
    expect(f?.vi).toContain(`đã đồng ý cho trẻ vào hộ lúc ${formatInstantShort(consentAt)}`);
    expect(step(g, "residence").state).toBe("waiting");
  });
});

describe(`the head of the father's household refuses the child (${engine})`, () => {
  it("the father refuses: the residence step is cancelled with his reason and what to do; nothing else is", async () => {
    // The group filed above (a birth is filed once), unanswered again.
    await unanswer(id);
    // Only the head answers.
    const notHead = await b(mother.pn).send<ApiError>("POST", `/api/linked-applications/${id}/head-refusal`);
    expect(notHead.status).toBe(404);
    expect(notHead.body.error.code).toBe("CHILD_HOME_NOT_HEAD");

    const refused = await b(father.pn).send<{ residenceStep: string; refusal: { by: string } }>(
      "POST",
      `/api/linked-applications/${id}/head-refusal`,
    );
    expect(refused.status, JSON.stringify(refused.body)).toBe(200);
    expect(refused.body).toMatchObject({ residenceStep: "cancelled", refusal: { by: father.pn } });

    const g = await group(id);
    const residence = step(g, "residence");
    expect(residence.state).toBe("cancelled");
    expect(residence.dossierId).toBeNull();
    expect(residence.reason?.vi).toContain(`Chủ hộ ${father.name} không đồng ý`);
    expect(residence.reason?.en).toContain("did not consent");
    expect(residence.reason?.whatToDoVi).toContain("vào hộ của mình");
    // The household box says he refused (no longer "waiting"), and when.
    expect(g.childHome).toMatchObject({ refusal: { at: expect.any(String) }, consent: null, waiting: null });
    const refusedAt = new Date(g.childHome?.refusal?.at ?? 0).getTime();
    expect(Math.abs(s.now().getTime() - refusedAt)).toBeLessThan(60_000);
    // The address names its commune once.
    const commune = /, ((?:Xã|Phường|Đặc khu) [^,(]+)/.exec(residence.reason?.vi ?? "")?.[1];
    expect(commune, residence.reason?.vi).toBeTruthy();
    expect((residence.reason?.vi ?? "").split(commune as string).length - 1).toBe(1);
    // The birth registration goes on; so does the insurance card once the child has a number,
    // issued by the platform (the birth group's version 2 decides it automatically).
    expect(step(g, "birth").state).toBe("started");
    expect(await registerBirth(b, step(g, "birth").dossierId as string)).toEqual([200, 200, 200, 200]);
    for (let i = 0; i < 3; i++) await s.drain();
    const after = await group(id);
    expect(step(after, "birth").state).toBe("done");
    expect(step(after, "insurance").state).toBe("done");
    expect(step(after, "residence").state).toBe("cancelled");
  });

  it("the request leaves the head's list; refusing again answers the refusal; consenting after it is refused", async () => {
    const asked = await b(father.pn).send<{ items: Array<{ groupId?: string }> }>(
      "GET",
      "/api/me/household-consents",
    );
    expect(asked.body.items.map((x) => x.groupId)).not.toContain(id);
    const again = await b(father.pn).send<{ residenceStep: string }>(
      "POST",
      `/api/linked-applications/${id}/head-refusal`,
    );
    expect(again.status).toBe(200);
    expect(again.body.residenceStep).toBe("cancelled");
    const consent = await b(father.pn).send<ApiError>("POST", `/api/linked-applications/${id}/head-consent`);
    expect(consent.status).toBe(409);
    expect(consent.body.error.code).toBe("CHILD_HOME_REFUSED");
    expect(consent.body.error.messageVi).toContain("không đồng ý");
    expect(consent.body.error.messageEn).toContain("refused");
    expect(step(await group(id), "residence").state).toBe("cancelled");
  });
  it("the mother files the residence step on its own: the draft carries the child (name, new personal number) from the birth result, not the refused household", async () => {
    type Field = { key: string; value: unknown; provenance?: { registry: string; sourceVi: string } };
    type Draft = { id: string; status: string; fields: Field[] };
    const field = (d: Draft, key: string) => d.fields.find((f) => f.key === key);
    const g = await group(id);
    const insurance = await b(mother.pn).send<Draft>(
      "GET",
      `/api/dossiers/${step(g, "insurance").dossierId}`,
    );
    const childNumber = field(insurance.body, "child.personalNumber")?.value;
    expect(childNumber, JSON.stringify(insurance.body.fields)).toMatch(/^\d{12}$/);
    const path = `/api/linked-applications/${id}/steps/residence/alone`;
    // Only the group's applicant; a step the group still handles is not filed twice.
    expect((await b(father.pn).send<ApiError>("POST", path)).status).toBe(404);
    const started = await b(mother.pn).send<ApiError>(
      "POST",
      `/api/linked-applications/${id}/steps/insurance/alone`,
    );
    expect(started.status).toBe(409);
    // The insurance card is issued (automatic): it has its result, said so (review h12 L2).
    expect(started.body.error.code).toBe("STEP_ALREADY_DONE");
    expect(started.body.error.messageVi).toContain("nộp riêng");
    expect(started.body.error.messageEn).toContain("on its own");

    const key = { "idempotency-key": "alone-residence-1" };
    const alone = await b(mother.pn).send<{ id: string }>("POST", path, undefined, key);
    expect(alone.status, JSON.stringify(alone.body)).toBe(201);
    // A second tap opens the same draft.
    expect((await b(mother.pn).send<{ id: string }>("POST", path, undefined, key)).body.id).toBe(
      alone.body.id,
    );
    const draft = (await b(mother.pn).send<Draft>("GET", `/api/dossiers/${alone.body.id}`)).body;
    expect(draft).toMatchObject({ status: "draft", procedure: { code: "1.004222" } });
    // The child, read-only, told as the birth registration's result.
    for (const [key, value] of [
      ["member.personalNumber", childNumber],
      ["member.fullName", "Đỗ Minh Khang"],
    ] as const)
      expect(field(draft, key), key).toMatchObject({
        value,
        provenance: {
          registry: "civil_status",
          sourceVi: expect.stringContaining("kết quả đăng ký khai sinh"),
        },
      });
    // The household the father refused is not carried: the mother chooses one.
    expect(field(draft, "request")?.value).not.toBe("child_joins_household");
    expect(field(draft, "household.headConsent")?.value ?? null).toBeNull();
    // Outside the group: the group's step stays cancelled.
    expect(step(await group(id), "residence").state).toBe("cancelled");
  });
  it("neither parent has a phone or e-mail on file: the group's news is still in their in-app notifications", async () => {
    for (let i = 0; i < 3; i++) await s.drain();
    type Listed = {
      items: Array<{ groupId: string | null; dossierId: string | null; link: string; textVi: string }>;
    };
    const news = async (pn: string) =>
      (await b(pn).send<Listed>("GET", "/api/me/notifications")).body.items.filter(
        (n) => n.groupId === id && n.dossierId === null,
      );
    const asked = await news(father.pn);
    expect(asked.length).toBeGreaterThanOrEqual(1);
    expect(asked.every((n) => n.link === "/")).toBe(true);
    expect(asked.at(-1)?.textVi).toContain("đề nghị bạn (chủ hộ) đồng ý");
    const told = await news(mother.pn);
    expect(told.length).toBeGreaterThanOrEqual(1);
    expect(told[0]).toMatchObject({ link: `/lien-thong/${id}` });
    expect(told[0]?.textVi).toContain(`Chủ hộ ${father.name} không đồng ý`);
    const sent = await s.db.query<{ n: number }>(
      "select count(*)::int as n from notifications where group_id = $1 and channel <> 'app'",
      [id],
    );
    expect(sent.rows[0]?.n).toBe(0);
  });
});
