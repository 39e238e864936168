import { useEffect, useRef } from 'react';
import { useI18n } from '../../i18n/I18n';
import type { LineSeries } from './charts';

/** The look of each series in the profile's trend charts: colour, dash and marker differ. */
export const SERIES_STYLE = {
  municipality: { colour: '#005a8c', dash: 'solid', symbol: 'circle', width: 3 },
  nation: { colour: '#1b1f24', dash: 'dashed', symbol: 'rect', width: 2 },
  skr: { colour: '#8a4f00', dash: 'dotted', symbol: 'triangle', width: 2 },
  similar: { colour: '#6a3d9a', dash: 'dashed', symbol: 'diamond', width: 2 },
} as const satisfies Record<string, Omit<LineSeries, 'name' | 'values'>>;

export type SeriesKey = keyof typeof SERIES_STYLE;

/** A small line chart (an image to assistive technology; the table beside it has the values). */
export function TrendChart({
  years,
  series,
  label,
}: {
  years: readonly number[];
  series: ReadonlyArray<{ key: SeriesKey; name: string; values: Array<number | null> }>;
  label: string;
}) {
  const { formatNumber } = useI18n();
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let live = true;
    let mounted: { dispose(): void } | null = null;
    import('./charts').then(
      (charts) => {
        if (!live || !el.current) return;
        mounted = charts.mountLine(
          el.current,
          years,
          series.map((s) => ({ ...SERIES_STYLE[s.key], name: s.name, values: s.values })),
          (v) => `${formatNumber(v, 1)} %`,
        );
      },
      () => undefined,
    );
    return () => {
      live = false;
      mounted?.dispose();
    };
  }, [years, series, formatNumber]);
  return <div ref={el} className="pub-trend" role="img" aria-label={label} />;
}

/** The legend of the trend charts, once per page, in HTML (text, not only colour). */
export function SeriesLegend({ names }: { names: ReadonlyArray<{ key: SeriesKey; name: string }> }) {
  return (
    <ul className="pub-series-legend">
      {names.map((n) => {
        const s = SERIES_STYLE[n.key];
        return (
          <li key={n.key}>
            <svg width="36" height="12" aria-hidden="true" focusable="false">
              <line
                x1="2"
                y1="6"
                x2="34"
                y2="6"
                stroke={s.colour}
                strokeWidth={s.width}
                strokeDasharray={s.dash === 'dashed' ? '6 3' : s.dash === 'dotted' ? '2 3' : undefined}
              />
              <circle cx="18" cy="6" r="3" fill={s.colour} />
            </svg>
            {n.name}
          </li>
        );
      })}
    </ul>
  );
}
