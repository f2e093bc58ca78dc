import { describe, expect, it } from "vitest";
import type { AssistantReply } from "../src/domain/api/assistant.js";
import { engine } from "./helpers/db.js";
import { deathGroupFiling, deathGroupSuite, deathTakenIn, issueDeathResult } from "./helpers/death-group.js";
import { people } from "./helpers/fixtures.js";

/**
 * Issue 12 (low): once the citizen's death group has its death registration result, the assistant
 * knows from the records that the death is registered: it does not ask "Đã đăng ký khai tử chưa?"
 * but says so and asks what is next; the fact used is in the citizen's access list. A death of
 * another relative than the one named is not taken for theirs.
 */
type Step = { key: string; state: string; dossierId: string | null };
type Group = { steps: Step[] };
type Question = { id: string; vi: string; en: string };

// The grandfather of household HA-1 (the father's father) died on 4 November; his notice waits.
const suite = deathGroupSuite<Step, Group>();
const { b, view, step } = suite;
const ask = async (text: string, answers: Record<string, string> = {}) => {
  const r = await b("father").send<AssistantReply>("POST", "/api/assistant", { text, answers });
  expect(r.status).toBe(200);
  return r.body;
};
const questionOf = (r: AssistantReply) => (r.kind === "question" ? (r.question as Question) : null);
const REGISTERED_VI = "Khai tử của Nguyễn Văn Cường (bố của bạn), mất ngày 04/11/2026, đã được đăng ký";

describe(`the assistant knows the death group's registration (${engine})`, () => {
  let death = "";
  let group = "";
  it("before: the notice waits, so the assistant opens the death registration (nothing asked)", async () => {
    const r = await ask("bố tôi mất rồi làm gì");
    expect(r.kind === "procedure" && r.procedure.code).toBe("LOCAL.KHAI-TU");
    const filed = await b("father").send<{ id: string }>(
      "POST",
      "/api/linked-applications",
      deathGroupFiling(),
    );
    expect(filed.status).toBe(201);
    group = filed.body.id;
    death = step(await view(group), "death").dossierId as string;
  });

  it("its result issued here (the registry not caught up): not asked whether registered, told so", async () => {
    await issueDeathResult(b, death);
    const r = await ask("bố tôi mất rồi làm gì");
    const q = questionOf(r);
    expect(q?.id).toBe("afterDeath");
    expect(q?.vi).toBe(`${REGISTERED_VI}: bạn không cần khai lại. Bạn cần làm gì tiếp theo?`);
    expect(q?.en).toMatch(/^The death of Nguyễn Văn Cường \(your father\), died 04\/11\/2026, is registered/);
    // The answer to "what next": that procedure is a step of his death group, under way there
    // (issue 12 M1): the group's page, no second form.
    const next = await ask("bố tôi mất rồi làm gì", { afterDeath: "funeral" });
    expect(next.kind === "guidance" && next.procedure?.code).toBe("LOCAL.MAI-TANG-PHI");
    expect(next.kind === "guidance" && next.page?.url).toBe(`/lien-thong/${group}`);
    expect(next.kind === "guidance" && next.message.vi).toMatch(
      /^“Hỗ trợ chi phí mai táng” cho Nguyễn Văn Cường đang được giải quyết trong nhóm thủ tục liên thông/,
    );
    expect(next.kind === "guidance" && next.facts.map((f) => f.fact)).toEqual(["deathRegistered"]);
    // The read is in the father's access list, with the deceased's.
    const { rows } = await suite
      .server()
      .db.query<{ subject: string; fields: string[] }>(
        "select subject_number as subject, fields from access_log where purpose = 'assistant' order by id",
      );
    expect(rows.map((x) => x.subject.trim())).toEqual(
      expect.arrayContaining([people.father.pn, "048040000104"]),
    );
    // Named as what was read: the death registration ("đăng ký khai tử" on "Dữ liệu của tôi").
    const own = rows.filter((x) => x.subject.trim() === people.father.pn).at(-1);
    expect(own?.fields).toEqual(["deathRegistered"]);
  });

  it("taken in by the registry: still answered from the records", async () => {
    await deathTakenIn(suite.server());
    const q = questionOf(await ask("nhà có người mất thì làm gì"));
    expect(q?.id).toBe("afterDeath");
    expect(q?.vi).toMatch(
      /^Khai tử của Nguyễn Văn Cường \(bố của bạn\), mất ngày 04\/11\/2026, đã được đăng ký/,
    );
  });

  it("another relative named (his mother): the question is asked, the father's death not taken for hers", async () => {
    const q = questionOf(await ask("mẹ tôi mất rồi làm gì"));
    expect(q?.id).toBe("deathRegistered");
    expect(q?.vi).toBe("Đã đăng ký khai tử cho người mất chưa?");
  });
});
