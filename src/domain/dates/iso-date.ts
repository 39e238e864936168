import { z } from 'zod';
import { isIsoDate } from '../org/validity.js';

/** A calendar date written YYYY-MM-DD, as every API and import file takes it. */
export const isoDate = z
  .string()
  .refine(isIsoDate, { message: 'must be a date written YYYY-MM-DD', params: { rule: 'iso_date' } });
