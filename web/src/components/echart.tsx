import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import type { ECElementEvent, EChartsCoreOption } from 'echarts/core';
import { BarChart, LineChart, MapChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, MapChart, DataZoomComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

export { echarts };

interface Props {
  option: EChartsCoreOption;
  height: number | string;
  /** Read by screen readers; the chart itself is a canvas. */
  ariaLabel: string;
  onClick?: (e: ECElementEvent) => void;
  /** Called after each render finished, e.g. to mark the chart ready for tests. */
  onFinished?: () => void;
  className?: string;
  testId?: string;
  /**
   * When this changes the chart starts afresh; otherwise new options are merged in, so the
   * reader's zoom and pan survive a change of colours or selection.
   */
  resetKey?: string | number;
}

/** A canvas ECharts instance tied to a div: created on mount, resized with it, disposed on unmount. */
export function EChart({ option, height, ariaLabel, onClick, onFinished, className, testId, resetKey }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const handlers = useRef({ onClick, onFinished });
  handlers.current = { onClick, onFinished };

  useEffect(() => {
    const c = echarts.init(el.current!, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (e) => handlers.current.onClick?.(e as ECElementEvent));
    c.on('finished', () => handlers.current.onFinished?.());
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current!);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  const lastReset = useRef<string | number | undefined>(undefined);
  useEffect(() => {
    const fresh = lastReset.current !== resetKey;
    lastReset.current = resetKey;
    chart.current?.setOption(option, { notMerge: fresh });
  }, [option, resetKey]);

  // The label sits on a wrapper: ECharts owns the inner element's attributes.
  return (
    <div role="img" aria-label={ariaLabel} className={className} data-testid={testId}>
      <div ref={el} style={{ height, width: '100%' }} />
    </div>
  );
}
