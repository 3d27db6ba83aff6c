import { createContext, useContext, type ReactNode } from 'react';
import type { FieldErrors } from '../fieldErrors';

/** The editor's field messages by contract path (from the server's 142, or from local parsing). */
export const FieldErrorsContext = createContext<FieldErrors>({});

export function useFieldErrors(path: string): string[] {
  return useContext(FieldErrorsContext)[path] ?? [];
}

export function FieldMessages({ path }: { path: string }) {
  const messages = useFieldErrors(path);
  if (messages.length === 0) return null;
  return (
    <ul className='field__errors' data-path={path}>
      {messages.map((m, i) => (
        <li key={i}>{m}</li>
      ))}
    </ul>
  );
}

export interface FieldProps {
  label: string;
  /** Contract path, e.g. "money.shareReward.minFen". */
  path: string;
  hint?: ReactNode;
  children: ReactNode;
  wide?: boolean;
}

/** A labelled input with its hint and the messages for its path. */
export function Field({ label, path, hint, children, wide }: FieldProps) {
  const invalid = useFieldErrors(path).length > 0;
  return (
    <label className={`field${invalid ? ' field--invalid' : ''}${wide ? ' field--wide' : ''}`} data-field={path}>
      <span className='field__label'>{label}</span>
      {children}
      {hint && <span className='field__hint'>{hint}</span>}
      <FieldMessages path={path} />
    </label>
  );
}

/** A titled group of fields; messages about the whole section (e.g. "money.split") show under its title. */
export function Section({ title, path, children, id }: { title: string; path?: string; children: ReactNode; id: string }) {
  return (
    <fieldset className='section' id={id}>
      <legend>{title}</legend>
      {path && <FieldMessages path={path} />}
      <div className='section__grid'>{children}</div>
    </fieldset>
  );
}
