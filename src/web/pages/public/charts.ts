import * as echarts from 'echarts/core';
import { LineChart, MapChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

/**
 * ECharts, tree-shaken to what the public pages draw (a choropleth map and small line charts)
 * and loaded only when a chart is on screen, so the pages' text and tables render first. SVG
 * output: sharp in print, and no script or style outside our own files (CSP script-src 'self').
 */
echarts.use([MapChart, LineChart, GridComponent, TooltipComponent, SVGRenderer]);

/**
 * The chart drawn in an element, for inspection from outside the app (the browser tests read
 * the map's option and convert a municipality's centre to pixels through it).
 */
export const chartOf = (el: HTMLElement) => echarts.getInstanceByDom(el) ?? null;

type GeoJson = Parameters<typeof echarts.registerMap>[1];
const registered = new Set<string>();

interface FeatureCollection {
  type: 'FeatureCollection';
  features: Array<{ properties?: { kommun_kod?: string } }>;
}

function isFeatureCollection(g: unknown): g is FeatureCollection {
  return typeof g === 'object' && g !== null && 'features' in g && Array.isArray(g.features);
}

/**
 * Registers the municipalities (all, or only `codes`, e.g. one region's) as an ECharts map and
 * returns its name. The features carry SCB's `kommun_kod`, which the map uses as region name.
 */
export function registerMunicipalities(geoJson: unknown, codes?: readonly string[]): string {
  const name = codes ? `kommuner-${[...codes].sort().join('-')}` : 'kommuner';
  if (registered.has(name)) return name;
  if (!isFeatureCollection(geoJson)) throw new Error('not a GeoJSON FeatureCollection');
  const wanted = codes ? new Set(codes) : null;
  const features = wanted
    ? geoJson.features.filter((f) => wanted.has(f.properties?.kommun_kod ?? ''))
    : geoJson.features;
  echarts.registerMap(name, { ...geoJson, features } as unknown as GeoJson);
  registered.add(name);
  return name;
}

export interface MapArea {
  code: string;
  name: string;
  colour: string;
  /** One line of text for the tooltip: the value and the band, in words. */
  text: string;
}

export interface Mounted {
  dispose(): void;
}

function mount(el: HTMLElement, option: echarts.EChartsCoreOption): echarts.EChartsType {
  const chart = echarts.init(el, null, { renderer: 'svg' });
  chart.setOption(option);
  const observer = new ResizeObserver(() => chart.resize());
  observer.observe(el);
  const dispose = chart.dispose.bind(chart);
  chart.dispose = () => {
    observer.disconnect();
    dispose();
  };
  return chart;
}

function escapeHtml(s: string): string {
  return s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] ?? c);
}

/** A choropleth of the given municipalities (all 290, or a region's); click calls `onSelect`. */
export function mountMap(
  el: HTMLElement,
  mapName: string,
  areas: readonly MapArea[],
  missingColour: string,
  onSelect: (code: string) => void,
): Mounted {
  const byCode = new Map(areas.map((a) => [a.code, a]));
  const chart = mount(el, {
    animation: false,
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const code = (p as { name?: string }).name ?? '';
        const a = byCode.get(code);
        return a ? `<strong>${escapeHtml(a.name)}</strong><br>${escapeHtml(a.text)}` : escapeHtml(code);
      },
    },
    series: [
      {
        type: 'map',
        map: mapName,
        nameProperty: 'kommun_kod',
        // Longitude degrees are about half as long as latitude degrees at Sweden's latitudes.
        aspectScale: 0.5,
        // Keep that shape inside the box, at its top (ECharts 6 otherwise stretches the map to fill it).
        preserveAspect: 'contain',
        preserveAspectVerticalAlign: 'top',
        top: 8,
        bottom: 8,
        left: 8,
        right: 8,
        roam: false,
        selectedMode: false,
        label: { show: false },
        itemStyle: { areaColor: missingColour, borderColor: '#ffffff', borderWidth: 0.4 },
        emphasis: { label: { show: false }, itemStyle: { borderColor: '#1b1f24', borderWidth: 1.5 } },
        data: areas.map((a) => ({
          name: a.code,
          value: 1,
          itemStyle: { areaColor: a.colour },
          emphasis: { itemStyle: { areaColor: a.colour } },
        })),
      },
    ],
  });
  chart.on('click', (p) => {
    if (typeof p.name === 'string' && byCode.has(p.name)) onSelect(p.name);
  });
  return { dispose: () => chart.dispose() };
}

export interface LineSeries {
  name: string;
  values: Array<number | null>;
  colour: string;
  dash: 'solid' | 'dashed' | 'dotted';
  symbol: 'circle' | 'rect' | 'triangle' | 'diamond';
  width: number;
}

/** A small line chart of values by year (per cent), for the profile's small multiples. */
export function mountLine(
  el: HTMLElement,
  years: readonly number[],
  series: readonly LineSeries[],
  formatValue: (v: number) => string,
): Mounted {
  const chart = mount(el, {
    animation: false,
    grid: { left: 44, right: 12, top: 12, bottom: 28 },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: unknown) => (typeof v === 'number' ? formatValue(v) : '–'),
    },
    xAxis: {
      type: 'category',
      data: years.map(String),
      axisLabel: { color: '#4f5963' },
      axisLine: { lineStyle: { color: '#6e7781' } },
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: 100,
      interval: 25,
      axisLabel: { color: '#4f5963', formatter: (v: number) => `${v} %` },
    },
    series: series.map((s) => ({
      type: 'line',
      name: s.name,
      data: s.values,
      connectNulls: false,
      symbol: s.symbol,
      symbolSize: 6,
      itemStyle: { color: s.colour },
      lineStyle: { color: s.colour, type: s.dash, width: s.width },
    })),
  });
  return { dispose: () => chart.dispose() };
}
