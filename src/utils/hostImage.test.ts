import { hostImageSrc } from './hostImage';

// The server address is baked in at build time; here it is a mini-program's configured server.
jest.mock('../services/serverConfig', () => ({ serverUrl: () => 'http://127.0.0.1:3000' }));

describe('hostImageSrc', () => {
  it('puts the server address in front of a host path', () => {
    expect(hostImageSrc('/images/banner.svg')).toBe('http://127.0.0.1:3000/images/banner.svg');
    expect(hostImageSrc('images/banner.svg')).toBe('http://127.0.0.1:3000/images/banner.svg');
  });

  it('passes full URLs through and has nothing for an empty address', () => {
    expect(hostImageSrc('https://cdn.example.com/a.png')).toBe('https://cdn.example.com/a.png');
    expect(hostImageSrc('data:image/png;base64,AA')).toBe('data:image/png;base64,AA');
    expect(hostImageSrc('')).toBeNull();
    expect(hostImageSrc(null)).toBeNull();
  });
});
