import * as tf from '@tensorflow/tfjs';
import { initTensorflowBackend, selectTensorflowBackend } from './backend';

function recordingLogger() {
  const calls: { obj: Record<string, unknown>; msg: string }[] = [];
  return {
    calls,
    info: (obj: object, msg: string) => calls.push({ obj: obj as Record<string, unknown>, msg }),
  };
}

const tfjsNodeMissing = () => Promise.reject(new Error("Cannot find module '@tensorflow/tfjs-node'"));

describe('selectTensorflowBackend', () => {
  it('falls back to wasm when tfjs-node is absent, and says why', async () => {
    const logger = recordingLogger();
    await expect(selectTensorflowBackend({ env: {}, logger, loadTfjsNode: tfjsNodeMissing })).resolves.toBe(
      'wasm',
    );
    expect(tf.getBackend()).toBe('wasm');
    expect(logger.calls).toEqual([
      {
        msg: 'TensorFlow.js backend: wasm',
        obj: {
          backend: 'wasm',
          skipped: {
            tensorflow: "@tensorflow/tfjs-node did not load: Cannot find module '@tensorflow/tfjs-node'",
          },
        },
      },
    ]);
  });

  it('does not use a tfjs-node that registered into another copy of tfjs-core', async () => {
    const logger = recordingLogger();
    const loadedElsewhere = () => Promise.resolve({});
    await expect(selectTensorflowBackend({ env: {}, logger, loadTfjsNode: loadedElsewhere })).resolves.toBe(
      'wasm',
    );
    expect(logger.calls[0]?.obj.skipped).toEqual({
      tensorflow: expect.stringContaining('registered no "tensorflow" backend') as unknown,
    });
  });

  it('falls back to cpu when wasm cannot load either', async () => {
    const logger = recordingLogger();
    const wasmBroken = () => Promise.reject(new Error('no WebAssembly'));
    const options = { env: {}, logger, loadTfjsNode: tfjsNodeMissing, loadWasm: wasmBroken };
    await expect(selectTensorflowBackend(options)).resolves.toBe('cpu');
    expect(logger.calls[0]?.obj.skipped).toMatchObject({
      wasm: '@tensorflow/tfjs-backend-wasm did not load: no WebAssembly',
    });
  });

  it('uses the backend TFJS_BACKEND forces', async () => {
    const logger = recordingLogger();
    await expect(selectTensorflowBackend({ env: { TFJS_BACKEND: 'cpu' }, logger })).resolves.toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(logger.calls[0]?.obj).toEqual({ backend: 'cpu', reason: 'forced by TFJS_BACKEND' });
  });

  it('fails loudly when the forced backend cannot start or is unknown', async () => {
    await expect(
      selectTensorflowBackend({ env: { TFJS_BACKEND: 'tensorflow' }, loadTfjsNode: tfjsNodeMissing }),
    ).rejects.toThrow(
      "TFJS_BACKEND=tensorflow but @tensorflow/tfjs-node did not load: Cannot find module '@tensorflow/tfjs-node'",
    );
    await expect(selectTensorflowBackend({ env: { TFJS_BACKEND: 'webgpu' } })).rejects.toThrow(
      'TFJS_BACKEND must be one of tensorflow, wasm, cpu; got "webgpu"',
    );
  });
});

describe('initTensorflowBackend', () => {
  it('selects once and returns the same backend afterwards', async () => {
    const logger = recordingLogger();
    const first = initTensorflowBackend(logger);
    const second = initTensorflowBackend(logger);
    expect(second).toBe(first);
    const backend = await first;
    expect(['tensorflow', 'wasm', 'cpu']).toContain(backend);
    expect(tf.getBackend()).toBe(backend);
    expect(logger.calls).toHaveLength(1);
  });
});
