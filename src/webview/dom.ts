// Tiny DOM helpers (no framework: the view must stay light and predictable).

type Child = Node | string | null | undefined | false;

/** An element with attributes (`class`, `data-*`, aria, …) and children; text children are text nodes. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | boolean> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false) continue;
    node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

export function byId<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`missing #${id}`);
  return node as T;
}

export function setVisible(node: HTMLElement, visible: boolean): void {
  node.hidden = !visible;
}

/** A codicon (decorative: the button or text next to it carries the words). */
export function icon(name: string, extra = ''): HTMLSpanElement {
  return el('span', { class: `codicon codicon-${name}${extra ? ` ${extra}` : ''}`, 'aria-hidden': 'true' });
}

/** A small icon button: the label is its tooltip and its accessible name. */
export function iconButton(name: string, label: string, attrs: Record<string, string | boolean> = {}): HTMLButtonElement {
  return el('button', { type: 'button', class: 'icon-button', title: label, 'aria-label': label, ...attrs }, icon(name));
}

/** The same markup as iconButton, as an HTML string (for Markdown output rendered as HTML). */
export function iconButtonHtml(name: string, label: string, attrs: string): string {
  return `<button type="button" class="icon-button" title="${label}" aria-label="${label}" ${attrs}><span class="codicon codicon-${name}" aria-hidden="true"></span></button>`;
}
