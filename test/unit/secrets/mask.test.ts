import * as assert from 'node:assert/strict';
import { SecretMasker, findSecrets, maskSecrets, restoreSecrets } from '../../../src/core/secrets';
import { fill, trueSecrets } from './corpus';

const lines = (t: string) => t.split(/\r\n|\r|\n/);

describe('secrets: masking', () => {
  const [, pem] = trueSecrets()[0];
  const gh = 'gh' + 'p_' + fill(36, 50);
  const file = ['import os', `KEY = """${pem}"""`, `TOKEN = "${gh}"`, 'print(TOKEN)'].join('\n');

  it('keeps every line where it was, so line numbers in the sent text are the file\'s', () => {
    const { text, findings } = maskSecrets(file);
    assert.equal(findings.length, 2);
    assert.equal(lines(text).length, lines(file).length);
    assert.equal(lines(text)[0], 'import os');
    assert.equal(lines(text).at(-1), 'print(TOKEN)');
    assert.ok(!text.includes(gh) && !text.includes(fill(64, 1)));
    assert.deepEqual(findSecrets(text), []);
  });

  it('keeps CRLF line ends inside a masked block', () => {
    const crlf = file.replace(/\n/g, '\r\n');
    const { text } = maskSecrets(crlf);
    assert.equal(text.split('\r\n').length, crlf.split('\r\n').length);
  });

  it('gives each secret its own placeholder and the same secret the same one', () => {
    const m = new SecretMasker('t1');
    const a = m.mask(`a = "${gh}"\nb = "${gh}"`).text;
    const other = 'gh' + 'p_' + fill(36, 51);
    const b = m.mask(`c = "${other}"`).text;
    const placeholders = [...`${a}\n${b}`.matchAll(/\[REDACTED_[A-Z_]+_\d+_t1\]/g)].map((x) => x[0]);
    assert.deepEqual(placeholders, ['[REDACTED_GITHUB_TOKEN_1_t1]', '[REDACTED_GITHUB_TOKEN_1_t1]', '[REDACTED_GITHUB_TOKEN_2_t1]']);
    assert.equal(m.count, 2);
  });

  it('puts the real values back into an answer that quotes the placeholders (a refactor result)', () => {
    const m = new SecretMasker();
    const { text } = m.mask(file);
    const answer = text.replace('print(TOKEN)', 'print(TOKEN.strip())');
    assert.equal(restoreSecrets(answer, m), file.replace('print(TOKEN)', 'print(TOKEN.strip())'));
  });

  it('leaves text that only looks like a placeholder alone (another tag)', () => {
    const m = new SecretMasker('aa');
    m.mask(`t = "${gh}"`);
    assert.equal(m.restore('[REDACTED_GITHUB_TOKEN_1_bb]'), '[REDACTED_GITHUB_TOKEN_1_bb]');
  });

  it('restores a streamed answer whose placeholder arrives split over pieces', () => {
    const m = new SecretMasker('s9');
    const { text } = m.mask(`TOKEN = "${gh}"`);
    const stream = m.restoreStream();
    const pieces: string[] = [];
    for (let i = 0; i < text.length; i += 3) pieces.push(stream.push(text.slice(i, i + 3)));
    pieces.push(stream.flush());
    assert.equal(pieces.join(''), `TOKEN = "${gh}"`);
    assert.ok(!pieces.some((p) => p.includes('[REDACTED')), 'no piece shows a placeholder');
  });

  it('passes a stream through untouched when nothing was masked, and flushes a lone bracket', () => {
    const m = new SecretMasker();
    const s = m.restoreStream();
    assert.equal(s.push('a [b'), 'a [b');
    m.mask(`x = "${gh}"`);
    const t = m.restoreStream();
    assert.equal(t.push('list[') + t.flush(), 'list[');
  });
});
