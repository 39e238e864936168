import {
  buildTemplate,
  scaleFromTable,
  themesFromTable,
  type SurveyKind,
  type SurveyTemplate,
} from './template.js';

/** Four steps and "don't know", as in the national surveys; the two best steps count as positive. */
const AGREEMENT_SCALE = {
  ...scaleFromTable(`
    4 | Stämmer helt | Completely true | Ja, helt
    3 | Stämmer ganska bra | Fairly true | Ja, nästan
    2 | Stämmer ganska dåligt | Fairly untrue | Nej, inte riktigt
    1 | Stämmer inte alls | Not true at all | Nej, inte alls
    dk | Vet inte / ingen åsikt | Don't know / no opinion | Jag vet inte
  `),
  positive: ['4', '3'],
  dontKnow: ['dk'],
};

/** The picture-supported scale: three steps and "don't know", each with a pictogram. */
const PICTURE_SCALE = {
  ...scaleFromTable(`
    yes | Ja | Yes | Ja
    sometimes | Ibland | Sometimes | Ibland
    no | Nej | No | Nej
    dk | Vet inte | Don't know | Jag vet inte
  `),
  positive: ['yes'],
  dontKnow: ['dk'],
  pictures: { yes: 'happy', sometimes: 'neutral', no: 'sad', dk: 'unknown' } as const,
};

export const ELDERLY_CARE = buildTemplate({
  kind: 'elderly_care',
  id: 'survey-elderly-care',
  version: 1,
  title: { sv: 'Vad tycker du om din äldreomsorg?', en: 'What do you think of your elderly care?' },
  titleEasyRead: 'Vad tycker du om hjälpen du får?',
  ...AGREEMENT_SCALE,
  themes: themesFromTable(`
    treatment | Bemötande | Treatment by staff
      ec.treatment | Personalen bemöter mig på ett bra sätt | Staff treat me well | Personalen är snälla mot mig
      ec.respect | Personalen tar hänsyn till mina åsikter | Staff respect my views | Personalen lyssnar på mig
    safety | Trygghet | Safety
      ec.safe | Jag känner mig trygg med hjälpen | I feel safe with the help | Jag känner mig trygg
    influence | Inflytande | Influence
      ec.influence | Jag kan påverka när jag får hjälp | I can influence when I get help | Jag får bestämma när jag får hjälp
    accessibility | Tillgänglighet | Accessibility
      ec.reach | Det är lätt att få kontakt med personalen | It is easy to reach the staff | Jag får tag på personalen
    meals | Måltider | Meals
      ec.meals | Maten smakar bra | The food tastes good | Maten är god
    social | Sociala aktiviteter | Social activities
      ec.activities | Jag är nöjd med aktiviteterna | I am satisfied with the activities | Jag tycker om aktiviteterna
    loneliness | Ensamhet | Loneliness
      ec.not_lonely | Jag känner mig sällan ensam | I seldom feel lonely | Jag är inte ofta ensam
    overall | Helhetssyn | Overall satisfaction
      ec.overall | Sammantaget är jag nöjd med hjälpen | Overall I am satisfied with the help | Jag är nöjd med hjälpen
  `),
});

export const FUNCTIONAL_IMPAIRMENT = buildTemplate({
  kind: 'functional_impairment',
  id: 'survey-functional-impairment',
  version: 1,
  title: { sv: 'Vad tycker du om ditt stöd?', en: 'What do you think of your support?' },
  titleEasyRead: 'Vad tycker du om ditt stöd?',
  ...PICTURE_SCALE,
  themes: themesFromTable(`
    self_determination | Självbestämmande | Self-determination
      fi.decide | Får du bestämma om saker som är viktiga för dig? | Do you decide about things that matter to you? | Får du bestämma själv?
    treatment | Bemötande | Treatment
      fi.kind | Är personalen snäll mot dig? | Are the staff kind to you? | Är personalen snäll?
      fi.listen | Lyssnar personalen på dig? | Do the staff listen to you? | Lyssnar personalen?
    safety | Trygghet | Safety
      fi.safe | Känner du dig trygg med personalen? | Do you feel safe with the staff? | Är du trygg?
    wellbeing | Trivsel | Well-being
      fi.like | Trivs du där du bor eller är på dagarna? | Do you like where you live or spend your days? | Trivs du?
  `),
});

export const INDIVIDUAL_FAMILY_CARE = buildTemplate({
  kind: 'individual_family_care',
  id: 'survey-individual-family-care',
  version: 1,
  title: {
    sv: 'Vad tycker du om stödet från socialtjänsten?',
    en: 'What do you think of the support from social services?',
  },
  titleEasyRead: 'Vad tycker du om hjälpen från socialtjänsten?',
  ...AGREEMENT_SCALE,
  themes: themesFromTable(`
    influence | Inflytande | Influence
      ifo.influence | Jag har kunnat påverka hjälpen jag får | I could influence the help I get | Jag fick säga vad jag ville
    change | Förändring | Change
      ifo.better | Min situation har blivit bättre | My situation has improved | Det har blivit bättre för mig
    overall | Helhetssyn | Overall satisfaction
      ifo.overall | Sammantaget är jag nöjd med hjälpen | Overall I am satisfied with the help | Jag är nöjd med hjälpen
  `),
});

/** Every template version on file; a round names one by form id and version. */
export const SURVEY_TEMPLATES: readonly SurveyTemplate[] = [
  ELDERLY_CARE,
  FUNCTIONAL_IMPAIRMENT,
  INDIVIDUAL_FAMILY_CARE,
];

export function findTemplate(id: string, version: number): SurveyTemplate | undefined {
  return SURVEY_TEMPLATES.find((t) => t.form.id === id && t.form.version === version);
}

export function templatesOfKind(kind: SurveyKind): SurveyTemplate[] {
  return SURVEY_TEMPLATES.filter((t) => t.kind === kind);
}
