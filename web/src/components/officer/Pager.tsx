import { useTranslation } from "react-i18next";

type Props = {
  offset: number;
  count: number;
  total: number;
  pageSize: number;
  onPage: (offset: number) => void;
};

/** "26–50 of 312" with previous and next. */
export function Pager({ offset, count, total, pageSize, onPage }: Props) {
  const { t } = useTranslation();
  const from = total === 0 ? 0 : offset + 1;
  const to = offset + count;
  return (
    <nav className="pager ws-pager" aria-label={t("officer.queue.pages")}>
      <button
        type="button"
        className="btn btn-small"
        data-testid="queue-prev"
        disabled={offset <= 0}
        onClick={() => onPage(Math.max(0, offset - pageSize))}
      >
        {t("common.prev")}
      </button>
      <p data-testid="queue-range" aria-live="polite">
        {t("common.pageOf", { from, to, total })}
      </p>
      <button
        type="button"
        className="btn btn-small"
        data-testid="queue-next"
        disabled={to >= total}
        onClick={() => onPage(offset + pageSize)}
      >
        {t("common.next")}
      </button>
    </nav>
  );
}
