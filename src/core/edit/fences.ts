// Cleans a model's reply down to the code: Markdown fences and the prose around them are
// removed. Works incrementally so a streaming reply can be shown as it arrives without showing
// the opening fence, the prose before it, or a line that may turn out to be the closing fence.
// (A reply that starts with several lines and no fence is taken for bare code and shown; should
// a fence come after all, those lines were prose and the block replaces them.)

type State = 'start' | 'fenced' | 'raw' | 'done';

/** Lines without a fence after which a reply is taken to be bare code (no Markdown at all). */
const RAW_AFTER_LINES = 4;

const OPENING_FENCE = /^\s*(`{3,}|~{3,})/;
const MAYBE_FENCE_PREFIX = /^(`{0,2}|~{0,2})$/;

export class FenceCleaner {
  private pending = '';
  private state: State = 'start';
  private closingFence = '';
  private readonly held: string[] = [];
  private readonly code: string[] = [];

  /** Feeds the next piece of the reply (any split, even inside a CRLF). */
  push(chunk: string): void {
    this.pending += chunk;
    let newline = this.pending.indexOf('\n');
    while (newline >= 0) {
      this.takeLine(stripCr(this.pending.slice(0, newline)));
      this.pending = this.pending.slice(newline + 1);
      newline = this.pending.indexOf('\n');
    }
  }

  /** The code that is safe to show now: complete lines (each ending in "\n"), then a partial line that cannot become a fence. */
  text(): string {
    const complete = this.code.map((line) => line + '\n').join('');
    const partial = stripCr(this.pending);
    const showPartial = (this.state === 'fenced' || this.state === 'raw') && !mayBecomeFence(partial);
    return showPartial ? complete + partial : complete;
  }

  /** Ends the reply and returns the whole code (no trailing blank lines, no final line break). */
  finish(): string {
    if (this.pending !== '') this.takeLine(stripCr(this.pending));
    this.pending = '';
    if (this.state === 'start') this.code.push(...this.held.splice(0));
    this.state = 'done';
    while (this.code.length > 0 && this.code[this.code.length - 1].trim() === '') this.code.pop();
    return this.code.join('\n');
  }

  private takeLine(line: string): void {
    if (this.state === 'start') this.takeStartLine(line);
    else if (this.state === 'fenced') this.takeFencedLine(line);
    else if (this.state === 'raw') this.takeRawLine(line);
  }

  private takeStartLine(line: string): void {
    const fence = OPENING_FENCE.exec(line);
    if (fence) {
      this.held.length = 0; // whatever came before the fence was prose
      this.closingFence = fence[1];
      this.state = 'fenced';
      return;
    }
    if (line.trim() === '' && this.held.length === 0) return;
    this.held.push(line);
    if (this.held.filter((l) => l.trim() !== '').length >= RAW_AFTER_LINES) {
      this.code.push(...this.held.splice(0));
      this.state = 'raw';
    }
  }

  private takeFencedLine(line: string): void {
    if (isClosingFence(line, this.closingFence)) this.state = 'done';
    else this.code.push(line);
  }

  private takeRawLine(line: string): void {
    const fence = OPENING_FENCE.exec(line);
    if (!fence) {
      this.code.push(line);
      return;
    }
    // A fence after what looked like bare code: that was long prose, and the block is the code.
    this.code.length = 0;
    this.closingFence = fence[1];
    this.state = 'fenced';
  }
}

/** The code in a whole reply; the same result as feeding it to a FenceCleaner in any pieces. */
export function stripFences(reply: string): string {
  const cleaner = new FenceCleaner();
  cleaner.push(reply);
  return cleaner.finish();
}

function isClosingFence(line: string, opening: string): boolean {
  const t = line.trim();
  return t.length >= opening.length && t === opening[0].repeat(t.length);
}

function mayBecomeFence(partial: string): boolean {
  const t = partial.trimStart();
  return MAYBE_FENCE_PREFIX.test(t) || OPENING_FENCE.test(t);
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
