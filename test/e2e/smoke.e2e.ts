/**
 * Smoke test of the harness itself: a throwaway extension (language `demo`,
 * one command, a warning per TODO with two quick fixes, a symbol per "#"
 * heading) is packaged into a .vsix, installed into code-server, and
 * exercised through the real workbench.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  createRunDir,
  e2eDir,
  packageVsix,
  startVSCode,
  waitFor,
  type RunDir,
  type VSCodeSession,
} from './harness.js';

const DEMO_PACKAGE = {
  name: 'e2e-demo',
  displayName: 'E2E Demo',
  description: 'Throwaway extension for the e2e harness smoke test',
  publisher: 'e2e',
  version: '0.0.1',
  license: 'MIT',
  engines: { vscode: '^1.90.0' },
  main: './extension.js',
  activationEvents: ['onLanguage:demo', 'onCommand:demo.sayHello'],
  contributes: {
    languages: [{ id: 'demo', aliases: ['Demo Language', 'demo'], extensions: ['.demo'] }],
    commands: [{ command: 'demo.sayHello', title: 'Say Hello', category: 'Demo' }],
  },
};

const DEMO_MAIN = `
const vscode = require('vscode');
function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand('demo.sayHello', () =>
      vscode.window.showInformationMessage('Hello from the demo extension')));
  const diagnostics = vscode.languages.createDiagnosticCollection('demo');
  context.subscriptions.push(diagnostics);
  const check = (doc) => {
    if (doc.languageId !== 'demo') return;
    const found = [];
    for (let i = 0; i < doc.lineCount; i++) {
      const line = doc.lineAt(i).text;
      const col = line.indexOf('TODO');
      if (col >= 0) {
        found.push(new vscode.Diagnostic(new vscode.Range(i, col, i, col + 4),
          'Demo: unresolved TODO', vscode.DiagnosticSeverity.Warning));
      }
    }
    diagnostics.set(doc.uri, found);
  };
  vscode.workspace.textDocuments.forEach(check);
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(check));
  context.subscriptions.push(vscode.workspace.onDidChangeTextDocument((e) => check(e.document)));
  // One symbol per "# heading" line.
  context.subscriptions.push(vscode.languages.registerDocumentSymbolProvider({ language: 'demo' }, {
    provideDocumentSymbols(doc) {
      const symbols = [];
      for (let i = 0; i < doc.lineCount; i++) {
        const m = /^#\\s*(.*)$/.exec(doc.lineAt(i).text);
        if (m) {
          const range = doc.lineAt(i).range;
          symbols.push(new vscode.DocumentSymbol(m[1], 'section', vscode.SymbolKind.Namespace, range, range));
        }
      }
      return symbols;
    },
  }));
  // Two quick fixes per TODO diagnostic.
  context.subscriptions.push(vscode.languages.registerCodeActionsProvider({ language: 'demo' }, {
    provideCodeActions(doc, _range, ctx) {
      return ctx.diagnostics.filter((d) => d.message === 'Demo: unresolved TODO').flatMap((d) => {
        const replace = new vscode.CodeAction('Replace TODO with DONE', vscode.CodeActionKind.QuickFix);
        replace.edit = new vscode.WorkspaceEdit();
        replace.edit.replace(doc.uri, d.range, 'DONE');
        replace.diagnostics = [d];
        const remove = new vscode.CodeAction('Delete TODO', vscode.CodeActionKind.QuickFix);
        remove.edit = new vscode.WorkspaceEdit();
        remove.edit.delete(doc.uri, d.range);
        remove.diagnostics = [d];
        return [replace, remove];
      });
    },
  }, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }));
}
module.exports = { activate, deactivate() {} };
`;

describe('e2e harness smoke (throwaway extension in code-server)', function () {
  let build: RunDir | undefined;
  let vs: VSCodeSession | undefined;

  before(async function () {
    build = createRunDir('vsix');
    const extDir = path.join(build.root, 'demo-extension');
    fs.mkdirSync(extDir, { recursive: true });
    fs.writeFileSync(path.join(extDir, 'package.json'), JSON.stringify(DEMO_PACKAGE, null, 2));
    fs.writeFileSync(path.join(extDir, 'extension.js'), DEMO_MAIN);
    fs.writeFileSync(path.join(extDir, 'README.md'), '# E2E demo\n');
    const vsix = await packageVsix(extDir, path.join(build.root, 'demo.vsix'), build.env);

    vs = await startVSCode({
      vsix,
      workspaceFiles: {
        'hello.demo': '# Intro\nfirst line\nsecond line TODO fix\n# Outro\n',
        'notes/other.txt': 'plain text\n',
      },
    });
  });

  afterEach(async function () {
    await vs?.saveFailureArtifacts(this.currentTest);
  });

  after(async function () {
    try {
      await vs?.stop();
    } finally {
      build?.remove();
    }
  });

  it('opens a .demo file in the demo language', async function () {
    await vs!.openFile('hello.demo');
    await vs!.waitForExtensionActivation('e2e.e2e-demo');
    assert.equal(await vs!.activeTabLabel().then((l) => l?.split(',')[0]), 'hello.demo');
    const label = await vs!.waitForLanguageMode(/demo/i);
    assert.match(label, /demo/i);
  });

  it('shows the extension diagnostic in the status bar and Problems panel', async function () {
    const counts = await vs!.waitForProblems((c) => c.warnings === 1, { timeout: 20_000 });
    assert.equal(counts.errors, 0);
    const rows = await vs!.problemsRows();
    assert.ok(
      rows.some((r) => r.includes('Demo: unresolved TODO')),
      `rows: ${JSON.stringify(rows)}`,
    );
    assert.ok(
      rows.some((r) => r.includes('hello.demo')),
      `rows: ${JSON.stringify(rows)}`,
    );
  });

  it('lists the document symbols in Go to Symbol and the Outline', async function () {
    assert.deepEqual(await vs!.goToSymbolRows(), ['Intro', 'Outro']);
    const outline = await vs!.outlineRows();
    assert.deepEqual(outline, ['Intro', 'Outro']);
  });

  it('runs the extension command from the command palette', async function () {
    await vs!.runCommand('Demo: Say Hello');
    const text = await vs!.waitForNotification('Hello from the demo extension');
    assert.equal(text, 'Hello from the demo extension');
    await vs!.screenshot(path.join(e2eDir(), 'smoke.png'));
  });

  it('applies the second quick fix from the code action menu', async function () {
    await vs!.openFile('hello.demo');
    await vs!.gotoLine(3, 14);
    await waitFor(() => vs!.lightbulbVisible(), { message: 'the lightbulb' });
    assert.deepEqual(await vs!.codeActions(), ['Replace TODO with DONE', 'Delete TODO']);
    await vs!.applyCodeAction('Delete TODO');
    await waitFor(async () => (await vs!.visibleEditorLines())[2] === 'second line  fix', {
      message: 'the edited line',
    });
    await vs!.waitForProblems((c) => c.warnings === 0 && c.errors === 0);
    await vs!.press('Control+S');
    await waitFor(() => vs!.readWorkspaceFile('hello.demo').includes('second line  fix\n'), {
      message: 'the saved file',
    });
  });

  it('opens a file in a subfolder as Plain Text', async function () {
    await vs!.openFile('notes/other.txt');
    assert.equal(await vs!.waitForLanguageMode('Plain Text'), 'Plain Text');
  });

  it('logged no activation error', function () {
    assert.deepEqual(vs!.activationErrors(), []);
  });
});
