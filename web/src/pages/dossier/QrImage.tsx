import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

/** A QR code as an SVG image, built in the browser; qrcode loads only when a QR is shown. */
export function QrImage({ payload, alt }: { payload: string; alt: string }) {
  const { t } = useTranslation();
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    import("qrcode")
      .then((q) => q.toString(payload, { type: "svg", margin: 2, errorCorrectionLevel: "M" }))
      .then(
        (svg) => {
          if (live) setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
        },
        () => {
          if (live) setFailed(true);
        },
      );
    return () => {
      live = false;
    };
  }, [payload]);
  if (failed) return <p className="field-error">{t("payment.qrFailed")}</p>;
  if (!src) return <p className="muted">{t("common.loading")}</p>;
  return <img className="qr" src={src} alt={alt} width={240} height={240} data-testid="vietqr" />;
}
