// The status bar item's words: a key is said to be sent only where one is stored, and the
// accessible label is plain text (no Markdown for a screen reader to read out).
import * as assert from 'node:assert/strict';
import { statusLabel, statusTooltip, type StatusFacts } from '../../../src/core/setup/status';

const facts = (over: Partial<StatusFacts> = {}): StatusFacts => ({
  model: 'gpt-4.1', cost: '$0.0000', requests: 0, unknownPrices: 0,
  baseUrl: 'https://api.holysheep.ai/v1', origin: 'https://api.holysheep.ai', source: 'default', key: 'none', ...over,
});

describe('setup: status bar words', () => {
  it('no key: the tooltip does not claim a key is sent; it says none is set and links Set API Key', () => {
    const t = statusTooltip(facts());
    assert.doesNotMatch(t, /API key is sent/);
    assert.match(t, /no API key is set for https:\/\/api\.holysheep\.ai/);
    assert.match(t, /\[Set API Key\]\(command:relayAssistant\.setApiKey\)/);
    assert.match(t, /\[Choose Relay\]\(command:relayAssistant\.chooseRelay\)/);
  });

  it('a stored key: sent only to its origin; a local server: no key is sent', () => {
    assert.match(statusTooltip(facts({ key: 'stored' })), /its API key is sent only to https:\/\/api\.holysheep\.ai\./);
    assert.doesNotMatch(statusTooltip(facts({ key: 'stored' })), /Set API Key/);
    assert.match(statusTooltip(facts({ key: 'notNeeded', baseUrl: 'http://localhost:11434/v1', origin: 'http://localhost:11434' })), /a server on this machine: no API key is sent/);
  });

  it('the accessible label is plain text: model, cost, relay, where it comes from, the missing key', () => {
    const label = statusLabel(facts({ cost: '$0.0123', ignoredWorkspaceUrl: 'http://evil.example/v1' }));
    assert.equal(label, 'Relay Assistant: model gpt-4.1, $0.0123 spent in this window, relay api.holysheep.ai (the default, no API key set, the workspace relay is ignored in Restricted Mode). Activate to choose a model.');
    assert.doesNotMatch(label, /[*`[\]]/);
  });
});
