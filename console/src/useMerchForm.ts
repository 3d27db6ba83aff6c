import { useState } from 'react';
import { useForm, type DefaultValues, type FieldValues, type Path } from 'react-hook-form';
import { ErrorCode } from '../../contract/errors';
import { ApiError } from './api';
import { describeError } from './errorText';
import { placeServerIssues, type FieldErrors } from './fieldErrors';
import { t } from './i18n';

/**
 * A coupon, deal or product form: react-hook-form holds what is typed; on save the form is
 * converted (`toInput`, messages by contract path), sent (`send`), and a 142's issues are placed
 * beside the fields they name (the inputs sit under a `coupon.`/`deal.`/`product.` param).
 */
export function useMerchForm<F extends FieldValues, I, S>({
  initial,
  toInput,
  send,
  paths,
  onSaved,
}: {
  initial: F;
  toInput(form: F): { input: I | null; errors: FieldErrors };
  send(input: I): Promise<S>;
  paths: readonly string[];
  onSaved(saved: S): void;
}) {
  const form = useForm<F>({ defaultValues: initial as DefaultValues<F> });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [top, setTop] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);

  const save = async () => {
    const { input, errors: local } = toInput(form.getValues());
    if (!input) {
      setErrors(local);
      setTop([t('Some fields need fixing before saving.')]);
      return;
    }
    setSaving(true);
    try {
      const saved = await send(input);
      setErrors({});
      setTop([]);
      onSaved(saved);
    } catch (e) {
      const error = e instanceof ApiError ? e : new ApiError(0, String(e));
      if (error.code === ErrorCode.INVALID_PARAMS) {
        const placed = placeServerIssues(
          error.issues.map((issue) => ({ ...issue, path: issue.path.replace(/^(coupon|deal|product)\.?/, '') })),
          error.message,
          paths,
        );
        setErrors(placed.byPath);
        setTop(placed.top.length > 0 ? placed.top : [t('The server did not accept some fields; see the messages beside them.')]);
      } else {
        setErrors({});
        setTop([describeError(error)]);
      }
    } finally {
      setSaving(false);
    }
  };

  const bind = (name: Path<F>) => ({ id: `f-${name}`, ...form.register(name) });
  return { form, bind, errors, top, saving, save };
}
