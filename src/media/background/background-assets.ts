/**
 * The URLs of the background effect's files: its worker's chunk (segmentation-worker.ts), the
 * segmenter's WebAssembly with its loader, and the model. The build replaces this module with the
 * URLs of the files it emits beside the chunks (scripts/vite-plugin-background-assets.ts);
 * unbuilt, there are none.
 */
const unbuilt = (): string => {
  throw new Error('the background effect needs the built widget (npm run build)');
};

export const worker: string = unbuilt();
export const wasmLoader: string = unbuilt();
export const wasmBinary: string = unbuilt();
export const model: string = unbuilt();
