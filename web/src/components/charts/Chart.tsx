import { LineChart, MapChart } from "echarts/charts";
import { GridComponent, TooltipComponent, VisualMapComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

// Only what the dashboards draw (tree-shaken): a map of provinces and monthly lines.
echarts.use([MapChart, LineChart, GridComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

let boundaries: Promise<void> | null = null;
/** Registers the provinces' boundaries (GET /api/units/province-boundaries) once, as map "vn". */
function registerProvinces(): Promise<void> {
  boundaries ??= fetch("/api/units/province-boundaries")
    .then((r) => r.json())
    .then((geo) => echarts.registerMap("vn", geo));
  return boundaries;
}

/**
 * An Apache ECharts chart (this module is loaded lazily: the dashboards' chunk only). `map`: the
 * option draws the map "vn" of the 34 provinces. The chart is decorative for assistive technology
 * (`aria-hidden`): every chart on a page has its table. `onPick` receives the name of the clicked
 * region or the category of the clicked point.
 */
export default function Chart(props: {
  option: echarts.EChartsCoreOption;
  map?: boolean;
  height: number;
  testid: string;
  onPick?: (name: string) => void;
}) {
  const el = useRef<HTMLDivElement>(null);
  const pick = useRef(props.onPick);
  pick.current = props.onPick;
  const { option, map } = props;
  useEffect(() => {
    let chart: echarts.ECharts | undefined;
    let live = true;
    const draw = () => {
      if (!live || !el.current) return;
      chart = echarts.init(el.current, undefined, { renderer: "canvas" });
      chart.setOption(option);
      chart.on("click", (e) => pick.current?.(String(e.name)));
    };
    if (map) void registerProvinces().then(draw);
    else draw();
    const resize = () => chart?.resize();
    window.addEventListener("resize", resize);
    return () => {
      live = false;
      window.removeEventListener("resize", resize);
      chart?.dispose();
    };
  }, [option, map]);
  return (
    <div
      ref={el}
      aria-hidden="true"
      data-testid={props.testid}
      style={{ width: "100%", height: props.height }}
    />
  );
}
