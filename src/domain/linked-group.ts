/**
 * Linked procedures (Decree 63/2024/NĐ-CP, 10 June 2024): one application served by several
 * agencies. A linked group is versioned data in the catalogue (like a procedure): its members
 * (each a published procedure), which are optional, what each member needs from another
 * (a result, or a fact such as the child's new personal number), the group's time limit and each
 * step's, the supplement window and the fee rule. Adding a member is publishing a new version.
 *
 * Pure rules shared by the server and the web app: the definition's schema and checks, the
 * applicant's choice of members, when a waiting step may start, and what a refusal does to its
 * dependants. The group's clocks (planned due instants, supplement window, what a citizen is shown
 * of a limit) are in linked-clock.ts. Limits marked `confirmed: false` are not confirmed by law:
 * they drive the clocks but the citizen's page never presents them as legal limits.
 */
import { z } from "zod";
import { localDate } from "./calendar/index.js";
import { parseInstant } from "./instant.js";
import { PROCEDURE_CODE_PATTERN } from "./procedure.js";

const Text = z.string().min(1).max(500);
const MemberKey = z
  .string()
  .regex(/^[a-z][a-zA-Z0-9]*$/, { message: "a member key like birth or residence" });
const FieldKey = z.string().regex(/^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)*$/);

/** A limit in working days, and whether the law confirms it (unconfirmed ones are never shown as law). */
export const GroupLimit = z
  .object({ workingDays: z.number().int().min(0).max(60), confirmed: z.boolean(), source: Text.optional() })
  .strict();
export type GroupLimit = z.infer<typeof GroupLimit>;

/** Facts a member's result gives its dependants (the child's personal number comes with birth registration). */
export const GROUP_FACTS = ["childPersonalNumber", "deathRegistered"] as const;
export type GroupFact = (typeof GROUP_FACTS)[number];

export const GroupMember = z
  .object({
    key: MemberKey,
    procedureCode: z.string().regex(PROCEDURE_CODE_PATTERN),
    optional: z.boolean(),
    /** Members whose result must be issued before this step starts. */
    dependsOn: z.array(MemberKey).max(10).default([]),
    /** Facts that must be known before this step starts (arrive with a dependency's result). */
    needs: z.array(z.enum(GROUP_FACTS)).max(5).default([]),
    /** Facts this member's result provides. */
    provides: z.array(z.enum(GROUP_FACTS)).max(5).default([]),
    /** Fields of this step's form filled at start: from another member's form, or from a fact. */
    prefill: z
      .array(
        z.union([
          z
            .object({
              to: FieldKey,
              fromMember: MemberKey,
              field: FieldKey,
              /**
               * "date": the calendar day (Vietnam time) of the source's date-time, for a date field
               * (the funeral allowance's date of death from the death registration's time of death).
               */
              part: z.literal("date").optional(),
              /**
               * The value's source as the citizen reads it, when it is not the dependency's result
               * itself (the place of birth taken as the first place of care: "nơi sinh của trẻ, theo
               * giấy chứng sinh"); absent: "kết quả <procedure> <number>".
               */
              sourceVi: Text.optional(),
              sourceEn: Text.optional(),
              /**
               * A default the platform chooses for the citizen: shown on the combined form's summary
               * with this note (what the citizen may do about it), never chosen silently.
               */
              noteVi: Text.optional(),
              noteEn: Text.optional(),
            })
            .strict(),
          z.object({ to: FieldKey, fact: z.enum(GROUP_FACTS) }).strict(),
        ]),
      )
      .max(40)
      .default([]),
    /** The step's own limit inside the group, counted from the step's start. */
    limit: GroupLimit,
    /**
     * "automatic": no human decision under its rules (a child's card follows from the birth
     * registration): once received from the group's results, the platform issues its signed result,
     * each log entry naming `decisionBasis` (the law, both languages). Absent: the officers decide.
     */
    decision: z.literal("automatic").optional(),
    decisionBasis: z.object({ vi: Text, en: Text }).strict().optional(),
    agencyVi: Text,
    agencyEn: Text,
  })
  .strict();
export type GroupMember = z.infer<typeof GroupMember>;

export const LinkedGroupDefinition = z
  .object({
    code: z.string().regex(/^[a-z][a-z0-9-]*$/),
    nameVi: Text,
    nameEn: Text,
    summaryVi: Text,
    summaryEn: Text,
    legalBasis: Text,
    members: z.array(GroupMember).min(2).max(12),
    /** How many members the applicant links (the death group: 2, 3 or 4). */
    choose: z.object({ min: z.number().int().min(1), max: z.number().int().min(1) }).strict(),
    /** The whole group's limit, and the longer one when verification is needed. */
    limit: GroupLimit,
    limitWithVerification: GroupLimit.optional(),
    /** Missing documents: the applicant has this long to supply them, else the file is refused. */
    supplementWithin: GroupLimit,
    /** Linked filing costs the citizen nothing extra: the members' fees are waived. */
    fee: z.object({ linkedFilingFree: z.boolean(), noteVi: Text, noteEn: Text }).strict(),
  })
  .strict();
export type LinkedGroupDefinition = z.infer<typeof LinkedGroupDefinition>;
export type LinkedGroupDefinitionInput = z.input<typeof LinkedGroupDefinition>;

export type GroupProblem = { path: string; messageVi: string; messageEn: string };

/**
 * The checks beyond the schema: unique keys, dependencies and prefill sources that name members,
 * no cycles, needed facts provided by a dependency, every step's chain of limits within the
 * group's limit (Decree 63/2024: the group's time limit binds the whole), a consistent choice range.
 * Empty when valid.
 */
export function groupProblems(def: LinkedGroupDefinition): GroupProblem[] {
  const problems: GroupProblem[] = [];
  const keys = new Set<string>();
  const byKey = new Map(def.members.map((m) => [m.key, m]));
  def.members.forEach((m, i) => {
    const at = `members.${i}`;
    if (keys.has(m.key))
      problems.push({ path: at, messageVi: `Trùng khóa ${m.key}.`, messageEn: `Duplicate key ${m.key}.` });
    keys.add(m.key);
    for (const dep of m.dependsOn) {
      if (!byKey.has(dep) || dep === m.key)
        problems.push({
          path: `${at}.dependsOn`,
          messageVi: `Phụ thuộc không hợp lệ: ${dep}.`,
          messageEn: `Invalid dependency: ${dep}.`,
        });
    }
    for (const fact of m.needs) {
      if (!m.dependsOn.some((d) => byKey.get(d)?.provides.includes(fact)))
        problems.push({
          path: `${at}.needs`,
          messageVi: `Không thành viên phụ thuộc nào cung cấp ${fact}.`,
          messageEn: `No dependency provides ${fact}.`,
        });
    }
    if (m.decision === "automatic" && (!m.decisionBasis || m.dependsOn.length === 0))
      problems.push({
        path: `${at}.decision`,
        messageVi: "Bước xử lý tự động cần nêu căn cứ pháp lý và bắt đầu từ kết quả của bước trước.",
        messageEn: "An automatic step needs its legal basis and must start from an earlier step's result.",
      });
    if (m.decisionBasis && m.decision !== "automatic")
      problems.push({
        path: `${at}.decisionBasis`,
        messageVi: "Chỉ bước xử lý tự động mới nêu căn cứ xử lý tự động.",
        messageEn: "Only an automatic step gives the basis of its automatic decision.",
      });
    for (const p of m.prefill) {
      if ("fromMember" in p && !m.dependsOn.includes(p.fromMember))
        problems.push({
          path: `${at}.prefill`,
          messageVi: `Chỉ lấy sẵn từ thủ tục phụ thuộc: ${p.fromMember}.`,
          messageEn: `Prefill only from a dependency: ${p.fromMember}.`,
        });
    }
  });
  if (hasCycle(def.members))
    problems.push({
      path: "members",
      messageVi: "Phụ thuộc vòng tròn.",
      messageEn: "Circular dependencies.",
    });
  // No step may be due after the group: its chain of limits fits in the group's limit.
  if (!hasCycle(def.members)) {
    const seen = new Map<string, number>();
    def.members.forEach((m, i) => {
      const days = chainDays(def, m.key, seen);
      if (days > def.limit.workingDays)
        problems.push({
          path: `members.${i}.limit`,
          messageVi: `Bước ${m.key} hết hạn sau ${days} ngày làm việc, muộn hơn thời hạn của cả nhóm (${def.limit.workingDays}).`,
          messageEn: `Step ${m.key} is due after ${days} working days, later than the group's limit (${def.limit.workingDays}).`,
        });
    });
  }
  const required = def.members.filter((m) => !m.optional).length;
  if (def.choose.min > def.choose.max || def.choose.max > def.members.length || def.choose.min < required)
    problems.push({
      path: "choose",
      messageVi: "Số thủ tục được chọn không hợp lệ.",
      messageEn: "Invalid number of procedures to choose.",
    });
  return problems;
}

function hasCycle(members: readonly GroupMember[]): boolean {
  const deps = new Map(members.map((m) => [m.key, m.dependsOn]));
  const state = new Map<string, "visiting" | "done">();
  const visit = (k: string): boolean => {
    if (state.get(k) === "done") return false;
    if (state.get(k) === "visiting") return true;
    state.set(k, "visiting");
    const cyclic = (deps.get(k) ?? []).some(visit);
    state.set(k, "done");
    return cyclic;
  };
  return members.some((m) => visit(m.key));
}

/**
 * The members an application links: every required member and the chosen optional ones, with each
 * chosen member's dependencies; the count within `choose`. Returns the keys in the group's order,
 * or the problem (bilingual) for a 422.
 */
export function selectMembers(
  def: LinkedGroupDefinition,
  chosen: readonly string[],
): { ok: true; keys: string[] } | { ok: false; problem: GroupProblem } {
  const known = new Set(def.members.map((m) => m.key));
  const unknown = chosen.find((k) => !known.has(k));
  if (unknown)
    return {
      ok: false,
      problem: {
        path: "body.members",
        messageVi: `Nhóm không có thủ tục ${unknown}.`,
        messageEn: `The group has no member ${unknown}.`,
      },
    };
  const set = new Set([...chosen, ...def.members.filter((m) => !m.optional).map((m) => m.key)]);
  for (const m of def.members) {
    const missing = set.has(m.key) ? m.dependsOn.find((d) => !set.has(d)) : undefined;
    if (missing)
      return {
        ok: false,
        problem: {
          path: "body.members",
          messageVi: `Thủ tục ${m.key} cần thủ tục ${missing}.`,
          messageEn: `${m.key} needs ${missing}.`,
        },
      };
  }
  const keys = def.members.filter((m) => set.has(m.key)).map((m) => m.key);
  if (keys.length < def.choose.min || keys.length > def.choose.max) {
    // Counted as the applicant chooses them: the members always done (the death registration)
    // are not among the choices, so they are not counted in the words either.
    const always = def.members.filter((m) => !m.optional).length;
    const lo = Math.max(def.choose.min - always, 0);
    const hi = def.choose.max - always;
    return {
      ok: false,
      problem: {
        path: "body.members",
        messageVi:
          always > 0
            ? `Chọn từ ${lo} đến ${hi} thủ tục làm cùng với thủ tục bắt buộc.`
            : `Chọn từ ${lo} đến ${hi} thủ tục.`,
        messageEn:
          always > 0
            ? `Choose ${lo} to ${hi} procedures to go with the required one.`
            : `Choose ${lo} to ${hi} procedures.`,
      },
    };
  }
  return { ok: true, keys };
}

/**
 * Working days from the group's receipt to the end of member `key`: the longest chain of step
 * limits (a dependant's limit counts after its dependency's); `seen` memoises per member.
 */
export function chainDays(def: LinkedGroupDefinition, key: string, seen: Map<string, number>): number {
  const hit = seen.get(key);
  if (hit !== undefined) return hit;
  const m = def.members.find((x) => x.key === key);
  if (!m) return 0;
  const before = Math.max(0, ...m.dependsOn.map((d) => chainDays(def, d, seen)));
  const days = before + m.limit.workingDays;
  seen.set(key, days);
  return days;
}

/** Where one step of a group stands, as the group's own record says. */
export const STEP_STATES = ["waiting", "started", "done", "failed", "cancelled"] as const;
export type StepState = (typeof STEP_STATES)[number];

/** A step's record: its state, its dossier's status once started, its reason when failed/cancelled. */
export type StepRecord = { key: string; state: StepState; dossierStatus: string | null };

/**
 * The steps that may start now: waiting, every dependency done and every needed fact known.
 */
export function startable(
  def: LinkedGroupDefinition,
  steps: readonly StepRecord[],
  facts: Readonly<Partial<Record<GroupFact, string>>>,
): string[] {
  const byKey = new Map(steps.map((s) => [s.key, s]));
  return steps
    .filter((s) => s.state === "waiting")
    .filter((s) => {
      const m = def.members.find((x) => x.key === s.key);
      if (!m) return false;
      return (
        m.dependsOn.every((d) => byKey.get(d)?.state === "done" || !byKey.has(d)) &&
        m.needs.every((f) => facts[f] !== undefined)
      );
    })
    .map((s) => s.key);
}

/** The steps a failed step takes down with it: every waiting step that depends on it, transitively. */
export function dependantsOf(
  def: LinkedGroupDefinition,
  failed: string,
  steps: readonly StepRecord[],
): string[] {
  const waiting = new Set(steps.filter((s) => s.state === "waiting").map((s) => s.key));
  const out = new Set<string>();
  let frontier = [failed];
  while (frontier.length > 0) {
    const next = def.members
      .filter((m) => waiting.has(m.key) && !out.has(m.key) && m.dependsOn.some((d) => frontier.includes(d)))
      .map((m) => m.key);
    for (const k of next) out.add(k);
    frontier = next;
  }
  return def.members.filter((m) => out.has(m.key)).map((m) => m.key);
}

/**
 * The form values a step starts with: from its dependencies' forms and from the facts, per the
 * member's `prefill` (absent sources leave the field to the citizen's own values).
 */
export function stepPrefill(
  member: GroupMember,
  forms: Readonly<Record<string, Readonly<Record<string, unknown>>>>,
  facts: Readonly<Partial<Record<GroupFact, string>>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of member.prefill) {
    const value = "fact" in p ? facts[p.fact] : partOf(forms[p.fromMember]?.[p.field], p.part);
    if (value !== undefined && value !== null && value !== "") out[p.to] = value;
  }
  return out;
}

/** A source value, or the part a prefill rule takes of it (the local day of a date-time); undefined if none. */
function partOf(value: unknown, part: "date" | undefined): unknown {
  if (part !== "date" || value === undefined || value === null || value === "") return value;
  const at = typeof value === "string" ? parseInstant(value) : undefined;
  return at ? localDate(at) : undefined;
}

/** The state of a group as a whole, from its steps. */
export function groupState(steps: readonly StepRecord[]): "in_progress" | "done" | "partly_done" | "failed" {
  if (steps.some((s) => s.state === "waiting" || s.state === "started")) return "in_progress";
  if (steps.every((s) => s.state === "done")) return "done";
  return steps.some((s) => s.state === "done") ? "partly_done" : "failed";
}
