/** The check every rendered summary must pass: nothing a browser or feed reader would execute or choke on. */
import { expect } from 'vitest';

/** No such element, no handler or script URL on any element, no XML-illegal character. */
export function expectInert(html: string) {
  expect(html).not.toMatch(/<(script|iframe|svg|style|img|form|input|object|embed|link|meta)\b/i);
  expect(html).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/i);
  expect(html).not.toMatch(/<[a-z][^>]*\s(href|src|action)\s*=\s*["']?\s*(javascript|data|vbscript):/i);
  expect(html).not.toMatch(/<a[^>]*\shref="\/\//);
  expect(html).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
}
