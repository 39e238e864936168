import { cubeValues, type Cube, type CubeDimension } from './cube.js';
import { OrderedRecord } from './ordered-json.js';

/**
 * JSON-stat 2.0 datasets in the shape PxWeb API v2 returns (see ../shared/data/pxweb). Every
 * code-keyed object (category index, label and unit, value notes, status) is an OrderedRecord in
 * table order: write the dataset with stringifyOrdered, never JSON.stringify.
 */
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
      index: OrderedRecord.of(d.codes, (_, i) => i),
      label: OrderedRecord.of(d.codes, (c) => d.labels[c] ?? c),
      ...(d.unit
        ? { unit: new OrderedRecord(d.codes.flatMap((c) => (d.unit?.[c] ? [[c, d.unit[c]] as const] : []))) }
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
    dimension: new OrderedRecord(dims.map((d) => [d.id, dimension(d)] as const)),
    ...(meta.extension ? { extension: meta.extension } : {}),
  };
}

/** Metadata: every dimension with all its categories and no values (as PxWeb's /metadata). */
export function metadataDataset(meta: JsonStatMeta, dims: readonly CubeDimension[]): Record<string, unknown> {
  return { ...datasetHead(meta, dims), value: [] };
}

export function dataDataset(meta: JsonStatMeta, cube: Cube): Record<string, unknown> {
  const { value, status } = cubeValues(cube);
  const statuses = Object.entries(status);
  return {
    ...datasetHead(meta, cube.dimensions),
    value,
    ...(statuses.length ? { status: new OrderedRecord(statuses) } : {}),
  };
}
