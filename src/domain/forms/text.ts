import { z } from 'zod';

/** A user-visible text in Swedish (the default language) and English. */
export interface LocalizedText {
  sv: string;
  en: string;
}

export type Language = keyof LocalizedText;

const nonBlank = z.string().regex(/\S/, { message: 'must not be blank' });

export const localizedTextSchema: z.ZodType<LocalizedText> = z.strictObject({ sv: nonBlank, en: nonBlank });

/** A code from a code system, e.g. a LOINC code for an item or an answer. */
export interface Coding {
  system?: string;
  code: string;
  display?: string;
}

export const codingSchema: z.ZodType<Coding> = z.strictObject({
  system: z.string().min(1).optional(),
  code: z.string().regex(/^\S(.*\S)?$/, { message: 'must be a code without surrounding spaces' }),
  display: z.string().min(1).optional(),
});
