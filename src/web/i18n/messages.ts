/**
 * The web app's message catalogue: Swedish first, English second. Every key exists in both
 * languages (each catalogue's type makes a missing translation a compile error), and every key of
 * every catalogue is a `MessageKey`. Only the texts every page may show (the header, the public
 * pages, login) are here from the first load; a staff page's catalogues arrive with its chunk
 * (./areas.ts), so a public page neither downloads nor parses them.
 */
import type { agreementsSv } from './messages-agreements';
import type { analyticsSv } from './messages-analytics';
import type { auditSv } from './messages-audit';
import type { editorialSv } from './messages-editorial';
import type { identitySv } from './messages-identity';
import type { importsSv } from './messages-imports';
import type { instrumentsSv } from './messages-instruments';
import type { librarySv } from './messages-library';
import type { personsSv } from './messages-persons';
import { publicEn, publicSv } from './messages-public';
import type { registersSv } from './messages-registers';
import { sessionEn, sessionSv } from './messages-session';
import type { rulesSv } from './messages-rules';
import type { surveysSv } from './messages-surveys';

export type Lang = 'sv' | 'en';

const coreSv = {
  'app.name': 'Kunskapsnav',
  'app.tagline': 'Kunskapsbaserad socialtjänst',
  'app.skipToContent': 'Hoppa till innehållet',
  'app.language': 'Språk',
  'app.switchTo': 'In English',
  'app.syntheticBanner': 'Demoläge: enheter och personer här är syntetiska (påhittade) data.',
  'nav.main': 'Huvudmeny',
  'nav.org': 'Organisationsregister',
  'common.loading': 'Laddar …',
  'common.error': 'Något gick fel: {message}',
  'common.search': 'Sök',
  'common.asOf': 'Per datum',
  'common.synthetic': 'syntetisk',
  'common.noResults': 'Inga träffar.',
  'common.showMore': 'Visa fler',
  'org.title': 'Organisationsregister',
  'org.intro': 'Riket, 21 regioner, 290 kommuner och deras enheter, så som de såg ut på valt datum.',
  'org.searchLabel': 'Sök kommun, region eller enhet',
  'org.searchHint': 'Namn eller kod, till exempel "Gotland" eller "0980".',
  'org.nation': 'Riket',
  'org.regionCount.one': '{count} kommun',
  'org.regionCount.other': '{count} kommuner',
  'org.unitCount.one': '{count} enhet',
  'org.unitCount.other': '{count} enheter',
  'org.skrGroup': 'Kommungrupp (SKR): {group}',
  'org.units': 'Enheter',
  'org.unitsIn': 'Enheter i {name}',
  'org.noUnits': 'Inga enheter registrerade detta datum.',
  'org.matchingUnits': 'Enheter som matchar ”{query}”',
  'org.col.name': 'Namn',
  'org.col.code': 'Kod',
  'org.col.type': 'Typ',
  'org.col.area': 'Verksamhetsområde',
  'org.col.provider': 'Regi',
  'org.col.validFrom': 'Giltig från',
  'org.provider.municipal': 'Kommunal',
  'org.provider.private': 'Privat',
  'org.provider.non_profit': 'Idéburen',
  'org.area.elderly_care': 'Äldreomsorg',
  'org.area.disability': 'Funktionshinder',
  'org.area.individual_family_care': 'Individ- och familjeomsorg',
  'org.area.health_care': 'Hälso- och sjukvård',
  'org.area.other': 'Övrigt',
  'org.unitType.special_housing': 'Särskilt boende',
  'org.unitType.home_care': 'Hemtjänst',
  'org.unitType.short_term_housing': 'Korttidsboende',
  'org.unitType.daily_activity': 'Daglig verksamhet',
  'org.unitType.group_home': 'Gruppbostad',
  'org.unitType.personal_assistance': 'Personlig assistans',
  'org.unitType.ifo_section': 'IFO-enhet',
  'org.unitType.other': 'Övrigt',
  'nav.instruments': 'Bedömningsinstrument',
  'notFound.title': 'Sidan finns inte',
  'notFound.back': 'Till startsidan',
  'nav.login': 'Logga in',
  'nav.admin': 'Konton',
  'nav.agreements': 'Överenskommelser',
  'nav.analytics': 'Levande värden',
  'nav.audit': 'Logg',
  'nav.editorial': 'Redaktion',
  'nav.imports': 'Importera',
  'nav.library': 'Kunskapsbibliotek',
  'nav.persons': 'Personer',
  'nav.surveys': 'Brukarundersökningar',
  'nav.comparisons': 'Öppna jämförelser',
};

type FirstLoadKey = keyof typeof coreSv | keyof typeof publicSv | keyof typeof sessionSv;

export type MessageKey =
  | FirstLoadKey
  | keyof typeof agreementsSv
  | keyof typeof analyticsSv
  | keyof typeof auditSv
  | keyof typeof editorialSv
  | keyof typeof identitySv
  | keyof typeof importsSv
  | keyof typeof instrumentsSv
  | keyof typeof librarySv
  | keyof typeof personsSv
  | keyof typeof registersSv
  | keyof typeof rulesSv
  | keyof typeof surveysSv;

const coreEn: Record<keyof typeof coreSv, string> = {
  'app.name': 'Kunskapsnav',
  'app.tagline': 'Knowledge-based social services',
  'app.skipToContent': 'Skip to content',
  'app.language': 'Language',
  'app.switchTo': 'På svenska',
  'app.syntheticBanner': 'Demo mode: units and people shown here are synthetic (made-up) data.',
  'nav.main': 'Main menu',
  'nav.org': 'Organisation register',
  'common.loading': 'Loading …',
  'common.error': 'Something went wrong: {message}',
  'common.search': 'Search',
  'common.asOf': 'As of',
  'common.synthetic': 'synthetic',
  'common.noResults': 'No matches.',
  'common.showMore': 'Show more',
  'org.title': 'Organisation register',
  'org.intro': 'The nation, 21 regions, 290 municipalities and their units, as they were on the chosen date.',
  'org.searchLabel': 'Search municipality, region or unit',
  'org.searchHint': 'Name or code, for example "Gotland" or "0980".',
  'org.nation': 'Sweden',
  'org.regionCount.one': '{count} municipality',
  'org.regionCount.other': '{count} municipalities',
  'org.unitCount.one': '{count} unit',
  'org.unitCount.other': '{count} units',
  'org.skrGroup': 'Municipality group (SKR): {group}',
  'org.units': 'Units',
  'org.unitsIn': 'Units in {name}',
  'org.noUnits': 'No units registered on this date.',
  'org.matchingUnits': 'Units matching “{query}”',
  'org.col.name': 'Name',
  'org.col.code': 'Code',
  'org.col.type': 'Type',
  'org.col.area': 'Operating area',
  'org.col.provider': 'Provider',
  'org.col.validFrom': 'Valid from',
  'org.provider.municipal': 'Municipal',
  'org.provider.private': 'Private',
  'org.provider.non_profit': 'Non-profit',
  'org.area.elderly_care': 'Elderly care',
  'org.area.disability': 'Disability services',
  'org.area.individual_family_care': 'Individual and family care',
  'org.area.health_care': 'Health care',
  'org.area.other': 'Other',
  'org.unitType.special_housing': 'Special housing',
  'org.unitType.home_care': 'Home care',
  'org.unitType.short_term_housing': 'Short-term housing',
  'org.unitType.daily_activity': 'Daily activity',
  'org.unitType.group_home': 'Group home',
  'org.unitType.personal_assistance': 'Personal assistance',
  'org.unitType.ifo_section': 'Social services section',
  'org.unitType.other': 'Other',
  'nav.instruments': 'Assessment instruments',
  'notFound.title': 'Page not found',
  'notFound.back': 'To the start page',
  'nav.login': 'Log in',
  'nav.admin': 'Accounts',
  'nav.agreements': 'Agreements',
  'nav.analytics': 'Live values',
  'nav.audit': 'Log',
  'nav.editorial': 'Editorial',
  'nav.imports': 'Import',
  'nav.library': 'Knowledge library',
  'nav.persons': 'Persons',
  'nav.surveys': 'User surveys',
  'nav.comparisons': 'Open comparisons',
};

export type Texts = Partial<Record<MessageKey, string>>;

/** The texts loaded so far, per language: the first load's, then each staff area's as it arrives. */
const loaded: Record<Lang, Texts> = {
  sv: { ...coreSv, ...sessionSv, ...publicSv },
  en: { ...coreEn, ...sessionEn, ...publicEn },
};

/** Adds an area's texts (./areas.ts); both languages at once, so the switch works on every page. */
export function addTexts(texts: Record<Lang, Texts>): void {
  Object.assign(loaded.sv, texts.sv);
  Object.assign(loaded.en, texts.en);
}

/** The text of a loaded key; undefined when its area has not been loaded (a test guards that). */
export function lookupText(lang: Lang, key: MessageKey): string | undefined {
  return loaded[lang][key];
}

/** For keys built from data (an action or a rule from the server) that may not be ours. */
export function isMessageKey(key: string): key is MessageKey {
  return key in loaded.sv;
}
