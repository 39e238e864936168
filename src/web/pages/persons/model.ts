/** Today in Sweden (YYYY-MM-DD): the reference date for the century of a 10-digit number. */
export function swedishToday(): string {
  return new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
}

/** The first characters of a pseudonym: enough to tell persons apart on screen. */
export function shortPseudonym(p: string): string {
  return `${p.slice(0, 10)}…`;
}
