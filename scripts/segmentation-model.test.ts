import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ByteBuffer } from 'flatbuffers';
import { describe, expect, it } from 'vitest';
import { readMetadata, segmentationMetadata, withMetadata } from './segmentation-model';

const require = createRequire(import.meta.url);
const model = new Uint8Array(
  readFileSync(
    require.resolve('@mediapipe/selfie_segmentation/selfie_segmentation_landscape.tflite'),
  ),
);

describe('withMetadata', () => {
  it('adds the metadata as TFLITE_METADATA and keeps every part of the model', () => {
    const metadata = segmentationMetadata();
    expect(readMetadata(model)).toBeUndefined();
    const out = withMetadata(model, metadata);
    expect([...readMetadata(out)!]).toEqual([...metadata]);
    expect(out.length % 16).toBe(model.length % 16);
    // The old content moved as a whole, by a multiple of 16 (the alignment of buffer data).
    const shift = out.length - model.length;
    expect(shift % 16).toBe(0);
    expect(out.subarray(8 + shift)).toEqual(model.subarray(8));
    expect(new TextDecoder().decode(out.subarray(4, 8))).toBe('TFL3');
    // The new root's subgraphs and operator codes are the old ones.
    const field = (bytes: Uint8Array, slot: number) => {
      const bb = new ByteBuffer(bytes);
      const root = bb.readUint32(0);
      const at = root + bb.__offset(root, 4 + 2 * slot);
      return at + bb.readUint32(at);
    };
    expect(field(out, 2) - shift).toBe(field(model, 2));
    expect(field(out, 1) - shift).toBe(field(model, 1));
  });

  it('refuses a file that is not a TFLite model, and a model that has the metadata already', () => {
    expect(() => withMetadata(new Uint8Array(64), segmentationMetadata())).toThrow(/not a TFLite/);
    const once = withMetadata(model, segmentationMetadata());
    expect(() => withMetadata(once, segmentationMetadata())).toThrow(/already/);
  });
});

describe('segmentationMetadata', () => {
  it('is a ModelMetadata flatbuffer (M001) whose input is normalized with mean 0 and std 255', () => {
    const bb = new ByteBuffer(segmentationMetadata());
    expect(bb.__has_identifier('M001')).toBe(true);
    const table = (at: number) => at + bb.readInt32(at);
    const field = (t: number, slot: number) => {
      const o = bb.__offset(t, 4 + 2 * slot);
      return o ? t + o : 0;
    };
    const first = (t: number, slot: number) => table(bb.__vector(field(t, slot)));
    const root = bb.readUint32(0);
    const subgraph = first(root, 3);
    const input = first(subgraph, 2);
    const unit = first(input, 4);
    expect(bb.readUint8(field(unit, 0))).toBe(1); // NormalizationOptions
    const options = table(field(unit, 1));
    const floats = (slot: number) => bb.readFloat32(bb.__vector(field(options, slot)));
    expect([floats(0), floats(1)]).toEqual([0, 255]);
  });
});
