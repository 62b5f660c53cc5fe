// Bytes -> SSE events. UTF-8 is decoded in streaming mode (a character may be split anywhere, one
// leading BOM is dropped by TextDecoder); eventsource-parser does the WHATWG line and field rules.
import { createParser, type EventSourceMessage, type EventSourceParser } from 'eventsource-parser';

const CR = 13;
const STREAMING = { stream: true } as const;

export class SseDecoder {
  private readonly text = new TextDecoder('utf-8');
  private readonly parser: EventSourceParser;
  private endsWithCR = false;

  constructor(onEvent: (event: EventSourceMessage) => void) {
    this.parser = createParser({ onEvent });
  }

  /** Feed one network chunk. */
  feed(bytes: Uint8Array): void {
    this.push(this.text.decode(bytes, STREAMING));
  }

  /**
   * End of stream. An event without its terminating blank line is discarded (the parser keeps it
   * pending). A final lone CR is a line end, but the parser waits to see whether LF follows: give it one.
   */
  end(): void {
    this.push(this.text.decode());
    if (this.endsWithCR) this.parser.feed('\n');
  }

  private push(s: string): void {
    if (!s) return;
    this.parser.feed(s);
    this.endsWithCR = s.charCodeAt(s.length - 1) === CR;
  }
}
