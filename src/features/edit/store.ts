// Pending reviews kept in workspaceState, so closing a tab or reloading the window loses
// nothing: each entry says which text the region holds (to recognise it on reopen) and the
// session to pick up. Untitled documents are not kept (their names are reused).
import type * as vscode from 'vscode';
import { parseSavedSession, type SavedSession } from '../../core/edit/index';

const KEY = 'relayAssistant.edit.pendingReviews';
/** More than this many pending reviews in one workspace: the oldest are forgotten. */
const MAX_KEPT = 20;

export interface StoredReview {
  uri: string;
  /** Offset where the region started when saved, and the text it holds then. */
  start: number;
  text: string;
  session: SavedSession;
}

export function keepsReviews(uri: vscode.Uri): boolean {
  return uri.scheme !== 'untitled';
}

export class ReviewStore {
  constructor(private readonly state: vscode.Memento) {}

  get(uri: string): StoredReview | undefined {
    return this.all().find((r) => r.uri === uri);
  }

  async put(review: StoredReview): Promise<void> {
    const others = this.all().filter((r) => r.uri !== review.uri);
    await this.state.update(KEY, [...others, review].slice(-MAX_KEPT));
  }

  async remove(uri: string): Promise<void> {
    const all = this.all();
    const kept = all.filter((r) => r.uri !== uri);
    if (kept.length !== all.length) await this.state.update(KEY, kept);
  }

  /** What storage holds, tolerating anything else in it. */
  private all(): StoredReview[] {
    const stored: unknown = this.state.get(KEY);
    if (!Array.isArray(stored)) return [];
    const out: StoredReview[] = [];
    for (const item of stored as Partial<StoredReview>[]) {
      const session = parseSavedSession(item?.session);
      if (session && typeof item.uri === 'string' && typeof item.text === 'string' && Number.isInteger(item.start) && (item.start as number) >= 0) {
        out.push({ uri: item.uri, start: item.start as number, text: item.text, session });
      }
    }
    return out;
  }
}

/** Where `text` is in the document: at `start` if it is still there, else its only occurrence. */
export function locate(docText: string, start: number, text: string): number | undefined {
  if (docText.startsWith(text, start)) return start;
  const first = docText.indexOf(text);
  return first >= 0 && docText.indexOf(text, first + 1) < 0 ? first : undefined;
}
