import { describe, expect, it } from 'vitest';
import {
  backdropsOf,
  BACKGROUND_CHOICE_KEY,
  createBackgroundModel,
  parseBackgroundEffect,
} from './background-effect';
import { createDeviceModel, readDeviceChoice } from './devices';

const memoryStorage = (): Storage => {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
};

describe('parseBackgroundEffect', () => {
  const backdrops = backdropsOf(['/a.jpg']);
  it('accepts off, the two blurs and the offered images only', () => {
    for (const value of ['off', 'blur-low', 'blur-high', 'replace:sea', 'replace:image-1'])
      expect(parseBackgroundEffect(value, backdrops)).toBe(value);
    for (const value of ['blur', 'replace:', 'replace:image-2', 'replace:moon', 42, null, {}])
      expect(parseBackgroundEffect(value, backdrops)).toBeUndefined();
  });
});

describe('backdropsOf', () => {
  it('lists the built-in images, then the host images numbered from 1', () => {
    expect(backdropsOf(['/a.jpg', 'https://cdn.example/b.png'])).toEqual([
      { id: 'dawn', source: { builtIn: 'dawn' } },
      { id: 'sea', source: { builtIn: 'sea' } },
      { id: 'forest', source: { builtIn: 'forest' } },
      { id: 'image-1', source: { url: '/a.jpg' } },
      { id: 'image-2', source: { url: 'https://cdn.example/b.png' } },
    ]);
  });
});

describe('createBackgroundModel', () => {
  it('remembers the choice beside the devices, and the next visit starts with it', () => {
    const storage = memoryStorage();
    createDeviceModel(storage).choose('camera', 'cam-1');
    createBackgroundModel([], true, storage).choose('blur-high');
    const next = createBackgroundModel([], true, storage);
    expect(next.choice.value).toBe('blur-high');
    expect(next.effect.value).toBe('blur-high');
    // Choosing a device later keeps the effect, and the effect kept the devices.
    createDeviceModel(storage).choose('microphone', 'mic-1');
    expect(createBackgroundModel([], true, storage).choice.value).toBe('blur-high');
    expect(readDeviceChoice(storage)).toEqual({ camera: 'cam-1', microphone: 'mic-1' });
    expect(storage.getItem(BACKGROUND_CHOICE_KEY)).toBe('blur-high');
  });

  it('forgets a remembered image the host no longer offers', () => {
    const storage = memoryStorage();
    createBackgroundModel(['/a.jpg'], true, storage).choose('replace:image-1');
    expect(createBackgroundModel([], true, storage).choice.value).toBe('off');
    expect(createBackgroundModel(['/b.jpg'], true, storage).choice.value).toBe('replace:image-1');
  });

  it('is off where the browser cannot do it, whatever was chosen', () => {
    const storage = memoryStorage();
    createBackgroundModel([], true, storage).choose('blur-low');
    const model = createBackgroundModel([], false, storage);
    expect(model.supported.value).toBe(false);
    expect(model.effect.value).toBe('off');
    expect(model.choice.value).toBe('blur-low');
  });

  it('turned off by a problem, it stays off until the customer chooses again', () => {
    const model = createBackgroundModel([], true, memoryStorage());
    model.choose('replace:dawn');
    model.turnOff('too-slow');
    expect(model.effect.value).toBe('off');
    expect(model.problem.value).toBe('too-slow');
    model.choose('blur-low');
    expect(model.effect.value).toBe('blur-low');
    expect(model.problem.value).toBeUndefined();
  });

  it('works without storage (blocked, private mode)', () => {
    const blocked = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('SecurityError');
      },
    } as unknown as Storage;
    const model = createBackgroundModel([], true, blocked);
    model.choose('blur-high');
    expect(model.effect.value).toBe('blur-high');
  });
});
