/**
 * DVC compatibility of dataset snapshots: `.dvc` pointer files byte-identical
 * to `dvc add`'s (the snapshot folder serves DVC as a cache or a remote; see
 * data/README.md). Plain domain code: nothing here imports `@temporalio/*`.
 */
export * from './errors';
export { assertPlainYamlPath } from './dvc-yaml-path';
export { formatDvcPointer, writeDvcPointer, type DvcOut, type WriteDvcPointerOptions } from './dvc-pointer';
