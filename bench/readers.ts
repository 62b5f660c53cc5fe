// The three ways the benchmark reads a streamed answer: our relay client, a raw node:http reader
// (splits SSE by hand: the minimal baseline) and the openai npm SDK v4.
import * as http from 'node:http';
import OpenAI from 'openai';
import { createRelayClient } from '../src/core/relay';
import type { RelayClient } from '../src/core/relay/types';

/** What one streamed answer gave: its text and ms from the call to the first content. */
export interface StreamOutcome {
  text: string;
  ttftMs: number;
}

export interface StreamReader {
  readonly name: string;
  stream(model: string): Promise<StreamOutcome>;
  close(): Promise<void>;
}

const MESSAGES = [{ role: 'user' as const, content: 'bench' }];

export class OursReader implements StreamReader {
  readonly name = 'ours';
  private readonly client: RelayClient;

  constructor(baseUrl: string) {
    this.client = createRelayClient({ baseUrl, apiKey: 'bench-key', maxRetries: 0 });
  }

  async stream(model: string): Promise<StreamOutcome> {
    const started = performance.now();
    let ttftMs = -1;
    let text = '';
    await this.client.chat({
      model,
      messages: MESSAGES,
      stream: true,
      onDelta: (d) => {
        if (!d.content) return;
        if (ttftMs < 0) ttftMs = performance.now() - started;
        text += d.content;
      },
    });
    return { text, ttftMs };
  }

  close(): Promise<void> {
    return this.client.close();
  }
}

/** The least a reader can do: one keep-alive agent, split events on a blank line, JSON.parse each data line. */
export class RawReader implements StreamReader {
  readonly name = 'raw node:http';
  private readonly agent = new http.Agent({ keepAlive: true });
  private readonly url: URL;

  constructor(baseUrl: string) {
    this.url = new URL(`${baseUrl}/chat/completions`);
  }

  stream(model: string): Promise<StreamOutcome> {
    const started = performance.now();
    const body = JSON.stringify({ model, messages: MESSAGES, stream: true, stream_options: { include_usage: true } });
    return new Promise((resolve, reject) => {
      const req = http.request(this.url, { method: 'POST', agent: this.agent, headers: { 'content-type': 'application/json', authorization: 'Bearer bench-key', accept: 'text/event-stream' } }, (res) => {
        let ttftMs = -1;
        let text = '';
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (piece: string) => {
          buffer += piece;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const event = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            for (const line of event.split('\n')) {
              if (!line.startsWith('data: ') || line === 'data: [DONE]') continue;
              const content = JSON.parse(line.slice(6)).choices?.[0]?.delta?.content;
              if (!content) continue;
              if (ttftMs < 0) ttftMs = performance.now() - started;
              text += content;
            }
          }
        });
        res.on('end', () => resolve({ text, ttftMs }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  async close(): Promise<void> {
    this.agent.destroy();
  }
}

export class OpenAiSdkReader implements StreamReader {
  readonly name = 'openai SDK v4';
  private readonly client: OpenAI;
  // Our own keep-alive agent (like the SDK's default) so close() can release its sockets.
  private readonly agent = new http.Agent({ keepAlive: true });

  constructor(baseUrl: string) {
    this.client = new OpenAI({ baseURL: baseUrl, apiKey: 'bench-key', maxRetries: 0, httpAgent: this.agent });
  }

  async stream(model: string): Promise<StreamOutcome> {
    const started = performance.now();
    let ttftMs = -1;
    let text = '';
    const stream = await this.client.chat.completions.create({ model, messages: MESSAGES, stream: true, stream_options: { include_usage: true } });
    for await (const chunk of stream) {
      const content = chunk.choices[0]?.delta?.content;
      if (!content) continue;
      if (ttftMs < 0) ttftMs = performance.now() - started;
      text += content;
    }
    return { text, ttftMs };
  }

  async close(): Promise<void> {
    this.agent.destroy();
  }
}
