import { createRequire } from 'node:module';

/**
 * The Chime SDK's own compiled protobuf module: the server speaks exactly the schema the client was
 * built with, and nothing of the protocol is written by hand.
 */
type SignalingProtocol =
  typeof import('amazon-chime-sdk-js/build/signalingprotocol/SignalingProtocol.js');
const require = createRequire(import.meta.url);
export const protocol =
  require('amazon-chime-sdk-js/build/signalingprotocol/SignalingProtocol.js') as SignalingProtocol;

export type SignalFrame = InstanceType<SignalingProtocol['SdkSignalFrame']>;
export type SignalFrameInit = Omit<
  import('amazon-chime-sdk-js/build/signalingprotocol/SignalingProtocol.js').ISdkSignalFrame,
  'timestampMs'
>;
export const FrameType = protocol.SdkSignalFrame.Type;

// Every binary message is one type byte and then the protobuf frame; 0x05 is the SDK's signal frame.
const SIGNAL_FRAME_PREFIX = 0x05;

export function encodeFrame(frame: SignalFrameInit): Buffer {
  const message = protocol.SdkSignalFrame.create({ timestampMs: Date.now(), ...frame });
  const body = protocol.SdkSignalFrame.encode(message).finish();
  const out = Buffer.allocUnsafe(body.length + 1);
  out[0] = SIGNAL_FRAME_PREFIX;
  out.set(body, 1);
  return out;
}

export function decodeFrame(data: Buffer): SignalFrame {
  if (data.length < 2 || data[0] !== SIGNAL_FRAME_PREFIX) {
    throw new Error(`not a signal frame (prefix ${data[0]})`);
  }
  return protocol.SdkSignalFrame.decode(data.subarray(1));
}
