/** What an avatar without a picture shows: the first letter or character of the nickname. */
export function initialsOf(nickname: string | null | undefined): string {
  const [first] = Array.from((nickname ?? '').trim());
  return first === undefined ? '?' : first.toUpperCase();
}

const AVATAR_COLORS = ['#f06292', '#ba68c8', '#7986cb', '#4fc3f7', '#4db6ac', '#aed581', '#ffb74d', '#a1887f'];

/** A stable colour per person, so the same friend always looks the same. */
export function avatarColorOf(key: string): string {
  let hash = 0;
  for (let i = 0; i < key.length; i++) hash = (hash * 31 + key.charCodeAt(i)) | 0;
  // The modulo keeps the index in range; the fallback is only there for the type.
  return AVATAR_COLORS[Math.abs(hash) % AVATAR_COLORS.length] ?? '#9e9e9e';
}
