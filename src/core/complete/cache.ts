// The two caches: an LRU keyed by (prefix, suffix) that serves backspace-and-retype, and the
// forward-typing lookup: typing the start of a suggestion shown (or cached) at an earlier position
// returns the rest of it without a request.

const KEY_PREFIX_CHARS = 1500;
const KEY_SUFFIX_CHARS = 300;

export function cacheKey(prefix: string, suffix: string): string {
  return `${prefix.slice(-KEY_PREFIX_CHARS)}\u0000${suffix.slice(0, KEY_SUFFIX_CHARS)}`;
}

interface Entry {
  prefix: string;
  suffix: string;
  text: string;
}

/** How far back the forward-typing lookup looks (most recent entries first). */
const FORWARD_SCAN = 16;

export class CompletionCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly capacity = 200) {}

  get size(): number {
    return this.entries.size;
  }

  set(prefix: string, suffix: string, text: string): void {
    const key = cacheKey(prefix, suffix);
    this.entries.delete(key);
    this.entries.set(key, { prefix: prefix.slice(-KEY_PREFIX_CHARS), suffix: suffix.slice(0, KEY_SUFFIX_CHARS), text });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  /** The completion stored at exactly this position (and marked recently used). */
  get(prefix: string, suffix: string): string | undefined {
    const key = cacheKey(prefix, suffix);
    const e = this.entries.get(key);
    if (!e) return undefined;
    this.entries.delete(key);
    this.entries.set(key, e);
    return e.text;
  }

  /** The rest of a recent completion whose start the user has typed since (same suffix), or undefined. */
  forward(prefix: string, suffix: string): string | undefined {
    const p = prefix.slice(-KEY_PREFIX_CHARS);
    const s = suffix.slice(0, KEY_SUFFIX_CHARS);
    let scanned = 0;
    for (const e of [...this.entries.values()].reverse()) {
      if (++scanned > FORWARD_SCAN) break;
      if (e.suffix !== s) continue;
      const typed = typedSince(e.prefix, p);
      if (typed === undefined || typed.length === 0) continue;
      if (e.text.startsWith(typed) && e.text.length > typed.length) return e.text.slice(typed.length);
    }
    return undefined;
  }
}

/** What was typed after `before` to reach `now` (both possibly cut at the front to the key window). */
export function typedSince(before: string, now: string): string | undefined {
  const extra = now.length - before.length;
  if (extra < 0) {
    // `now` lost characters at the front to the window: compare the overlapping part.
    return undefined;
  }
  if (now.startsWith(before)) return now.slice(before.length);
  // Both are windows: the shared part is before's tail shifted by `extra`.
  if (before.length === KEY_PREFIX_CHARS && now.slice(0, before.length - extra) === before.slice(extra)) return now.slice(before.length - extra);
  return undefined;
}
