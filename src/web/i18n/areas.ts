/**
 * The staff pages' catalogues, one chunk per area, loaded with the pages that show them (see
 * pages/index.ts): a public page never fetches them. Which page needs which area is checked by
 * ./areas.test.ts against the keys each page's modules use.
 */
import { addTexts, type Lang, type Texts } from './messages';

type AreaTexts = Record<Lang, Texts>;

export const areaLoaders = {
  agreements: () => import('./messages-agreements').then((m) => ({ sv: m.agreementsSv, en: m.agreementsEn })),
  analytics: () => import('./messages-analytics').then((m) => ({ sv: m.analyticsSv, en: m.analyticsEn })),
  audit: () => import('./messages-audit').then((m) => ({ sv: m.auditSv, en: m.auditEn })),
  editorial: () => import('./messages-editorial').then((m) => ({ sv: m.editorialSv, en: m.editorialEn })),
  identity: () => import('./messages-identity').then((m) => ({ sv: m.identitySv, en: m.identityEn })),
  imports: () => import('./messages-imports').then((m) => ({ sv: m.importsSv, en: m.importsEn })),
  instruments: () =>
    import('./messages-instruments').then((m) => ({ sv: m.instrumentsSv, en: m.instrumentsEn })),
  library: () => import('./messages-library').then((m) => ({ sv: m.librarySv, en: m.libraryEn })),
  persons: () => import('./messages-persons').then((m) => ({ sv: m.personsSv, en: m.personsEn })),
  registers: () => import('./messages-registers').then((m) => ({ sv: m.registersSv, en: m.registersEn })),
  rules: () => import('./messages-rules').then((m) => ({ sv: m.rulesSv, en: m.rulesEn })),
  surveys: () => import('./messages-surveys').then((m) => ({ sv: m.surveysSv, en: m.surveysEn })),
} satisfies Record<string, () => Promise<AreaTexts>>;

export type TextArea = keyof typeof areaLoaders;

const loading = new Map<TextArea, Promise<void>>();

/** Loads (once) and adds the areas' texts in both languages. */
export function loadTexts(areas: readonly TextArea[]): Promise<void> {
  return Promise.all(
    areas.map((area) => {
      let done = loading.get(area);
      if (!done) {
        done = areaLoaders[area]().then(addTexts);
        // A failed fetch (offline) may be retried by the next navigation.
        done.catch(() => loading.delete(area));
        loading.set(area, done);
      }
      return done;
    }),
  ).then(() => undefined);
}
