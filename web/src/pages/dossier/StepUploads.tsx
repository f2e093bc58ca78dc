import type { Dossier } from "../../api/types";
import { useAudienceT } from "../../lib/hooks";
import { UploadControl } from "./UploadControl";

type Props = { dossier: Dossier; problems: Record<string, string>; onUploaded: () => void };

/** Uploads only for components the registries cannot replace. */
export function StepUploads({ dossier, problems, onUploaded }: Props) {
  const t = useAudienceT();
  const uploads = dossier.components.filter((c) => c.state !== "replaced" && c.kind === "upload");
  const replaced = dossier.components.filter((c) => c.state === "replaced").length;
  return (
    <div data-testid="uploads">
      {replaced > 0 && <p className="banner banner-ok">{t("upload.replacedCount", { count: replaced })}</p>}
      {uploads.length === 0 ? (
        <p data-testid="uploads-none">{t("upload.nothing")}</p>
      ) : (
        uploads.map((c) => (
          <UploadControl
            key={c.key}
            dossierId={dossier.id}
            component={c}
            problem={problems[c.key]}
            onUploaded={onUploaded}
          />
        ))
      )}
    </div>
  );
}
