import type { LocalizedText } from '../text.js';
import { readTranslations } from './extensions.js';
import type { Extension, PrimitiveExtensions, Questionnaire } from './types.js';

export interface ImportIssue {
  item: string | null;
  path: string;
  rule: string;
  message: string;
}

export interface ImportWarning {
  item: string | null;
  message: string;
}

export interface ImportOptions {
  /** Language of the texts when Questionnaire.language is absent; default English. */
  assumeLanguage?: 'sv' | 'en';
}

/** What one import collects while it walks a Questionnaire: issues, warnings, the language. */
export class ImportContext {
  readonly issues: ImportIssue[] = [];
  readonly warnings: ImportWarning[] = [];
  private readonly ignored = new Map<string, Set<string>>();
  readonly lang: 'sv' | 'en';
  private untranslated = 0;

  constructor(
    readonly q: Questionnaire,
    options: ImportOptions,
  ) {
    const declared = q.language?.toLowerCase().slice(0, 2);
    if (declared === 'sv' || declared === 'en') this.lang = declared;
    else {
      this.lang = options.assumeLanguage ?? 'en';
      const language = q.language ? `"${q.language}"` : 'absent';
      this.warn(
        null,
        `Questionnaire.language is ${language}; texts are read as ${this.lang === 'sv' ? 'Swedish' : 'English'}`,
      );
    }
  }

  issue(item: string | null, path: string, rule: string, message: string): void {
    this.issues.push({ item, path, rule, message: item ? `item "${item}": ${message}` : message });
  }

  warn(item: string | null, message: string): void {
    this.warnings.push({ item, message });
  }

  /** A text in the questionnaire's language plus its translation into the other one, if any. */
  text(base: string, ext: PrimitiveExtensions | undefined): LocalizedText {
    const other = this.lang === 'sv' ? 'en' : 'sv';
    const translated = readTranslations(ext).get(other);
    if (translated === undefined) this.untranslated++;
    const second = translated ?? base;
    return this.lang === 'sv' ? { sv: base, en: second } : { sv: second, en: base };
  }

  /** Notes an extension the import does not use, for one summary warning per URL. */
  ignore(url: string, where: string): void {
    const set = this.ignored.get(url) ?? new Set<string>();
    set.add(where);
    this.ignored.set(url, set);
  }

  /** The JSON held by one of our own extensions, or undefined (with an issue when it is bad). */
  json(ext: Extension | undefined, item: string | null): unknown {
    if (!ext) return undefined;
    try {
      if (typeof ext.valueString !== 'string') throw new TypeError('no valueString');
      return JSON.parse(ext.valueString) as unknown;
    } catch {
      this.issue(item, ext.url, 'invalid_extension', `${ext.url} must hold JSON in valueString`);
      return undefined;
    }
  }

  /** The summary warnings, added once at the end. */
  finish(): ImportWarning[] {
    for (const [url, items] of this.ignored) {
      const shown = [...items].slice(0, 5).join(', ');
      const more = items.size > 5 ? ` and ${items.size - 5} more` : '';
      this.warn(null, `extension ${url} is not used (on ${shown}${more})`);
    }
    if (this.untranslated) {
      const missing = this.lang === 'sv' ? 'English' : 'Swedish';
      this.warn(
        null,
        `${this.untranslated} texts have no ${missing} translation; the original text is used for both languages`,
      );
    }
    return this.warnings;
  }
}
