/**
 * Tokenizes text with VS Code's own TextMate engine (vscode-textmate +
 * vscode-oniguruma) and the grammar in syntaxes/transcript.tmLanguage.json.
 *
 * Lines are split on "\n" only, so a CRLF file keeps its "\r" at the end of
 * each line and a BOM stays on the first line. VS Code itself strips both
 * before tokenizing; keeping them here checks that the grammar tolerates them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const GRAMMAR_PATH = path.join(REPO_ROOT, 'syntaxes', 'transcript.tmLanguage.json');
export const SCOPE_NAME = 'text.transcript';

const WASM_PATH = path.join(REPO_ROOT, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm');

export interface Token {
  text: string;
  scopes: string[];
}

export interface TokenizedLine {
  line: string;
  tokens: Token[];
}

let onigLib: Promise<vsctm.IOnigLib> | undefined;

function loadOnigLib(): Promise<vsctm.IOnigLib> {
  onigLib ??= (async () => {
    const wasm = fs.readFileSync(WASM_PATH);
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    return {
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    };
  })();
  return onigLib;
}

/** Loads a grammar from its JSON source text (the repository's grammar by default). */
export async function loadGrammar(
  source: string = fs.readFileSync(GRAMMAR_PATH, 'utf8'),
): Promise<vsctm.IGrammar> {
  const registry = new vsctm.Registry({
    onigLib: loadOnigLib(),
    loadGrammar: async (scopeName) =>
      scopeName === SCOPE_NAME ? vsctm.parseRawGrammar(source, GRAMMAR_PATH) : null,
  });
  const grammar = await registry.loadGrammar(SCOPE_NAME);
  if (!grammar) throw new Error(`grammar ${SCOPE_NAME} could not be loaded`);
  return grammar;
}

let defaultGrammar: Promise<vsctm.IGrammar> | undefined;

/** Tokenizes `text` line by line, carrying the rule stack across lines as VS Code does. */
export async function tokenizeText(
  text: string,
  grammar?: vsctm.IGrammar,
): Promise<TokenizedLine[]> {
  const g = grammar ?? (await (defaultGrammar ??= loadGrammar()));
  const result: TokenizedLine[] = [];
  let ruleStack: vsctm.StateStack = vsctm.INITIAL;
  for (const line of text.split('\n')) {
    const { tokens, ruleStack: next } = g.tokenizeLine(line, ruleStack);
    ruleStack = next;
    result.push({
      line,
      tokens: tokens
        .map((t) => ({
          text: line.slice(t.startIndex, Math.min(t.endIndex, line.length)),
          scopes: t.scopes,
        }))
        .filter((t) => t.text.length > 0),
    });
  }
  return result;
}
