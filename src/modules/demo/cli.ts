import type { CliCommand } from '../../cli/commands.js';
import { swedishDate } from '../../domain/identity/session.js';
import { isIsoDate } from '../../domain/org/validity.js';
import { loadPseudonymKey } from '../../config/secrets.js';
import { DemoExistsError, writeDemoNation } from './service.js';

/**
 * `kunskapsnav demo --persons N --seed S [--as-of YYYY-MM-DD] [--years Y] [--replace]`: writes a
 * synthetic nation (deterministic: the same N, seed, as-of date and years give the same data),
 * rebuilds the indicators and publishes them.
 */
const MAX_PERSONS = 2_000_000;

function usageError(out: NodeJS.WritableStream, message: string): number {
  out.write(`kunskapsnav demo: ${message}\n`);
  return 2;
}

export const demoCommand: CliCommand = {
  name: 'demo',
  summary: 'Write a deterministic synthetic nation, rebuild the indicators and publish them.',
  options: {
    persons: {
      type: 'string',
      default: '3000',
      value: 'N',
      description: `How many persons (1–${MAX_PERSONS}).`,
    },
    seed: {
      type: 'string',
      default: '1',
      value: 'S',
      description: 'The seed: the same seed gives the same data.',
    },
    'as-of': {
      type: 'string',
      value: 'DATE',
      description: 'The last day of data, YYYY-MM-DD (default: today).',
    },
    years: {
      type: 'string',
      default: '4',
      value: 'Y',
      description: 'Years of history before the as-of year (0–10).',
    },
    replace: {
      type: 'boolean',
      default: false,
      description: 'Delete an earlier synthetic nation and all its data first.',
    },
  },
  async run({ db, config, log, values, out }) {
    const persons = Number(values['persons']);
    if (!Number.isSafeInteger(persons) || persons < 1 || persons > MAX_PERSONS)
      return usageError(out, `--persons must be a whole number from 1 to ${MAX_PERSONS}`);
    const seed = String(values['seed']);
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(seed))
      return usageError(out, '--seed must be 1–64 letters, digits, ".", "_" or "-"');
    const today = swedishDate(new Date());
    const asOf = typeof values['as-of'] === 'string' ? values['as-of'] : today;
    if (!isIsoDate(asOf) || asOf < '2020-01-01' || asOf > today)
      return usageError(out, '--as-of must be a date YYYY-MM-DD from 2020-01-01 up to today');
    const years = Number(values['years']);
    if (!Number.isSafeInteger(years) || years < 0 || years > 10)
      return usageError(out, '--years must be a whole number from 0 to 10');
    try {
      const r = await writeDemoNation(
        db,
        {
          persons,
          seed,
          asOf,
          years,
          replace: values['replace'] === true,
          key: loadPseudonymKey(config),
          threshold: config.disclosureThreshold,
          surveys: true,
        },
        log,
      );
      const s = r.seconds;
      out.write(
        `Wrote ${r.persons} synthetic persons (seed ${seed}, data up to ${asOf}): ${r.services} service periods, ` +
          `${r.entries} register entries, ${r.facts} facts in ${s.write.toFixed(1)} s` +
          (r.replaced ? ` (replacing ${r.replaced})` : '') +
          `; rebuilt ${r.counts} unit counts in ${s.rebuild.toFixed(1)} s; ` +
          `published ${r.tables} tables in ${s.publish.toFixed(1)} s.\n`,
      );
      return 0;
    } catch (err) {
      if (err instanceof DemoExistsError) return usageError(out, err.message);
      throw err;
    }
  },
};
