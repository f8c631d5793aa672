import type { ComponentChildren } from 'preact';
import { parseChatMarkdown, type ChatInline } from '../core/chat-markdown';

function inline(nodes: ChatInline[]): ComponentChildren {
  return nodes.map((node) => {
    switch (node.kind) {
      case 'text':
        return node.text;
      case 'code':
        return <code>{node.text}</code>;
      case 'strong':
        return <strong>{inline(node.children)}</strong>;
      case 'em':
        return <em>{inline(node.children)}</em>;
      case 'link':
        // Only https links (chat-markdown.ts). A new tab with neither opener nor referrer: the
        // page it opens can neither script this one nor learn where the customer came from.
        return (
          <a href={node.href} target="_blank" rel="noopener noreferrer">
            {inline(node.children)}
          </a>
        );
    }
  });
}

/**
 * A message's text: plain text as it is, `text/markdown` through the safe subset of
 * chat-markdown.ts. Only text nodes and a fixed set of elements are created: nothing in a message
 * can add markup, run script or load anything.
 */
export function ChatText({ text, markdown }: { text: string; markdown: boolean }) {
  if (!markdown) return <>{text}</>;
  return (
    <>
      {parseChatMarkdown(text).map((line, index) => (
        <>
          {index > 0 ? <br /> : null}
          {inline(line)}
        </>
      ))}
    </>
  );
}
