// Content-Encoding: gzip, deflate and br bodies decoded as they arrive, whether or not the client
// asked for them (proxies compress regardless), error bodies included. Every block the relay
// flushes comes out as soon as it is in (sync flush), and a body cut inside the compressed
// stream ends with what was decoded so far (the stream semantics then judge it), as browsers do.
import type { Readable } from 'node:stream';
import { Transform, type TransformCallback } from 'node:stream';
import type * as Zlib from 'node:zlib';

type ZlibModule = typeof Zlib;

/** The codings of a Content-Encoding value, in the order they were applied; [] for none / identity. */
export function codingsOf(value: string | string[] | undefined): string[] {
  const text = Array.isArray(value) ? value.join(',') : (value ?? '');
  if (!text) return [];
  return text
    .toLowerCase()
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c && c !== 'identity');
}

const KNOWN = new Set(['gzip', 'x-gzip', 'deflate', 'br']);

/** The first coding the client cannot decode, or null. */
export function unsupportedCoding(codings: readonly string[]): string | null {
  return codings.find((c) => !KNOWN.has(c)) ?? null;
}

/**
 * `deflate` is meant to be zlib-wrapped, but some servers send raw deflate: the first byte tells
 * (0x?8 is a zlib header), as in browsers and undici's fetch.
 */
class InflateAuto extends Transform {
  private inner: Zlib.Inflate | Zlib.InflateRaw | null = null;

  constructor(
    private readonly zlib: ZlibModule,
    private readonly opts: Zlib.ZlibOptions,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    if (!this.inner) {
      if (chunk.length === 0) return cb();
      const inner = (chunk[0] & 0x0f) === 0x08 ? this.zlib.createInflate(this.opts) : this.zlib.createInflateRaw(this.opts);
      inner.on('data', (d: Buffer) => this.push(d));
      inner.on('error', (e) => this.destroy(e));
      this.inner = inner;
    }
    this.inner.write(chunk, () => cb());
  }

  override _flush(cb: TransformCallback): void {
    if (!this.inner) return cb();
    this.inner.once('end', () => cb());
    this.inner.end();
  }

  override _destroy(err: Error | null, cb: (error?: Error | null) => void): void {
    this.inner?.destroy();
    cb(err);
  }

  /** Decodes what was written so far, then calls back. */
  flush(cb: () => void): void {
    if (this.inner) this.inner.flush(cb);
    else cb();
  }
}

/** A decoding stream that can be asked to put out what it has so far. */
type Decoder = Transform & { flush(cb: () => void): void };

function decoderOf(zlib: ZlibModule, coding: string): Decoder {
  if (coding === 'br') {
    const flush = zlib.constants.BROTLI_OPERATION_FLUSH;
    return zlib.createBrotliDecompress({ flush, finishFlush: flush });
  }
  const opts = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
  return coding === 'deflate' ? new InflateAuto(zlib, opts) : zlib.createGunzip(opts);
}

/** Errors raised by a decoder itself: the body is not what its Content-Encoding says. */
const decodeErrors = new WeakSet<object>();
/** Errors of a source passed down through a decoder: not the decoder's fault. */
const passedDown = new WeakSet<object>();

export function isDecodeError(e: unknown): boolean {
  return typeof e === 'object' && e !== null && decodeErrors.has(e);
}

/**
 * The body with every coding undone (last applied, first undone). Errors of the source (a cut, a
 * timeout) come out of the returned stream as they were; a decoder's own errors pass isDecodeError.
 * Destroying the returned stream destroys the source (the socket is given up).
 */
export function decodedBody(zlib: ZlibModule, body: Readable, codings: readonly string[]): Readable {
  let out: Readable = body;
  for (let i = codings.length - 1; i >= 0; i--) {
    const decoder = decoderOf(zlib, codings[i]);
    const from = out;
    decoder.on('error', (e) => {
      if (typeof e === 'object' && e !== null && !passedDown.has(e)) decodeErrors.add(e);
    });
    from.on('error', (e) => {
      if (typeof e === 'object' && e !== null) passedDown.add(e);
      // What arrived before a cut is decoded and delivered first (the text so far is kept).
      if (decoder.destroyed) return;
      decoder.flush(() => decoder.destroy(e));
    });
    decoder.once('close', () => {
      if (!from.destroyed) from.destroy();
    });
    from.pipe(decoder);
    out = decoder;
  }
  return out;
}
