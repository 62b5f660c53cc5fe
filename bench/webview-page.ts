// The page the webview benchmark loads in Chromium: a fake acquireVsCodeApi, the built bundle,
// and a plain-JS harness (kept as text so nothing from the Node side leaks into the page).

export const HARNESS = String.raw`
window.__posted = [];
window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => undefined, setState: () => {} });
const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
const send = (data) => window.dispatchEvent(new MessageEvent('message', { data }));
window.bench = {
  gaps: [], longtasks: [], running: false,
  startFrames() {
    this.gaps = []; this.longtasks = []; this.running = true;
    let last = performance.now();
    const loop = () => { const now = performance.now(); this.gaps.push(now - last); last = now; if (this.running) requestAnimationFrame(loop); };
    requestAnimationFrame(loop);
  },
  stopFrames() {
    this.running = false;
    const gaps = this.gaps.slice(1).sort((a, b) => a - b);
    return { maxGap: gaps.at(-1) ?? 0, p99Gap: gaps[Math.floor(gaps.length * 0.99)] ?? 0, frames: gaps.length, maxLongTask: Math.max(0, ...this.longtasks) };
  },
  async history(messages) {
    await frame();
    this.startFrames();
    const t0 = performance.now();
    let firstFrame = 0, firstWork = 0, tA = 0;
    // The first frame: from the state message until the frame that shows it has been laid out
    // (wall clock), and the work in it: the message handler, then the view's own frame callback
    // and layout (between a callback queued before the view's and one queued after it).
    requestAnimationFrame(() => { tA = performance.now(); });
    requestAnimationFrame(() => requestAnimationFrame(() => { firstFrame = performance.now() - t0; }));
    send({ type: 'state', protocolVersion: 1, state: { conversationId: 'c1', title: 'Bench', model: 'gpt-4.1', messages, conversations: [{ id: 'c1', title: 'Bench', updatedAt: 0 }], models: ['gpt-4.1'], chips: [], busy: false, welcome: false } });
    const handlerMs = performance.now() - t0;
    requestAnimationFrame(() => { void document.body.offsetHeight; firstWork = handlerMs + performance.now() - tA; });
    while (document.querySelectorAll('#log > .message').length < messages.length) await frame();
    void document.body.offsetHeight;
    const ms = performance.now() - t0;
    await frame(); await frame();
    return { ms, firstFrame, firstWork, ...this.stopFrames() };
  },
  /** Feeds deltas, perFrame per animation frame; returns the CPU ms each frame's batch cost (dispatch + render + layout). */
  async stream(deltas, perFrame) {
    send({ type: 'messageAdded', message: { id: 'live', role: 'assistant', text: '', state: 'streaming', chips: [], meta: null, error: null } });
    send({ type: 'busy', busy: true });
    await frame();
    this.startFrames();
    const costs = [];
    let offset = 0;
    for (let i = 0; i < deltas.length; i += perFrame) {
      costs.push(await new Promise((resolve) => {
        let tA = 0;
        requestAnimationFrame(() => { tA = performance.now(); });
        const d0 = performance.now();
        for (const text of deltas.slice(i, i + perFrame)) { send({ type: 'delta', id: 'live', offset, text }); offset += text.length; }
        const dispatchMs = performance.now() - d0;
        requestAnimationFrame(() => { void document.body.offsetHeight; resolve(dispatchMs + performance.now() - tA); });
      }));
    }
    const full = deltas.join('');
    const f0 = performance.now();
    send({ type: 'messageFinished', id: 'live', state: 'done', text: full, meta: null, error: null });
    void document.body.offsetHeight;
    const finishMs = performance.now() - f0;
    await frame(); await frame();
    const live = document.querySelector('.message.assistant[data-id="live"]');
    return { costs, finishMs, ...this.stopFrames(), state: live.dataset.state, codeBlocks: live.querySelectorAll('.code-block').length, textLength: live.querySelector('.content').textContent.length };
  },
  /** What re-rendering the whole answer costs once (what a naive view pays on every frame at the end). */
  naive(text, reps) {
    const host = document.createElement('div');
    host.className = 'message assistant';
    document.getElementById('log').append(host);
    const times = [];
    for (let i = 0; i < reps; i++) {
      const t0 = performance.now();
      host.innerHTML = window.__renderMarkdown(text);
      void document.body.offsetHeight;
      times.push(performance.now() - t0);
    }
    host.remove();
    return times.sort((a, b) => a - b)[reps >> 1];
  },
};
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.bench.longtasks.push(e.duration); }).observe({ type: 'longtask', buffered: true });
`;

export function pageHtml(): string {
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><link rel="stylesheet" href="webview.css">
<style>body { --vscode-font-family: sans-serif; --vscode-font-size: 13px; --vscode-editor-font-family: monospace; width: 400px; height: 800px; }</style>
<script src="harness.js"></script></head>
<body><div id="app"></div><script src="markdown.js"></script><script src="webview.js"></script></body></html>`;
}
