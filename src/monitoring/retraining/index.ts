/** Labelled production rows as training data. */
export * from './production-dataset';
