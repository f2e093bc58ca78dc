import { describe, expect, it } from "vitest";
import { en } from "../web/src/i18n/en.js";
import { vi } from "../web/src/i18n/vi.js";

/**
 * The draft's steps are read by the citizen in the portal and by an officer at the counter or an
 * agent filing for the citizen in the workspace (`/can-bo`). Their words go through
 * `useAudienceT` (web/src/lib/hooks.ts): in the workspace a key's `_officer` variant is read. So
 * every key of those steps that speaks to the citizen ("bạn", "you") has an officer variant, and
 * the variant speaks of the citizen instead ("công dân", "the citizen's"). So does an allowance's
 * transfer (DisbursementStatus), on the citizen's group page and the officer's dossier page.
 */
const FILING_PATH = ["form", "steps", "review", "save", "upload", "component", "commune"];
const ALSO = [
  "correction.intro",
  ...["title", "pending", "paid", "flagged", "why.ACCOUNT_HOLDER_MISMATCH"].map((k) => `disbursement.${k}`),
];

type Dict = { [k: string]: string | Dict };

function leaves(d: Dict, prefix = ""): Array<[string, string]> {
  return Object.entries(d).flatMap(([k, v]) =>
    typeof v === "string" ? [[`${prefix}${k}`, v] as [string, string]] : leaves(v, `${prefix}${k}.`),
  );
}

const ADDRESSES: Record<"vi" | "en", RegExp> = {
  vi: /(^|[^\p{L}])bạn(?![\p{L}])/iu,
  en: /\b(you|your|yours)\b/i,
};

/** "form.typedIntro_other" → "form.typedIntro_officer_other"; "form.replacedTitle" → "form.replacedTitle_officer". */
function officerKey(key: string): string {
  const plural = /_(zero|one|two|few|many|other)$/.exec(key);
  return plural ? `${key.slice(0, plural.index)}_officer${plural[0]}` : `${key}_officer`;
}

describe("words on the filing path, as an officer reads them", () => {
  for (const [lang, dict] of [
    ["vi", vi],
    ["en", en],
  ] as const) {
    const all = new Map(leaves(dict as unknown as Dict));
    const onPath = [...all].filter(
      ([k]) => (FILING_PATH.includes(k.split(".")[0] ?? "") || ALSO.includes(k)) && !k.includes("_officer"),
    );
    const toCitizen = onPath.filter(([, v]) => ADDRESSES[lang].test(v));

    it(`${lang}: every key that speaks to the citizen has an officer variant that does not`, () => {
      expect(toCitizen.length).toBeGreaterThan(0);
      const missing = toCitizen.filter(([k]) => {
        const v = all.get(officerKey(k));
        return v === undefined || ADDRESSES[lang].test(v);
      });
      expect(missing.map(([k]) => k)).toEqual([]);
    });
  }

  it("the counter's first step: the prefill banner and the documents not needed name the citizen", () => {
    const form = vi.form as Record<string, unknown>;
    expect(form.prefilledBanner_officer_other).toBe(
      "Hệ thống đã điền sẵn {{count}}/{{total}} trường từ dữ liệu của công dân.",
    );
    expect(form.replacedTitle_officer).toBe("Giấy tờ công dân không cần nộp");
    expect((en.form as Record<string, unknown>).replacedTitle_officer).toBe(
      "Documents the citizen does not need to provide",
    );
  });
});
