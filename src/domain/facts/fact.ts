/**
 * The contract between registrations and indicators. Registrations (Senior Alert, palliative
 * register, individual-based follow-up, surveys) produce facts; indicators count them.
 * A fact is one countable thing about one person (by pseudonym, never identity) at one unit on
 * one date. Facts stay on the individual side of disclosure control.
 */
export const FACT_KINDS = [
  /** The person was served by the unit on `date` (enrolment; the base population). */
  'served',
  /** Senior Alert risk assessment. Attributes: instrument, band, risk (boolean), total. */
  'risk_assessment',
  /** A preventive action planned. Attributes: riskArea, actionCode. */
  'planned_action',
  /** An adverse event. Attributes: eventType (fall, pressure_ulcer, weight_loss, oral_problem), grade. */
  'event',
  /** Follow-up of planned actions. Attributes: riskArea, outcome. */
  'follow_up',
  /** A death known to the register (the coverage denominator). */
  'death',
  /** A palliative end-of-life registration. Attributes: expected (boolean) and one boolean per quality indicator. */
  'death_registration',
  /** A measure in individual-based follow-up. Attributes: instrument, phase (baseline|6m|12m), band, total, improved, interventionCode. */
  'followup_measure',
  /**
   * Never stored: survey indicators name it so their definition has the usual shape; their counts
   * come from settled survey rounds (src/modules/indicators/survey-counts.ts).
   */
  'survey_answer',
] as const;
export type FactKind = (typeof FACT_KINDS)[number];

export const REGISTERS = ['senior_alert', 'palliative', 'followup', 'survey'] as const;
export type Register = (typeof REGISTERS)[number];

export type FactAttribute = string | number | boolean | null;

export interface Fact {
  kind: FactKind;
  register: Register;
  /** Pseudonym of the person (HMAC of the personal identity number). */
  person: string;
  unitId: string;
  /** ISO date the fact refers to. */
  date: string;
  sex: 'K' | 'M';
  /** Age in whole years on `date`. */
  age: number;
  attributes: Readonly<Record<string, FactAttribute>>;
}
