import type { Queryable } from '../../db/db.js';
import { cofinancing } from '../../domain/agreements/cofinancing.js';
import { openPhases, phasesOf, remindersOn } from '../../domain/agreements/cycle.js';
import { standing } from '../../domain/agreements/followup.js';
import type { CofinancingAnswer, FollowUpAnswer, YearAnswer } from '../../contracts/agreements.js';
import { latestRelease } from '../indicators/release-queries.js';
import { listMunicipalities } from '../org/queries.js';
import { POPULATION_SOURCE, populationByMunicipality } from './population.js';
import * as q from './queries.js';

/** Read models of the agreements pages. Everything here is public: agreements, released values, SCB. */
const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

export async function cofinancingView(
  db: Queryable,
  referenceDataDir: string,
  year: number,
  day: string,
): Promise<CofinancingAnswer | null> {
  const c = await q.cofinancingOf(db, year);
  if (!c) return null;
  const population = populationByMunicipality(referenceDataDir);
  const names = new Map(
    (await listMunicipalities(db, { asOf: day, codes: c.members })).map((m) => [m.code, m.name]),
  );
  const r = cofinancing(
    c.members.map((code) => ({ code, inhabitants: population.get(code)?.total ?? 0 })),
    c.orePerInhabitant,
  );
  return {
    year,
    orePerInhabitant: c.orePerInhabitant,
    lines: r.lines.map((l) => ({ ...l, name: names.get(l.code) ?? l.code })),
    total: r.total,
    source: POPULATION_SOURCE,
  };
}

export async function yearView(
  db: Queryable,
  referenceDataDir: string,
  year: number,
  day: string,
): Promise<YearAnswer> {
  const [versions, proposals, decisions] = await Promise.all([
    q.agreementVersions(db, year),
    q.proposals(db, year),
    q.decisionsOfYear(db, year),
  ]);
  const open = openPhases(year, day);
  return {
    year,
    today: day,
    phases: phasesOf(year).map((w) => ({ ...w, open: open.includes(w.phase) })),
    reminders: remindersOn(year, day, {
      undecidedProposals: proposals.filter((p) => p.status === 'submitted').length,
      hasDraft: versions.some((v) => v.status === 'draft'),
      signed: versions.some((v) => v.status === 'signed'),
      decisions: decisions.length,
    }),
    versions,
    proposals,
    decisions,
    cofinancing: await cofinancingView(db, referenceDataDir, year, day),
  };
}

/**
 * The follow-up of the year's latest signed version (else its latest draft): each goal's
 * indicators over the released periods against the level that counts as met, for the nation or
 * one region, and where each municipality stands in the latest period. Released values only.
 */
export async function followUp(
  db: Queryable,
  year: number,
  regionCode: string | null,
  day: string,
): Promise<FollowUpAnswer> {
  const versions = await q.agreementVersions(db, year);
  const agreement = versions.filter((v) => v.status === 'signed').at(-1) ?? versions.at(-1);
  const release = await latestRelease(db);
  const answer: FollowUpAnswer = {
    year,
    version: agreement?.version ?? null,
    releaseVersion: release?.version ?? null,
    regionCode,
    goals: [],
  };
  if (!agreement || !release) return answer;
  const municipalities = await listMunicipalities(db, { asOf: day, ...(regionCode ? { regionCode } : {}) });
  const inScope = new Map(municipalities.map((m) => [m.code, m.name]));
  for (const goal of agreement.goals) {
    const measures: FollowUpAnswer['goals'][number]['measures'] = [];
    for (const m of goal.measures) {
      const top = await q.releasedSeries(db, release.id, m.indicatorId, regionCode ? 'region' : 'nation');
      const series = top
        .filter((r) => (regionCode ? r.code === regionCode : true))
        .map((r) => ({ period: r.period, ratePercent: percent(r.rate) }));
      const latest = series.at(-1)?.period;
      const local = (await q.releasedSeries(db, release.id, m.indicatorId, 'municipality')).filter(
        (r) => r.period === latest && inScope.has(r.code),
      );
      measures.push({
        indicatorId: m.indicatorId,
        metAtPercent: m.metAtPercent,
        series,
        municipalities: local.map((r) => ({
          code: r.code,
          name: inScope.get(r.code) ?? r.code,
          ratePercent: percent(r.rate),
          standing: standing(percent(r.rate), m.metAtPercent),
        })),
      });
    }
    answer.goals.push({ id: goal.id, title: goal.title, measures });
  }
  return answer;
}
