import { strict as assert } from 'node:assert';
import { alignIndentation, detectIndentStyle, indentWidth } from '../../../src/core/edit/indent';

const SPACES4 = { useTabs: false, tabSize: 4 };
const TABS4 = { useTabs: true, tabSize: 4 };

describe('edit/indent', () => {
  it('measures tabs to the next tab stop', () => {
    assert.equal(indentWidth('\t', 4), 4);
    assert.equal(indentWidth('  \t', 4), 4);
    assert.equal(indentWidth('\t  ', 4), 6);
  });

  it('detects tabs or spaces from the selection, else uses the editor options', () => {
    assert.deepEqual(detectIndentStyle(['\tif (a) {', '\t\tb();', '\t}'], SPACES4), TABS4);
    assert.deepEqual(detectIndentStyle(['  a', '  b', '\tc'], TABS4), { useTabs: false, tabSize: 4 });
    assert.deepEqual(detectIndentStyle(['a', '', 'b'], TABS4), TABS4);
  });

  it('shifts code returned without indentation to the selection\'s base, keeping relative indentation', () => {
    const original = ['    if (a) {', '        b();', '    }'];
    const code = ['if (a && c) {', '    b();', '}'];
    assert.deepEqual(alignIndentation(code, original, SPACES4), ['    if (a && c) {', '        b();', '    }']);
  });

  it('shifts over-indented code left and never below column 0', () => {
    const original = ['x = 1', 'y = 2'];
    const code = ['        x = 1', '    y = 2', '            z = 3'];
    assert.deepEqual(alignIndentation(code, original, SPACES4), ['x = 1', 'y = 2', '    z = 3']);
  });

  it('writes tabs in a tab-indented selection when the model answered with spaces', () => {
    const original = ['\tfunction f() {', '\t\treturn 1;', '\t}'];
    const code = ['function f() {', '    return 2;', '}'];
    assert.deepEqual(alignIndentation(code, original, TABS4), ['\tfunction f() {', '\t\treturn 2;', '\t}']);
  });

  it('writes spaces in a space-indented selection when the model answered with tabs', () => {
    const original = ['  a();', '  b();'];
    const code = ['\ta();', '\t\tb();'];
    assert.deepEqual(alignIndentation(code, original, { useTabs: false, tabSize: 2 }), ['  a();', '    b();']);
  });

  it('leaves lines that are already right byte-identical, and blank lines as they are', () => {
    const original = ['\tconst a = 1; // é', '', '\treturn a;'];
    const code = ['\tconst a = 1; // é', '   ', '\treturn a + 0;'];
    assert.deepEqual(alignIndentation(code, original, TABS4), code);
  });

  it('keeps code unchanged when there is nothing to align to or nothing to align', () => {
    assert.deepEqual(alignIndentation(['  a'], ['', ''], SPACES4), ['  a']);
    assert.deepEqual(alignIndentation([], ['  a'], SPACES4), []);
    assert.deepEqual(alignIndentation(['', '  '], ['  a'], SPACES4), ['', '  ']);
  });
});
