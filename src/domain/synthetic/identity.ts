import { createHash } from 'node:crypto';
import { luhnCheckDigit } from '../persons/personnummer.js';
import type { Random } from '../random.js';
import { isoOf } from './dates.js';
import type { Sex } from './types.js';

/**
 * Synthetic identities: personnummer with serial numbers 900–999 only (so a synthetic number is
 * recognisable at a glance and the serials of ordinary numbers are left alone), a valid Luhn
 * check digit, and names from short lists of common Swedish names.
 */
export const SYNTHETIC_SERIAL_FROM = 900;
export const SYNTHETIC_SERIAL_TO = 999;

/** True when a normalised 12-digit number lies in the synthetic serial range. */
export function isSyntheticNumber(normalised12: string): boolean {
  const serial = Number(normalised12.slice(8, 11));
  return serial >= SYNTHETIC_SERIAL_FROM && serial <= SYNTHETIC_SERIAL_TO;
}

/**
 * Hands out unique numbers: a random serial of the right parity (odd third digit for men),
 * the next free one on a collision, and the following birth day when a day is full.
 */
export class PersonnummerPool {
  private readonly used = new Set<string>();

  take(rng: Random, birthDay: number, sex: Sex): { personnummer12: string; birthDay: number } {
    const serials = (SYNTHETIC_SERIAL_TO - SYNTHETIC_SERIAL_FROM + 1) / 2;
    const start = rng.int(0, serials - 1);
    for (let day = birthDay; ; day++) {
      for (let k = 0; k < serials; k++) {
        const serial = SYNTHETIC_SERIAL_FROM + 2 * ((start + k) % serials) + (sex === 'M' ? 1 : 0);
        const number = numberOf(isoOf(day), serial);
        if (!this.used.has(number)) {
          this.used.add(number);
          return { personnummer12: number, birthDay: day };
        }
      }
    }
  }
}

function numberOf(birthDate: string, serial: number): string {
  const ymd = birthDate.replaceAll('-', '');
  const nine = ymd.slice(2) + String(serial).padStart(3, '0');
  return ymd + String(serial).padStart(3, '0') + String(luhnCheckDigit(nine));
}

/** A uuid of version-4 shape from a name (sha-256), so ids follow from the seed alone. */
export function uuidFrom(text: string): string {
  return uuidPrefix(text) + createHash('sha256').update(text).digest('hex').slice(20, 28);
}

/**
 * The first 28 of a uuid's 32 hex digits from a name; ids that share it differ in the last
 * eight (a counter), which saves hashing every entry of a person separately.
 */
export function uuidPrefix(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  const variant = ((parseInt(h.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 24)}`;
}

/** The n-th id under a prefix from uuidPrefix. */
export const uuidAt = (prefix: string, n: number): string => prefix + n.toString(16).padStart(8, '0');

const WOMEN = [
  'Anna',
  'Maria',
  'Margareta',
  'Elisabeth',
  'Eva',
  'Birgitta',
  'Kristina',
  'Karin',
  'Elsa',
  'Ingrid',
  'Marianne',
  'Gunilla',
  'Ulla',
  'Britt',
  'Inger',
  'Barbro',
  'Kerstin',
  'Gunnel',
  'Sara',
  'Emma',
  'Lena',
  'Linnea',
  'Astrid',
  'Sonja',
];
const MEN = [
  'Karl',
  'Erik',
  'Lars',
  'Anders',
  'Per',
  'Johan',
  'Nils',
  'Olof',
  'Bengt',
  'Sven',
  'Gunnar',
  'Lennart',
  'Kjell',
  'Bo',
  'Rolf',
  'Göran',
  'Stig',
  'Leif',
  'Mikael',
  'Jonas',
  'Andreas',
  'Ahmed',
  'Mohammed',
  'Ali',
];
const SURNAMES = [
  'Andersson',
  'Johansson',
  'Karlsson',
  'Nilsson',
  'Eriksson',
  'Larsson',
  'Olsson',
  'Persson',
  'Svensson',
  'Gustafsson',
  'Pettersson',
  'Jonsson',
  'Jansson',
  'Hansson',
  'Bengtsson',
  'Jönsson',
  'Lindberg',
  'Jakobsson',
  'Magnusson',
  'Lindström',
  'Olofsson',
  'Lindqvist',
  'Lindgren',
  'Berg',
  'Axelsson',
  'Bergström',
  'Lundberg',
  'Lind',
  'Lundgren',
  'Mattsson',
  'Hussein',
  'Mohammed',
];

export function nameOf(rng: Random, sex: Sex): string {
  return `${rng.pick(sex === 'K' ? WOMEN : MEN)} ${rng.pick(SURNAMES)}`;
}
