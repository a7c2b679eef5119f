import { overwriteGetLocale, type Locale } from '../paraglide/runtime.js';

export type { Locale };
export const locales: readonly Locale[] = ['nl', 'en'];
const storageKey = 'calm-run.locale';

/** The browser's first language we speak, Dutch or English; English otherwise. */
export function preferredLocale(languages: readonly string[]): Locale {
  for (const language of languages) {
    const base = language.toLowerCase().split('-')[0];
    if (base === 'nl' || base === 'en') return base;
  }
  return 'en';
}

/**
 * The chosen language as Svelte state. Paraglide's message functions ask `getLocale()` for it, so a message shown on
 * screen reads this state and is redrawn when the language changes, without a reload.
 */
class I18n {
  locale = $state<Locale>('en');

  constructor() {
    overwriteGetLocale(() => this.locale);
  }

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
