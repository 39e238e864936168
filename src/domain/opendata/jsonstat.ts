import { cubeValues, type Cube, type CubeDimension } from './cube.js';

/** JSON-stat 2.0 datasets in the shape PxWeb API v2 returns (see ../shared/data/pxweb). */
export interface JsonStatMeta {
  label: string;
  source: string;
  updated: string | null;
  href: string;
  role: { time: string[]; geo: string[]; metric: string[] };
  note?: string[];
  extension?: Record<string, unknown>;
  link?: Record<string, unknown>;
}

function dimension(d: CubeDimension): Record<string, unknown> {
  return {
    label: d.label,
    category: {
      index: Object.fromEntries(d.codes.map((c, i) => [c, i])),
      label: Object.fromEntries(d.codes.map((c) => [c, d.labels[c] ?? c])),
      ...(d.unit
        ? { unit: Object.fromEntries(d.codes.flatMap((c) => (d.unit?.[c] ? [[c, d.unit[c]]] : []))) }
        : {}),
    },
    ...(d.extension ? { extension: d.extension } : {}),
  };
}

function datasetHead(meta: JsonStatMeta, dims: readonly CubeDimension[]): Record<string, unknown> {
  return {
    version: '2.0',
    class: 'dataset',
    href: meta.href,
    label: meta.label,
    source: meta.source,
    ...(meta.updated ? { updated: meta.updated } : {}),
    ...(meta.link ? { link: meta.link } : {}),
    ...(meta.note?.length ? { note: meta.note } : {}),
    role: meta.role,
    id: dims.map((d) => d.id),
    size: dims.map((d) => d.codes.length),
    dimension: Object.fromEntries(dims.map((d) => [d.id, dimension(d)])),
    ...(meta.extension ? { extension: meta.extension } : {}),
  };
}

/** Metadata: every dimension with all its categories and no values (as PxWeb's /metadata). */
export function metadataDataset(meta: JsonStatMeta, dims: readonly CubeDimension[]): Record<string, unknown> {
  return { ...datasetHead(meta, dims), value: [] };
}

export function dataDataset(meta: JsonStatMeta, cube: Cube): Record<string, unknown> {
  const { value, status } = cubeValues(cube);
  return {
    ...datasetHead(meta, cube.dimensions),
    value,
    ...(Object.keys(status).length ? { status } : {}),
  };
}
