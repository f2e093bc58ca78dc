import { PERSONAL_NUMBER_PATTERN } from "./personal-number.js";
import type { ProcedureDefinition } from "./procedure.js";
import { foldVietnamese } from "./text.js";

/**
 * One life event, one registration (issue 9.5). A birth, a death or a marriage is entered in the
 * civil-status register once (Law on Civil Status 2014, Art. 5(3): "each civil-status event is
 * registered at one competent registration authority only"). A dossier that registers such an
 * event carries a stable key for it; the same
 * procedure cannot have two open or finished dossiers for one key (enforced by a partial unique
 * index, migration 060). A second draft is fine (the citizen may start again); a second submit is
 * refused with DUPLICATE_LIFE_EVENT naming the first dossier.
 *
 * Keys, derived only from the procedure's data (no procedure code is named here):
 * - `death:<personal number>` — a field bound to the death notice's deceased number (death
 *   registration, and the deceased's residence deregistration and funeral allowance, each once);
 *   `death-notice:<id>` when the deceased has no personal number but the notice replaced a document;
 * - `birth-notice:<id>` — a component replaced by the health facility's birth notice;
 * - `birth:<child>` — a birth extract filed without the electronic notice (paper certificate
 *   uploaded): the child as `birthChildKey` tells it (mother, child's birth date, name and sex);
 * - `marriage:<party>:<party>` — a marriage certificate: each party is its personal number, or
 *   `~<folded full name>~<birth date>` when none was given; the two sorted, so either spouse's
 *   dossier gives the same key.
 * Undefined when the dossier registers no such event (or too little is known to tell).
 */
export type LifeEventKind = "birth" | "death" | "marriage";

/**
 * Whether a procedure registers its life event in the civil-status register (a birth or death
 * extract, a marriage certificate), as opposed to one that follows it (the deceased's residence
 * deregistration, the funeral allowance, the survivor benefit: each once per event, but filed
 * after the registration, which the registries then hold).
 */
export function registersLifeEvent(def: Pick<ProcedureDefinition, "result">): boolean {
  return ["birth_extract", "death_extract", "marriage_certificate"].includes(def.result.kind);
}

/** Statuses in which a dossier no longer holds its life event (the index predicate of migration 060). */
export const LIFE_EVENT_RELEASED = ["draft", "withdrawn", "rejected", "refused"] as const;

type Values = Readonly<Record<string, string | number | boolean | null | undefined>>;

const textOf = (v: unknown): string => (typeof v === "string" ? v.trim() : "");

function refOf(components: Readonly<Record<string, unknown>>, key: string): string {
  const c = components[key] as { replaced?: unknown; ref?: unknown } | undefined;
  return c?.replaced === true && typeof c.ref === "string" ? c.ref : "";
}

function marriageParty(values: Values, prefix: string): string {
  const number = textOf(values[`${prefix}.personalNumber`]);
  if (PERSONAL_NUMBER_PATTERN.test(number)) return number;
  const name = foldVietnamese(textOf(values[`${prefix}.fullName`]));
  return name ? `~${name}~${textOf(values[`${prefix}.birthDate`])}` : "";
}

/** The prefixes of a marriage certificate's parties (`applicant`, `partner`); none for other procedures. */
function marriagePrefixes(def: Pick<ProcedureDefinition, "form" | "result">): string[] {
  if (def.result.kind !== "marriage_certificate") return [];
  return [
    ...new Set(
      def.form
        .filter((f) => f.key.endsWith(".personalNumber") || f.key.endsWith(".fullName"))
        .map((f) => f.key.slice(0, f.key.lastIndexOf("."))),
    ),
  ];
}

/**
 * One marriage at a time (Law 52/2014/QH13 on Marriage and Family, Art. 5(2)(c): marrying while
 * married is forbidden): the parties of a marriage registration known by personal number, each
 * with the prefix of its fields (`applicant`, `partner`), sorted by number. Empty for any other
 * procedure. The dossiers module refuses a submit naming a person another open or finished
 * marriage registration holds (ALREADY_MARRIED).
 */
export function marriagePartyNumbers(
  def: Pick<ProcedureDefinition, "form" | "result">,
  values: Values,
): Array<{ prefix: string; number: string }> {
  return marriagePrefixes(def)
    .map((prefix) => ({ prefix, number: textOf(values[`${prefix}.personalNumber`]) }))
    .filter((p) => PERSONAL_NUMBER_PATTERN.test(p.number))
    .sort((a, b) => a.number.localeCompare(b.number));
}

export function lifeEventKey(
  def: Pick<ProcedureDefinition, "form" | "components" | "result">,
  values: Values,
  components: Readonly<Record<string, unknown>>,
): string | undefined {
  const deceased = def.form.find(
    (f) => f.prefill?.subject === "deathNotice" && f.prefill.path === "deceasedNumber",
  );
  const deceasedNumber = deceased ? textOf(values[deceased.key]) : "";
  if (PERSONAL_NUMBER_PATTERN.test(deceasedNumber)) return `death:${deceasedNumber}`;
  const notice = noticeOf(def, components);
  if (notice) return `${notice.kind}-notice:${notice.ref}`;
  const child = birthChildKey(def, values);
  if (child) return `birth:${child}`;
  const parties = marriagePrefixes(def)
    .map((p) => marriageParty(values, p))
    .filter(Boolean);
  if (parties.length === 2) return `marriage:${parties.sort().join(":")}`;
  return undefined;
}

/**
 * The birth or death notice a dossier was prefilled from: the reference of its component that the
 * notice replaced (the electronic birth certificate, the death notice); undefined without one.
 */
export function noticeOf(
  def: Pick<ProcedureDefinition, "components">,
  components: Readonly<Record<string, unknown>>,
): { kind: "birth" | "death"; ref: string } | undefined {
  for (const c of def.components) {
    if (c.replacedBy?.kind !== "registry") continue;
    const kind =
      c.replacedBy.ref === "deathNotice" ? "death" : c.replacedBy.ref === "birthNotice" ? "birth" : null;
    const ref = refOf(components, c.key);
    if (kind && ref) return { kind, ref };
  }
  return undefined;
}

/**
 * The child a birth registration registers, from the declaration (Decree 123/2015/ND-CP Art. 16:
 * one birth, one registration; the declaration names the mother by full name and year of birth
 * only, the form has no number for her): `<mother's folded name>~<her birth year>:<child's birth
 * date YYYY-MM-DD>:<child's folded name>:<sex M|F>`. Twins (same mother and day) differ by name.
 * Undefined for another result kind or while any part is missing. The same child filed with or
 * without the health facility's notice gives the same value, so that the dossiers module can tell
 * a paper filing of a child already registered by notice, and the reverse.
 */
export function birthChildKey(def: Pick<ProcedureDefinition, "result">, values: Values): string | undefined {
  if (def.result.kind !== "birth_extract") return undefined;
  const mother = foldVietnamese(textOf(values["mother.fullName"]));
  const motherYear = String(values["mother.birthYear"] ?? "").trim();
  const date = textOf(values["child.birthDate"]).slice(0, 10);
  const child = foldVietnamese(textOf(values["child.fullName"]));
  const sex = textOf(values["child.sex"]);
  if (!mother || !motherYear || !/^\d{4}-\d{2}-\d{2}$/.test(date) || !child || !sex) return undefined;
  return `${mother}~${motherYear}:${date}:${child}:${sex}`;
}

/** The kind of event a key names (for the wording of the refusal). */
export function lifeEventKind(key: string): LifeEventKind {
  if (key.startsWith("marriage:")) return "marriage";
  if (key.startsWith("birth")) return "birth";
  return "death";
}
