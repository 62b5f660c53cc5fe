// Splits streaming Markdown into finished top-level blocks and a live tail, so each finished
// block is rendered once and only the tail re-renders per frame (no quadratic growth).
// A block ends at a blank line (outside a code fence) once the next line starts at column 0:
// an indented next line may continue a list item, so the split waits.

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t\r]*$/;
const BLANK = /^[ \t\r]*$/;

export class BlockSplitter {
  private source = '';
  /** Start of the first line not scanned yet. */
  private lineStart = 0;
  /** End of the source handed out by takeFinished. */
  private taken = 0;
  /** End of the source known to be finished blocks. */
  private finished = 0;
  /** After a blank line: where a block may end, if the next line starts at column 0. */
  private candidate = -1;
  private fence: { char: string; len: number } | null = null;

  get text(): string {
    return this.source;
  }

  append(text: string): void {
    this.source += text;
    this.scan();
  }

  /** The source of blocks finished since the last call ('' when none). */
  takeFinished(): string {
    const out = this.source.slice(this.taken, this.finished);
    this.taken = this.finished;
    return out;
  }

  /** Everything not handed out yet; the splitter then counts it as taken (end of the answer). */
  takeAll(): string {
    const out = this.source.slice(this.taken);
    this.taken = this.finished = this.lineStart = this.source.length;
    this.candidate = -1;
    this.fence = null;
    return out;
  }

  /** The unfinished part after the finished blocks. */
  get tail(): string {
    return this.source.slice(this.finished);
  }

  private scan(): void {
    let nl = this.source.indexOf('\n', this.lineStart);
    while (nl >= 0) {
      this.line(this.source.slice(this.lineStart, nl), nl + 1);
      this.lineStart = nl + 1;
      nl = this.source.indexOf('\n', this.lineStart);
    }
    // The first character of the next line already tells whether the block ended.
    if (this.candidate >= 0 && this.source.length > this.lineStart && !' \t\r'.includes(this.source[this.lineStart])) {
      this.finished = this.candidate;
      this.candidate = -1;
    }
  }

  /** One complete line; `next` is where the following line starts. */
  private line(line: string, next: number): void {
    if (this.fence) {
      const close = FENCE_CLOSE.exec(line);
      if (close && close[1][0] === this.fence.char && close[1].length >= this.fence.len) {
        this.fence = null;
        this.candidate = next;
      }
      return;
    }
    if (BLANK.test(line)) {
      if (this.candidate >= 0 || this.lineStart > this.finished) this.candidate = next;
      return;
    }
    if (this.candidate >= 0 && !' \t'.includes(line[0])) this.finished = this.candidate;
    this.candidate = -1;
    const open = FENCE_OPEN.exec(line);
    if (open) this.fence = { char: open[1][0], len: open[1].length };
  }
}
