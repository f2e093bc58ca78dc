import type { Queryable } from "../../db/client.js";
import { type AgencyId, REGISTRY_OWNERS } from "../../domain/agencies.js";
import { localDate } from "../../domain/calendar/index.js";
import {
  CHILD_CARD_GROUP,
  CHILD_CARD_LEVEL,
  childCardNumber,
  childCardValidTo,
} from "../../domain/health-insurance.js";
import { MESSAGE_TYPES, type MessageTypeId, type PayloadOf } from "../../domain/messages.js";
import type { OutboxMessage } from "../delivery/index.js";
import * as repo from "../registries/index.js";
import type { AgencySigners } from "./agency-keys.js";
import { type BirthNumberListener, civilStatusEffect, registerCivilStatusHandlers } from "./civil-status.js";
import { type ExternalAgencies, registerSigned, type SignedDelivery } from "./external-delivery.js";
import {
  enqueueSigned,
  type Issued,
  receiveSigned,
  requireHostedSender,
  text,
} from "./writeback-messages.js";

/**
 * Residence registrations and health-insurance cards written back to their registries (issue 11
 * point 3), the way births and deaths are (civil-status.ts):
 *
 *   `issue_result` of a residence_update / health_insurance_card result ──enqueue, same
 *   transaction──▶ outbox ──delivery──▶ the registry owner verifies (signature, sender, receiver),
 *   logs, applies (src/modules/registries/residence.ts) in the inbox transaction.
 *
 * Senders and receivers (src/domain/agencies.ts): residence is registered by the commune police
 * (`cong-an`, unit = the commune), which also owns the residence registry; a card is issued by
 * social security (`bhxh`, unit = the province), which owns the insurance registry. The issuing
 * office and the registry are distinct participants' roles even when one agency plays both: the
 * message is still signed, verified and logged as evidence.
 *
 * Which residence fact a `residence_update` result tells is read from its form: `stay.*` is a
 * temporary registration (Luật Cư trú 2020 Điều 28), `deceased.*` a permanent residence ended by
 * death (Điều 24 khoản 1 điểm a), otherwise a permanent registration: into the head's household
 * (`request` = join_household, Điều 21 khoản 1 and 22; `join_spouse_household`: the declarant into
 * the spouse's household, Điều 20 khoản 2 điểm a; `child_joins_household`: only the member,
 * the declaring parent keeps their residence), or at another lawful residence of the
 * declarant's (`other_residence`, Điều 20 khoản 1: the addressed commune and `residence.address`), where
 * the registry opens a new household `HK-<dossier code>` headed by the declarant, which the member
 * registered with them joins.
 */

const REGISTERED = "residence.registered@3" satisfies MessageTypeId;
/** Messages of the version before (no `newHousehold`), still received when written before the change. */
const REGISTERED_V2 = "residence.registered@2" satisfies MessageTypeId;
const ENDED = "residence.ended@1" satisfies MessageTypeId;
const CARD = "health_insurance.card_issued@2" satisfies MessageTypeId;

/** Who may send each topic (the issuing agency) and who owns the registry that applies it. */
const ROUTES = {
  [REGISTERED]: { sender: "cong-an", receiver: REGISTRY_OWNERS.residence, level: "commune" },
  [REGISTERED_V2]: { sender: "cong-an", receiver: REGISTRY_OWNERS.residence, level: "commune" },
  [ENDED]: { sender: "cong-an", receiver: REGISTRY_OWNERS.residence, level: "commune" },
  [CARD]: { sender: "bhxh", receiver: REGISTRY_OWNERS.health_insurance, level: "province" },
} as const satisfies Record<string, { sender: AgencyId; receiver: AgencyId; level: string }>;
type Topic = keyof typeof ROUTES;

/** The reason a deregistration for a death carries (Luật Cư trú 2020, Điều 24 khoản 1 điểm a). */
export const DECEASED_REASON = "Người đã chết (Luật Cư trú 2020, Điều 24 khoản 1 điểm a)";

type Built = { type: Topic; payload: unknown };

const valid = (b: Built): boolean => MESSAGE_TYPES[b.type].payload.safeParse(b.payload).success;
const orNull = (v: string): string | null => v || null;

async function residenceMessages(q: Queryable, e: Issued): Promise<Built[]> {
  const { dossier: d, at } = e;
  const f = d.form;
  if (text(f["stay.commune"])) {
    const stay = {
      kind: "temporary",
      communeCode: text(f["stay.commune"]),
      address: text(f["stay.address"]),
      householdId: null,
      until: orNull(text(f["stay.until"]).slice(0, 10)),
    } as const;
    const member = text(f["member.personalNumber"]);
    const staying = (personalNumber: string, relationship: string): Built => ({
      type: REGISTERED,
      payload: { ...stay, personalNumber, relationshipToHead: orNull(relationship) },
    });
    // The member's relationship on this form is to the declarant, not to a head: not recorded.
    return [
      staying(d.applicantNumber, text(f["host.relationship"])),
      ...(member ? [staying(member, "")] : []),
    ].map((m) => ({ ...m, payload: { ...(m.payload as object), newHousehold: false } }));
  }
  if (text(f["deceased.personalNumber"])) {
    return [
      {
        type: ENDED,
        payload: {
          personalNumber: text(f["deceased.personalNumber"]),
          kind: "permanent",
          communeCode: text(f["authority.commune"]) || d.communeCode,
          endedOn: localDate(at),
          reason: DECEASED_REASON,
        },
      },
    ];
  }
  if (text(f.request) === "other_residence") return ownResidence(d, f);
  const request = text(f.request);
  const joins = ["join_household", "child_joins_household", "join_spouse_household"];
  if (!joins.includes(request)) return [];
  const head = text(f["household.headNumber"]);
  const household = head ? await repo.findHouseholdOf(q, head) : undefined;
  if (!household) return [];
  const joining = (personalNumber: string, relationship: string): Built => ({
    type: REGISTERED,
    payload: {
      personalNumber,
      kind: "permanent",
      communeCode: household.communeCode,
      address: household.address,
      householdId: household.id,
      until: null,
      relationshipToHead: orNull(relationship),
      newHousehold: false,
    },
  });
  const out: Built[] = [];
  // A parent registering only the child (`child_joins_household`) keeps their own residence.
  const own =
    request === "child_joins_household" ? household : await repo.findHouseholdOf(q, d.applicantNumber);
  if (own?.id !== household.id) out.push(joining(d.applicantNumber, text(f["household.relationshipToHead"])));
  const member = text(f["member.personalNumber"]);
  if (member) out.push(joining(member, text(f["member.relationshipToHead"])));
  return out;
}

/**
 * A permanent registration at another lawful residence of the declarant's (Luật Cư trú 2020 Điều 20
 * khoản 1): a new household at the addressed commune (`authority.commune`) and `residence.address`, the declarant its head
 * ("chủ hộ"), the member registered with them joining it. None when the form names no address.
 */
function ownResidence(d: Issued["dossier"], f: Issued["dossier"]["form"]): Built[] {
  // The police of the commune where the residence is receive the registration (Điều 22 khoản 1).
  const communeCode = text(f["authority.commune"]) || (d.communeCode ?? "");
  const address = text(f["residence.address"]);
  if (!communeCode || !address || !d.code) return [];
  const place = {
    kind: "permanent",
    communeCode,
    address,
    householdId: `HK-${d.code}`,
    until: null,
  } as const;
  const member = text(f["member.personalNumber"]);
  return [
    {
      type: REGISTERED,
      payload: {
        ...place,
        personalNumber: d.applicantNumber,
        relationshipToHead: "chủ hộ",
        newHousehold: true,
      },
    },
    ...(member
      ? [
          {
            type: REGISTERED as Topic,
            payload: {
              ...place,
              personalNumber: member,
              relationshipToHead: orNull(text(f["member.relationshipToHead"])),
              newHousehold: false,
            },
          },
        ]
      : []),
  ];
}

function cardMessage(e: Issued): Built[] {
  const f = e.dossier.form;
  const child = text(f["child.personalNumber"]);
  const birth = text(f["child.birthDate"]).slice(0, 10);
  if (!child || birth.length !== 10) return [];
  return [
    {
      type: CARD,
      payload: {
        personalNumber: child,
        cardNumber: childCardNumber(e.dossier.provinceCode, child),
        beneficiaryGroup: CHILD_CARD_GROUP,
        benefitLevel: CHILD_CARD_LEVEL,
        primaryFacility: text(f["healthcare.facility"]),
        validFrom: localDate(e.at),
        validTo: childCardValidTo(birth),
      },
    },
  ];
}

/**
 * The effect of `issue_result` (wired in src/server/wiring.ts after the results module's): for a
 * residence update or a health-insurance card, enqueues one signed message per person whose
 * registry record changes, in the dossier's transaction, and adds their ids to the action's
 * payload (`writeBack`). Nothing for other results, or when the form does not name the fact
 * (see the module comment). Throws Error when the sending agency has no key here.
 */
export function registryWritebackEffect(signers: AgencySigners) {
  return async (q: Queryable, e: Issued): Promise<Record<string, unknown> | undefined> => {
    const kind = e.definition.result.kind;
    const built =
      kind === "residence_update"
        ? await residenceMessages(q, e)
        : kind === "health_insurance_card"
          ? cardMessage(e)
          : [];
    const messages = built.filter(valid);
    if (messages.length === 0) return undefined;
    const d = e.dossier;
    const resultNumber = text(e.payload.resultNumber) || `KQ-${d.code ?? d.id}`;
    const ids: string[] = [];
    for (const m of messages) {
      const route = ROUTES[m.type];
      const unit = route.level === "province" ? d.provinceCode : (d.communeCode ?? undefined);
      ids.push(
        await enqueueSigned(q, signers, {
          type: m.type,
          from: { agency: route.sender, unit },
          to: { agency: route.receiver, unit },
          dossier: d,
          at: e.at,
          payload: m.payload,
          resultNumber,
        }),
      );
    }
    return { writeBack: { types: [...new Set(messages.map((m) => m.type))], messageIds: ids } };
  };
}

async function receive(q: Queryable, m: OutboxMessage): Promise<void> {
  const route = ROUTES[m.topic as Topic];
  if (!route) throw new Error(`no registry takes ${m.topic}`);
  const { message: msg, prov } = await receiveSigned(q, m, {
    receiver: route.receiver,
    sender: route.sender,
  });
  if (msg.type === REGISTERED || msg.type === REGISTERED_V2)
    await repo.applyResidenceRegistered(q, msg.payload as PayloadOf<typeof REGISTERED>, prov);
  else if (msg.type === ENDED)
    await repo.applyResidenceEnded(q, msg.payload as PayloadOf<typeof ENDED>, prov);
  else if (msg.type === CARD) await repo.applyCardIssued(q, msg.payload as PayloadOf<typeof CARD>, prov);
}

/**
 * Registers the residence and insurance registries' handlers with the dispatcher
 * (src/server/wiring.ts). Each applies in the message's inbox transaction, once; a failure (an
 * unknown person or household, the database) is retried, then dead.
 */
export function registerRegistryWritebackHandlers(
  delivery: SignedDelivery,
  external?: ExternalAgencies,
): void {
  for (const topic of Object.keys(ROUTES)) registerSigned(delivery, topic, receive, external);
}

/** The agency that signs what each kind of result writes back (src/domain/agencies.ts). */
const SIGNER_OF_RESULT: Readonly<Record<string, AgencyId>> = {
  birth_extract: REGISTRY_OWNERS.civil_status,
  death_extract: REGISTRY_OWNERS.civil_status,
  residence_update: ROUTES[REGISTERED].sender,
  health_insurance_card: ROUTES[CARD].sender,
};

/**
 * The first effect of `issue_result` (before the result is made): a result whose write-back must
 * be signed by an agency whose key is not held here (an agency run outside the platform,
 * AGENCY_ENDPOINTS) is refused at once, 409 AGENCY_NOT_HOSTED. That agency issues its results in
 * its own system: the platform never signs in its name, and never half-issues a result it cannot
 * tell the registry of.
 */
export function writebackGuard(signers: AgencySigners) {
  return async (_q: Queryable, e: Issued): Promise<undefined> => {
    const signer = SIGNER_OF_RESULT[e.definition.result.kind];
    if (signer) requireHostedSender(signers, signer);
    return undefined;
  };
}

/**
 * Every result written back to a registry, for `issue_result` (after the results module's effect,
 * whose result number they read): births and deaths (civil-status.ts), residence and cards (here).
 */
export function writebackEffects(signers: AgencySigners) {
  return [civilStatusEffect(signers), registryWritebackEffect(signers)];
}

/**
 * Registers every registry's write-back handlers (births and deaths with their listener; residence,
 * cards). A message to a registry whose owner is external (`external`) is posted to it, not applied here.
 */
export function registerWritebackHandlers(
  delivery: SignedDelivery,
  onBirthNumber?: BirthNumberListener,
  external?: ExternalAgencies,
): void {
  registerCivilStatusHandlers(delivery, onBirthNumber, external);
  registerRegistryWritebackHandlers(delivery, external);
}
