/**
 * Swedish personal identity numbers (personnummer) and coordination numbers (samordningsnummer).
 *
 * Accepted forms: YYMMDD-NNNC, YYMMDD+NNNC, YYMMDDNNNC, YYYYMMDD-NNNC and YYYYMMDDNNNC. In the
 * 10-digit forms the century follows from the separator and a reference date: "-" (or none) means
 * the person is under 100 on that date, "+" that they are 100 or older. A samordningsnummer has
 * 60 added to the day of birth. C is a Luhn check digit over the 9 digits before it, and the
 * second-to-last digit gives the legal sex (odd = M, even = K). See DOMAIN.md §8 (Skatteverket).
 *
 * Our own parser rather than the `personnummer` package: that one resolves the century against
 * the machine's current local time, and we need a reference date we pass in (tests, and the Swedish
 * calendar date rather than the server's time zone).
 */
export type LegalSex = 'M' | 'K';
export type IdentityNumberKind = 'personnummer' | 'samordningsnummer';

export interface IdentityNumber {
  /** Normalised form: 12 digits, century included, no separator, e.g. "197010632391". */
  normalised: string;
  kind: IdentityNumberKind;
  /** ISO date of birth (the real day, also for a samordningsnummer). */
  birthDate: string;
  legalSex: LegalSex;
}

export type IdentityNumberRule =
  'format' | 'plus_with_century' | 'serial' | 'date' | 'future_birth_date' | 'check_digit';

export type ParseResult =
  { ok: true; value: IdentityNumber } | { ok: false; rule: IdentityNumberRule; message: string };

const FORM = /^(\d{2})?(\d{2})(\d{2})(\d{2})([-+]?)(\d{3})(\d)$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const COORDINATION_OFFSET = 60;

function fail(rule: IdentityNumberRule, message: string): ParseResult {
  return { ok: false, rule, message };
}

/** Luhn (mod 10) check digit over the given digits, weights 2, 1, 2, … from the left. */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const product = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    sum += product > 9 ? product - 9 : product;
  }
  return (10 - (sum % 10)) % 10;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

interface ReferenceDate {
  year: number;
  month: number;
  day: number;
}

function parseReferenceDate(iso: string): ReferenceDate {
  const m = ISO_DATE.exec(iso);
  if (!m) throw new Error(`reference date must be YYYY-MM-DD, got ${iso}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

/** month/day compared as a pair: negative when a is earlier in the year than b. */
function compareMonthDay(aMonth: number, aDay: number, bMonth: number, bDay: number): number {
  return aMonth !== bMonth ? aMonth - bMonth : aDay - bDay;
}

/**
 * The full year of a 10-digit number: the latest year ending in `yy` whose birthday is not after
 * the reference date (age 0–99), minus 100 more for "+" (age 100–199).
 */
function fullYearOf(yy: number, month: number, day: number, plus: boolean, ref: ReferenceDate): number {
  let year = ref.year - ((((ref.year - yy) % 100) + 100) % 100);
  if (year === ref.year && compareMonthDay(month, day, ref.month, ref.day) > 0) year -= 100;
  return plus ? year - 100 : year;
}

/**
 * Parses and validates a personnummer or samordningsnummer. `referenceDate` (YYYY-MM-DD, the
 * Swedish calendar date) decides the century of 10-digit forms and bounds the birth date.
 */
export function parseIdentityNumber(input: string, referenceDate: string): ParseResult {
  const ref = parseReferenceDate(referenceDate);
  const m = FORM.exec(input.trim());
  if (!m) {
    return fail(
      'format',
      'must be a personnummer or samordningsnummer written YYMMDD-NNNC, YYMMDD+NNNC or YYYYMMDD-NNNC (digits only)',
    );
  }
  const part = (i: number): string => m[i] ?? '';
  const century = m[1];
  const [yy, mm, dd, separator, serial, check] = [part(2), part(3), part(4), part(5), part(6), part(7)];
  if (century !== undefined && separator === '+') {
    return fail(
      'plus_with_century',
      'must not use "+" in the 12-digit form (the century is already written)',
    );
  }
  // Skatteverket never issues the serial number 000.
  if (serial === '000') return fail('serial', 'must not have 000 as its serial number (digits 7–9)');
  const month = Number(mm);
  const writtenDay = Number(dd);
  const kind: IdentityNumberKind = writtenDay > COORDINATION_OFFSET ? 'samordningsnummer' : 'personnummer';
  const day = kind === 'samordningsnummer' ? writtenDay - COORDINATION_OFFSET : writtenDay;
  const year =
    century !== undefined ? Number(century + yy) : fullYearOf(Number(yy), month, day, separator === '+', ref);

  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    // The message does not echo the date: problem details must not carry parts of the number.
    return fail('date', 'must contain a real date of birth (day 61–91 for a samordningsnummer)');
  }
  const birthDate = `${pad(year, 4)}-${mm}-${pad(day, 2)}`;
  if (birthDate > referenceDate)
    return fail('future_birth_date', 'must not have a date of birth in the future');

  const tenDigits = yy + mm + dd + serial;
  if (luhnCheckDigit(tenDigits) !== Number(check)) {
    return fail('check_digit', 'has a wrong check digit (the last digit); check for a typing error');
  }
  const sexDigit = Number(serial[2]);
  return {
    ok: true,
    value: {
      normalised: pad(year, 4) + mm + dd + serial + check,
      kind,
      birthDate,
      legalSex: sexDigit % 2 === 1 ? 'M' : 'K',
    },
  };
}
