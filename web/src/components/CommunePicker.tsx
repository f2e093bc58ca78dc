import { COMMUNE_CODE_PATTERN } from "@domain/inputs.js";
import { createContext, type KeyboardEvent, useContext, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api/client";
import type { Commune } from "../api/types";
import { loadProvinces, provinceName, useCommune } from "../lib/communes";

type Props = {
  id: string;
  testId: string;
  /**
   * The chosen commune's 5-digit code; or the name typed and left without a pick (kept as the
   * field's value, so the draft keeps it, refused, with its message: `typedCommune`); or null.
   */
  value: string | null;
  invalid: boolean;
  required: boolean;
  describedBy: string | undefined;
  onChange: (value: string | null) => void;
  onBlur: () => void;
  /**
   * Told how many communes a search of the typed name (`q`, trimmed) found: its field says that a
   * name left without a pick matches nothing, or asks to pick one. Only tells: the field's message
   * never feeds back into the search or the list.
   */
  onSearched?: (q: string, count: number) => void;
};

/** The name typed in a commune field and left without a pick (its value, not a code), or null. */
export function typedCommune(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" && !COMMUNE_CODE_PATTERN.test(value) ? value : null;
}

const LIMIT = 8;

/**
 * The province whose communes the picker lists first (a 2-digit code): the dossier's own, set by
 * the form around its fields. The units API ranks them first (`near`).
 */
export const NearProvince = createContext<string | undefined>(undefined);

/** "Phường Hải Châu, Thành phố Đà Nẵng": a commune named with its province (two communes may share a name). */
export function communeLabel(c: Commune, lang: string): string {
  const name = lang === "en" ? c.fullNameEn : c.fullName;
  const province = provinceName(c.provinceCode, lang);
  return province ? `${name}, ${province}` : name;
}

/**
 * A commune chosen by its name (ARIA 1.2 combobox with a list box): the person types part of the
 * name, with or without diacritics, maybe with its province or one typo (the units API searches
 * names; those of the `NearProvince` first), and picks one of at most 8
 * matches with a tap or the arrow keys and Enter. The value is the commune's code. A name typed
 * and left without a pick becomes the value as typed: never an answer (the server keeps it refused
 * with the draft), but on screen again after a reload with its field's message, which says
 * whether it matches nothing or asks to pick one (`onSearched`). Typing again clears the value.
 */
export function CommunePicker({
  id,
  testId,
  value,
  invalid,
  required,
  describedBy,
  onChange,
  onBlur,
  onSearched,
}: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const listId = useId();
  const chosen = useCommune(value);
  const held = typedCommune(value);
  const [query, setQuery] = useState<string | null>(null);
  const [items, setItems] = useState<Commune[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [searched, setSearched] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const near = useContext(NearProvince);

  // The text shown: what the person types, else the name left typed, else the chosen commune's.
  const text = query ?? held ?? (chosen ? communeLabel(chosen, lang) : "");
  // Searched also when the page opens with a name left typed: its message says if it matches nothing.
  const q = (query ?? held)?.trim() ?? "";
  const told = useRef(onSearched);
  told.current = onSearched;

  useEffect(() => {
    if (q.length < 2) {
      setItems([]);
      setSearched(false);
      return;
    }
    const ctrl = new AbortController();
    const h = setTimeout(() => {
      const nearby = near ? `&near=${encodeURIComponent(near)}` : "";
      const url = `/api/units/communes?limit=${LIMIT}&q=${encodeURIComponent(q)}${nearby}`;
      // The provinces too: each commune is shown with its province's name.
      Promise.all([api.get<{ items: Commune[] }>(url, { signal: ctrl.signal }), loadProvinces()])
        .then(([r]) => {
          setItems(r.items);
          setActive(r.items.length > 0 ? 0 : -1);
          setSearched(true);
          told.current?.(q, r.items.length);
        })
        .catch(() => undefined);
    }, 200);
    return () => {
      clearTimeout(h);
      ctrl.abort();
    };
  }, [q, near]);

  const pick = (c: Commune) => {
    onChange(c.code);
    setQuery(null);
    setOpen(false);
    setItems([]);
    input.current?.focus();
  };

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown" && items.length > 0) {
      e.preventDefault();
      setOpen(true);
      setActive((a) => (a + 1) % items.length);
    } else if (e.key === "ArrowUp" && items.length > 0) {
      e.preventDefault();
      setActive((a) => (a <= 0 ? items.length - 1 : a - 1));
    } else if (e.key === "Enter" && open && active >= 0 && items[active]) {
      e.preventDefault();
      pick(items[active]);
    } else if (e.key === "Escape") {
      setOpen(false);
    }
  };

  const shown = open && items.length > 0;
  return (
    <div className="combobox">
      <input
        ref={input}
        id={id}
        name={id}
        data-testid={testId}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={shown}
        aria-controls={listId}
        aria-activedescendant={shown && active >= 0 ? `${listId}-${active}` : undefined}
        aria-invalid={invalid || undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy}
        autoComplete="off"
        placeholder={t("commune.placeholder")}
        value={text}
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
          if (value !== null) onChange(null);
        }}
        onKeyDown={onKey}
        onBlur={() => {
          // A tap on an option blurs the input first: let the tap land before closing the list.
          setTimeout(() => setOpen(false), 200);
          // Typed and none picked: the name typed is kept as the value (refused, never an answer).
          if (value === null && q !== "") onChange(q);
          onBlur();
        }}
      />
      <div
        id={listId}
        role="listbox"
        className="combobox-list"
        hidden={!shown}
        aria-label={t("commune.list")}
      >
        {items.map((c, i) => (
          <div
            key={c.code}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            data-testid="commune-option"
            data-code={c.code}
            onMouseDown={(e) => e.preventDefault()}
            tabIndex={-1}
            onClick={() => pick(c)}
            onKeyDown={(e) => e.key === "Enter" && pick(c)}
          >
            {communeLabel(c, lang)}
          </div>
        ))}
      </div>
      <p className="sr-only" role="status" aria-live="polite">
        {!open || !searched
          ? ""
          : items.length > 0
            ? t("commune.found", { count: items.length })
            : t("commune.none", { q })}
      </p>
      {open && searched && items.length === 0 ? (
        <p className="note" data-testid="commune-none" aria-hidden="true">
          {t("commune.none", { q })}
        </p>
      ) : null}
    </div>
  );
}
