import type { FormDefinition } from '../domain/forms/definition.js';
import type { LocalizedText } from '../domain/forms/text.js';
import type { NpiNhResult } from '../domain/instruments/npi-nh.js';
import type { PalliativeResult } from '../domain/instruments/palliative.js';
import type { RoagResult } from '../domain/instruments/roag.js';
import type { BandDefinition, ScoreResult, Source } from '../domain/instruments/types.js';

/** What GET /api/v1/instruments lists. */
export interface InstrumentSummary {
  id: string;
  version: number;
  title: LocalizedText;
  description: LocalizedText;
  requiresSex: boolean;
  sources: Source[];
  bands: BandDefinition[];
  items: { id: string; prefix?: string; type: string; text: LocalizedText }[];
}

/** What GET /api/v1/instruments/{id} answers. */
export interface InstrumentDetail extends InstrumentSummary {
  /** The thresholds the server scores with (the DOMAIN.md defaults until configuration lands). */
  thresholds: object;
  form: FormDefinition;
}

/**
 * POST /api/v1/instruments/{id}/score, and an entry's `derived`: the common result plus the
 * fields some instruments add (ROAG, the palliative questionnaire, NPI-NH).
 */
export type ScoreAnswer = ScoreResult &
  Partial<
    Pick<RoagResult, 'contactDentalCare'> &
      Pick<PalliativeResult, 'indicators'> &
      Pick<NpiNhResult, 'domains'>
  >;

/** GET /api/v1/instruments. */
export interface InstrumentList {
  instruments: InstrumentSummary[];
}

/** POST /api/v1/forms/import/fhir: the form, and what the conversion could not keep as it was. */
export interface FhirImportAnswer {
  form: FormDefinition;
  warnings: Array<{ item: string | null; message: string }>;
}
