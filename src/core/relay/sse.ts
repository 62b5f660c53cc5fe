// Bytes -> SSE events. UTF-8 is decoded in streaming mode (a character may be split anywhere) with
// node's StringDecoder (the raw reader's decoder: a third of TextDecoder's cost per chunk); one
// leading BOM is dropped here. eventsource-parser does the WHATWG line and field rules.
import { createParser, type EventSourceMessage, type EventSourceParser } from 'eventsource-parser';
import { StringDecoder } from 'node:string_decoder';

const CR = 13;
const BOM = 0xfeff;

export class SseDecoder {
  private readonly text = new StringDecoder('utf8');
  private readonly parser: EventSourceParser;
  private endsWithCR = false;
  private started = false;

  constructor(onEvent: (event: EventSourceMessage) => void) {
    this.parser = createParser({ onEvent });
  }

  /** Feed one network chunk. */
  feed(bytes: Uint8Array): void {
    this.push(this.text.write(bytes as Buffer));
  }

  /**
   * End of stream. An event without its terminating blank line is discarded (the parser keeps it
   * pending). A final lone CR is a line end, but the parser waits to see whether LF follows: give it one.
   */
  end(): void {
    this.push(this.text.end());
    if (this.endsWithCR) this.parser.feed('\n');
  }

  private push(s: string): void {
    if (!s) return;
    if (!this.started) {
      this.started = true;
      if (s.charCodeAt(0) === BOM) {
        s = s.slice(1);
        if (!s) return;
      }
    }
    this.parser.feed(s);
    this.endsWithCR = s.charCodeAt(s.length - 1) === CR;
  }
}
