// The language switch in Copilot's shape: `{"*": true, "plaintext": false, ...}`.

/** The language's own entry, else `*`, else on. */
export function languageEnabled(languages: Record<string, boolean>, languageId: string): boolean {
  const own = languages[languageId];
  if (typeof own === 'boolean') return own;
  const all = languages['*'];
  return typeof all === 'boolean' ? all : true;
}
