// FIM templates per family (exact prompts and stop tokens) and the request each backend sends.
import * as assert from 'node:assert/strict';
import { candidates } from '../../../src/core/complete/backend';
import type { CompletionContext } from '../../../src/core/complete/context';
import { chatRequest, completionRequest, HOLE } from '../../../src/core/complete/request';
import { familyOf, templateOf } from '../../../src/core/complete/templates';

const ctx: CompletionContext = { path: 'src/a.ts', languageId: 'typescript', prefix: 'const a = ', suffix: ';\n', snippets: [] };
const withSnippet: CompletionContext = { ...ctx, snippets: [{ path: 'src/b.ts', text: 'export const b = 1;' }] };
const shape = { model: 'qwen2.5-coder:7b', maxTokens: 128, multiline: false };

describe('complete: templates and requests', () => {
  it('tells the family from the model id', () => {
    assert.equal(familyOf('Qwen/Qwen2.5-Coder-7B'), 'qwen');
    assert.equal(familyOf('qwen3-coder:30b'), 'qwen');
    assert.equal(familyOf('deepseek-coder-v2-lite'), 'deepseek');
    assert.equal(familyOf('codellama:7b-code'), 'codellama');
    assert.equal(familyOf('bigcode/starcoder2-15b'), 'starcoder');
    assert.equal(familyOf('codestral-latest'), 'codestral');
    assert.equal(familyOf('codegemma:2b'), 'codegemma');
    assert.equal(familyOf('granite-code:8b'), 'granite');
    assert.equal(familyOf('gpt-4.1'), null);
  });

  const cases: [Parameters<typeof templateOf>[0], string, string][] = [
    ['qwen', '<|fim_prefix|>P<|fim_suffix|>S<|fim_middle|>', '<|endoftext|>'],
    ['deepseek', '<｜fim▁begin｜>P<｜fim▁hole｜>S<｜fim▁end｜>', '<｜end▁of▁sentence｜>'],
    ['codellama', '<PRE> P <SUF>S <MID>', '<EOT>'],
    ['starcoder', '<fim_prefix>P<fim_suffix>S<fim_middle>', '<file_sep>'],
    ['codestral', '[SUFFIX]S[PREFIX]P', '[PREFIX]'],
    ['codegemma', '<|fim_prefix|>P<|fim_suffix|>S<|fim_middle|>', '<|file_separator|>'],
    ['granite', '<fim_prefix>P<fim_suffix>S<fim_middle>', '<fim_prefix>'],
  ];
  for (const [family, prompt, stop] of cases) {
    it(`${family}: prompt and stop tokens`, () => {
      const t = templateOf(family);
      assert.equal(t.build('P', 'S', [], 'a.ts'), prompt);
      assert.ok(t.stop.includes(stop));
    });
  }

  it('qwen and starcoder put snippets as files before the current one', () => {
    assert.equal(templateOf('qwen').build('P', 'S', withSnippet.snippets, 'src/a.ts'), '<|repo_name|>workspace\n<|file_sep|>src/b.ts\nexport const b = 1;\n<|file_sep|>src/a.ts\n<|fim_prefix|>P<|fim_suffix|>S<|fim_middle|>');
    assert.equal(templateOf('starcoder').build('P', 'S', withSnippet.snippets, 'src/a.ts'), '<file_sep>src/b.ts\nexport const b = 1;\n<file_sep>src/a.ts\n<fim_prefix>P<fim_suffix>S<fim_middle>');
  });

  it('fim request: snippets as comments with their paths ahead of the prefix; single line stops at the line end', () => {
    const r = completionRequest('fim', withSnippet, shape);
    assert.deepEqual(r, { model: 'qwen2.5-coder:7b', api: 'fim', prompt: '// Path: src/b.ts\n// export const b = 1;\n// Path: src/a.ts\nconst a = ', suffix: ';\n', maxTokens: 64, temperature: 0.1, stream: true, stop: ['\n'] });
  });

  it('infill request: snippets in input_extra; template request: the family template and its stops', () => {
    assert.deepEqual(completionRequest('infill', withSnippet, shape).extra, [{ filename: 'src/b.ts', text: 'export const b = 1;' }]);
    const t = completionRequest('template', ctx, { ...shape, multiline: true });
    assert.equal(t.prompt, '<|fim_prefix|>const a = <|fim_suffix|>;\n<|fim_middle|>');
    assert.deepEqual(t.stop, [...templateOf('qwen').stop, '\n\n\n']);
    assert.equal(t.maxTokens, 128);
  });

  it('chat request: a hole-filling prompt, small budget, no retries, no fallback', () => {
    const r = chatRequest(ctx, { ...shape, model: 'gpt-4.1-mini' });
    assert.equal(r.maxTokens, 48);
    assert.equal(r.maxRetries, 0);
    assert.deepEqual(r.fallbackModels, []);
    assert.ok(r.messages[1].content.includes(`const a = ${HOLE};`));
    assert.ok(r.messages[1].content.includes('File src/a.ts (typescript)'));
  });

  it('auto picks backends from the model id', () => {
    assert.deepEqual(candidates('gpt-4.1-mini', 'auto'), ['chat']);
    assert.deepEqual(candidates('qwen2.5-coder:1.5b', 'auto'), ['fim', 'template', 'infill', 'chat']);
    assert.deepEqual(candidates('codestral-latest', 'auto'), ['codestral', 'fim', 'template', 'chat']);
    assert.deepEqual(candidates('deepseek-v3.2', 'auto'), ['fim', 'chat']);
    assert.deepEqual(candidates('anything', 'infill'), ['infill']);
  });
});
