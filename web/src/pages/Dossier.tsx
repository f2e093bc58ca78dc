import { isDraft, TERMINAL } from "@domain/lifecycle.js";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { api } from "../api/client";
import type { Dossier as DossierView, ProcedureVersion } from "../api/types";
import { GroupLine } from "../components/GroupLine";
import { ErrorMessage, Loading } from "../components/Status";
import { useL, useLoad, useTitle } from "../lib/hooks";
import { DraftWizard } from "./dossier/DraftWizard";
import { MyCorrections } from "./dossier/MyCorrections";
import { Tracking } from "./dossier/Tracking";

const POLL_MS = 20_000;

export default function Dossier() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const l = useL();
  const dossier = useLoad((signal) => api.get<DossierView>(`/api/dossiers/${id}`, { signal }), [id]);
  const d = dossier.data;
  const code = d?.procedure.code;
  const version = d?.procedure.version;
  const def = useLoad(
    (signal) =>
      code && version !== undefined
        ? api.get<ProcedureVersion>(`/api/procedures/${encodeURIComponent(code)}/versions/${version}`, {
            signal,
          })
        : Promise.resolve(undefined),
    [code, version],
  );
  useTitle(d ? l(d.procedure.nameVi, d.procedure.nameEn) : t("dossier.title"));

  // Follow a dossier in progress: refresh while the page is visible.
  const status = d?.status;
  const { reload } = dossier;
  useEffect(() => {
    if (!status || isDraft(status) || TERMINAL.has(status)) return;
    const h = setInterval(() => {
      if (document.visibilityState === "visible") reload();
    }, POLL_MS);
    return () => clearInterval(h);
  }, [status, reload]);

  if (!d) {
    return (
      <>
        <h1>{t("dossier.title")}</h1>
        {dossier.loading ? <Loading /> : <ErrorMessage error={dossier.error} retry={dossier.reload} />}
      </>
    );
  }
  const definition = def.data?.definition;
  return (
    <article className="dossier" data-testid="dossier" data-id={d.id} data-status={d.status}>
      <p className="crumbs">
        <Link to="/ho-so">{t("nav.dossiers")}</Link>
      </p>
      <h1>{l(d.procedure.nameVi, d.procedure.nameEn)}</h1>
      <GroupLine dossierId={d.id} />
      {!definition ? (
        def.error ? (
          <ErrorMessage error={def.error} retry={def.reload} />
        ) : (
          <Loading />
        )
      ) : isDraft(d.status) ? (
        <DraftWizard dossier={d} def={definition} onDossier={dossier.setData} reload={reload} />
      ) : (
        <Tracking dossier={d} def={definition} onDossier={dossier.setData} reload={reload} />
      )}
      <MyCorrections dossier={d} />
    </article>
  );
}
