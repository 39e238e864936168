import type { ComponentType } from 'react';
import type { MessageKey } from '../i18n/messages';
import { OrgPage } from './OrgPage';
import { InstrumentsPage } from './instruments/InstrumentsPage';

/** Every page of the web app: its path, its menu label, and its component. */
export interface PageEntry {
  path: string;
  navKey: MessageKey;
  component: ComponentType;
  /** Shown in the main menu. */
  inNav: boolean;
}

export const pages: PageEntry[] = [
  { path: '/org', navKey: 'nav.org', component: OrgPage, inNav: true },
  { path: '/instruments', navKey: 'nav.instruments', component: InstrumentsPage, inNav: true },
];

export const START_PATH = '/org';
