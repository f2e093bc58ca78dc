import { useTranslation } from "react-i18next";
import type { Person } from "../../api/types";
import { formatDate } from "../../lib/format";

/** One person's registry facts, as a definition list. */
export function PersonFacts({ p, testId }: { p: Person; testId?: string }) {
  const { t, i18n } = useTranslation();
  const rows: Array<[string, string | null]> = [
    ["me.fullName", p.fullName],
    ["me.personalNumber", p.personalNumber],
    ["me.birthDate", formatDate(p.birthDate, i18n.language)],
    ["me.sex", t(`sex.${p.sex}`)],
    ["me.ethnicity", p.ethnicity],
    ["me.nationality", p.nationality === "VN" ? t("me.vietnam") : p.nationality],
    ["me.religion", p.religion ?? t("me.none")],
    [
      "me.permanentAddress",
      [p.permanentAddress, p.permanentCommuneName, p.provinceName].filter(Boolean).join(", "),
    ],
    ["me.temporaryAddress", p.temporaryAddress],
    [
      "me.relationship",
      p.relationshipToHead ? t(`rel.${p.relationshipToHead}`, { defaultValue: p.relationshipToHead }) : null,
    ],
    ["me.phone", p.phone],
    ["me.email", p.email],
  ];
  return (
    <dl className="facts" data-testid={testId}>
      {rows
        .filter(([, v]) => v !== null && v !== "")
        .map(([k, v]) => (
          <div key={k}>
            <dt>{t(k)}</dt>
            <dd>{v}</dd>
          </div>
        ))}
    </dl>
  );
}
