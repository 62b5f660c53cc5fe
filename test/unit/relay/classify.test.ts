// Error classification: status table, code overrides, error shapes, in-band mapping, retryability, hints.
import { strict as assert } from 'node:assert';
import { transportError } from '../../../src/core/relay/http';
import { httpError, inBandError, inBandKind, isRetryable, redact, retryAfterMs, statusKind, type ErrorKind } from '../../../src/core/relay';

describe('relay error classification', () => {
  it('maps HTTP statuses to kinds', () => {
    const table: [number, ErrorKind][] = [
      [400, 'bad_request'], [422, 'bad_request'], [401, 'auth'], [403, 'auth'], [404, 'not_found'],
      [408, 'timeout'], [413, 'context_length'], [429, 'rate_limit'], [529, 'overloaded'],
      [500, 'server'], [502, 'server'], [503, 'server'], [504, 'server'], [599, 'server'],
      [405, 'bad_request'], [409, 'bad_request'], [418, 'bad_request'],
    ];
    for (const [status, kind] of table) assert.equal(statusKind(status), kind, `HTTP ${status}`);
  });

  it('treats an unfollowed redirect as protocol (the base URL is probably wrong)', () => {
    assert.equal(statusKind(301), 'protocol');
    assert.equal(statusKind(302), 'protocol');
  });

  it('maps undici timeouts to timeout and other transport failures to network', () => {
    assert.equal(transportError({ code: 'UND_ERR_CONNECT_TIMEOUT' }, []).kind, 'timeout');
    assert.equal(transportError({ code: 'UND_ERR_HEADERS_TIMEOUT' }, []).kind, 'timeout');
    assert.equal(transportError({ code: 'UND_ERR_BODY_TIMEOUT' }, []).kind, 'timeout');
    const e = transportError(Object.assign(new Error('fetch failed'), { cause: { code: 'ENOTFOUND' } }), []);
    assert.equal(e.kind, 'network');
    assert.match(e.message, /ENOTFOUND/);
  });

  it('overrides the status kind by machine-readable code, except for 413', () => {
    const body = (code: string) => JSON.stringify({ error: { message: 'm', code } });
    assert.equal(httpError(400, {}, body('context_length_exceeded')).kind, 'context_length');
    assert.equal(httpError(400, {}, body('model_not_found')).kind, 'not_found');
    assert.equal(httpError(413, {}, body('model_not_found')).kind, 'context_length');
  });

  it('never inspects message text', () => {
    const e = httpError(400, {}, JSON.stringify({ error: { message: 'context_length_exceeded: model_not_found' } }));
    assert.equal(e.kind, 'bad_request');
  });

  it('reads the error object from all three shapes', () => {
    const inner = { message: 'too long', type: 'invalid_request_error', code: 'context_length_exceeded' };
    for (const body of [{ error: inner }, { type: 'error', error: inner }, [{ error: inner }]]) {
      const e = httpError(400, {}, JSON.stringify(body));
      assert.equal(e.kind, 'context_length', JSON.stringify(body));
      assert.equal(e.code, 'context_length_exceeded');
      assert.match(e.message, /too long/);
    }
  });

  it('keeps the status and reads a plain-string error', () => {
    const e = httpError(502, {}, JSON.stringify({ error: 'upstream down' }));
    assert.equal(e.status, 502);
    assert.equal(e.kind, 'server');
    assert.match(e.message, /upstream down/);
  });

  it('maps in-band error objects to kinds', () => {
    const table: [Record<string, unknown>, ErrorKind][] = [
      [{ code: 429 }, 'rate_limit'], [{ code: '503' }, 'server'], [{ code: 401 }, 'auth'], [{ code: 529 }, 'overloaded'],
      [{ type: 'overloaded_error' }, 'overloaded'], [{ code: 'model_overloaded' }, 'overloaded'],
      [{ type: 'rate_limit_exceeded' }, 'rate_limit'], [{ code: 'too_many_requests' }, 'rate_limit'],
      [{ type: 'invalid_request_error' }, 'bad_request'], [{ type: 'bad_request' }, 'bad_request'], [{ type: 'BadRequestError' }, 'bad_request'],
      [{ code: 'not_found' }, 'not_found'], [{ type: 'timeout' }, 'timeout'],
      [{ type: 'api_error' }, 'server'], [{}, 'server'],
      [{ type: 'invalid_request_error', code: 'context_length_exceeded' }, 'context_length'],
    ];
    for (const [obj, kind] of table) assert.equal(inBandKind(obj), kind, JSON.stringify(obj));
  });

  it('marks retryable kinds', () => {
    const yes: ErrorKind[] = ['rate_limit', 'server', 'overloaded', 'timeout', 'network', 'stream_interrupted'];
    const no: ErrorKind[] = ['auth', 'bad_request', 'not_found', 'context_length', 'protocol', 'cancelled'];
    for (const k of yes) assert.equal(isRetryable(k), true, k);
    for (const k of no) assert.equal(isRetryable(k), false, k);
  });

  it('does not retry billing rate limits (insufficient_quota as type or code)', () => {
    assert.equal(httpError(429, {}, JSON.stringify({ error: { type: 'insufficient_quota' } })).retryable, false);
    const e = httpError(429, {}, JSON.stringify({ error: { code: 'insufficient_quota', type: 'requests' } }));
    assert.equal(e.kind, 'rate_limit');
    assert.equal(e.retryable, false);
    assert.match(e.message, /quota/);
    assert.equal(inBandError({ type: 'insufficient_quota' }).retryable, false);
    assert.equal(httpError(429, {}, JSON.stringify({ error: { code: 'insufficient_quota_error' } })).retryable, false);
  });

  it('reads a type or code containing context_length or context_size as context_length (llama.cpp, vLLM), HTTP and in-band', () => {
    const body = (error: object) => JSON.stringify({ error: { message: 'm', ...error } });
    assert.equal(httpError(400, {}, body({ type: 'exceed_context_size_error', code: 400 })).kind, 'context_length');
    assert.equal(httpError(400, {}, body({ code: 'context_length_too_long' })).kind, 'context_length');
    assert.equal(httpError(500, {}, body({ type: 'Context_Size_Exceeded' })).kind, 'context_length');
    assert.equal(httpError(413, {}, body({ type: 'invalid_request_error' })).kind, 'context_length');
    assert.equal(inBandKind({ type: 'exceed_context_size_error' }), 'context_length');
    assert.equal(inBandKind({ code: 'context_length_exceeded', type: 'rate_limit' }), 'context_length');
    assert.equal(inBandKind({ type: 'invalid_request_error', message: 'context_size' }), 'bad_request');
  });

  it('does not retry insufficient_balance rate limits (billing), HTTP 429 and in-band', () => {
    for (const error of [{ type: 'insufficient_balance' }, { code: 'insufficient_balance_error', type: 'requests' }]) {
      const e = httpError(429, { 'retry-after': '1' }, JSON.stringify({ error: { message: 'top up', ...error } }));
      assert.equal(e.kind, 'rate_limit', JSON.stringify(error));
      assert.equal(e.retryable, false);
      assert.match(e.message, /billing/);
    }
    assert.equal(inBandError({ code: 'insufficient_balance' }).kind, 'rate_limit');
    assert.equal(inBandError({ code: 'insufficient_balance' }).retryable, false);
    assert.equal(httpError(429, {}, JSON.stringify({ error: { type: 'rate_limit_exceeded' } })).retryable, true);
  });

  describe('retry-after hint', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    it('prefers retry-after-ms (float)', () => {
      assert.equal(retryAfterMs({ 'retry-after-ms': '1500.5', 'retry-after': '9' }, now), 1500.5);
    });
    it('reads Retry-After as whole seconds', () => {
      assert.equal(retryAfterMs({ 'retry-after': '3' }, now), 3000);
    });
    it('reads Retry-After as an HTTP-date relative to now', () => {
      assert.equal(retryAfterMs({ 'retry-after': 'Thu, 01 Jan 2026 00:00:07 GMT' }, now), 7000);
    });
    it('is 0 for an HTTP-date in the past', () => {
      assert.equal(retryAfterMs({ 'retry-after': 'Wed, 31 Dec 2025 23:59:00 GMT' }, now), 0);
    });
    it('is null when absent or unreadable', () => {
      assert.equal(retryAfterMs({}, now), null);
      assert.equal(retryAfterMs({ 'retry-after': 'soon' }, now), null);
    });
    it('is carried on the error as given', () => {
      assert.equal(httpError(429, { 'retry-after': '120' }, '').retryAfterMs, 120_000);
    });
  });

  describe('messages', () => {
    const key = 'sk-fake.0123456789abcdef';
    it('speak plain words and include the relay message', () => {
      const e = httpError(401, {}, JSON.stringify({ error: { message: 'Invalid token' } }));
      assert.match(e.message, /rejected the API key.*HTTP 401.*Invalid token/);
    });
    it('redact the key when a relay echoes it back', () => {
      const e = httpError(401, {}, JSON.stringify({ error: { message: `Incorrect API key provided: ${key}` } }), [key]);
      assert.ok(!e.message.includes(key), e.message);
      assert.ok(!JSON.stringify(e.toJSON()).includes(key));
      assert.equal(redact(`a ${key} b ${key}`, [key]), 'a *** b ***');
    });
    it('do not dump an HTML body', () => {
      const e = httpError(503, {}, '<html><body>Service Unavailable</body></html>');
      assert.equal(e.message, 'The relay had a server error (HTTP 503)');
    });
  });
});
