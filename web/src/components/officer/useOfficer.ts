import { useOutletContext } from "react-router";
import type { Officer } from "./workspace";

/** The signed-in officer; the workspace layout renders its pages only for officers. */
export function useOfficer(): Officer {
  return useOutletContext<Officer>();
}
