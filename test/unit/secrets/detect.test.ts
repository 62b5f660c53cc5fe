import * as assert from 'node:assert/strict';
import { describeSecret, findSecrets } from '../../../src/core/secrets';
import { fill, lookAlikes, trueSecrets } from './corpus';

describe('secrets: the detector', () => {
  for (const [kind, secret, line] of trueSecrets()) {
    it(`finds ${kind} in ${JSON.stringify(line.slice(0, 28))}…`, () => {
      const found = findSecrets(line);
      assert.equal(found.length, 1, JSON.stringify(found));
      assert.equal(found[0].kind, kind);
      assert.equal(line.slice(found[0].start, found[0].end), secret);
    });
  }

  for (const [what, text] of lookAlikes()) {
    it(`finds nothing in ${what}`, () => {
      assert.deepEqual(findSecrets(text), []);
    });
  }

  it('reports the line of each secret and says it in words for a skipped file', () => {
    const [, pem] = trueSecrets()[0];
    const text = ['import os', '', `KEY = """${pem}"""`, 'TOKEN = "' + 'gh' + 'p_' + fill(36, 40) + '"'].join('\n');
    const found = findSecrets(text);
    assert.deepEqual(found.map((f) => [f.kind, f.line]), [['private-key', 3], ['github-token', 8]]);
    assert.equal(describeSecret(found[0]), 'contains a private key, line 3');
  });

  it('counts lines the same for CRLF and lone CR line ends', () => {
    const key = 'AK' + 'IA' + fill(16, 41, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567');
    assert.equal(findSecrets(`a\r\nb\r\n${key}`)[0].line, 3);
    assert.equal(findSecrets(`a\rb\r${key}`)[0].line, 3);
  });

  it('masks a private key cut off before its END line (a truncated file) to its last body line', () => {
    const text = ['x = 1', '-----BEGIN ' + 'PRIVATE KEY-----', fill(64, 42), fill(64, 43), '', 'y = 2'].join('\n');
    const [f] = findSecrets(text);
    assert.equal(f.kind, 'private-key');
    assert.equal(text.slice(f.end), '\n\ny = 2');
  });

  it('counts a secret once when two rules match it (a key in a password assignment)', () => {
    const key = 's' + 'k-proj-' + fill(64, 44);
    assert.deepEqual(findSecrets(`api_key = "${key}"`).map((f) => f.kind), ['api-key']);
  });

  it('is linear on a long line without separators (no catastrophic backtracking)', () => {
    const text = 'password'.repeat(20_000) + 'a'.repeat(200_000);
    assert.deepEqual(findSecrets(text), []);
  });
});
