import { useTranslation } from "react-i18next";
import { useL } from "../../lib/hooks";
import type { Member } from "./group";

type Props = {
  /** The group's optional members, each ticked or not (`isChosen`). */
  members: Member[];
  isChosen: (key: string) => boolean;
  onChoose: (key: string, chosen: boolean) => void;
  /** A default's value as shown (the first step's known or typed value), null when there is none yet. */
  shownDefault: (d: Member["defaults"][number]) => string | null;
  /** Too few procedures ticked: what to say (null: enough). */
  tooFew: string | null;
};

/**
 * "Also do": the optional procedures of the group, each with the defaults it will be filed with
 * said (their source and what the citizen may do), and too few ticked said at once.
 */
export function MemberChoice({ members, isChosen, onChoose, shownDefault, tooFew }: Props) {
  const { t } = useTranslation();
  const l = useL();
  return (
    <fieldset
      className="card"
      aria-describedby={tooFew ? "linked-choose-error" : undefined}
      aria-invalid={tooFew ? true : undefined}
    >
      <legend>{t("linked.alsoDo")}</legend>
      {members.map((m) => (
        <div key={m.key}>
          <label className="linked-choice">
            <input
              type="checkbox"
              data-testid={`member-${m.key}`}
              checked={isChosen(m.key)}
              onChange={(e) => onChoose(m.key, e.target.checked)}
            />{" "}
            {l(m.procedureVi, m.procedureEn)}
          </label>
          {isChosen(m.key) &&
            m.defaults.map((d) => {
              const shown = shownDefault(d);
              if (shown === null) return null;
              const why = [l(d.sourceVi ?? "", d.sourceEn ?? ""), l(d.noteVi, d.noteEn)].filter(Boolean);
              return (
                <p key={d.field} className="help" data-testid={`member-default-${d.field}`}>
                  {l(d.labelVi, d.labelEn)}: {shown} ({why.join("; ")})
                </p>
              );
            })}
        </div>
      ))}
      {tooFew && (
        <p
          id="linked-choose-error"
          className="field-error"
          data-testid="linked-choose-error"
          role="alert"
          tabIndex={-1}
        >
          {tooFew}
        </p>
      )}
    </fieldset>
  );
}
