import path from 'node:path';
import { datasetReference } from './start-retrain';

describe('datasetReference', () => {
  const root = path.resolve('/srv/legalaid');

  it('makes a path given inside the project relative to the project root', () => {
    expect(datasetReference('x.csv', root, path.join(root, 'data'))).toBe(path.join('data', 'x.csv'));
    expect(datasetReference(path.join(root, 'data/x.csv'), root, '/tmp')).toBe(path.join('data', 'x.csv'));
    expect(datasetReference('data/x.csv', root, root)).toBe(path.join('data', 'x.csv'));
  });

  it('passes anything else as given, for the worker to resolve and confine', () => {
    expect(datasetReference('../elsewhere.csv', root, root)).toBe('../elsewhere.csv');
    expect(datasetReference('/etc/passwd', root, root)).toBe('/etc/passwd');
    expect(datasetReference('data/x.csv', root, '/home/ana')).toBe('data/x.csv');
  });
});
