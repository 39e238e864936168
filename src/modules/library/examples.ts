import type { Queryable } from '../../db/db.js';
import { rateSymbol } from '../../domain/opendata/codes.js';
import { latestRelease } from '../indicators/release-queries.js';
import { publishedTable, type ReleaseInfo } from '../opendata/queries.js';
import type { ExampleFigure, ExampleFigures } from '../../contracts/library.js';
import type { ExampleSpec } from './types.js';

/**
 * A good example's before/after figures, read from the latest public release (the values the
 * open comparisons show) through the open data module's read function (`publishedTable`), never
 * typed in: the total
 * (sex T) of the example's municipality in each period, after disclosure control. A suppressed
 * value comes back as ".." without numbers, a value that cannot be stated as "." — as Kolada
 * writes them.
 */
async function figure(
  q: Queryable,
  release: ReleaseInfo | null,
  spec: ExampleSpec,
  period: string,
): Promise<ExampleFigure> {
  const table = release ? await publishedTable(q, release, spec.indicatorId, period) : null;
  const cell = table?.cells.find(
    (c) => c.level === 'municipality' && c.code === spec.municipalityCode && c.sex === 'T',
  );
  if (!table || !cell) {
    return { period, status: '.', value: null, numerator: null, denominator: null, publishedAt: null };
  }
  const { value, status } = rateSymbol(cell);
  const shown = status === '';
  return {
    period,
    status: status === '' ? '' : status === '..' ? '..' : '.',
    value: shown ? value : null,
    numerator: shown ? cell.numerator : null,
    denominator: shown ? cell.denominator : null,
    publishedAt: table.publishedAt.toISOString(),
  };
}

export async function exampleFigures(q: Queryable, spec: ExampleSpec): Promise<ExampleFigures> {
  const release = await latestRelease(q);
  return {
    municipalityCode: spec.municipalityCode,
    indicatorId: spec.indicatorId,
    before: await figure(q, release, spec, spec.before),
    after: await figure(q, release, spec, spec.after),
  };
}
