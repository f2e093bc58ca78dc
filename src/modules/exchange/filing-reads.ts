import type { Db, Queryable } from "../../db/client.js";
import { FILES_FOR_CITIZENS, ON_BEHALF_FILERS } from "../../domain/principal.js";
import * as repo from "../registries/index.js";
import { logAccess } from "./access-log.js";
import { deny, type ReadContext } from "./read-rights.js";

/** The facts a new dossier needs about its applicant. */
export type ApplicantLookup = {
  personalNumber: string;
  fullName: string;
  permanentCommuneCode: string;
  provinceCode: string;
  deceased: boolean;
};

/**
 * Who the applicant of a new dossier is: name, place of permanent residence, whether alive.
 * Citizens look themselves up; a postal/community agent or a one-stop receiver files for a citizen
 * who is present (the receiver's jurisdiction is checked by the dossiers module on the competent
 * commune). Logged as "dossier-filing". Undefined when the personal number is not in the registry.
 */
export async function lookupApplicant(
  db: Db,
  ctx: ReadContext,
  personalNumber: string,
): Promise<ApplicantLookup | undefined> {
  const resource = `applicant:${personalNumber}`;
  const p = ctx.principal;
  if (p.kind === "citizen" && p.personalNumber !== personalNumber) await deny(db, ctx, resource, "not-self");
  if (p.kind === "officer" && !FILES_FOR_CITIZENS.has(p.role)) await deny(db, ctx, resource, "role");
  const person = await repo.findPerson(db, personalNumber);
  if (!person) return undefined;
  if (p.kind === "officer") {
    await logAccess(
      db,
      ctx,
      [
        {
          subject: personalNumber,
          provinceCode: person.provinceCode,
          fields: ["fullName", "permanentResidence"],
        },
      ],
      resource,
    );
  }
  return {
    personalNumber,
    fullName: person.fullName,
    permanentCommuneCode: person.permanentCommuneCode,
    provinceCode: person.provinceCode,
    deceased: person.deceasedOn !== null,
  };
}

/**
 * The phone number on file, to send a one-time code to the citizen an agent files for. Only the
 * agent of the draft reaches here (checked by the caller); logged as "dossier-filing".
 */
export async function readContactForOtp(
  db: Db,
  ctx: ReadContext,
  personalNumber: string,
): Promise<string | null> {
  const resource = `contact:${personalNumber}`;
  const p = ctx.principal;
  if (p.kind !== "officer" || !ON_BEHALF_FILERS.has(p.role)) await deny(db, ctx, resource, "role");
  const person = await repo.findPerson(db, personalNumber);
  if (!person) return null;
  await logAccess(
    db,
    ctx,
    [{ subject: personalNumber, provinceCode: person.provinceCode, fields: ["contact"] }],
    resource,
  );
  return person.phone;
}

/**
 * The signed-in citizen's own name, to name their session (undefined when the number is unknown
 * or its holder deceased: no account). A person reading themself: not written to the access log.
 */
export function citizenOwnName(db: Queryable, personalNumber: string): Promise<string | undefined> {
  return repo.findLivingPersonName(db, personalNumber);
}
