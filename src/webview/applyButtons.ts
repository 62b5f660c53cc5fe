// The Apply buttons of code blocks say what they will do ("Apply to total()", "Apply to file",
// "Replace selection"). The view only reports its code blocks (`codeBlocks`); the host decides
// the words (`applyLabels`) from the active editor, and decides again when Apply is clicked.
import { MAX_BLOCK_CHARS, MAX_CODE_BLOCKS, type ApplyLabelView, type CodeBlockView, type WebviewToHost } from '../protocol';

export class ApplyButtons {
  private readonly labels = new Map<string, ApplyLabelView>();
  private reported = '';
  private scheduled = false;

  constructor(
    private readonly root: HTMLElement,
    private readonly post: (m: WebviewToHost) => void,
  ) {}

  /** Answers were rendered or removed: number their code blocks and report them (once per frame). */
  scan(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => {
      this.scheduled = false;
      this.report();
    });
  }

  /** The host's words for the blocks. */
  show(labels: ApplyLabelView[]): void {
    for (const l of labels) this.labels.set(l.id, l);
    for (const block of this.root.querySelectorAll<HTMLElement>('.code-block[data-block]')) this.paint(block);
  }

  private report(): void {
    const blocks: CodeBlockView[] = [];
    for (const message of this.root.querySelectorAll<HTMLElement>('.message.assistant[data-id]:not([data-state="streaming"])')) {
      message.querySelectorAll<HTMLElement>('.code-block').forEach((block, n) => {
        block.dataset.block = `${message.dataset.id}:${n}`;
        const code = block.querySelector('code')?.textContent ?? '';
        if (code.length <= MAX_BLOCK_CHARS) blocks.push({ id: block.dataset.block, code, language: block.dataset.lang ?? '' });
        this.paint(block);
      });
    }
    const newest = blocks.slice(-MAX_CODE_BLOCKS);
    const key = newest.map((b) => `${b.id}/${b.code.length}`).join('|');
    if (key === this.reported) return;
    this.reported = key;
    this.post({ type: 'codeBlocks', blocks: newest });
  }

  private paint(block: HTMLElement): void {
    const known = this.labels.get(block.dataset.block ?? '');
    const button = block.querySelector<HTMLElement>('[data-code-action="apply"]');
    const words = button?.querySelector('.apply-label');
    if (!known || !button || !words || words.textContent === known.label) return;
    words.textContent = known.label;
    button.title = known.title;
    button.setAttribute('aria-label', known.label);
  }
}
