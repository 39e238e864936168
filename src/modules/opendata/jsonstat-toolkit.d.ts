/**
 * The part of jsonstat-toolkit (a devDependency without bundled types) that the open data
 * tests use to read our JSON-stat 2.0 like a real client.
 */
declare module 'jsonstat-toolkit' {
  export interface JsonStatCategory {
    index: number;
    label: string;
    unit: { base?: string; decimals?: number } | null;
  }
  export interface JsonStatDimension {
    id: string[];
    length: number;
    label: string;
    Category(id: string | number): JsonStatCategory | null;
  }
  export interface JsonStatDatum {
    value: number | null;
    status: string | null;
  }
  export interface JsonStatDataset {
    class: string;
    id: string[];
    size: number[];
    n: number;
    length: number;
    label: string;
    source: string;
    role: { time?: string[]; geo?: string[]; metric?: string[] } | null;
    Dimension(id: string | number): JsonStatDimension | null;
    Data(selection: number | Record<string, string>): JsonStatDatum | null;
  }
  export default function JSONstat(input: unknown): JsonStatDataset;
}
