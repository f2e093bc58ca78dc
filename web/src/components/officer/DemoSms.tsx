import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "../../api/client";
import type { DemoOutbox } from "../../api/types";
import { formatDateTime } from "../../lib/format";
import { useLoad } from "../../lib/hooks";
import { ErrorMessage, Loading } from "../Status";

const SHOWN = 5;

function Outbox() {
  const { t, i18n } = useTranslation();
  const res = useLoad((signal) => api.get<DemoOutbox>("/api/demo/outbox?topic=notify.sms", { signal }), []);
  const items = [...(res.data?.items ?? [])].sort((a, b) => b.at.localeCompare(a.at)).slice(0, SHOWN);
  return (
    <div className="demo-sms" id="demo-sms-panel" data-testid="demo-sms-panel">
      <p className="help">{t("officer.otp.demoHelp")}</p>
      {res.loading && !res.data ? (
        <Loading />
      ) : res.error instanceof ApiError && res.error.status === 404 ? (
        <p>{t("officer.otp.demoOff")}</p>
      ) : res.error ? (
        <ErrorMessage error={res.error} retry={res.reload} />
      ) : items.length === 0 ? (
        <p>{t("officer.otp.demoEmpty")}</p>
      ) : (
        <ul className="plain">
          {items.map((m) => (
            <li key={m.key} data-testid="demo-sms-item" data-code={m.payload.code ?? ""}>
              <span className="muted">
                {formatDateTime(m.at, i18n.language)} · {m.payload.phone}
              </span>
              <br />
              {i18n.language === "en" && m.payload.textEn ? m.payload.textEn : m.payload.textVi}
              {m.payload.code && (
                <>
                  {" "}
                  — {t("officer.otp.code")} <strong data-testid="demo-sms-code">{m.payload.code}</strong>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="btn btn-small" onClick={res.reload}>
        {t("officer.otp.demoRefresh")}
      </button>
    </div>
  );
}

/** The demo's SMS outbox: the one-time code as the citizen's phone would show it. */
export function DemoSms() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <div className="demo-sms-wrap">
      <button
        type="button"
        className="btn-link"
        data-testid="demo-sms"
        aria-expanded={open}
        aria-controls={open ? "demo-sms-panel" : undefined}
        onClick={() => setOpen((o) => !o)}
      >
        {t("officer.otp.demoOpen")}
      </button>
      {open && <Outbox />}
    </div>
  );
}
