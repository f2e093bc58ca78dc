/**
 * Words addressed to the citizen ("Họ, chữ đệm và tên của bạn", "Your full name") as an officer or
 * an agent reads them on the citizen's dossier: the applicant in the third person ("…của người nộp
 * hồ sơ", "The applicant's full name"). Used for the procedure definitions' field labels and help,
 * which speak to the citizen.
 */
const VI: ReadonlyArray<[RegExp, string]> = [
  [/(^|[^\p{L}])Bạn(?![\p{L}])/gu, "$1Người nộp hồ sơ"],
  [/(^|[^\p{L}])bạn(?![\p{L}])/gu, "$1người nộp hồ sơ"],
];
const EN: ReadonlyArray<[RegExp, string]> = [
  [/\bYours\b/g, "The applicant's"],
  [/\byours\b/g, "the applicant's"],
  [/\bYour\b/g, "The applicant's"],
  [/\byour\b/g, "the applicant's"],
  [/\bYou\b/g, "The applicant"],
  [/\byou\b/g, "the applicant"],
];

/** `text` (in `lang`) with the citizen addressed in the third person, for an officer's screen. */
export function forOfficer(text: string, lang: "vi" | "en"): string {
  let out = text;
  for (const [re, by] of lang === "en" ? EN : VI) out = out.replace(re, by);
  return out;
}
