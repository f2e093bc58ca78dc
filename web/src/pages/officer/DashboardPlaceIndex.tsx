import type { OpenIndex766 } from "@domain/api/kpis.js";
import { COMMUNE_CODE_PATTERN, PROVINCE_CODE_PATTERN } from "@domain/inputs.js";
import { api } from "../../api/client";
import { ErrorMessage, Loading } from "../../components/Status";
import { useLoad } from "../../lib/hooks";
import { type Drill, IndexCard } from "./DashboardParts";

/** The place whose index card a ranking opened (`cs766` in the address): a province by its 2 digits, a commune by its 5. */
export function placeOfIndex(code: string): { level: "province" | "commune"; code: string } | null {
  if (PROVINCE_CODE_PATTERN.test(code)) return { level: "province", code };
  if (COMMUNE_CODE_PATTERN.test(code)) return { level: "commune", code };
  return null;
}

/**
 * The Decision 766 index card of a place of a ranking (GET /api/open/index766), for the dashboard's
 * period, procedure and agency (`query`: "from=…&to=…[&procedure=…][&agency=…]"). Its numbers open
 * the dossiers behind them when `drill` is given (the place is within the leader's jurisdiction).
 */
export function PlaceIndexCard(props: {
  place: { level: "province" | "commune"; code: string };
  name: string;
  query: string;
  drill: ((d: Drill) => void) | null;
  onClose: () => void;
}) {
  const { level, code } = props.place;
  const index = useLoad(
    (signal) =>
      api.get<OpenIndex766>(`/api/open/index766?level=${level}&code=${code}&${props.query}`, { signal }),
    [level, code, props.query],
  );
  if (index.error) return <ErrorMessage error={index.error} retry={index.reload} />;
  if (!index.data) return <Loading />;
  return (
    <IndexCard index={index.data} drill={props.drill} place={{ name: props.name, onClose: props.onClose }} />
  );
}
