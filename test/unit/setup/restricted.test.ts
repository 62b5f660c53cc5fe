// Restricted Mode's notice in the chat: the workspace's relay settings and instruction files are
// named as ignored until trusted; nothing is said when the workspace sets nothing of the kind.
import * as assert from 'node:assert/strict';
import { restrictedNotice } from '../../../src/core/setup/restricted';

describe('setup: Restricted Mode notice', () => {
  it('names the workspace baseUrl, the other restricted settings and AGENTS.md, and says where Choose Relay saves', () => {
    assert.equal(
      restrictedNotice({ ignoredSettings: ['baseUrl', 'headers', 'fallbackModels'], baseUrl: 'http://relay.example/v1', instructionFiles: ['AGENTS.md'] }),
      'Restricted Mode: until you trust this workspace, its settings baseUrl (http://relay.example/v1), headers and fallbackModels are ignored, and AGENTS.md is not given to the model. Requests go to the relay in your user settings, and Choose Relay changes those.',
    );
  });
  it('instruction files alone', () => {
    assert.equal(restrictedNotice({ ignoredSettings: [], instructionFiles: ['AGENTS.md', '.github/copilot-instructions.md'] }), 'Restricted Mode: until you trust this workspace, AGENTS.md and .github/copilot-instructions.md are not given to the model.');
  });
  it('nothing ignored: no notice', () => {
    assert.equal(restrictedNotice({ ignoredSettings: [], instructionFiles: [] }), null);
  });
});
