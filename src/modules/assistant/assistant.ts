import type { Db } from "../../db/client.js";
import type { AssistantReply } from "../../domain/api/assistant.js";
import { assist, factsNeeded, refusedReply } from "../../domain/assistant.js";
import type { Principal } from "../../domain/principal.js";
import { publishedWithFinder } from "../catalog/index.js";
import { applicantRefusal, registeredDeathHere } from "../dossiers/index.js";
import { readForAssistant } from "../exchange/index.js";
import { afterDeathReader } from "./after-death.js";

/**
 * One turn of the virtual assistant (rules: src/domain/assistant.ts). The catalogue and its
 * finder answer for everyone; for a signed-in citizen, the registry facts the recognised need
 * names are read through the exchange, and those the answer used are written to their access
 * list; the procedure answered is checked against its eligibility rules about the citizen
 * (`applicantRefusal`, its reads logged with purpose "assistant"). Nothing of the conversation is stored: the browser sends it whole on each turn.
 */
export async function converse(
  db: Db,
  principal: Principal | null,
  input: { text: string; answers: Readonly<Record<string, string>> },
  requestId?: string,
): Promise<AssistantReply> {
  const { rows, find } = await publishedWithFinder(db);
  const catalogue = rows.map((r) => ({
    code: r.code,
    nameVi: r.definition.nameVi,
    nameEn: r.definition.nameEn,
    linkedGroup: r.definition.linkedGroup ?? null,
  }));
  const needs = principal?.kind === "citizen" ? factsNeeded(input) : [];
  const read =
    principal?.kind === "citizen" && needs.length > 0
      ? await readForAssistant(
          db,
          { principal, purpose: "assistant", requestId },
          needs,
          registeredDeathHere(db),
          afterDeathReader(db, principal.personalNumber, new Map(rows.map((r) => [r.code, r.definition]))),
        )
      : undefined;
  const { reply, factsUsed } = assist(input, { catalogue, find, facts: read?.facts });
  await read?.log(db, factsUsed);
  // The procedure's own rules about the citizen (already married, for a marriage registration),
  // evaluated where a draft's creation evaluates them: a refusal is said now, with no form to start.
  const def = reply.kind === "procedure" && rows.find((r) => r.code === reply.procedure.code)?.definition;
  if (!def || principal?.kind !== "citizen") return reply;
  const refusal = await applicantRefusal(
    db,
    { principal, requestId },
    principal.personalNumber,
    def,
    new Date(),
    "assistant",
  );
  return refusedReply(reply, refusal);
}
