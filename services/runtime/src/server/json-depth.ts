/**
 * How deep the JSON of a request (its variables, its extensions, the whole body) may nest. The
 * deepest input of the API nests a few levels; what goes far deeper is an attack on every
 * recursive walk over it (coercion, the text check, the audit's hash), which overflows the stack
 * at a few thousand levels of a body well under the size limit.
 */
export const MAX_JSON_DEPTH = 64;

/** Whether `value` nests arrays and objects more than `max` levels deep. Iterative: safe at any depth. */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [item, depth] = stack.pop()!;
    if (typeof item !== 'object' || item === null) continue;
    if (depth > max) return true;
    for (const child of Array.isArray(item) ? item : Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}

/** The message of a refusal of such a request. */
export const tooDeepMessage = `The request's JSON nests deeper than ${MAX_JSON_DEPTH} levels; no input of this API nests like that.`;
