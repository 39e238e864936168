/**
 * Classifies Kolada's municipality groups. Kolada publishes similar-municipality groups titled
 * "Liknande kommuner <area>, <municipality>, <year>", and SKR's municipality groups as
 * "<group name> (ovägt medel)" with ids G92786–G92794.
 */
export type GroupKind = 'skr' | 'similar' | 'other';

export interface SimilarGroupTitle {
  operatingArea: string;
  municipalityName: string;
  year: number;
}

const SIMILAR = /^Liknande kommuner (.+), (.+), (\d{4})$/;

export function parseSimilarGroupTitle(title: string): SimilarGroupTitle | undefined {
  const m = SIMILAR.exec(title.trim());
  if (!m?.[1] || !m[2] || !m[3]) return undefined;
  return { operatingArea: m[1], municipalityName: m[2], year: Number(m[3]) };
}
