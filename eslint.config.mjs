import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.e2e/**', '.vscode-test/**', '**/*.vsix'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { console: 'readonly', process: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Spreading an array into a call puts every element on the stack: from
    // about 100,000 elements (a long transcript's labels, edits or chapters)
    // it throws 'Maximum call stack size exceeded'. Use a loop (or reduce);
    // where the array is provably small, say why in an eslint-disable comment.
    files: ['server/src/**/*.ts', 'cli/src/**/*.ts', 'client/src/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression > SpreadElement.arguments',
          message:
            'No spread into a call: a long array overflows the stack. Use a loop; disable with a reason only for a provably small array.',
        },
        {
          selector: 'NewExpression > SpreadElement.arguments',
          message:
            'No spread into a call: a long array overflows the stack. Use a loop; disable with a reason only for a provably small array.',
        },
      ],
    },
  },
  {
    // The core is pure: no editor, no protocol, no Node.
    files: ['server/src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['vscode', 'vscode-*', 'node:*', 'fs', 'path', 'os', 'child_process', 'url'],
              message: 'The core is pure: no vscode, LSP or Node imports.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'require', 'Buffer', '__dirname'],
    },
  },
  {
    // The server and the client run in a browser too (VS Code for the Web):
    // only their Node entries and the disk reader may use Node. The build's
    // bundle check (scripts/browserBundles.mjs) is the last word; this says it early.
    files: ['server/src/**/*.ts', 'client/src/**/*.ts'],
    ignores: [
      'server/src/core/**',
      'server/src/main.ts',
      'server/src/files/node.ts',
      'client/src/node.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['vscode-languageserver/node', 'vscode-languageclient/node'],
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'os', 'child_process', 'url'],
              message:
                'Runs in a browser too: Node only in main.ts, files/node.ts, client/src/node.ts.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'require', 'Buffer', '__dirname'],
    },
  },
);
