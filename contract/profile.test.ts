import { AVATAR_DATA_URL_MAX_CHARS, avatarProblem, nicknameProblem } from './profile';

const PNG_HEADER = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG_HEADER = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1]);
const WEBP_HEADER = Buffer.concat([Buffer.from('RIFF'), Buffer.from([1, 2, 3, 4]), Buffer.from('WEBPVP8 ')]);
const dataUrl = (type: string, bytes: Buffer) => `data:image/${type};base64,${bytes.toString('base64')}`;

describe('profile rules', () => {
  it('takes 1 to 20 characters of nickname, counting characters, not UTF-16 units', () => {
    expect(nicknameProblem('')).toMatch(/blank/);
    expect(nicknameProblem('闺'.repeat(20))).toBeNull();
    expect(nicknameProblem('😀'.repeat(20))).toBeNull();
    expect(nicknameProblem('闺'.repeat(21))).toMatch(/at most 20/);
  });

  it('takes no avatar, an http(s) URL, or a real PNG/JPEG/WebP picture as a data URL', () => {
    expect(avatarProblem('')).toBeNull();
    expect(avatarProblem('https://example.com/a.png')).toBeNull();
    expect(avatarProblem(`https://example.com/${'a'.repeat(600)}`)).toMatch(/at most 512/);
    expect(avatarProblem(dataUrl('png', PNG_HEADER))).toBeNull();
    expect(avatarProblem(dataUrl('jpeg', JPEG_HEADER))).toBeNull();
    expect(avatarProblem(dataUrl('webp', WEBP_HEADER))).toBeNull();
  });

  it('refuses other schemes, other types, a mislabelled picture and an oversized one', () => {
    expect(avatarProblem('javascript:alert(1)')).toMatch(/http\(s\) URL or a data/);
    expect(avatarProblem(dataUrl('svg+xml', Buffer.from('<svg/>')))).toMatch(/png\|jpeg\|webp/);
    expect(avatarProblem(dataUrl('png', JPEG_HEADER))).toMatch(/not a png picture/);
    expect(avatarProblem(dataUrl('jpeg', Buffer.from('<script>alert(1)</script>')))).toMatch(/not a jpeg/);
    expect(avatarProblem('data:image/png;base64,iVBO R')).toMatch(/base64 picture/);
    const big = dataUrl('png', Buffer.concat([PNG_HEADER, Buffer.alloc(AVATAR_DATA_URL_MAX_CHARS)]));
    expect(avatarProblem(big)).toMatch(/at most 24000/);
  });
});
