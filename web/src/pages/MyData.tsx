import { bornKey } from "@domain/partial-date.js";
import { useTranslation } from "react-i18next";
import { api } from "../api/client";
import type { MyData as MyDataT } from "../api/types";
import { SignInPrompt } from "../components/SignInPrompt";
import { ErrorMessage, Loading } from "../components/Status";
import { formatDate } from "../lib/format";
import { useLoad, useTitle } from "../lib/hooks";
import { useSession } from "../session";
import { AccessLog } from "./me/AccessLog";
import { PersonFacts } from "./me/Facts";
import { Records } from "./me/Records";

export default function MyData() {
  const { t, i18n } = useTranslation();
  const { principal, loading: sessionLoading } = useSession();
  useTitle(t("me.title"));
  const citizen = principal?.kind === "citizen";
  const res = useLoad(
    (signal) => (citizen ? api.get<MyDataT>("/api/me/data", { signal }) : Promise.resolve(null)),
    [citizen],
  );
  if (sessionLoading) return <Loading />;
  if (!principal)
    return (
      <section>
        <h1>{t("me.title")}</h1>
        <SignInPrompt text={t("me.signIn")} />
      </section>
    );
  const d = res.data;
  return (
    <section>
      <h1>{t("me.title")}</h1>
      <p className="lead">{t("me.intro")}</p>
      {!citizen && <p>{t("me.citizenOnly")}</p>}
      {res.loading && !d && <Loading />}
      {res.error ? <ErrorMessage error={res.error} retry={res.reload} /> : null}
      {d && (
        <>
          <section aria-labelledby="person-title" className="card">
            <h2 id="person-title">{t("me.person")}</h2>
            <PersonFacts p={d.person} testId="person" />
          </section>
          <section aria-labelledby="household-title" className="card" data-testid="household">
            <h2 id="household-title">{t("me.household")}</h2>
            {!d.household ? (
              <p>{t("me.noHousehold")}</p>
            ) : (
              <>
                <p>
                  {t("me.householdAt", { address: `${d.household.address}, ${d.household.communeName}` })}
                </p>
                <ul className="members">
                  {d.household.members.map((m) => (
                    <li key={m.personalNumber}>
                      <strong>{m.fullName}</strong>{" "}
                      {m.relationshipToHead &&
                        `(${t(`rel.${m.relationshipToHead}`, { defaultValue: m.relationshipToHead })})`}
                      <span className="muted">
                        {" "}
                        · {t(bornKey(m.birthDate), { date: formatDate(m.birthDate, i18n.language) })}
                      </span>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
          <Records records={d.records} />
        </>
      )}
      {citizen && <AccessLog />}
    </section>
  );
}
