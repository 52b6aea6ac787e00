// Node module resolve hook (https://nodejs.org/api/module.html#resolvespecifier-context-nextresolve):
// the bare specifier `electron` becomes the stand-in; everything else resolves as usual.
let electronUrl = '';

export function initialize(data) {
  electronUrl = data.electron;
}

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron') return { url: electronUrl, format: 'module', shortCircuit: true };
  return nextResolve(specifier, context);
}
