/**
 * One-time survey codes: typed by hand from a letter, so the alphabet leaves out look-alikes
 * (0/O, 1/I/L, U/V), and long enough that guessing is hopeless: 18 symbols of 29 carry 87 bits.
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTWXYZ';
export const CODE_LENGTH = 18;
const GROUP = 6;

/** Bits of entropy in one code: length · log2(alphabet size). */
export const CODE_BITS = CODE_LENGTH * Math.log2(CODE_ALPHABET.length);

/** A new code from an unbiased source of integers in [0, n), e.g. crypto.randomInt. */
export function generateCode(randomInt: (n: number) => number): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** The code as printed: groups of six separated by hyphens. */
export function formatCode(code: string): string {
  return code.match(new RegExp(`.{1,${GROUP}}`, 'g'))?.join('-') ?? code;
}

/**
 * The canonical code from what someone typed (spaces, hyphens, lower case), or null when it cannot
 * be a code at all, so nothing that is not a code is ever hashed or counted as a guess twice.
 */
export function normalizeCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== CODE_LENGTH) return null;
  for (const ch of code) if (!CODE_ALPHABET.includes(ch)) return null;
  return code;
}
