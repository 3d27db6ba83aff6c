import { z } from 'zod';
import type { ParamIssueJson } from '../../contract/errors';
import { objectId } from '../../contract/paramSchemas';
import { invalidParams, type CloudError } from '../errors';

/** Fields named in a 142's message; people read the first few, the rest are in `issues`. */
const ISSUES_IN_MESSAGE = 3;
/** Fields listed in a 142's `issues`, so a form can mark each one without a huge answer. */
export const ISSUES_IN_ANSWER_MAX = 50;

/**
 * The 142 for a failed schema. Its message names each failing field and its rule, e.g.
 * `name: 群名称最多 20 个字`; its `issues` list the same as data (`path` joined with dots from the
 * params' root, "" for the params as a whole), so a form can put each message beside its field without parsing the text.
 */
export function paramsError(error: z.ZodError): CloudError {
  const issues: ParamIssueJson[] = error.issues.slice(0, ISSUES_IN_ANSWER_MAX).map((issue) => {
    const path = issue.path.join('.');
    if (issue.code === 'unrecognized_keys') return { path, message: `未知字段 ${issue.keys.join(', ')}` };
    return { path, message: issue.message };
  });
  const parts = issues.slice(0, ISSUES_IN_MESSAGE).map((issue) => `${issue.path || 'params'}: ${issue.message}`);
  return invalidParams(`参数不正确（invalid params）— ${parts.join('; ')}`, issues);
}

// Date and id rules live in the contract, shared with the console's forms.
export { DATE_PARAM_YEARS, isBoundedIsoTime, isoDateTime } from '../../contract/paramSchemas';

/** Reusable field rules. */
export const fields = {
  requestId: z
    .string({ required_error: 'requestId is required (a client-generated id, unique per intended action)' })
    .min(8, 'requestId must be 8-64 characters')
    .max(64, 'requestId must be 8-64 characters')
    .regex(/^[A-Za-z0-9_-]+$/, 'requestId may contain letters, digits, - and _ only'),
  objectId,
  none: z.object({}).strict(),
};
