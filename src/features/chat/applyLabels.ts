// The words of each Apply button, decided on the host (the webview only reports the code blocks
// it shows): "Replace selection" when the editor has one, else where the block would go in the
// active file ("Apply to total()", "Apply to lines 3–9", "Apply to file"). Recomputed when the
// active editor, its selection or its text changes; the click is decided again at click time.
import * as vscode from 'vscode';
import { applyButton, findApplyTarget } from '../../core/edit/index';
import type { ApplyLabelView, CodeBlockView, HostToWebview } from '../../protocol';

/** Selection changes come in bursts (dragging, typing): recompute once they settle. */
const SETTLE_MS = 150;

export class ApplyLabels implements vscode.Disposable {
  private blocks: CodeBlockView[] = [];
  private last = '';
  private input = '';
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly subs: vscode.Disposable[];

  constructor(
    private readonly post: (m: HostToWebview) => void,
    private readonly editor: () => vscode.TextEditor | undefined,
  ) {
    const soon = () => this.schedule();
    this.subs = [
      vscode.window.onDidChangeActiveTextEditor(soon),
      vscode.window.onDidChangeTextEditorSelection(soon),
      vscode.workspace.onDidChangeTextDocument((e) => e.document === this.editor()?.document && soon()),
    ];
  }

  /** The view's code blocks changed: answer with their labels now. */
  set(blocks: CodeBlockView[]): void {
    this.blocks = blocks;
    this.last = '';
    this.update();
  }

  /** The labels for the blocks in the current editor (exported for tests). */
  labels(): ApplyLabelView[] {
    const editor = this.editor();
    if (!editor) return this.blocks.map((b) => ({ id: b.id, label: 'Apply', title: 'Open the file to apply this code to' }));
    const doc = editor.document;
    const name = vscode.workspace.asRelativePath(doc.uri, false);
    const text = doc.getText();
    return this.blocks.map((b) => ({ id: b.id, ...applyButton(editor.selection.isEmpty ? findApplyTarget(text, b.code, doc.languageId) : 'selection', name) }));
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const s of this.subs.splice(0)) s.dispose();
  }

  private schedule(): void {
    if (this.blocks.length === 0) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.update(), SETTLE_MS);
  }

  private update(): void {
    this.timer = undefined;
    // Moving the cursor changes nothing: the words depend on the file's text and whether there is a selection.
    const editor = this.editor();
    const input = editor ? `${editor.document.uri.toString()}@${editor.document.version}/${editor.selection.isEmpty}` : '';
    if (input === this.input && this.last) return;
    this.input = input;
    const labels = this.labels();
    const key = JSON.stringify(labels);
    if (key === this.last) return;
    this.last = key;
    this.post({ type: 'applyLabels', labels });
  }
}
