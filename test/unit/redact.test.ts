import * as assert from 'node:assert/strict';
import { MASK, StreamRedactor, redact, redactLog, secretHeaderValues } from '../../src/core/redact';
import { redact as relayRedact } from '../../src/core/relay';

const KEY = 'sk-fake.0123456789abcdef';

describe('redaction (one policy for the extension and the CLI)', () => {
  it('masks every occurrence of the key', () => {
    assert.equal(redact(`a ${KEY} b ${KEY}`, KEY), `a ${MASK} b ${MASK}`);
  });

  it('leaves text alone without a key, or with a placeholder key too short to be a secret', () => {
    assert.equal(redact('ollama says hi', undefined), 'ollama says hi');
    assert.equal(redact('ollama says hi', 'ollama'), 'ollama says hi');
  });

  it('masks a key split over pieces at every offset, and prints the same text otherwise', () => {
    const text = `before ${KEY} after`;
    for (let cut = 0; cut <= text.length; cut++) {
      for (let cut2 = cut; cut2 <= text.length; cut2 += 5) {
        const r = new StreamRedactor(KEY);
        const out = r.push(text.slice(0, cut)) + r.push(text.slice(cut, cut2)) + r.push(text.slice(cut2)) + r.flush();
        assert.equal(out, `before ${MASK} after`, `cuts ${cut}/${cut2}`);
      }
    }
  });

  it('holds back only a possible start of the key and releases it when the stream ends', () => {
    const r = new StreamRedactor(KEY);
    assert.equal(r.push('text ends with sk-fa'), 'text ends with ');
    assert.equal(r.push('ke that'), 'sk-fake that');
    assert.equal(r.push('tail sk'), 'tail ');
    assert.equal(r.flush(), 'sk');
  });

  it('is the same function the relay client uses for its error messages', () => {
    assert.equal(relayRedact, redact);
  });

  it('masks the values of secret-looking headers, not of others', () => {
    assert.deepEqual(secretHeaderValues({ 'X-Api-Key': 'v1', Authorization: 'v2', 'HTTP-Referer': 'v3', 'x-session-id': 'v4' }), ['v1', 'v2', 'v4']);
  });

  it('takes secret-bearing header names, not every name with key inside (x-portkey-provider was masked everywhere)', () => {
    const secret = ['authorization', 'Proxy-Authorization', 'cookie', 'api-key', 'x-api-key', 'x-goog-api-key', 'x-portkey-api-key', 'x-portkey-virtual-key', 'Ocp-Apim-Subscription-Key', 'x-auth-token', 'cf-access-client-secret', 'x-amz-security-token', 'x-session', 'x-db-password'];
    const plain = ['x-portkey-provider', 'idempotency-key', 'x-title', 'HTTP-Referer', 'anthropic-version', 'x-portkey-trace-id', 'keyboard', 'x-monkey'];
    const headers = Object.fromEntries([...secret, ...plain].map((name) => [name, `value-of-${name}`]));
    assert.deepEqual(secretHeaderValues(headers), secret.map((name) => `value-of-${name}`));
  });

  it('masks a longer secret whole when it contains a shorter one', () => {
    assert.equal(redact('abcdefgh-ijklmnop', ['abcdefgh', 'abcdefgh-ijklmnop']), MASK);
  });

  it('takes Bearer credentials and detected secrets out of log lines', () => {
    const token = 'gh' + 'p_' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8';
    const line = `request failed: authorization: ${'Bear' + 'er'} abcdefghijklmnopqrstuvwxyz0123 and ${token}`;
    const out = redactLog(line, [KEY]);
    assert.ok(!out.includes('abcdefghijklmnopqrstuvwxyz0123') && !out.includes(token), out);
    assert.match(out, /Bearer \*\*\*/);
  });
});
