/**
 * The small part of markdown an agent's chat message may use (Connect's rich messaging sends
 * `text/markdown`): **bold**, *italic* or _italic_, `code`, [links](https://…) and line breaks.
 * Everything else stays the text it is: HTML is text, an image is its alt text (nothing is ever
 * fetched), a link is a link only to an absolute `https:` address (the rest, javascript:, data:,
 * http:, relative paths, keep their text only). The result is plain data for the UI to render
 * with text nodes, never HTML.
 */
export type ChatInline =
  | { kind: 'text'; text: string }
  | { kind: 'strong' | 'em'; children: ChatInline[] }
  | { kind: 'code'; text: string }
  | { kind: 'link'; href: string; children: ChatInline[] };

/** One line of the message. */
export type ChatLine = ChatInline[];

// Deeper emphasis than this is text: it bounds the work on hostile input.
const MAX_DEPTH = 3;

/** The address of a link, when it may be one: absolute https only, no credentials. */
export function safeHref(raw: string): string | undefined {
  if (!/^https:\/\/\S+$/i.test(raw)) return undefined;
  try {
    const url = new URL(raw);
    if (url.protocol !== 'https:' || url.username || url.password) return undefined;
    return url.href;
  } catch {
    return undefined;
  }
}

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && /[\p{L}\p{N}]/u.test(char);
}

function parseInline(text: string, depth: number): ChatInline[] {
  const out: ChatInline[] = [];
  let buffer = '';
  // The last answer per delimiter: the next one after `from` is `at` (-1: none) for any start
  // from `from` to `at`. It keeps the scan linear on input such as ten thousand `[` or `*`.
  const found = new Map<string, { from: number; at: number }>();
  const closing = (delimiter: string, from: number): number => {
    const known = found.get(delimiter);
    if (known && from >= known.from && (known.at === -1 || from <= known.at)) return known.at;
    const at = text.indexOf(delimiter, from);
    found.set(delimiter, { from, at });
    return at;
  };
  const flush = () => {
    if (buffer) out.push({ kind: 'text', text: buffer });
    buffer = '';
  };
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    if (char === '\\' && i + 1 < text.length && /[\\`*_[\]()!]/.test(text[i + 1]!)) {
      buffer += text[i + 1];
      i += 2;
      continue;
    }
    if (char === '`') {
      const end = closing('`', i + 1);
      if (end > i + 1) {
        flush();
        out.push({ kind: 'code', text: text.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    if ((char === '*' || char === '_') && depth < MAX_DEPTH) {
      const double = text[i + 1] === char;
      const delimiter = double ? char + char : char;
      const start = i + delimiter.length;
      // Underscores inside words (snake_case) are not emphasis.
      const opens = char === '*' || !isWordChar(text[i - 1]);
      const end = opens && text[start] !== ' ' ? closing(delimiter, start) : -1;
      if (end > start && (char === '*' || !isWordChar(text[end + delimiter.length]))) {
        flush();
        out.push({
          kind: double ? 'strong' : 'em',
          children: parseInline(text.slice(start, end), depth + 1),
        });
        i = end + delimiter.length;
        continue;
      }
    }
    if (char === '[' || (char === '!' && text[i + 1] === '[')) {
      const image = char === '!';
      const open = image ? i + 1 : i;
      const close = closing(']', open + 1);
      if (close !== -1 && text[close + 1] === '(') {
        const end = closing(')', close + 2);
        if (end !== -1) {
          const label = text.slice(open + 1, close);
          const href = image ? undefined : safeHref(text.slice(close + 2, end).trim());
          flush();
          const children =
            depth < MAX_DEPTH
              ? parseInline(label, depth + 1)
              : [{ kind: 'text' as const, text: label }];
          if (href) out.push({ kind: 'link', href, children });
          else out.push(...children);
          i = end + 1;
          continue;
        }
      }
    }
    buffer += char;
    i += 1;
  }
  flush();
  return out;
}

/** A `text/markdown` message, line by line. */
export function parseChatMarkdown(text: string): ChatLine[] {
  return text.split(/\r?\n/).map((line) => parseInline(line, 0));
}

/** The words of a message without its markup, for screen reader announcements. */
export function chatPlainText(lines: ChatLine[]): string {
  const of = (nodes: ChatInline[]): string =>
    nodes.map((node) => ('children' in node ? of(node.children) : node.text)).join('');
  return lines.map(of).join('\n');
}
