import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * The functions the modules of `dir` export that return an Adaptive Card (the type
 * `AdaptiveCardJson`), read with the TypeScript compiler rather than by name: a builder
 * called anything at all is found. Sorted names.
 */
export function cardBuildersIn(dir: string): string[] {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(dir, f));
  const program = ts.createProgram(files, {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
  });
  const checker = program.getTypeChecker();
  const found = new Set<string>();
  for (const file of files) {
    const source = program.getSourceFile(file);
    const module = source && checker.getSymbolAtLocation(source);
    if (!module) continue;
    for (const symbol of checker.getExportsOfModule(module)) {
      const type = checker.getTypeOfSymbol(symbol);
      const returnsCard = type
        .getCallSignatures()
        .some((s) => checker.typeToString(s.getReturnType()) === 'AdaptiveCardJson');
      if (returnsCard) found.add(symbol.getName());
    }
  }
  return [...found].sort();
}
