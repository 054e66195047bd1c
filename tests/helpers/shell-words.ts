/**
 * Enough of the POSIX shell's word splitting to read a documented command line the way bash does:
 * single and double quotes, backslashes, `$NAME`/`${NAME}` expansion and `#` comments. Operators
 * (`|`, `<`, `>`, `;`, `&`, parentheses) come back as their own tokens, so a caller sees that
 * `curl …/<token>` is a redirection, not a URL. Anything that would behave differently across
 * shells (an unquoted `?` or `*` is a glob, and zsh refuses one that matches nothing; an unquoted
 * expansion splits) is an error, as is a variable the caller did not define.
 */
export type ShellToken = { word: string } | { op: string };

const OPERATORS = new Set(['|', '<', '>', ';', '&', '(', ')']);
const GLOB = new Set(['?', '*', '[']);
const NAME = /^(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/;

export class ShellSyntaxError extends Error {
  override name = 'ShellSyntaxError';
}

export function shellWords(line: string, vars: Record<string, string>): ShellToken[] {
  const tokens: ShellToken[] = [];
  let word: string | null = null;
  let i = 0;
  const fail = (why: string): never => {
    throw new ShellSyntaxError(`${why} at column ${i + 1} of: ${line}`);
  };
  const expand = (): string => {
    const m = NAME.exec(line.slice(i + 1));
    if (!m) return fail(line[i + 1] === '(' ? 'command substitution is not supported here' : 'a lone $');
    const name = m[1] ?? m[2]!;
    if (!(name in vars)) fail(`$${name} is not defined`);
    i += 1 + m[0].length;
    return vars[name]!;
  };
  const end = () => {
    if (word !== null) tokens.push({ word });
    word = null;
  };
  while (i < line.length) {
    const c = line[i]!;
    if (c === ' ' || c === '\t' || c === '\n') {
      end();
      i++;
    } else if (c === '#' && word === null) {
      break;
    } else if (OPERATORS.has(c)) {
      end();
      tokens.push({ op: c });
      i++;
    } else if (c === "'") {
      const close = line.indexOf("'", i + 1);
      if (close < 0) fail('unterminated single quote');
      word = (word ?? '') + line.slice(i + 1, close);
      i = close + 1;
    } else if (c === '"') {
      word = (word ?? '') + readDoubleQuoted();
    } else if (c === '\\') {
      if (i + 1 >= line.length) fail('a trailing backslash');
      if (line[i + 1] !== '\n') word = (word ?? '') + line[i + 1];
      i += 2;
    } else if (c === '$') {
      const value = expand();
      if (/\s/.test(value)) fail('an unquoted expansion with spaces splits into several words');
      word = (word ?? '') + value;
    } else if (c === '`') {
      fail('command substitution is not supported here');
    } else {
      if (GLOB.has(c)) fail(`an unquoted ${c} is a glob pattern (zsh refuses it when no file matches): quote the word`);
      word = (word ?? '') + c;
      i++;
    }
  }
  end();
  return tokens;

  function readDoubleQuoted(): string {
    let out = '';
    i++;
    while (i < line.length && line[i] !== '"') {
      const c = line[i]!;
      if (c === '\\' && '$`"\\\n'.includes(line[i + 1] ?? '')) {
        if (line[i + 1] !== '\n') out += line[i + 1];
        i += 2;
      } else if (c === '$') {
        out += expand();
      } else if (c === '`') {
        fail('command substitution is not supported here');
      } else {
        out += c;
        i++;
      }
    }
    if (i >= line.length) fail('unterminated double quote');
    i++;
    return out;
  }
}
