import type { Condition, FactFilter, Population } from '../../domain/indicators/filter.js';
import type { IndicatorDefinition } from '../../domain/indicators/definition.js';
import type { PeriodType } from '../../domain/indicators/period.js';

/**
 * Set-based counting of one indicator, generated from its definition: the rebuild path. It
 * must mean exactly what domain/indicators (filter.ts, membership.ts) mean; the tests that
 * compare incremental counts with a rebuild prove it. A dialect says how to read an attribute
 * and name a period, so the same query runs on PostgreSQL (jsonb attributes) and on a flat
 * columnar copy (DuckDB in the benchmark).
 */
export interface SqlDialect {
  table: string;
  /** Predicate on one condition. */
  condition(c: Condition): string;
  period(type: PeriodType): string;
}

const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;
const jsonLiteral = (v: unknown) => `${quote(JSON.stringify(v))}::jsonb`;
const attrName = (name: string) => {
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name))
    throw new Error(`attribute name ${name} is not a plain identifier`);
  return name;
};

/** PostgreSQL over the counted facts' attributes (jsonb), with JSON type rules as in filter.ts. */
export const postgresDialect: SqlDialect = {
  table: 'indicator_fact_counted',
  condition(c) {
    const a = `attributes->${quote(attrName(c.attr))}`;
    if ('present' in c)
      return `((${a} IS NOT NULL AND jsonb_typeof(${a}) <> 'null') = ${c.present ? 'true' : 'false'})`;
    if ('eq' in c) return `(${a} = ${jsonLiteral(c.eq)})`;
    if ('in' in c) return `(${a} = ANY(ARRAY[${c.in.map(jsonLiteral).join(', ')}]))`;
    const op = 'gte' in c ? '>=' : '<=';
    const bound = 'gte' in c ? c.gte : c.lte;
    return `(jsonb_typeof(${a}) = 'number' AND (${a})::numeric ${op} ${bound})`;
  },
  period(type) {
    if (type === 'year') return `to_char(fact_date, 'YYYY')`;
    if (type === 'month') return `to_char(fact_date, 'YYYY-MM')`;
    return `to_char(fact_date, 'YYYY') || '-Q' || extract(quarter FROM fact_date)::int`;
  },
};

function literal(v: string | number | boolean): string {
  return typeof v === 'string' ? quote(v) : String(v);
}

/** A flat table with one typed column per attribute (as the benchmark exports to Parquet). */
export function flatDialect(table: string): SqlDialect {
  return {
    table,
    condition(c) {
      const col = `"${attrName(c.attr)}"`;
      if ('present' in c) return `((${col} IS NOT NULL) = ${c.present ? 'true' : 'false'})`;
      if ('eq' in c) return `(${col} = ${literal(c.eq)})`;
      if ('in' in c) return `(${col} IN (${c.in.map(literal).join(', ')}))`;
      return 'gte' in c ? `(${col} >= ${c.gte})` : `(${col} <= ${c.lte})`;
    },
    period(type) {
      if (type === 'year') return `strftime(fact_date, '%Y')`;
      if (type === 'month') return `strftime(fact_date, '%Y-%m')`;
      return `strftime(fact_date, '%Y') || '-Q' || CAST(quarter(fact_date) AS VARCHAR)`;
    },
  };
}

function filterSql(d: SqlDialect, f: FactFilter): string {
  return [
    `register = ${quote(f.register)}`,
    `kind = ${quote(f.kind)}`,
    ...f.where.map((c) => d.condition(c)),
  ].join(' AND ');
}

function populationSql(p: Population): string {
  const parts = ['true'];
  if (p.minAge !== undefined) parts.push(`age >= ${p.minAge}`);
  if (p.maxAge !== undefined) parts.push(`age <= ${p.maxAge}`);
  return parts.join(' AND ');
}

/**
 * SELECT indicator_id, version, period, unit_id, sex, numerator, denominator for one definition
 * and period type: per (unit, person, period) whether in the denominator and numerator, the
 * sex of the latest denominator fact, then counts per unit × sex.
 */
export function countSelectSql(d: SqlDialect, def: IndicatorDefinition, type: PeriodType): string {
  return `
SELECT ${quote(def.id)} AS indicator_id, ${def.version} AS version, period, unit_id, sex,
       count(*) FILTER (WHERE in_num) AS numerator, count(*) AS denominator
  FROM (${memberSelectSql(d, def, type)}) members
 GROUP BY period, unit_id, sex`;
}

export function allCountsSelectSql(d: SqlDialect, defs: readonly IndicatorDefinition[]): string {
  // Survey indicators count settled rounds (survey-counts.ts), never facts.
  return defs
    .filter((def) => !def.survey)
    .flatMap((def) => def.periodTypes.map((t) => countSelectSql(d, def, t)))
    .join('\nUNION ALL\n');
}

/**
 * The persons behind countSelectSql's counts, one row per (period, unit, person) in the
 * denominator with its sex and whether it is in the numerator. Only releases read it, to give
 * every counted record its cell key (src/modules/indicators/release.ts); countSelectSql counts them.
 */
export function memberSelectSql(d: SqlDialect, def: IndicatorDefinition, type: PeriodType): string {
  const den = filterSql(d, def.denominator);
  const num = filterSql(d, def.numerator);
  return `
SELECT period, unit_id, sex, person, in_num
  FROM (
    SELECT unit_id, person, period,
           (array_agg(sex ORDER BY fact_date DESC, sex) FILTER (WHERE den))[1] AS sex,
           bool_or(den) AS in_den, bool_or(num) AS in_num
      FROM (
        SELECT unit_id, person, fact_date, sex, ${d.period(type)} AS period, (${den}) AS den, (${num}) AS num
          FROM ${d.table}
         WHERE (${populationSql(def.population)}) AND ((${den}) OR (${num}))
      ) facts
     GROUP BY unit_id, person, period
  ) persons
 WHERE in_den`;
}
