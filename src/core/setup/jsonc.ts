// settings.json is JSON with comments and trailing commas. Enough of a reader to learn which
// settings a workspace sets (Restricted Mode hides them from VS Code's inspect()).

/** Parses JSONC (// and /* comments, trailing commas); undefined when it is not valid. */
export function parseJsonc(text: string): unknown {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      out += text.slice(start, i + 1);
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
      out += ' ';
    } else {
      out += c;
    }
  }
  try {
    return JSON.parse(out.replace(/,(\s*[}\]])/g, '$1'));
  } catch {
    return undefined;
  }
}

/** The `relayAssistant.*` values of a settings object (flat `relayAssistant.key` or nested `{relayAssistant: {key}}`). */
export function sectionValues(settings: unknown, section: string): Record<string, unknown> {
  if (!settings || typeof settings !== 'object' || Array.isArray(settings)) return {};
  const out: Record<string, unknown> = {};
  const nested = (settings as Record<string, unknown>)[section];
  if (nested && typeof nested === 'object' && !Array.isArray(nested)) Object.assign(out, nested);
  for (const [k, v] of Object.entries(settings)) if (k.startsWith(`${section}.`)) out[k.slice(section.length + 1)] = v;
  return out;
}
