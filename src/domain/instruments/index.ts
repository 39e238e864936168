/**
 * The instrument library. Each instrument is pure scoring code with its sources cited in its
 * file, and a form definition so the web and FHIR can render it.
 */
import { alcoholAudit } from './alcohol-audit.js';
import { downton } from './downton.js';
import { dudit } from './dudit.js';
import { icfIbic } from './icf-ibic.js';
import { mnaSf } from './mna-sf.js';
import { modifiedNorton } from './modified-norton.js';
import { npiNh } from './npi-nh.js';
import { palliative } from './palliative.js';
import { roag } from './roag.js';
import type { Instrument } from './types.js';

export const instruments = {
  [modifiedNorton.id]: modifiedNorton,
  [mnaSf.id]: mnaSf,
  [downton.id]: downton,
  [roag.id]: roag,
  [alcoholAudit.id]: alcoholAudit,
  [dudit.id]: dudit,
  [npiNh.id]: npiNh,
  [icfIbic.id]: icfIbic,
  [palliative.id]: palliative,
} as const satisfies Record<string, Instrument>;

/** Any registered instrument, with its options typed loosely for callers that look up by id. */
export type RegisteredInstrument = Instrument;

export function getInstrument(id: string): RegisteredInstrument | undefined {
  return Object.hasOwn(instruments, id)
    ? (instruments as Record<string, RegisteredInstrument>)[id]
    : undefined;
}

export function listInstruments(): RegisteredInstrument[] {
  return Object.values(instruments);
}

export type {
  BandDefinition,
  Instrument,
  ScoreInput,
  ScoreOutcome,
  ScoreResult,
  Sex,
  Source,
} from './types.js';
export { alcoholAudit, downton, dudit, icfIbic, mnaSf, modifiedNorton, npiNh, palliative, roag };
export { icfChange } from './icf-ibic.js';
export { aggregateIndicators } from './palliative.js';
