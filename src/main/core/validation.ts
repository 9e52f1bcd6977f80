// Turns a zod failure into one Chinese message that names the field.
import { z } from 'zod';

z.config(z.locales.zhCN());

interface Walkable {
  description?: string;
  _zod: { def: Record<string, unknown> };
}

function isWalkable(s: unknown): s is Walkable {
  return typeof s === 'object' && s !== null && '_zod' in s;
}

/** Finds the schema at a path, unwrapping optional/default/pipe/union wrappers. */
function schemaAt(schema: unknown, path: readonly PropertyKey[]): Walkable | null {
  let cur: unknown = schema;
  const unwrap = (s: unknown): unknown => {
    for (let i = 0; i < 10 && isWalkable(s); i++) {
      const def = s._zod.def;
      if (s.description) return s;
      const inner = def['innerType'] ?? def['in'] ?? (Array.isArray(def['options']) ? def['options'][0] : undefined);
      if (!inner) return s;
      s = inner;
    }
    return s;
  };
  // In a union (e.g. a discriminated union of report kinds), follow the option that has the field.
  const pickOption = (s: unknown, key: PropertyKey): unknown => {
    if (!isWalkable(s) || !Array.isArray(s._zod.def['options'])) return s;
    const hit = (s._zod.def['options'] as unknown[]).find((o) => {
      const shape = isWalkable(o) ? (o._zod.def['shape'] as Record<string, unknown> | undefined) : undefined;
      return shape !== undefined && typeof key === 'string' && key in shape;
    });
    return hit ?? s;
  };
  for (const key of path) {
    cur = unwrap(pickOption(cur, key));
    if (!isWalkable(cur)) return null;
    const def = cur._zod.def;
    // Objects keep their fields in def.shape; arrays their element in def.element.
    let inner = def['shape'] as Record<string, unknown> | undefined;
    if (inner && typeof key === 'string' && key in inner) cur = inner[key];
    else if (typeof key === 'number' && def['element']) cur = def['element'];
    else {
      // Look through wrappers that hide an object.
      const base = def['innerType'] ?? def['in'];
      inner = isWalkable(base) ? (base._zod.def['shape'] as Record<string, unknown> | undefined) : undefined;
      if (inner && typeof key === 'string' && key in inner) cur = inner[key];
      else return null;
    }
  }
  const found = unwrap(cur);
  return isWalkable(found) ? found : null;
}

export function describeZodError(schema: z.ZodType, error: z.ZodError): { message: string; field: string } {
  const issue = error.issues[0]!;
  const field = issue.path.map(String).join('.');
  const label = schemaAt(schema, issue.path)?.description ?? (field || '输入');
  if (issue.code === 'unrecognized_keys') {
    return { message: `${label}：包含未知字段 ${issue.keys.join('、')}`, field };
  }
  const message = issue.message.includes(label) ? issue.message : `${label}：${issue.message}`;
  return { message, field };
}
