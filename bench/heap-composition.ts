import type { CDPSession } from '@playwright/test';

/** What a heap snapshot holds, by the nodes' own (self) sizes. */
export interface HeapComposition {
  /** V8's compiled code: bytecode, the JIT tiers' machine code, feedback vectors. */
  codeBytes: number;
  /** Everything else the page holds: JS objects, strings, Blink's objects, ArrayBuffer contents. */
  retainedBytes: number;
}

/**
 * Takes a heap snapshot (which collects garbage first) and splits it into compiled code and the
 * rest. The JIT keeps compiling hotter functions for the first several calls, which grows the heap
 * without anything being leaked; a leak shows in what is retained.
 */
export async function heapComposition(cdp: CDPSession): Promise<HeapComposition> {
  const chunks: string[] = [];
  const onChunk = ({ chunk }: { chunk: string }) => chunks.push(chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  }
  const snapshot = JSON.parse(chunks.join('')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
    nodes: number[];
  };
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const typeField = fields.indexOf('type');
  const sizeField = fields.indexOf('self_size');
  const code = types.indexOf('code');
  const synthetic = types.indexOf('synthetic');
  let codeBytes = 0;
  let retainedBytes = 0;
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    const type = snapshot.nodes[i + typeField];
    const size = snapshot.nodes[i + sizeField]!;
    if (type === code) codeBytes += size;
    else if (type !== synthetic) retainedBytes += size;
  }
  return { codeBytes, retainedBytes };
}
