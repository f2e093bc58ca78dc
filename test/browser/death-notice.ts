import { loadConfig } from "../../src/config.js";
import { foldVietnamese } from "../../src/domain/text.js";
import { loadKeys } from "../../src/lib/secrets.js";
import { sendDeathNotice } from "../../src/modules/exchange/index.js";
import { PDF } from "../helpers/files.js";
import { A, addHouseholdMember } from "../helpers/fixtures.js";
import type { Browser as Http, TestServer } from "../helpers/server.js";

/** The grandfather of household HA-1 (the fixture father is its head, his son). */
export const grandfather = { pn: "048040000104", name: "Nguyễn Văn Cường", birth: "1940-02-10" };

/** The grandfather, living in the registry, joins household HA-1 (his son the head). */
export async function grandfatherJoins(s: TestServer): Promise<void> {
  await s.db.query(
    `insert into persons (personal_number, province_code, full_name, search_name, birth_date, sex, ethnicity,
       birth_registration_old_province, permanent_commune_code, permanent_address, household_id, relationship_to_head)
     values ($1, '48', $2, $3, $4, 'M', 'Kinh', '048', $5, 'Số 1, đường Nguyễn Tất Thành', 'HA-1', 'bố')`,
    [grandfather.pn, grandfather.name, foldVietnamese(grandfather.name), grandfather.birth, A.commune],
  );
  await addHouseholdMember(s.db, "HA-1", grandfather.pn);
}

/**
 * The grandfather, living, joins household HA-1; then the hospital's signed death notice arrives
 * (`sendDeathNotice`, died 04/11/2026 19:08 at Bệnh viện Đà Nẵng) with id `noticeId`, and delivery
 * runs once: the household's adults find the death group offered.
 */
export async function grandfatherDies(s: TestServer, noticeId: string): Promise<void> {
  await grandfatherJoins(s);
  await deathNoticeArrives(s, noticeId, grandfather.pn, "2026-11-04T19:08:00+07:00");
}

/**
 * The hospital's signed death notice `noticeId` of `personalNumber` (a person of commune A, died
 * at `diedAt` at Bệnh viện Đà Nẵng) arrives, and delivery runs once: the household's offers made.
 */
export async function deathNoticeArrives(
  s: TestServer,
  noticeId: string,
  personalNumber: string,
  diedAt: string,
): Promise<void> {
  const keys = await loadKeys(loadConfig({ DATA_DIR: s.tdb.dataDir }));
  await s.db.tx((q) =>
    sendDeathNotice(
      q,
      keys.agencies,
      {
        noticeId,
        communeCode: A.commune,
        personalNumber,
        diedAt,
        place: "Bệnh viện Đà Nẵng",
        cause: "Tuổi cao",
      },
      A.province,
      s.now(),
    ),
  );
  await s.drain();
}

/**
 * `applicant` starts the death registration's draft of `deceased` (a household member, no
 * electronic notice) and uploads a scan of the paper death notice into it: the draft's id, for a
 * death group filed on paper (`drafts: { death: id }`).
 */
export async function paperDeathDraft(applicant: Http, deceased: string): Promise<string> {
  const started = await applicant.send<{ id: string }>("POST", "/api/dossiers", {
    procedureCode: "LOCAL.KHAI-TU",
    deceasedNumber: deceased,
  });
  if (started.status !== 201) throw new Error(`start: ${started.status} ${JSON.stringify(started.body)}`);
  const up = await applicant.fetch(`/api/dossiers/${started.body.id}/components/deathNotice`, {
    method: "PUT",
    headers: {
      "content-type": "application/pdf",
      "x-filename": encodeURIComponent("giay-bao-tu.pdf"),
      "x-csrf-token": await applicant.csrf(),
    },
    body: new Uint8Array(PDF),
  });
  if (up.status !== 201) throw new Error(`upload: ${up.status} ${await up.text()}`);
  return started.body.id;
}

/** The id of the offer notice `noticeId` made to `personalNumber` (undefined: none). */
export async function offerOf(
  s: TestServer,
  personalNumber: string,
  noticeId: string,
): Promise<string | undefined> {
  const { rows } = await s.db.query<{ id: string }>(
    "select id from linked_offers where personal_number = $1 and notice_id = $2",
    [personalNumber, noticeId],
  );
  return rows[0]?.id;
}
