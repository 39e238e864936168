// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Layer boundaries (DESIGN.md "Layers"): what each layer may import. Relative paths are matched by
// the src folder they climb into, e.g. '../../modules/org/service.js'.
const SERVER_SIDE = String.raw`^(\.\./)+(modules|db|server|cli|runtime|config)/`;
const IO_PACKAGES = String.raw`^(pg|pg-.*|@electric-sql/pglite.*|fastify|@fastify/.*|pino.*)$`;
// node:crypto stays allowed in the domain: hashing (audit chain, pseudonyms) is pure computation.
const NODE_IO = String.raw`^(node:)?(fs|fs/promises|path|os|net|http|https|http2|tls|dgram|dns|dns/promises|child_process|cluster|worker_threads|stream|stream/promises|readline|readline/promises|process|v8|vm|zlib|inspector|sqlite)$`;

/** @param {unknown[]} patterns */
const boundary = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['dist/**', 'var/**', 'node_modules/**', 'scratch/**', 'test-results/**', '*.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      // node:test's describe/it return promises that the runner awaits itself.
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { arguments: false, attributes: false } },
      ],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-floating-promises': 'off' },
  },
  {
    // Tests beside domain code may read fixtures; the domain itself does no I/O.
    files: ['src/domain/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: boundary([
      { regex: NODE_IO, message: 'The domain does no I/O: pass data in, return data out.' },
      { regex: IO_PACKAGES, message: 'The domain uses no database, server or logger.' },
      {
        regex: String.raw`^(\.\./)+(modules|db|server|web|cli|runtime|config|contracts)/`,
        message: 'The domain imports only the domain.',
      },
    ]),
  },
  {
    files: ['src/web/**/*.ts', 'src/web/**/*.tsx'],
    // Unit tests of web code run in node, not in the browser.
    ignores: ['**/*.test.ts'],
    rules: boundary([
      {
        regex: SERVER_SIDE,
        message: 'The web imports from the server side only src/contracts and src/domain.',
      },
      { regex: String.raw`^node:`, message: 'The web runs in a browser: no node built-ins.' },
      { regex: IO_PACKAGES, message: 'The web runs in a browser: no server packages.' },
    ]),
  },
  {
    files: ['src/contracts/**/*.ts'],
    rules: boundary([
      {
        regex: String.raw`^(?!zod$|\./|\.\./domain/)`,
        message: 'Contracts are shared with the browser: they import only zod, each other and src/domain.',
      },
    ]),
  },
);
