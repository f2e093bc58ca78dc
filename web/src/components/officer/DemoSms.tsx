import { useTranslation } from "react-i18next";
import { ApiError, api } from "../../api/client";
import type { DemoOutbox } from "../../api/types";
import { formatDateTime } from "../../lib/format";
import { useL, useLoad } from "../../lib/hooks";

/**
 * The demo phone: SMS sent to the signed-in citizen's number, one-time codes included. Only the
 * citizen sees the codes (they prove the citizen's consent to an agent); with the demo off the
 * server has no such route and nothing is shown.
 */
export function DemoPhone() {
  const { t, i18n } = useTranslation();
  const l = useL();
  const res = useLoad((signal) => api.get<DemoOutbox>("/api/demo/outbox", { signal }), []);
  if (res.error instanceof ApiError || (!res.data && !res.loading)) return null;
  const items = res.data?.items ?? [];
  return (
    <section className="card demo-sms" aria-labelledby="demo-phone-title" data-testid="demo-phone">
      <h2 id="demo-phone-title">{t("notifications.demoPhone")}</h2>
      <p className="help">{t("notifications.demoPhoneHelp")}</p>
      {items.length === 0 ? (
        <p>{t("notifications.demoPhoneEmpty")}</p>
      ) : (
        <ul className="plain">
          {items.map((m) => (
            <li key={`${m.at}-${m.textVi}`} data-testid="demo-sms-item">
              <span className="muted">
                {formatDateTime(m.at, i18n.language)} · {m.phone}
              </span>
              <br />
              {l(m.textVi, m.textEn)}
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="btn btn-small" onClick={res.reload}>
        {t("notifications.demoPhoneReload")}
      </button>
    </section>
  );
}

/**
 * For the agent in the demo: where the code goes. The agent never sees it (the server refuses
 * agents the demo outbox, 403); with the demo off (404) nothing is shown.
 */
export function DemoSmsHint() {
  const { t } = useTranslation();
  const res = useLoad((signal) => api.get<DemoOutbox>("/api/demo/outbox", { signal }), []);
  const demoOn = res.error instanceof ApiError ? res.error.status !== 404 : res.data !== null && !res.loading;
  if (!demoOn) return null;
  return (
    <p className="help demo-sms" data-testid="demo-sms-hint">
      {t("officer.otp.demoHint")}
    </p>
  );
}
