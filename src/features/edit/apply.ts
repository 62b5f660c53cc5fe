// Where the chat's Apply puts a code block, decided by the host (the webview only asks): a
// selection is replaced; without one the block goes to the region of the file it is a new
// version of, or is reviewed against the whole file when it is a whole version of it, or the
// relay merges it into the file. Never a whole-file replacement by a fragment.
import * as vscode from 'vscode';
import { applyLabel, findApplyTarget } from '../../core/edit/index';
import { linesRegion, wholeDocument, wholeLines, type LineRegion } from './region';

export interface ResolvedApply {
  /** selection: the given lines; region: the matching construct; file: the block is a whole version; merge: the relay merges it. */
  kind: 'selection' | 'region' | 'file' | 'merge';
  /** What the proposal replaces (merge: the whole file, which the relay's answer is a new version of). */
  region: LineRegion;
  /** The button's words: "Replace selection", "Apply to total()", "Apply to file". */
  label: string;
}

export function resolveApply(doc: vscode.TextDocument, code: string, range: vscode.Range | undefined): ResolvedApply {
  if (range && !range.isEmpty) return { kind: 'selection', region: wholeLines(doc, range), label: 'Replace selection' };
  const target = findApplyTarget(doc.getText(), code, doc.languageId);
  const label = applyLabel(target);
  if (target.kind === 'region') return { kind: 'region', region: linesRegion(doc, target.startLine, target.endLine), label };
  return { kind: target.kind, region: wholeDocument(doc), label };
}
