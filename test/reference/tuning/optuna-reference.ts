/**
 * The fixture written by `test/reference/tuning/optuna_reference.py` (Optuna
 * 4.9.0): numbers Optuna's own code computed, for the tests to compare with.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Distribution, ParamValue } from '../../../src/tuning/distributions';
import type { FinishedTrial } from '../../../src/tuning/trial-record';

/** JSON has no NaN/Infinity: the script writes them as strings. */
export type JsonNumber = number | 'NaN' | 'Infinity' | '-Infinity';

/** Turns a {@link JsonNumber} back into a number. */
export const toNumber = (v: JsonNumber): number =>
  v === 'NaN' ? Number.NaN : v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : v;

/** Shape of the fixture. */
export interface OptunaReference {
  readonly versions: { readonly optuna: string };
  readonly defaults: {
    readonly gamma: Record<string, number>;
    readonly weights: Record<string, number[]>;
  };
  readonly truncnorm: {
    a: number;
    b: number;
    logGaussMass: JsonNumber;
    q: number[];
    ppf: JsonNumber[];
    x: number[];
    logPdf: JsonNumber[];
  }[];
  readonly parzen: {
    name: string;
    distribution: Distribution;
    observations: number[];
    weights: number[];
    mus?: number[];
    sigmas?: number[];
    rows?: number[][];
    points: number[];
    logPdf: JsonNumber[];
  }[];
  readonly split: { trials: FinishedTrial[]; splits: { nBelow: number; below: number[]; above: number[] }[] };
  readonly acquisition: {
    trials: FinishedTrial[];
    below: number[];
    params: {
      name: string;
      distribution: Distribution;
      candidates: number[];
      acquisition: JsonNumber[];
      chosen: ParamValue;
    }[];
  };
  readonly pruner: {
    completed: (number | null)[][];
    candidates: (number | null)[][];
    cases: {
      settings: { nStartupTrials: number; nWarmupSteps: number; intervalSteps: number; nMinTrials: number };
      decisions: boolean[][];
    }[];
  };
  readonly objective: { params: Record<string, ParamValue>; value: number }[];
  readonly behaviour: { tpe: number[][]; random: number[][] };
}

/** Loads the committed fixture. */
export function loadOptunaReference(): OptunaReference {
  const file = path.join(__dirname, 'optuna-reference.fixture.json');
  return JSON.parse(readFileSync(file, 'utf8')) as OptunaReference;
}
