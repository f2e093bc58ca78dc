import { PERIOD_KINDS, type PeriodKind, periodOf } from "@domain/kpi-periods.js";
import { parseFullDate } from "@domain/partial-date.js";
import { formatDate, parseTypedDay } from "@domain/vietnamese-dates.js";
import { useState } from "react";
import { useTranslation } from "react-i18next";

/**
 * The period of a figures page from its address: `ky` (day, month, quarter, year; month when
 * missing or unknown) and `ngay`, a day of it ("YYYY-MM-DD"; `today` when missing or not a day),
 * with the period's first and last day.
 */
export function periodFromSearch(
  get: (key: string) => string | null,
  today: string,
): { kind: PeriodKind; day: string; from: string; to: string } {
  const k = get("ky") ?? "";
  const kind = (PERIOD_KINDS as readonly string[]).includes(k) ? (k as PeriodKind) : "month";
  const typed = get("ngay") ?? "";
  const day = parseFullDate(typed) ? typed : today;
  return { kind, day, ...periodOf(kind, day) };
}

type DayInputProps = { id: string; label: string; value: string; onDay: (iso: string) => void };

/**
 * A day shown and typed dd/mm/yyyy in a text box, whatever the browser's locale (a native date
 * input shows the browser's format). `value` and `onDay` are ISO "YYYY-MM-DD"; `onDay` is called
 * once the text is a calendar day. Text that is not one ("31/02/2026") stays as typed with a
 * message in words (on leaving the box or on Enter) until it is corrected.
 */
export function DayInput({ id, label, value, onDay }: DayInputProps) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => formatDate(value));
  const [seen, setSeen] = useState(value);
  const [invalid, setInvalid] = useState(false);
  // A value from elsewhere (the address, a reload) replaces what the box holds.
  if (value !== seen) {
    setSeen(value);
    if (parseTypedDay(text) !== value) setText(formatDate(value));
  }
  const check = () => setInvalid(text.trim() !== "" && parseTypedDay(text) === null);
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        placeholder={t("form.datePlaceholder")}
        value={text}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? errorId : undefined}
        onChange={(e) => {
          setText(e.target.value);
          const iso = parseTypedDay(e.target.value);
          if (iso) {
            setInvalid(false);
            onDay(iso);
          }
        }}
        onBlur={check}
        onKeyDown={(e) => {
          if (e.key === "Enter") check();
        }}
      />
      {invalid && (
        <p className="field-error" id={errorId} role="alert" data-testid={`${id}-error`}>
          {t("period.dayInvalid")}
        </p>
      )}
    </div>
  );
}

type PeriodFieldsProps = {
  /** Prefix of the ids: `<prefix>-kind`, `<prefix>-day`. */
  idPrefix: string;
  /** The test id of the line that says the range. */
  rangeTestId: string;
  kind: PeriodKind;
  day: string;
  onKind: (kind: string) => void;
  onDay: (iso: string) => void;
};

/**
 * The period filter of the public statistics and the leaders' dashboard: its kind, a day of it
 * (`DayInput`) and the range it covers, written dd/mm/yyyy.
 */
export function PeriodFields({ idPrefix, rangeTestId, kind, day, onKind, onDay }: PeriodFieldsProps) {
  const { t } = useTranslation();
  const { from, to } = periodOf(kind, day);
  return (
    <>
      <div className="field">
        <label htmlFor={`${idPrefix}-kind`}>{t("stats.period")}</label>
        <select id={`${idPrefix}-kind`} value={kind} onChange={(e) => onKind(e.target.value)}>
          {PERIOD_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`stats.kinds.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <DayInput id={`${idPrefix}-day`} label={t("stats.date")} value={day} onDay={onDay} />
      <p aria-live="polite" data-testid={rangeTestId}>
        {t("stats.range", { from: formatDate(from), to: formatDate(to) })}
      </p>
    </>
  );
}
