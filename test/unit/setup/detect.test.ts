// Local server detection on loopback: a server answering /v1/models is found with its models; a
// closed port, a port held by something that is not an OpenAI server, or one that never answers
// is not — and a silent port costs no more than the short timeout.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { detectLocalServers } from '../../../src/core/setup/detect';
import { RELAY_PRESETS, baseUrlProblem, isLoopback, normalizeBaseUrl, presetFor } from '../../../src/core/setup/presets';
import { DEFAULT_SETTINGS } from '../../../src/core/config';
import { startSimulator, type Simulator } from '../../support/simulator';
import { closedPort, serveSetupRelay } from '../../support/setupRelay';

function portOf(sim: Simulator): number {
  return Number(new URL(sim.url).port);
}

async function server(handler: http.RequestListener): Promise<{ port: number; close(): Promise<void> }> {
  const s = http.createServer(handler);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return { port: (s.address() as AddressInfo).port, close: () => new Promise((r) => s.close(() => r())) };
}

describe('setup: local servers', () => {
  it('finds a server on a loopback port with its models, not a closed port, not a web server, not a silent one — in parallel, within the timeout', async () => {
    const sim = await startSimulator();
    serveSetupRelay(sim, { models: ['llama3.2:latest'] });
    const web = await server((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>hello</html>'));
    const silent = await server(() => undefined); // accepts, never answers
    const closed = await closedPort();
    try {
      const started = Date.now();
      const found = await detectLocalServers([portOf(sim), web.port, silent.port, closed], 300);
      const took = Date.now() - started;
      assert.deepEqual([...found.keys()], [portOf(sim)]);
      assert.deepEqual(found.get(portOf(sim))?.models, ['llama3.2:latest']);
      assert.match(found.get(portOf(sim))!.baseUrl, new RegExp(`^http://(localhost|127\\.0\\.0\\.1):${portOf(sim)}/v1$`));
      assert.ok(took < 1500, `detection took ${took} ms`);
      assert.ok(sim.requests.every((r) => r.method === 'GET' && r.path === '/v1/models' && r.headers.authorization === undefined), 'detection sent a key or something else');
    } finally {
      await sim.close();
      await web.close();
      await silent.close();
    }
  });

  it('presets: HolySheep is the default relay first; local servers on their default ports need no key', () => {
    assert.equal(RELAY_PRESETS[0].baseUrl, DEFAULT_SETTINGS.baseUrl);
    const ports = Object.fromEntries(RELAY_PRESETS.filter((p) => p.port).map((p) => [p.label, p.port]));
    assert.deepEqual(ports, { Ollama: 11434, 'LM Studio': 1234, vLLM: 8000, 'llama.cpp': 8080 });
    for (const p of RELAY_PRESETS) assert.equal(p.needsKey, p.port === undefined, p.label);
    for (const p of RELAY_PRESETS) assert.equal(isLoopback(p.baseUrl), p.port !== undefined, p.label);
    assert.deepEqual(RELAY_PRESETS.map((p) => p.label), ['HolySheep', 'OpenRouter', 'OpenAI', 'DeepSeek', 'Groq', 'Together AI', 'Ollama', 'LM Studio', 'vLLM', 'llama.cpp']);
    assert.equal(presetFor('http://127.0.0.1:11434/v1')?.label, 'Ollama');
    assert.equal(presetFor('https://openrouter.ai/api/v1')?.label, 'OpenRouter');
    assert.equal(presetFor('https://relay.example.com/v1'), undefined);
  });

  it('a typed URL: a pasted endpoint is cut back to the base URL; a key in the URL or another scheme is refused', () => {
    assert.equal(normalizeBaseUrl(' https://relay.example.com/v1/chat/completions/ '), 'https://relay.example.com/v1');
    assert.equal(normalizeBaseUrl('http://localhost:1234/v1/models'), 'http://localhost:1234/v1');
    assert.equal(baseUrlProblem('https://relay.example.com/v1'), undefined);
    assert.match(baseUrlProblem('ftp://relay.example.com')!, /http:\/\/ or https:\/\//);
    assert.match(baseUrlProblem('https://user:sk-secret@relay.example.com')!, /Leave the key out of the URL/);
    assert.match(baseUrlProblem('relay')!, /Type a URL/);
  });
});
