// The output channel features write to: every line passes the one redaction policy.
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { redactingChannel } from '../../src/features/redactingChannel';

function fakeChannel(): { channel: vscode.LogOutputChannel; lines: string[] } {
  const lines: string[] = [];
  const write = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
  const channel = { name: 'Relay Assistant', info: write, warn: write, error: write, debug: write, trace: write, appendLine: write, append: write, replace: write, show: () => lines.push('shown') };
  return { channel: channel as unknown as vscode.LogOutputChannel, lines };
}

describe('output channel redaction', () => {
  const key = ['relay', 'key', '42', 'abcdef'].join('-');

  it('masks the key in every kind of write, Errors included, and leaves other calls alone', () => {
    const { channel, lines } = fakeChannel();
    const out = redactingChannel(channel, () => [key]);
    out.info(`sending with ${key}`);
    out.error(new Error(`relay said ${key}`));
    out.appendLine(`x ${key} y`);
    out.show(true);
    assert.equal(out.name, 'Relay Assistant');
    assert.ok(lines.every((l) => !l.includes(key)), lines.join('\n'));
    assert.equal(lines[0], 'sending with ***');
    assert.equal(lines.at(-1), 'shown');
  });

  it('masks secrets it was not told about: Bearer credentials and detected tokens', () => {
    const { channel, lines } = fakeChannel();
    const token = 'gh' + 'p_' + 'Zq8Wm2Lp4Xc6Vb1Nn3Rt5Ys7Ud9Ko0Ja2Hf4G';
    redactingChannel(channel, () => []).warn(`header ${'Bear' + 'er'} abcdefghijklmnop1234 and ${token}`);
    assert.equal(lines[0], 'header Bearer *** and ***');
  });
});
