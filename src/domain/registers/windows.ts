/**
 * Time limits of the palliative register (DOMAIN.md §3): a death is registered by the unit
 * where the person died within 6 months, and a submitted registration may be corrected for 10
 * days after it was first submitted. Both are settings; these are the defaults.
 */
export interface PalliativeWindows {
  registrationMonths: number;
  editDays: number;
}

export const DEFAULT_PALLIATIVE_WINDOWS: PalliativeWindows = { registrationMonths: 6, editDays: 10 };

/** The last day (inclusive) a death on `deathDate` may be registered. */
export function lastRegistrationDay(deathDate: string, months: number): string {
  const [y, m, d] = deathDate.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastOfMonth = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastOfMonth));
  return target.toISOString().slice(0, 10);
}

export type WindowRefusal = 'registration_window_closed' | 'edit_window_closed';

/** Why a palliative registration may not be made or changed now, or null when it may. */
export function palliativeRefusal(
  w: PalliativeWindows,
  deathDate: string,
  today: string,
  firstSubmittedAt: Date | null,
  now: Date,
): WindowRefusal | null {
  if (firstSubmittedAt === null)
    return today <= lastRegistrationDay(deathDate, w.registrationMonths)
      ? null
      : 'registration_window_closed';
  return now.getTime() - firstSubmittedAt.getTime() <= w.editDays * 86_400_000 ? null : 'edit_window_closed';
}
