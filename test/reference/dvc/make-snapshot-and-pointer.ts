/**
 * Helper of check_dvc.sh: snapshots a generated CSV with the project's
 * createSnapshot and writes its `.dvc` pointer with writeDvcPointer.
 *
 * argv: workDir snapshotsDir outPath → prints the md5
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createSnapshot, generateMatchmakingRows, rowsToCsv } from '../../../src/data';
import { writeDvcPointer } from '../../../src/data-versioning';

async function main(): Promise<void> {
  const [workDir, snapshotsDir, outPath] = process.argv.slice(2);
  if (!workDir || !snapshotsDir || !outPath) throw new Error('usage: workDir snapshotsDir outPath');
  const source = path.join(workDir, 'source.csv');
  await fs.writeFile(source, rowsToCsv(generateMatchmakingRows({ rows: 50, seed: 3 })));
  const snapshot = await createSnapshot({ sourcePath: source, root: snapshotsDir, now: new Date() });
  await writeDvcPointer({ snapshotsDir, md5: snapshot.md5, outPath });
  console.log(snapshot.md5);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
