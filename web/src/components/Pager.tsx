import { useTranslation } from "react-i18next";

type Props = {
  /** The page shown: its items and how many there are in all. */
  list: { items: readonly unknown[]; total: number };
  /** The first item shown, counted from 0. */
  offset: number;
  pageSize: number;
  onPage: (offset: number) => void;
  /** The navigation's accessible name (what the pages are of); "Phân trang" / "Pages" by default. */
  label?: string;
};

/**
 * The one pager of the app: "Trang 2/13 (26–50 trên 312)" between previous and next, each a
 * 44 px target, disabled at either end; the position is announced when it changes.
 */
export function Pager({ list, offset, pageSize, onPage, label }: Props) {
  const { t } = useTranslation();
  const total = list.total;
  const from = total === 0 ? 0 : offset + 1;
  const to = offset + list.items.length;
  const page = Math.floor(offset / pageSize) + 1;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav className="pager" aria-label={label ?? t("common.pages")}>
      <button
        type="button"
        className="btn btn-small"
        data-testid="pager-prev"
        disabled={offset <= 0}
        onClick={() => onPage(Math.max(0, offset - pageSize))}
      >
        {t("common.prev")}
      </button>
      <p data-testid="pager-range" aria-live="polite">
        {t("common.pageOf", { page, pages, from, to, total })}
      </p>
      <button
        type="button"
        className="btn btn-small"
        data-testid="pager-next"
        disabled={to >= total}
        onClick={() => onPage(offset + pageSize)}
      >
        {t("common.next")}
      </button>
    </nav>
  );
}
