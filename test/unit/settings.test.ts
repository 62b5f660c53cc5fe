import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, RESTRICTED_SETTINGS, SETTING_KEYS, clientOptions, effectiveSetting, originOf } from '../../src/core/config';

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
    assert.ok(!Object.keys(declared).some((k) => /key|token|secret|password/i.test(k.replace('relayAssistant.', '').replace(/tokensPerMinute$|maxTokens$/, ''))));
  });

  it('maps settings to relay client options with the key passed separately', () => {
    const o = clientOptions({ ...DEFAULT_SETTINGS, caFile: '' }, 'k-1', { url: 'http://proxy:8080' });
    assert.equal(o.apiKey, 'k-1');
    assert.equal(o.caFile, undefined);
    assert.equal(o.baseUrl, DEFAULT_SETTINGS.baseUrl);
    assert.equal(o.proxy?.url, 'http://proxy:8080');
  });
});

describe('settings: Restricted Mode', () => {
  it('declares every restricted setting as restrictedConfigurations, and only those', () => {
    const restricted: string[] = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations;
    assert.deepEqual([...restricted].sort(), RESTRICTED_SETTINGS.map((k) => `relayAssistant.${k}`).sort());
  });

  it('restricts at least what chooses where requests go and what they carry', () => {
    for (const key of ['baseUrl', 'headers', 'caFile', 'fallbackModels', 'models', 'systemPrompt'] as const) assert.ok(RESTRICTED_SETTINGS.includes(key), key);
  });

  const inspected = { defaultValue: 'https://default.example/v1', globalValue: 'https://user.example/v1', workspaceValue: 'https://workspace.example/v1' };

  it('uses the workspace value in a trusted workspace and says so', () => {
    assert.deepEqual(effectiveSetting('baseUrl', inspected, true), { value: 'https://workspace.example/v1', source: 'workspace' });
  });

  it('ignores a workspace value of a restricted setting in Restricted Mode (user value, else default)', () => {
    assert.deepEqual(effectiveSetting('baseUrl', inspected, false), { value: 'https://user.example/v1', source: 'user' });
    assert.deepEqual(effectiveSetting('headers', { defaultValue: {}, workspaceValue: { 'X-Leak': '1' } }, false), { value: {}, source: 'default' });
    assert.deepEqual(effectiveSetting('baseUrl', { ...inspected, workspaceValue: undefined, workspaceFolderValue: 'https://folder.example' }, false).source, 'user');
  });

  it('keeps workspace values of unrestricted settings in Restricted Mode', () => {
    assert.deepEqual(effectiveSetting('review.concurrency', { defaultValue: 4, workspaceValue: 2 }, false), { value: 2, source: 'workspace' });
  });

  it('binds keys to scheme, host and port', () => {
    assert.equal(originOf('https://api.example.com/v1'), 'https://api.example.com');
    assert.equal(originOf('https://api.example.com:443/v1/'), 'https://api.example.com');
    assert.equal(originOf('http://127.0.0.1:8080/v1'), 'http://127.0.0.1:8080');
    assert.notEqual(originOf('http://api.example.com/v1'), originOf('https://api.example.com/v1'));
    assert.equal(originOf('HTTPS://API.Example.com/v1'), 'https://api.example.com');
    assert.equal(originOf(' not a url '), 'not a url');
  });
});
