import { strict as assert } from 'node:assert';
import { MAX_BLOCK_CHARS, MAX_CODE_BLOCKS, MAX_TEXT, validateWebviewMessage } from '../../../src/protocol';

describe('chat protocol: validateWebviewMessage', () => {
  it('accepts each well-formed message and returns a copy with only known fields', () => {
    const ok: unknown[] = [
      { type: 'ready', protocolVersion: 1 },
      { type: 'send', text: 'hello' },
      { type: 'stop' },
      { type: 'regenerate' },
      { type: 'editLast', text: 'again' },
      { type: 'errorAction', messageId: 'a1-b2', action: 'trimAndRetry' },
      { type: 'codeAction', action: 'apply', code: 'x = 1', language: 'python' },
      { type: 'openLink', href: 'https://example.com/a?b=c' },
      { type: 'removeChip', id: 'c1' },
      { type: 'addContext', kind: 'file' },
      { type: 'addContext', kind: 'file', pick: 'a1b2' },
      { type: 'addContext', kind: 'problems', scope: 'workspace' },
      { type: 'addContext', kind: 'changes' },
      { type: 'contextQuery', requestId: 3, kind: 'symbol', query: 'parse' },
      { type: 'setInstructions', path: 'AGENTS.md', enabled: false },
      { type: 'newChat' },
      { type: 'switchConversation', id: 'abc' },
      { type: 'renameConversation', id: 'abc' },
      { type: 'deleteConversation', id: 'abc' },
      { type: 'selectModel', model: 'gpt-4.1' },
      { type: 'command', command: 'setApiKey' },
      { type: 'chooseRelay' },
    ];
    for (const m of ok) assert.deepEqual(validateWebviewMessage(m), m, JSON.stringify(m));
    assert.deepEqual(validateWebviewMessage({ type: 'stop', extra: '<script>', apiKey: 'x' }), { type: 'stop' });
  });

  it('rejects malformed context messages (unknown kinds, scopes, ids or flags)', () => {
    const bad: unknown[] = [
      { type: 'addContext', kind: 'secrets' },
      { type: 'addContext', kind: 'problems', scope: 'everything' },
      { type: 'addContext', kind: 'file', pick: '' },
      { type: 'addContext', kind: 'file', pick: 42 },
      { type: 'contextQuery', requestId: 1.5, kind: 'file', query: 'x' },
      { type: 'contextQuery', requestId: 1, kind: 'folder', query: 'x' },
      { type: 'contextQuery', requestId: 1, kind: 'file', query: 'x'.repeat(257) },
      { type: 'setInstructions', path: 'AGENTS.md', enabled: 'no' },
      { type: 'setInstructions', path: '', enabled: true },
    ];
    for (const m of bad) assert.equal(validateWebviewMessage(m), null, JSON.stringify(m));
  });

  it('rejects values that are not message objects', () => {
    for (const x of [null, undefined, 42, 'send', [], [{ type: 'stop' }], true, () => 1]) assert.equal(validateWebviewMessage(x), null);
  });

  it('rejects unknown or inherited type names', () => {
    for (const type of ['nope', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 'SEND']) {
      assert.equal(validateWebviewMessage({ type }), null, type);
    }
    assert.equal(validateWebviewMessage(JSON.parse('{"__proto__": {"type": "stop"}}')), null);
  });

  it('rejects wrong field types, empty prompts and oversized text', () => {
    const bad: unknown[] = [
      { type: 'ready' },
      { type: 'ready', protocolVersion: '1' },
      { type: 'send' },
      { type: 'send', text: 42 },
      { type: 'send', text: '   \n ' },
      { type: 'send', text: 'x'.repeat(MAX_TEXT + 1) },
      { type: 'send', text: { toString: () => 'hi' } },
      { type: 'editLast', text: '' },
      { type: 'codeAction', action: 'exec', code: 'rm -rf /', language: 'sh' },
      { type: 'codeAction', action: 'copy', code: ['a'], language: 'sh' },
      { type: 'codeAction', action: 'copy', code: 'a', language: 'x'.repeat(65) },
      { type: 'errorAction', messageId: 'a', action: 'runCommand' },
      { type: 'errorAction', messageId: '../../etc', action: 'retry' },
      { type: 'command', command: 'workbench.action.terminal.sendSequence' },
      { type: 'addContext', kind: 'workspace' },
      { type: 'switchConversation', id: 'a'.repeat(65) },
      { type: 'removeChip', id: 'a b' },
      { type: 'selectModel', model: '' },
      { type: 'selectModel', model: 'm'.repeat(300) },
    ];
    for (const m of bad) assert.equal(validateWebviewMessage(m), null, JSON.stringify(m).slice(0, 120));
  });

  it('lets only http and https links through', () => {
    for (const href of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'command:workbench.action.reloadWindow', 'file:///etc/passwd', 'vscode://x', 'data:text/html,x', '/relative', 'not a url']) {
      assert.equal(validateWebviewMessage({ type: 'openLink', href }), null, href);
    }
    assert.deepEqual(validateWebviewMessage({ type: 'openLink', href: 'HTTP://Example.com' }), { type: 'openLink', href: 'http://example.com/' });
  });

  it('codeBlocks: well-formed blocks only, bounded in number and size', () => {
    const ok = { type: 'codeBlocks', blocks: [{ id: 'msg_1:0', code: 'x', language: 'ts', extra: 1 }] };
    assert.deepEqual(validateWebviewMessage(ok), { type: 'codeBlocks', blocks: [{ id: 'msg_1:0', code: 'x', language: 'ts' }] });
    const block = (id: string, code = 'x') => ({ id, code, language: 'ts' });
    for (const blocks of [[block('no-index')], [block('a:0', 'x'.repeat(MAX_BLOCK_CHARS + 1))], Array.from({ length: MAX_CODE_BLOCKS + 1 }, (_, i) => block(`a:${i}`)), 'x', [null]]) {
      assert.equal(validateWebviewMessage({ type: 'codeBlocks', blocks }), null);
    }
  });
});
