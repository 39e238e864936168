/**
 * The end-of-life questionnaire (dödsfallsenkät) of Svenska Palliativregistret, as a form: about
 * 30 questions on the last week of life. An unexpected death skips the questions on the last
 * week (group "lastWeek"); place of death, underlying conditions, presence at death, the
 * bereavement conversation and who answered apply to every death.
 *
 * Source: Svenska Palliativregistret, Dödsfallsenkät för vuxna (palliativregistret.se); the
 * question texts here are short paraphrases, not the register's wording.
 */
import type { ChoiceOption, FormDefinition, ItemDefinition } from '../forms/definition.js';
import { t } from './common.js';

const o = (code: string, sv: string, en: string): ChoiceOption => ({ code, text: t(sv, en) });
const yes = o('yes', 'Ja', 'Yes');
const no = o('no', 'Nej', 'No');
const unknown = o('unknown', 'Vet ej', 'Do not know');
const yesNoUnknown = [yes, no, unknown];
const noRelatives = o('noRelatives', 'Inga närstående', 'No relatives');

const choice = (
  id: string,
  sv: string,
  en: string,
  options: ChoiceOption[],
  extra: Partial<ItemDefinition> = {},
): ItemDefinition =>
  ({ id, type: 'singleChoice', text: t(sv, en), required: true, options, ...extra }) as ItemDefinition;

const symptom = (id: string, sv: string, en: string): ItemDefinition =>
  choice(id, `Förekom ${sv} under sista levnadsveckan?`, `Was there ${en} during the last week of life?`, [
    o('none', 'Nej', 'No'),
    o('fullyRelieved', 'Ja, helt lindrad', 'Yes, fully relieved'),
    o('partlyRelieved', 'Ja, delvis lindrad', 'Yes, partly relieved'),
    o('notRelieved', 'Ja, inte lindrad', 'Yes, not relieved'),
    unknown,
  ]);

const prn = (id: string, sv: string, en: string): ItemDefinition =>
  choice(
    id,
    `Fanns vid behovsordination av injektion ${sv}?`,
    `Was an as-needed (PRN) injection ${en} prescribed?`,
    yesNoUnknown,
  );

export const palliativeForm: FormDefinition = {
  id: 'palliative-eol',
  version: 1,
  status: 'active',
  title: t(
    'Dödsfallsenkät – Svenska Palliativregistret',
    'End-of-life questionnaire – Swedish Register of Palliative Care',
  ),
  description: t(
    'Registreras av enheten där personen dog, inom 6 månader.',
    'Registered by the unit where the person died, within 6 months.',
  ),
  items: [
    { id: 'dateOfDeath', type: 'date', prefix: '1', text: t('Dödsdatum', 'Date of death'), required: true },
    choice(
      'placeOfDeath',
      'Dödsplats',
      'Place of death',
      [
        o('specialHousing', 'Särskilt boende (permanent plats)', 'Special housing (permanent place)'),
        o('shortTerm', 'Korttidsplats', 'Short-term place'),
        o('hospitalWard', 'Sjukhusavdelning', 'Hospital ward'),
        o('hospice', 'Hospice eller palliativ slutenvårdsenhet', 'Hospice or palliative inpatient unit'),
        o('homeAdvanced', 'Eget boende med avancerad sjukvård i hemmet', 'Own home with advanced home care'),
        o('homeOther', 'Eget boende med annan hemsjukvård eller hemtjänst', 'Own home with other home care'),
        o('other', 'Annat', 'Other'),
      ],
      { prefix: '2' },
    ),
    {
      id: 'underlyingConditions',
      type: 'multipleChoice',
      prefix: '3',
      text: t('Underliggande sjukdomar', 'Underlying conditions'),
      required: true,
      minSelected: 1,
      options: [
        o('cancer', 'Cancer', 'Cancer'),
        o('heartDisease', 'Hjärtsjukdom', 'Heart disease'),
        o('lungDisease', 'Lungsjukdom', 'Lung disease'),
        o('dementia', 'Demenssjukdom', 'Dementia'),
        o('stroke', 'Stroke', 'Stroke'),
        o('diabetes', 'Diabetes', 'Diabetes'),
        o('kidneyFailure', 'Njursvikt', 'Kidney failure'),
        o('neurological', 'Annan neurologisk sjukdom', 'Other neurological disease'),
        o('infection', 'Infektion', 'Infection'),
        o('fracture', 'Fraktur', 'Fracture'),
        o('other', 'Annan', 'Other'),
        { ...unknown, exclusive: true },
      ],
    },
    choice(
      'deathExpected',
      'Var dödsfallet väntat utifrån sjukdomshistorien?',
      'Was the death expected from the medical history?',
      [yes, no],
      { prefix: '4' },
    ),
    {
      id: 'lastWeek',
      type: 'group',
      text: t('Sista levnadsveckan (väntade dödsfall)', 'The last week of life (expected deaths)'),
      enableWhen: { item: 'deathExpected', op: 'equals', value: 'yes' },
      items: [
        choice(
          'endOfLifeDecision',
          'Fanns ett dokumenterat ställningstagande om övergång till palliativ vård i livets slutskede?',
          'Was a decision on end-of-life care documented?',
          yesNoUnknown,
        ),
        {
          id: 'endOfLifeDecisionDate',
          type: 'date',
          text: t('Datum för ställningstagandet', 'Date of the decision'),
          enableWhen: { item: 'endOfLifeDecision', op: 'equals', value: 'yes' },
        },
        choice(
          'breakpointPatient',
          'Fick patienten ett läkarlett brytpunktssamtal om att livet närmade sig sitt slut?',
          'Did the patient have a physician-led break-point conversation about the end of life?',
          [
            yes,
            no,
            o(
              'notPossible',
              'Nej, patienten kunde inte ta del av samtalet',
              'No, the patient could not take part',
            ),
            unknown,
          ],
        ),
        choice(
          'breakpointRelatives',
          'Fick närstående ett brytpunktssamtal?',
          'Did the relatives have a break-point conversation?',
          [yes, no, noRelatives, unknown],
        ),
        choice(
          'painAssessed',
          'Skattades smärtan med ett validerat instrument under sista levnadsveckan?',
          'Was pain assessed with a validated instrument during the last week of life?',
          yesNoUnknown,
        ),
        choice(
          'painInstrument',
          'Vilket instrument?',
          'Which instrument?',
          [
            o('nrsVas', 'NRS eller VAS', 'NRS or VAS'),
            o('abbey', 'Abbey Pain Scale', 'Abbey Pain Scale'),
            o('doloplus', 'Doloplus', 'Doloplus'),
            o('other', 'Annat', 'Other'),
          ],
          { enableWhen: { item: 'painAssessed', op: 'equals', value: 'yes' } },
        ),
        choice(
          'oralHealthAssessed',
          'Gjordes en munhälsobedömning under sista levnadsveckan?',
          'Was oral health assessed during the last week of life?',
          yesNoUnknown,
        ),
        choice(
          'pressureUlcers',
          'Hade personen trycksår vid dödsfallet (högsta kategori)?',
          'Did the person have pressure ulcers at death (highest category)?',
          [
            o('none', 'Nej', 'No'),
            o('category1', 'Ja, kategori 1', 'Yes, category 1'),
            o('category2', 'Ja, kategori 2', 'Yes, category 2'),
            o('category3', 'Ja, kategori 3', 'Yes, category 3'),
            o('category4', 'Ja, kategori 4', 'Yes, category 4'),
            unknown,
          ],
        ),
        prn('prnOpioid', 'mot smärta (opioid)', 'for pain (opioid)'),
        prn('prnAnxiolytic', 'mot ångest', 'for anxiety (anxiolytic)'),
        prn('prnAntiemetic', 'mot illamående', 'for nausea (antiemetic)'),
        prn('prnAnticholinergic', 'mot rosslighet', 'for death rattle (anticholinergic)'),
        symptom('symptomPain', 'smärta', 'pain'),
        symptom('symptomDeathRattle', 'rosslighet', 'death rattle'),
        symptom('symptomNausea', 'illamående', 'nausea'),
        symptom('symptomAnxiety', 'ångest', 'anxiety'),
        symptom('symptomBreathlessness', 'andnöd', 'breathlessness'),
        symptom('symptomConfusion', 'förvirring', 'confusion'),
        choice(
          'ivFluidsLastDay',
          'Fick personen dropp eller sondnäring under sista levnadsdygnet?',
          'Did the person receive IV fluids or tube feeding during the last day of life?',
          yesNoUnknown,
        ),
        choice(
          'specialistConsultation',
          'Anlitades specialiserad palliativ vård eller konsultteam under sista veckan?',
          'Was specialist palliative care or a consultation team involved in the last week?',
          yesNoUnknown,
        ),
        choice(
          'diedAtPreferredPlace',
          'Dog personen på den plats hon eller han önskade?',
          'Did the person die at the place they wished?',
          [yes, no, o('wishNotKnown', 'Önskan inte känd', 'Wish not known')],
        ),
        choice(
          'relativesSupportOffered',
          'Erbjöds närstående stöd under sista levnadsveckan?',
          'Were the relatives offered support during the last week of life?',
          [yes, no, noRelatives, unknown],
        ),
      ],
    },
    choice(
      'presentAtDeath',
      'Var någon närvarande i dödsögonblicket?',
      'Was anyone present at the moment of death?',
      [
        o('relatives', 'Ja, närstående', 'Yes, relatives'),
        o('staff', 'Ja, personal', 'Yes, staff'),
        o('relativesAndStaff', 'Ja, närstående och personal', 'Yes, relatives and staff'),
        o('nobody', 'Nej', 'No'),
        unknown,
      ],
    ),
    choice(
      'bereavementFollowUp',
      'Erbjöds närstående ett efterlevandesamtal?',
      'Were the relatives offered a bereavement follow-up conversation?',
      [yes, no, noRelatives, unknown],
    ),
    choice('respondentRole', 'Uppgiftslämnare', 'Respondent', [
      o('nurse', 'Sjuksköterska', 'Nurse'),
      o('physician', 'Läkare', 'Physician'),
      o('assistantNurse', 'Undersköterska', 'Assistant nurse'),
      o('other', 'Annan', 'Other'),
    ]),
    { id: 'comment', type: 'text', multiline: true, maxLength: 2000, text: t('Kommentar', 'Comment') },
  ],
};
