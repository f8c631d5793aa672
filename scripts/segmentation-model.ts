/**
 * The background effect's segmentation model: MediaPipe's selfie segmentation (landscape, 144×256),
 * as @mediapipe/selfie_segmentation ships it, with the TFLite metadata that @mediapipe/tasks-vision's
 * ImageSegmenter needs added at build time. The file has none, and the ImageSegmenter refuses a
 * float input without it ("it requires specifying NormalizationOptions metadata"). The metadata says
 * what the package's own graph does before inference: RGB in [0, 1], that is mean 0 and std 255.
 *
 * Schemas: tensorflow/lite/schema/schema.fbs (Model, Buffer, Metadata) and
 * tensorflow_lite_support/metadata/metadata_schema.fbs (ModelMetadata, file identifier "M001").
 */
import { Builder, ByteBuffer } from 'flatbuffers';

/** The name under which MediaPipe and the TFLite support library look the metadata up. */
const METADATA_NAME = 'TFLITE_METADATA';

// Field slots of schema.fbs's Model table.
const MODEL_FIELDS = 8;
const MODEL_BUFFERS = 4;
const MODEL_METADATA = 6;

/** The ModelMetadata flatbuffer for a one-input, one-output image segmentation model. */
export function segmentationMetadata(): Uint8Array {
  const b = new Builder(512);
  const imageProperties = (() => {
    b.startObject(2);
    b.addFieldInt8(0, 1, 0); // color_space: RGB
    return b.endObject();
  })();
  const content = (() => {
    b.startObject(3);
    b.addFieldInt8(0, 2, 0); // content_properties_type: ImageProperties
    b.addFieldOffset(1, imageProperties, 0);
    return b.endObject();
  })();
  const offsets = (values: number[]) => {
    b.startVector(4, values.length, 4);
    for (const value of [...values].reverse()) b.addOffset(value);
    return b.endVector();
  };
  const floats = (values: number[]) => {
    b.startVector(4, values.length, 4);
    for (const value of [...values].reverse()) b.addFloat32(value);
    return b.endVector();
  };
  const mean = floats([0]);
  const std = floats([255]);
  b.startObject(2);
  b.addFieldOffset(0, mean, 0);
  b.addFieldOffset(1, std, 0);
  const normalization = b.endObject();
  b.startObject(2);
  b.addFieldInt8(0, 1, 0); // options_type: NormalizationOptions
  b.addFieldOffset(1, normalization, 0);
  const processUnit = b.endObject();
  const processUnits = offsets([processUnit]);
  const inputName = b.createString('image');
  b.startObject(7);
  b.addFieldOffset(0, inputName, 0);
  b.addFieldOffset(3, content, 0);
  b.addFieldOffset(4, processUnits, 0);
  const input = b.endObject();
  const outputName = b.createString('segmentation');
  b.startObject(7);
  b.addFieldOffset(0, outputName, 0);
  const output = b.endObject();
  const inputs = offsets([input]);
  const outputs = offsets([output]);
  b.startObject(5);
  b.addFieldOffset(2, inputs, 0);
  b.addFieldOffset(3, outputs, 0);
  const subgraph = b.endObject();
  const subgraphs = offsets([subgraph]);
  const name = b.createString('selfie_segmentation_landscape');
  const version = b.createString('1.0.0');
  b.startObject(8);
  b.addFieldOffset(0, name, 0);
  b.addFieldOffset(3, subgraphs, 0);
  b.addFieldOffset(7, version, 0);
  b.finish(b.endObject(), 'M001');
  return b.asUint8Array();
}

/** An offset field of a table, as an absolute position (undefined when absent). */
function field(bb: ByteBuffer, table: number, slot: number): number | undefined {
  const relative = bb.__offset(table, 4 + 2 * slot);
  return relative ? table + relative : undefined;
}

/**
 * The model with `metadata` added as a buffer named TFLITE_METADATA. A new root Model table goes in
 * front of the old file's content, pointing at its parts (flatbuffer offsets are relative, so the
 * content moved as a whole stays valid; it moves by a multiple of 16, the alignment of buffer
 * data), with a buffers vector and a metadata vector that each have one entry more.
 */
export function withMetadata(model: Uint8Array, metadata: Uint8Array): Uint8Array {
  const bb = new ByteBuffer(model);
  if (bb.__has_identifier('TFL3') === false) throw new Error('not a TFLite model (no "TFL3")');
  const root = bb.readUint32(0);
  const vectorOf = (slot: number): number[] => {
    const at = field(bb, root, slot);
    if (at === undefined) return [];
    const vector = bb.__vector(at);
    return Array.from({ length: bb.__vector_len(at) }, (_, i) => bb.__indirect(vector + 4 * i));
  };
  const oldBuffers = vectorOf(MODEL_BUFFERS);
  const oldMetadata = vectorOf(MODEL_METADATA);
  for (const entry of oldMetadata) {
    const nameAt = field(bb, entry, 0);
    if (nameAt !== undefined && bb.__string(nameAt) === METADATA_NAME)
      throw new Error('the model already has TFLITE_METADATA');
  }

  // The new region, laid out front to back (every offset field points forward).
  const bytes: number[] = [];
  const align = (n: number) => {
    while ((8 + bytes.length) % n) bytes.push(0);
  };
  const u16 = (v: number) => bytes.push(v & 0xff, (v >> 8) & 0xff);
  const u32 = (v: number) => bytes.push(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24);
  const here = () => 8 + bytes.length;
  const patches: { at: number; target: () => number }[] = [];
  /** A uoffset at the current position to a target known later. */
  const offsetTo = (target: () => number) => {
    patches.push({ at: here(), target });
    u32(0);
  };
  let shift = 0;
  const old = (position: number) => () => position + shift;

  // The Model table's vtable, then the table: every field of the old root, buffers and metadata
  // replaced.
  const modelVtable = here();
  const present: { slot: number; at: number }[] = [];
  for (let slot = 0; slot < MODEL_FIELDS; slot++) {
    const at = field(bb, root, slot);
    if (at !== undefined || slot === MODEL_BUFFERS || slot === MODEL_METADATA)
      present.push({ slot, at: at ?? -1 });
  }
  u16(4 + 2 * MODEL_FIELDS);
  u16(4 + 4 * present.length);
  for (let slot = 0; slot < MODEL_FIELDS; slot++) {
    const index = present.findIndex((p) => p.slot === slot);
    u16(index < 0 ? 0 : 4 + 4 * index);
  }
  align(4);
  const table = here();
  u32(table - modelVtable);
  let buffersVector = 0;
  let metadataVector = 0;
  let metadataTable = 0;
  let metadataName = 0;
  let bufferTable = 0;
  let dataVector = 0;
  for (const { slot, at } of present) {
    if (slot === MODEL_BUFFERS) offsetTo(() => buffersVector);
    else if (slot === MODEL_METADATA) offsetTo(() => metadataVector);
    else if (slot === 0)
      u32(bb.readUint32(at)); // version, a scalar
    else offsetTo(old(bb.__indirect(at)));
  }
  buffersVector = here();
  u32(oldBuffers.length + 1);
  for (const buffer of oldBuffers) offsetTo(old(buffer));
  offsetTo(() => bufferTable);
  metadataVector = here();
  u32(oldMetadata.length + 1);
  for (const entry of oldMetadata) offsetTo(old(entry));
  offsetTo(() => metadataTable);
  // Metadata { name: string; buffer: uint }
  const metadataVtable = here();
  u16(8);
  u16(12);
  u16(4);
  u16(8);
  metadataTable = here();
  u32(metadataTable - metadataVtable);
  offsetTo(() => metadataName);
  u32(oldBuffers.length);
  metadataName = here();
  u32(METADATA_NAME.length);
  for (const char of METADATA_NAME) bytes.push(char.charCodeAt(0));
  bytes.push(0);
  align(4);
  // Buffer { data: [ubyte] (force_align: 16) }
  const bufferVtable = here();
  u16(6);
  u16(8);
  u16(4);
  align(4);
  bufferTable = here();
  u32(bufferTable - bufferVtable);
  offsetTo(() => dataVector);
  while ((here() + 4) % 16) bytes.push(0);
  dataVector = here();
  u32(metadata.length);
  bytes.push(...metadata);
  // The old content keeps its alignment if it moves by a multiple of 16.
  while (bytes.length % 16) bytes.push(0);
  shift = bytes.length;

  const out = new Uint8Array(8 + shift + model.length - 8);
  const view = new DataView(out.buffer);
  view.setUint32(0, table, true);
  out.set(model.subarray(4, 8), 4);
  out.set(bytes, 8);
  out.set(model.subarray(8), 8 + shift);
  for (const patch of patches) view.setUint32(patch.at, patch.target() - patch.at, true);
  return out;
}

/** The metadata a model carries under TFLITE_METADATA, if any (for tests). */
export function readMetadata(model: Uint8Array): Uint8Array | undefined {
  const bb = new ByteBuffer(model);
  const root = bb.readUint32(0);
  const list = (table: number, slot: number) => {
    const at = field(bb, table, slot);
    if (at === undefined) return [];
    const vector = bb.__vector(at);
    return Array.from({ length: bb.__vector_len(at) }, (_, i) => bb.__indirect(vector + 4 * i));
  };
  const buffers = list(root, MODEL_BUFFERS);
  for (const entry of list(root, MODEL_METADATA)) {
    const nameAt = field(bb, entry, 0);
    if (nameAt === undefined || bb.__string(nameAt) !== METADATA_NAME) continue;
    const index = bb.readUint32(field(bb, entry, 1)!);
    const dataAt = field(bb, buffers[index]!, 0)!;
    return model.subarray(bb.__vector(dataAt), bb.__vector(dataAt) + bb.__vector_len(dataAt));
  }
  return undefined;
}
