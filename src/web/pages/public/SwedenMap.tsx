import { useEffect, useRef, useState } from 'react';
import { apiGet } from '../../api';
import { useI18n } from '../../i18n/I18n';
import type { MapArea } from './charts';
import { BAND_COLOUR } from './format';

let geometry: Promise<unknown> | null = null;
/** SCB's municipality boundaries, served by /api/public/geo (read from the reference data). */
function loadGeometry(): Promise<unknown> {
  geometry ??= apiGet<unknown>('/api/public/geo/municipalities').catch((err: unknown) => {
    geometry = null;
    throw err;
  });
  return geometry;
}

/**
 * The choropleth map of Sweden by municipality. A picture for those who can see it; the table
 * beside it holds the same information for everyone (the map is an image to assistive
 * technology, and its clicks are links in the table).
 */
export function SwedenMap({
  areas,
  label,
  onSelect,
  only,
}: {
  areas: readonly MapArea[];
  /** Draw only these municipalities (a region); all of Sweden without. */
  only?: readonly string[];
  label: string;
  onSelect: (code: string) => void;
}) {
  const { t } = useI18n();
  const el = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const select = useRef(onSelect);
  select.current = onSelect;

  useEffect(() => {
    let live = true;
    let mounted: { dispose(): void } | null = null;
    Promise.all([import('./charts'), loadGeometry()]).then(
      ([charts, geo]) => {
        if (!live || !el.current) return;
        const name = charts.registerMunicipalities(geo, only);
        mounted = charts.mountMap(el.current, name, areas, BAND_COLOUR.missing, (code) =>
          select.current(code),
        );
        setState('ready');
      },
      () => live && setState('failed'),
    );
    return () => {
      live = false;
      mounted?.dispose();
    };
  }, [areas, only]);

  return (
    <figure className="pub-map">
      <div
        ref={el}
        className="pub-map-canvas"
        role="img"
        aria-label={label}
        data-state={state}
        data-areas={areas.length}
      />
      {state === 'loading' && <p className="muted">{t('pub.map.loading')}</p>}
      {state === 'failed' && <p className="form-error">{t('pub.map.failed')}</p>}
      <figcaption>
        <span className="pub-map-hint">{t('pub.map.hint')}</span> <span>{t('pub.map.source')}</span>
      </figcaption>
    </figure>
  );
}
