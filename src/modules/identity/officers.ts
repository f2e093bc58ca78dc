import type { Db, Queryable } from "../../db/client.js";
import { all, first, qb } from "../../db/query.js";
import { OFFICER_AGENCY_IDS, type OfficerAgencyId } from "../../domain/agencies.js";
import type { Jurisdiction, OfficerPrincipal, OfficerRole } from "../../domain/principal.js";
import { audit } from "../audit/index.js";

type OfficerRow = {
  username: string;
  full_name: string;
  role: OfficerRole;
  jurisdiction_level: "commune" | "province" | "country";
  jurisdiction_code: string | null;
  province_code: string | null;
  agency: string | null;
};

function isOfficerAgency(v: string | null): v is OfficerAgencyId {
  return (OFFICER_AGENCY_IDS as readonly (string | null)[]).includes(v);
}

function toPrincipal(r: OfficerRow): OfficerPrincipal {
  const jurisdiction: Jurisdiction =
    r.jurisdiction_level === "country" || !r.jurisdiction_code || !r.province_code
      ? { level: "country" }
      : { level: r.jurisdiction_level, code: r.jurisdiction_code, provinceCode: r.province_code };
  return {
    kind: "officer",
    id: r.username,
    username: r.username,
    name: r.full_name,
    role: r.role,
    jurisdiction,
    ...(isOfficerAgency(r.agency) ? { agency: r.agency } : {}),
  };
}

export async function findOfficer(db: Queryable, username: string): Promise<OfficerPrincipal | undefined> {
  const { rows } = await db.query<OfficerRow>(
    "select username, full_name, role, jurisdiction_level, jurisdiction_code, province_code, agency from officers where username = $1 and active",
    [username],
  );
  return rows[0] ? toPrincipal(rows[0]) : undefined;
}

/** An officer account as the admin sees it. */
export type OfficerAccount = {
  username: string;
  fullName: string;
  role: string;
  jurisdictionLevel: string;
  jurisdictionCode: string | null;
  provinceCode: string | null;
  agency: string | null;
};

const ACCOUNT_COLUMNS = [
  "username",
  "full_name as fullName",
  "role",
  "jurisdiction_level as jurisdictionLevel",
  "jurisdiction_code as jurisdictionCode",
  "province_code as provinceCode",
  "agency",
] as const;

/**
 * Creates an officer account and audits it (`officer.create`) in one transaction. The caller has
 * checked the username and the place; `provinceCode` is the jurisdiction's province (null for the
 * country). Returns undefined when the username is taken (nothing written).
 */
export async function createOfficer(
  db: Db,
  admin: { username: string },
  o: {
    username: string;
    fullName: string;
    role: OfficerRole;
    jurisdiction: { level: "commune" | "province"; code: string } | { level: "country" };
    provinceCode: string | null;
    agency?: OfficerAgencyId | undefined;
  },
  requestId?: string,
): Promise<OfficerAccount | undefined> {
  return db.tx(async (q) => {
    const created = await first(
      q,
      qb
        .insertInto("officers")
        .values({
          username: o.username,
          full_name: o.fullName,
          role: o.role,
          jurisdiction_level: o.jurisdiction.level,
          jurisdiction_code: o.jurisdiction.level === "country" ? null : o.jurisdiction.code,
          province_code: o.provinceCode,
          agency: o.agency ?? null,
        })
        .onConflict((c) => c.column("username").doNothing())
        .returning(ACCOUNT_COLUMNS),
    );
    if (created) {
      await audit(q, {
        actor: { kind: "officer", id: admin.username },
        action: "officer.create",
        outcome: "allowed",
        resource: `officer:${o.username}`,
        provinceCode: o.provinceCode,
        requestId,
        detail: { role: o.role, jurisdiction: o.jurisdiction, agency: o.agency ?? null },
      });
    }
    return created;
  });
}

/**
 * Sets the agency an officer account belongs to (null: none, the one-stop desk or a leader) and
 * audits it (`officer.agency`) in one transaction. Undefined when there is no such account.
 */
export async function setOfficerAgency(
  db: Db,
  admin: { username: string },
  username: string,
  agency: OfficerAgencyId | null,
  requestId?: string,
): Promise<OfficerAccount | undefined> {
  return db.tx(async (q) => {
    const changed = await first(
      q,
      qb.updateTable("officers").set({ agency }).where("username", "=", username).returning(ACCOUNT_COLUMNS),
    );
    if (changed)
      await audit(q, {
        actor: { kind: "officer", id: admin.username },
        action: "officer.agency",
        outcome: "allowed",
        resource: `officer:${username}`,
        provinceCode: changed.provinceCode,
        requestId,
        detail: { agency },
      });
    return changed;
  });
}

/** Officer accounts by username, those containing `q` if given (a LIKE pattern), paged; and how many. */
export async function listOfficers(
  db: Queryable,
  f: { q?: string | undefined; limit: number; offset: number },
): Promise<{ items: OfficerAccount[]; total: number }> {
  const like = f.q ? `%${f.q}%` : null;
  const officers = qb
    .selectFrom("officers")
    .$if(like !== null, (s) => s.where("username", "like", like ?? ""));
  const total = await first(
    db,
    officers.select((eb) => eb.fn.countAll<number>().as("n")),
  );
  const items = await all(
    db,
    officers.select(ACCOUNT_COLUMNS).orderBy("username").limit(f.limit).offset(f.offset),
  );
  return { items, total: total?.n ?? 0 };
}
