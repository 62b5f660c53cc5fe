import * as assert from 'node:assert/strict';
import { DEFAULT_SETTINGS } from '../../../src/core/config';
import { RELAY_OPTION_SPECS, UsageError, apiKeyOf, numberOption, parseCommandLine, parseHeaders, relayOptionsFrom, toClientOptions } from '../../../src/cli/args';

function relayFrom(argv: string[], env: Record<string, string> = {}) {
  return relayOptionsFrom(parseCommandLine(argv, RELAY_OPTION_SPECS).values, env);
}

describe('cli args: relay options', () => {
  it('defaults to the base URL and model of the extension settings, with no key', () => {
    const o = relayFrom([]);
    assert.equal(o.baseUrl, DEFAULT_SETTINGS.baseUrl);
    assert.equal(o.model, DEFAULT_SETTINGS.model);
    assert.equal(o.apiKey, undefined);
    assert.deepEqual(o.headers, {});
  });

  it('takes the base URL and key from RELAY_BASE_URL / RELAY_API_KEY', () => {
    const o = relayFrom([], { RELAY_BASE_URL: 'http://127.0.0.1:9/v1', RELAY_API_KEY: 'env-key-123456' });
    assert.equal(o.baseUrl, 'http://127.0.0.1:9/v1');
    assert.equal(o.apiKey, 'env-key-123456');
  });

  it('lets arguments win over the environment and trims a trailing slash', () => {
    const o = relayFrom(['--base-url', 'http://localhost:1234/v1/', '--api-key=arg-key-123456'], { RELAY_BASE_URL: 'http://other/v1', RELAY_API_KEY: 'env-key-123456' });
    assert.equal(o.baseUrl, 'http://localhost:1234/v1');
    assert.equal(o.apiKey, 'arg-key-123456');
  });

  it('lets a command choose its own default model', () => {
    assert.equal(relayOptionsFrom({}, {}, 'deepseek-v3.2').model, 'deepseek-v3.2');
  });

  it('parses repeatable --header "Name: value" lines', () => {
    const o = relayFrom(['--header', 'X-Team: blue', '--header', 'X-Trace:  a:b ']);
    assert.deepEqual(o.headers, { 'X-Team': 'blue', 'X-Trace': 'a:b' });
  });

  it('rejects malformed headers, base URLs, numbers and unknown options as usage errors', () => {
    assert.throws(() => parseHeaders(['no colon here']), UsageError);
    assert.throws(() => parseHeaders([': empty name']), UsageError);
    assert.throws(() => parseHeaders(['bad name: x']), UsageError);
    assert.throws(() => relayFrom(['--base-url', 'not a url']), UsageError);
    assert.throws(() => relayFrom(['--base-url', 'ftp://host/v1']), UsageError);
    assert.throws(() => relayFrom(['--retries', '-1']), UsageError);
    assert.throws(() => relayFrom(['--retries', '1.5']), UsageError);
    assert.throws(() => relayFrom(['--timeout-ms', 'soon']), UsageError);
    assert.throws(() => relayFrom(['--timeout-ms', '0']), UsageError);
    assert.throws(() => relayFrom(['--model', ' ']), UsageError);
    assert.throws(() => parseCommandLine(['--bogus'], RELAY_OPTION_SPECS), UsageError);
    assert.throws(() => parseCommandLine(['--model'], RELAY_OPTION_SPECS), UsageError);
  });

  it('does not repeat a malformed header line (it may hold a secret)', () => {
    assert.throws(() => parseHeaders(['Authorization Bearer sk-secret-value']), (e: Error) => !e.message.includes('sk-secret-value'));
  });
});

describe('cli args: numbers', () => {
  it('accepts numbers inside the rule and reports absent options as undefined', () => {
    assert.equal(numberOption('temperature', '0.7', { min: 0, max: 2 }), 0.7);
    assert.equal(numberOption('max-tokens', '256', { min: 1, integer: true }), 256);
    assert.equal(numberOption('max-tokens', undefined), undefined);
  });

  it('names the option and the rule in the message', () => {
    assert.throws(() => numberOption('temperature', '3', { min: 0, max: 2 }), /--temperature must be at most 2/);
    assert.throws(() => numberOption('max-tokens', '', { integer: true }), /--max-tokens must be an integer/);
  });
});

describe('cli args: client options', () => {
  it('maps --timeout-ms to connect (capped), headers and whole-request limits, and sets no fallback', () => {
    const o = toClientOptions(relayFrom(['--timeout-ms', '50000', '--idle-timeout-ms', '700', '--retries', '0']), {});
    assert.equal(o.connectTimeoutMs, DEFAULT_SETTINGS.connectTimeoutMs);
    assert.equal(o.headersTimeoutMs, 50000);
    assert.equal(o.requestTimeoutMs, 50000);
    assert.equal(o.idleTimeoutMs, 700);
    assert.equal(o.maxRetries, 0);
    assert.deepEqual(o.fallbackModels, []);
  });

  it('leaves the client defaults alone when no limits are given', () => {
    const o = toClientOptions(relayFrom([]), {});
    for (const key of ['connectTimeoutMs', 'headersTimeoutMs', 'requestTimeoutMs', 'idleTimeoutMs', 'maxRetries']) assert.ok(!(key in o), key);
  });

  it('passes the environment for proxy lookup', () => {
    const env = { HTTPS_PROXY: 'http://proxy:8080' };
    assert.equal(toClientOptions(relayFrom([]), env).env, env);
  });
});

describe('cli args: apiKeyOf', () => {
  it('finds the key in --api-key KEY, --api-key=KEY or the environment', () => {
    assert.equal(apiKeyOf(['--api-key', 'k1'], {}), 'k1');
    assert.equal(apiKeyOf(['--api-key=k2'], {}), 'k2');
    assert.equal(apiKeyOf([], { RELAY_API_KEY: 'k3' }), 'k3');
  });
});
