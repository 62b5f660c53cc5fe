// Reading a workspace's settings.json (comments, trailing commas) to say what Restricted Mode ignores.
import * as assert from 'node:assert/strict';
import { parseJsonc, sectionValues } from '../../../src/core/setup/jsonc';

describe('setup: workspace settings files', () => {
  it('reads comments, trailing commas and both key styles; a "//" inside a string stays', () => {
    const text = `{
      // the team's relay
      "relayAssistant.baseUrl": "http://relay.example/v1", /* block */
      "relayAssistant": { "headers": { "X-A": "1", }, },
      "editor.tabSize": 2,
    }`;
    assert.deepEqual(sectionValues(parseJsonc(text), 'relayAssistant'), { baseUrl: 'http://relay.example/v1', headers: { 'X-A': '1' } });
    assert.equal((parseJsonc('{"a": "x // y \\" /* z */"}') as { a: string }).a, 'x // y " /* z */');
    assert.equal(parseJsonc('{ not json'), undefined);
    assert.deepEqual(sectionValues(undefined, 'relayAssistant'), {});
  });
});
