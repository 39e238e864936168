import type { ComponentType } from 'react';
import type { Action } from '../../domain/policy/policy';
import type { MessageKey } from '../i18n/messages';
import { OrgPage } from './OrgPage';
import { InstrumentsPage } from './instruments/InstrumentsPage';
import { LoginPage } from './login/LoginPage';
import { AccountsPage } from './admin/AccountsPage';
import { AuditPage } from './audit/AuditPage';
import { PublicPage } from './public/PublicPage';
import { PersonsSection } from './registers/PersonsSection';
import { ImportPage } from './imports/ImportPage';

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
  { path: '/logg', navKey: 'nav.audit', component: AuditPage, inNav: true, access: 'audit.review' },
  { path: '/logga-in', navKey: 'nav.login', component: LoginPage, inNav: false },
];

export const START_PATH = '/org';
