// SSE framing (WHATWG) on the decoder, fed chunk by chunk exactly as given.
import { strict as assert } from 'node:assert';
import type { EventSourceMessage } from 'eventsource-parser';
import { SseDecoder } from '../../../src/core/relay/sse';

const enc = new TextEncoder();

function decode(chunks: (string | Uint8Array)[]): EventSourceMessage[] {
  const events: EventSourceMessage[] = [];
  const d = new SseDecoder((e) => events.push(e));
  for (const c of chunks) d.feed(typeof c === 'string' ? enc.encode(c) : c);
  d.end();
  return events;
}

const datas = (chunks: (string | Uint8Array)[]) => decode(chunks).map((e) => e.data);

describe('relay SSE framing', () => {
  it('ends lines at LF, CRLF and a lone CR alike', () => {
    assert.deepEqual(datas(['data: a\n\ndata: b\r\n\r\ndata: c\r\rdata: d\n\n']), ['a', 'b', 'c', 'd']);
  });

  it('treats CR and LF arriving in different chunks as one line end', () => {
    assert.deepEqual(datas(['data: a\r', '\ndata: b\r', '\n\r', '\n']), ['a\nb']);
  });

  it('dispatches an event whose blank line is a lone CR at the very end of the stream', () => {
    assert.deepEqual(datas(['data: a\r\r']), ['a']);
  });

  it('strips one leading UTF-8 BOM, also when the BOM is split across chunks', () => {
    const body = enc.encode('\uFEFFdata: x\n\n');
    assert.deepEqual(datas([body]), ['x']);
    assert.deepEqual(datas([body.slice(0, 1), body.slice(1, 2), body.slice(2)]), ['x']);
  });

  it('decodes a multi-byte character split at every byte offset', () => {
    const text = 'héllo — 世界 🎉 ok';
    const body = enc.encode(`data: ${text}\n\n`);
    for (let cut = 1; cut < body.length; cut++) {
      assert.deepEqual(datas([body.slice(0, cut), body.slice(cut)]), [text], `split at byte ${cut}`);
    }
    assert.deepEqual(datas([...body].map((b) => Uint8Array.of(b))), [text], 'one byte per chunk');
  });

  it('does not break lines at U+2028, U+2029 or U+0085', () => {
    assert.deepEqual(datas(['data: a\u2028b\u2029c\u0085d\n\n']), ['a\u2028b\u2029c\u0085d']);
  });

  it('ignores comment lines (keep-alives, PROCESSING notices)', () => {
    assert.deepEqual(datas([': ping\n\n', ':OPENROUTER PROCESSING\n', 'data: a\n', ': mid-event\n', '\n']), ['a']);
  });

  it('joins several data lines with LF', () => {
    assert.deepEqual(datas(['data: one\ndata: two\ndata:three\n\n']), ['one\ntwo\nthree']);
  });

  it('removes exactly one leading space from a field value', () => {
    assert.deepEqual(datas(['data:x\n\ndata:  y\n\n']), ['x', ' y']);
  });

  it('splits a field at the first colon only (a value may hold colons)', () => {
    assert.deepEqual(datas(['data: {"a":"b:c"}\ndata:: x\n\n']), ['{"a":"b:c"}\n: x']);
  });

  it('strips only the first BOM: a second one is data', () => {
    assert.deepEqual(datas(['\uFEFF\uFEFFdata: a\n\n']), []);
    assert.deepEqual(datas(['\uFEFFdata: \uFEFFa\n\n']), ['\uFEFFa']);
  });

  it('carries the event field as the type', () => {
    const [e] = decode(['event: error\ndata: {}\n\n']);
    assert.equal(e.event, 'error');
    assert.equal(e.data, '{}');
  });

  it('does not let id, retry or unknown fields change the payload', () => {
    assert.deepEqual(datas(['id: 7\nretry: 1000\nfoo: bar\nbaz\ndata: a\n\n']), ['a']);
  });

  it('discards an event not terminated by a blank line at end of stream', () => {
    assert.deepEqual(datas(['data: a\n\ndata: b\n']), ['a']);
    assert.deepEqual(datas(['data: a\n\ndata: b']), ['a']);
  });

  it('ignores a blank line with no data (no empty event)', () => {
    assert.deepEqual(datas(['\n\n\nevent: x\n\ndata: a\n\n']), ['a']);
  });
});
