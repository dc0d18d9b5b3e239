import path from 'node:path';
import ts from 'typescript';
import { PROJECT_ROOT } from './helpers/temporal-servers';

/**
 * Every project file `npm run build` compiles into dist/, found the way tsc
 * finds them: the tsconfig's include list plus everything those files import
 * (an `exclude` does not keep out a file that built code imports).
 */
function filesCompiledByTheBuild(): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    path.join(PROJECT_ROOT, 'tsconfig.build.json'),
    undefined,
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error('tsconfig.build.json could not be read');
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  return program
    .getSourceFiles()
    .map((file) => path.relative(PROJECT_ROOT, file.fileName))
    .filter((file) => !file.startsWith('..') && !file.split(path.sep).includes('node_modules'));
}

describe('the build', () => {
  it('compiles the application and no test code: no *.test.ts, *.fixture.ts or test/ file', () => {
    const files = filesCompiledByTheBuild();
    expect(files).toEqual(expect.arrayContaining(['worker.ts', 'client/cli.ts', 'workflows/index.ts']));
    const testCode = files.filter(
      (file) => /\.(test|fixture)\.ts$/.test(file) || file.startsWith(`test${path.sep}`),
    );
    expect(testCode).toEqual([]);
  });
});
