import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import personnummerPackage from 'personnummer';
import { seededRandom } from '../random.js';
import {
  luhnCheckDigit,
  parseIdentityNumber,
  type IdentityNumber,
  type IdentityNumberRule,
} from './personnummer.js';

// The package's types describe an ES module but it ships CommonJS, so at run time the default
// import is the class itself.
const reference = personnummerPackage as unknown as { valid(pin: string): boolean };

// Check digits below were computed with luhnCheckDigit and cross-checked against Skatteverket's two
// published examples (701063-2391, 640823-3234).
const REF = '2025-06-01';

interface Valid {
  input: string;
  ref?: string;
  expect: IdentityNumber;
  why: string;
}

const valid: Valid[] = [
  {
    input: '640823-3234',
    why: "Skatteverket's example personnummer",
    expect: { normalised: '196408233234', kind: 'personnummer', birthDate: '1964-08-23', legalSex: 'M' },
  },
  {
    input: '701063-2391',
    why: "Skatteverket's example samordningsnummer (day 63 = the 3rd)",
    expect: { normalised: '197010632391', kind: 'samordningsnummer', birthDate: '1970-10-03', legalSex: 'M' },
  },
  {
    input: '6408233234',
    why: 'ten digits without a separator read as "-"',
    expect: { normalised: '196408233234', kind: 'personnummer', birthDate: '1964-08-23', legalSex: 'M' },
  },
  {
    input: '19640823-3234',
    why: '12-digit form with separator',
    expect: { normalised: '196408233234', kind: 'personnummer', birthDate: '1964-08-23', legalSex: 'M' },
  },
  {
    input: '196408233234',
    why: '12-digit form without separator',
    expect: { normalised: '196408233234', kind: 'personnummer', birthDate: '1964-08-23', legalSex: 'M' },
  },
  {
    input: '  640823-3234 ',
    why: 'surrounding spaces are ignored',
    expect: { normalised: '196408233234', kind: 'personnummer', birthDate: '1964-08-23', legalSex: 'M' },
  },
  {
    input: '640823-3242',
    why: 'even second-to-last digit → K',
    expect: { normalised: '196408233242', kind: 'personnummer', birthDate: '1964-08-23', legalSex: 'K' },
  },
  {
    input: '640861-3237',
    why: 'day 61 is the samordningsnummer for the 1st',
    expect: { normalised: '196408613237', kind: 'samordningsnummer', birthDate: '1964-08-01', legalSex: 'M' },
  },
  {
    input: '640891-3231',
    why: 'day 91 is the samordningsnummer for the 31st of a 31-day month',
    expect: { normalised: '196408913231', kind: 'samordningsnummer', birthDate: '1964-08-31', legalSex: 'M' },
  },
  {
    input: '000229-1235',
    why: '29 Feb 2000: a leap year (divisible by 400)',
    expect: { normalised: '200002291235', kind: 'personnummer', birthDate: '2000-02-29', legalSex: 'M' },
  },
  {
    input: '040229-1249',
    why: '29 Feb 2004: a leap year',
    expect: { normalised: '200402291249', kind: 'personnummer', birthDate: '2004-02-29', legalSex: 'K' },
  },
  {
    input: '121212+1212',
    why: '"+" means 100 or older: 1912, not 2012',
    expect: { normalised: '191212121212', kind: 'personnummer', birthDate: '1912-12-12', legalSex: 'M' },
  },
  {
    input: '121212-1212',
    why: '"-" means under 100: 2012',
    expect: { normalised: '201212121212', kind: 'personnummer', birthDate: '2012-12-12', legalSex: 'M' },
  },
  {
    input: '250601-1234',
    why: 'born on the reference date: age 0, this century',
    expect: { normalised: '202506011234', kind: 'personnummer', birthDate: '2025-06-01', legalSex: 'M' },
  },
  {
    input: '250602-1233',
    why: 'birthday tomorrow in this century is impossible, so 1925 (age 99)',
    expect: { normalised: '192506021233', kind: 'personnummer', birthDate: '1925-06-02', legalSex: 'M' },
  },
  {
    input: '250601+1234',
    why: '"+" on the 100th birthday',
    expect: { normalised: '192506011234', kind: 'personnummer', birthDate: '1925-06-01', legalSex: 'M' },
  },
  {
    input: '250602+1233',
    why: '"+" the day before the birthday: 1825 (age 199), still a real date',
    expect: { normalised: '182506021233', kind: 'personnummer', birthDate: '1825-06-02', legalSex: 'M' },
  },
  {
    input: '040229-1249',
    ref: '2104-02-28',
    why: 'on 2104-02-28 the 29 Feb 2004 birthday is the 100th only tomorrow, so "-" still means 2004',
    expect: { normalised: '200402291249', kind: 'personnummer', birthDate: '2004-02-29', legalSex: 'K' },
  },
];

interface Invalid {
  input: string;
  ref?: string;
  rule: IdentityNumberRule;
  why: string;
}

const invalid: Invalid[] = [
  { input: '640823-3235', rule: 'check_digit', why: 'wrong Luhn check digit' },
  { input: '701063-2382', rule: 'check_digit', why: 'samordningsnummer with a wrong check digit' },
  { input: '19640823-3235', rule: 'check_digit', why: '12-digit form with a wrong check digit' },
  { input: '640860-3238', rule: 'date', why: 'day 60 is neither a day nor a samordningsnummer day' },
  { input: '640491-3235', rule: 'date', why: 'day 91 = the 31st, but April has 30 days' },
  { input: '640892-3230', rule: 'date', why: 'day 92 = the 32nd' },
  { input: '050229-1230', rule: 'date', why: '29 Feb 2005 does not exist' },
  { input: '000229+1235', rule: 'date', why: '"+" makes it 1900, which is not a leap year' },
  { input: '19000229-1235', rule: 'date', why: '12-digit 29 Feb 1900' },
  { input: '641323-3234', rule: 'date', why: 'month 13' },
  { input: '640023-3234', rule: 'date', why: 'month 00' },
  { input: '640800-3234', rule: 'date', why: 'day 00' },
  { input: '20300101-1232', rule: 'future_birth_date', why: '12-digit date after the reference date' },
  { input: '19640823+3234', rule: 'plus_with_century', why: '"+" in the 12-digit form' },
  { input: '640823-0008', rule: 'serial', why: 'serial number 000 is never issued' },
  { input: '', rule: 'format', why: 'empty' },
  { input: 'abcdef-ghij', rule: 'format', why: 'letters' },
  { input: '64O823-3234', rule: 'format', why: 'letter O for zero' },
  { input: '640823–3234', rule: 'format', why: 'en dash as separator' },
  { input: '640823 3234', rule: 'format', why: 'space as separator' },
  { input: '640823--3234', rule: 'format', why: 'two separators' },
  { input: '64082332341', rule: 'format', why: '11 digits' },
  { input: '1964082332341', rule: 'format', why: '13 digits' },
  { input: '640823-323', rule: 'format', why: 'too short after the separator' },
  { input: '6408-233234', rule: 'format', why: 'separator in the wrong place' },
  { input: '640823-323X', rule: 'format', why: 'interim number letter' },
];

describe('parseIdentityNumber: valid numbers', () => {
  for (const c of valid) {
    it(`${JSON.stringify(c.input)} — ${c.why}`, () => {
      const result = parseIdentityNumber(c.input, c.ref ?? REF);
      assert.deepEqual(result, { ok: true, value: c.expect });
    });
  }
});

describe('parseIdentityNumber: invalid numbers', () => {
  for (const c of invalid) {
    it(`${JSON.stringify(c.input)} → ${c.rule} — ${c.why}`, () => {
      const result = parseIdentityNumber(c.input, c.ref ?? REF);
      assert.equal(result.ok, false);
      if (!result.ok) {
        assert.equal(result.rule, c.rule);
        assert.ok(result.message.length > 0);
      }
    });
  }
});

describe('luhnCheckDigit', () => {
  it('gives the check digits of the published examples', () => {
    assert.equal(luhnCheckDigit('640823323'), 4);
    assert.equal(luhnCheckDigit('701063239'), 1);
  });
});

describe('parseIdentityNumber agrees with the personnummer package on 12-digit forms', () => {
  it('for 2,000 seeded random numbers with past dates', () => {
    const random = seededRandom('personnummer-cross-check');
    let agreedValid = 0;
    for (let i = 0; i < 2000; i++) {
      const year = random.int(1900, 2020);
      const month = random.int(1, 12);
      const day = random.int(1, random.chance(0.3) ? 92 : 31);
      const nine =
        String(year % 100).padStart(2, '0') +
        pad2(month) +
        pad2(day) +
        String(random.int(0, 999)).padStart(3, '0');
      const check = random.chance(0.8) ? luhnCheckDigit(nine) : random.int(0, 9);
      const twelve = `${String(year).slice(0, 2)}${nine}${check}`;
      const ours = parseIdentityNumber(twelve, REF).ok;
      assert.equal(ours, reference.valid(twelve), twelve);
      if (ours) agreedValid++;
    }
    assert.ok(agreedValid > 500, 'the sample should contain many valid numbers');
  });
});

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
