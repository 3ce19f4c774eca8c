'use client';

import 'uplot/dist/uPlot.min.css';
import { useEffect, useRef } from 'react';
import type uPlot from 'uplot';
import { axisIncrs, axisRange, formatTicks, type AxisKind } from '../axis.js';

export interface ChartSeries {
  label: string;
  color: string;
  dash?: number[];
  fill?: string;
}

/** Columns as uPlot wants them: x in seconds, then one array per series (null = gap). */
export type ChartData = [number[], ...(number | null)[][]];

/**
 * One uPlot chart that follows its container's width, updates in place when `data` changes, and
 * is destroyed (with its ResizeObserver) on unmount. uPlot is imported lazily (browser only).
 */
export function UplotChart(props: {
  testId: string;
  title: string;
  series: ChartSeries[];
  data: ChartData;
  format: (value: number) => string;
  /** Unit of the y axis (minimum range, tick steps, tick labels). */
  axis: AxisKind;
  yRange?: { min?: number; max?: number };
  height?: number;
}) {
  const { testId, title, series, format, axis, yRange, height = 160 } = props;
  const hostRef = useRef<HTMLDivElement | null>(null);
  const plotRef = useRef<uPlot | null>(null);
  const dataRef = useRef(props.data);
  const formatRef = useRef(format);
  dataRef.current = props.data;
  formatRef.current = format;
  const seriesKey = series.map((s) => s.label).join('|');

  useEffect(() => {
    const el = hostRef.current;
    if (!el) return;
    let cancelled = false;
    let observer: ResizeObserver | null = null;
    void import('uplot').then(({ default: UPlot }) => {
      if (cancelled) return;
      const fmt = (v: number | null) => (v === null ? '–' : formatRef.current(v));
      const opts: uPlot.Options = {
        width: Math.max(el.clientWidth, 200),
        height,
        legend: { show: true, live: true },
        cursor: { drag: { x: false, y: false } },
        scales: {
          x: { time: true },
          y: {
            range: (_u, min, max) =>
              axisRange(axis, min, max, { min: yRange?.min, max: yRange?.max }),
          },
        },
        axes: [
          { stroke: '#64748b', grid: { stroke: 'rgba(100,116,139,0.15)' } },
          {
            stroke: '#64748b',
            size: 70,
            grid: { stroke: 'rgba(100,116,139,0.15)' },
            incrs: axisIncrs(axis),
            values: (_u, splits) => formatTicks(axis, splits),
          },
        ],
        series: [
          {},
          ...series.map((s) => ({
            label: s.label,
            stroke: s.color,
            width: 1.5,
            dash: s.dash,
            fill: s.fill,
            value: (_u: uPlot, v: number | null) => fmt(v),
          })),
        ],
      };
      const plot = new UPlot(opts, dataRef.current as uPlot.AlignedData, el);
      plotRef.current = plot;
      observer = new ResizeObserver(() => {
        plot.setSize({ width: Math.max(el.clientWidth, 200), height });
      });
      observer.observe(el);
    });
    return () => {
      cancelled = true;
      observer?.disconnect();
      plotRef.current?.destroy();
      plotRef.current = null;
    };
    // Rebuilt only when the set of series or the height changes; data updates go through setData.
  }, [seriesKey, height, axis, yRange?.min, yRange?.max]);

  useEffect(() => {
    plotRef.current?.setData(props.data as uPlot.AlignedData);
  }, [props.data]);

  return (
    <figure className="min-w-0">
      <figcaption className="mb-1 text-sm font-medium">{title}</figcaption>
      <div ref={hostRef} data-testid={testId} className="w-full" />
    </figure>
  );
}
