import type { EvidenceLevel } from '../../domain/library/evidence.js';
import type { EntryKind, OperatingArea, Problem, TargetGroup } from '../../domain/library/vocabulary.js';
import type { Reference } from './types.js';

/**
 * Seed content for the demo: a modest set of entries written for Kunskapsnav from public
 * knowledge, in our own words (no copied text). Every entry is marked as an example with the
 * date it was written; the evidence levels are this project's summary, not an authority's
 * grading, and the references point to the publishers' sites.
 */
export const SEED_WRITTEN_ON = '2026-12-07';

export interface SeedEntry {
  slug: string;
  kind: EntryKind;
  title: string;
  summary: string;
  body: string;
  ksiCode?: string;
  targetGroups: TargetGroup[];
  operatingAreas: OperatingArea[];
  problems: Problem[];
  evidence: EvidenceLevel;
  outcomeIndicators: string[];
  references: Reference[];
}

const SOS = 'https://www.socialstyrelsen.se/';
const SBU = 'https://www.sbu.se/';
const COCHRANE = 'https://www.cochranelibrary.com/';

export const SEED_ENTRIES: readonly SeedEntry[] = [
  {
    slug: 'fallforebyggande-traning',
    kind: 'intervention',
    title: 'Fallförebyggande träning för äldre',
    summary:
      'Regelbunden träning av balans och styrka är en av de fallpreventiva åtgärder som har bäst stöd. Träningen ska vara utmanande, pågå i minst några månader och anpassas till den äldres förmåga.',
    body: 'Träningen kan ske i grupp eller hemma, ledd av fysioterapeut eller med stöd av personal. Effekten på antalet fall syns först efter en tid och avtar när träningen slutar. Kombinera med bedömning av fallrisk (Downton) och uppföljning av fall i Senior Alert.',
    targetGroups: ['older_people'],
    operatingAreas: ['elderly_care'],
    problems: ['falls'],
    evidence: 'high',
    outcomeIndicators: ['K10008', 'K10012'],
    references: [
      {
        kind: 'systematic_review',
        title: 'Exercise for preventing falls in older people living in the community (Cochrane)',
        year: 2019,
        url: COCHRANE,
      },
      {
        kind: 'guideline',
        title: 'Senior Alert: förebyggande arbete vid fallrisk',
        year: 2024,
        url: 'https://www.senioralert.se/',
      },
    ],
  },
  {
    slug: 'lakemedelsgenomgang-fallrisk',
    kind: 'method',
    title: 'Läkemedelsgenomgång vid fallrisk',
    summary:
      'En strukturerad genomgång av den äldres läkemedel, där lugnande medel, sömnmedel och blodtryckssänkande läkemedel ses över, kan minska yrsel och fall hos äldre med många läkemedel.',
    body: 'Genomgången görs av läkare tillsammans med sjuksköterska och gärna farmaceut. Personalen i hemtjänsten eller på boendet bidrar med iakttagelser om yrsel, trötthet och fall.',
    targetGroups: ['older_people'],
    operatingAreas: ['elderly_care', 'health_care'],
    problems: ['falls'],
    evidence: 'moderate',
    outcomeIndicators: ['K10008', 'K10006'],
    references: [
      {
        kind: 'guideline',
        title: 'Socialstyrelsen: Indikatorer för god läkemedelsterapi hos äldre',
        year: 2017,
        url: SOS,
      },
    ],
  },
  {
    slug: 'nutritionsplan-och-maltidsmiljo',
    kind: 'intervention',
    title: 'Individuell nutritionsplan och god måltidsmiljö',
    summary:
      'För äldre med risk för undernäring: en plan för mat, mellanmål och energitäta tillskott, regelbunden vägning och en lugn måltidsmiljö där den äldre får hjälp i sin egen takt.',
    body: 'Risken bedöms med MNA-SF. Planen följs upp med vikt och matintag; nattfastan hålls kort. Dietist kopplas in när vikten fortsätter att sjunka.',
    targetGroups: ['older_people'],
    operatingAreas: ['elderly_care'],
    problems: ['malnutrition'],
    evidence: 'moderate',
    outcomeIndicators: ['K10005', 'K10011'],
    references: [
      {
        kind: 'guideline',
        title: 'Socialstyrelsen: Att förebygga och behandla undernäring',
        year: 2023,
        url: SOS,
      },
    ],
  },
  {
    slug: 'tryckavlastning-och-lagesandring',
    kind: 'intervention',
    title: 'Tryckavlastande underlag och lägesändring',
    summary:
      'Trycksår hos äldre i vård och omsorg går ofta att förebygga: tryckfördelande madrass, schemalagd lägesändring, hudinspektion och god nutrition för den som bedömts ha risk för trycksår.',
    body: 'Risken bedöms med modifierad Norton. Åtgärderna dokumenteras och följs upp i Senior Alert; trycksår av kategori 2–4 räknas som händelser.',
    targetGroups: ['older_people', 'people_at_end_of_life'],
    operatingAreas: ['elderly_care'],
    problems: ['pressure_ulcer'],
    evidence: 'moderate',
    outcomeIndicators: ['K10009', 'K10004', 'K10010', 'K20005'],
    references: [
      {
        kind: 'systematic_review',
        title: 'Support surfaces for pressure ulcer prevention (Cochrane)',
        year: 2015,
        url: COCHRANE,
      },
    ],
  },
  {
    slug: 'daglig-munvard',
    kind: 'method',
    title: 'Daglig munvård med stöd av personal',
    summary:
      'Munhälsan bedöms med ROAG och följs av daglig munvård: tandborstning med fluortandkräm, rengöring mellan tänderna och fukt vid muntorrhet. Personalen behöver utbildning och tid.',
    body: 'Dålig munhälsa hänger samman med smärta, sämre aptit och lunginflammation. Vid tecken på ohälsa remitteras den äldre till tandvården.',
    targetGroups: ['older_people', 'people_with_dementia'],
    operatingAreas: ['elderly_care'],
    problems: ['oral_health'],
    evidence: 'low',
    outcomeIndicators: ['K10007', 'K20001'],
    references: [{ kind: 'report', title: 'SBU: Munhälsa hos äldre', year: 2019, url: SBU }],
  },
  {
    slug: 'brytpunktssamtal',
    kind: 'method',
    title: 'Brytpunktssamtal i livets slutskede',
    summary:
      'Ett samtal där läkare berättar för den döende och de närstående att vården nu inriktas på lindring och livskvalitet. Samtalet dokumenteras och gör det lättare att planera den sista tiden.',
    body: 'Samtalet följs av beslut om vid behovsläkemedel, smärtskattning och munvård. Palliativregistrets frågor om sista veckan visar om det blev gjort.',
    targetGroups: ['people_at_end_of_life', 'relatives'],
    operatingAreas: ['elderly_care', 'health_care'],
    problems: ['end_of_life'],
    evidence: 'proven_experience',
    outcomeIndicators: ['K20006', 'K20003', 'K20004'],
    references: [
      {
        kind: 'guideline',
        title: 'Nationellt kunskapsstöd för god palliativ vård i livets slutskede',
        year: 2013,
        url: SOS,
      },
      {
        kind: 'report',
        title: 'Svenska Palliativregistret',
        year: 2024,
        url: 'https://palliativregistret.se/',
      },
    ],
  },
  {
    slug: 'smartskattning-validerat-instrument',
    kind: 'method',
    title: 'Smärtskattning med validerat instrument',
    summary:
      'Smärta hos personer som inte kan uttrycka sig i ord upptäcks bättre när personalen skattar den med ett validerat instrument, till exempel Abbey Pain Scale, och gör om skattningen efter åtgärd.',
    body: 'Skattningen ger ett gemensamt språk i teamet och underlag för läkarens ordination.',
    targetGroups: ['people_at_end_of_life', 'people_with_dementia'],
    operatingAreas: ['elderly_care'],
    problems: ['end_of_life', 'bpsd'],
    evidence: 'proven_experience',
    outcomeIndicators: ['K20002'],
    references: [
      {
        kind: 'guideline',
        title: 'Nationellt kunskapsstöd för god palliativ vård i livets slutskede',
        year: 2013,
        url: SOS,
      },
    ],
  },
  {
    slug: 'motiverande-samtal',
    kind: 'method',
    title: 'Motiverande samtal (MI)',
    summary:
      'En samtalsmetod som hjälper klienten att själv formulera skäl att förändra sitt alkohol- eller drogbruk. Används vid riskbruk och som grund i annan behandling av missbruk och beroende.',
    body: 'Effekten är störst på kort sikt och vid riskbruk. Metodtrohet kräver utbildning och handledning; följ upp med AUDIT eller DUDIT vid 6 och 12 månader.',
    ksiCode: 'PHA.AE.MI',
    targetGroups: ['adults_with_substance_use'],
    operatingAreas: ['individual_family_care'],
    problems: ['alcohol', 'drugs'],
    evidence: 'moderate',
    outcomeIndicators: ['K30001', 'K30002', 'K30004'],
    references: [
      {
        kind: 'guideline',
        title: 'Nationella riktlinjer för vård och stöd vid missbruk och beroende',
        year: 2019,
        url: SOS,
      },
      {
        kind: 'systematic_review',
        title: 'Motivational interviewing for substance abuse (Cochrane)',
        year: 2011,
        url: COCHRANE,
      },
    ],
  },
  {
    slug: 'kbt-aterfallsprevention',
    kind: 'method',
    title: 'KBT-baserad återfallsprevention',
    summary:
      'Kognitiv beteendeterapi där klienten lär sig känna igen situationer med hög risk för återfall och öva alternativa sätt att hantera dem. Rekommenderas vid alkohol- och narkotikaberoende.',
    body: 'Ges individuellt eller i grupp under några månader, av behandlare med KBT-utbildning.',
    ksiCode: 'PHA.AE.KBT',
    targetGroups: ['adults_with_substance_use'],
    operatingAreas: ['individual_family_care'],
    problems: ['alcohol', 'drugs'],
    evidence: 'moderate',
    outcomeIndicators: ['K30001', 'K30002'],
    references: [
      {
        kind: 'guideline',
        title: 'Nationella riktlinjer för vård och stöd vid missbruk och beroende',
        year: 2019,
        url: SOS,
      },
    ],
  },
  {
    slug: 'community-reinforcement-approach',
    kind: 'method',
    title: 'Community Reinforcement Approach (CRA)',
    summary:
      'Behandling som bygger upp ett liv där nykterhet lönar sig: arbete, fritid, relationer och boende. Kan kombineras med anhörigstöd (CRAFT) för att få fler i behandling.',
    body: 'Kräver ett team som kan arbeta med flera livsområden samtidigt. Följ upp med ICF-bedömning enligt IBIC utöver AUDIT och DUDIT.',
    ksiCode: 'PHA.AE.CRA',
    targetGroups: ['adults_with_substance_use', 'relatives'],
    operatingAreas: ['individual_family_care'],
    problems: ['alcohol', 'drugs'],
    evidence: 'moderate',
    outcomeIndicators: ['K30001', 'K30002', 'K30003'],
    references: [
      {
        kind: 'guideline',
        title: 'Nationella riktlinjer för vård och stöd vid missbruk och beroende',
        year: 2019,
        url: SOS,
      },
    ],
  },
  {
    slug: 'stodsamtal-missbruk',
    kind: 'intervention',
    title: 'Strukturerade stödsamtal',
    summary:
      'Regelbundna samtal med en kontaktperson som stöd i vardagen. Vanligt i socialtjänsten men med svagt stöd som enda insats vid beroende; bäst i kombination med behandling som har bättre stöd.',
    body: 'Följ upp klientens egen bild av målen och skattningarna vid 6 och 12 månader innan insatsen förlängs.',
    ksiCode: 'PHA.SB.STOD',
    targetGroups: ['adults_with_substance_use'],
    operatingAreas: ['individual_family_care'],
    problems: ['alcohol', 'drugs'],
    evidence: 'very_low',
    outcomeIndicators: ['K30004'],
    references: [
      {
        kind: 'report',
        title: 'Socialstyrelsen: Öppna jämförelser missbruks- och beroendevården',
        year: 2022,
        url: SOS,
      },
    ],
  },
  {
    slug: 'bemotandeplan-bpsd',
    kind: 'method',
    title: 'Bemötandeplan vid BPSD',
    summary:
      'Vid beteendemässiga och psykiska symtom vid demenssjukdom observerar teamet med NPI-NH, analyserar orsaker som smärta och miljö, gör en individuell bemötandeplan och utvärderar med en ny skattning.',
    body: 'Arbetssättet används i BPSD-registret och minskar behovet av lugnande läkemedel när orsakerna åtgärdas.',
    targetGroups: ['people_with_dementia', 'older_people'],
    operatingAreas: ['elderly_care'],
    problems: ['bpsd'],
    evidence: 'low',
    outcomeIndicators: [],
    references: [
      {
        kind: 'guideline',
        title: 'Nationella riktlinjer för vård och omsorg vid demenssjukdom',
        year: 2017,
        url: SOS,
      },
      { kind: 'report', title: 'BPSD-registret', year: 2024, url: 'https://www.bpsd.se/' },
    ],
  },
  {
    slug: 'anhorigstod',
    kind: 'intervention',
    title: 'Stöd till anhöriga som vårdar',
    summary:
      'Anhöriga som vårdar en närstående med demenssjukdom eller missbruk behöver information, avlastning och någon att prata med. Utbildningsprogram och samtalsgrupper minskar anhörigas belastning.',
    body: 'Kommunen ska enligt socialtjänstlagen erbjuda stöd till anhöriga. Fråga den anhöriga vad som behövs.',
    targetGroups: ['relatives', 'people_with_dementia'],
    operatingAreas: ['elderly_care', 'individual_family_care', 'disability'],
    problems: ['bpsd'],
    evidence: 'low',
    outcomeIndicators: [],
    references: [
      {
        kind: 'report',
        title: 'Nationellt kompetenscentrum anhöriga',
        year: 2024,
        url: 'https://anhoriga.se/',
      },
    ],
  },
];

/** The demo's good example: its text is ours; its figures come from the published values. */
export const SEED_EXAMPLE = {
  slug: 'exempel-fallteam-i-hemtjansten',
  title: 'Exempel: fallteam i hemtjänsten',
  summary:
    'Ett påhittat exempel för demon: en kommun gav hemtjänsten ett fallteam med fysioterapeut och arbetsterapeut som gör hembesök hos äldre med hög fallrisk, och följde andelen äldre som fallit i sina egna indikatorer.',
  body: 'Vad de gjorde: riskbedömning med Downton vid start i hemtjänsten, hembesök inom två veckor, träning av balans och styrka, översyn av hemmiljön och läkemedel. Siffrorna före och efter hämtas ur kommunens publicerade värden.',
  municipalityCode: '0180',
  indicatorId: 'K10008',
};
