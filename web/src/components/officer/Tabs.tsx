import type { ReactNode } from "react";

/**
 * The one row of view buttons of a workspace list (outbox, refunds, corrections): the current one
 * pressed (`aria-pressed`), each labelled by `label(value)`, `data-testid` from `testId(value)`.
 */
export function Tabs<T extends string>({
  values,
  current,
  onChange,
  label,
  testId,
}: {
  values: readonly T[];
  current: T;
  onChange: (value: T) => void;
  label: (value: T) => ReactNode;
  testId: (value: T) => string;
}) {
  return (
    <div className="tabs">
      {values.map((v) => (
        <button
          key={v}
          type="button"
          className={`btn${current === v ? " btn-primary" : ""}`}
          aria-pressed={current === v}
          onClick={() => onChange(v)}
          data-testid={testId(v)}
        >
          {label(v)}
        </button>
      ))}
    </div>
  );
}
