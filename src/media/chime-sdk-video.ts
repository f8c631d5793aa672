/**
 * The Chime SDK's video processing modules, for the background effect's chunk only (the media
 * chunk stays without them): see chime-sdk.ts for why modules and not the index.
 */
import { sdkExport } from './sdk-export';
import * as canvasVideoFrameBufferModule from 'amazon-chime-sdk-js/build/videoframeprocessor/CanvasVideoFrameBuffer';
import * as defaultVideoTransformDeviceModule from 'amazon-chime-sdk-js/build/videoframeprocessor/DefaultVideoTransformDevice';

export const CanvasVideoFrameBuffer = sdkExport(canvasVideoFrameBufferModule);
export type CanvasVideoFrameBuffer = canvasVideoFrameBufferModule.default;
export const DefaultVideoTransformDevice = sdkExport(defaultVideoTransformDeviceModule);
export type DefaultVideoTransformDevice = defaultVideoTransformDeviceModule.default;
