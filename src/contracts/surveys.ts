import type { FormDefinition } from '../domain/forms/index.js';
import type { Pictogram, SurveyKind, SurveyTheme } from '../domain/surveys/template.js';
import type { NodeResult } from '../domain/surveys/table.js';

/** User surveys' answers (src/modules/surveys), as the server and the web both type them. */

export interface SurveyRound {
  id: string;
  templateId: string;
  templateVersion: number;
  period: string;
  opensOn: string;
  closesOn: string;
  unitIds: string[];
}

export interface SurveyTemplateSummary {
  id: string;
  version: number;
  kind: SurveyKind;
  title: { sv: string; en: string };
}

/** What the answering page needs: the form and its variants, never anything about a unit. */
export interface SurveyForm {
  roundId: string;
  open: boolean;
  kind: SurveyKind;
  form: FormDefinition;
  themes: SurveyTheme[];
  easyRead: Record<string, string>;
  pictures: Record<string, Pictogram> | null;
}

export interface IssuedCodes {
  roundId: string;
  unitId: string;
  codes: string[];
  answerUrl: string;
}

export interface SurveyResults {
  roundId: string;
  minimumRespondents: number;
  themes: SurveyTheme[];
  nodes: NodeResult[];
}

/** A unit's page for its staff: the users' experience beside the professionals' registrations. */
export interface UnitOverview {
  unitId: string;
  /** Every round of the unit, oldest period first, so rounds of one template read as a series. */
  surveys: {
    roundId: string;
    templateId: string;
    title: { sv: string; en: string };
    period: string;
    themes: SurveyTheme[];
    result: NodeResult | null;
    /** The unit's municipality in the same round, after the same disclosure control. */
    municipality: NodeResult | null;
  }[];
  register: {
    indicator: string;
    title: { sv: string; en: string };
    period: string;
    rate: number | null;
    denominator: number | null;
    status: string;
  }[];
}

/** GET /api/v1/surveys/templates. */
export interface SurveyTemplateList {
  templates: SurveyTemplateSummary[];
}

/** GET /api/v1/surveys/rounds: the rounds the caller may read. */
export interface SurveyRoundList {
  rounds: SurveyRound[];
}

/** One unit of a round as its staff follow it: counts only, through the round's disclosure control. */
export interface RoundUnitProgress {
  unitId: string;
  codesIssued: number;
  /** Null when the results hide the unit (fewer than the minimum, or recoverable by subtraction). */
  respondents: number | null;
  responseRate: number | null;
  hidden: boolean;
  /** May the caller issue codes for the unit (surveys.manage)? */
  mayIssue: boolean;
  /** May the caller enter paper answers for the unit (surveys.enter)? */
  mayEnter: boolean;
}

/** GET /api/v1/surveys/rounds/{id}/units: the round's units the caller works with. */
export interface RoundUnitList {
  roundId: string;
  minimumRespondents: number;
  units: RoundUnitProgress[];
}
