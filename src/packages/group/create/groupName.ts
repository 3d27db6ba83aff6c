/** The same bounds the server enforces (cloud/domain/groupRules.ts: groupNameMaxLength). */
export const GROUP_NAME_MAX_LENGTH = 20;

export type GroupNameCheck = { ok: true; name: string } | { ok: false; message: string };

/** Trims the name and checks its length in characters (an emoji counts as one). */
export function validateGroupName(raw: string): GroupNameCheck {
  const name = raw.trim();
  const length = Array.from(name).length;
  if (length === 0) return { ok: false, message: '请给小黑群起个名字' };
  if (length > GROUP_NAME_MAX_LENGTH) return { ok: false, message: `群名最多 ${GROUP_NAME_MAX_LENGTH} 个字` };
  return { ok: true, name };
}
