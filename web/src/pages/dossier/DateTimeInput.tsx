import { parseInstant } from "@domain/instant.js";
import { formatDate, parseTypedDate, parseTypedTime } from "@domain/vietnamese-dates.js";
import { useState } from "react";
import { useTranslation } from "react-i18next";

type Props = {
  id: string;
  testId: string;
  value: string;
  invalid: boolean;
  /** The help and error texts' ids: each box is described by them (its message is read with it). */
  describedBy: string | undefined;
  onChange: (value: string | null) => void;
  onBlur: () => void;
};

/** Vietnam's offset from UTC in milliseconds (no daylight saving). */
const VIETNAM_MS = 7 * 3_600_000;

/** A stored instant as the day (dd/mm/yyyy) and the time (hh:mm, 24-hour) in Vietnam. */
function split(value: string): { day: string; time: string } {
  const at = value ? parseInstant(value) : undefined;
  if (!at) return { day: value, time: "" };
  const local = new Date(at.getTime() + VIETNAM_MS).toISOString();
  return { day: formatDate(local.slice(0, 10)), time: local.slice(11, 16) };
}

/**
 * An instant typed as a day (dd/mm/yyyy) and a time (hh:mm, 24-hour) in two text boxes, whatever
 * the browser's locale (a native datetime input shows "11/05/2026, 07:08 PM" in English). The value
 * is "YYYY-MM-DDTHH:mm", Vietnam's local time, once both parts are one; otherwise the text typed,
 * kept for the schema to name the problem.
 */
export function DateTimeInput({ id, testId, value, invalid, describedBy, onChange, onBlur }: Props) {
  const { t } = useTranslation();
  const [parts, setParts] = useState(() => split(value));
  const [seen, setSeen] = useState(value);
  const compose = (p: { day: string; time: string }): string | null => {
    const day = parseTypedDate(p.day);
    const time = parseTypedTime(p.time);
    if (day && time) return `${day}T${time}`;
    const typed = `${p.day} ${p.time}`.trim();
    return typed === "" ? null : typed;
  };
  // A value from elsewhere (the server, a reload) replaces what the boxes hold.
  if (value !== seen) {
    setSeen(value);
    if (compose(parts) !== (value || null)) setParts(split(value));
  }
  const set = (part: "day" | "time", v: string) => {
    const next = { ...parts, [part]: v };
    setParts(next);
    onChange(compose(next));
  };
  const box = (part: "day" | "time", size: number, placeholder: string) => (
    <label className="date-part" key={part}>
      <span>{t(`form.dateTimePart.${part}`)}</span>
      <input
        id={part === "day" ? id : `${id}-${part}`}
        data-testid={`${testId}-${part}`}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        size={size}
        placeholder={placeholder}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        value={parts[part]}
        onChange={(e) => set(part, e.target.value)}
        onBlur={() => {
          // Shown back the Vietnamese way: "05112026" → "05/11/2026", "1908" → "19:08".
          const iso = part === "day" ? parseTypedDate(parts.day) : null;
          const time = part === "time" ? parseTypedTime(parts.time) : null;
          if (iso) setParts((p) => ({ ...p, day: formatDate(iso) }));
          if (time) setParts((p) => ({ ...p, time }));
          onBlur();
        }}
      />
    </label>
  );
  return (
    <div className="date-parts">
      {[box("day", 10, t("form.datePlaceholder")), box("time", 5, t("form.timePlaceholder"))]}
    </div>
  );
}
