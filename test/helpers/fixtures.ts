import type { Db } from "../../src/db/client.js";
import { foldVietnamese } from "../../src/domain/text.js";
import { ensureDemoOfficers, registerApiClient } from "../../src/modules/identity/index.js";

/**
 * A tiny, hand-written population for API tests: two communes of Đà Nẵng (A = Hải Vân 20194,
 * B = Liên Chiểu 20197) and one of Hà Nội (Ba Đình 00004). Numbers are valid for birth year and sex.
 */
export const A = { commune: "20194", province: "48" };
export const B = { commune: "20197", province: "48" };
export const HN = { commune: "00004", province: "01" };

export const people = {
  // Household HA-1 in commune A: father, mother, child.
  father: {
    pn: "048085000101",
    name: "Nguyễn Văn An",
    birth: "1985-03-02",
    sex: "M",
    commune: A.commune,
    hh: "HA-1",
    rel: "chủ hộ",
  },
  mother: {
    pn: "048188000102",
    name: "Trần Thị Bình",
    birth: "1988-07-15",
    sex: "F",
    commune: A.commune,
    hh: "HA-1",
    rel: "vợ",
  },
  child: {
    pn: "048215000103",
    name: "Nguyễn Minh Châu",
    birth: "2015-09-01",
    sex: "M",
    commune: A.commune,
    hh: "HA-1",
    rel: "con",
  },
  // Household HB-1 in commune B.
  neighbour: {
    pn: "049190000201",
    name: "Lê Thị Dung",
    birth: "1990-01-20",
    sex: "F",
    commune: B.commune,
    hh: "HB-1",
    rel: "chủ hộ",
  },
  // Lives permanently in B, temporarily in A.
  worker: {
    pn: "048092000301",
    name: "Phạm Văn Em",
    birth: "1992-11-11",
    sex: "M",
    commune: B.commune,
    hh: "HB-2",
    rel: "chủ hộ",
    temp: A.commune,
  },
  // Hà Nội.
  capital: {
    pn: "001080000401",
    name: "Hoàng Văn Giang",
    birth: "1980-05-05",
    sex: "M",
    commune: HN.commune,
    hh: "HN-1",
    rel: "chủ hộ",
  },
} as const;

/** What the mother types into a birth registration (1.001193) beyond what the registries fill. */
export const BIRTH_VALUES = {
  "requester.relationship": "mother",
  "child.fullName": "Nguyễn Ngọc Diệp",
  "child.ethnicity": "Kinh",
  "child.nationality": "VN",
  "child.homeTown": "Hải Vân, Đà Nẵng",
  "parents.married": true,
  "declaration.sworn": true,
};

/**
 * The mother's birth group application (POST /api/linked-applications): the three steps, the child
 * registered into her household (its head consents), the card at the ward's health station.
 */
export const BIRTH_GROUP_APPLICATION = {
  group: "birth",
  members: ["residence", "insurance"],
  shared: BIRTH_VALUES,
  values: {
    residence: {
      request: "join_household",
      "member.relationshipToHead": "con",
      "household.headConsent": true,
    },
    insurance: { "healthcare.facility": "Trạm y tế phường Hải Vân" },
  },
};

/**
 * Confirmation of marital status (15,000 đồng, 50% off online): a complete form for any fixture
 * applicant. "married" is what the civil-status registry holds of the father and the mother (read-
 * only, so sent unchanged), and contradicts nothing for the others (a marriage abroad is not in
 * the register); "single" is refused for a married person (test/marital-status-register.test.ts).
 */
export const MARITAL = {
  code: "LOCAL.XAC-NHAN-TTHN",
  values: {
    "person.maritalStatus": "married",
    purpose: "Để đăng ký kết hôn",
    copies: 1,
    "declaration.sworn": true,
  },
} as const;

const provinceOf = (commune: string) => (commune === HN.commune ? HN.province : A.province);

export async function insertFixtures(db: Db): Promise<void> {
  await db.tx(async (q) => {
    const households = [
      ["HA-1", A.commune, people.father.pn],
      ["HB-1", B.commune, people.neighbour.pn],
      ["HB-2", B.commune, people.worker.pn],
      ["HN-1", HN.commune, people.capital.pn],
    ];
    for (const [id, commune, head] of households) {
      // The household record lists its members (migration 090), head first.
      const members = Object.values(people)
        .filter((p) => p.hh === id)
        .map((p) => p.pn);
      await q.query(
        `insert into households (id, province_code, commune_code, address, head_number, member_numbers)
         values ($1, $2, $3, $4, $5, $6)`,
        [
          id,
          provinceOf(commune as string),
          commune,
          `Số ${String(id).length}, đường Nguyễn Tất Thành`,
          head,
          members,
        ],
      );
    }
    for (const p of Object.values(people)) {
      const temp = "temp" in p ? p.temp : null;
      await q.query(
        `insert into persons (personal_number, province_code, full_name, search_name, birth_date, sex, ethnicity,
           birth_registration_old_province, father_number, mother_number, permanent_commune_code, permanent_address,
           temporary_commune_code, temporary_address, household_id, relationship_to_head, phone)
         values ($1, $2, $3, $14, $4, $5, 'Kinh', $6, $7, $8, $9, 'Số 1, đường Nguyễn Tất Thành', $10, $11, $12, $13, '0905123456')`,
        [
          p.pn,
          provinceOf(p.commune),
          p.name,
          p.birth,
          p.sex,
          p.pn.slice(0, 3),
          p === people.child ? people.father.pn : null,
          p === people.child ? people.mother.pn : null,
          p.commune,
          temp,
          temp ? "Phòng 3, nhà trọ Hoà Khánh" : null,
          p.hh,
          p.rel,
          foldVietnamese(p.name),
        ],
      );
    }
    await q.query(
      `insert into civil_status_records (personal_number, kind, registration_number, registered_on, province_code, commune_code, subject_number, details)
       values ($2, 'birth', 'KS-20194-2015-0001', '2015-09-10', '48', $1, $2, '{"place":"Bệnh viện Phụ sản Đà Nẵng"}')`,
      [A.commune, people.child.pn],
    );
    // A marriage is filed under each spouse (migration 090).
    for (const filedUnder of [people.father.pn, people.mother.pn]) {
      await q.query(
        `insert into civil_status_records (personal_number, kind, registration_number, registered_on, province_code, commune_code, subject_number, spouse_number)
         values ($4, 'marriage', 'KH-20194-2012-0001', '2012-05-20', '48', $1, $2, $3)`,
        [A.commune, people.father.pn, people.mother.pn, filedUnder],
      );
    }
    // A newborn whose birth is not registered yet: the hospital's electronic birth certificate,
    // born three days before the test servers' clock starts (TEST_START, 2026-11-04 09:00 in
    // Vietnam), filed under each parent.
    for (const filedUnder of [people.mother.pn, people.father.pn]) {
      await q.query(
        `insert into birth_notices (personal_number, id, province_code, commune_code, mother_number, father_number, child_sex, birth_at, weight_grams, facility)
         values ($4, 'GCS-TEST-0001', '48', $1, $2, $3, 'F', '2026-11-01T09:00:00+07:00', 3200, 'Bệnh viện Phụ sản - Nhi Đà Nẵng')`,
        [A.commune, people.mother.pn, people.father.pn, filedUnder],
      );
    }
    await q.query(
      `insert into health_insurance_cards (card_number, province_code, personal_number, beneficiary_group, benefit_level,
         primary_facility, valid_from, valid_to) values ('HS4480000000103', '48', $1, 'HS', 4, 'Trạm y tế Hải Vân', '2025-01-01', '2025-12-31')`,
      [people.child.pn],
    );
  });
  await ensureDemoOfficers(db, [
    { code: A.commune, provinceCode: A.province, name: "Hải Vân" },
    { code: B.commune, provinceCode: B.province, name: "Liên Chiểu" },
    { code: HN.commune, provinceCode: HN.province, name: "Ba Đình" },
  ]);
}

/** Adds a person to a fixture household's record (as the residence registry does when one moves in). */
export async function addHouseholdMember(db: Db, householdId: string, personalNumber: string): Promise<void> {
  await db.query("update households set member_numbers = member_numbers || $2::bpchar where id = $1", [
    householdId,
    personalNumber,
  ]);
}

export { registerApiClient };

/**
 * A person who died on 2026-11-04, in a household, with the hospital's death notice (as the
 * death group's tests need): the person (deceased in the registry; a man, the head's father,
 * unless `sex` and `relationship` say otherwise), the household's record, the notice.
 */
export async function addDeceased(
  db: Db,
  p: { pn: string; name: string; birth: string; sex?: "M" | "F"; relationship?: string },
  at: { household: string; notice: string; commune: string },
): Promise<void> {
  await db.query(
    `insert into persons (personal_number, province_code, full_name, search_name, birth_date, sex, ethnicity,
       birth_registration_old_province, permanent_commune_code, permanent_address, household_id, relationship_to_head, deceased_on)
     values ($1, '48', $2, $3, $4, $7, 'Kinh', '048', $5, 'Số 1, đường Nguyễn Tất Thành', $6, $8, '2026-11-04')`,
    [
      p.pn,
      p.name,
      foldVietnamese(p.name),
      p.birth,
      at.commune,
      at.household,
      p.sex ?? "M",
      p.relationship ?? "bố",
    ],
  );
  await addHouseholdMember(db, at.household, p.pn);
  await db.query(
    `insert into death_notices (household_id, id, province_code, commune_code, person_number, died_at, place, cause)
     values ($1, $2, '48', $3, $4, '2026-11-04T12:08:00Z', 'Bệnh viện Đà Nẵng', 'Tuổi cao')`,
    [at.household, at.notice, at.commune, p.pn],
  );
}

/** The death group's application linking the deregistration and the funeral allowance, paid to `account`. */
export function deathGroupApplication(account: string) {
  return {
    group: "death",
    members: ["deregistration", "funeral"],
    shared: { "requester.relationship": "child", "declaration.sworn": true },
    values: {
      deregistration: { "deceased.relationshipToHead": "bố" },
      funeral: {
        "organiser.relationship": "child",
        "deceased.category": "elderly",
        "payout.method": "bank",
        "payout.accountNumber": account,
        "payout.bank": "Ngân hàng thử nghiệm",
      },
    },
  };
}

/** A permanent residence registration (1.004222): the mother registers the worker into her household HA-1. */
export const WORKER_JOINS_HA1 = {
  request: "join_household",
  "member.fullName": people.worker.name,
  "member.birthDate": people.worker.birth,
  "member.sex": "M",
  "member.personalNumber": people.worker.pn,
  "member.relationshipToHead": "em vợ",
  "household.headConsent": true,
};
