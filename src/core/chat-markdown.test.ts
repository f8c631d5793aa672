import { describe, expect, it } from 'vitest';
import { chatPlainText, parseChatMarkdown, safeHref, type ChatInline } from './chat-markdown';

const text = (t: string): ChatInline => ({ kind: 'text', text: t });

/** Every link in the result, however deep. */
function links(nodes: ChatInline[]): string[] {
  return nodes.flatMap((node) =>
    node.kind === 'link'
      ? [node.href, ...links(node.children)]
      : 'children' in node
        ? links(node.children)
        : [],
  );
}

describe('parseChatMarkdown', () => {
  it('reads bold, italic, code, links and line breaks', () => {
    expect(
      parseChatMarkdown(
        '**Order 42** is *on its way*: `TRACK-1`\nSee [the status](https://shop.example/o/42)',
      ),
    ).toEqual([
      [
        { kind: 'strong', children: [text('Order 42')] },
        text(' is '),
        { kind: 'em', children: [text('on its way')] },
        text(': '),
        { kind: 'code', text: 'TRACK-1' },
      ],
      [
        text('See '),
        { kind: 'link', href: 'https://shop.example/o/42', children: [text('the status')] },
      ],
    ]);
    expect(parseChatMarkdown('__bold__ and _it_')).toEqual([
      [
        { kind: 'strong', children: [text('bold')] },
        text(' and '),
        { kind: 'em', children: [text('it')] },
      ],
    ]);
  });

  it('keeps HTML as text', () => {
    const hostile = '<script>alert(1)</script><img src=x onerror="alert(2)"><b>bold</b>';
    expect(parseChatMarkdown(hostile)).toEqual([[text(hostile)]]);
  });

  it('keeps HTML entities as the characters typed', () => {
    expect(parseChatMarkdown('&lt;script&gt; &amp; &#60;b&#62;')).toEqual([
      [text('&lt;script&gt; &amp; &#60;b&#62;')],
    ]);
  });

  it('links only absolute https addresses', () => {
    for (const href of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'http://shop.example/',
      '//evil.example/',
      '/relative',
      'https://user:pass@evil.example/',
      'https://evil.example/ onmouseover=alert(1)',
    ]) {
      const lines = parseChatMarkdown(`[click me](${href})`);
      expect(links(lines.flat()), href).toEqual([]);
      // The label stays (what follows a `)` inside the address stays text too).
      expect(chatPlainText(lines), href).toMatch(/^click me/);
    }
    expect(safeHref('https://shop.example/a?b=<c>')).toBe('https://shop.example/a?b=%3Cc%3E');
  });

  it('never loads an image: only its alt text remains', () => {
    expect(parseChatMarkdown('![a tracking pixel](https://evil.example/pixel.gif)')).toEqual([
      [text('a tracking pixel')],
    ]);
  });

  it('does not let a link label smuggle a javascript: link or an image', () => {
    const lines = parseChatMarkdown('[![x](https://evil.example/i.png)](javascript:alert(1))');
    // The first `]` closes the label: at most a link to the https address, never an image.
    expect(links(lines.flat()).every((href) => href.startsWith('https://'))).toBe(true);
    expect(JSON.stringify(lines)).not.toContain('javascript:alert(1)"');
  });

  it('leaves what it does not support, and unclosed markers, as text', () => {
    expect(parseChatMarkdown('# Title\n- item\n2 * 3 = 6\nsnake_case_name\n**open')).toEqual([
      [text('# Title')],
      [text('- item')],
      [text('2 * 3 = 6')],
      [text('snake_case_name')],
      [text('**open')],
    ]);
    expect(parseChatMarkdown('\\*not italic\\*')).toEqual([[text('*not italic*')]]);
  });

  it('reads very long and adversarial messages', () => {
    const long = 'word '.repeat(20_000);
    expect(chatPlainText(parseChatMarkdown(long))).toBe(long);
    for (const hostile of [
      '*'.repeat(16_384),
      '['.repeat(16_384) + ']',
      '[a]('.repeat(4_000),
      '`'.repeat(16_384),
      '_a'.repeat(8_000),
      '**'.repeat(8_000) + 'x',
    ]) {
      const lines = parseChatMarkdown(hostile);
      // Nothing lost, nothing added, however the markers paired up.
      expect(chatPlainText(lines).replace(/[*_`[\]()]/g, '')).toBe(
        hostile.replace(/[*_`[\]()]/g, ''),
      );
    }
  });

  it('nests emphasis only so deep', () => {
    const deep = '*'.repeat(40) + 'x' + '*'.repeat(40);
    const depth = (nodes: ChatInline[]): number =>
      Math.max(0, ...nodes.map((n) => ('children' in n ? 1 + depth(n.children) : 0)));
    expect(depth(parseChatMarkdown(deep).flat())).toBeLessThanOrEqual(3);
  });
});
