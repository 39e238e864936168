/**
 * Exact rational numbers over BigInt, always normalised: the denominator is positive and
 * gcd(|num|, den) = 1, so two equal values have equal fields and `equals` is a field comparison.
 * Used by the disclosure verifier, where floating point could hide or invent a leak.
 */
export class Rational {
  static readonly ZERO = new Rational(0n, 1n);
  static readonly ONE = new Rational(1n, 1n);
  static readonly MINUS_ONE = new Rational(-1n, 1n);

  private constructor(
    readonly num: bigint,
    readonly den: bigint,
  ) {}

  /** Builds num/den from integers (safe-integer numbers or bigints) and normalises it. */
  static of(num: bigint | number, den: bigint | number = 1n): Rational {
    const n = toBigInt(num);
    const d = toBigInt(den);
    if (d === 0n) throw new RangeError('Rational: denominator is zero');
    if (n === 0n) return Rational.ZERO;
    const sign = d < 0n ? -1n : 1n;
    const g = gcd(abs(n), abs(d));
    return new Rational((sign * n) / g, (sign * d) / g);
  }

  isZero(): boolean {
    return this.num === 0n;
  }

  isInteger(): boolean {
    return this.den === 1n;
  }

  equals(other: Rational): boolean {
    return this.num === other.num && this.den === other.den;
  }

  neg(): Rational {
    return this.num === 0n ? this : new Rational(-this.num, this.den);
  }

  add(other: Rational): Rational {
    if (this.den === 1n && other.den === 1n) return Rational.of(this.num + other.num);
    return Rational.of(this.num * other.den + other.num * this.den, this.den * other.den);
  }

  sub(other: Rational): Rational {
    return this.add(other.neg());
  }

  mul(other: Rational): Rational {
    if (this.den === 1n && other.den === 1n) return Rational.of(this.num * other.num);
    return Rational.of(this.num * other.num, this.den * other.den);
  }

  div(other: Rational): Rational {
    if (other.num === 0n) throw new RangeError('Rational: division by zero');
    return Rational.of(this.num * other.den, this.den * other.num);
  }

  /** Nearest double; exact for the integer counts the verifier recovers. */
  toNumber(): number {
    return Number(this.num) / Number(this.den);
  }

  /** "7", "-3/4". */
  toString(): string {
    return this.den === 1n ? this.num.toString() : `${this.num}/${this.den}`;
  }
}

function toBigInt(value: bigint | number): bigint {
  if (typeof value === 'bigint') return value;
  if (!Number.isSafeInteger(value)) throw new RangeError(`Rational: ${value} is not a safe integer`);
  return BigInt(value);
}

function abs(value: bigint): bigint {
  return value < 0n ? -value : value;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}
