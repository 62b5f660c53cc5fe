import * as assert from 'node:assert/strict';
import { MASK, StreamRedactor, redact } from '../../../src/cli/redact';

const KEY = 'sk-fake.0123456789abcdef';

describe('cli redaction', () => {
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
});
