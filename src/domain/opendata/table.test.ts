import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Cube } from './cube.js';
import { dataDataset } from './jsonstat.js';
import { stringifyOrdered } from './ordered-json.js';
import { pivot, toCsv } from './table.js';

const cube: Cube = {
  dimensions: [
    { id: 'Region', label: 'region', codes: ['00', '0180'], labels: { '00': 'Riket', '0180': 'Stockholm' } },
    { id: 'Tid', label: 'år', codes: ['2023', '2024'], labels: { '2023': '2023', '2024': '2024' } },
  ],
  cell: ([r, t]) =>
    r === '0180' && t === '2024' ? { value: null, status: '..' } : { value: t === '2023' ? 12.5 : 50 },
};

describe('JSON-stat and pivoted tables', () => {
  it('lays values out row-major with statuses for withheld cells', () => {
    const ds = dataDataset(
      {
        label: 'x',
        source: 'Kunskapsnav',
        updated: null,
        href: 'h',
        role: { time: ['Tid'], geo: ['Region'], metric: [] },
      },
      cube,
    );
    const parsed = JSON.parse(stringifyOrdered(ds) ?? '') as Record<string, unknown>;
    assert.deepEqual(
      [parsed['size'], parsed['value'], parsed['status']],
      [[2, 2], [12.5, 50, 12.5, null], { '3': '..' }],
    );
  });

  it('writes CSV with the symbol for withheld cells and decimal commas with semicolons', () => {
    const t = pivot(cube, ['Region'], 'texts');
    assert.equal(
      toCsv(t, { separator: ',', decimalComma: false }),
      'region,2023,2024\r\nRiket,12.5,50\r\nStockholm,12.5,..\r\n',
    );
    assert.equal(toCsv(t, { separator: ';', decimalComma: true }).split('\r\n')[1], 'Riket;12,5;50');
  });
});
