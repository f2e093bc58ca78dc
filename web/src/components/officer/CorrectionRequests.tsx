import { useTranslation } from "react-i18next";
import type { CorrectionRequest, DossierField } from "../../api/types";
import { formatDateTime } from "../../lib/format";
import { useFieldText } from "../../lib/hooks";
import { ValueText } from "../ValueText";
import { TableWrap } from "./TableWrap";

/** "This is wrong": what the citizen says a registry value should be. */
export function CorrectionRequests({
  requests,
  fields,
}: {
  requests: CorrectionRequest[] | undefined;
  fields: DossierField[];
}) {
  const { t, i18n } = useTranslation();
  const ft = useFieldText();
  const list = requests ?? [];
  return (
    <section
      aria-labelledby="ws-corr-title"
      className="card"
      data-testid="correction-requests"
      data-count={list.length}
    >
      <h2 id="ws-corr-title">{t("officer.corrections.title")}</h2>
      {list.length === 0 ? (
        <p>{t("officer.corrections.none")}</p>
      ) : (
        <TableWrap labelledBy="ws-corr-title">
          <table className="ws-table">
            <thead>
              <tr>
                <th scope="col">{t("officer.corrections.field")}</th>
                <th scope="col">{t("officer.corrections.registry")}</th>
                <th scope="col">{t("officer.corrections.claimed")}</th>
                <th scope="col">{t("officer.corrections.note")}</th>
                <th scope="col">{t("officer.corrections.at")}</th>
                <th scope="col">{t("officer.corrections.status")}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((r) => {
                const f = fields.find((x) => x.key === r.fieldKey);
                return (
                  <tr key={`${r.fieldKey}-${r.createdAt}`} data-testid="correction-request">
                    <th scope="row">{f ? ft(f.labelVi, f.labelEn) : r.fieldKey}</th>
                    <td>
                      <ValueText value={r.registryValue} type={f?.type} options={f?.options} />
                    </td>
                    <td>
                      <strong>{r.claimedValue ?? "—"}</strong>
                    </td>
                    <td>{r.note ?? "—"}</td>
                    <td>{formatDateTime(r.createdAt, i18n.language)}</td>
                    <td data-testid="correction-status" data-status={r.status}>
                      {t(`correction.status.${r.status}`, {
                        value: r.appliedValue ?? "",
                        reason: r.decisionReason ?? "",
                      })}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
