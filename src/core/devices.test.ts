import { describe, expect, it } from 'vitest';
import {
  classifyMediaError,
  createDeviceModel,
  DEVICE_CHOICE_KEY,
  pickDevice,
  readDeviceChoice,
  type DeviceLists,
} from './devices';

class MemoryStorage implements Storage {
  private items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

const device = (deviceId: string) => ({ deviceId, label: `Device ${deviceId}` });

describe('classifyMediaError', () => {
  it.each([
    ['NotAllowedError', 'media-permission-denied'],
    ['PermissionDeniedError', 'media-permission-denied'],
    ['SecurityError', 'media-permission-denied'],
    ['NotFoundError', 'no-device'],
    ['OverconstrainedError', 'no-device'],
    ['NotReadableError', 'device-busy'],
    ['AbortError', 'device-busy'],
    ['TypeError', 'device-busy'],
  ])('%s is %s', (name, problem) => {
    expect(classifyMediaError(new DOMException('x', name))).toBe(problem);
  });
  it('treats anything else as a device that could not be opened', () => {
    expect(classifyMediaError(undefined)).toBe('device-busy');
  });
});

describe('pickDevice', () => {
  const list = [device('a'), device('b')];
  it.each([
    [list, 'b', undefined, 'b'],
    [list, 'gone', undefined, 'a'],
    [list, undefined, undefined, 'a'],
    [list, 'a', 'a', 'b'],
    [list, undefined, 'a', 'b'],
    [[device('a')], undefined, 'a', 'a'],
    [[], 'a', undefined, undefined],
  ] as const)('%j preferring %s, avoiding %s: %s', (available, preferred, avoid, expected) => {
    expect(pickDevice(available, preferred, avoid)).toBe(expected);
  });
});

describe('createDeviceModel', () => {
  const lists: DeviceLists = {
    microphones: [device('mic-1'), device('mic-2')],
    cameras: [device('cam-1')],
    speakers: [],
  };

  it('remembers the choice for the next visit', () => {
    const storage = new MemoryStorage();
    const first = createDeviceModel(storage);
    first.setLists(lists);
    first.choose('microphone', 'mic-2');
    expect(first.selected.value).toEqual({ microphone: 'mic-2', camera: 'cam-1' });
    const next = createDeviceModel(storage);
    next.setLists(lists);
    expect(next.selected.value.microphone).toBe('mic-2');
  });

  it('falls back while the chosen device is unplugged, and returns to it when it is back', () => {
    const storage = new MemoryStorage();
    const model = createDeviceModel(storage);
    model.setLists(lists);
    model.choose('microphone', 'mic-2');
    model.setLists({ ...lists, microphones: [device('mic-1')] });
    expect(model.selected.value.microphone).toBe('mic-1');
    expect(model.choice.value.microphone).toBe('mic-2');
    model.setLists(lists);
    expect(model.selected.value.microphone).toBe('mic-2');
  });

  it('uses the remembered choice as it is while no list is known yet', () => {
    const storage = new MemoryStorage();
    createDeviceModel(storage).choose('speaker', 'spk-2');
    expect(createDeviceModel(storage).selected.value).toEqual({ speaker: 'spk-2' });
  });

  it('survives broken or blocked storage', () => {
    const storage = new MemoryStorage();
    storage.setItem(DEVICE_CHOICE_KEY, '{not json');
    expect(readDeviceChoice(storage)).toEqual({});
    storage.setItem(DEVICE_CHOICE_KEY, JSON.stringify({ microphone: 7, camera: 'cam' }));
    expect(readDeviceChoice(storage)).toEqual({ camera: 'cam' });
    const blocked = new MemoryStorage();
    blocked.setItem = () => {
      throw new DOMException('quota', 'QuotaExceededError');
    };
    expect(() => createDeviceModel(blocked).choose('camera', 'x')).not.toThrow();
  });
});
