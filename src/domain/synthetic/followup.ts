import type { Random } from '../random.js';
import { isoOf, OPEN } from './dates.js';
import { normal, weighted, weightedIndex } from './draw.js';
import type { EntryLog } from './entry-log.js';
import {
  alcoholAuditAnswers,
  baselineGoals,
  clientView,
  duditAnswers,
  judgedGoals,
  KSI_INTERVENTIONS,
  NATURAL_EFFECT,
} from './followup-answers.js';
import type { UnitSpan } from './plan.js';

/**
 * A client in individual and family care followed systematically: AUDIT and/or DUDIT at
 * baseline with their own goals, a KSI-coded intervention, and the same measures at 6 and 12
 * months (some drop out), with the goals judged by the client.
 */
export interface FollowupPeriod {
  unit: UnitSpan;
  from: number;
  to: number;
}

/** How long a client is served: most for over a year, some shorter, some still open. */
export function followupPeriod(rng: Random, unit: UnitSpan, from: number, asOfDay: number): FollowupPeriod {
  const days = rng.chance(0.7) ? rng.int(400, 720) : rng.int(60, 400);
  const to = from + days > asOfDay ? OPEN : from + days;
  return { unit, from, to };
}

const PHASES = [
  { phase: '6m', offset: 182, share: 0.7, attends: 0.8 },
  { phase: '12m', offset: 365, share: 1, attends: 0.75 },
] as const;

export function followupEntries(rng: Random, log: EntryLog, period: FollowupPeriod, asOfDay: number): void {
  const end = Math.min(period.to === OPEN ? asOfDay + 1 : period.to, asOfDay + 1);
  const baseline = period.from + rng.int(0, 21);
  if (baseline >= end) return;
  const instruments = weighted(rng, [
    [['audit'], 0.6],
    [['dudit'], 0.25],
    [['audit', 'dudit'], 0.15],
  ] as const);
  const severity = instruments.map(() => normal(rng, 0.35, 0.8));
  const goals = baselineGoals(rng);
  const measure = (day: number, phase: string, levels: number[], judged?: (first: boolean) => object) =>
    instruments.forEach((instrument, i) => {
      const s = levels[i] ?? 0;
      const answers = instrument === 'audit' ? alcoholAuditAnswers(rng, s) : duditAnswers(rng, s);
      log.add('followup', 'measure', period.unit, day, {
        phase,
        instrument,
        answers,
        // The stored form always lists goals (the schema's default), so say so here too.
        goals: [],
        ...(judged ? judged(i === 0) : i === 0 ? { goals } : {}),
      });
    });
  measure(baseline, 'baseline', severity);

  const chosen = rng.chance(0.9)
    ? KSI_INTERVENTIONS[
        weightedIndex(
          rng,
          KSI_INTERVENTIONS.map((k) => k.weight),
        )
      ]
    : undefined;
  const started = baseline + rng.int(0, 30);
  if (chosen && started < end) {
    const endDate = started + rng.int(120, 360);
    log.add('followup', 'intervention', period.unit, started, {
      ksi: chosen.ksi,
      ...(endDate <= asOfDay ? { endDate: isoOf(endDate) } : {}),
    });
  }
  const effect = chosen && started < end ? chosen.effect : NATURAL_EFFECT;
  const response = normal(rng, 0, 0.5);
  for (const p of PHASES) {
    const day = baseline + p.offset + rng.int(-14, 14);
    if (day >= end || !rng.chance(p.attends)) continue;
    const improvement = p.share * effect + response + normal(rng, 0, 0.35);
    measure(
      day,
      p.phase,
      severity.map((s) => s - improvement),
      (first) =>
        first
          ? { goals: judgedGoals(rng, goals, improvement), clientView: clientView(rng, improvement) }
          : {},
    );
  }
}

/** Age at the start of a follow-up: adults, mostly 25–55. */
export function followupAge(rng: Random): number {
  const band = weighted(rng, [
    [18, 0.12],
    [25, 0.25],
    [35, 0.24],
    [45, 0.2],
    [55, 0.14],
    [65, 0.05],
  ]);
  return band + rng.next() * (band === 65 ? 5 : band === 18 ? 7 : 10);
}
