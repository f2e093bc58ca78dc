import type { FactName } from "./assistant-data.js";
import { KIN_WORDS, type Kin, kinMatches, kinNamed, RELATIONSHIP_EN } from "./assistant-kin.js";

/** The signed-in citizen's registry facts the assistant may use; null = read and absent. */
export type AssistantFacts = {
  /** An unregistered electronic birth notice naming the citizen as a parent. */
  birthNotice?: { birthDate: string; facility: string } | null;
  /** An unregistered death notice of a member of the citizen's household. */
  deathNotice?: {
    fullName: string;
    relationship: string | null;
    diedOn: string;
    /** Who the deceased is to the citizen, when the registries say (null: they do not). */
    kin?: Kin | null | undefined;
  } | null;
  /**
   * The newest death of a member of the citizen's household already registered (in the
   * civil-status register, or its registration's result issued here), when no other death notice
   * of the household waits: the records answer "has the death been registered?".
   */
  deathRegistered?: {
    fullName: string;
    diedOn: string;
    kin?: Kin | null | undefined;
    /** What was done after this death (read with it, when the platform knows the deceased's number). */
    after?: AfterDeath | undefined;
  } | null;
  /** The citizen's household: its head, address and size. */
  household?: {
    headName: string;
    selfIsHead: boolean;
    address: string;
    members: number;
    /**
     * Read for a death at home (the intent needs both the death notice and the household): who
     * each other living member is to the citizen (null: the registries do not say).
     */
    kins?: Array<Kin | null> | undefined;
  } | null;
};

/**
 * The procedures that follow a registered death (src/domain/assistant-after-death.ts): the citizen's
 * own linked group of that death, if any (its id: the page "/lien-thong/<id>"), and where each
 * procedure of the death stands, in the group or filed on its own by anyone (one per event).
 */
export type AfterDeath = {
  group: string | null;
  steps: AfterDeathStep[];
};
export type AfterDeathStep = {
  code: string;
  /** done: its result issued (paid); open: being decided; ended: in the group without a result. */
  state: "done" | "open" | "ended";
  /** A step of the citizen's group (else a dossier filed on its own). */
  inGroup: boolean;
  /** Its result is a payment (the funeral allowance, the survivor benefit): "đã được chi trả". */
  payout: boolean;
};

const ddmmyyyy = (iso: string) => iso.slice(0, 10).split("-").reverse().join("/");

/** The fact, in words, for the answer's list of facts used. */
export function factText(name: FactName, facts: AssistantFacts): { vi: string; en: string } | undefined {
  if (name === "birthNotice") {
    const n = facts.birthNotice;
    if (n === undefined) return undefined;
    return n
      ? {
          vi: `Giấy chứng sinh điện tử của ${n.facility}, ngày sinh ${ddmmyyyy(n.birthDate)}, đang chờ đăng ký khai sinh: ngày sinh, nơi sinh và thông tin cha mẹ sẽ được điền sẵn.`,
          en: `An electronic birth notice from ${n.facility}, born ${ddmmyyyy(n.birthDate)}, is waiting to be registered: date and place of birth and the parents' details will be filled in.`,
        }
      : {
          vi: "Chưa có giấy chứng sinh điện tử nào ghi bạn là cha hoặc mẹ: bạn sẽ chụp giấy chứng sinh bản giấy để nộp kèm.",
          en: "No electronic birth notice names you as a parent yet: you will attach a photo of the paper birth certificate.",
        };
  }
  if (name === "deathNotice") {
    const n = facts.deathNotice;
    if (!n) return undefined;
    // Who the deceased is to the citizen when the registries say ("bố chồng của bạn"), else to the head.
    const who = n.kin
      ? `${n.fullName} (${KIN_WORDS[n.kin].vi} của bạn)`
      : n.relationship
        ? `${n.fullName} (${n.relationship})`
        : n.fullName;
    const rel = n.kin ? `your ${KIN_WORDS[n.kin].en}` : n.relationship && RELATIONSHIP_EN[n.relationship];
    return {
      vi: `Giấy báo tử của ${who}, mất ngày ${ddmmyyyy(n.diedOn)}, đang chờ đăng ký khai tử: thông tin người mất sẽ được điền sẵn.`,
      en: `The death notice of ${rel ? `${n.fullName} (${rel})` : n.fullName}, died ${ddmmyyyy(n.diedOn)}, is waiting to be registered: the deceased's details will be filled in.`,
    };
  }
  if (name === "deathRegistered") {
    const r = facts.deathRegistered;
    if (!r) return undefined;
    const who = r.kin ? `${r.fullName} (${KIN_WORDS[r.kin].vi} của bạn)` : r.fullName;
    const whoEn = r.kin ? `${r.fullName} (your ${KIN_WORDS[r.kin].en})` : r.fullName;
    return {
      vi: `Khai tử của ${who}, mất ngày ${ddmmyyyy(r.diedOn)}, đã được đăng ký: bạn không cần khai lại.`,
      en: `The death of ${whoEn}, died ${ddmmyyyy(r.diedOn)}, is registered: you need not declare it again.`,
    };
  }
  const h = facts.household;
  if (!h) return undefined;
  return h.selfIsHead
    ? {
        vi: `Bạn đang là chủ hộ tại ${h.address} (${h.members} người).`,
        en: `You are the head of the household at ${h.address} (${h.members} people).`,
      }
    : {
        vi: `Bạn đang ở trong hộ do ${h.headName} làm chủ hộ, tại ${h.address} (${h.members} người).`,
        en: `You are in the household headed by ${h.headName}, at ${h.address} (${h.members} people).`,
      };
}

/**
 * When the text names a relative ("bố tôi vừa mất") and the waiting death notice is of another
 * one (the registries say it is the citizen's mother): the plain words saying so; else undefined.
 */
export function otherDeath(
  text: string,
  facts: AssistantFacts | undefined,
): { vi: string; en: string } | undefined {
  const n = facts?.deathNotice;
  const named = kinNamed(text);
  // A daughter-in-law's "bố" is her husband's father: his notice is the one she means.
  if (!n?.kin || !named || kinMatches(named, n.kin)) return undefined;
  const is = KIN_WORDS[n.kin];
  const asked = KIN_WORDS[named];
  return {
    vi: `Giấy báo tử đang chờ đăng ký là của ${is.vi} bạn, ${n.fullName} (mất ngày ${ddmmyyyy(n.diedOn)}), không phải của ${asked.vi} bạn; chưa có giấy báo tử nào của ${asked.vi} bạn.`,
    en: `The death notice waiting to be registered is your ${is.en}'s, ${n.fullName} (died ${ddmmyyyy(n.diedOn)}), not your ${asked.en}'s; there is no death notice of your ${asked.en} yet.`,
  };
}
