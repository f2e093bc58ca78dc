import { loadConfig } from "../../src/config.js";
import { loadKeys } from "../../src/lib/secrets.js";
import { sendBirthNotice } from "../../src/modules/exchange/index.js";
import { A, BIRTH_VALUES, people } from "./fixtures.js";
import { Browser, type TestServer } from "./server.js";

/**
 * The birth group as the tests file it: the later steps' answers (the child joins the applicant's
 * household, with the head's consent; the first place of care), and the birth step's processing by
 * the commune's demo officers up to its signed result.
 */
const LATER_BIRTH_STEPS = {
  residence: {
    request: "join_household",
    "member.relationshipToHead": "con",
    "household.headConsent": true,
  },
  insurance: { "healthcare.facility": "Trạm y tế phường Hải Vân" },
};

/** The mother's application of the whole birth group (three steps). */
export const WHOLE_BIRTH_GROUP = {
  group: "birth",
  members: ["residence", "insurance"],
  shared: BIRTH_VALUES,
  values: LATER_BIRTH_STEPS,
};

/** Who registers a birth at Hải Vân (20194), in order, up to the signed extract. */
export const BIRTH_REGISTRATION_ACTIONS = [
  ["motcua.20194", "receive"],
  ["chuyenvien.20194", "forward"],
  ["lanhdao.20194", "approve"],
  ["lanhdao.20194", "issue_result"],
] as const;

/**
 * Takes dossier `id` of a procedure Hải Vân (20194) decides through its one-stop desk, specialist
 * and leader (`BIRTH_REGISTRATION_ACTIONS`: a birth, a death, a step filed on its own) up to its
 * signed result, each officer's Browser by login; the statuses answered, in order.
 */
export async function decideAtHaiVan(officers: (login: string) => Browser, id: string): Promise<number[]> {
  const statuses: number[] = [];
  for (const [who, action] of BIRTH_REGISTRATION_ACTIONS)
    statuses.push((await officers(who).send("POST", `/api/dossiers/${id}/actions`, { action })).status);
  return statuses;
}

/** Registers the birth dossier `id` (`decideAtHaiVan`); the statuses answered. */
export const registerBirth = decideAtHaiVan;

/** A facility's signed birth notice for the fixtures' mother and father, delivered (their offers made). */
export async function birthNoticeArrives(
  s: TestServer,
  noticeId: string,
  at: Date,
  childSex: "M" | "F" = "F",
) {
  const keys = await loadKeys(loadConfig({ DATA_DIR: s.tdb.dataDir }));
  await s.db.tx((q) =>
    sendBirthNotice(
      q,
      keys.agencies,
      {
        noticeId,
        facility: "Bệnh viện Đà Nẵng",
        communeCode: A.commune,
        birthAt: "2026-11-03T08:15:00+07:00",
        childSex,
        weightGrams: 3000,
        motherNumber: people.mother.pn,
        fatherNumber: people.father.pn,
      },
      A.province,
      at,
    ),
  );
  await s.drain();
}

/** A new session of `login` (a citizen's number or an officer's username) on the test server. */
export async function signedIn(s: TestServer, login: string): Promise<Browser> {
  const b = new Browser(s.baseUrl);
  await b.signIn(login);
  return b;
}

/** The id of the person's open offer made from notice `noticeId`, if listed. */
export const offerOf = async (b: Browser, noticeId: string) =>
  (
    await b.send<{ items: Array<{ id: string; noticeId: string }> }>("GET", "/api/me/linked-offers")
  ).body.items.find((o) => o.noticeId === noticeId)?.id;

/** Everything filings by `pn` wrote, whatever its state: groups, dossiers, steps, keys, notice claims. */
export async function writtenBy(s: TestServer, pn: string) {
  const { rows } = await s.db.query<{
    groups: number;
    dossiers: number;
    steps: number;
    keys: number;
    filings: number;
  }>(
    `select (select count(*)::int from linked_groups where applicant_number = $1) as groups,
            (select count(*)::int from dossiers where applicant_number = $1) as dossiers,
            (select count(*)::int from linked_group_steps s join linked_groups g
               on g.province_code = s.province_code and g.id = s.group_id where g.applicant_number = $1) as steps,
            (select count(*)::int from idempotency_keys where actor_id = $1) as keys,
            (select count(*)::int from linked_notice_filings where filed_by = $1) as filings`,
    [pn],
  );
  return rows[0];
}
