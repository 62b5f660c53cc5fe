import * as assert from 'node:assert/strict';
import { questionContent } from '../../../src/core/chat/prompt';
import { buildExplainPrompt } from '../../../src/core/edit/prompts';
import { SecretMasker } from '../../../src/core/secrets';
import { describeMasked, maskMessages } from '../../../src/core/secrets/messages';
import { fill } from './corpus';

const token = () => 'gh' + 'p_' + fill(36, 70);

describe('secrets: where a masked secret was', () => {
  it('names a selection chip by path and file line', () => {
    const content = questionContent('why?', [{ id: 'a', kind: 'selection', path: 'lib/a.py', language: 'python', text: `x = 1\nT = "${token()}"`, startLine: 10, endLine: 11 }]);
    const { masked } = maskMessages([{ role: 'user', content }], new SecretMasker());
    assert.deepEqual(masked, [{ label: 'a GitHub token', where: 'lib/a.py, line 11' }]);
  });

  it('counts the Explain context before the selection', () => {
    const { prompt } = buildExplainPrompt({ relativePath: 'app.rb', languageId: 'ruby', startLine: 20, endLine: 20, code: 'run', before: `A = "${token()}"\nB = 2`, after: '' });
    const { masked } = maskMessages([{ role: 'user', content: prompt }], new SecretMasker());
    assert.deepEqual(masked, [{ label: 'a GitHub token', where: 'app.rb, line 18' }]);
  });

  it('says "your message" for text typed into the chat, and joins several in words', () => {
    const { masked } = maskMessages([{ role: 'user', content: `hi\nmy token is ${token()}` }], new SecretMasker());
    assert.deepEqual(masked, [{ label: 'a GitHub token', where: 'your message, line 2' }]);
    assert.equal(describeMasked([...masked, { label: 'a private key', where: 'k.pem, line 1' }]), 'a GitHub token (your message, line 2) and a private key (k.pem, line 1)');
  });
});
