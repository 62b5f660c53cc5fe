import * as assert from 'node:assert/strict';
import { adviceFor } from '../../src/core/errorText';
import { errorViewFor } from '../../src/core/chat/errorView';

describe('error advice', () => {
  it('offers Set API Key for auth errors', () => {
    assert.ok(adviceFor({ kind: 'auth', code: null, retryAfterMs: null }).actions.includes('setApiKey'));
  });
  it('offers Choose Model when the model is not found', () => {
    assert.ok(adviceFor({ kind: 'not_found', code: null, retryAfterMs: null }).actions.includes('chooseModel'));
  });
  it('offers no retry when the quota is exhausted', () => {
    const a = adviceFor({ kind: 'rate_limit', code: 'insufficient_quota', retryAfterMs: null });
    assert.ok(!a.actions.includes('retry'));
    assert.match(a.text, /quota/);
  });
  it('tells how long a throttled request should wait', () => {
    assert.match(adviceFor({ kind: 'rate_limit', code: null, retryAfterMs: 2500 }).text, /wait 3 s/);
  });
  it('offers proxy settings for network errors', () => {
    assert.ok(adviceFor({ kind: 'network', code: null, retryAfterMs: null }).actions.includes('proxySettings'));
  });
  it('offers trimming for context_length', () => {
    assert.deepEqual(adviceFor({ kind: 'context_length', code: null, retryAfterMs: null }).actions, ['trimAndRetry']);
  });
});

describe('error advice: network causes (one sentence each, the fix first)', () => {
  const net = (message: string) => adviceFor({ kind: 'network', code: null, retryAfterMs: null, message });

  it('a closed port: one sentence naming the address, Choose Relay first, Retry, Open Output; nothing repeated below', () => {
    const a = net('Could not reach the relay: connect ECONNREFUSED 127.0.0.1:9');
    assert.equal(a.text, 'Nothing is listening at 127.0.0.1:9 (connection refused): start the server there, or choose another relay.');
    assert.deepEqual(a.actions, ['chooseRelay', 'retry', 'openOutput']);
    assert.equal(a.detail, null);
  });
  it('an unknown host: DNS, check the base URL', () => {
    const a = net('Could not reach the relay: getaddrinfo ENOTFOUND relay.invalid');
    assert.equal(a.text, 'The relay\'s host relay.invalid was not found (DNS): check the base URL.');
    assert.equal(a.actions[0], 'chooseRelay');
  });
  it('an untrusted certificate: the CA file setting first', () => {
    const a = net('Could not reach the relay: self-signed certificate — DEPTH_ZERO_SELF_SIGNED_CERT');
    assert.match(a.text, /TLS certificate is not trusted \(DEPTH_ZERO_SELF_SIGNED_CERT\): point relayAssistant\.caFile/);
    assert.equal(a.actions[0], 'tlsSettings');
  });
  it('anything else: the general sentence, and only the part the sentence does not say as detail', () => {
    const a = net('Could not reach the relay: socket hang up — ECONNRESET');
    assert.equal(a.text, 'Could not reach the relay (network, DNS, proxy or TLS).');
    assert.equal(a.detail, 'socket hang up — ECONNRESET');
    assert.ok(a.actions.includes('chooseRelay') && a.actions.includes('retry'));
  });
});

describe('chat error box: a closed port is said once', () => {
  it('the box shows the one sentence, no second line repeating it, and Choose Relay / Retry / Open Output', () => {
    const v = errorViewFor({ kind: 'network', message: 'Could not reach the relay: connect ECONNREFUSED 127.0.0.1:9' }, 0);
    assert.equal(v.message, 'Nothing is listening at 127.0.0.1:9 (connection refused): start the server there, or choose another relay.');
    assert.equal(v.detail, null);
    assert.deepEqual(v.actions, ['chooseRelay', 'retry', 'openOutput']);
  });
});
