import { seededRandom } from '../random.js';
import { logistic, logit, normal } from './draw.js';
import type { MunicipalityParams, PalliativeIndicator, SyntheticMunicipality } from './types.js';

/**
 * Each municipality's own random effects, drawn once from (seed, code): its size, how many of its
 * persons take part in Senior Alert, how frail they are, how well it registers deaths and meets
 * the palliative targets. Results then differ between municipalities the way open comparisons do.
 */

/** Rough mean population per SKR group (thousands): storstäder are big, landsbygd small. */
const SKR_SIZE: Record<string, number> = {
  A1: 600,
  A2: 45,
  B3: 80,
  B4: 15,
  B5: 20,
  C6: 25,
  C7: 11,
  C8: 8,
  C9: 9,
};
const UNKNOWN_SIZE = 20;

/** National levels the municipalities vary around (targets are in the indicator catalogue). */
export const PALLIATIVE_BASE: Record<PalliativeIndicator, number> = {
  oralHealthAssessed: 0.8,
  painAssessed: 0.7,
  prnOpioid: 0.96,
  prnAnxiolytic: 0.94,
  freeOfPressureUlcers: 0.89,
  breakpointConversation: 0.45,
};

/** Mean share of deaths registered; the spread puts some municipalities below 70 %. */
export const COVERAGE_MEAN = 0.83;
const COVERAGE_SPREAD = 0.55;

export function municipalityParams(seed: number | string, m: SyntheticMunicipality): MunicipalityParams {
  const rng = seededRandom(`${String(seed)}:municipality:${m.code}`);
  const size = (m.skrGroup ? SKR_SIZE[m.skrGroup] : undefined) ?? UNKNOWN_SIZE;
  const shared = normal(rng, 0, 0.45);
  const quality = {} as Record<PalliativeIndicator, number>;
  for (const [code, base] of Object.entries(PALLIATIVE_BASE) as [PalliativeIndicator, number][]) {
    quality[code] = logit(base) + shared + normal(rng, 0, 0.3);
  }
  return {
    code: m.code,
    weight: size * Math.exp(normal(rng, 0, 0.4)),
    participation: logistic(logit(0.8) + normal(rng, 0, 0.9)),
    riskEffect: normal(rng, 0, 0.3),
    actionRate: logistic(logit(0.78) + normal(rng, 0, 0.7)),
    followUpRate: logistic(logit(0.6) + normal(rng, 0, 0.8)),
    fallFactor: Math.exp(normal(rng, 0, 0.25)),
    palliativeCoverage: logistic(logit(COVERAGE_MEAN) + normal(rng, 0, COVERAGE_SPREAD)),
    palliativeQuality: quality,
  };
}
