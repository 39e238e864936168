import type { OperatingArea, ProviderType, UnitType } from '../domain/org/codes.js';

/** The organisation register as /api/v1/org answers it; every answer is "as of" a date. */

export interface Region {
  code: string;
  koladaId: string;
  /** Kolada's title ("Region Stockholm"), for the Kolada-compatible API. */
  koladaTitle: string;
  name: string;
  shortName: string;
  municipalityCount: number;
}

export interface Municipality {
  code: string;
  name: string;
  regionCode: string;
  regionName: string;
  skrGroup: { id: string; code: string; title: string } | null;
  unitCount: number;
}

/** One version of a unit: what was true about it from validFrom until validTo. */
export interface UnitVersion {
  versionId: number;
  unitId: string;
  code: string;
  synthetic: boolean;
  name: string;
  municipalityCode: string;
  municipalityName: string;
  regionCode: string;
  providerType: ProviderType;
  operatingArea: OperatingArea;
  unitType: UnitType;
  validFrom: string;
  validTo: string | null;
}

export interface Group {
  id: string;
  title: string;
  kind: 'skr' | 'similar' | 'other';
  skrCode: string | null;
  operatingArea: string | null;
  referenceMunicipalityCode: string | null;
  referenceYear: number | null;
  members: string[];
}

/** GET /api/v1/org/regions. */
export interface RegionList {
  asOf: string;
  regions: Region[];
}

/** GET /api/v1/org/municipalities. */
export interface MunicipalityList {
  asOf: string;
  municipalities: Municipality[];
}

/** GET /api/v1/org/municipalities/{code}. */
export interface MunicipalityDetail {
  asOf: string;
  municipality: Municipality;
  groups: Group[];
}

/** GET /api/v1/org/units. */
export interface UnitPage {
  asOf: string;
  total: number;
  limit: number;
  offset: number;
  units: UnitVersion[];
}

/** GET /api/v1/org/units/{id}. */
export interface UnitDetail {
  unitId: string;
  code: string;
  synthetic: boolean;
  /** The version valid on the requested date, if any. */
  current: UnitVersion | null;
  history: UnitVersion[];
}

/** GET /api/v1/org/groups. */
export interface GroupList {
  groups: Group[];
}
