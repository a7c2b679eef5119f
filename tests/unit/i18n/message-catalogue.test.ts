import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

type Variant = { declarations: string[]; selectors: string[]; match: Record<string, string> };
type Catalogue = Record<string, string | Variant[]>;

function catalogue(locale: 'en' | 'nl'): Catalogue {
  const json = JSON.parse(
    readFileSync(new URL(`../../../messages/${locale}.json`, import.meta.url), 'utf8'),
  ) as Record<string, unknown>;
  delete json.$schema;
  return json as Catalogue;
}

/** Every `{name}` a message shows, over all its variants, sorted. */
function placeholders(message: string | Variant[]): string[] {
  const texts =
    typeof message === 'string' ? [message] : message.flatMap((variant) => Object.values(variant.match));
  const names = texts.flatMap((text) =>
    [...text.matchAll(/(?<!\\)\{(\w+)\}/g)].map((found) => found[1] ?? ''),
  );
  return [...new Set(names)].sort();
}

function texts(message: string | Variant[]): string[] {
  return typeof message === 'string' ? [message] : message.flatMap((variant) => Object.values(variant.match));
}

const en = catalogue('en');
const nl = catalogue('nl');

describe('the message catalogues', () => {
  it('have the same keys in English and Dutch', () => {
    expect(Object.keys(nl).sort()).toEqual(Object.keys(en).sort());
  });

  it('fill in the same values in both languages', () => {
    for (const [key, message] of Object.entries(en)) {
      const dutch = nl[key];
      if (dutch === undefined) continue;
      expect({ key, names: placeholders(dutch) }).toEqual({ key, names: placeholders(message) });
    }
  });

  it('have no empty message and no untranslated copy of a longer English sentence', () => {
    for (const [key, message] of Object.entries(en)) {
      for (const text of [...texts(message), ...texts(nl[key] ?? '')]) {
        expect({ key, empty: text.trim() === '' }).toEqual({ key, empty: false });
      }
      const dutch = nl[key];
      if (typeof message === 'string' && typeof dutch === 'string' && message.split(' ').length > 3) {
        expect({ key, sameAsEnglish: dutch === message }).toEqual({ key, sameAsEnglish: false });
      }
    }
  });
});
