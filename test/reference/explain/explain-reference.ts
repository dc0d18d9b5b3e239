/**
 * Loads `explain-reference.fixture.json`, written by
 * `explain_reference.py` beside this file (shap 0.51 KernelExplainer with full
 * enumeration, scikit-learn's permutation_importance), and the fixture model and
 * rows those numbers were computed on. The JSON is validated on load, and the
 * fixture files are checked against the sha256 it recorded, so a fixture that
 * was regenerated without re-running the Python script fails loudly instead of
 * comparing against numbers of another model.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ColumnTable } from 'arquero';
import type * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { loadDatasetCsv } from '../../../src/data/load-dataset';
import { loadPreprocessor, type PreprocessorState } from '../../../src/features';
import { modelPredictor, type MatrixPredictor } from '../../../src/explain/score-rows';
import { loadModel } from '../../../src/model';

/**
 * Agreement required with shap's exact values. The TypeScript side runs the
 * model in float32 (tfjs), the reference in float64 on the same float32 inputs
 * and weights: predictions differ by about 1e-7, attributions (differences of
 * means of predictions) by a few times that, so 1e-4 is loose enough for any
 * backend and still catches a wrong coalition or weight by orders of magnitude.
 */
export const SHAP_TOLERANCE = 1e-4;

/** The fixture's folder (model files and CSVs). */
export const FIXTURE_DIR = path.join(__dirname, 'fixture');

const REFERENCE_FILE = path.join(__dirname, 'explain-reference.fixture.json');

const shapRow = z.object({
  row: z.number().int().min(0),
  varyingColumns: z.number().int(),
  coalitions: z.number().int(),
  expectedValue: z.number(),
  prediction: z.number(),
  values: z.array(z.number()).length(14),
  seconds: z.number(),
});

const referenceSchema = z.object({
  generatedBy: z.string(),
  versions: z.object({
    shap: z.string(),
    sklearn: z.string(),
    numpy: z.string(),
    pandas: z.string(),
    python: z.string(),
  }),
  fixture: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/)),
  forwardPass: z.object({ maxAbsDiffVsTfjs: z.number(), tolerance: z.number() }),
  shap: z.object({
    nsamples: z.number().int(),
    l1Reg: z.literal(false),
    link: z.literal('identity'),
    columns: z.array(z.string()).length(14),
    rows: z.array(shapRow).min(1),
  }),
  permutationImportance: z.object({
    scoring: z.literal('roc_auc'),
    nRepeats: z.number().int().min(1),
    randomState: z.number().int(),
    columns: z.array(z.string()).length(14),
    baselineScore: z.number(),
    permutations: z.array(z.array(z.number().int().min(0))),
    importances: z.array(z.array(z.number())).length(14),
    importancesMean: z.array(z.number()).length(14),
    importancesStd: z.array(z.number()).length(14),
  }),
});

/** The whole reference, decoded. */
export type ExplainReference = z.infer<typeof referenceSchema>;

let cached: ExplainReference | undefined;

/** Reads and validates the shap / scikit-learn reference (once per test file). */
export function loadExplainReference(): ExplainReference {
  cached ??= referenceSchema.parse(JSON.parse(readFileSync(REFERENCE_FILE, 'utf8')));
  return cached;
}

/** Files of the fixture whose sha256 differs from the one the reference was computed on. */
export function staleFixtureFiles(reference: ExplainReference): string[] {
  return Object.entries(reference.fixture)
    .filter(
      ([file, hash]) =>
        createHash('sha256')
          .update(readFileSync(path.join(FIXTURE_DIR, file)))
          .digest('hex') !== hash,
    )
    .map(([file]) => file);
}

/** The fixture model, its preprocessor and its three row sets, loaded with the project's own loaders. */
export interface ExplainFixture {
  readonly model: tf.LayersModel;
  /** The model's forward pass, as the explainers take it. */
  readonly predict: MatrixPredictor;
  readonly state: PreprocessorState;
  readonly background: ColumnTable;
  readonly explained: ColumnTable;
  readonly heldOut: ColumnTable;
}

/** Loads the fixture (the caller disposes the model). */
export async function loadExplainFixture(): Promise<ExplainFixture> {
  const csv = (file: string) => loadDatasetCsv(path.join(FIXTURE_DIR, file));
  const model = await loadModel(FIXTURE_DIR);
  return {
    model,
    predict: modelPredictor(model),
    state: await loadPreprocessor(FIXTURE_DIR),
    background: await csv('background.csv'),
    explained: await csv('explained.csv'),
    heldOut: await csv('held-out.csv'),
  };
}
