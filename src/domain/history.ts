/**
 * The history import format (shared/KPIS.md "History import format"): one dossier a line of NDJSON,
 * from the system a province or commune used before. Pure: a line's text in, the dossier's log in
 * the platform's own terms out (the `create` the old system did not log is added at the
 * submission), or the reason the line is refused, in Vietnamese and English.
 */
import { z } from "zod";
import { NAME_MAX } from "./form-fields.js";
import { formatRefusal, kindOf, kindWords, type Refused, refuse } from "./history-refusals.js";
import { parseInstant } from "./instant.js";
import {
  ACTIONS,
  type ActorRole,
  apply,
  CHANNELS,
  type Channel,
  check,
  type DossierAction,
  FILING_CHANNEL,
  INITIAL,
  type Status,
  TRANSITIONS,
} from "./lifecycle.js";
import { checkPersonalNumber } from "./personal-number.js";
import { STATUS_WORDS } from "./status-words.js";

const ROLES = ["citizen", "agent", "receiver", "specialist", "approver", "agency_officer", "system"] as const;
const Instant = z.string().refine((s) => /[zZ]|[+-]\d{2}:?\d{2}$/.test(s) && parseInstant(s) !== undefined, {
  message: "an ISO instant with its offset, e.g. 2026-10-05T08:10:00+07:00",
});
const Count = z.number().int().min(0).max(10_000);

/**
 * The actions a history line may carry: the platform's own, less the draft's bookkeeping and the
 * complaints (a line says only whether a complaint was made: `complaint`, KPIS.md).
 */
const HISTORY_ACTIONS = ACTIONS.filter(
  (a) =>
    a !== "create" &&
    a !== "save_draft" &&
    a !== "confirm_on_behalf" &&
    a !== "complain" &&
    a !== "answer_complaint" &&
    a !== "require_verification",
);

const HistoryAction = z
  .object({
    at: Instant,
    action: z.enum(HISTORY_ACTIONS as [string, ...string[]]),
    role: z.enum(ROLES),
    reason: z.string().max(2000).optional(),
    online: z.boolean().optional(),
    electronic: z.boolean().optional(),
    /** `apologize`: the new date promised to the citizen (the apology slip, Circular 01/2018 Mẫu 05). */
    newDueAt: Instant.optional(),
  })
  .strict();

export const HistoryLine = z
  .object({
    code: z
      .string()
      .regex(/^[A-Z]{2}\.\d{5}\.H\d{2}-\d{6}-\d{4,}$/, "a dossier code such as UB.20194.H48-261005-0001"),
    procedure: z.string().min(1).max(64),
    commune: z.string().regex(/^\d{5}$/, "a 5-digit commune code"),
    channel: z.enum(CHANNELS),
    applicant: z.string().refine((v) => checkPersonalNumber(v).ok, "a valid 12-digit personal number"),
    /** The applicant's full name as the old system (or the registry) had it; shown to officers. */
    applicantName: z.string().trim().min(1).max(NAME_MAX).optional(),
    dueAt: Instant.optional(),
    fee: z.number().int().min(0).max(100_000_000),
    fields: z.object({ total: Count, prefilled: Count }).strict().optional(),
    components: z.object({ uploaded: Count, replacedByData: Count, paper: Count }).strict().optional(),
    rating: z.number().int().min(1).max(5).optional(),
    complaint: z.boolean().optional(),
    actions: z.array(HistoryAction).min(1).max(200),
  })
  .strict();
export type HistoryLine = z.infer<typeof HistoryLine>;

/** The optional fields of a line (KPIS.md): `null` there means absent, as an old system writes it. */
const OPTIONAL_FIELDS = ["applicantName", "dueAt", "fields", "components", "rating", "complaint"] as const;
const withoutNullOptionals = (line: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(line).filter(
      ([k, v]) => !(v === null && (OPTIONAL_FIELDS as readonly string[]).includes(k)),
    ),
  );

/**
 * A line's canonical JSON: keys sorted at every depth, absent and null fields left out, so two
 * lines with the same content (whatever their key order or spacing) have the same text. What an
 * import's fingerprint (`dossier_imports.content_hash`) is computed over.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(",")}]`;
  if (value !== null && typeof value === "object")
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] != null)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(value);
}

/** A line read: the dossier's facts and its log (instants as `Date`), ready to be recorded. */
export type HistoryDossier = {
  line: HistoryLine;
  /** The province of the dossier's code (`…H48-…`); the commune must lie in it. */
  provinceCode: string;
  log: DossierAction[];
  dueAt: Date | null;
};

const ACTOR_ID = "import";

/**
 * Decisions some old systems let the one-stop receiver's colleague (the approver) take straight
 * after receipt, with no `forward` logged (a commune where the officer who receives also has the
 * dossier approved at once). History is what happened there: the replay accepts `approve` and
 * `refuse` from `received` as if forwarded. The live lifecycle (`TRANSITIONS`) is not loosened.
 */
const HISTORY_ALSO_FROM: Partial<Record<DossierAction["type"], readonly Status[]>> = {
  approve: ["received"],
  refuse: ["received"],
};

/**
 * What a role refusal adds for an action whose rule surprises an old system's export. Live, only
 * the platform records a payment (`system`: the bank's confirmation); no officer does, and a fee
 * paid in person at the counter is not logged. An old system's counter payment is therefore
 * imported as `role: "system"` with `online: false` (KPIS.md's format; the history seed does so).
 */
const ROLE_NOTE: Readonly<Record<string, readonly [string, string]>> = {
  record_payment: [
    ' (phí nộp tại quầy cũng ghi với role "system" và "online": false)',
    ' (a fee paid at the counter too: role "system" with "online": false)',
  ],
};

/**
 * Why an action of the line is refused, in words: the field (`actions.<i>.action`, `.role`,
 * `.reason`, as zod names a field), the action, and the dossier's status at that point in words
 * (`STATUS_WORDS`), Vietnamese first, never a raw status or reason code.
 */
function actionRefusal(
  n: number,
  a: { action: string; role: string },
  status: Status,
  reason: string,
): Refused {
  const field = (k: string) => `actions.${n - 1}.${k}`;
  const at = STATUS_WORDS[status];
  if (reason === "reason_required")
    return a.action === "refuse" || a.action === "refuse_receipt"
      ? refuse(
          `Trường ${field("reason")} (hành động thứ ${n}, ${a.action}): thiếu lý do từ chối.`,
          `Field ${field("reason")} (action ${n}, ${a.action}): a refusal needs a reason.`,
        )
      : refuse(
          `Trường ${field("reason")} (hành động thứ ${n}, ${a.action}): thiếu lý do.`,
          `Field ${field("reason")} (action ${n}, ${a.action}): a reason is required.`,
        );
  if (reason === "role") {
    // Who may: the live lifecycle's one rule (`TRANSITIONS`), never a second one for history.
    const roles = TRANSITIONS[a.action as DossierAction["type"]].roles.join(", ");
    const [noteVi, noteEn] = ROLE_NOTE[a.action] ?? ["", ""];
    return refuse(
      `Trường ${field("role")} (hành động thứ ${n}, ${a.action}): vai trò ${a.role} không được thực hiện hành động này khi hồ sơ ở trạng thái "${at.vi}"; chỉ vai trò ${roles} được thực hiện${noteVi}.`,
      `Field ${field("role")} (action ${n}, ${a.action}): role ${a.role} may not take this action while the dossier is "${at.en}"; only role ${roles} may${noteEn}.`,
    );
  }
  if (reason === "confirmation_required")
    return refuse(
      `Trường ${field("action")} (hành động thứ ${n}, ${a.action}): hồ sơ nộp thay cần công dân xác nhận trước khi nộp (trạng thái "${at.vi}").`,
      `Field ${field("action")} (action ${n}, ${a.action}): a dossier filed on behalf needs the citizen's confirmation before it is submitted (status "${at.en}").`,
    );
  return refuse(
    `Trường ${field("action")} (hành động thứ ${n}, ${a.action}): không thể thực hiện khi hồ sơ ở trạng thái "${at.vi}".`,
    `Field ${field("action")} (action ${n}, ${a.action}): not allowed while the dossier is "${at.en}".`,
  );
}

/**
 * Parses and checks one line. Its actions must follow the lifecycle (widened for history by
 * `HISTORY_ALSO_FROM`), in time order, none after `now` (the import's clock, default the real
 * one); its `dueAt`, when given, must not be before its submission. Refusals: `{ vi, en }`,
 * Vietnamese first, without English mixed into the Vietnamese.
 */
export function parseHistoryLine(
  text: string,
  opts: { now?: Date } = {},
): { ok: true; dossier: HistoryDossier } | Refused {
  const now = opts.now ?? new Date();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return refuse("Dòng không phải JSON hợp lệ.", "The line is not valid JSON.");
  }
  const kind = kindOf(json);
  if (kind !== "object") {
    const [vi, en] = kindWords(kind);
    return refuse(
      `Dòng phải là một đối tượng JSON ({…}), không phải ${vi}.`,
      `The line must be a JSON object ({…}), not ${en}.`,
    );
  }
  const parsed = HistoryLine.safeParse(withoutNullOptionals(json as Record<string, unknown>));
  if (!parsed.success) return formatRefusal(parsed.error.issues[0], json);
  return historyDossier(parsed.data, now);
}

/**
 * The lifecycle half of `parseHistoryLine`, for a line already of the format (`HistoryLine`, as
 * zod gives it): its log in the platform's terms, or why it is refused (the same checks and words).
 * The generated history (`historyLines`) comes here straight, without the text round trip and the
 * schema: src/domain/history-seed.test.ts shows that every generated line passes the schema
 * unchanged, and that this function gives what `parseHistoryLine` gives for its text.
 */
export function historyDossier(
  line: HistoryLine,
  now: Date,
): { ok: true; dossier: HistoryDossier } | Refused {
  const channel: Channel = line.channel;
  const first = line.actions[0];
  if (first?.action !== "submit")
    return refuse("Hành động đầu tiên phải là submit.", "The first action must be submit.");
  const filer = (Object.entries(FILING_CHANNEL).find(([, c]) => c === channel)?.[0] ??
    "citizen") as ActorRole;
  const at0 = parseInstant(first.at) as Date;
  const dueAt = line.dueAt ? (parseInstant(line.dueAt) ?? null) : null;
  if (dueAt && dueAt < at0)
    return refuse(
      `Hạn trả kết quả (dueAt ${line.dueAt}) sớm hơn lúc nộp hồ sơ (${first.at}).`,
      `The due instant (dueAt ${line.dueAt}) is before the submission (${first.at}).`,
    );
  const base = { actorId: ACTOR_ID, channel };
  const log: DossierAction[] = [{ ...base, type: "create", at: at0, role: filer }];
  if (channel === "online_on_behalf")
    log.push({ ...base, type: "confirm_on_behalf", at: at0, role: "citizen" });
  let state = log.reduce(apply, INITIAL);
  let previous = at0;
  for (const [i, a] of line.actions.entries()) {
    const at = parseInstant(a.at) as Date;
    const n = i + 1;
    if (at < previous)
      return refuse(
        `Hành động thứ ${n} (${a.action}) sớm hơn hành động trước.`,
        `Action ${n} (${a.action}) is earlier than the one before.`,
      );
    previous = at;
    if (at > now)
      return refuse(
        `Hành động thứ ${n} (${a.action}) ở thời điểm ${a.at}, sau thời điểm hiện tại: lịch sử không thể ở tương lai.`,
        `Action ${n} (${a.action}) is at ${a.at}, after the present: history cannot be in the future.`,
      );
    if (a.action === "record_payment" && a.online === undefined)
      return refuse(
        `Hành động thứ ${n}: record_payment cần "online".`,
        `Action ${n}: record_payment needs "online".`,
      );
    if (a.action === "issue_result" && a.electronic === undefined)
      return refuse(
        `Hành động thứ ${n}: issue_result cần "electronic".`,
        `Action ${n}: issue_result needs "electronic".`,
      );
    if (a.action === "apologize" && (a.newDueAt === undefined || !a.reason))
      return refuse(
        `Hành động thứ ${n}: apologize cần "reason" và "newDueAt".`,
        `Action ${n}: apologize needs "reason" and "newDueAt".`,
      );
    const type = a.action as DossierAction["type"];
    const payload: Record<string, unknown> =
      type === "submit"
        ? { fee: line.fee }
        : type === "record_payment"
          ? { online: a.online }
          : type === "issue_result"
            ? { electronic: a.electronic }
            : type === "apologize"
              ? { newDueAt: parseInstant(a.newDueAt ?? "")?.toISOString() }
              : {};
    // The old systems wrote no reason with a supplement request; the platform's lifecycle asks one.
    const reason = a.reason ?? (type === "request_supplement" ? "Yêu cầu bổ sung (lịch sử nhập)" : undefined);
    const action: DossierAction = { ...base, type, at, role: a.role, reason, payload };
    const asForwarded = HISTORY_ALSO_FROM[type]?.includes(state.status) === true;
    const verdict = check(asForwarded ? { ...state, status: "in_processing" } : state, action);
    // A fee paid after receipt was allowed by some old systems: history is what happened.
    if (!verdict.ok && verdict.reason !== "payment_required")
      return actionRefusal(n, a, state.status, verdict.reason);
    state = apply(state, action);
    log.push(action);
  }
  const provinceCode = /\.H(\d{2})-/.exec(line.code)?.[1] as string;
  if (line.fields && line.fields.prefilled > line.fields.total)
    return refuse("fields.prefilled lớn hơn fields.total.", "fields.prefilled exceeds fields.total.");
  return {
    ok: true,
    dossier: { line, provinceCode, log, dueAt },
  };
}
