/**
 * DVC compatibility of dataset snapshots: `.dvc` pointer files byte-identical
 * to `dvc add`'s, and the DVC settings that use the snapshot folder as a cache
 * or a remote. Plain domain code: nothing here imports `@temporalio/*`.
 */
export * from './errors';
export { assertPlainYamlPath } from './dvc-yaml-path';
export { formatDvcPointer, writeDvcPointer, type DvcOut, type WriteDvcPointerOptions } from './dvc-pointer';
export { dvcConfigFor, type DvcConfig, type DvcSetup } from './dvc-config';
