import { strict as assert } from 'node:assert';
import { applyLabel, declarationOf, findApplyTarget, type ApplyTarget } from '../../../src/core/edit/applyTarget';
import { extentOf } from '../../../src/core/edit/extent';
import { buildApplyMessages, mergeRefusal, APPLY_SYSTEM_PROMPT } from '../../../src/core/edit/prompts';
import { hasLazyMarker } from '../../../src/core/edit/applyTarget';

const lines = (s: string) => s.split('\n');
/** The lines a target covers, as text (so a failure shows what would be replaced). */
function covered(file: string, t: ApplyTarget): string {
  return t.kind === 'region' ? lines(file).slice(t.startLine, t.endLine + 1).join('\n') : t.kind;
}

const TS = `import { Item } from './item';

/** Sums the prices. */
export function total(items: Item[]): number {
  let sum = 0;
  for (const item of items) {
    sum += item.price;
  }
  return sum;
}

export class Cart {
  private items: Item[] = [];

  add(item: Item): void {
    this.items.push(item);
  }

  count(): number {
    return this.items.length;
  }
}

export const double = (n: number) => n * 2;
`;

const PY = `import math


def area(r):
    """Area of a circle."""
    if r < 0:
        raise ValueError("negative")
    return math.pi * r ** 2


class Shape:
    def __init__(self, name):
        self.name = name

    def describe(self):
        return f"{self.name}"


def main():
    print(area(2))
`;

const GO = `package shapes

import "fmt"

type Point struct {
	X, Y int
}

func (p *Point) Move(dx int, dy int) {
	p.X += dx
	p.Y += dy
}

func Describe(p Point) string {
	return fmt.Sprintf("%d,%d", p.X, p.Y)
}
`;

const JAVA = `package demo;

public class Calculator {
    private int total = 0;

    public int add(int a, int b) {
        if (a > 0) {
            total += a;
        }
        return a + b;
    }

    public int getTotal() {
        return total;
    }
}
`;

const CSHARP = `namespace Demo
{
    public class Greeter
    {
        public string Greet(string name)
        {
            return "Hello " + name;
        }

        public void Log(string text)
        {
            System.Console.WriteLine(text);
        }
    }
}
`;

describe('edit/applyTarget', () => {
  it('TypeScript: a function with a changed body and signature replaces exactly that function', () => {
    const block = 'export function total(items: Item[], tax = 0): number {\n  return items.reduce((s, i) => s + i.price, 0) * (1 + tax);\n}';
    const t = findApplyTarget(TS, block, 'typescript');
    assert.deepEqual(t, { kind: 'region', startLine: 3, endLine: 9, name: 'total', callable: true });
    assert.equal(applyLabel(t), 'Apply to total()');
  });

  it('TypeScript: a method of a class (indented differently in the block) replaces that method only', () => {
    const block = 'add(item: Item): void {\n  if (!item) throw new Error("no item");\n  this.items.push(item);\n}';
    const t = findApplyTarget(TS, block, 'typescript');
    assert.equal(covered(TS, t), '  add(item: Item): void {\n    this.items.push(item);\n  }');
    assert.equal(applyLabel(t), 'Apply to add()');
  });

  it('TypeScript: a class with a doc comment in the block replaces the class', () => {
    const block = '/** A cart. */\nexport class Cart {\n  private items: Item[] = [];\n}';
    const t = findApplyTarget(TS, block, 'typescript');
    assert.equal(t.kind === 'region' && [t.startLine, t.endLine].join('-'), '11-21');
    assert.equal(applyLabel(t), 'Apply to Cart');
  });

  it('JavaScript: an arrow-function binding matches by name', () => {
    const t = findApplyTarget(TS, 'export const double = (n) => {\n  return n * 2;\n};', 'javascript');
    assert.equal(covered(TS, t), 'export const double = (n: number) => n * 2;');
    assert.equal(applyLabel(t), 'Apply to double()');
  });

  it('Python: a function found by indentation (its docstring and body), not the next def', () => {
    const block = 'def area(r):\n    if r < 0:\n        raise ValueError("negative radius")\n    return math.pi * r * r';
    const t = findApplyTarget(PY, block, 'python');
    assert.equal(covered(PY, t), lines(PY).slice(3, 8).join('\n'));
    assert.equal(applyLabel(t), 'Apply to area()');
  });

  it('Python: a method inside a class', () => {
    const t = findApplyTarget(PY, 'def describe(self):\n    return f"Shape {self.name}"', 'python');
    assert.equal(covered(PY, t), '    def describe(self):\n        return f"{self.name}"');
  });

  it('Go: a method with a receiver, and a struct, by braces', () => {
    const move = findApplyTarget(GO, 'func (p *Point) Move(dx, dy int) {\n\tp.X, p.Y = p.X+dx, p.Y+dy\n}', 'go');
    assert.equal(covered(GO, move), 'func (p *Point) Move(dx int, dy int) {\n\tp.X += dx\n\tp.Y += dy\n}');
    assert.equal(applyLabel(move), 'Apply to Move()');
    const point = findApplyTarget(GO, 'type Point struct {\n\tX, Y, Z int\n}', 'go');
    assert.equal(covered(GO, point), 'type Point struct {\n\tX, Y int\n}');
  });

  it('Java: a method with nested braces ends at its own closing brace', () => {
    const t = findApplyTarget(JAVA, 'public int add(int a, int b) {\n    return a + b;\n}', 'java');
    assert.equal(covered(JAVA, t), lines(JAVA).slice(5, 11).join('\n'));
    assert.equal(applyLabel(t), 'Apply to add()');
  });

  it('C#: a method with its brace on the next line (Allman style)', () => {
    const t = findApplyTarget(CSHARP, 'public string Greet(string name)\n{\n    return $"Hello {name}!";\n}', 'csharp');
    assert.equal(covered(CSHARP, t), lines(CSHARP).slice(4, 8).join('\n'));
    assert.equal(applyLabel(t), 'Apply to Greet()');
  });

  it('a block whose first and last lines occur once in the file replaces the lines between', () => {
    const file = 'const a = 1;\nconsole.log("start");\nrun(a);\nconsole.log("done");\nconst b = 2;\n';
    const t = findApplyTarget(file, 'console.log("start");\nrun(a, { verbose: true });\nconsole.log("done");', 'javascript');
    assert.deepEqual(t, { kind: 'region', startLine: 1, endLine: 3 });
    assert.equal(applyLabel(t), 'Apply to lines 2–4');
  });

  it('a one-line snippet that matches nothing is merged by the relay, never replaces the whole file', () => {
    const t = findApplyTarget(TS, 'console.log(total([]));', 'typescript');
    assert.deepEqual(t, { kind: 'merge' });
    assert.equal(applyLabel(t), 'Apply to file');
  });

  it('a block with "... existing code ..." is merged by the relay even when its header matches', () => {
    const block = 'export class Cart {\n  // ... existing code ...\n  clear(): void {\n    this.items = [];\n  }\n}';
    assert.deepEqual(findApplyTarget(TS, block, 'typescript'), { kind: 'merge' });
  });

  it('two functions in one block, or a name declared twice in the file: merged by the relay', () => {
    const two = 'function a() {\n  return 1;\n}\nfunction b() {\n  return 2;\n}';
    assert.deepEqual(findApplyTarget('function a() {\n  return 0;\n}\nfunction b() {\n  return 0;\n}\nfunction c() {}\n', two, 'javascript').kind, 'merge');
    const twice = 'class A {\n  run() {\n    return 1;\n  }\n}\nclass B {\n  run() {\n    return 2;\n  }\n}\n';
    assert.deepEqual(findApplyTarget(twice, 'run() {\n  return 3;\n}', 'typescript'), { kind: 'merge' });
  });

  it('a complete new version of the file is reviewed against the whole file', () => {
    const whole = TS.replace('let sum = 0;', 'let sum = 0; // start');
    assert.deepEqual(findApplyTarget(TS, whole, 'typescript'), { kind: 'file' });
  });

  it('declarations: calls, control statements and prototypes are not declarations', () => {
    assert.equal(declarationOf('  foo(bar);'), undefined);
    assert.equal(declarationOf('  if (a > b) {'), undefined);
    assert.equal(declarationOf('  return compute(a)'), undefined);
    assert.equal(declarationOf('int add(int a, int b);'), undefined);
    assert.equal(declarationOf('  x = make(y)'), undefined);
    assert.equal(declarationOf('export default function () {'), undefined, 'an anonymous function has no name to match');
    assert.deepEqual(declarationOf('  async fetchAll(): Promise<Item[]> {'), { name: 'fetchAll', callable: true });
    assert.deepEqual(declarationOf('pub(crate) fn parse(input: &str) -> Result<Ast> {'), { name: 'parse', callable: true });
    assert.deepEqual(declarationOf('    public static int Sum(int[] xs)'), { name: 'Sum', callable: true });
    assert.deepEqual(declarationOf('def area(r):'), { name: 'area', callable: true });
    assert.deepEqual(declarationOf('interface Shape {'), { name: 'Shape', callable: false });
  });

  it('extent: strings and comments with braces do not end a function early', () => {
    const src = ['function f() {', '  const s = "}";', '  // }', '  /* } */', '  return `${s}`;', '}', 'f();'];
    assert.equal(extentOf(src, 0, 'javascript'), 5);
  });

  it('lazy markers', () => {
    assert.ok(hasLazyMarker(['a', '  // ... existing code ...', 'b']));
    assert.ok(hasLazyMarker(['# ... rest of the file unchanged']));
    assert.ok(!hasLazyMarker(['const rest = items.slice(1);', 'x = a ... b']));
  });
});

describe('edit/apply prompt', () => {
  const req = { relativePath: 'src/cart.ts', languageId: 'typescript', fileText: TS, block: 'console.log(1);' };

  it('system prompt, then the block, the path and the whole file as the LAST fenced block', () => {
    const messages = buildApplyMessages(req);
    assert.deepEqual(messages.map((m) => m.role), ['system', 'user']);
    assert.equal(messages[0].content, APPLY_SYSTEM_PROMPT);
    const user = messages[1].content;
    assert.ok(user.indexOf('console.log(1);') < user.indexOf('src/cart.ts'));
    assert.ok(user.trimEnd().endsWith('```typescript\n' + TS + '\n```'), 'the file is the last fenced block');
  });

  it('refuses a merge that is a fragment or leaves code out; accepts a whole file', () => {
    assert.match(mergeRefusal(TS, 'console.log(1);', hasLazyMarker) ?? '', /fragment/);
    assert.match(mergeRefusal(TS, TS.replace(/export class Cart[\s\S]*?\n}\n/, '// ... existing code ...\n'), hasLazyMarker) ?? '', /left parts/);
    assert.equal(mergeRefusal(TS, TS + 'console.log(1);\n', hasLazyMarker), null);
    assert.match(mergeRefusal(TS, '', hasLazyMarker) ?? '', /no code/);
  });
});
