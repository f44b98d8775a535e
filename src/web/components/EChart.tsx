/**
 * A chart drawn by ECharts, loaded on first use (its own chunk, bundled — no CDN) with only the charts and
 * components the app draws. `onClick` receives the clicked item's name and data.
 */
import { useEffect, useRef } from 'react';

type TOption = Record<string, unknown>;
type TClick = { name: string; dataIndex: number };

async function loadEcharts() {
  return (await import('./echarts-setup.ts')).echarts;
}

/** The chart; redrawn when `option` changes. */
export function EChart(props: {
  option: TOption;
  height: number;
  onClick?: (item: TClick) => void;
  testId?: string;
}) {
  const { option, height, onClick } = props;
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let isGone = false;
    let dispose = () => {};
    void loadEcharts().then((echarts) => {
      if (isGone || !ref.current) return;
      const chart = echarts.init(ref.current);
      chart.setOption(option);
      if (onClick) chart.on('click', (p) => onClick({ name: String(p.name), dataIndex: p.dataIndex }));
      const resize = () => chart.resize();
      window.addEventListener('resize', resize);
      dispose = () => {
        window.removeEventListener('resize', resize);
        chart.dispose();
      };
    });
    return () => {
      isGone = true;
      dispose();
    };
  }, [option, onClick]);
  return <div ref={ref} style={{ height, width: '100%' }} data-testid={props.testId} />;
}
