import { z } from 'zod';
import { invalidParams, type CloudError } from '../errors';

/** The 142 message names each failing field and its rule, e.g. `name: 群名称最多 20 个字`. */
export function paramsError(error: z.ZodError): CloudError {
  const parts = error.issues.slice(0, 3).map((issue) => {
    const field = issue.path.length > 0 ? issue.path.join('.') : 'params';
    if (issue.code === 'unrecognized_keys') return `${field}: unknown field(s) ${issue.keys.join(', ')}`;
    return `${field}: ${issue.message}`;
  });
  return invalidParams(`参数不正确（invalid params）— ${parts.join('; ')}`);
}

/** Reusable field rules. */
export const fields = {
  requestId: z
    .string({ required_error: 'requestId is required (a client-generated id, unique per intended action)' })
    .min(8, 'requestId must be 8-64 characters')
    .max(64, 'requestId must be 8-64 characters')
    .regex(/^[A-Za-z0-9_-]+$/, 'requestId may contain letters, digits, - and _ only'),
  objectId: (name: string) =>
    z
      .string({ required_error: `${name} is required`, invalid_type_error: `${name} must be a string` })
      .regex(/^[0-9a-f]{24}$/, `${name} must be a 24-character object id`),
  none: z.object({}).strict(),
};
