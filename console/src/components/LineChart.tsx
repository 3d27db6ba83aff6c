import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { t } from '../i18n';

export interface ChartSeries {
  label: string;
  /** null: no value (e.g. a day still to come). */
  values: Array<number | null>;
  color: string;
  /** Dashed (a plan line). */
  dashed?: boolean;
}

export interface LineChartProps {
  id: string;
  title: string;
  /** X labels, one per point (campaign days, YYYY-MM-DD). */
  labels: string[];
  series: ChartSeries[];
  /** Formats a Y value (e.g. fen → "¥1.00"). */
  format?: (value: number) => string;
  /** Formats a Y axis label (shorter than `format`, e.g. "¥4,000"); default: `format`. */
  axisFormat?: (value: number) => string;
  /** The top of the Y axis while every value is 0 (e.g. 100 fen = ¥1). */
  emptyTop?: number;
  height?: number;
}

/** Every value drawn is a whole count or whole fen: ticks at 1, 2, 5, 10, 20, 50, ... only. */
const WHOLE_INCREMENTS = Array.from({ length: 13 }, (_, e) => [1, 2, 5].map((m) => m * 10 ** e)).flat();

/**
 * A small uPlot line chart over campaign days. The numbers it draws are also on the element
 * (`data-series`) so that what the chart shows can be checked without reading pixels.
 */
export function LineChart({
  id,
  title,
  labels,
  series,
  format = (v) => String(v),
  axisFormat,
  emptyTop = 1,
  height = 220,
}: LineChartProps) {
  const holder = useRef<HTMLDivElement>(null);
  const formatRef = useRef(format);
  formatRef.current = format;
  const axisFormatRef = useRef(axisFormat ?? format);
  axisFormatRef.current = axisFormat ?? format;
  const dataKey = JSON.stringify({ labels, series });

  useEffect(() => {
    const element = holder.current;
    if (!element) return;
    const width = Math.max(280, element.clientWidth);
    const xs = labels.map((_, i) => i);
    const options: uPlot.Options = {
      width,
      height,
      legend: { show: true },
      cursor: { drag: { x: false, y: false } },
      scales: {
        x: { time: false, range: (_u, min, max) => [min - 0.5, max + 0.5] },
        y: { range: (_u, _min, max) => [0, max > 0 ? Math.max(max * 1.15, emptyTop) : emptyTop] },
      },
      axes: [
        {
          incrs: [1, 2, 3, 5, 7, 14, 30, 60],
          values: (_u, splits) => splits.map((v) => (Number.isInteger(v) && labels[v] ? labels[v].slice(5) : '')),
          grid: { show: false },
        },
        {
          incrs: WHOLE_INCREMENTS,
          values: (_u, splits) => splits.map((v) => axisFormatRef.current(v)),
          // Wide enough for the longest label.
          size: (_u, values) => (values && values.length > 0 ? Math.max(...values.map((v) => String(v).length)) * 7 + 20 : 40),
          grid: { stroke: '#eef0f3' },
        },
      ],
      series: [
        { label: t('Day'), value: (_u, v) => (v === null || v === undefined ? '—' : (labels[v] ?? '')) },
        ...series.map((s) => ({
          label: s.label,
          stroke: s.color,
          width: 2,
          dash: s.dashed ? [6, 4] : undefined,
          points: { show: true, size: 6, fill: s.color },
          value: (_u: uPlot, v: number | null) => (v === null || v === undefined ? '—' : formatRef.current(v)),
        })),
      ],
    };
    const chart = new uPlot(options, [xs, ...series.map((s) => s.values)], element);
    const observer = new ResizeObserver(() => chart.setSize({ width: Math.max(280, element.clientWidth), height }));
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.destroy();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- dataKey covers labels and series, new arrays on every render
  }, [dataKey, height, emptyTop]);

  return (
    <figure className='chart' id={id}>
      <figcaption>{title}</figcaption>
      {labels.length === 0 ? (
        <div className='chart__empty'>{t('No days to show yet.')}</div>
      ) : (
        <div
          className='chart__plot'
          ref={holder}
          data-series={JSON.stringify(Object.fromEntries(series.map((s) => [s.label, s.values])))}
        />
      )}
    </figure>
  );
}
