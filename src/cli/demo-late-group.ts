import type { Db } from "../db/client.js";
import type { FormValues } from "../domain/form.js";
import type { CitizenPrincipal } from "../domain/principal.js";
import { previewPrefill } from "../modules/dossiers/index.js";
import { applyGroup } from "../modules/linked/index.js";

/** The mother's answers; those the registries know (read-only in her form) are left to them. */
const ANSWERS: FormValues = {
  "requester.relationship": "mother",
  "child.fullName": "Nguyễn Minh An",
  "child.ethnicity": "Kinh",
  "child.nationality": "VN",
  "child.homeTown": "Đà Nẵng",
  "parents.married": false,
  "declaration.sworn": true,
};

/** Calendar days before the demo's start the late group was filed: past the birth group's 3 working days. */
const FILED_DAYS_AGO = 8;

/**
 * A birth group filed before the demo starts and still open past its limit (the birth group's 3
 * working days), so the leader's "groups at risk" panel shows one on a fresh `npm start`: the
 * mother of the last unregistered seeded birth notice (by id: never one the demo's facilities send,
 * which are the first), living in the demo's first commune if one does (its leader is on the
 * sign-in list), born before the filing, files the whole group `FILED_DAYS_AGO` days before `now`;
 * the birth step waits at the one-stop desk. Once only (nothing when any group exists, or no
 * such notice); returns the group and the mother, or null. Deterministic for a seeded population.
 */
export async function fileDemoLateGroup(
  db: Db,
  now: Date,
): Promise<{ groupId: string; mother: string; communeCode: string } | null> {
  const any = await db.query("select 1 from linked_groups limit 1");
  if (any.rows.length > 0) return null;
  const at = new Date(now.getTime() - FILED_DAYS_AGO * 86_400_000);
  // The demo's first commune (the one whose officers the sign-in list names) first.
  const first = await db.query<{ code: string | null }>("select min(commune_code) as code from households");
  // Notices and persons in separate statements (distributed apart, docs/scaling.md).
  const notices = await db.query<{ mother: string }>(
    `select mother_number as mother from birth_notices
     where personal_number = mother_number and not registered and birth_at < $1 order by id desc limit 50`,
    [at],
  );
  const numbers = notices.rows.map((r) => r.mother.trim());
  const living = await db.query<{ pn: string; communeCode: string }>(
    `select personal_number as pn, permanent_commune_code as "communeCode" from persons
     where personal_number = any($1::char(12)[]) and deceased_on is null`,
    [numbers],
  );
  const communeOf = new Map(living.rows.map((r) => [r.pn.trim(), r.communeCode]));
  const alive = numbers.filter((pn) => communeOf.has(pn));
  const pick = alive.find((pn) => communeOf.get(pn) === first.rows[0]?.code) ?? alive[0];
  if (!pick) return null;
  const mother = pick;
  const principal: CitizenPrincipal = { kind: "citizen", id: mother, personalNumber: mother, name: "" };
  const clock = () => at;
  const ctx = { db, principal, now: clock };
  const known = await previewPrefill(ctx, "1.001193", { ownView: true });
  const readOnly = new Set(known.fields.filter((f) => f.readOnly).map((f) => f.key));
  const shared = Object.fromEntries(Object.entries(ANSWERS).filter(([k]) => !readOnly.has(k)));
  const filed = await applyGroup({ db, now: clock }, ctx, {
    group: "birth",
    members: ["residence", "insurance"],
    shared,
    values: {
      residence: {
        request: "join_household",
        "member.relationshipToHead": "con",
        "household.headConsent": true,
      },
    },
  });
  return { groupId: filed.id, mother, communeCode: communeOf.get(pick) as string };
}
