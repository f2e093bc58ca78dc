import type { Queryable } from "../../db/client.js";
import { REGISTRY_OWNERS } from "../../domain/agencies.js";
import { localDate } from "../../domain/calendar/index.js";
import { parseInstant } from "../../domain/instant.js";
import { lifeEventKey } from "../../domain/life-event.js";
import type { MessageTypeId, PayloadOf } from "../../domain/messages.js";
import type { OutboxMessage } from "../delivery/index.js";
import * as repo from "../registries/index.js";
import type { AgencySigners } from "./agency-keys.js";
import { type ExternalAgencies, registerSigned, type SignedDelivery } from "./external-delivery.js";
import { enqueueSigned, type Issued, receiveSigned, text } from "./writeback-messages.js";

/**
 * Births and deaths registered here are written back to the population registry (issue 11 point
 * 3), as signed messages between agencies:
 *
 *   dossier `issue_result` (birth_extract / death_extract) ──enqueue, same transaction──▶ outbox
 *   ──delivery──▶ handler: receiveMessage (signature, sender = the civil-status registry's owner,
 *   receiver = the population registry's owner; logged as evidence and on the subjects' access
 *   lists) ──▶ applyBirthRegistered / applyDeathRegistered, in the delivery's inbox transaction.
 *
 * Why `issue_result`: the law counts the event as registered when it is entered in the civil-status
 * register and the extract signed by the commune chairman (Luật Hộ tịch 2014, Điều 16 khoản 2 and
 * Điều 34 khoản 2: the officer records it in the register, the chairman issues the extract),
 * which is the approver's `issue_result` here (the signed result is made in that transaction).
 * Handing the extract over (`return_result`) changes nothing in the register.
 *
 * Sender: the commune People's Committee (`ubnd`, owner of civil status, REGISTRY_OWNERS), unit =
 * the registering commune; receiver: the commune police (`cong-an`, owner of the population
 * registry) of the same commune. The message is signed with the sender's key when the result is
 * issued, so the signature attests the fact as of then; the outbox payload is the compact JWS.
 */

const BIRTH = "civil_status.birth_registered@1" satisfies MessageTypeId;
const DEATH = "civil_status.death_registered@1" satisfies MessageTypeId;
const SENDER = REGISTRY_OWNERS.civil_status;
const RECEIVER = REGISTRY_OWNERS.population;

/**
 * The effect of `issue_result` (wired in src/server/wiring.ts after the results module's, whose
 * result number it reads from the action's payload): for a birth or death registration, enqueues
 * the signed message in the dossier's transaction and adds its id to the action's payload
 * (`writeBack`). Nothing for other procedures, or when the registry cannot be told by number (a
 * death without the deceased's personal number). Throws Error when the sending agency has no key
 * here (configuration; with DEMO on, keys are made at start).
 */
export function civilStatusEffect(signers: AgencySigners) {
  return async (q: Queryable, e: Issued): Promise<Record<string, unknown> | undefined> => {
    const built = await messageOf(q, e);
    if (!built) return undefined;
    const d = e.dossier;
    const unit = d.communeCode ?? undefined;
    const messageId = await enqueueSigned(q, signers, {
      type: built.type,
      from: { agency: SENDER, unit },
      to: { agency: RECEIVER, unit },
      dossier: d,
      at: e.at,
      payload: built.payload,
      resultNumber: built.resultNumber,
    });
    return { writeBack: { type: built.type, messageId } };
  };
}

type Built =
  | { type: typeof BIRTH; payload: PayloadOf<typeof BIRTH>; resultNumber: string }
  | { type: typeof DEATH; payload: PayloadOf<typeof DEATH>; resultNumber: string };

async function messageOf(q: Queryable, e: Issued): Promise<Built | undefined> {
  const { dossier: d, definition: def, at } = e;
  const kind = def.result.kind;
  if ((kind !== "birth_extract" && kind !== "death_extract") || !d.communeCode) return undefined;
  const resultNumber = text(e.payload.resultNumber) || `KQ-${d.code ?? d.id}`;
  const registration = {
    registrationNumber: resultNumber.slice(0, 40),
    registeredOn: localDate(at),
    communeCode: d.communeCode,
  };
  const f = d.form;
  const key = lifeEventKey(def, f, d.components);
  if (kind === "death_extract") {
    if (!key?.startsWith("death:")) return undefined;
    const died = parseInstant(text(f["death.at"]));
    return {
      type: DEATH,
      resultNumber,
      payload: {
        personalNumber: key.slice("death:".length),
        dateOfDeath: died ? localDate(died) : registration.registeredOn,
        ...registration,
      },
    };
  }
  const parents = await parentsOf(q, e);
  const sex = text(f["child.sex"]);
  const reserved = text(e.payload.childPersonalNumber);
  const ethnicity = text(f["child.ethnicity"]).slice(0, 50);
  return {
    type: BIRTH,
    resultNumber,
    payload: {
      ...registration,
      child: {
        fullName: text(f["child.fullName"]),
        birthDate: text(f["child.birthDate"]).slice(0, 10),
        sex: sex === "M" ? "M" : "F",
        placeOfBirth: text(f["child.placeOfBirth"]).slice(0, 200),
        ...(reserved ? { personalNumber: reserved } : {}),
        ...(ethnicity ? { ethnicity } : {}),
      },
      ...parents,
    },
  };
}

/** The child's parents as the registry will link them: the notice's, else the requester by relationship. */
async function parentsOf(q: Queryable, e: Issued) {
  const { dossier: d, definition: def } = e;
  const f = d.form;
  const key = lifeEventKey(def, f, d.components);
  const noticeId = key?.startsWith("birth-notice:") ? key.slice("birth-notice:".length) : null;
  // Prefill found the notice under the applicant's number (filed under each parent).
  const notice = noticeId ? await repo.findBirthNoticeParents(q, d.applicantNumber, noticeId) : undefined;
  const requester = text(f["requester.personalNumber"]) || null;
  const relationship = text(f["requester.relationship"]);
  return {
    motherNumber: notice?.motherNumber ?? (relationship === "mother" ? requester : null),
    fatherNumber: notice ? notice.fatherNumber : relationship === "father" ? requester : null,
    birthNoticeId: notice ? noticeId : null,
  };
}

/**
 * The effect of a birth registration's `issue_result` before its extract is made (wired before the
 * results module's): the population registry reserves the child's personal number in the dossier's
 * transaction (`reserveChildNumber`), added to the action's payload as `childPersonalNumber`. The
 * extract prints it and the write-back message carries it, so the registry creates the child under
 * it. The linked group learns it only from the registry (`BirthNumberListener`), once written there.
 * Nothing for other procedures or when the mother is not on record.
 */
export async function childNumberEffect(
  q: Queryable,
  e: Issued,
): Promise<Record<string, unknown> | undefined> {
  const d = e.dossier;
  if (e.definition.result.kind !== "birth_extract" || !d.communeCode) return undefined;
  const { motherNumber } = await parentsOf(q, e);
  const birthDate = text(d.form["child.birthDate"]).slice(0, 10);
  if (!motherNumber || !/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) return undefined;
  const childPersonalNumber = await repo.reserveChildNumber(q, {
    communeCode: d.communeCode,
    motherNumber,
    birthDate,
    sex: text(d.form["child.sex"]) === "M" ? "M" : "F",
  });
  return childPersonalNumber ? { childPersonalNumber } : undefined;
}

/**
 * Told, in the message's inbox transaction, of the personal number a registered birth gave the
 * child (new, or the one given by an earlier registration), with the birth dossier's id and
 * province: linked groups start their steps that need it (src/modules/linked).
 */
export type BirthNumberListener = (
  q: Queryable,
  e: { provinceCode: string; dossierId: string; personalNumber: string; at: Date },
) => Promise<void>;

/** The population registry's side: verify, log, apply. A refusal is logged and the message dead. */
async function receive(q: Queryable, m: OutboxMessage, onBirthNumber?: BirthNumberListener): Promise<void> {
  const { message: msg, prov } = await receiveSigned(q, m, { receiver: RECEIVER, sender: SENDER });
  if (msg.type === BIRTH) {
    const applied = await repo.applyBirthRegistered(q, msg.payload as PayloadOf<typeof BIRTH>, prov);
    if (onBirthNumber && applied.personalNumber)
      await onBirthNumber(q, {
        provinceCode: m.provinceCode,
        dossierId: m.key,
        personalNumber: applied.personalNumber,
        at: m.at,
      });
  } else if (msg.type === DEATH)
    await repo.applyDeathRegistered(q, msg.payload as PayloadOf<typeof DEATH>, prov);
}

/**
 * Registers the population registry's handlers of registered births and deaths with the
 * dispatcher (src/server/wiring.ts). Each runs in the message's inbox transaction: a redelivered
 * message applies once; a failure (an unknown person, the database) is retried, then dead. When the
 * population registry's owner is external (`external`), the message is posted to it instead.
 */
export function registerCivilStatusHandlers(
  delivery: SignedDelivery,
  onBirthNumber?: BirthNumberListener,
  external?: ExternalAgencies,
): void {
  registerSigned(delivery, BIRTH, (q, m) => receive(q, m, onBirthNumber), external);
  registerSigned(delivery, DEATH, (q, m) => receive(q, m), external);
}

/**
 * Whether the registries already hold the life event of a dossier's key (a birth notice marked
 * registered, a death record of the person), with the dossier that registered it: the dossiers
 * module refuses a second registration (DUPLICATE_LIFE_EVENT) at submit and at the register step.
 * A birth notice is read under the applicant's number (prefill found it there). Tells only whether
 * and by which dossier code (no personal data): not written to the access log.
 */
export function registeredLifeEvent(
  q: Queryable,
  key: string,
  applicantNumber: string,
): Promise<repo.RegisteredEvent | undefined> {
  return repo.findRegisteredEvent(q, key, applicantNumber);
}

/**
 * The child's personal number a birth registration's result gave, once the population registry
 * holds it: the number reserved when the extract was signed (its `issue_result` payload's
 * `childPersonalNumber`, `childNumberEffect`), when the write-back filed the birth under it with
 * that result's number (`resultNumber`). Undefined before the write-back applied, or when no number
 * was reserved (the mother not on record). As the linked group learns it (`BirthNumberListener`):
 * from the registry, never from a client. Tells only whether (no personal data read): not written
 * to the access log. Legal source: Luật Căn cước 2023 Điều 12; Luật Hộ tịch 2014 Điều 16.
 */
export async function registeredChildNumber(
  q: Queryable,
  issued: { childPersonalNumber?: unknown; resultNumber?: unknown },
): Promise<string | undefined> {
  const number = text(issued.childPersonalNumber);
  const result = text(issued.resultNumber).slice(0, 40);
  if (!number || !result) return undefined;
  return (await repo.hasRegisteredBirth(q, number, result)) ? number : undefined;
}
