import type { EntryContent } from './types.js';

/** Test helpers: a complete entry content with overrides. */
export function content(over: Partial<EntryContent> & { title: string; summary: string }): EntryContent {
  return {
    body: '',
    ksiCode: null,
    instrumentId: null,
    targetGroups: [],
    operatingAreas: [],
    problems: [],
    evidence: 'moderate',
    outcomeIndicators: [],
    references: [],
    example: null,
    reviewDue: null,
    sampleWrittenOn: null,
    ...over,
  };
}
