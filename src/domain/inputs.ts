/**
 * The limits and shapes of what a person types into a request, each in one place (issue 8): the
 * server's zod request schemas are built from them and the web app's inputs use them (`maxLength`,
 * the checks before sending), so the browser cannot drift from what the server accepts. Lengths
 * count UTF-16 code units, as zod's `max` and the HTML `maxLength` attribute both do.
 *
 * The personal number's length and pattern live beside its rule, in `./personal-number.ts`.
 */

/** Longest text, in UTF-16 code units, that a request may carry in each of these fields. */
export const TEXT_LIMITS = {
  /** The written reason of an officer's action (supplement request, refusal), shown to the citizen. */
  reason: 2000,
  /** The value a citizen says is right, in a "this is wrong" correction request (at least 1). */
  claimedValue: 500,
  /** The citizen's note with a correction request. */
  correctionNote: 2000,
  /** The citizen's comment with a rating of the service. */
  ratingComment: 2000,
  /** The officer queue's search text (a dossier code, a name or a personal number). */
  queueSearch: 40,
  /** A procedure code: a national one such as `1.001193`, or `LOCAL.…`. */
  procedureCode: 40,
  /** A bank's transaction reference: of a transfer, or of a refund made (at least 1). */
  bankRef: 64,
  /** Why an administrator retries or discards a message of the delivery queue (audited). */
  deliveryReason: 500,
  /** What a person tells the virtual assistant in one message. */
  assistantText: 300,
  /** A head of household's own words when refusing a spouse joining the household (optional). */
  headRefusalReason: 300,
  /** A citizen's feedback or complaint on a dossier, and an officer's answer to it (src/domain/complaints.ts). */
  complaintText: 2000,
  complaintAnswer: 2000,
} as const;

/** Shortest reason an administrator may give to retry or discard a message (a word is not a reason). */
export const DELIVERY_REASON_MIN = 5;

/** Exactly `n` ASCII digits, nothing else. */
function digits(n: number): RegExp {
  return new RegExp(`^[0-9]{${n}}$`);
}

/**
 * Administrative unit codes (Decision 124/2004/QĐ-TTg, the list of Vietnam's administrative units
 * and their codes, as kept after the 2025 merger): a commune or ward has 5 digits, a province 2.
 */
export const COMMUNE_CODE_LENGTH = 5;
export const COMMUNE_CODE_PATTERN = digits(COMMUNE_CODE_LENGTH);
export const PROVINCE_CODE_LENGTH = 2;
export const PROVINCE_CODE_PATTERN = digits(PROVINCE_CODE_LENGTH);

/** The one-time code sent by SMS to confirm an agent's filing on a citizen's behalf: 6 digits. */
export const OTP_LENGTH = 6;
export const OTP_PATTERN = digits(OTP_LENGTH);

/** A bank's transaction reference: letters, digits and `- _ . /`, 1 to `TEXT_LIMITS.bankRef`. */
export const BANK_REF_PATTERN = new RegExp(`^[A-Za-z0-9._/-]{1,${TEXT_LIMITS.bankRef}}$`);
