/**
 * How a DVC project uses the snapshot folder. Snapshots are stored as
 * `<snapshotsDir>/files/md5/<2 hex>/<30 hex>`, which is both DVC 3's cache
 * layout and its remote layout, so either works with the stock `dvc` tool:
 *
 * - **As the cache** (`dvc cache dir <snapshotsDir>`): `dvc checkout` copies
 *   or links snapshots straight into the workspace. Beware `dvc gc`: it deletes
 *   cache files no pointer in the workspace references, i.e. every other
 *   snapshot. Use this on a machine that also runs the pipeline.
 * - **As a remote** (`dvc remote add -d snapshots <snapshotsDir>`): `dvc pull`
 *   fetches into the project's own cache. `dvc gc` never touches a remote
 *   unless given `--cloud`. The safer choice for a team.
 *
 * DVC ignores the extra `manifests/` folder in both cases. Keep
 * `cache.type` at its default (`reflink,copy`) or `copy`: snapshot files are
 * read-only, and a hardlinked or symlinked workspace file edited in place would
 * corrupt the snapshot.
 */
import path from 'node:path';

/** `.dvc/config` text and the equivalent commands for one way of using the snapshots. */
export interface DvcSetup {
  /** Absolute snapshot folder. */
  readonly snapshotsDir: string;
  /** Text for `.dvc/config` (or `.dvc/config.local`), as dvc itself writes it. */
  readonly config: string;
  /** The same setup as `dvc` commands, run in the DVC project. */
  readonly commands: readonly string[];
}

/** Both ways of pointing DVC at the snapshot folder. */
export interface DvcConfig {
  readonly asCache: DvcSetup;
  readonly asRemote: DvcSetup;
}

/** Single-quotes a shell word. */
function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/**
 * DVC settings that make `snapshotsDir` the project's cache or its default
 * remote. The config text matches what `dvc cache dir` / `dvc remote add -d`
 * write (dvc 3.67.1: four-space indented, quoted remote section name).
 *
 * @param remoteName - name of the remote
 * @default remoteName `snapshots`
 */
export function dvcConfigFor(snapshotsDir: string, remoteName = 'snapshots'): DvcConfig {
  const dir = path.resolve(snapshotsDir);
  return {
    asCache: {
      snapshotsDir: dir,
      config: `[cache]\n    dir = ${dir}\n`,
      commands: [`dvc cache dir ${shellQuote(dir)}`],
    },
    asRemote: {
      snapshotsDir: dir,
      config: `[core]\n    remote = ${remoteName}\n['remote "${remoteName}"']\n    url = ${dir}\n`,
      commands: [`dvc remote add -d ${shellQuote(remoteName)} ${shellQuote(dir)}`],
    },
  };
}
