// The launcher installs every folder under test/fixtures/extensions/ next to ours (see
// test/integration/launch.mts): a suite that relies on one (e.g. a language model consumer)
// fails here first, with the extension's name, if the test host did not load it.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';

const OURS = 'relay-assistant.relay-assistant';

describe('test host: extensions from test/fixtures/extensions', () => {
  it('every fixture extension is installed next to ours', function () {
    const dir = join(vscode.extensions.getExtension(OURS)!.extensionPath, 'test', 'fixtures', 'extensions');
    const folders = existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name) : [];
    if (!folders.length) this.skip(); // nothing to install on this branch
    for (const folder of folders) {
      const { publisher, name } = JSON.parse(readFileSync(join(dir, folder, 'package.json'), 'utf8')) as { publisher: string; name: string };
      assert.ok(vscode.extensions.getExtension(`${publisher}.${name}`), `test/fixtures/extensions/${folder} (${publisher}.${name}) is not installed in the test host`);
    }
  });
});
