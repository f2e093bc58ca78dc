import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { ApiError, api } from "../api/client";
import type { Prefill, ProcedureVersion } from "../api/types";
import { EligibilityIssues } from "../components/EligibilityNotice";
import { NotFoundNote } from "../components/NotFoundNote";
import { ErrorMessage, Loading } from "../components/Status";
import { useL, useLoad, useTitle } from "../lib/hooks";
import { useSession } from "../session";
import { DuplicateNotice } from "./linked/DuplicateNotice";
import { ApplyButton } from "./procedure/ApplyButton";
import { Drafts, useDrafts } from "./procedure/Drafts";
import { Facts } from "./procedure/Facts";
import { Known } from "./procedure/Known";
import { Needs } from "./procedure/Needs";
import { offersSpouseHousehold, SpouseHouseholdChoice } from "./procedure/SpouseHouseholdChoice";

export default function Procedure() {
  const { code = "" } = useParams();
  // "?household=spouse" (the assistant's "chuyển hộ khẩu về nhà chồng"): the spouse's household chosen.
  const [search, setSearch] = useSearchParams();
  const spouse = search.get("household") === "spouse";
  const { t } = useTranslation();
  const l = useL();
  const { principal, loading: sessionLoading } = useSession();
  const proc = useLoad(
    (signal) => api.get<ProcedureVersion>(`/api/procedures/${encodeURIComponent(code)}`, { signal }),
    [code],
  );
  const citizen = principal?.kind === "citizen";
  const prefill = useLoad(
    (signal) =>
      citizen
        ? api.get<Prefill>(`/api/procedures/${encodeURIComponent(code)}/prefill`, { signal })
        : Promise.resolve(null),
    [code, citizen],
  );
  const drafts = useDrafts(code, citizen);
  const eligibility = prefill.data?.eligibility ?? [];
  // The event the registries name (the newest birth notice, the deceased) already registered or in
  // hand: said before "start", with a link to the first dossier, and no start (409 at start).
  const duplicate = prefill.data?.duplicate ?? null;
  const refused = eligibility.some((i) => i.severity === "refusal") || duplicate !== null;
  const def = proc.data?.definition;
  const notFound = proc.error instanceof ApiError && (proc.error.status === 404 || proc.error.status === 400);
  useTitle(def ? l(def.nameVi, def.nameEn) : notFound ? t("notFound.title") : t("procedure.title"));

  if (proc.loading) return <Loading />;
  // An unknown code, or one that cannot be a code (400), names no procedure.
  if (notFound) return <NotFoundNote testId="procedure-not-found" text={t("procedure.notFound")} />;
  if (proc.error || !def)
    return (
      <>
        <h1>{t("procedure.title")}</h1>
        <ErrorMessage error={proc.error} retry={proc.reload} />
      </>
    );
  return (
    <article className="procedure" data-testid="procedure" data-code={def.code}>
      <h1>{l(def.nameVi, def.nameEn)}</h1>
      <section aria-labelledby="about-title">
        <h2 id="about-title">{t("procedure.about")}</h2>
        <p className="lead" data-testid="procedure-summary">
          {l(def.summaryVi, def.summaryEn)}
        </p>
      </section>
      {proc.data && proc.data.stats.paperFieldCount > 0 && (
        <p className="highlight">
          {t("procedure.reduction", {
            total: proc.data.stats.onlineFieldCount,
            prefilled: proc.data.stats.prefilledFieldCount,
            typed: proc.data.stats.typedFieldCount,
            paper: proc.data.stats.paperFieldCount,
          })}
        </p>
      )}
      <Drafts drafts={drafts.data ?? []} onGone={drafts.reload} />
      {def.linkedGroup && (
        <p>
          <Link className="btn btn-big" data-testid="apply-group" to={`/lien-thong/nop/${def.linkedGroup}`}>
            {t("linked.applyGroup")}
          </Link>
        </p>
      )}
      {/* Before "start": what the rules about the citizen say (married: no new marriage), with what to do. */}
      <EligibilityIssues issues={eligibility} audience="citizen" />
      {duplicate && <DuplicateNotice refusal={duplicate} />}
      {citizen && !refused && offersSpouseHousehold(def) && (
        <SpouseHouseholdChoice
          spouse={spouse}
          onChange={(v) => setSearch(v ? { household: "spouse" } : {}, { replace: true })}
        />
      )}
      {!refused && (
        <ApplyButton
          code={def.code}
          hasDraft={(drafts.data ?? []).length > 0}
          household={spouse && offersSpouseHousehold(def) ? "spouse" : undefined}
        />
      )}
      <Facts def={def} />
      <Needs def={def} prefill={prefill.data ?? null} />
      <Known
        def={def}
        prefill={prefill.data ?? null}
        loading={sessionLoading || prefill.loading}
        error={prefill.error}
      />
    </article>
  );
}
