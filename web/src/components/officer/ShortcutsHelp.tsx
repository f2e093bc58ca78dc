import { useTranslation } from "react-i18next";

const KEYS: Array<[string[], string]> = [
  [["R"], "officer.action.receive"],
  [["S"], "officer.shortcuts.supplement"],
  [["F"], "officer.action.forward"],
  [["A"], "officer.action.approve"],
  [["I"], "officer.action.issue_result"],
  [["T"], "officer.action.return_result"],
  [["C"], "officer.assign.me"],
  [["G", "Q"], "officer.shortcuts.queue"],
  [["Ctrl", "Enter"], "officer.shortcuts.submitReason"],
];

/** The keyboard shortcuts of the dossier view, always in sight. */
export function ShortcutsHelp() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="ws-keys-title" className="card shortcuts" data-testid="shortcuts-help">
      <h2 id="ws-keys-title">{t("officer.shortcuts.title")}</h2>
      <dl>
        {KEYS.map(([keys, label]) => (
          <div key={keys.join("+")}>
            <dt>
              {keys.map((k, i) => (
                <span key={k}>
                  {i > 0 && (keys[0] === "G" ? ` ${t("officer.shortcuts.sequence")} ` : " + ")}
                  <kbd>{k}</kbd>
                </span>
              ))}
            </dt>
            <dd>{t(label)}</dd>
          </div>
        ))}
      </dl>
      <p className="help">{t("officer.shortcuts.note")}</p>
    </section>
  );
}
