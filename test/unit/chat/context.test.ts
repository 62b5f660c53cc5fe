// Workspace context: the `#` completion of the input, the fuzzy file match, the fence language
// of New File, the git diff of #changes and the instruction files in the system prompt.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fuzzyFilter, fuzzyScore } from '../../../src/core/chat/fuzzy';
import { changesProblem, workingTreeDiff } from '../../../src/core/chat/gitDiff';
import { clipInstruction, MAX_INSTRUCTION_CHARS } from '../../../src/core/chat/instructions';
import { languageForFence } from '../../../src/core/chat/languages';
import { ChatController, INSTRUCTIONS_OFF_KEY } from '../../../src/features/chat/controller';
import { titleFrom } from '../../../src/core/chat/conversation';
import { completionFor, dropMention, insertMention, startSearch, tokenAt } from '../../../src/webview/context';
import { startSimulator, type Simulator } from '../../support/simulator';
import { fakeHost, MemoryState, PostLog } from './fakes';

describe('chat input: # completion', () => {
  it('finds the #token that ends at the caret, and only there', () => {
    assert.deepEqual(tokenAt('explain #fi', 11), { start: 8, end: 11, text: 'fi' });
    assert.deepEqual(tokenAt('#', 1), { start: 0, end: 1, text: '' });
    assert.equal(tokenAt('issue#12', 8), null, 'a # inside a word is not a token');
    assert.equal(tokenAt('#file done', 10), null);
    assert.deepEqual(tokenAt('see #file:src/ma', 16)?.text, 'file:src/ma');
  });

  it('offers the kinds that match what is typed, then a search after #file: / #symbol:', () => {
    const names = (t: string) => {
      const c = completionFor({ start: 0, end: t.length + 1, text: t });
      return c?.stage === 'kinds' ? c.options.map((o) => o.name) : c;
    };
    assert.deepEqual(names(''), ['file', 'selection', 'problems', 'problems:workspace', 'changes', 'symbol']);
    assert.deepEqual(names('pro'), ['problems', 'problems:workspace']);
    assert.deepEqual(names('S'), ['selection', 'symbol']);
    assert.equal(names('nothing'), null);
    assert.deepEqual(completionFor({ start: 0, end: 12, text: 'symbol:parse' }), { stage: 'search', kind: 'symbol', query: 'parse' });
  });

  it('a pick keeps the mention in the question (the chip carries the content); #file starts a search in place', () => {
    const value = 'why #sel fails';
    const token = tokenAt(value, 8)!;
    assert.deepEqual(insertMention(value, token, 'selection'), { value: 'why #selection fails', caret: 15 });
    // "Look at #file… and #selection… what is wrong?": both mentions stay where they were typed
    let text = 'Look at #file:app';
    text = insertMention(text, tokenAt(text, text.length)!, 'file:app.ts').value + 'and #sel';
    text = insertMention(text, tokenAt(text, text.length)!, 'selection').value + 'what is wrong?';
    assert.equal(text, 'Look at #file:app.ts and #selection what is wrong?');
    assert.equal(titleFrom(text), 'Look at #file:app.ts and #selection what is wrong?');
    assert.equal(tokenAt(text, 21), null, 'the finished mention opens no popup');
    assert.equal(insertMention('see #fi', tokenAt('see #fi', 7)!, 'file:my file.ts').value, 'see #file:my_file.ts ');
    // a chip that could not be made takes its mention out again
    assert.equal(dropMention('why #changes fails', 'changes'), 'why fails');
    assert.deepEqual(startSearch('look at #f', tokenAt('look at #f', 10)!, 'file'), { value: 'look at #file:', caret: 14 });
  });
});

describe('#file fuzzy match', () => {
  const files = ['src/core/chat/queue.ts', 'src/webview/main.ts', 'test/unit/chat/queue.test.ts', 'README.md', 'src/features/chat/controller.ts'];
  it('matches characters in order, case-insensitively; file names and word starts first', () => {
    assert.equal(fuzzyScore('xyz', 'src/main.ts'), null);
    assert.deepEqual(fuzzyFilter('queue', files, (f) => f, 10), ['src/core/chat/queue.ts', 'test/unit/chat/queue.test.ts']);
    assert.equal(fuzzyFilter('ctrl', files, (f) => f, 1)[0], 'src/features/chat/controller.ts');
    assert.equal(fuzzyFilter('readme', files, (f) => f, 1)[0], 'README.md');
    assert.equal(fuzzyFilter('', files, (f) => f, 2).length, 2, 'an empty query lists the first ones (open editors come first)');
  });
});

describe('New File from a code block', () => {
  const known = ['typescript', 'typescriptreact', 'javascript', 'python', 'shellscript', 'yaml', 'plaintext', 'rust', 'csharp', 'cpp'];
  it('opens with the fence language (```ts → typescript), else plain text', () => {
    assert.equal(languageForFence('ts', known), 'typescript');
    assert.equal(languageForFence('TSX', known), 'typescriptreact');
    assert.equal(languageForFence('py', known), 'python');
    assert.equal(languageForFence('bash', known), 'shellscript');
    assert.equal(languageForFence('yml', known), 'yaml');
    assert.equal(languageForFence('c++', known), 'cpp');
    assert.equal(languageForFence('rust', known), 'rust');
    assert.equal(languageForFence('ts {1,3}', known), 'typescript', 'fence attributes are ignored');
    assert.equal(languageForFence('klingon', known), 'plaintext');
    assert.equal(languageForFence('', known), 'plaintext');
  });
});

describe('#changes: the git diff of the working tree', () => {
  let dir: string;
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'relay-diff-'));
    git('init', '-q');
    git('config', 'user.email', 't@example.com');
    git('config', 'user.name', 't');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('has staged and unstaged changes against HEAD and names untracked files', async () => {
    writeFileSync(join(dir, 'a.txt'), 'one\n');
    git('add', '.');
    git('commit', '-qm', 'init');
    writeFileSync(join(dir, 'a.txt'), 'two\n');
    writeFileSync(join(dir, 'new.txt'), 'x\n');
    const diff = await workingTreeDiff(dir);
    assert.match(diff, /^diff --git a\/a\.txt b\/a\.txt/m);
    assert.match(diff, /^-one$/m);
    assert.match(diff, /^\+two$/m);
    assert.match(diff, /# {3}new\.txt/);
  });

  it('outside git: a plain sentence, never git\'s "Not a git repository. Use --no-index…"', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'relay-nogit-'));
    try {
      const error = await workingTreeDiff(outside).then(() => null, (e: unknown) => e);
      assert.ok(error, 'a folder outside git gave a diff');
      const text = changesProblem(error, 'my-folder');
      assert.equal(text, 'my-folder is not a git repository, so there are no changes to attach: #changes attaches the uncommitted changes of a git working tree.');
      assert.doesNotMatch(text, /no-index|warning:/);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('works before the first commit, and never runs a repository-configured diff tool', async () => {
    writeFileSync(join(dir, 'a.txt'), 'staged\n');
    git('add', '.');
    git('config', 'diff.external', 'sh -c "touch pwned"');
    const diff = await workingTreeDiff(dir);
    assert.match(diff, /^\+staged$/m);
    assert.throws(() => execFileSync('test', ['-e', join(dir, 'pwned')]), 'the external diff did not run');
  });
});

describe('instruction files in the system prompt', () => {
  let sim: Simulator;
  beforeEach(async () => (sim = await startSimulator()));
  afterEach(async () => sim.close());

  it('AGENTS.md is added while enabled, shown as a chip, switchable per workspace; the estimate follows', async () => {
    const host = fakeHost(sim.url);
    const kv = new MemoryState();
    const log = new PostLog();
    const files = [{ path: 'AGENTS.md', text: 'Always answer in French.' }];
    const chat = new ChatController(host.ctx, kv, log.post, { instructions: { read: async () => files } });
    await chat.refreshInstructions();
    assert.deepEqual(log.of('instructions').at(-1)?.files, [{ path: 'AGENTS.md', enabled: true, tokens: 6, truncated: false }]);
    const withFile = log.of('estimate').at(-1)!.estimate!.tokens;
    await chat.ask({ prompt: 'hi' });
    await chat.whenIdle();
    const system = () => sim.requests.filter((r) => r.method === 'POST').at(-1)!.body.messages[0].content as string;
    assert.match(system(), /Instructions from AGENTS\.md[^\n]*:\nAlways answer in French\.$/);
    await chat.setInstructionEnabled('AGENTS.md', false);
    assert.deepEqual(kv.data.get(INSTRUCTIONS_OFF_KEY), ['AGENTS.md']);
    assert.equal(log.of('instructions').at(-1)?.files[0].enabled, false);
    await chat.newChat();
    assert.ok(log.of('estimate').at(-1)!.estimate!.tokens < withFile, 'the estimate drops with the file off');
    await chat.ask({ prompt: 'hi again' });
    await chat.whenIdle();
    assert.ok(!system().includes('French'), 'switched off: not sent');
    chat.dispose();
    await host.client.close();
  });

  it('a long instruction file is cut and says so', () => {
    const f = clipInstruction('AGENTS.md', 'y'.repeat(MAX_INSTRUCTION_CHARS + 10));
    assert.equal(f.text.length, MAX_INSTRUCTION_CHARS);
    assert.equal(f.totalChars, MAX_INSTRUCTION_CHARS + 10);
  });
});
