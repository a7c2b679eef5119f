import { en, type Messages } from './messages/en';
import { nl } from './messages/nl';

export type Locale = 'en' | 'nl';
export const locales: readonly Locale[] = ['nl', 'en'];
const catalogues: Record<Locale, Messages> = { en, nl };
const storageKey = 'calm-run.locale';

/** The browser's first language we speak, Dutch or English; English otherwise. */
export function preferredLocale(languages: readonly string[]): Locale {
  for (const language of languages) {
    const base = language.toLowerCase().split('-')[0];
    if (base === 'nl' || base === 'en') return base;
  }
  return 'en';
}

class I18n {
  locale = $state<Locale>('en');
  readonly m: Messages = $derived(catalogues[this.locale]);

  init(): void {
    const stored = localStorage.getItem(storageKey);
    this.#apply(stored === 'nl' || stored === 'en' ? stored : preferredLocale(navigator.languages));
  }

  set(locale: Locale): void {
    localStorage.setItem(storageKey, locale);
    this.#apply(locale);
  }

  #apply(locale: Locale): void {
    this.locale = locale;
    document.documentElement.lang = locale;
  }
}

export const i18n = new I18n();
