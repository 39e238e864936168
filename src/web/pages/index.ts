import { lazy, type ComponentType } from 'react';
import type { Action } from '../../domain/policy/policy';
import { loadTexts, type TextArea } from '../i18n/areas';
import type { MessageKey } from '../i18n/messages';
import { OrgPage } from './OrgPage';
import { PublicPage } from './public/PublicPage';

// Pages for professionals load on demand, each with its area's texts: the public pages, read by
// anyone on any connection, should not wait for the instrument library, the form runtime, the
// admin screens or their words. The page renders once both are there (no untranslated keys).
function lazyPage(areas: readonly TextArea[], load: () => Promise<ComponentType>) {
  return lazy(() => Promise.all([load(), loadTexts(areas)]).then(([component]) => ({ default: component })));
}

const InstrumentsPage = lazyPage(['instruments'], () =>
  import('./instruments/InstrumentsPage').then((m) => m.InstrumentsPage),
);
const AccountsPage = lazyPage(['identity', 'rules'], () =>
  import('./admin/AccountsPage').then((m) => m.AccountsPage),
);
const AuditPage = lazyPage(['audit', 'rules'], () => import('./audit/AuditPage').then((m) => m.AuditPage));
const PersonsSection = lazyPage(['persons', 'registers', 'instruments', 'library', 'rules'], () =>
  import('./registers/PersonsSection').then((m) => m.PersonsSection),
);
const LibraryPage = lazyPage(['library'], () => import('./library/LibraryPage').then((m) => m.LibraryPage));
const EditorialPage = lazyPage(['editorial', 'library', 'rules'], () =>
  import('./editorial/EditorialPage').then((m) => m.EditorialPage),
);
const SurveysPage = lazyPage(['surveys', 'rules'], () =>
  import('./surveys/SurveysPage').then((m) => m.SurveysPage),
);
const AnalyticsPage = lazyPage(['analytics'], () =>
  import('./analytics/AnalyticsPage').then((m) => m.AnalyticsPage),
);
const ImportPage = lazyPage(['imports', 'registers', 'rules'], () =>
  import('./imports/ImportPage').then((m) => m.ImportPage),
);
const LoginPage = lazyPage([], () => import('./login/LoginPage').then((m) => m.LoginPage));
const AgreementsPage = lazyPage(['agreements', 'rules'], () =>
  import('./agreements/AgreementsPage').then((m) => m.AgreementsPage),
);

/** Every page of the web app: its path, its menu label, and its component. */
export interface PageEntry {
  path: string;
  navKey: MessageKey;
  component: ComponentType;
  /** Shown in the main menu (to those it is open to). */
  inNav: boolean;
  /** Needs a login whose roles allow this action; without it the page is public. */
  access?: Action;
}

export const pages: PageEntry[] = [
  { path: '/org', navKey: 'nav.org', component: OrgPage, inNav: true },
  { path: '/instruments', navKey: 'nav.instruments', component: InstrumentsPage, inNav: true },
  { path: '/jamforelser', navKey: 'nav.comparisons', component: PublicPage, inNav: true },
  { path: '/bibliotek', navKey: 'nav.library', component: LibraryPage, inNav: true },
  { path: '/overenskommelser', navKey: 'nav.agreements', component: AgreementsPage, inNav: true },
  {
    path: '/redaktion',
    navKey: 'nav.editorial',
    component: EditorialPage,
    inNav: true,
    access: 'library.submit',
  },
  {
    path: '/admin/konton',
    navKey: 'nav.admin',
    component: AccountsPage,
    inNav: true,
    access: 'accounts.manage',
  },
  {
    path: '/personer',
    navKey: 'nav.persons',
    component: PersonsSection,
    inNav: true,
    access: 'individual.read',
  },
  {
    path: '/import',
    navKey: 'nav.imports',
    component: ImportPage,
    inNav: true,
    access: 'individual.write',
  },
  {
    path: '/analys',
    navKey: 'nav.analytics',
    component: AnalyticsPage,
    inNav: true,
    access: 'aggregates.read',
  },
  { path: '/enkater', navKey: 'nav.surveys', component: SurveysPage, inNav: true, access: 'aggregates.read' },
  { path: '/logg', navKey: 'nav.audit', component: AuditPage, inNav: true, access: 'audit.review' },
  { path: '/logga-in', navKey: 'nav.login', component: LoginPage, inNav: false },
];

export const START_PATH = '/org';
