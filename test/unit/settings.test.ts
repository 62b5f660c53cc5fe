import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, SETTING_KEYS, clientOptions } from '../../src/core/config';

const manifest = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8'));
const declared: Record<string, { default: unknown; type: string }> = manifest.contributes.configuration.properties;

describe('settings', () => {
  it('reads exactly the keys package.json declares, and no other', () => {
    const read = SETTING_KEYS.map((k) => `relayAssistant.${k}`).sort();
    assert.deepEqual(read, Object.keys(declared).sort());
  });

  it('uses the same defaults as package.json declares', () => {
    for (const key of SETTING_KEYS) {
      assert.deepEqual(DEFAULT_SETTINGS[key], declared[`relayAssistant.${key}`].default, key);
    }
  });

  it('declares each setting with the type of its default', () => {
    for (const key of SETTING_KEYS) {
      const v = DEFAULT_SETTINGS[key];
      const type = Array.isArray(v) ? 'array' : typeof v === 'object' ? 'object' : typeof v;
      assert.equal(declared[`relayAssistant.${key}`].type, type, key);
    }
  });

  it('never declares an API key setting (the key lives in SecretStorage)', () => {
    assert.ok(!Object.keys(declared).some((k) => /key|token|secret|password/i.test(k.replace('relayAssistant.', '').replace(/tokensPerMinute$/, ''))));
  });

  it('maps settings to relay client options with the key passed separately', () => {
    const o = clientOptions({ ...DEFAULT_SETTINGS, caFile: '' }, 'k-1', { url: 'http://proxy:8080' });
    assert.equal(o.apiKey, 'k-1');
    assert.equal(o.caFile, undefined);
    assert.equal(o.baseUrl, DEFAULT_SETTINGS.baseUrl);
    assert.equal(o.proxy?.url, 'http://proxy:8080');
  });
});
