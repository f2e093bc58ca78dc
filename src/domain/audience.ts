/**
 * Words addressed to the citizen ("Họ, chữ đệm và tên của bạn", "Your full name") or spoken by
 * them ("Chủ hộ … đồng ý cho tôi đăng ký tạm trú", "I declare…") as an officer or an agent reads
 * them on the citizen's dossier: the citizen in the third person, "người yêu cầu" ("…của người yêu
 * cầu", "The applicant's full name"), the word the eligibility notices use for an officer too.
 * The one rule for the procedure definitions' field labels, help and options and for the
 * provenance of prefilled values (issue 14 point 5: officer screens speak of the citizen). Words
 * quoted (“Đề nghị chờ tôi đồng ý”: the name of a menu as the head of household reads it) are
 * left as they are.
 */
const APPLICANT_VI = "người yêu cầu";
const APPLICANT_EN = "the applicant";
const L = "\\p{L}";

const VI: ReadonlyArray<[RegExp, string]> = [
  // "chúng tôi" (the authority speaking) is not the citizen.
  [new RegExp(`(^|[^${L}])(?<![Cc]húng )(?:tôi|bạn)(?![${L}])`, "gu"), `$1${APPLICANT_VI}`],
  [new RegExp(`(^|[^${L}])(?<!Chúng )(?:Tôi|Bạn)(?![${L}])`, "gu"), `$1${cap(APPLICANT_VI)}`],
];

/** An English verb after "the applicant" (third person singular): "are" → "is", "keep" → "keeps". */
function conjugate(verb: string): string {
  const irregular: Record<string, string> = { am: "is", are: "is", have: "has", do: "does", were: "was" };
  if (irregular[verb]) return irregular[verb];
  if (/^(can|may|must|will|would|should|could|might|shall|was|is|has|does)$/.test(verb) || /ed$/.test(verb))
    return verb;
  if (/(s|sh|ch|x|z|o)$/.test(verb)) return `${verb}es`;
  if (/[^aeiou]y$/.test(verb)) return `${verb.slice(0, -1)}ies`;
  return `${verb}s`;
}

// Words after which "you" is an object ("for you", "to you"), never the subject of a verb.
const OBJECT_OF = /\b(to|for|with|of|by|from|about|than|as|on|at|into|tell|ask|help)\s+$/i;
// Words after "you" that are no verb ("you and your child", "you, the applicant").
const NOT_A_VERB = /^(and|or|but|the|a|an|if|when|that|who|to|for|with|of|in|on|at)$/;

function english(text: string): string {
  let out = text
    .replace(/\b(?:My|Your|Yours|Mine)\b/g, "The applicant's")
    .replace(/\b(?:my|your|yours|mine)\b/g, "the applicant's")
    .replace(/\b(?:myself|yourself)\b/g, "the applicant")
    .replace(/\bme\b/g, APPLICANT_EN);
  // A subject, "I" or "you" before a verb: "the applicant" and the verb in the third person.
  out = out.replace(
    /\b(I|you|You)\b(\s+([a-z]+))?/g,
    (_m, who: string, gap, verb, at: number, all: string) => {
      const before = all.slice(0, at);
      const start = who === "You" || (who === "I" && (before.trim() === "" || /[.!?]\s*$/.test(before)));
      const subject = start ? cap(APPLICANT_EN) : APPLICANT_EN;
      if (!gap) return subject;
      const isVerb = (who === "I" || !OBJECT_OF.test(before)) && !NOT_A_VERB.test(verb);
      return `${subject}${gap.slice(0, gap.length - verb.length)}${isVerb ? conjugate(verb) : verb}`;
    },
  );
  return out;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** `text` (in `lang`) with the citizen spoken of in the third person, for an officer's screen. */
export function forOfficer(text: string, lang: "vi" | "en"): string {
  // Quoted words (a menu's name, a label cited) are kept; the rest is rewritten.
  return text
    .split(/(“[^”]*”|"[^"]*")/u)
    .map((part, i) => {
      if (i % 2 === 1) return part;
      if (lang === "en") return english(part);
      let out = part;
      for (const [re, by] of VI) out = out.replace(re, by);
      return out;
    })
    .join("");
}

/** The first and second person words left in `text` outside quotes (for the officer: none). */
export function personalWords(text: string, lang: "vi" | "en"): string[] {
  const unquoted = text
    .split(/(“[^”]*”|"[^"]*")/u)
    .filter((_, i) => i % 2 === 0)
    .join(" ");
  const re =
    lang === "vi"
      ? new RegExp(`(?<![${L}])(?<![Cc]húng )(?:tôi|bạn)(?![${L}])`, "giu")
      : /\b(?:I|[Mm]e|[Mm]y|[Mm]ine|[Mm]yself|[Yy]ou|[Yy]our|[Yy]ours|[Yy]ourself)\b/g;
  return [...unquoted.matchAll(re)].map((m) => m[0]);
}
