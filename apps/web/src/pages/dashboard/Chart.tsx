import { BarChart, FunnelChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/lib/core';

// Only the charts the dashboard draws, so the bundle leaves the rest of ECharts out. This module is imported by
// the dashboard's pages only, so ECharts loads with the dashboard and never with the other pages.
echarts.use([BarChart, FunnelChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const VISUALLY_HIDDEN = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
} as const;

/** A chart with a text equivalent for screen readers: the figure's label and a hidden caption say it all. */
export function Chart({ option, label, height = 300 }: { option: object; label: string; height?: number }) {
  return (
    <figure style={{ margin: 0 }} aria-label={label}>
      <ReactEChartsCore echarts={echarts} option={option} style={{ height }} notMerge />
      <figcaption style={VISUALLY_HIDDEN}>{label}</figcaption>
    </figure>
  );
}

/** Fen as 万元 (10,000 yuan), to the yuan: the unit the money charts use. */
export const wan = (fen: number) => Math.round(fen / 100) / 10_000;

/** A funnel chart of the steps and their counts. */
export function FunnelFigure({ title, steps }: { title: string; steps: [string, number][] }) {
  return (
    <Chart
      label={`${title}: ${steps.map(([step, count]) => `${step} ${count}`).join('，')}`}
      option={{
        tooltip: { trigger: 'item' },
        series: [
          {
            type: 'funnel',
            sort: 'none',
            // Room on the right for the step names beside the funnel.
            left: '5%',
            width: '60%',
            label: { formatter: '{b}: {c}' },
            data: steps.map(([name, value]) => ({ name, value })),
          },
        ],
      }}
    />
  );
}

/** Horizontal bars of counts, e.g. cases by category or by street. */
export function CountBars({
  title,
  rows,
  color,
  labelWidth = 110,
}: {
  title: string;
  rows: [string, number][];
  color: string;
  labelWidth?: number;
}) {
  return (
    <Chart
      label={`${title}: ${rows.map(([key, count]) => `${key} ${count}`).join('，')}`}
      option={{
        tooltip: {},
        grid: { left: labelWidth, right: 20, top: 10, bottom: 30 },
        yAxis: { type: 'category', data: rows.map(([key]) => key) },
        xAxis: { type: 'value', minInterval: 1 },
        series: [{ type: 'bar', data: rows.map(([, count]) => count), itemStyle: { color } }],
      }}
    />
  );
}
