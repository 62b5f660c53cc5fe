// The vscode-free part of Explain / Refactor: fence stripping, indentation, line diff into hunks,
// hunk arithmetic, prompts, region tracking and the refactor session state machine.
export { FenceCleaner, stripFences } from './fences';
export { alignIndentation, detectIndentStyle, indentWidth, type IndentStyle } from './indent';
export { joinLines, minimalReplacement, toLines, type Eol, type LineText, type TextReplacement } from './lines';
export { diffLines, type Hunk } from './diff';
export { resolvedLines, reviewView, type HunkState, type LineSource, type PendingHunkView, type ReviewView } from './hunks';
export {
  APPLY_SYSTEM_PROMPT,
  EXPLAIN_SYSTEM_PROMPT,
  REFACTOR_SYSTEM_PROMPT,
  buildApplyMessages,
  buildExplainPrompt,
  buildRefactorMessages,
  fenced,
  mergeRefusal,
  type ApplyRequest,
  type CodeLocation,
  type ExplainRequest,
  type RefactorRequest,
} from './prompts';
export { MAX_RECENT_INSTRUCTIONS, PRESET_INSTRUCTIONS, instructionChoices, parseRecent, withRecent, type InstructionChoice } from './instructions';
export { RegionTracker, type ChangeKind, type TextChange } from './region';
export { EditSession, parseSavedSession, type LineSpan, type RegionView, type RemovedMarker, type SavedSession, type SessionPhase } from './session';
export { applyButton, applyLabel, declarationOf, findApplyTarget, hasLazyMarker, type ApplyTarget, type Declaration } from './applyTarget';
export { extentOf } from './extent';
