import { lazy, type ComponentType } from 'react';
import type { Action } from '../../domain/policy/policy';
import type { MessageKey } from '../i18n/messages';
import { OrgPage } from './OrgPage';
import { LoginPage } from './login/LoginPage';
import { PublicPage } from './public/PublicPage';

// Pages for professionals load on demand: the public pages, read by anyone on any connection,
// should not wait for the instrument library, the form runtime and the admin screens.
const InstrumentsPage = lazy(() =>
  import('./instruments/InstrumentsPage').then((m) => ({ default: m.InstrumentsPage })),
);
const AccountsPage = lazy(() => import('./admin/AccountsPage').then((m) => ({ default: m.AccountsPage })));
const AuditPage = lazy(() => import('./audit/AuditPage').then((m) => ({ default: m.AuditPage })));
const PersonsSection = lazy(() =>
  import('./registers/PersonsSection').then((m) => ({ default: m.PersonsSection })),
);
const LibraryPage = lazy(() => import('./library/LibraryPage').then((m) => ({ default: m.LibraryPage })));
const EditorialPage = lazy(() =>
  import('./editorial/EditorialPage').then((m) => ({ default: m.EditorialPage })),
);
const SurveysPage = lazy(() => import('./surveys/SurveysPage').then((m) => ({ default: m.SurveysPage })));
const AnalyticsPage = lazy(() =>
  import('./analytics/AnalyticsPage').then((m) => ({ default: m.AnalyticsPage })),
);
const ImportPage = lazy(() => import('./imports/ImportPage').then((m) => ({ default: m.ImportPage })));
const AgreementsPage = lazy(() =>
  import('./agreements/AgreementsPage').then((m) => ({ default: m.AgreementsPage })),
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
