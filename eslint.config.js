import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

/** A regex for an import path that enters one of `folders` (as a path segment: `../../app/x`, `../app`). */
function boundary(...folders) {
  return boundaryWithSlash('/', folders);
}

/** no-restricted-syntax's entry for `import('…')` into one of `folders`, which no-restricted-imports does not see. */
function dynamicImportBoundary(folders, message) {
  // A selector's /regex/ ends at the first slash, so the slash is written as an escape.
  return { selector: `ImportExpression[source.value=/${boundaryWithSlash('\\x2F', folders)}/]`, message };
}

function boundaryWithSlash(slash, folders) {
  return `(^|${slash})(${folders.join('|')})(${slash}|$)`;
}

export default ts.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'src/paraglide/'] },
  js.configs.recommended,
  ...ts.configs.strictTypeChecked,
  ...svelte.configs['flat/recommended'],
  prettier,
  ...svelte.configs['flat/prettier'],
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.svelte'],
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      // `onclick={() => strap.source.disconnect()}` reads naturally; braces there would add nothing.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { parser: ts.parser, svelteConfig },
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...ts.configs.disableTypeChecked,
  },
  // Folder boundaries, checked here rather than kept by habit: core imports nothing outside core (nor Svelte, idb,
  // Chart.js); adapters never app or ui; ui no adapters and only types from core; i18n never app. Imports are
  // relative, so a pattern names the folder as a path segment: `../../adapters/files/x` matches `(^|/)adapters/`. No folder inside src reuses these
  // names. no-restricted-imports does not see `import()`, so the same folders are refused there by
  // no-restricted-syntax.
  {
    files: ['src/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: boundary('adapters', 'app', 'ui', 'i18n', 'paraglide'),
              message:
                'core is pure and stands alone: move the shared thing into core, or let app pass it in (words come from i18n in app or ui).',
            },
            {
              regex: '^(svelte|idb|chart\\.js)(/|$)',
              message:
                'core is plain TypeScript: state with runes belongs in app, storage in adapters/storage, charts in ui/charts.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        dynamicImportBoundary(
          ['adapters', 'app', 'ui', 'i18n', 'paraglide'],
          'core is pure and stands alone: it loads nothing outside core.',
        ),
      ],
    },
  },
  {
    files: ['src/adapters/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: boundary('app', 'ui'),
              message:
                'adapters wrap browser I/O and know no app state or screen: take what you need as a parameter, or move the shared type into core.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        dynamicImportBoundary(
          ['app', 'ui'],
          'adapters know no app state or screen: app loads adapters, not the reverse.',
        ),
      ],
    },
  },
  {
    files: ['src/ui/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: boundary('adapters'),
              message:
                'ui never touches browser I/O: call a function or state in app that uses the adapter (app picks and loads adapters).',
            },
            {
              regex: boundary('core'),
              allowTypeImports: true,
              message:
                'ui takes only types from core (`import type`): ui gets computed values ready-made from app, so put the computation in app.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        dynamicImportBoundary(
          ['adapters', 'core'],
          'ui loads no adapters or core code: ask app for the ready-made value or action.',
        ),
      ],
    },
  },
  {
    files: ['src/i18n/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: boundary('app'),
              message:
                'i18n turns values into words and never depends on app state: import the type or value from core (move it there if it is pure).',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        dynamicImportBoundary(['app'], 'i18n never depends on app: take the value from core.'),
      ],
    },
  },
);
